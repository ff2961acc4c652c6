/**
 * From pdfjs text items to visual lines.
 *
 * - Every item is mapped through the page's viewport transform, so a page with /Rotate (or a rotated text matrix
 *   drawn to look upright) reads left to right, top to bottom; y grows downwards. A page whose text still runs
 *   sideways on screen is turned as well.
 * - Items whose baselines lie within 0.4 × font height form one line; a line is ordered by x.
 * - Inside a line, items are joined without anything between CJK glyph runs (justified CJK text is spread with gaps,
 *   and some generators even put spaces inside an item: "因 公 出 国"), but two digit runs further apart than 0.3 em
 *   get a space, so adjacent numbers never glue together (Latin words: 0.15 em, or a space the PDF itself has).
 * - A line is also cut into segments (candidate table cells): at gaps of ≥ 1 em, and at smaller gaps (≥ 0.25 em)
 *   after a number that is not followed by its unit ("31,214,205.80 一、一般公共服务支出" in a tight table).
 */
import type { PdfjsTextItem, PdfjsViewport } from "./pdfjs.js";

export interface Word {
  text: string;
  x0: number;
  x1: number;
  /** baseline, viewport coordinates (y down) */
  y: number;
  /** font height */
  h: number;
  /** the PDF put a space right after this run (a " " item, or trailing blanks): a word boundary in Latin text */
  spaceAfter?: boolean;
  /** the letter spacing of its line when the line is spread (justified CJK text, one glyph per item): digits that
   * stand this far apart are still one number ("6 6 , 3 0 7 . 9 8" is 66,307.98) */
  track?: number;
}

export interface Segment {
  words: Word[];
  text: string;
  x0: number;
  x1: number;
  y: number;
  h: number;
  /** the gap before this segment was ≥ 1 em (a "hard" cell boundary), rather than a number's 0.25 em one */
  hard: boolean;
}

export interface Line {
  page: number;
  y: number;
  h: number;
  x0: number;
  x1: number;
  words: Word[];
  segs: Segment[];
  text: string;
}

const CJK = /[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef“”‘’…—·]/;
const CJK_SPACE_CJK = /([\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef“”‘’…—·]) +(?=[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef“”‘’…—·])/g;

export const isCJK = (ch: string | undefined): boolean => ch !== undefined && CJK.test(ch);

// eslint-disable-next-line no-control-regex
const NEEDS_CLEANING = /[\s\u0000-\u001f\u007f\u200b-\u200d\ufeff\ufffd]/;

/**
 * A glyph without a Unicode mapping: pdfjs passes the character code through when a font has no ToUnicode map and
 * no known encoding (an Identity-H font drawing glyph ids: "216.30" comes out as "\u0015\u0014\u0019\u0011…"), and
 * such codes are control characters. They are kept, as U+FFFD, one per glyph: dropping them would silently delete
 * the digits they stand for.
 */
