/**
 * Reads a .docx into a SourceDocument: one SourceText per body paragraph, one SourceTable per Word table.
 *
 * How: mammoth parses the package into its own document tree (paragraphs, runs, tables, rows, cells with colSpan and
 * rowSpan already worked out from gridSpan/vMerge); its `transformDocument` hook hands us that tree, we walk it, and
 * give mammoth back an empty document so it spends no time writing HTML. No HTML is parsed, so nothing needs
 * unescaping: cell text is the document's own text (`>=1次`, not `&gt;=1次`).
 *
 * Before mammoth (which inflates with jszip, in memory, trusting the sizes the zip declares) sees the bytes, the zip's
 * central directory is read here: a truncated or corrupt file, a zip that is not a Word document, and a zip bomb
 * (declared sizes over the cap, or XML parts that inflate to more than they declare) are refused with an InputError.
 *
 * Paragraph numbers (`place.paragraph`) count every paragraph of the main document in reading order, 1-based,
 * including empty ones and those inside table cells (as Word's own paragraph collection does). A cell's place is
 * its first paragraph; a table's place is its first cell's.
 *
 * Automatic numbering: Word draws list labels ("一、", "（一）", "1.") from numbering.xml and mammoth drops them,
 * keeping only the list level. The model builder finds headings by their printed prefix, so a heading paragraph
 * whose text carries no numbering gets a synthesised label (see `headingLabeler`):
 *  - a paragraph in a heading style ("Heading N" / "标题 N", N = 1..4) has rank N;
 *    otherwise an ordered list paragraph has rank = list level + 1 (1..4); anything else gets no label;
 *  - if the document's rank-1 headings are "parts" (a rank-1 heading printed "第X部分…", a style name containing
 *    "部分", or an unnumbered rank-1 heading titled "…概况" / "名词解释" / "…情况说明"), heading-style ranks
 *    1, 2, 3, 4 are labelled "第一部分 ", "一、", "（一）", "1."; otherwise (and always for plain list
 *    paragraphs) ranks 1, 2, 3, 4 are labelled "一、", "（一）", "1.", "（1）";
 *  - each label kind counts on through the document (whether the label is synthesised or printed) and restarts
 *    when a shallower label appears.
 * Word's real label format (numFmt/lvlText) is not exposed by mammoth, so a list that Word numbers "1." at level 0
 * is labelled "一、" here: an approximation that puts the paragraph at the right depth relative to its siblings.
 */
import { inflateRawSync } from "node:zlib";
import { InputError, type SourceBlock, type SourceCell, type SourceDocument, type SourceTable } from "./source.js";
import type { ParseOptions } from "./index.js";

/** Largest total uncompressed size (sum of all zip entries, as declared) accepted for a .docx. */
export const MAX_DOCX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024;

export async function parseDocx(buf: Uint8Array, opts: ParseOptions = {}): Promise<SourceDocument> {
  const zip = checkDocxZip(buf, opts.maxUncompressedBytes ?? MAX_DOCX_UNCOMPRESSED_BYTES);
  const { default: mammoth } = await import("mammoth");
  let tree: MNode | undefined;
  try {
    await mammoth.convertToHtml(
      { buffer: Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength) },
      {
        transformDocument: (doc: MNode) => {
          tree = doc;
          // nothing for mammoth to render: we only want its tree
          return { ...doc, children: [] };
        },
      },
    );
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/main document part/i.test(msg)) throw notDocx(zip.names);
    throw corrupt(`文档内容无法解析（${msg.replace(/\s+/g, " ").slice(0, 100)}）`);
  }
  if (!tree) throw corrupt();
  return { format: "docx", blocks: docxBlocks(tree) };
}

// ---------------------------------------------------------------------------------------------------------------
// mammoth's document tree → blocks

/** The parts of mammoth's document model (lib/documents.js) that are read here. */
interface MNode {
  type: string;
  children?: MNode[];
  value?: string;
  styleName?: string | null;
  numbering?: { level: string; isOrdered: boolean } | null;
  colSpan?: number;
  rowSpan?: number;
  breakType?: string;
  checked?: boolean;
}

