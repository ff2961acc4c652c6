/**
 * Pages of positioned lines → the document's blocks, in reading order: every visual line that is not page furniture
 * and not part of a table becomes one SourceText; every table one SourceTable, placed where its first line is (so a
 * title and a "单位：万元" line above it come just before it). A table that ends a page and continues at the top of
 * the next is one table.
 */
import type { SourceBlock, SourceText } from "../source.js";
import type { Line } from "./lines.js";
import { removeFurniture, type PageLines } from "./furniture.js";
import { classify, continuesCell, extendEnd, findTable, isBodyLine, PdfTable, squash, type LineInfo } from "./tables.js";

export interface LaidOutPage extends PageLines {
  width: number;
}

/** The blocks of `pages`; `labels`, when given, receives the page numbers printed on them (see removeFurniture). */
export function layoutPages(pages: LaidOutPage[], labels?: Map<number, string>): SourceBlock[] {
  for (const [page, label] of removeFurniture(pages)) labels?.set(page, label);
  const blocks: SourceBlock[] = [];
  const lineOf = new Map<SourceText, Line>();
  let open: PdfTable | undefined;
  // the last title line ("2026年市级部门支出预算总表"): a table opened under it remembers it, so that the same
  // title reprinted at the top of the next page is known for a continuation, not a new table
  let lastTitle: string | undefined;
  // the lines a page ends with after a table's title, too few to be a table (its first rows, Word having broken it
  // after them): the table that opens the next page starts with them
  let foot: { lines: LineInfo[]; blocks: SourceText[] } | undefined;
  for (const p of pages) {
    const infos = p.lines.map((l) => classify(l, p.width));
    let i = 0;
    let lastWasTable = false;
    const held = foot;
    foot = undefined;
    if (open) {
      let used = 0;
      try {
        used = continueTable(open, infos);
      } catch {
        used = 0;
      }
      if (used > 0) {
        i = used;
        lastWasTable = true;
      } else open = undefined;
    }
    const text = (li: LineInfo) => {
      if (li.stop && TITLE_LINE.test(squash(li.line.text))) lastTitle = squash(li.line.text);
      const block: SourceText = { kind: "text", text: li.line.text, place: { page: li.line.page } };
      blocks.push(block);
      lineOf.set(block, li.line);
      lastWasTable = false;
    };
    while (i < infos.length) {
      if (infos[i]!.stop) {
        text(infos[i]!);
        i++;
        continue;
      }
      const j = runEnd(infos, i);
      // a run may hold more than one table: take them in turn
      let run = infos.slice(i, j);
      const first = i === 0;
      while (run.length) {
        const span = findTable(run);
        if (!span) {
          const before = blocks.length;
          run.forEach(text);
          if (j === infos.length && lastTitle && isTableFoot(run, blocks[before - 1])) foot = { lines: run, blocks: blocks.slice(before) as SourceText[] };
          break;
        }
        run.slice(0, span.start).forEach(text);
        let header = run.slice(span.start, span.bodyStart);
        let page = p.page;
        if (held && first && span.start === 0 && blocks.slice(-held.blocks.length).every((b, k) => b === held.blocks[k])) {
          blocks.splice(blocks.length - held.blocks.length, held.blocks.length);
          header = [...held.lines, ...header];
          page = held.lines[0]!.line.page;
        }
        const table = buildTable(header, run.slice(span.bodyStart, span.end + 1), page);
        if (table) {
          blocks.push(table.block);
          if (lastTitle) table.titleKey = lastTitle;
          open = table;
          lastWasTable = true;
        } else run.slice(span.start, span.end + 1).forEach(text);
        run = run.slice(span.end + 1);
      }
      i = j;
    }
    if (!lastWasTable) open = undefined;
  }
  markWrapped(blocks, lineOf, pages);
  return blocks;
}

/**
 * Sets `wrapped` on a text line that runs to the right margin of the body text while the next line (also across a
 * page break, but not across a table) starts at the left margin and the line does not end a sentence: the layout,
 * not the author, broke it. Margins are the most common right edge of long lines and the most common left edge of
 * the lines reaching it, per page width (portrait and landscape pages differ).
 */
