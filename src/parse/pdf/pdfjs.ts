/**
 * Loads the pdfjs that pdf-parse itself depends on. A second pdfjs-dist in the same process fails with an API/worker
 * version mismatch, so the module is resolved from pdf-parse's own location, never from ours. Only the handful of
 * pdfjs types we touch are declared here, so a change in pdf-parse's nesting of node_modules cannot break the build.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { patchedWorker } from "./worker-patches.js";

export interface PdfjsTextItem {
  str: string;
  /** text-space → user-space matrix [a, b, c, d, e, f] */
  transform: number[];
  /** advance width in user-space units */
  width: number;
  height: number;
  hasEOL?: boolean;
}

export interface PdfjsViewport {
  width: number;
  height: number;
  /** user space → viewport (device, y down) */
  transform: number[];
}

export interface PdfjsPage {
  rotate: number;
  getViewport(params: { scale: number }): PdfjsViewport;
  getTextContent(params?: { includeMarkedContent?: boolean; disableNormalization?: boolean }): Promise<{
    items: (PdfjsTextItem | { type: string })[];
  }>;
  cleanup(): boolean | void;
}

export interface PdfjsDocument {
  numPages: number;
  getPage(pageNumber: number): Promise<PdfjsPage>;
  destroy(): Promise<void>;
}

export interface PdfjsLoadingTask {
  promise: Promise<PdfjsDocument>;
  destroy(): Promise<void>;
}

export interface PdfjsModule {
  version: string;
  getDocument(src: Record<string, unknown>): PdfjsLoadingTask;
  VerbosityLevel: { ERRORS: number; WARNINGS: number; INFOS: number };
}

export interface LoadedPdfjs {
  pdfjs: PdfjsModule;
  /** file-system folders (with a trailing separator, as pdfjs demands) for predefined CMaps and standard fonts */
  cMapDir: string;
  standardFontDir: string;
  /** the fixes applied to pdfjs's worker bundle (./worker-patches.ts) */
  workerPatches: string[];
}

let loading: Promise<LoadedPdfjs> | undefined;

/**
 * Loads pdfjs once per thread (later calls share the promise; a failed load is retried next time), its worker bundle
 * with the fixes of ./worker-patches.ts, and installs the guard against its stray rejections (see
 * `ignoreStrayPdfjsRejections`). Rejects only if pdfjs cannot be imported.
 */
export function loadPdfjs(): Promise<LoadedPdfjs> {
  loading ??= (async () => {
    const ours = createRequire(import.meta.url);
    // pdf-parse's "require" export condition points into its package; resolve pdfjs-dist from there
    const fromPdfParse = createRequire(ours.resolve("pdf-parse"));
    const entry = fromPdfParse.resolve("pdfjs-dist/legacy/build/pdf.mjs");
    const root = dirname(fromPdfParse.resolve("pdfjs-dist/package.json"));
    const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
    const worker = patchedWorker(fromPdfParse.resolve("pdfjs-dist/legacy/build/pdf.worker.mjs"), version);
    const workerDir = dirname(worker.path);
    ignoreStrayPdfjsRejections([root + sep, pathToFileURL(root).href + "/", workerDir + sep, pathToFileURL(workerDir).href + "/"]);
    const natives = keepNatives();
    const pdfjs = (await import(pathToFileURL(entry).href)) as PdfjsModule;
    // the fake worker's module, loaded now rather than at the first getDocument, so that both bundles' polyfills
    // have run before the natives are put back (it registers itself as globalThis.pdfjsWorker, which pdfjs uses)
    await import(pathToFileURL(worker.path).href);
    natives.restore();
    return { pdfjs, cMapDir: join(root, "cmaps") + sep, standardFontDir: join(root, "standard_fonts") + sep, workerPatches: worker.applied };
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}

/**
 * the pdfjs-dist folder and the patched worker's, each as a path and as a file URL (stacks of ES modules show URLs);
 * empty until pdfjs is loaded
 */
let pdfjsRoots: string[] = [];

/**
 * pdfjs (5.4) leaves some of its own promises unobserved when a file is damaged. `Catalog.getPageDict` prefetches the
 * dictionaries of all top-level pages into a cache (`pageDictCache.put(kid, xref.fetchAsync(kid))`) but awaits only
 * the one it looks for, so a broken cross-reference entry or object of any other page rejects with nobody listening
 * (XRefEntryException "Bad (uncompressed) XRef entry", FormatError "Illegal character"). It happens while the
 * document loads (checkFirstPage), in the same thread, for about 1 % of randomly damaged PDFs. Node turns such a
 * rejection into an uncaught exception, which killed the CLI's worker thread (the file then ended as internal-error)
 * or the whole process — although the page that is really read reports its own error through the promise we await,
 * or reads fine.
 *
 * A rejection raised inside pdfjs's own code (its stack points into the pdfjs-dist folder) is therefore ignored: it
 * cannot change what the awaited calls report. Any other unhandled rejection keeps Node's default: it is thrown,
 * unless another listener (the CLI worker's, a test runner's) takes care of it.
 */
function ignoreStrayPdfjsRejections(roots: string[]): void {
  if (pdfjsRoots.length) return;
  pdfjsRoots = roots;
  process.on("unhandledRejection", function strayPdfjsRejection(reason) {
    if (raisedInPdfjs(reason)) return;
    if (process.listeners("unhandledRejection").every((l) => l === strayPdfjsRejection)) throw reason;
  });
}

/**
 * The error was created inside pdfjs: pdfjs's exceptions carry a stack from its bundle, as do errors thrown there.
 * Always false before pdfjs is loaded.
 */
export function raisedInPdfjs(reason: unknown): boolean {
  const stack = (reason as { stack?: unknown } | null)?.stack;
  return typeof stack === "string" && pdfjsRoots.some((r) => stack.includes(r));
}

/**
 * The legacy pdfjs bundles carry core-js, which on Node 20 (V8 11) *replaces* a few built-ins that work perfectly well
 * for pdfjs with JavaScript versions that cover edge cases of newer specs: `Array.prototype.push` (an error message on
 * arrays with a read-only length), `JSON.parse` (the source-text access proposal) and `Function.prototype.toString`.
 * They are process-wide, so every `push` in pdfjs *and* in gouji went through a JavaScript function that allocates an
 * `arguments` object. In a CPU profile of the samples and seeds that was 18 % of all samples (push 14 %, its length
 * helpers 4 %); putting the natives back made a 135-file run about 15 % faster. Polyfills that *add* what Node 20
 * lacks (Promise.withResolvers, Uint8Array.fromBase64, …) are kept; only the replaced natives are put back, after
 * both bundles have loaded.
 */
function keepNatives(): { restore(): void } {
  const kept = [
    [Array.prototype, "push"],
    [JSON, "parse"],
    [Function.prototype, "toString"],
  ] as const;
  const descriptors = kept.map(([target, key]) => Object.getOwnPropertyDescriptor(target, key));
  return {
    restore() {
      kept.forEach(([target, key], i) => {
        const d = descriptors[i];
        if (d && Object.getOwnPropertyDescriptor(target, key)?.value !== d.value) Object.defineProperty(target, key, d);
      });
    },
  };
}
