/**
 * Reads a PDF into a SourceDocument with one of two readers, then rebuilds lines, page furniture and tables from the
 * positioned text items by one code path (./pdf/lines.ts → ./pdf/layout.ts) whatever the reader:
 *
 * - **pdfium** (default): PDFium compiled to WebAssembly (./pdf/pdfium.ts), its characters grouped into the items
 *   pdfjs would give. About three times faster than pdfjs and a third of its memory.
 * - **pdfjs**: the pdfjs that pdf-parse depends on (./pdf/pdfjs.ts), getTextContent per page, with eval disabled, no
 *   font loading, no system fonts, CMaps / standard font data read from pdfjs-dist's own folders on disk.
 *
 * pdfjs is also the fallback: a file PDFium cannot open (other than for a password), whose page it cannot load, on
 * which it fails, or from which it gets no usable text is read again with pdfjs, within what is left of the time
 * limit, and pdfjs's verdict stands (so encrypted, damaged and image-only files keep their error codes). Not read
 * again: a file that needs a password, and a scan (every page an image without any text object), which pdfjs, reading
 * the same content streams, could not read either.
 *
 * Glyphs without a Unicode mapping (a font with no ToUnicode map: pdfjs hands back control characters, PDFium flags a
 * mapping error) are kept as U+FFFD and named in one notice (pages and count): the numbers they stand for cannot be
 * read, and the file must not look clean. When they are most of the text, there is no usable text layer at all
 * (no-text-layer).
 *
 * Errors are InputErrors with stable codes: encrypted-pdf, corrupt-pdf, no-text-layer, timeout.
 */
import { InputError, type SourceDocument, type SourceNotice } from "./source.js";
import type { ParseOptions } from "./index.js";
import { loadPdfjs, type PdfjsDocument, type PdfjsLoadingTask, type PdfjsViewport } from "./pdf/pdfjs.js";
import { buildLines, pageWords, REPLACEMENT } from "./pdf/lines.js";
import { layoutPages, type LaidOutPage } from "./pdf/layout.js";
import { isPageNumber } from "./pdf/furniture.js";
import type { PdfEngine } from "./engines.js";

/** PDFium's WebAssembly memory beyond which the instance is replaced after a file (it starts at 18 MB) */
const MAX_PDFIUM_MEMORY = 256 * 1024 * 1024;

/** fewer meaningful characters than this in the whole file: there is no text layer to speak of */
const MIN_TEXT_CHARS = 10;

export { PDF_ENGINES, type PdfEngine } from "./engines.js";

/**
 * The reader used when the caller names none: `GOUJI_PDF_ENGINE` (pdfium or pdfjs; anything else is ignored), else
 * pdfium.
 */
export function defaultPdfEngine(): PdfEngine {
  const env = process.env.GOUJI_PDF_ENGINE;
  return env === "pdfjs" || env === "pdfium" ? env : "pdfium";
}

/** What read a PDF, for tests and the bench: `pdfium`, or `pdfjs` (chosen, or as the fallback, with PDFium's reason). */
export interface PdfReading {
  reader: PdfEngine;
  /** why PDFium's reading was not used (the fallback ran): its error code and message */
  fallbackFrom?: { code: string; message: string };
}

const readings = new WeakMap<SourceDocument, PdfReading>();

/** Which reader produced a document parsePdf returned (undefined for other documents). */
export function pdfReadingOf(doc: SourceDocument): PdfReading | undefined {
  return readings.get(doc);
}

/**
 * Reads a PDF with `opts.pdfEngine` (default: defaultPdfEngine()). Resolves with its lines and tables as blocks;
 * rejects with an InputError (encrypted-pdf, corrupt-pdf, no-text-layer, timeout). The caller's buffer is not changed.
 */