function markWrapped(blocks: SourceBlock[], lineOf: Map<SourceText, Line>, pages: LaidOutPage[]): void {
  const widthOf = new Map(pages.map((p) => [p.page, Math.round(p.width)]));
  const byWidth = new Map<number, Line[]>();
  for (const l of lineOf.values()) {
    const w = widthOf.get(l.page) ?? 0;
    // appended in place: copying the list for every line made this quadratic in the document's text lines
    const same = byWidth.get(w);
    if (same) same.push(l);
    else byWidth.set(w, [l]);
  }
  const margins = new Map<number, { left: number; right: number }>();
  for (const [w, lines] of byWidth) {
    const long = lines.filter((l) => l.text.length >= 12);
    const right = mode(long.map((l) => l.x1));
    if (right === undefined) continue;
    const full = long.filter((l) => l.x1 >= right - 1.5 * l.h);
    const left = mode(full.map((l) => l.x0));
    if (left !== undefined) margins.set(w, { left, right });
  }
  for (let i = 0; i < blocks.length - 1; i++) {
    const b = blocks[i]!;
    const n = blocks[i + 1]!;
    if (b.kind !== "text" || n.kind !== "text") continue;
    const line = lineOf.get(b);
    const next = lineOf.get(n);
    if (!line || !next) continue;
    const m = margins.get(widthOf.get(line.page) ?? 0);
    const mn = margins.get(widthOf.get(next.page) ?? 0);
    if (!m || !mn || /[。！？!?]$/.test(b.text)) continue;
    if (line.x1 >= m.right - 1.5 * line.h && line.x0 < m.right - 0.5 * (m.right - m.left) && next.x0 <= mn.left + 0.6 * next.h) b.wrapped = true;
  }
}

/** the most common value, to the point (neighbouring points count together) */
function mode(xs: number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const x of xs) counts.set(Math.round(x), (counts.get(Math.round(x)) ?? 0) + 1);
  let best: number | undefined;
  let bestN = 1;
  for (const [x, n] of counts) {
    const around = n + (counts.get(x - 1) ?? 0) + (counts.get(x + 1) ?? 0);
    if (around > bestN) {
      best = x;
      bestN = around;
    }
  }
  return best;
}

/**
 * A page's last lines that begin a table: right after the table's title (the text block before them), at most six,
 * one of them with two or more cells ("项目 | 非法集资平台运维费").
 */
function isTableFoot(run: LineInfo[], before: SourceBlock | undefined): boolean {
  return (
    run.length <= 6 &&
    run.some((li) => li.cells.length >= 2) &&
    before?.kind === "text" &&
    TITLE_LINE.test(squash(before.text)) &&
    !run.some(isBodyLine)
  );
}

