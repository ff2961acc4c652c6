/**
 * PDFium (compiled to WebAssembly by `@embedpdf/pdfium`) as a source of the same positioned text items pdfjs's
 * getTextContent gives, so that one code path (lines.ts `pageWords` → `buildLines` → layout.ts) turns the items of
 * either reader into lines and tables.
 *
 * PDFium's text page hands out characters, each with its Unicode value, origin, advance box, font size, text
 * matrix and text object (one per text-showing operator). They are grouped into runs the way pdfjs groups glyphs
 * into items (its `getTextContent`, pdfjs 5.4, constants of the same names): a run ends at a change of font or size,
 * at a jump back by more than 0.2 em, a jump forward by more than 0.6 em (then a " " item follows, which marks a word
 * boundary), or a move off the baseline; a space character of the PDF becomes a space in the run's text as pdfjs's
 * "two last chars" rule does it. A gap of 0.102–0.6 em is a space inside the run when both glyphs come from one
 * text-showing operator, and the end of the run (and a " " item) when they come from two: pdfjs ends its item there
 * whenever the font is set again after a `Q` — what generators that draw each run or table cell in its own
 * `q BT … ET Q` do — and that cannot be told from PDFium's objects; where a generator does not (every cell its own
 * `BT … ET`, the same font), pdfjs glues a figure to the next cell's label and PDFium keeps them apart
 * (tests/pdf-engines.test.ts). Characters PDFium added itself (the spaces and line breaks it infers) are skipped:
 * pdfjs does not see them. A character whose font has no Unicode mapping for it (PDFium's unicode-map error, or no
 * value at all) becomes U+FFFD, one per glyph, as lines.ts expects; none is dropped.
 *
 * The WebAssembly module is compiled and instantiated once per thread from the package's own pdfium.wasm on disk
 * (no network) and loaded only when the first PDF is read. Its hot per-character functions are called through the
 * raw WebAssembly exports: the package's `cwrap` wrappers go through `ccall` on every call.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { PdfjsTextItem, PdfjsViewport } from "./pdfjs.js";

/** The raw exports we call: pointers and handles are numbers (wasm32), booleans come back as 0/1. */
interface PdfiumExports {
  malloc(size: number): number;
  free(ptr: number): void;
  FPDF_InitLibrary(): void;
  FPDF_LoadMemDocument(data: number, size: number, password: number): number;
  FPDF_GetLastError(): number;
  FPDF_GetPageCount(doc: number): number;
  FPDF_CloseDocument(doc: number): void;
  FPDF_LoadPage(doc: number, index: number): number;
  FPDF_ClosePage(page: number): void;
  FPDF_GetPageBoundingBox(page: number, rect: number): number;
  FPDFPage_GetRotation(page: number): number;
  FPDFText_LoadPage(page: number): number;
  FPDFText_ClosePage(textPage: number): void;
  FPDFText_CountChars(textPage: number): number;
  FPDFText_GetUnicode(textPage: number, i: number): number;
  FPDFText_IsGenerated(textPage: number, i: number): number;
  FPDFText_HasUnicodeMapError(textPage: number, i: number): number;
  FPDFText_IsHyphen(textPage: number, i: number): number;
  FPDFText_GetCharOrigin(textPage: number, i: number, x: number, y: number): number;
  FPDFText_GetLooseCharBox(textPage: number, i: number, rect: number): number;
  FPDFText_GetMatrix(textPage: number, i: number, matrix: number): number;
  FPDFText_GetFontSize(textPage: number, i: number): number;
  FPDFText_GetTextObject(textPage: number, i: number): number;
  FPDFTextObj_GetFont(textObject: number): number;
  FPDFPage_CountObjects(page: number): number;
  FPDFPage_GetObject(page: number, index: number): number;
  FPDFPageObj_GetType(pageObject: number): number;
}