// eslint-disable-next-line no-control-regex
const UNMAPPED_GLYPH = /[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/g;
export const REPLACEMENT = "\uFFFD";

/** Collapses whitespace; drops the spaces a generator put between two CJK glyphs; marks unmapped glyphs as U+FFFD. */
export function cleanText(s: string): string {
  // most items are clean: skip the regex work for them
  if (!NEEDS_CLEANING.test(s)) return s;
  const t = s
    .replace(UNMAPPED_GLYPH, REPLACEMENT)
    .replace(/[\u000b-\u000d\u200b-\u200d\ufeff]/g, "")
    .replace(/\s+/g, " ")
    .replace(CJK_SPACE_CJK, "$1")
    .trim();
  // a letter-spaced run inside Chinese text ("预算 6 6 , 3 0 7 . 9 8 万元"): the generator spaced every glyph, the
  // digits are one number; a run of column numbers ("1 2 3 4") in an item without Chinese stays as it is
  return CJK.test(t) ? t.replace(SPACED_DIGITS, (run) => run.replace(/ /g, "")) : t;
}

/** three or more single digits or separators, each one space apart */
const SPACED_DIGITS = /(?<![\d.,])[\d.,%](?: [\d.,%]){2,}(?![\d.,%])/g;

export interface PageWords {
  words: Word[];
  /** the page as read: width and height swap when the page had to be turned */
  width: number;
  height: number;
}

/**
 * Text items of one page as positioned words in viewport space. Duplicates (fake bold) are dropped. A page whose text
 * still runs down, up or backwards on screen (its /Rotate disagrees with how it was drawn) is turned so that most of
 * its text reads left to right.
 */
export function pageWords(items: readonly unknown[], viewport: PdfjsViewport): PageWords {
  const words: Word[] = [];
  let [va, vb, vc, vd, ve, vf] = viewport.transform as [number, number, number, number, number, number];
  let width = viewport.width;
  let height = viewport.height;
  const turn = readingTurn(items, va, vb, vc, vd);
  if (turn) {
    // x' = t0·x + t2·y + t4, y' = t1·x + t3·y + t5, applied after the viewport transform
    const t = turn === "down" ? [0, -1, 1, 0, 0, width] : turn === "up" ? [0, 1, -1, 0, height, 0] : [-1, 0, 0, -1, width, height];
    [va, vb, vc, vd, ve, vf] = [
      t[0]! * va + t[2]! * vb,
      t[1]! * va + t[3]! * vb,
      t[0]! * vc + t[2]! * vd,
      t[1]! * vc + t[3]! * vd,
      t[0]! * ve + t[2]! * vf + t[4]!,
      t[1]! * ve + t[3]! * vf + t[5]!,
    ];
    if (turn !== "left") [width, height] = [height, width];
  }
  for (const raw of items) {
    const item = raw as PdfjsTextItem;
    if (typeof item.str !== "string" || !item.transform) continue;
    const text = cleanText(item.str);
    const last = words[words.length - 1];
    if (!text) {
      if (last && item.str) last.spaceAfter = true;
      continue;
    }
    if (last && /^\s/.test(item.str)) last.spaceAfter = true;
    // item matrix through the viewport matrix (this runs for every item: no arrays, no Math.hypot)
    const [ia, ib, ic, id, ie, iff] = item.transform as [number, number, number, number, number, number];
    const a = va * ia + vc * ib;
    const b = vb * ia + vd * ib;
    const c = va * ic + vc * id;
    const d = vb * ic + vd * id;
    const e = va * ie + vc * iff + ve;
    const f = vb * ie + vd * iff + vf;
    // font height: length of the text-space y axis; fall back to the x axis or pdfjs's own height
    const len = Math.sqrt(a * a + b * b);
    let h = Math.sqrt(c * c + d * d);
    if (!(h > 0.5)) h = len;
    if (!(h > 0.5)) h = item.height > 0.5 ? item.height : 10;
    const dx = a / (len || 1);
    const dy = b / (len || 1);
    const w = item.width > 0 ? item.width : h * text.length * 0.5;
    let x0: number;
    let x1: number;
    let y: number;
    if (Math.abs(dy) < 0.2 && dx > 0) {
      x0 = e;
      x1 = e + w * dx;
      y = f + w * dy * 0.5;
    } else {
      // text that still runs vertically or backwards after the page rotation: place it by its extent
      const ex = e + w * dx;
      const ey = f + w * dy;
      x0 = Math.min(e, ex);
      x1 = Math.max(e, ex, x0 + h * 0.8);
      y = (f + ey) / 2;
    }
    // fake bold draws the same run twice (or more), a hair apart, one right after the other
    let dup = false;
    for (let k = words.length - 1; k >= 0 && k >= words.length - 3; k--) {
      const o = words[k]!;
      if (o.text === text && Math.abs(o.x0 - x0) < 0.75 && Math.abs(o.y - y) < 0.75) dup = true;
    }
    if (dup) continue;
    const word: Word = { text, x0: r3(x0), x1: r3(x1), y: r3(y), h: r3(h) };
    if (/\s$/.test(item.str)) word.spaceAfter = true;
    words.push(word);
  }
  return { words, width, height };
}

/**
 * Positions to a thousandth of a point. The readers compute them differently (pdfjs in doubles through the text and
 * viewport matrices: 154.65 comes out as 154.64999999999998; PDFium in 32-bit floats: 154.6500091), and the table
 * code compares edges exactly in places (a header cell centred between two columns): rounded, the same printed
 * position is the same number whichever reader read it.
 */
const r3 = (v: number): number => Math.round(v * 1000) / 1000;

/** Which way most of the page's text runs on screen, when it is not left to right. */
function readingTurn(items: readonly unknown[], va: number, vb: number, vc: number, vd: number): "down" | "up" | "left" | undefined {
  let right = 0;
  let down = 0;
  let up = 0;
  let left = 0;
  for (const raw of items) {
    const item = raw as PdfjsTextItem;
    if (typeof item.str !== "string" || !item.transform) continue;
    const n = item.str.length;
    const a = va * item.transform[0]! + vc * item.transform[1]!;
    const b = vb * item.transform[0]! + vd * item.transform[1]!;
    if (a > Math.abs(b)) right += n;
    else if (-a > Math.abs(b)) left += n;
    else if (b > 0) down += n;
    else up += n;
  }
  const most = Math.max(right, down, up, left);
  if (most === 0 || right === most) return undefined;
  return down === most ? "down" : up === most ? "up" : "left";
}

const NUMBER_WORD = /^[-−+]?[\d,]*\d(?:\.\d+)?%?$/;
/** what may follow a number in running text: its unit, a counter, punctuation */
const AFTER_NUMBER = /^[万亿元%‰年月日号个人次项家辆台套名户分天倍岁平米场批件座所期条篇份页章节版，。、；：:;,.)）\]】”’-]/;