/** A table from its lines; on a layout this code cannot make sense of, nothing (the lines stay text). */
function buildTable(header: LineInfo[], body: LineInfo[], page: number): PdfTable | undefined {
  try {
    const t = new PdfTable(header, body, page);
    return t.block.rows.length && t.block.rows[0]!.length ? t : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Lines at the top of a page that carry on the table left open by the previous page: repeated header lines are
 * dropped, the rest must fit the table's columns. Returns how many lines were used (0: not a continuation).
 */
function continueTable(table: PdfTable, infos: LineInfo[]): number {
  let k = repeatedTitleEnd(table, infos);
  if (k < 0) return 0;
  // the title and header reprinted: the page goes on with this table whatever its columns
  const reprinted = k > 0;
  while (k < infos.length && !infos[k]!.stop && (table.headerKeys.has(squash(infos[k]!.line.text)) || isColumnNumberLine(infos[k]!))) k++;
  // a long cell that goes on from the last page
  if (k < infos.length && infos[k]!.soft && table.startsInnerCell(infos[k]!)) infos[k] = { ...infos[k]!, stop: false };
  const j = runEnd(infos, k);
  const run = infos.slice(k, j);
  if (!run.length || infos[k]!.stop) return 0;
  let last = -1;
  for (let i = run.length - 1; i >= 0; i--) {
    if (run[i]!.cells.length >= 2 || isBodyLine(run[i]!)) {
      last = i;
      break;
    }
  }
  // a page holding nothing but the rest of a long cell (a narrow column's lines, one cell each)
  if (last < 0 && table.startsInnerCell(run[0]!) && run.every((li) => li.cells.length === 1)) last = run.length - 1;
  if (last < 0) return 0;
  const end = extendEnd(run, 0, 0, last);
  const part = run.slice(0, end + 1);
  if (!reprinted && !table.fits(part)) return 0;
  table.addBody(part);
  return k + end + 1;
}

/**
 * The end (exclusive) of the run of table-candidate lines starting at `i`: the first stop line, unless it is a long
 * cell's next line (continuesCell), which reads like prose but carries on a cell of the run.
 */
function runEnd(infos: LineInfo[], i: number): number {
  let j = i;
  for (;;) {
    while (j < infos.length && !infos[j]!.stop) j++;
    if (j < infos.length && j > i && continuesCell(infos.slice(i, j), infos[j]!)) {
      infos[j] = { ...infos[j]!, stop: false };
      j++;
    } else return j;
  }
}

const TITLE_LINE = /表(?:[（(]续[）)]|续)?$|^表\d+/;

/**
 * Templates that reprint a table's title, unit line and header on every page (and Word's repeated header rows): when
 * the page opens (after at most two short labels such as "公开03表") with the open table's own title, the title and its
 * 单位/编制单位 lines are skipped, then either the first page's lines reprinted as they were (its header, and any row
 * Word repeats with it) or, failing that, the reprinted header down to the first body line. Returns the index after what was
 * skipped, 0 when the page does not open with the title, -1 when it opens another table of the same title: a line
 * of the reprinted header with a label of the first page's header but other content ("项目名称 | 另一个项目").
 */
function repeatedTitleEnd(table: PdfTable, infos: LineInfo[]): number {
  const key = table.titleKey;
  if (!key) return 0;
  const t = infos.slice(0, 3).findIndex((li) => squash(li.line.text).replace(/[（(]续[）)]|续$/, "") === key);
  if (t < 0 || infos.slice(0, t).some((li) => squash(li.line.text).length > 20)) return 0;
  let k = t + 1;
  while (k < infos.length && infos[k]!.stop && /单位[:：]|编制|^公开\d+表$/.test(squash(infos[k]!.line.text))) k++;
  let same = 0;
  let h = k;
  for (; h < infos.length && !infos[h]!.stop; h++) {
    const text = squash(infos[h]!.line.text);
    // the first page's lines in order: its header, and the rows Word repeats with it even when they hold a figure
    if (table.firstLines[same] === text) {
      same++;
      continue;
    }
    if (!isBodyLine(infos[h]!) && table.headerKeys.has(text)) continue;
    if (infos[h]!.cells.length >= 2 && table.headerLabels.has(squash(infos[h]!.cells[0]!.text))) return -1;
    break;
  }
  if (same > 0) return h;
  let b = k;
  while (b < infos.length && b - k < 8 && !infos[b]!.stop && (!isBodyLine(infos[b]!) || isColumnNumberLine(infos[b]!))) b++;
  return b < infos.length && !infos[b]!.stop && isBodyLine(infos[b]!) ? b : 0;
}

/** The 栏次 line under a header: "** ** 1 2 3 4", "栏次 1 2 3", "行次" — column numbers, not a body row. */
function isColumnNumberLine(li: LineInfo): boolean {
  const cells = li.cells.map((c) => squash(c.text)).filter(Boolean);
  if (cells.length < 2) return false;
  const nums = cells.filter((c) => /^\d{1,2}$/.test(c)).map(Number);
  if (!cells.every((c) => /^(?:\*+|栏次|行次|[A-Z]|\d{1,2})$/.test(c)) || nums.length < 2) return false;
  return nums.every((n, i) => i === 0 || n === nums[i - 1]! + 1);
}
