import iconv from "iconv-lite";
import { InputError } from "./source.js";

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

/**
 * Decodes a text file's bytes. BOMs decide first (UTF-8, UTF-16 LE/BE; UTF-32 is refused); then BOM-less UTF-16
 * (recognised by its zero bytes all falling on one parity); then strict UTF-8; then GB18030 (a superset of GBK,
 * what most Chinese .txt files written on Windows are in). A file that is none of these is refused with a stable
 * code rather than read as mojibake: "binary-file" (zero bytes or control characters: not text at all) or
 * "unknown-encoding" (text, but not in an encoding read here, e.g. Big5 that does not pass as GB18030).
 */
export function decodeText(buf: Uint8Array): { text: string; encoding: TextEncoding } {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: strictDecode(buf.subarray(3), "utf-8") ?? fail(), encoding: "utf-8" };
  }
  if (buf.length >= 4 && ((buf[0] === 0xff && buf[1] === 0xfe && buf[2] === 0 && buf[3] === 0) || (buf[0] === 0 && buf[1] === 0 && buf[2] === 0xfe && buf[3] === 0xff))) {
    return fail("UTF-32");
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { text: strictDecode(buf.subarray(2), "utf-16le") ?? fail(), encoding: "utf-16le" };
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return { text: strictDecode(buf.subarray(2), "utf-16be") ?? fail(), encoding: "utf-16be" };
  }
  const utf16 = bomlessUtf16(buf);
  if (utf16) return utf16;
  if (looksBinary(buf)) {
    throw new InputError("binary-file", "文件不是文本文件（含有二进制内容），无法按 .txt 读取");
  }
  const utf8 = strictDecode(buf, "utf-8");
  if (utf8 !== undefined) return { text: utf8, encoding: "utf-8" };
  const gb = iconv.decode(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), "gb18030");
  if (plausibleChinese(gb)) return { text: gb, encoding: "gb18030" };
  return fail();
}

function fail(what?: string): never {
  throw new InputError(
    "unknown-encoding",
    what
      ? `不支持的文本编码（${what}），请另存为 UTF-8 后重试`
      : "无法识别文本编码（既不是 UTF-8/UTF-16，也不是 GBK/GB18030），请另存为 UTF-8 后重试",
  );
}

function strictDecode(buf: Uint8Array, encoding: "utf-8" | "utf-16le" | "utf-16be"): string | undefined {
  try {
    // ignoreBOM: the BOM has been stripped already; a second one is content
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(buf);
  } catch {
    return undefined;
  }
}

/** C0 control characters other than tab, line feed, vertical tab, form feed, carriage return and DOS end-of-file. */
function isStrayControl(c: number): boolean {
  return c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d && c !== 0x1a && c !== 0x1b;
}

function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = buf[i]!;
    if (c === 0) return true;
    if (isStrayControl(c)) control++;
  }
  return control > Math.max(2, n / 100);
}

/**
 * UTF-16 without a BOM: in text made of ASCII and CJK, zero bytes occur, and only as the high byte of ASCII
 * characters, so all of them on odd offsets (LE) or all on even offsets (BE). Accepted only if it then decodes
 * strictly into plausible text.
 */
function bomlessUtf16(buf: Uint8Array): { text: string; encoding: TextEncoding } | undefined {
  if (buf.length < 4 || buf.length % 2) return undefined;
  const n = Math.min(buf.length, 8192);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (buf[i] === 0) i % 2 ? odd++ : even++;
  if (even + odd === 0) return undefined;
  const encoding = even === 0 ? "utf-16le" : odd === 0 ? "utf-16be" : undefined;
  if (!encoding) return undefined;
  const text = strictDecode(buf, encoding);
  if (text === undefined || !plausibleChinese(text)) return undefined;
  for (let i = 0; i < Math.min(text.length, 4096); i++) if (isStrayControl(text.charCodeAt(i))) return undefined;
  return { text, encoding };
}

/** GB18030 decodes almost any byte string; accept it only when most non-ASCII characters are common CJK or punctuation. */
function plausibleChinese(text: string): boolean {
  let nonAscii = 0;
  let good = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) continue;
    nonAscii++;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019 || c === 0x2014 || c === 0x2026 || c === 0xb7 || c === 0x2116 || c === 0x2103 || c === 0x2030 || c === 0x3001) good++;
  }
  return nonAscii === 0 || good / nonAscii > 0.9;
}
