/**
 * Reads a saved web page (.html / .htm) into a SourceDocument, the same shape the .docx reader gives: one SourceText
 * per paragraph (a line broken by <br> is one block per line, with the paragraph's place), one SourceTable per data
 * table, with colspan/rowspan as written. From there on a web page is checked exactly as the .docx of the same text.
 *
 * Parsing: parse5 builds the tree a browser builds from the same bytes (WHATWG tree construction), so the rows and
 * cells read here are those the reader saw in the browser, also for pages whose `<td>`, `<tr>` and `<p>` are never
 * closed, as many CMS exports of government sites are. Hand-written parsing of such pages would have to repeat those
 * rules.
 *
 * Encoding: a byte-order mark decides; then a charset declared in the first 4 KB (`<meta charset>`,
 * `<meta http-equiv="Content-Type" content="…; charset=gb2312">`, or an XML declaration), decoded with iconv-lite
 * (gb2312, gbk and gb18030 are all read as GB18030, their superset; big5 as Big5); without a declaration, or when the
 * declared one spoils the text, the page is decoded like a .txt (UTF-8, then GB18030; see decode.ts).
 *
 * Left out as page furniture: script, style, head, nav, aside, menu, forms' controls, iframes; `<header>` and
 * `<footer>` of the page (not those inside an <article> or <main>, which hold the article's title and notes); anything
 * hidden (`hidden`, `aria-hidden`, `display:none`); landmarks with a navigation/banner/contentinfo role; and elements
 * whose id or class names them as furniture (nav, menu, header, footer, breadcrumb, sidebar, copyright …) unless they
 * also name themselves content (content, article, main …).
 *
 * Layout tables (a table that holds another table, or a table of one cell) are the page's scaffolding, not data:
 * their cells are read as paragraphs.
 *
 * Places: paragraphs are numbered 1-based in reading order, each table cell counting as one paragraph at least, as
 * the .docx reader counts them (`place.paragraph`).
 *
 * Throws InputError "unknown-encoding" when the bytes cannot be decoded as text in any encoding read here.
 */
import iconv from "iconv-lite";
import type { DefaultTreeAdapterMap } from "parse5";
import { decodeText } from "./decode.js";
import { InputError, type SourceBlock, type SourceCell, type SourceDocument, type SourceTable } from "./source.js";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];
type ParentNode = DefaultTreeAdapterMap["parentNode"];

/** Decodes an HTML file's bytes: BOM, then the declared charset, then the .txt heuristics. */
export function decodeHtml(buf: Uint8Array): { text: string; encoding: string } {
  const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString("utf8"), encoding: "utf-8" };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), "utf-16le"), encoding: "utf-16le" };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes.subarray(2), "utf-16be"), encoding: "utf-16be" };
  const declared = declaredCharset(bytes.subarray(0, 4096).toString("latin1"));
  if (declared) {
    const text = iconv.decode(bytes, declared);
    // a page saved in another encoding than it declares (a common mistake of editors and CMS exports) spoils
    // nearly every Chinese character: then the bytes decide, as for a .txt
    if (!text.includes("\uFFFD")) return { text, encoding: declared };
    try {
      const guessed = decodeText(buf);
      if (countBad(guessed.text) < countBad(text)) return { text: guessed.text, encoding: guessed.encoding };
    } catch {
      // not text in any other encoding either: keep the declared reading, damaged characters and all
    }
    return { text, encoding: declared };
  }
  try {
    const guessed = decodeText(buf);
    return { text: guessed.text, encoding: guessed.encoding };
  } catch (e) {
    if (e instanceof InputError) throw new InputError("unknown-encoding", "网页文件的文字编码无法识别（未声明 charset，也不是 UTF-8 或 GBK/GB18030），请另存为 UTF-8 后重试");
    throw e;
  }
}

function countBad(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\uFFFD"); i >= 0; i = s.indexOf("\uFFFD", i + 1)) n++;
  return n;
}

/** The iconv-lite name of the charset the page declares, if it declares one iconv-lite knows. */
export function declaredCharset(head: string): string | undefined {
  const m =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (!m) return undefined;
  const label = m[1]!.toLowerCase();
  if (/^(?:gb2312|gbk|gb18030|x-gbk|cp936|ms936|windows-936|euc-cn|csgb2312|chinese|iso-ir-58)$/.test(label)) return "gb18030";
  if (/^(?:utf-?8|unicode-1-1-utf-8)$/.test(label)) return "utf-8";
  // a page that says UTF-16 in a meta tag is ASCII-compatible bytes: the meta itself could be read (browsers do the same)
  if (/^utf-?16/.test(label)) return "utf-8";
  return iconv.encodingExists(label) ? label : undefined;
}

