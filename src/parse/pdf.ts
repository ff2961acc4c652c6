/**
 * Reads a PDF into a SourceDocument: one pdfjs pass (getTextContent per page, the same work pdf-parse's getText
 * does), then lines, page furniture and tables are rebuilt from the items' positions (see ./pdf/*.ts).
 *
 * pdfjs is the one pdf-parse depends on (./pdf/pdfjs.ts). It runs with eval disabled, no font loading, no system
 * fonts, and CMaps / standard font data read from pdfjs-dist's own folders on disk: nothing is fetched.
 *
 * Glyphs without a Unicode mapping (a font with no ToUnicode map: pdfjs hands back control characters) are kept as
 * U+FFFD and named in one notice (pages and count): the numbers they stand for cannot be read, and the file must not
 * look clean. When they are most of the text, there is no usable text layer at all (no-text-layer).
 *
 * Errors are InputErrors with stable codes: encrypted-pdf, corrupt-pdf, no-text-layer, timeout.
 */
import { InputError, type SourceDocument, type SourceNotice } from "./source.js";
import type { ParseOptions } from "./index.js";
import { loadPdfjs, type PdfjsDocument, type PdfjsLoadingTask } from "./pdf/pdfjs.js";
import { buildLines, pageWords, REPLACEMENT } from "./pdf/lines.js";
import { layoutPages, type LaidOutPage } from "./pdf/layout.js";
import { isPageNumber } from "./pdf/furniture.js";

/** fewer meaningful characters than this in the whole file: there is no text layer to speak of */
const MIN_TEXT_CHARS = 10;

export async function parsePdf(buf: Uint8Array, opts: ParseOptions = {}): Promise<SourceDocument> {
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
  const unmapped = new Map<number, number>();
  let glyphs = 0;
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
    const blocks = layoutPages(pages);
    const chars = blocks.reduce((n, b) => n + (b.kind === "text" ? (isPageNumber(b.text) ? 0 : b.text.replace(/\s/g, "").length) : b.rows.length), 0);
    if (chars < MIN_TEXT_CHARS) {
      throw new InputError(
        "no-text-layer",
        `PDF 共 ${pages.length} 页，但没有可提取的文字层（可能是扫描件或图片，也可能是文件已损坏）；需要先做 OCR 文字识别，或提供含文字的原始文件，本工具不猜测图片内容`,
      );
    }
    const doc: SourceDocument = { format: "pdf", blocks, pages: pages.length };
    if (unreadable) doc.notices = [unmappedNotice(unmapped, blocks)];
    return doc;
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
      const { words, width, height } = pageWords(content.items, viewport);
      pages.push({ page: n, width, height, lines: words.length ? buildLines(words, n) : [] });
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

function timeoutError(ms: number): InputError {
  const limit = ms >= 1000 ? `${Math.round(ms / 1000)} 秒` : `${ms} 毫秒`;
  return new InputError("timeout", `PDF 解析超时（超过 ${limit}），已放弃该文件`);
}

function loadError(e: unknown): InputError {
  const name = (e as { name?: string })?.name;
  if (name === "PasswordException") {
    return new InputError("encrypted-pdf", "PDF 文件设置了打开密码（已加密），无法读取；请提供未加密的文件");
  }
  if (name === "InvalidPDFException") return new InputError("corrupt-pdf", `PDF 文件已损坏或不完整，无法读取（${detail(e)}）`);
  return new InputError("corrupt-pdf", `PDF 文件无法读取，可能已损坏（${detail(e)}）`);
}

function detail(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.slice(0, 120);
}