export async function parsePdf(buf: Uint8Array, opts: ParseOptions = {}): Promise<SourceDocument> {
  const engine = opts.pdfEngine ?? defaultPdfEngine();
  if (engine === "pdfjs") {
    const doc = await parseWithPdfjs(buf, opts);
    readings.set(doc, { reader: "pdfjs" });
    return doc;
  }
  const started = Date.now();
  let fallbackFrom: { code: string; message: string };
  try {
    const doc = await parseWithPdfium(buf, opts);
    readings.set(doc, { reader: "pdfium" });
    return doc;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    // pdfjs would say the same of a password and of a scan, and a file over its time has no time left
    if (e.code === "encrypted-pdf" || e.code === "timeout" || e instanceof ScannedPdf) throw e;
    fallbackFrom = { code: e.code, message: e.message };
  }
  let timeoutMs = opts.timeoutMs;
  if (timeoutMs && timeoutMs > 0) {
    timeoutMs = timeoutMs - (Date.now() - started);
    if (timeoutMs <= 0) throw timeoutError(opts.timeoutMs!);
  }
  const doc = await parseWithPdfjs(buf, { ...opts, ...(timeoutMs ? { timeoutMs } : {}) });
  readings.set(doc, { reader: "pdfjs", fallbackFrom });
  return doc;
}

/** no-text-layer of a PDF whose every page PDFium found to be an image and nothing else (no fallback to pdfjs) */
class ScannedPdf extends InputError {
  constructor(message: string) {
    super("no-text-layer", message);
  }
}

/** Pages of positioned lines → the document: the checks on unmapped glyphs and on the amount of text, then layout. */
function finishDocument(pages: LaidOutPage[]): SourceDocument {
  const unmapped = new Map<number, number>();
  let glyphs = 0;
  for (const p of pages) {
    for (const l of p.lines) {
      glyphs += l.text.replace(/\s/g, "").length;
      const k = countOf(l.text, REPLACEMENT);
      if (k) unmapped.set(p.page, (unmapped.get(p.page) ?? 0) + k);
    }
  }
  const unreadable = [...unmapped.values()].reduce((a, b) => a + b, 0);
  if (unreadable * 2 > glyphs) {
    throw new InputError(
      "no-text-layer",
      `PDF 的文字没有 Unicode 映射（字体缺少 ToUnicode 表）：${glyphs} 个字符中有 ${unreadable} 个无法识别，文字层不可用；需要先做 OCR 文字识别，或提供原始文件（.docx）`,
    );
  }
  const labels = new Map<number, string>();
  const blocks = layoutPages(pages, labels);
  const chars = blocks.reduce((n, b) => n + (b.kind === "text" ? (isPageNumber(b.text) ? 0 : b.text.replace(/\s/g, "").length) : b.rows.length), 0);
  if (chars < MIN_TEXT_CHARS) {
    throw new InputError(
      "no-text-layer",
      `PDF 共 ${pages.length} 页，但没有可提取的文字层（可能是扫描件或图片，也可能是文件已损坏）；需要先做 OCR 文字识别，或提供含文字的原始文件，本工具不猜测图片内容`,
    );
  }
  const doc: SourceDocument = { format: "pdf", blocks, pages: pages.length };
  const differ = [...labels].filter(([page, label]) => label !== String(page));
  if (differ.length) doc.pageLabels = Object.fromEntries(differ);
  if (unreadable) doc.notices = [unmappedNotice(unmapped, blocks)];
  return doc;
}

/** One page's items (pdfjs's shape) → its positioned lines. */
function laidOutPage(n: number, items: readonly unknown[], viewport: PdfjsViewport): LaidOutPage {
  const { words, width, height } = pageWords(items, viewport);
  return { page: n, width, height, lines: words.length ? buildLines(words, n) : [] };
}

/**
 * The PDFium reading. PDFium runs synchronously page by page: between pages the loop yields to the event loop now
 * and then and checks the deadline. Any failure inside PDFium (a trap of the WebAssembly on a damaged file) becomes a
 * corrupt-pdf InputError and the thread's PDFium instance is replaced for the next file.
 */