/** Elements never read: scripts, styles and other furniture or non-text content. */
const SKIPPED = new Set([
  "head", "script", "style", "noscript", "template", "nav", "aside", "menu", "iframe", "frame", "frameset", "object",
  "embed", "svg", "math", "canvas", "video", "audio", "map", "button", "select", "input", "textarea", "option", "datalist", "dialog",
]);
/** Elements that start and end a paragraph of their own (everything else is inline). */
const BLOCK = new Set([
  "address", "article", "blockquote", "body", "center", "dd", "details", "dir", "div", "dl", "dt", "fieldset", "figcaption",
  "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "ol", "p", "pre",
  "section", "summary", "ul", "caption", "tr", "td", "th", "tbody", "thead", "tfoot", "html", "legend", "listing", "xmp", "plaintext",
]);
const FURNITURE_ROLES = /^(?:navigation|banner|contentinfo|menu|menubar|search|complementary|toolbar)$/i;
const FURNITURE_WORDS = new Set([
  "nav", "navbar", "navigation", "menu", "menus", "mainmenu", "submenu", "topbar", "top", "header", "footer", "foot", "bottom",
  "breadcrumb", "breadcrumbs", "crumb", "crumbs", "position", "location", "sidebar", "side", "toolbar", "share", "copyright",
  "friendlink", "links", "dh", "daohang", "weizhi", "banner", "search", "login",
]);
const CONTENT_WORDS = new Set(["content", "article", "text", "body", "detail", "details", "zoom", "trs", "editor", "con", "info", "news"]);

function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

function isElement(n: Node): n is Element {
  return "tagName" in n;
}

function children(n: Node): Node[] {
  return "childNodes" in n ? (n as ParentNode).childNodes : [];
}

/** Whether an element is furniture or hidden; `inContent` when it sits inside an <article> or <main>. */
function isFurniture(el: Element, inContent: boolean): boolean {
  const tag = el.tagName;
  if (SKIPPED.has(tag)) return true;
  if ((tag === "header" || tag === "footer") && !inContent) return true;
  if (el.attrs.some((a) => a.name === "hidden") || attr(el, "aria-hidden") === "true") return true;
  const style = attr(el, "style");
  if (style && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)) return true;
  const role = attr(el, "role");
  if (role && FURNITURE_ROLES.test(role.trim())) return true;
  const words = `${attr(el, "id") ?? ""} ${attr(el, "class") ?? ""}`.toLowerCase().split(/[\s_-]+/).filter(Boolean);
  return words.some((w) => FURNITURE_WORDS.has(w)) && !words.some((w) => CONTENT_WORDS.has(w));
}

/** Rows of a table, in document order, without those of nested tables. */
function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  const visit = (n: Node) => {
    for (const c of children(n)) {
      if (!isElement(c)) continue;
      if (c.tagName === "tr") rows.push(c);
      else if (c.tagName === "thead" || c.tagName === "tbody" || c.tagName === "tfoot") visit(c);
    }
  };
  visit(table);
  return rows;
}

function rowCells(tr: Element): Element[] {
  return children(tr).filter((c): c is Element => isElement(c) && (c.tagName === "td" || c.tagName === "th"));
}

function hasDescendant(n: Node, tag: string): boolean {
  return children(n).some((c) => isElement(c) && (c.tagName === tag || hasDescendant(c, tag)));
}

/** The page's scaffolding rather than data: it holds another table, or has a single cell. */
function isLayoutTable(table: Element): boolean {
  if (hasDescendant(table, "table")) return true;
  const cells = tableRows(table).flatMap(rowCells);
  return cells.length <= 1;
}

function span(el: Element, name: string): number {
  const n = Number.parseInt(attr(el, name) ?? "", 10);
  return Number.isFinite(n) && n > 1 ? Math.min(n, 1000) : 1;
}

/** Whitespace as a browser renders it: runs of ASCII whitespace are one space; no-break spaces are spaces. */
function collapse(s: string): string {
  return s.replace(/[ \t\n\r\f]+/g, " ").replace(/\u00a0/g, " ");
}

