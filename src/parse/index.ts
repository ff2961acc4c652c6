/**
 * Reads one file into a SourceDocument: sniffs what the bytes are (extensions lie), then hands them to the parser
 * for that format. Parsers are loaded lazily so `gouji --version` and txt-only runs stay fast.
 */
import { InputError, type SourceDocument } from "./source.js";
import { parseTxt } from "./txt.js";

export type SniffedFormat = "txt" | "docx" | "pdf" | "zip" | "ole" | "wps" | "empty" | "binary" | "rtf" | "encrypted";

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** The stream name of a password-protected OOXML file (an OLE container), in UTF-16LE as the directory stores it. */
const ENCRYPTED_PACKAGE = Buffer.from("EncryptedPackage", "utf16le");

export function sniff(buf: Uint8Array): SniffedFormat {
  if (buf.length === 0) return "empty";
  const head = Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.length, 1024));
  if (head.subarray(0, 5).toString("latin1") === "%PDF-") return "pdf";
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05)) return "zip";
  if (head.subarray(0, 8).equals(OLE_MAGIC)) {
    return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).includes(ENCRYPTED_PACKAGE) ? "encrypted" : "ole";
  }
  // a PDF may carry junk before its header (allowed within the first 1024 bytes); checked after the zip and OLE
  // signatures, whose first kilobyte may hold "%PDF-" inside a stored attachment
  if (head.includes("%PDF-")) return "pdf";
  if (head.subarray(0, 5).toString("latin1") === "{\\rtf") return "rtf";
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
}

export async function parseDocument(buf: Uint8Array, path: string, opts: ParseOptions = {}): Promise<SourceDocument> {
  const maxBytes = opts.maxBytes ?? MAX_FILE_BYTES;
  if (buf.length > maxBytes) {
    const mb = (n: number) => (n / 1048576).toFixed(n < 1048576 ? 2 : 0);
    throw new InputError("file-too-large", `文件过大（${mb(buf.length)} MB，上限 ${mb(maxBytes)} MB）`);
  }
  const kind = sniff(buf);
  const ext = path.toLowerCase().split(".").pop() ?? "";
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
    case "ole":
      if (ext === "wps") throw new InputError("legacy-wps", "这是 WPS 旧格式（.wps）文件，请用 WPS 或 Word 另存为 .docx 后再检查");
      throw new InputError("legacy-doc", "这是 Word 97-2003 格式（.doc）文件，请在 Word 中另存为 .docx 后再检查");
    case "rtf":
      throw new InputError("unsupported-format", "这是 RTF 格式文件，请在 Word 中另存为 .docx 后再检查");
    default:
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