async function parseWithPdfium(buf: Uint8Array, opts: ParseOptions): Promise<SourceDocument> {
  const { loadPdfium, openPdfium, discardPdfium, PdfiumOpenFailure } = await import("./pdf/pdfium.js");
  const deadline = opts.timeoutMs && opts.timeoutMs > 0 ? Date.now() + opts.timeoutMs : Infinity;
  let pdfium;
  try {
    pdfium = await loadPdfium();
  } catch (e) {
    throw new InputError("corrupt-pdf", `PDFium 无法加载（${detail(e)}）`);
  }
  let doc;
  try {
    doc = openPdfium(pdfium, buf);
  } catch (e) {
    if (e instanceof PdfiumOpenFailure) {
      if (e.reason === "password") throw new InputError("encrypted-pdf", ENCRYPTED_MESSAGE);
      throw new InputError("corrupt-pdf", `PDF 文件已损坏或不完整，无法读取（PDFium: ${e.reason}）`);
    }
    discardPdfium();
    throw new InputError("corrupt-pdf", `PDF 文件无法读取，可能已损坏（${detail(e)}）`);
  }
  let trapped = false;
  try {
    if (!doc.numPages) throw new InputError("corrupt-pdf", "PDF 文件已损坏：找不到任何页面");
    const pages: LaidOutPage[] = [];
    let scanned = 0;
    let yielded = Date.now();
    for (let n = 1; n <= doc.numPages; n++) {
      if (Date.now() - yielded > 50) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        yielded = Date.now();
      }
      if (Date.now() > deadline) throw timeoutError(opts.timeoutMs!);
      let page;
      try {
        page = doc.readPage(n - 1);
      } catch (e) {
        trapped = true;
        throw new InputError("corrupt-pdf", `PDF 文件已损坏：第 ${n} 页无法读取（${detail(e)}）`);
      }
      if (page.failed) throw new InputError("corrupt-pdf", `PDF 文件已损坏：第 ${n} 页无法读取`);
      if (page.imageOnly) scanned++;
      pages.push(laidOutPage(n, page.items, page.viewport));
    }
    try {
      return finishDocument(pages);
    } catch (e) {
      // every page an image and nothing else: a scan, which pdfjs would not read either (it reads the same content
      // streams); it is spared loading pdfjs to say so
      if (e instanceof InputError && e.code === "no-text-layer" && scanned === pages.length) throw new ScannedPdf(e.message);
      throw e;
    }
  } finally {
    try {
      doc.close();
    } catch {
      trapped = true;
    }
    // a WebAssembly memory only grows: after a very large file, the next one gets a fresh instance and this memory
    // goes with the old one
    if (trapped || pdfium.module.HEAPU8.length > MAX_PDFIUM_MEMORY) discardPdfium();
  }
}

/** The pdfjs reading, under the time limit (see readPages). */
async function parseWithPdfjs(buf: Uint8Array, opts: ParseOptions): Promise<SourceDocument> {
  const { pdfjs, cMapDir, standardFontDir } = await loadPdfjs();
  const task = pdfjs.getDocument({
    // pdfjs transfers (detaches) the buffer it is given: hand it a copy
    data: new Uint8Array(buf),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    cMapUrl: cMapDir,
    cMapPacked: true,
    standardFontDataUrl: standardFontDir,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });

  let timer: NodeJS.Timeout | undefined;
  let abandoned = false;
  const deadline = opts.timeoutMs && opts.timeoutMs > 0 ? Date.now() + opts.timeoutMs : Infinity;
  const expired = () => {
    if (!abandoned && Date.now() > deadline) {
      abandoned = true;
      task.destroy().catch(() => undefined);
    }
    return abandoned;
  };
  const work = readPages(task, expired, opts.timeoutMs ?? 0);
  const limit =
    opts.timeoutMs && opts.timeoutMs > 0
      ? new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            abandoned = true;
            reject(timeoutError(opts.timeoutMs!));
            // stops the worker: pending pdfjs calls reject and the page loop ends
            task.destroy().catch(() => undefined);
          }, opts.timeoutMs);
        })
      : undefined;
  work.catch(() => undefined);
  try {
    const pages = await (limit ? Promise.race([work, limit]) : work);
    return finishDocument(pages);
  } finally {
    clearTimeout(timer);
    if (!abandoned) await task.destroy().catch(() => undefined);
  }
}

/**
 * pdfjs's in-process ("fake") worker runs on promise callbacks only, so a timer cannot fire while it works: between
 * pages the loop yields to the event loop and checks the deadline itself. A single page that never ends cannot be
 * interrupted from inside the thread; the CLI's worker pool terminates such a thread from outside.
 */