export function htmlBlocks(document: Node): SourceBlock[] {
  const blocks: SourceBlock[] = [];
  let paragraphNo = 0;

  /** Collects the inline text of one paragraph; <br> is "\n". */
  class Flow {
    text = "";
    constructor(readonly out: SourceBlock[]) {}
    flush(): void {
      const lines = this.text.split("\n").map((l) => l.replace(/^ +| +$/g, ""));
      this.text = "";
      if (!lines.some((l) => l.trim())) return;
      const place = { paragraph: ++paragraphNo };
      for (const line of lines) if (line.trim()) this.out.push({ kind: "text", text: line, place });
    }
  }

  const walk = (n: Node, flow: Flow, pre: boolean, inContent: boolean): void => {
    if (n.nodeName === "#text") {
      const v = (n as DefaultTreeAdapterMap["textNode"]).value;
      flow.text += pre ? v.replace(/\r\n?/g, "\n") : collapse(v);
      return;
    }
    if (!isElement(n)) {
      for (const c of children(n)) walk(c, flow, pre, inContent);
      return;
    }
    if (isFurniture(n, inContent)) return;
    const tag = n.tagName;
    if (tag === "br") {
      flow.text += "\n";
      return;
    }
    if (tag === "img") return;
    if (tag === "table") {
      flow.flush();
      if (isLayoutTable(n)) {
        for (const tr of tableRows(n)) {
          for (const td of rowCells(tr)) {
            for (const c of children(td)) walk(c, flow, pre, inContent);
            flow.flush();
          }
        }
        // a caption of a layout table is text like any other
        for (const c of children(n)) if (isElement(c) && c.tagName === "caption") walkBlock(c, flow, pre, inContent);
        return;
      }
      table(n, flow.out, inContent);
      return;
    }
    const content = inContent || tag === "article" || tag === "main";
    const isPre = pre || tag === "pre" || tag === "textarea" || tag === "listing" || tag === "xmp";
    if (BLOCK.has(tag)) walkBlock(n, flow, isPre, content);
    else for (const c of children(n)) walk(c, flow, isPre, content);
  };

  const walkBlock = (el: Element, flow: Flow, pre: boolean, inContent: boolean) => {
    flow.flush();
    for (const c of children(el)) walk(c, flow, pre, inContent);
    flow.flush();
  };

  const table = (t: Element, out: SourceBlock[], inContent: boolean) => {
    // the caption is the table's title, printed above it
    for (const c of children(t)) if (isElement(c) && c.tagName === "caption") walkBlock(c, new Flow(out), false, inContent);
    const rows: SourceCell[][] = [];
    for (const tr of tableRows(t)) {
      if (isFurniture(tr, inContent)) continue;
      const row: SourceCell[] = [];
      for (const td of rowCells(tr)) {
        const inner: SourceBlock[] = [];
        const first = paragraphNo + 1;
        const flow = new Flow(inner);
        if (!isFurniture(td, inContent)) for (const c of children(td)) walk(c, flow, false, inContent);
        flow.flush();
        const lines = inner.map((b) => (b.kind === "text" ? b.text : b.rows.map((r) => r.map((x) => x.text).filter(Boolean).join(" ")).join("\n")));
        // every cell is a paragraph at least, as in Word
        if (paragraphNo < first) paragraphNo = first;
        const cell: SourceCell = {
          text: lines.map((l) => l.trim()).filter(Boolean).join("\n"),
          place: { paragraph: inner[0]?.place.paragraph ?? first },
        };
        if (span(td, "colspan") > 1) cell.colSpan = span(td, "colspan");
        if (span(td, "rowspan") > 1) cell.rowSpan = span(td, "rowspan");
        row.push(cell);
      }
      if (row.length) rows.push(row);
    }
    if (rows.length === 0) return;
    const st: SourceTable = { kind: "table", rows, place: { paragraph: rows[0]![0]!.place.paragraph ?? paragraphNo } };
    out.push(st);
  };

  const flow = new Flow(blocks);
  walk(document, flow, false, false);
  flow.flush();
  return blocks;
}

/** Reads a saved web page. Throws InputError "unknown-encoding" (see decodeHtml). */
export async function parseHtml(buf: Uint8Array): Promise<SourceDocument> {
  const { text } = decodeHtml(buf);
  const { parse } = await import("parse5");
  const document = parse(text);
  return { format: "html", blocks: htmlBlocks(document) };
}