interface EmscriptenPdfium {
  wasmExports: Record<string, unknown>;
  HEAPU8: Uint8Array;
  HEAPF32: Float32Array;
  HEAPF64: Float64Array;
}

/** One loaded PDFium: the raw exports, the Emscripten module (its heap views are replaced when memory grows). */
export interface LoadedPdfium {
  fn: PdfiumExports;
  module: EmscriptenPdfium;
  /** scratch memory for out-parameters, 64 bytes */
  scratch: number;
}

const NEEDED: readonly (keyof PdfiumExports)[] = [
  "malloc",
  "free",
  "FPDF_InitLibrary",
  "FPDF_LoadMemDocument",
  "FPDF_GetLastError",
  "FPDF_GetPageCount",
  "FPDF_CloseDocument",
  "FPDF_LoadPage",
  "FPDF_ClosePage",
  "FPDF_GetPageBoundingBox",
  "FPDFPage_GetRotation",
  "FPDFText_LoadPage",
  "FPDFText_ClosePage",
  "FPDFText_CountChars",
  "FPDFText_GetUnicode",
  "FPDFText_IsGenerated",
  "FPDFText_HasUnicodeMapError",
  "FPDFText_IsHyphen",
  "FPDFText_GetCharOrigin",
  "FPDFText_GetLooseCharBox",
  "FPDFText_GetMatrix",
  "FPDFText_GetFontSize",
  "FPDFText_GetTextObject",
  "FPDFTextObj_GetFont",
  "FPDFPage_CountObjects",
  "FPDFPage_GetObject",
  "FPDFPageObj_GetType",
];

let loading: Promise<LoadedPdfium> | undefined;

/**
 * Loads PDFium once per thread (later calls share the promise; a failed load is retried next time). Rejects when
 * the package or its pdfium.wasm is missing or lacks one of the functions used here.
 */
export function loadPdfium(): Promise<LoadedPdfium> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmBinary = readFileSync(require.resolve("@embedpdf/pdfium/pdfium.wasm"));
    const { init } = (await import("@embedpdf/pdfium")) as unknown as {
      init(overrides: Record<string, unknown>): Promise<{ pdfium: EmscriptenPdfium }>;
    };
    // the package's own console output (warnings of its assertion build) is not for gouji's users
    const { pdfium } = await init({ wasmBinary, print: () => undefined, printErr: () => undefined });
    const exports = pdfium.wasmExports;
    for (const name of NEEDED) {
      if (typeof exports[name] !== "function") throw new Error(`pdfium.wasm 缺少函数 ${name}`);
    }
    const fn = exports as unknown as PdfiumExports;
    fn.FPDF_InitLibrary();
    return { fn, module: pdfium, scratch: fn.malloc(64) };
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}

/**
 * Forgets the loaded PDFium of this thread, so that the next PDF gets a fresh instance: after a WebAssembly trap
 * (an abort inside PDFium on a damaged file) the instance's memory may be inconsistent.
 */
export function discardPdfium(): void {
  loading = undefined;
}

/** Why PDFium could not open a file (FPDF_GetLastError). */
export type PdfiumOpenError = "unknown" | "file" | "format" | "password" | "security" | "page";

const OPEN_ERRORS: Record<number, PdfiumOpenError> = { 1: "unknown", 2: "file", 3: "format", 4: "password", 5: "security", 6: "page" };

/** A PDFium failure to open a document, with PDFium's reason. */
export class PdfiumOpenFailure extends Error {
  constructor(readonly reason: PdfiumOpenError) {
    super(`PDFium cannot open the document (${reason})`);
    this.name = "PdfiumOpenFailure";
  }
}

/** The text of one page as pdfjs would hand it over: its viewport (scale 1) and text items in content order. */
export interface PdfiumPageText {
  viewport: PdfjsViewport;
  items: PdfjsTextItem[];
  /** the page could not be loaded (a damaged page object) */
  failed?: boolean;
  /** a page without text whose content is images and nothing that could hold text (a scanned page) */
  imageOnly?: boolean;
}

