/**
 * Reads one file into a SourceDocument: sniffs what the bytes are (extensions lie), then hands them to the parser
 * for that format. Parsers are loaded lazily so `gouji --version` and txt-only runs stay fast.
 */
import { InputError, type SourceDocument } from "./source.js";
import { parseTxt } from "./txt.js";
import { extensionOf, READ_EXTENSIONS, LEGACY_EXTENSIONS, unsupportedMessage } from "./formats.js";
import type { PdfEngine } from "./engines.js";

export type SniffedFormat = "txt" | "html" | "mht" | "docx" | "pdf" | "zip" | "ole" | "wps" | "empty" | "binary" | "image" | "rtf" | "encrypted";

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** Image signatures (a scan saved as a picture is a common mistake): PNG, JPEG, GIF, TIFF (both byte orders), BMP. */
const IMAGE_MAGIC: [string, Buffer][] = [
  ["PNG", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ["JPEG", Buffer.from([0xff, 0xd8, 0xff])],
  ["GIF", Buffer.from("GIF8", "latin1")],
  ["TIFF", Buffer.from([0x49, 0x49, 0x2a, 0x00])],
  ["TIFF", Buffer.from([0x4d, 0x4d, 0x00, 0x2a])],
  ["BMP", Buffer.from("BM", "latin1")],
];

/** The kind of image the bytes start as (by signature), if any. */
export function imageKind(buf: Uint8Array): string | undefined {
  const head = Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.length, 16));
  // "BM" alone could start a text; a BMP header also declares the file's size
  return IMAGE_MAGIC.find(([kind, m]) => head.subarray(0, m.length).equals(m) && (kind !== "BMP" || (buf.length >= 14 && head.readUInt32LE(2) === buf.length)))?.[0];
}
/**
 * What an OLE container (the compound file of Office 97-2003) holds, by the name of its main stream as its directory
 * stores it (UTF-16LE): a Word document, an Excel workbook or a PowerPoint presentation.
 */
export function oleKind(buf: Uint8Array): "word" | "excel" | "powerpoint" | undefined {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const has = (name: string) => b.includes(Buffer.from(name, "utf16le"));
  if (has("WordDocument")) return "word";
  if (has("Workbook") || has("Book\u0000")) return "excel";
  if (has("PowerPoint Document")) return "powerpoint";
  return undefined;
}

/** A saved web page: a doctype or an <html> element at the start (after a BOM, whitespace and comments). */
function looksLikeHtml(head: string): boolean {
  const t = head.replace(/^\uFEFF|^\xEF\xBB\xBF/, "").replace(/^(?:\s|<!--[\s\S]*?-->|<\?xml[^>]*>)+/, "").toLowerCase();
  return t.startsWith("<!doctype html") || t.startsWith("<html") || (/^<(?:head|body|meta|title)\b/.test(t) && /<\/?(?:body|p|div|table)\b/.test(t));
}

/** The stream name of a password-protected OOXML file (an OLE container), in UTF-16LE as the directory stores it. */
const ENCRYPTED_PACKAGE = Buffer.from("EncryptedPackage", "utf16le");

export function sniff(buf: Uint8Array): SniffedFormat {
  if (buf.length === 0) return "empty";
  const head = Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.length, 1024));
  // a file cut within its signature ("%PD", "PK\x03") is what it was going to be, damaged
  if (buf.length >= 2 && buf.length < 5 && "%PDF-".startsWith(head.toString("latin1"))) return "pdf";
  if (buf.length >= 2 && buf.length < 4 && "PK\x03\x04".startsWith(head.toString("latin1"))) return "zip";
  if (head.subarray(0, 5).toString("latin1") === "%PDF-") return "pdf";
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05)) return "zip";
  if (head.subarray(0, 8).equals(OLE_MAGIC)) {
    return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).includes(ENCRYPTED_PACKAGE) ? "encrypted" : "ole";
  }
  // a PDF may carry junk before its header (allowed within the first 1024 bytes); checked after the zip and OLE
  // signatures, whose first kilobyte may hold "%PDF-" inside a stored attachment
  if (head.includes("%PDF-")) return "pdf";
  if (head.subarray(0, 5).toString("latin1") === "{\\rtf") return "rtf";
  if (imageKind(buf)) return "image";
  if (looksLikeHtml(head.toString("latin1"))) return "html";
  // "Save as single file web page" (.mht): a MIME message whose first part is the page
  if (/^(?:From:[^\n]*\n)?MIME-Version:\s*1\.0/i.test(head.toString("latin1")) && /multipart\/related/i.test(head.toString("latin1"))) return "mht";
  // a PDF whose header is damaged: its objects still give it away ("1 0 obj … endobj"), and pdfjs reads it
  if (/\b\d+\s+\d+\s+obj\b[\s\S]*\bendobj\b/.test(Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.length, 4096)).toString("latin1"))) return "pdf";
  return "txt";
}