export const isNumberText = (s: string): boolean => NUMBER_WORD.test(s.replace(/\s/g, ""));

/**
 * The separator between two neighbouring runs of one line: nothing at CJK; between digit/Latin runs a space where
 * the PDF has one, or where they stand apart (digits 0.3 em: closer pieces are one number, "13" "," "377.11";
 * letters 0.15 em, about a narrow space).
 */
export function joiner(a: { text: string; x1: number; h: number; spaceAfter?: boolean }, b: { text: string; x0: number; h: number }): string {
  const la = a.text[a.text.length - 1]!;
  const fb = b.text[0]!;
  if (isCJK(la) || isCJK(fb)) return "";
  if (a.spaceAfter) return " ";
  const digits = /[\d.,%]/.test(la) && /[\d.,]/.test(fb);
  return b.x0 - a.x1 > (digits ? digitGap(a, b) : 0.15 * Math.max(a.h, b.h)) ? " " : "";
}

/** The gap beyond which two digit runs are two numbers: 0.3 em, or the line's letter spacing plus 0.12 em. */
function digitGap(a: { h: number; track?: number }, b: { h: number }): number {
  const em = Math.max(a.h, b.h);
  return Math.max(0.3 * em, (a.track ?? 0) + 0.12 * em);
}

/**
 * The letter spacing of a spread line: the median gap between neighbouring single CJK glyphs, when most glyphs of the
 * line are single items and that gap is wider than a tight 0.1 em; 0 otherwise.
 */
function letterSpacing(words: Word[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < words.length; i++) {
    const a = words[i - 1]!;
    const b = words[i]!;
    const gap = b.x0 - a.x1;
    if (a.text.length === 1 && b.text.length === 1 && isCJK(a.text) && isCJK(b.text) && gap >= 0 && gap < Math.max(a.h, b.h)) gaps.push(gap);
  }
  if (gaps.length < 6 || gaps.length < 0.4 * words.length) return 0;
  gaps.sort((x, y) => x - y);
  const median = gaps[gaps.length >> 1]!;
  return median > 0.1 * words[0]!.h ? median : 0;
}

/** Groups words into lines (by baseline), each ordered by x and cut into segments. */
export function buildLines(words: Word[], page: number): Line[] {
  const sorted = [...words].sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const groups: Word[][] = [];
  let cur: Word[] = [];
  let sumY = 0;
  let maxH = 0;
  for (const w of sorted) {
    if (cur.length && Math.abs(w.y - sumY / cur.length) <= 0.4 * Math.max(maxH, w.h)) {
      cur.push(w);
      sumY += w.y;
      maxH = Math.max(maxH, w.h);
      continue;
    }
    if (cur.length) groups.push(cur);
    cur = [w];
    sumY = w.y;
    maxH = w.h;
  }
  if (cur.length) groups.push(cur);
  return groups.map((g) => makeLine(g, page));
}

/**
 * An amount as tables print it (two decimals): a Chinese word right after it, apart by a visible gap however small,
 * starts the next cell ("0.00" | "企业增长信心活力…": 珠海's last figure column beside its goal column, 0.8 pt apart).
 */
