/**
 * Loads the pdfjs that pdf-parse itself depends on. A second pdfjs-dist in the same process fails with an API/worker
 * version mismatch, so the module is resolved from pdf-parse's own location, never from ours. Only the handful of
 * pdfjs types we touch are declared here, so a change in pdf-parse's nesting of node_modules cannot break the build.
 */
import { createRequire } from "node:module";
import { dirname, join, sep } from "node:path";
import { pathToFileURL } from "node:url";

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
}

let loading: Promise<LoadedPdfjs> | undefined;

export function loadPdfjs(): Promise<LoadedPdfjs> {
  loading ??= (async () => {
    const ours = createRequire(import.meta.url);
    // pdf-parse's "require" export condition points into its package; resolve pdfjs-dist from there
    const fromPdfParse = createRequire(ours.resolve("pdf-parse"));
    const entry = fromPdfParse.resolve("pdfjs-dist/legacy/build/pdf.mjs");
    const root = dirname(fromPdfParse.resolve("pdfjs-dist/package.json"));
    const pdfjs = (await import(pathToFileURL(entry).href)) as PdfjsModule;
    return { pdfjs, cMapDir: join(root, "cmaps") + sep, standardFontDir: join(root, "standard_fonts") + sep };
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}