export const MAX_FILE_BYTES = 200 * 1024 * 1024;

export interface ParseOptions {
  /** stop parsing after this many milliseconds (pdf/docx); the caller also enforces its own limit */
  timeoutMs?: number;
  /** refuse files larger than this (default MAX_FILE_BYTES) */
  maxBytes?: number;
  /** refuse a .docx whose parts together inflate to more than this (default docx.ts MAX_DOCX_UNCOMPRESSED_BYTES) */
  maxUncompressedBytes?: number;
  /** the PDF reader: "pdfium" (pdfjs as its fallback) or "pdfjs"; default pdf.ts defaultPdfEngine() */
  pdfEngine?: PdfEngine;
}

export async function parseDocument(buf: Uint8Array, path: string, opts: ParseOptions = {}): Promise<SourceDocument> {
  const maxBytes = opts.maxBytes ?? MAX_FILE_BYTES;
  if (buf.length > maxBytes) {
    const mb = (n: number) => (n / 1048576).toFixed(n < 1048576 ? 2 : 0);
    throw new InputError("file-too-large", `文件过大（${mb(buf.length)} MB，上限 ${mb(maxBytes)} MB）`);
  }
  const kind = sniff(buf);
  const dotted = extensionOf(path);
  const ext = dotted.slice(1);
  switch (kind) {
    case "empty":
      throw new InputError("empty-file", "文件为空（0 字节）");
    case "pdf": {
      const { parsePdf } = await import("./pdf.js");
      return parsePdf(buf, opts);
    }
    case "zip": {
      // xlsx, pptx, odt, ofd and plain zips are refused inside parseDocx ("not-docx"), whatever the extension says
      const { parseDocx } = await import("./docx.js");
      return parseDocx(buf, opts);
    }
    case "encrypted":
      throw new InputError("encrypted", "文件设置了打开密码（已加密），请去掉密码另存为 .docx 后再检查");
    case "ole": {
      const what = oleKind(buf);
      if (what === "excel") throw new InputError("unsupported-format", "不支持的文件格式：这是 Excel 97-2003 表格（.xls），不是 Word 文档；gouji 读取 .docx、.pdf、.txt 和 .html");
      if (what === "powerpoint") throw new InputError("unsupported-format", "不支持的文件格式：这是 PowerPoint 97-2003 演示文稿（.ppt）；gouji 读取 .docx、.pdf、.txt 和 .html");
      if (ext === "wps") throw new InputError("legacy-wps", "这是 WPS 旧格式（.wps）文件，请用 WPS 或 Word 另存为 .docx 后再检查");
      // a Word document, or a compound file whose main stream could not be found (damaged): most are .doc files
      throw new InputError("legacy-doc", "这是 Word 97-2003 格式（.doc）文件，请在 Word 中另存为 .docx 后再检查");
    }
    case "html": {
      const { parseHtml } = await import("./html.js");
      return parseHtml(buf);
    }
    case "mht":
      throw new InputError("unsupported-format", unsupportedMessage(".mht"));
    case "rtf":
      throw new InputError("unsupported-format", "这是 RTF 格式文件，请在 Word 中另存为 .docx 后再检查");
    case "image":
      // named .pdf or .docx, it is not what its name says; otherwise it is no text
      throw new InputError("binary-file", `这是图片文件（${imageKind(buf)}），不是${ext === "pdf" ? " PDF 文件" : ext === "docx" ? " Word 文档" : "文本"}；扫描件请先做 OCR 文字识别，或提供含文字的原始文件`);
    default:
      // a text file under the name of a format gouji does not read (.csv, .md, .xml …) is refused, not read as a
      // report: what it holds was not written to be read as one
      if (dotted && !(READ_EXTENSIONS as readonly string[]).includes(dotted) && !(LEGACY_EXTENSIONS as readonly string[]).includes(dotted)) {
        throw new InputError("unsupported-format", unsupportedMessage(dotted));
      }
      if (dotted === ".html" || dotted === ".htm") {
        const { parseHtml } = await import("./html.js");
        return parseHtml(buf);
      }
      // The extension promised a container but the bytes are not one. Text is read as text (a .docx that is really
      // a saved .txt); anything else is a damaged file of the promised kind, not a text file with odd bytes.
      try {
        return parseTxt(buf);
      } catch (e) {
        if (ext === "docx" && e instanceof InputError && (e.code === "binary-file" || e.code === "unknown-encoding")) {
          throw new InputError("corrupt-docx", "文件扩展名为 .docx，但内容既不是 Word 文档也不是文本（文件可能已损坏）");
        }
        throw e;
      }
  }
}