const AMOUNT_WORD = /^-?[\d,]+\.\d{2}$/;

export function makeLine(ws: Word[], page: number): Line {
  const words = [...ws].sort((a, b) => a.x0 - b.x0);
  const track = letterSpacing(words);
  if (track) for (const w of words) w.track = track;
  const segs: Segment[] = [];
  let seg: Word[] = [words[0]!];
  let hard = true;
  for (let i = 1; i < words.length; i++) {
    const a = words[i - 1]!;
    const b = words[i]!;
    const gap = b.x0 - a.x1;
    const em = Math.max(a.h, b.h);
    const isHard = gap >= em;
    const isSoft =
      !isHard &&
      !AFTER_NUMBER.test(b.text) &&
      isNumberText(lastRun(seg)) &&
      (gap >= Math.max(0.25 * em, track + 0.12 * em) || (gap >= 0.05 * em && !track && AMOUNT_WORD.test(lastRun(seg)) && /^\p{Script=Han}/u.test(b.text)));
    if (isHard || isSoft) {
      segs.push(makeSegment(seg, hard));
      seg = [b];
      hard = isHard;
    } else seg.push(b);
  }
  segs.push(makeSegment(seg, hard));
  const { y, h, x1 } = extent(words);
  return { page, y, h, x0: words[0]!.x0, x1, words, segs, text: lineText(segs) };
}

/** mean baseline, largest font height and right edge of some words */
function extent(words: Word[]): { y: number; h: number; x1: number } {
  let y = 0;
  let h = 0;
  let x1 = -Infinity;
  for (const w of words) {
    y += w.y;
    if (w.h > h) h = w.h;
    if (w.x1 > x1) x1 = w.x1;
  }
  return { y: y / words.length, h, x1 };
}

/** the trailing run of a segment that would read as one number ("13" "," "377.11" are one) */
function lastRun(seg: Word[]): string {
  let s = "";
  for (let i = seg.length - 1; i >= 0; i--) {
    const w = seg[i]!;
    if (!/^[-−+\d,.%]+$/.test(w.text)) break;
    if (i < seg.length - 1 && seg[i + 1]!.x0 - w.x1 > digitGap(w, seg[i + 1]!)) break;
    s = w.text + s;
  }
  if (!s) s = seg[seg.length - 1]!.text;
  return s;
}

/** The text of neighbouring words of one line. */
export function wordsText(words: Word[]): string {
  let text = words[0]!.text;
  for (let i = 1; i < words.length; i++) {
    const a = words[i - 1]!;
    const b = words[i]!;
    text += joiner(a, b) + b.text;
  }
  return text;
}

function makeSegment(words: Word[], hard: boolean): Segment {
  const { y, h, x1 } = extent(words);
  return { words, text: wordsText(words), x0: words[0]!.x0, x1, y, h, hard };
}

/** A line's text: segments joined by one space at hard gaps, by the run joiner at soft ones. */
export function lineText(segs: Segment[]): string {
  let text = segs[0]!.text;
  for (let i = 1; i < segs.length; i++) {
    const a = segs[i - 1]!;
    const b = segs[i]!;
    text += (b.hard ? " " : joiner({ ...a, spaceAfter: a.words[a.words.length - 1]!.spaceAfter }, b)) + b.text;
  }
  return text;
}

/**
 * Joins the texts of several fragments of one cell, read top to bottom, left to right: nothing at Chinese text, a
 * space between two Latin words (a line broken at a space), and nothing inside a figure or before its unit that a
 * narrow cell broke ("<=7.8" / "1万元", "111.11" / "%").
 */
export function joinFragments(parts: { text: string; x0: number; x1: number; h: number }[]): string {
  let out = "";
  let prev: { text: string; x1: number; h: number } | undefined;
  for (const p of parts) {
    if (!prev) out = p.text;
    else {
      const a = prev.text[prev.text.length - 1]!;
      const b = p.text[0]!;
      const glued = isCJK(a) || isCJK(b) || (/[\d.,%=<>≤≥+\-−]/.test(a) && /[\d.,%)）]/.test(b));
      out += glued ? "" : " ";
      out += p.text;
    }
    prev = p;
  }
  return out;
}