/** An open document. `close()` must be called (it frees PDFium's memory); reading after it throws. */
export interface PdfiumDocument {
  /** PDFium's FPDF_DOCUMENT (for tools that call PDFium themselves, as the bench does) */
  handle: number;
  numPages: number;
  readPage(index: number): PdfiumPageText;
  close(): void;
}

/**
 * Opens a PDF held in memory (the bytes are copied into PDFium's heap; the caller's buffer is untouched). Throws
 * PdfiumOpenFailure when PDFium refuses it (reason "password" for an encrypted file that needs one).
 */
export function openPdfium(p: LoadedPdfium, bytes: Uint8Array): PdfiumDocument {
  const { fn } = p;
  const data = fn.malloc(Math.max(1, bytes.length));
  if (!data) throw new PdfiumOpenFailure("unknown");
  p.module.HEAPU8.set(bytes, data);
  const doc = fn.FPDF_LoadMemDocument(data, bytes.length, 0);
  if (!doc) {
    const reason = OPEN_ERRORS[fn.FPDF_GetLastError()] ?? "unknown";
    fn.free(data);
    throw new PdfiumOpenFailure(reason);
  }
  let open = true;
  return {
    handle: doc,
    numPages: Math.max(0, fn.FPDF_GetPageCount(doc)),
    readPage(index: number): PdfiumPageText {
      if (!open) throw new Error("PDFium document already closed");
      return readPage(p, doc, index);
    },
    close() {
      if (!open) return;
      open = false;
      fn.FPDF_CloseDocument(doc);
      fn.free(data);
    },
  };
}

const PAGEOBJ_TEXT = 1;
const PAGEOBJ_IMAGE = 3;
const PAGEOBJ_FORM = 5;

/**
 * The page draws at least one image and no text object, not even inside a form XObject: a scan. pdfjs reads the same
 * content streams, so it would find no text on it either.
 */
function imageOnly(p: LoadedPdfium, page: number): boolean {
  const { fn } = p;
  const n = fn.FPDFPage_CountObjects(page);
  let images = 0;
  for (let i = 0; i < n; i++) {
    const type = fn.FPDFPageObj_GetType(fn.FPDFPage_GetObject(page, i));
    if (type === PAGEOBJ_TEXT || type === PAGEOBJ_FORM) return false;
    if (type === PAGEOBJ_IMAGE) images++;
  }
  return images > 0;
}

// pdfjs's getTextContent constants (fractions of the font size)
const TRACKING_SPACE_FACTOR = 0.102;
const NOT_A_SPACE_FACTOR = 0.03;
const NEGATIVE_SPACE_FACTOR = -0.2;
const SPACE_IN_FLOW_MIN_FACTOR = 0.102;
const SPACE_IN_FLOW_MAX_FACTOR = 0.6;
const VERTICAL_SHIFT_RATIO = 0.25;

/** what pdfjs counts as whitespace (`/^\s/`) and as an invisible format mark (`\p{Cf}`), which it skips */
const WHITESPACE = /^\s$/;
const FORMAT_MARK = /^\p{Cf}$/u;
/** pdfjs's normalizeUnicode: NFKC for a few compatibility characters (spaces, ligatures, presentation forms) */
const NORMALIZE = /([\u00a0\u00b5\u037e\u0eb3\u2000-\u200a\u202f\u2126\ufb00-\ufb04\ufb06\ufb20-\ufb36\ufb38-\ufb3c\ufb3e\ufb40-\ufb41\ufb43-\ufb44\ufb46-\ufba1\ufba4-\ufba9\ufbae-\ufbb1\ufbd3-\ufbdc\ufbde-\ufbe7\ufbea-\ufbf8\ufbfc-\ufbfd\ufc00-\ufc5d\ufc64-\ufcf1\ufcf5-\ufd3d\ufd88\ufdf4\ufdfa-\ufdfb\ufe71\ufe77\ufe79\ufe7b\ufe7d]+)|(\ufb05+)/gu;
const REPLACEMENT = "\uFFFD";
const UNMAPPED = { text: REPLACEMENT, space: false, skip: false };
const HYPHEN = { text: "-", space: false, skip: false };

