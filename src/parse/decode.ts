import { createRequire } from "node:module";
import type IconvLite from "iconv-lite";
import { InputError } from "./source.js";

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

export interface DecodedText {
  /** the text; every undecodable byte sequence and every stray control character is U+FFFD */
  text: string;
  encoding: TextEncoding;
  /**
   * 1-based lines (as `txtBlocks` counts them) holding a U+FFFD, put there by decoding or already in a damaged file
   * (a sign of an earlier bad conversion); empty for a file that decodes cleanly
   */
  damagedLines: number[];
}

const REPLACEMENT = "\uFFFD";

/**
 * Decodes a text file's bytes. BOMs decide first (UTF-8, UTF-16 LE/BE; UTF-32 is refused); then BOM-less UTF-16
 * (recognised by its zero bytes falling, nearly all, on one parity); then UTF-8; then GB18030 (a superset of GBK,
 * what most Chinese .txt files written on Windows are in).
 *
 * A damaged file is still read: byte sequences that are not valid in the encoding, and C0 control characters that
 * have no place in text (NUL, BEL, …: a flipped byte, never a character of a report), become U+FFFD, and the lines
 * holding them are listed in `damagedLines`, so the caller can say which lines may have lost digits. Of two
 * readings (UTF-8, GB18030) the one with fewer bad characters wins; GB18030 only if its characters are plausibly
 * Chinese (nine in ten common characters for a clean reading, three in four for a damaged one), since it decodes
 * almost any byte string. A clean reading always wins over a damaged one.
 *
 * Throws InputError when the bytes are mostly not text in an encoding read here — bad characters on more than half
 * of the lines that have any text (real damage is local; a wrong encoding spoils nearly every line), or bad byte
 * sequences more than a fifth of the bytes:
 * "binary-file" (zero bytes or control characters: not text at all) or "unknown-encoding" (text, but not in an
 * encoding read here, e.g. Big5 that does not pass as GB18030); UTF-32 is refused as "unknown-encoding".
 */
export function decodeText(buf: Uint8Array): DecodedText {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return accept(lenientDecode(buf.subarray(3), "utf-8"), "utf-8", buf.length) ?? fail(buf);
  }
  if (buf.length >= 4 && ((buf[0] === 0xff && buf[1] === 0xfe && buf[2] === 0 && buf[3] === 0) || (buf[0] === 0 && buf[1] === 0 && buf[2] === 0xfe && buf[3] === 0xff))) {
    return fail(undefined, "UTF-32");
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return accept(lenientDecode(buf.subarray(2), "utf-16le"), "utf-16le", buf.length) ?? fail();
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return accept(lenientDecode(buf.subarray(2), "utf-16be"), "utf-16be", buf.length) ?? fail();
  }
  const utf16 = bomlessUtf16(buf);
  if (utf16) return utf16;
  // binary data spoils every line of its first kilobytes; a text with a damaged stretch does not
  if (looksBinary(buf) && !utf8OrGb18030(buf.subarray(0, 8192))) fail(buf);
  return utf8OrGb18030(buf) ?? fail(buf);
}

/** The better of the UTF-8 and GB18030 readings (see decodeText), or undefined if neither is mostly text. */
function utf8OrGb18030(buf: Uint8Array): DecodedText | undefined {
  const utf8 = markStrayControls(lenientDecode(buf, "utf-8"));
  if (!utf8.includes(REPLACEMENT)) return { text: utf8, encoding: "utf-8", damagedLines: [] };
  const gbRaw = iconv().decode(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), "gb18030");
  // damage in GBK text also yields rare characters (a flipped lead byte shifts the pairs after it): a damaged reading
  // needs three in four common ones (Big5 read as GB18030 has about one in three), a clean one nine in ten
  const common = chineseShare(gbRaw);
  const gb = common > 0.75 ? markStrayControls(gbRaw) : undefined;
  if (gb !== undefined && common > 0.9 && !gb.includes(REPLACEMENT)) return { text: gb, encoding: "gb18030", damagedLines: [] };
  const readings: { text: string; encoding: TextEncoding }[] = [{ text: utf8, encoding: "utf-8" }];
  if (gb !== undefined) readings.push({ text: gb, encoding: "gb18030" });
  readings.sort((x, y) => count(x.text, REPLACEMENT) - count(y.text, REPLACEMENT));
  for (const r of readings) {
    const ok = accept(r.text, r.encoding, buf.length);
    if (ok) return ok;
  }
  return undefined;
}

/**
 * The reading of `bytes` bytes as a result, or undefined when it is mostly not text: bad characters on more than half
 * of the lines with text, or more of them than a fifth of the bytes (each bad byte sequence is one U+FFFD).
 */
function accept(raw: string, encoding: TextEncoding, bytes: number): DecodedText | undefined {
  const text = markStrayControls(raw);
  const damagedLines = linesWith(text, REPLACEMENT);
  if (damagedLines.length === 0) return { text, encoding, damagedLines };
  const textLines = text.split(LINE_BREAK).filter((l) => l.trim()).length;
  if (damagedLines.length * 2 > textLines || count(text, REPLACEMENT) * 5 > bytes) return undefined;
  return { text, encoding, damagedLines };
}

