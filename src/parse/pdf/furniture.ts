/**
 * Page furniture: running headers, footers and page numbers are not part of the text flow. Removed are
 *  - lone page numbers near the top or bottom edge ("3", "- 3 -", "第 3 页", "第3页 共18页", "3/18", "Page 3"), the
 *    outermost line there or standing apart from the lines around it (not a table's "219" in the text flow);
 *  - lines repeated at about the same height near an edge on most pages (digits ignored, so "第3页" repeats too);
 *  - edge lines that end (or start) with the page number, the number running with the page index on many pages,
 *    whatever the rest says ("Chapter 3: Utilities 7").
 */
import type { Line } from "./lines.js";

export interface PageLines {
  page: number;
  height: number;
  lines: Line[];
}

const PAGE_NUMBER = [
  /^[-–—_~·•\s]*\d{1,4}[-–—_~·•\s]*$/,
  /^第\s*\d{1,4}\s*页(\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?$/,
  /^\d{1,4}\s*[/／]\s*\d{1,4}$/,
  /^(page|p\.)\s*\d{1,4}(\s*(of|\/)\s*\d{1,4})?$/i,
  /^[-–—\s]*[ivxlcdm]{1,6}[-–—\s]*$/i,
];

/** fraction of the page height, from the top or the bottom edge, in which furniture may sit */
const EDGE = 0.14;

export function isPageNumber(text: string): boolean {
  const t = text.trim();
  return PAGE_NUMBER.some((re) => re.test(t));
}

const key = (l: Line) => l.text.replace(/\d+/g, "#").replace(/\s+/g, "");

/**
 * Removes the furniture from `pages` (in place). Returns the page numbers it found printed, by page index
 * ("- 31 -" on the 33rd page: 33 → "31"), which people name a page by when they read it on paper.
 */
export function removeFurniture(pages: PageLines[]): Map<number, string> {
  const labels = new Map<number, string>();
  const nearEdge = (l: Line, p: PageLines) => l.y < p.height * EDGE || l.y > p.height * (1 - EDGE);
  // the two outermost lines at each edge are candidates
  const candidates = (p: PageLines): Line[] => {
    const top = p.lines.filter((l) => l.y < p.height * EDGE).slice(0, 2);
    const bottom = p.lines.filter((l) => l.y > p.height * (1 - EDGE)).slice(-2);
    return [...new Set([...top, ...bottom])];
  };
  const counts = new Map<string, number>();
  const slot = (l: Line, p: PageLines) => `${key(l)}@${Math.round((l.y / p.height) * 60)}`;
  for (const p of pages) {
    const seenHere = new Set<string>();
    for (const l of candidates(p)) {
      // heights vary by a point or two between pages: count the neighbouring slots too
      const k = key(l);
      const s = Math.round((l.y / p.height) * 60);
      for (const d of [-1, 0, 1]) seenHere.add(`${k}@${s + d}`);
    }
    for (const s of seenHere) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  // a running head that changes by chapter but carries the page number ("Chapter 3: Utilities 7", "…决算 第7页"):
  // its number minus the page index is the same offset on many pages
  const numbered = (l: Line, p: PageLines) => {
    const m = /^(\d{1,4})\D|\D(\d{1,4})$/.exec(l.text.trim());
    if (!m) return undefined;
    return `${l.y < p.height / 2 ? "top" : "bottom"}@${Number(m[1] ?? m[2]) - p.page}`;
  };
  const offsets = new Map<string, number>();
  for (const p of pages) {
    const here = new Set(candidates(p).map((l) => numbered(l, p)).filter((k): k is string => !!k));
    for (const k of here) offsets.set(k, (offsets.get(k) ?? 0) + 1);
  }
  const minRepeats = Math.max(3, Math.ceil(pages.length * 0.5));
  const minNumbered = Math.max(3, Math.ceil(pages.length * 0.4));
  // a lone number in the text flow (a table's "219" at the foot of a page) is no page number: a page number is the
  // outermost line at its edge, or stands a line and a half apart from its neighbours
  const apart = (l: Line, p: PageLines) => {
    const i = p.lines.indexOf(l);
    const before = p.lines[i - 1];
    const after = p.lines[i + 1];
    const clear = (o: Line | undefined) => !o || Math.abs(o.y - l.y) > 1.5 * Math.max(o.h, l.h);
    const outermost = l.y < p.height / 2 ? !before : !after;
    return outermost || (clear(before) && clear(after));
  };
  for (const p of pages) {
    const drop = new Set<Line>();
    for (const l of candidates(p)) {
      if (!nearEdge(l, p)) continue;
      if (isPageNumber(l.text) && apart(l, p)) {
        drop.add(l);
        const n = /\d{1,4}/.exec(l.text)?.[0];
        if (n && !labels.has(p.page)) labels.set(p.page, n);
      }
      else if (pages.length >= 3 && (counts.get(slot(l, p)) ?? 0) >= minRepeats && key(l).length <= 60) drop.add(l);
      else if (l.text.length <= 80 && (offsets.get(numbered(l, p) ?? "") ?? 0) >= minNumbered) drop.add(l);
    }
    if (drop.size) p.lines = p.lines.filter((l) => !drop.has(l));
  }
  return labels;
}