/** the text of a code point as pdfjs would give it, and whether it is whitespace / to be skipped (cached) */
const charCache = new Map<number, { text: string; space: boolean; skip: boolean }>();
function charOf(u: number): { text: string; space: boolean; skip: boolean } {
  let c = charCache.get(u);
  if (!c) {
    const valid = u > 0 && u <= 0x10ffff && !(u >= 0xd800 && u <= 0xdfff);
    const text = valid ? String.fromCodePoint(u) : REPLACEMENT;
    c = { text, space: WHITESPACE.test(text), skip: FORMAT_MARK.test(text) };
    charCache.set(u, c);
  }
  return c;
}

/** A run being built: pdfjs's textContentItem. Positions in user space. */
interface Run {
  str: string;
  transform: [number, number, number, number, number, number];
  font: number;
  fontSize: number;
  height: number;
  /** unit vector of the text direction */
  dx: number;
  dy: number;
  x0: number;
  y0: number;
  hasEOL: boolean;
  /** glyphs stacked downwards (a vertical font, WMode 1): pdfjs's vertical item, one glyph wide */
  vertical: boolean;
  /** the position of the run's text object (its Tm): where pdfjs places a vertical item */
  objX: number;
  objY: number;
  /** the origin of the run's last glyph (for the vertical test) */
  vx: number;
  vy: number;
}

/**
 * Where the last glyph ended and the measures of its run: pdfjs compares the next glyph with them even after the
 * run was flushed (a font change), so a gap between two runs still counts.
 */
interface LastGlyph {
  /** false until the page's first glyph */
  valid: boolean;
  endX: number;
  endY: number;
  dx: number;
  dy: number;
  /** text-space → user-space scale along the text direction */
  scale: number;
  fontSize: number;
  height: number;
  transform: number[];
  /** its PDFium text object (one per text-showing operator) */
  object: number;
  /** its origin, and whether PDFium found no Unicode value for it */
  ox: number;
  oy: number;
  unmapped: boolean;
}

/**
 * The viewport pdfjs's `page.getViewport({ scale: 1 })` gives for a view box (x0, y0, x1, y1 in user space) and a
 * /Rotate of 0, 90, 180 or 270: user space → device space, y down.
 */
export function viewportOf(view: [number, number, number, number], rotate: number): PdfjsViewport {
  const [x0, y0, x1, y1] = view;
  const cx = (x1 + x0) / 2;
  const cy = (y1 + y0) / 2;
  let r = rotate % 360;
  if (r < 0) r += 360;
  let a: number, b: number, c: number, d: number;
  if (r === 90) [a, b, c, d] = [0, 1, 1, 0];
  else if (r === 180) [a, b, c, d] = [-1, 0, 0, 1];
  else if (r === 270) [a, b, c, d] = [0, -1, -1, 0];
  else [a, b, c, d] = [1, 0, 0, -1];
  let ox: number, oy: number, width: number, height: number;
  if (a === 0) {
    ox = Math.abs(cy - y0);
    oy = Math.abs(cx - x0);
    width = y1 - y0;
    height = x1 - x0;
  } else {
    ox = Math.abs(cx - x0);
    oy = Math.abs(cy - y0);
    width = x1 - x0;
    height = y1 - y0;
  }
  return { width, height, transform: [a, b, c, d, ox - a * cx - c * cy, oy - b * cx - d * cy] };
}

