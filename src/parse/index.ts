/**
 * Reads one file into a SourceDocument: sniffs what the bytes are (extensions lie), then hands them to the parser
 * for that format. Parsers are loaded lazily so `gouji --version` and txt-only runs stay fast.
 */
import { InputError, type SourceDocument } from "./source.js";
import { parseTxt } from "./txt.js";

export type SniffedFormat = "txt" | "docx" | "pdf" | "zip" | "ole" | "wps" | "empty" | "binary";

export function sniff(buf: Uint8Array): SniffedFormat {
  if (buf.length === 0) return "empty";
  const head = Buffer.from(buf.subarray(0, 8));
  if (head.subarray(0, 5).toString("latin1") === "%PDF-") return "pdf";
  // a PDF may carry junk before its header (allowed within the first 1024 bytes)
  if (Buffer.from(buf.subarray(0, 1024)).includes("%PDF-")) return "pdf";
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05)) return "zip";
  if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return "ole";
  return "txt";
}

export const MAX_FILE_BYTES = 200 * 1024 * 1024;

export interface ParseOptions {
  /** stop parsing after this many milliseconds (pdf/docx); the caller also enforces its own limit */
  timeoutMs?: number;
}

export async function parseDocument(buf: Uint8Array, path: string, opts: ParseOptions = {}): Promise<SourceDocument> {
  if (buf.length > MAX_FILE_BYTES) {
    throw new InputError("file-too-large", `文件过大（${(buf.length / 1048576).toFixed(0)} MB，上限 ${MAX_FILE_BYTES / 1048576} MB）`);
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
      const { parseDocx } = await import("./docx.js");
      return parseDocx(buf, opts);
    }
    case "ole":
      if (ext === "wps") throw new InputError("legacy-wps", "这是 WPS 旧格式（.wps）文件，请用 WPS 或 Word 另存为 .docx 后再检查");
      throw new InputError("legacy-doc", "这是 Word 97-2003 格式（.doc）文件，请在 Word 中另存为 .docx 后再检查");
    default:
      if (ext === "docx" || ext === "pdf") {
        // the extension promised a container, the bytes are plain text: read them as text, but only if they are text
      }
      return parseTxt(buf);
  }
}