/** The line breaks `txtBlocks` splits at: line numbers here are line numbers there. */
const LINE_BREAK = /\r\n|\r|\n/;

function linesWith(text: string, ch: string): number[] {
  const out: number[] = [];
  text.split(LINE_BREAK).forEach((l, i) => {
    if (l.includes(ch)) out.push(i + 1);
  });
  return out;
}

function count(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

/** Refuses the file: "binary-file" if the bytes (when given) look binary, else "unknown-encoding". */
function fail(buf?: Uint8Array, what?: string): never {
  if (buf && looksBinary(buf)) {
    throw new InputError("binary-file", "文件不是文本文件（含有二进制内容），无法按 .txt 读取");
  }
  throw new InputError(
    "unknown-encoding",
    what
      ? `不支持的文本编码（${what}），请另存为 UTF-8 后重试`
      : "无法识别文本编码（既不是 UTF-8/UTF-16，也不是 GBK/GB18030），请另存为 UTF-8 后重试",
  );
}

function lenientDecode(buf: Uint8Array, encoding: "utf-8" | "utf-16le" | "utf-16be"): string {
  // ignoreBOM: the BOM has been stripped already; a second one is content
  return new TextDecoder(encoding, { fatal: false, ignoreBOM: true }).decode(buf);
}

function strictDecode(buf: Uint8Array, encoding: "utf-8" | "utf-16le" | "utf-16be"): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(buf);
  } catch {
    return undefined;
  }
}

/** C0 control characters other than tab, line feed, vertical tab, form feed, carriage return and DOS end-of-file. */
function isStrayControl(c: number): boolean {
  return c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d && c !== 0x1a && c !== 0x1b;
}

// eslint-disable-next-line no-control-regex
const STRAY_CONTROL = /[\x00-\x08\x0e-\x19\x1c-\x1f]/g;

/** A stray control character in text is a damaged byte: it is marked like one. */
function markStrayControls(text: string): string {
  return text.replace(STRAY_CONTROL, REPLACEMENT);
}

/** Zero bytes or many control characters in the first 8 KB: a binary file, not text in an unknown encoding. */
function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  let zero = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = buf[i]!;
    if (c === 0) zero++;
    else if (isStrayControl(c)) control++;
  }
  return zero + control > Math.max(2, n / 100);
}

/**
 * UTF-16 without a BOM: in text made of ASCII and CJK, zero bytes are mostly the high bytes of ASCII characters, so
 * they fall on odd offsets (LE) or on even offsets (BE); CJK characters U+xx00 (一 is U+4E00) and damage put a few on
 * the other parity. With a clear majority, both byte orders are tried, the majority's first; a reading is accepted
 * only if it is plausible Chinese with few control characters and few bad characters.
 */
function bomlessUtf16(buf: Uint8Array): DecodedText | undefined {
  if (buf.length < 4) return undefined;
  const n = Math.min(buf.length, 8192);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (buf[i] === 0) i % 2 ? odd++ : even++;
  const zeros = even + odd;
  if (zeros < 2 || Math.min(even, odd) * 3 > zeros) return undefined;
  const orders: ("utf-16le" | "utf-16be")[] = even <= odd ? ["utf-16le", "utf-16be"] : ["utf-16be", "utf-16le"];
  for (const encoding of orders) {
    const text = (buf.length % 2 === 0 ? strictDecode(buf, encoding) : undefined) ?? lenientDecode(buf, encoding);
    if (!plausibleChinese(text)) continue;
    // control characters: a few are damage (marked like any), many mean the bytes are not UTF-16 at all
    const head = Math.min(text.length, 4096);
    let controls = 0;
    for (let i = 0; i < head; i++) if (isStrayControl(text.charCodeAt(i))) controls++;
    if (controls > Math.max(2, head / 100)) continue;
    const ok = accept(text, encoding, buf.length);
    if (ok) return ok;
  }
  return undefined;
}

/** GB18030 decodes almost any byte string; accept it only when most non-ASCII characters are common CJK or punctuation. */
function plausibleChinese(text: string): boolean {
  return chineseShare(text) > 0.9;
}

/** The share of common CJK characters and punctuation among the non-ASCII characters (1 when there are none). */
function chineseShare(text: string): number {
  let nonAscii = 0;
  let good = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    // U+FFFD is damage, counted elsewhere: it says nothing about the encoding
    if (c < 0x80 || c === 0xfffd) continue;
    nonAscii++;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019 || c === 0x2014 || c === 0x2026 || c === 0xb7 || c === 0x2116 || c === 0x2103 || c === 0x2030 || c === 0x3001) good++;
  }
  return nonAscii === 0 ? 1 : good / nonAscii;
}

let iconvLib: typeof IconvLite | undefined;
/** iconv-lite, loaded the first time a text is not UTF-8: a worker that reads only PDFs never loads it. */
function iconv(): typeof IconvLite {
  return (iconvLib ??= createRequire(import.meta.url)("iconv-lite") as typeof IconvLite);
}