function readPage(p: LoadedPdfium, doc: number, index: number): PdfiumPageText {
  const { fn, scratch } = p;
  const page = fn.FPDF_LoadPage(doc, index);
  if (!page) return { viewport: viewportOf([0, 0, 612, 792], 0), items: [], failed: true };
  try {
    let view: [number, number, number, number] = [0, 0, 612, 792];
    if (fn.FPDF_GetPageBoundingBox(page, scratch)) {
      // FS_RECTF: left, top, right, bottom
      const f = p.module.HEAPF32;
      const k = scratch >> 2;
      const left = f[k]!;
      const top = f[k + 1]!;
      const right = f[k + 2]!;
      const bottom = f[k + 3]!;
      view = [Math.min(left, right), Math.min(top, bottom), Math.max(left, right), Math.max(top, bottom)];
    }
    const viewport = viewportOf(view, (fn.FPDFPage_GetRotation(page) & 3) * 90);
    const textPage = fn.FPDFText_LoadPage(page);
    if (!textPage) return { viewport, items: [] };
    try {
      const items = pageItems(p, textPage, view);
      return items.length ? { viewport, items } : { viewport, items, imageOnly: imageOnly(p, page) };
    } finally {
      fn.FPDFText_ClosePage(textPage);
    }
  } finally {
    fn.FPDF_ClosePage(page);
  }
}

/**
 * PDFium keeps positions and sizes in 32-bit floats (620.95 is 620.9500122), pdfjs in doubles: rounded to a thousandth
 * of a point, a value printed in the PDF with up to three decimals is the same number in both readers, so that the
 * comparisons of lines.ts and tables.ts (a cell's edge against a column's) tie or not alike.
 */
const r3 = (v: number): number => Math.round(v * 1000) / 1000;

