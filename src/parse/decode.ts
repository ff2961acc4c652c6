import iconv from "iconv-lite";
import { InputError } from "./source.js";

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

/**
 * Decodes a text file's bytes. BOMs decide first; then strict UTF-8; then GB18030 (a superset of GBK, what most
 * Chinese .txt files written on Windows are in). A file that is neither is refused rather than read as mojibake.
 */
export function decodeText(buf: Uint8Array): { text: string; encoding: TextEncoding } {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: strictUtf8(buf.subarray(3)) ?? fail(), encoding: "utf-8" };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { text: new TextDecoder("utf-16le").decode(buf.subarray(2)), encoding: "utf-16le" };
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return { text: new TextDecoder("utf-16be").decode(buf.subarray(2)), encoding: "utf-16be" };
  }
  if (looksBinary(buf)) {
    throw new InputError("binary-file", "文件不是文本文件（含有二进制内容），无法按 .txt 读取");
  }
  const utf8 = strictUtf8(buf);
  if (utf8 !== undefined) return { text: utf8, encoding: "utf-8" };
  const gb = iconv.decode(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), "gb18030");
  if (plausibleChinese(gb)) return { text: gb, encoding: "gb18030" };
  return fail();
}

function fail(): never {
  throw new InputError("unknown-encoding", "无法识别文本编码（既不是 UTF-8/UTF-16，也不是 GBK/GB18030），请另存为 UTF-8 后重试");
}

function strictUtf8(buf: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(buf);
  } catch {
    return undefined;
  }
}

function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  let nul = 0;
  for (let i = 0; i < n; i++) if (buf[i] === 0) nul++;
  return nul > 0;
}

/** GB18030 decodes almost any byte string; accept it only when most non-ASCII characters are common CJK or punctuation. */
function plausibleChinese(text: string): boolean {
  let nonAscii = 0;
  let good = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) continue;
    nonAscii++;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || c === 0x201c || c === 0x201d || c === 0x2014 || c === 0x2026) good++;
  }
  return nonAscii === 0 || good / nonAscii > 0.9;
}