export function docxBlocks(doc: MNode): SourceBlock[] {
  const blocks: SourceBlock[] = [];
  let paragraphNo = 0;
  const label = headingLabeler(doc);

  /** Text of one paragraph; nested paragraphs/tables (text boxes) are collected into `extra`. */
  const inlineText = (nodes: MNode[] | undefined, extra: MNode[]): string => {
    let s = "";
    for (const n of nodes ?? []) {
      switch (n.type) {
        case "text":
          s += n.value ?? "";
          break;
        case "tab":
          s += "\t";
          break;
        case "break":
          s += "\n";
          break;
        case "checkbox":
          s += n.checked ? "☑" : "☐";
          break;
        case "paragraph":
        case "table":
          extra.push(n);
          break;
        default:
          // runs, hyperlinks and any other container; images, notes, comments and bookmarks have no children
          if (n.children) s += inlineText(n.children, extra);
      }
    }
    return s;
  };

  let tableDepth = 0;
  const paragraph = (p: MNode, out: SourceBlock[]) => {
    const place = { paragraph: ++paragraphNo };
    const extra: MNode[] = [];
    const raw = inlineText(p.children, extra);
    // labels only for body paragraphs: a list label inside a cell would turn "100.00" into "一、100.00"
    const text = tableDepth ? raw : label(p, raw);
    for (const line of text.split("\n")) out.push({ kind: "text", text: line, place });
    for (const n of extra) block(n, out);
  };

  const table = (t: MNode, out: SourceBlock[]) => {
    const rows: SourceCell[][] = [];
    for (const r of cellsOrRows(t.children, "tableRow")) {
      const row: SourceCell[] = [];
      for (const c of cellsOrRows(r.children, "tableCell")) {
        const inner: SourceBlock[] = [];
        const first = paragraphNo + 1;
        tableDepth++;
        for (const n of c.children ?? []) block(n, inner);
        tableDepth--;
        const lines: string[] = [];
        for (const b of inner) {
          if (b.kind === "text") lines.push(b.text);
          else for (const ir of b.rows) lines.push(ir.map((x) => x.text).filter(Boolean).join(" "));
        }
        const cell: SourceCell = {
          text: lines
            .map((l) => l.trim())
            .filter(Boolean)
            .join("\n"),
          place: { paragraph: inner.length ? (inner[0]!.place.paragraph ?? first) : first },
        };
        if ((c.colSpan ?? 1) > 1) cell.colSpan = c.colSpan;
        if ((c.rowSpan ?? 1) > 1) cell.rowSpan = c.rowSpan;
        row.push(cell);
      }
      rows.push(row);
    }
    const place = { paragraph: rows.find((r) => r.length)?.[0]?.place.paragraph ?? paragraphNo + 1 };
    const st: SourceTable = { kind: "table", rows, place };
    out.push(st);
  };

  const block = (n: MNode, out: SourceBlock[]) => {
    if (n.type === "paragraph") paragraph(n, out);
    else if (n.type === "table") table(n, out);
    else for (const c of n.children ?? []) block(c, out);
  };

  for (const n of doc.children ?? []) block(n, blocks);
  return blocks;
}