/** The characters of a text page grouped into pdfjs-like items (see the file's comment). */
function pageItems(p: LoadedPdfium, tp: number, view: [number, number, number, number]): PdfjsTextItem[] {
  const { fn, scratch } = p;
  const items: PdfjsTextItem[] = [];
  const n = fn.FPDFText_CountChars(tp);
  let run: Run | undefined;
  // the last glyph, updated in place (one object per page, not per glyph)
  const last: LastGlyph = { valid: false, endX: 0, endY: 0, dx: 1, dy: 0, scale: 1, fontSize: 0, height: 0, transform: [1, 0, 0, 1, 0, 0], object: 0, ox: 0, oy: 0, unmapped: false };
  // pdfjs's twoLastChars ring: a glyph right after "X " (one space after a non-space) gets a space before it
  const last2 = [" ", " "];
  let pos = 0;
  const saveLastChar = (ch: string): boolean => {
    const next = (pos + 1) % 2;
    const ret = last2[pos] !== " " && last2[next] === " ";
    last2[pos] = ch;
    pos = next;
    return ret;
  };
  const resetLastChars = () => {
    last2[0] = last2[1] = " ";
    pos = 0;
  };
  const shouldAddWhitespace = () => last2[pos] !== " " && last2[(pos + 1) % 2] === " ";
  /**
   * Ends the run. `extra`: the advance to a glyph that was measured into the run before a shift off the baseline
   * ended it (pdfjs adds it to the item's width, so the item reaches to where that glyph starts).
   */
  const flush = (extra = 0) => {
    if (!run) return;
    if (run.str && last.valid) {
      const width = run.vertical ? run.fontSize * last.scale : (last.endX - run.x0) * run.dx + (last.endY - run.y0) * run.dy + extra;
      if (run.vertical) {
        run.transform[4] = run.objX;
        run.transform[5] = run.objY;
      }
      let str = run.str;
      NORMALIZE.lastIndex = 0;
      if (NORMALIZE.test(str)) {
        str = str.replace(NORMALIZE, (_m, p1: string | undefined, p2: string | undefined) => (p1 ? p1.normalize("NFKC") : "ſt".repeat((p2 ?? "").length)));
      }
      items.push({ str, transform: run.transform, width: Math.abs(width), height: run.height, hasEOL: run.hasEOL });
    }
    run = undefined;
  };
  /** a " " item where the last glyph ended: lines.ts takes it for a word boundary after the previous run */
  const pushWhitespace = (width: number) => {
    if (!last.valid) return;
    const t = last.transform;
    items.push({ str: " ", transform: [t[0]!, t[1]!, t[2]!, t[3]!, last.endX, last.endY], width: Math.abs(width), height: 0, hasEOL: false });
  };
  const appendEOL = () => {
    resetLastChars();
    if (run) {
      run.hasEOL = true;
      flush();
    }
  };
  /** pdfjs's compareWithLastPosition for a glyph of text object `object` at (ox, oy) */
  const compare = (ox: number, oy: number, object: number): "vertical" | undefined => {
    if (!last.valid) return;
    // a vertical font stacks the glyphs of one text-showing operator downwards, one advance apart
    if (run && object === last.object && run.str) {
      const sx = ox - run.vx;
      const sy = oy - run.vy;
      const side = (sx * last.dx + sy * last.dy) / last.scale;
      const down = sx * last.dy - sy * last.dx;
      if (Math.abs(side) < 0.2 * last.fontSize && down > 0.5 * last.height && down < 1.5 * last.height) return "vertical";
    }
    const gx = ox - last.endX;
    const gy = oy - last.endY;
    if (gx === 0 && gy === 0) return;
    const along = (gx * last.dx + gy * last.dy) / last.scale;
    const across = Math.abs(-gx * last.dy + gy * last.dx);
    const fs = last.fontSize;
    const h = last.height;
    const gap = Math.abs(gx * last.dx + gy * last.dy);
    if (along < fs * NEGATIVE_SPACE_FACTOR) {
      if (across > 0.5 * h) appendEOL();
      else {
        resetLastChars();
        flush();
      }
      return;
    }
    if (across > h) {
      appendEOL();
      return;
    }
    if (along <= fs * NOT_A_SPACE_FACTOR) resetLastChars();
    // the advance pdfjs adds to the open item's width
    let added = 0;
    if (along <= fs * TRACKING_SPACE_FACTOR) {
      if (shouldAddWhitespace()) {
        resetLastChars();
        flush();
        pushWhitespace(gap);
      } else added = along * last.scale;
    } else if (along >= fs * SPACE_IN_FLOW_MIN_FACTOR && along <= fs * SPACE_IN_FLOW_MAX_FACTOR) {
      if (run && object === last.object) {
        resetLastChars();
        run.str += " ";
        added = along * last.scale;
      } else {
        flush();
        resetLastChars();
        pushWhitespace(gap);
      }
    } else {
      flush();
      resetLastChars();
      pushWhitespace(gap);
    }
    if (across > h * VERTICAL_SHIFT_RATIO) flush(added);
  };
  // per text object: its matrix (without the font size) and font
  let obj = -1;
  let ma = 1;
  let mb = 0;
  let mc = 0;
  let md = 1;
  let me = 0;
  let mf = 0;
  let font = 0;
  const [vx0, vy0, vx1, vy1] = view;
  for (let i = 0; i < n; i++) {
    if (fn.FPDFText_IsGenerated(tp, i) === 1) continue;
    const mapError = fn.FPDFText_HasUnicodeMapError(tp, i) === 1;
    const u = fn.FPDFText_GetUnicode(tp, i);
    // PDFium hands a hyphen that ends a line over as U+0002 (its mark for a word broken there)
    const ch = mapError ? UNMAPPED : u === 2 && fn.FPDFText_IsHyphen(tp, i) === 1 ? HYPHEN : charOf(u);
    if (ch.skip) continue;
    if (ch.space) {
      saveLastChar(" ");
      continue;
    }
    const o = fn.FPDFText_GetTextObject(tp, i);
    if (o !== obj) {
      obj = o;
      if (fn.FPDFText_GetMatrix(tp, i, scratch)) {
        const f = p.module.HEAPF32;
        const k = scratch >> 2;
        ma = f[k]!;
        mb = f[k + 1]!;
        mc = f[k + 2]!;
        md = f[k + 3]!;
        me = f[k + 4]!;
        mf = f[k + 5]!;
      } else [ma, mb, mc, md, me, mf] = [1, 0, 0, 1, 0, 0];
      font = o ? fn.FPDFTextObj_GetFont(o) : 0;
    }
    const fontSize = fn.FPDFText_GetFontSize(tp, i);
    fn.FPDFText_GetCharOrigin(tp, i, scratch, scratch + 8);
    const heap = p.module.HEAPF64;
    const ox = r3(heap[scratch >> 3]!);
    const oy = r3(heap[(scratch >> 3) + 1]!);
    let boxW = 0;
    let boxH = 0;
    if (fn.FPDFText_GetLooseCharBox(tp, i, scratch + 16)) {
      const f = p.module.HEAPF32;
      const k = (scratch + 16) >> 2;
      // FS_RECTF: left, top, right, bottom
      boxW = r3(Math.abs(f[k + 2]! - f[k]!));
      boxH = r3(Math.abs(f[k + 1]! - f[k + 3]!));
    }
    const scale = Math.sqrt(ma * ma + mb * mb) || 1;
    const dx = ma / scale;
    const dy = mb / scale;
    // the glyph's advance along the text direction: the loose box is its advance box turned into user space
    const advance = Math.abs(dx) * boxW + Math.abs(dy) * boxH;
    // pdfjs drops glyphs that start outside the page's view box
    if (ox + advance < vx0 || ox > vx1 || oy < vy0 || oy > vy1) continue;
    if (run && (font !== run.font || fontSize !== run.fontSize)) flush();
    // PDFium's "loose" box spans a glyph's advance as its font's widths give it, but for a glyph without a Unicode
    // mapping in a font it had to stand in for (not embedded, no ToUnicode) it can be the stand-in's outline, wider
    // than the step PDFium itself placed the next glyph at: such a glyph ends at the latest where the next glyph of
    // its text object starts. (A mapped glyph keeps its box: a negative kerning that pulls the next one back is a
    // gap pdfjs measures too.)
    if (last.valid && last.unmapped && last.object === o) {
      const step = (ox - last.ox) * last.dx + (oy - last.oy) * last.dy;
      const advance = (last.endX - last.ox) * last.dx + (last.endY - last.oy) * last.dy;
      if (step > 0 && step < advance) {
        last.endX = last.ox + step * last.dx;
        last.endY = last.oy + step * last.dy;
      }
    }
    const vertical = compare(ox, oy, o) === "vertical";
    if (run && vertical) run.vertical = true;
    if (!run) {
      const transform: Run["transform"] = [r3(fontSize * ma), r3(fontSize * mb), r3(fontSize * mc), r3(fontSize * md), ox, oy];
      run = {
        str: "",
        transform,
        font,
        fontSize,
        height: Math.sqrt(transform[2] * transform[2] + transform[3] * transform[3]),
        dx,
        dy,
        x0: ox,
        y0: oy,
        hasEOL: false,
        vertical: false,
        objX: me,
        objY: mf,
        vx: ox,
        vy: oy,
      };
    }
    run.vx = ox;
    run.vy = oy;
    if (saveLastChar(ch.text)) run.str += " ";
    run.str += ch.text;
    if (advance || !last.valid) {
      last.valid = true;
      last.endX = ox + advance * dx;
      last.endY = oy + advance * dy;
      last.dx = dx;
      last.dy = dy;
      last.scale = scale;
      last.fontSize = run.fontSize;
      last.height = run.height;
      last.transform = run.transform;
      last.object = o;
      last.ox = ox;
      last.oy = oy;
      last.unmapped = mapError;
    }
  }
  flush();
  return items;
}