async function readPages(task: PdfjsLoadingTask, abandoned: () => boolean, timeoutMs: number): Promise<LaidOutPage[]> {
  const timeout = () => timeoutError(timeoutMs);
  let doc: PdfjsDocument;
  try {
    doc = await task.promise;
  } catch (e) {
    if (abandoned()) throw timeout();
    throw loadError(e);
  }
  if (!doc.numPages) throw new InputError("corrupt-pdf", "PDF 文件已损坏：找不到任何页面");
  const pages: LaidOutPage[] = [];
  let yielded = Date.now();
  for (let n = 1; n <= doc.numPages; n++) {
    // let timers run now and then (every page would cost a few per cent)
    if (Date.now() - yielded > 50) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      yielded = Date.now();
    }
    if (abandoned()) throw timeout();
    try {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      pages.push(laidOutPage(n, content.items, viewport));
      page.cleanup();
    } catch (e) {
      if (abandoned()) throw timeout();
      if (e instanceof InputError) throw e;
      throw new InputError("corrupt-pdf", `PDF 文件已损坏：第 ${n} 页无法读取（${detail(e)}）`);
    }
  }
  return pages;
}

/** One notice for all unmapped glyphs: which pages, how many, and what it means for the numbers there. */
function unmappedNotice(perPage: Map<number, number>, blocks: SourceDocument["blocks"]): SourceNotice {
  const pages = [...perPage.keys()].sort((a, b) => a - b);
  const total = [...perPage.values()].reduce((a, b) => a + b, 0);
  const first = blocks.find((b) => b.kind === "text" && b.text.includes(REPLACEMENT));
  const notice: SourceNotice = {
    code: "unmapped-glyphs",
    message: `第${pages.length > 20 ? `${pages.slice(0, 20).join("、")}页等 ${pages.length} 页` : `${pages.join("、")}页`}共有 ${total} 个字符没有 Unicode 映射（PDF 字体缺少 ToUnicode 表），已以�代替；这些位置的数字无法读取，所在小节未参与核对`,
    place: { page: pages[0]! },
  };
  if (first?.kind === "text") notice.snippet = first.text.length > 60 ? `${first.text.slice(0, 60)}…` : first.text;
  return notice;
}

function countOf(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

const ENCRYPTED_MESSAGE = "PDF 文件设置了打开密码（已加密），无法读取；请提供未加密的文件";

function timeoutError(ms: number): InputError {
  const limit = ms >= 1000 ? `${Math.round(ms / 1000)} 秒` : `${ms} 毫秒`;
  return new InputError("timeout", `PDF 解析超时（超过 ${limit}），已放弃该文件`);
}

function loadError(e: unknown): InputError {
  const name = (e as { name?: string })?.name;
  if (name === "PasswordException") {
    return new InputError("encrypted-pdf", ENCRYPTED_MESSAGE);
  }
  if (name === "InvalidPDFException") return new InputError("corrupt-pdf", `PDF 文件已损坏或不完整，无法读取（${detail(e)}）`);
  return new InputError("corrupt-pdf", `PDF 文件无法读取，可能已损坏（${detail(e)}）`);
}

/** The PDF readers' own words for a damaged file, in Chinese; anything else is quoted as the reader's words. */
const READER_MESSAGES: [RegExp, string][] = [
  [/^Invalid PDF structure/i, "文件结构无效，可能已损坏或不完整"],
  [/XRef|xref/, "交叉引用表损坏"],
  [/^Bad (?:FCHECK|FDICT)|Invalid (?:block|stored block|code)|Unknown compression|Bad encoding in flate/i, "压缩数据流损坏"],
  [/Missing PDF|No PDF header|PDF header/i, "缺少 PDF 文件头"],
  [/Unexpected end|unexpected EOF|end of (?:file|stream)/i, "文件意外结束（可能被截断）"],
];

/** Why a PDF reader failed, for a Chinese message: a known cause in Chinese, else the reader's words quoted. */
function detail(e: unknown): string {
  const msg = (e instanceof Error ? e.message : String(e)).slice(0, 120);
  const known = READER_MESSAGES.find(([re]) => re.test(msg));
  return known ? known[1] : `读取器原文：${msg}`;
}