/** Rows of a table / cells of a row, looking through any wrapper mammoth leaves in between. */
function cellsOrRows(nodes: MNode[] | undefined, type: string): MNode[] {
  const out: MNode[] = [];
  for (const n of nodes ?? []) {
    if (n.type === type) out.push(n);
    else if (n.type !== "table" && n.type !== "paragraph" && n.children) out.push(...cellsOrRows(n.children, type));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// synthesised heading labels

/** Printed numbering the model builder recognises (src/model/headings.ts), plus "1、" and "第一章"-like forms. */
const VISIBLE_NUMBERING = /^\s*(?:第[一二三四五六七八九十百\d]+[部分章节条]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、](?!\d))/;
const PART_TITLE = /(?:概况|名词解释|情况说明)$/;
const HEADING_STYLE = /^(?:heading|标题)\s*([1-9])$/i;

function headingRank(p: MNode): { rank: number; styled: boolean } | undefined {
  const m = HEADING_STYLE.exec((p.styleName ?? "").trim());
  if (m) return { rank: Number(m[1]), styled: true };
  if (p.numbering?.isOrdered) return { rank: Number(p.numbering.level) + 1, styled: false };
  return undefined;
}

const LABELS: ((n: number) => string)[] = [
  (n) => `第${chineseNumber(n)}部分 `,
  (n) => `${chineseNumber(n)}、`,
  (n) => `（${chineseNumber(n)}）`,
  (n) => `${n}.`,
  (n) => `（${n}）`,
];

/** Returns a function that prefixes an unnumbered heading paragraph's text with the label Word would have drawn. */
function headingLabeler(doc: MNode): (p: MNode, text: string) => string {
  // first pass: are rank-1 heading-style paragraphs the report's parts (第X部分)?
  let parts = false;
  const visit = (n: MNode) => {
    if (parts) return;
    if (n.type === "paragraph") {
      const r = headingRank(n);
      if (r?.styled && r.rank === 1) {
        const t = plainText(n).trim();
        if (/^第[一二三四五六七八九十\d]+部分/.test(t) || /部分/.test(n.styleName ?? "")) parts = true;
        else if (!VISIBLE_NUMBERING.test(t) && PART_TITLE.test(t)) parts = true;
      }
      return;
    }
    for (const c of n.children ?? []) visit(c);
  };
  visit(doc);

  // counters per label kind (第X部分, 一、, （一）, 1., （1）); a label restarts the kinds below it
  const counters = [0, 0, 0, 0, 0];
  return (p, text) => {
    const r = headingRank(p);
    if (!r || r.rank < 1 || r.rank > 4 || !text.trim()) return text;
    const kind = r.styled && parts ? r.rank - 1 : r.rank;
    const n = ++counters[kind]!;
    counters.fill(0, kind + 1);
    if (VISIBLE_NUMBERING.test(text)) return text;
    const indent = /^\s*/.exec(text)![0];
    return indent + LABELS[kind]!(n) + text.slice(indent.length);
  };
}

function plainText(n: MNode): string {
  if (n.type === "text") return n.value ?? "";
  return (n.children ?? []).map(plainText).join("");
}

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (1..99; larger numbers fall back to digits). */
export function chineseNumber(n: number): string {
  const d = "〇一二三四五六七八九";
  if (n < 1 || n > 99) return String(n);
  if (n < 10) return d[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens > 1 ? d[tens] : ""}十${ones ? d[ones] : ""}`;
}

// ---------------------------------------------------------------------------------------------------------------
// zip checks (before mammoth/jszip inflate anything)

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

const CORRUPT = "文件已损坏或不完整（可能下载未完成），无法作为 .docx 读取";

function corrupt(detail?: string): InputError {
  return new InputError("corrupt-docx", detail ? `${CORRUPT}：${detail}` : CORRUPT);
}

/** Reads the central directory of a zip (ZIP64 included). Throws corrupt-docx if it is missing or inconsistent. */
export function readZipDirectory(buf: Uint8Array): ZipEntry[] {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const len = buf.length;
  let eocd = -1;
  for (let i = len - 22; i >= Math.max(0, len - 22 - 0xffff); i--) {
    if (dv.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt("找不到 zip 目录（文件末尾缺失）");
  let count = dv.getUint16(eocd + 10, true);
  let cdSize = dv.getUint32(eocd + 12, true);
  let cdOffset = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || dv.getUint32(loc, true) !== 0x07064b50) throw corrupt("ZIP64 目录损坏");
    const z64 = Number(dv.getBigUint64(loc + 8, true));
    if (z64 + 56 > len || dv.getUint32(z64, true) !== 0x06064b50) throw corrupt("ZIP64 目录损坏");
    count = Number(dv.getBigUint64(z64 + 32, true));
    cdSize = Number(dv.getBigUint64(z64 + 40, true));
    cdOffset = Number(dv.getBigUint64(z64 + 48, true));
  }
  if (cdOffset + cdSize > len) throw corrupt("zip 目录超出文件范围");
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  const utf8 = new TextDecoder("utf-8");
  for (let k = 0; k < count; k++) {
    if (p + 46 > len || dv.getUint32(p, true) !== 0x02014b50) throw corrupt("zip 目录项损坏");
    const flags = dv.getUint16(p + 8, true);
    const method = dv.getUint16(p + 10, true);
    let compressedSize = dv.getUint32(p + 20, true);
    let uncompressedSize = dv.getUint32(p + 24, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    let localOffset = dv.getUint32(p + 42, true);
    if (p + 46 + nameLen + extraLen > len) throw corrupt("zip 目录项损坏");
    const name = utf8.decode(buf.subarray(p + 46, p + 46 + nameLen));
    // ZIP64 extended information: the 64-bit values present are those whose 32-bit field is 0xFFFFFFFF, in order
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = dv.getUint16(e, true);
      const size = dv.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        const next = () => {
          const v = q + 8 <= e + 4 + size ? Number(dv.getBigUint64(q, true)) : NaN;
          q += 8;
          return v;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localOffset === 0xffffffff) localOffset = next();
      }
      e += 4 + size;
    }
    if (![compressedSize, uncompressedSize, localOffset].every(Number.isFinite)) throw corrupt("ZIP64 目录项损坏");
    entries.push({ name, flags, method, compressedSize, uncompressedSize, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Where an entry's compressed bytes are, from its local header. */
function entryData(buf: Uint8Array, e: ZipEntry): Uint8Array {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (e.localOffset + 30 > buf.length || dv.getUint32(e.localOffset, true) !== 0x04034b50) throw corrupt(`${e.name} 的数据头损坏`);
  const start = e.localOffset + 30 + dv.getUint16(e.localOffset + 26, true) + dv.getUint16(e.localOffset + 28, true);
  const end = start + e.compressedSize;
  if (end > buf.length) throw corrupt(`${e.name} 的数据不完整`);
  return buf.subarray(start, end);
}

/**
 * The checks done before mammoth runs. Declared sizes are summed against `maxUncompressed`; then every XML part
 * (the only parts mammoth inflates when images are not rendered) is inflated with a hard output limit equal to its
 * declared size, so a part that lies about its size cannot blow up memory inside jszip later.
 */
export function checkDocxZip(buf: Uint8Array, maxUncompressed: number): { names: Set<string> } {
  const entries = readZipDirectory(buf);
  const names = new Set(entries.map((e) => e.name));
  const total = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  if (total > maxUncompressed) throw tooLarge(total, maxUncompressed);
  const rels = entries.find((e) => e.name === "_rels/.rels");
  if (!names.has("word/document.xml")) {
    // the main part may live elsewhere; _rels/.rels names it (mammoth follows the same relationship)
    const target = rels ? officeDocumentTarget(inflateEntry(buf, rels, maxUncompressed)) : undefined;
    if (!target || !target.startsWith("word/") || !names.has(target)) throw notDocx(names);
  }
  let inflated = 0;
  for (const e of entries) {
    if (!/\.(?:xml|rels)$/i.test(e.name)) continue;
    inflated += inflateEntry(buf, e, maxUncompressed - inflated).length;
  }
  return { names };
}

function inflateEntry(buf: Uint8Array, e: ZipEntry, budget: number): Uint8Array {
  if (e.flags & 1) throw new InputError("corrupt-docx", ".docx 内的文件被加密，无法读取");
  const data = entryData(buf, e);
  if (e.method === 0) {
    if (e.compressedSize !== e.uncompressedSize) throw corrupt(`${e.name} 的大小不一致`);
    return data;
  }
  if (e.method !== 8) throw corrupt(`${e.name} 使用了不支持的压缩方式 ${e.method}`);
  if (e.uncompressedSize > budget) throw tooLarge(e.uncompressedSize, budget);
  // Inflating stops at a hard limit, so a part that lies about its size cannot blow up memory. Up to twice its declared
  // size (plus 1 MB) is room enough to tell a damaged stream, which inflates to some wrong size, from a zip bomb, which
  // inflates to far more than it declares.
  const limit = Math.min(budget, e.uncompressedSize * 2 + 1024 * 1024);
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, limit + 1) });
  } catch (err) {
    if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      throw new InputError("docx-too-large", `.docx 内的 ${e.name} 解压后大小远超其声明（疑似 zip 炸弹），已拒绝读取`);
    }
    throw corrupt(`${e.name} 无法解压`);
  }
  if (out.length > limit) {
    throw new InputError("docx-too-large", `.docx 内的 ${e.name} 解压后大小远超其声明（疑似 zip 炸弹），已拒绝读取`);
  }
  if (out.length !== e.uncompressedSize) throw corrupt(`${e.name} 的大小不一致（声明 ${e.uncompressedSize} 字节，实为 ${out.length} 字节）`);
  return out;
}

function tooLarge(size: number, cap: number): InputError {
  const mb = (n: number) => (n / 1048576).toFixed(n < 1048576 ? 2 : 0);
  return new InputError("docx-too-large", `.docx 解压后过大（${mb(size)} MB，上限 ${mb(cap)} MB），疑似 zip 炸弹，已拒绝读取`);
}

function officeDocumentTarget(relsXml: Uint8Array): string | undefined {
  const xml = new TextDecoder("utf-8").decode(relsXml);
  for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    if (!/Type="[^"]*\/officeDocument"/.test(m[0])) continue;
    const t = /Target="([^"]*)"/.exec(m[0]);
    if (t) return t[1]!.replace(/^\//, "");
  }
  return undefined;
}

/**
 * A zip without a main document part: say what it is when the parts give it away; one that holds other parts of a
 * Word document is a damaged Word document (corrupt-docx).
 */
function notDocx(names: Set<string>): InputError {
  const has = (prefix: string) => [...names].some((n) => n.startsWith(prefix));
  const tail = "；请提供 .docx、.pdf 或 .txt 文件";
  let what: string | undefined;
  if (has("xl/")) what = "Excel 工作簿（.xlsx）";
  else if (has("ppt/")) what = "PowerPoint 演示文稿（.pptx）";
  else if (names.has("OFD.xml")) what = "OFD 版式文件（.ofd）";
  else if (names.has("mimetype") && names.has("content.xml")) what = "OpenDocument 文件（.odt 等）";
  if (what) return new InputError("not-docx", `这是 ${what}，不是 Word 文档${tail}`);
  // other parts of a Word document are there (styles, settings …): a Word document that lost its body
  if (has("word/")) return corrupt("缺少正文部分 word/document.xml");
  return new InputError("not-docx", `这是一个 zip 压缩文件，但不是 Word 文档（其中没有 word/document.xml）${tail}`);
}
