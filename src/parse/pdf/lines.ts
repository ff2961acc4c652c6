/**
 * From pdfjs text items to visual lines.
 *
 * - Every item is mapped through the page's viewport transform, so a page with /Rotate (or a rotated text matrix
 *   drawn to look upright) reads left to right, top to bottom; y grows downwards.
 * - Items whose baselines lie within 0.4 × font height form one line; a line is ordered by x.
 * - Inside a line, items are joined without anything between CJK glyph runs (justified CJK text is spread with gaps,
 *   and some generators even put spaces inside an item: "因 公 出 国"), but two digit/Latin runs further apart than
 *   0.3 em get a space, so adjacent numbers never glue together.
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

/** Collapses whitespace; drops the spaces a generator put between two CJK glyphs. */
export function cleanText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200d\ufeff]/g, "").replace(/\s+/g, " ").replace(CJK_SPACE_CJK, "$1").trim();
}

export function multiply(m: number[], n: number[]): number[] {
  return [
    m[0]! * n[0]! + m[2]! * n[1]!,
    m[1]! * n[0]! + m[3]! * n[1]!,
    m[0]! * n[2]! + m[2]! * n[3]!,
    m[1]! * n[2]! + m[3]! * n[3]!,
    m[0]! * n[4]! + m[2]! * n[5]! + m[4]!,
    m[1]! * n[4]! + m[3]! * n[5]! + m[5]!,
  ];
}

/** Text items of one page as positioned words in viewport space. Duplicates (fake bold) are dropped. */
export function pageWords(items: readonly unknown[], viewport: PdfjsViewport): Word[] {
  const words: Word[] = [];
  const seen = new Set<string>();
  for (const raw of items) {
    const item = raw as PdfjsTextItem;
    if (typeof item.str !== "string" || !item.transform) continue;
    const text = cleanText(item.str);
    if (!text) continue;
    const m = multiply(viewport.transform, item.transform);
    // font height: length of the text-space y axis; fall back to the x axis or pdfjs's own height
    let h = Math.hypot(m[2]!, m[3]!);
    if (!(h > 0.5)) h = Math.hypot(m[0]!, m[1]!);
    if (!(h > 0.5)) h = item.height > 0.5 ? item.height : 10;
    const len = Math.hypot(m[0]!, m[1]!) || 1;
    const dx = m[0]! / len;
    const dy = m[1]! / len;
    const w = item.width > 0 ? item.width : h * text.length * 0.5;
    let x0: number;
    let x1: number;
    let y: number;
    if (Math.abs(dy) < 0.2 && dx > 0) {
      x0 = m[4]!;
      x1 = m[4]! + w * dx;
      y = m[5]! + w * dy * 0.5;
    } else {
      // text that still runs vertically or backwards after the page rotation: place it by its extent
      const ex = m[4]! + w * dx;
      const ey = m[5]! + w * dy;
      x0 = Math.min(m[4]!, ex);
      x1 = Math.max(m[4]!, ex, x0 + h * 0.8);
      y = (m[5]! + ey) / 2;
    }
    const key = `${text}|${Math.round(x0 * 2)}|${Math.round(y * 2)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    words.push({ text, x0, x1, y, h });
  }
  return words;
}

const NUMBER_WORD = /^[-−+]?[\d,]*\d(?:\.\d+)?%?$/;
/** what may follow a number in running text: its unit, a counter, punctuation */
const AFTER_NUMBER = /^[万亿元%‰年月日号个人次项家辆台套名户分天倍岁平米场批件座所期条篇份页章节版，。、；：:;,.)）\]】”’-]/;

export const isNumberText = (s: string): boolean => NUMBER_WORD.test(s.replace(/\s/g, ""));

/** The separator between two neighbouring runs of one line: nothing at CJK, a space between distant digit/Latin runs. */
export function joiner(aText: string, aX1: number, bText: string, bX0: number, em: number): string {
  const a = aText[aText.length - 1];
  const b = bText[0];
  if (isCJK(a) || isCJK(b)) return "";
  return bX0 - aX1 > 0.3 * em ? " " : "";
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

export function makeLine(ws: Word[], page: number): Line {
  const words = [...ws].sort((a, b) => a.x0 - b.x0);
  const segs: Segment[] = [];
  let seg: Word[] = [words[0]!];
  let hard = true;
  for (let i = 1; i < words.length; i++) {
    const a = words[i - 1]!;
    const b = words[i]!;
    const gap = b.x0 - a.x1;
    const em = Math.max(a.h, b.h);
    const isHard = gap >= em;
    const isSoft = !isHard && gap >= 0.25 * em && isNumberText(lastRun(seg)) && !AFTER_NUMBER.test(b.text);
    if (isHard || isSoft) {
      segs.push(makeSegment(seg, hard));
      seg = [b];
      hard = isHard;
    } else seg.push(b);
  }
  segs.push(makeSegment(seg, hard));
  const y = words.reduce((s, w) => s + w.y, 0) / words.length;
  const h = Math.max(...words.map((w) => w.h));
  return { page, y, h, x0: words[0]!.x0, x1: Math.max(...words.map((w) => w.x1)), words, segs, text: lineText(segs) };
}

/** the trailing run of a segment that would read as one number ("13" "," "377.11" are one) */
function lastRun(seg: Word[]): string {
  let s = "";
  for (let i = seg.length - 1; i >= 0; i--) {
    const w = seg[i]!;
    if (!/^[-−+\d,.%]+$/.test(w.text)) break;
    if (i < seg.length - 1 && seg[i + 1]!.x0 - w.x1 > 0.3 * Math.max(w.h, seg[i + 1]!.h)) break;
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
    text += joiner(a.text, a.x1, b.text, b.x0, Math.max(a.h, b.h)) + b.text;
  }
  return text;
}

function makeSegment(words: Word[], hard: boolean): Segment {
  return {
    words,
    text: wordsText(words),
    x0: words[0]!.x0,
    x1: Math.max(...words.map((w) => w.x1)),
    y: words.reduce((s, w) => s + w.y, 0) / words.length,
    h: Math.max(...words.map((w) => w.h)),
    hard,
  };
}

/** A line's text: segments joined by one space at hard gaps, by the run joiner at soft ones. */
export function lineText(segs: Segment[]): string {
  let text = segs[0]!.text;
  for (let i = 1; i < segs.length; i++) {
    const a = segs[i - 1]!;
    const b = segs[i]!;
    text += (b.hard ? " " : joiner(a.text, a.x1, b.text, b.x0, Math.max(a.h, b.h))) + b.text;
  }
  return text;
}

/** Joins the texts of several fragments of one cell, read top to bottom, left to right. */
export function joinFragments(parts: { text: string; x0: number; x1: number; h: number }[]): string {
  let out = "";
  let prev: { text: string; x1: number; h: number } | undefined;
  for (const p of parts) {
    if (!prev) out = p.text;
    else {
      const a = prev.text[prev.text.length - 1];
      const b = p.text[0];
      out += isCJK(a) || isCJK(b) ? "" : " ";
      out += p.text;
    }
    prev = p;
  }
  return out;
}
