/**
 * Tables rebuilt from text positions (no ruling lines needed).
 *
 * 1. Lines are classified. "Stop" lines can never be part of a table: prose (a sentence, a long single run), table
 *    titles ("…表", "表1"), unit lines ("单位：万元", "编制部门：…"), notes ("注：…"), part headings.
 * 2. The lines between stops form runs. A run holds a table when at least two of its lines have ≥ 3 cells (or ≥ 2
 *    with a number), or at least three two-cell lines align. The table starts at the header lines above its first
 *    body line (a line with a number, a code, "合计", or an enumerated label beside another cell) and ends after its
 *    last multi-cell line plus any continuation lines right below it.
 * 3. Columns come from the cells themselves: body numbers first, then body text, then header cells bottom-up. A cell
 *    overlapping no column opens one, overlapping exactly one widens it, overlapping several is a spanning cell.
 *    Each cell then goes to the column it overlaps most, so a row with an empty middle cell keeps later values in
 *    their own columns and empty cells stay empty strings.
 * 4. Body rows are anchored by lines with a number, a code, two or more cells, an enumerated label or a total; the
 *    other lines (the pieces of wrapped labels) join the row they belong to (see PdfTable.addBody). In a table whose
 *    cells are top-aligned (Word's tables), a line whose cells each carry on a cell above that filled its column is
 *    the next line of those cells, whatever it holds, also at the top of the next page (Word breaks rows).
 * 5. Header lines become header rows: the lines of one multi-line header cell are joined, a header cell over several
 *    columns gets colSpan.
 * 6. A table that ends a page continues on the next page when that page starts with lines fitting the same columns,
 *    or with the table's title and first lines reprinted (Word's repeated header rows), which are dropped; when a
 *    later page brings columns the first did not have, the columns are derived again from all pages.
 */
import type { SourceCell, SourceTable } from "../source.js";
import { isNumberText, joinFragments, wordsText, type Line, type Segment, type Word } from "./lines.js";

export interface Frag {
  words?: Word[];
  text: string;
  x0: number;
  x1: number;
  y: number;
  h: number;
  page: number;
}

interface Core {
  x0: number;
  x1: number;
  /** how many cells lie on it */
  support: number;
  /** opened by a header cell (no body cell lies on it) */
  headerOnly: boolean;
  /** opened by a cell of a header line with ≥ 3 cells */
  wideLine: boolean;
  /** holds body numbers */
  numeric: boolean;
  /** a header cell lies on it */
  claimed: boolean;
}

export interface LineInfo {
  line: Line;
  cells: Segment[];
  stop: boolean;
  /** a stop only because it reads like prose (a sentence, a long single run): inside a table it may be a line of a
   * long cell ("项目总体目标" and its paragraph), see continuesCell */
  soft?: boolean;
}

const LEADER = /^[.…·•\-_—–‧．]{4,}$|^…{2,}$/;
const ENUMERATED = /^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、](?!\d))/;
const HEADING_LIKE = /^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、](?!\d))/;
/** a character followed by one that may not begin a line (Chinese line-breaking rules) */
const NO_LINE_START = /^.[、，。；：！？）」』》〉”’%]/u;
/** a function or economic code (类 201, 款 20103, 项 2010302; 301, 30101) */
const CODE = /^[2-5]\d{2}(?:\d{2}){0,2}$/;
/** the last digits of a figure a narrow cell broke, with its unit */
const BROKEN_TAIL = /^\d{1,2}(?:分|%|万元|元)?$/;

/**
 * `f` is the rest of the figure `g` that a narrow cell broke: a digit or two (and its unit) after a figure broken
 * after its point ("75.7" / "4分"), or right under a figure at less than a line of Chinese text ("1" / "5": the
 * Latin font's own line pitch).
 */
function brokenFigure(g: Frag, f: Frag): boolean {
  if (!BROKEN_TAIL.test(f.text) || !isNumberText(g.text.replace(/[^\d.,%-]/g, "") || "x")) return false;
  return /\.\d*$/.test(g.text) || (g.page === f.page && f.y - g.y <= 1.25 * Math.max(f.h, g.h) && /\d$/.test(g.text));
}
/** what a line may start with that carries on a figure on the line above: its unit, or the rest of a date */
const UNIT_START = /^(?:万元|亿元|元|%|[个次人家项份天分年月日])/;
const TOTAL = /^(合计|总计|小计|本年(收入|支出)合计|收入总计|支出总计)$/;

const squash = (s: string) => s.replace(/\s+/g, "");

export function classify(line: Line, pageWidth: number): LineInfo {
  const cells = line.segs.filter((s) => !LEADER.test(squash(s.text)));
  const t = squash(line.text);
  const single = cells.length <= 1;
  const hard =
    /^(注|说明|备注|资料来源|数据来源)\d*[:：]/.test(t) ||
    /(编制|填报)(单位|部门)[:：]|^单位[:：]/.test(t) ||
    // "单位：万元" on a line of its own; inside a header cell ("预算数（单位：万元）" beside other cells) it heads a column
    (/单位[:：](万元|元|亿元|千元|个|人)/.test(t) && !(cells.length >= 3 && /[（(]单位[:：]/.test(t))) ||
    (single && t.length <= 50 && (/表(（续）|\(续\)|续)?$/.test(t) || /^表\d+/.test(t))) ||
    /^第[一二三四五六七八九十]+部分/.test(t);
  const prose =
    (t.includes("。") && t.length > 12) ||
    (single && t.length >= 26) ||
    (single && t.length >= 4 && /[：:；;，,]$/.test(t)) ||
    (single && line.x1 - line.x0 > 0.6 * pageWidth && t.length >= 16);
  return hard || !prose ? { line, cells, stop: hard } : { line, cells, stop: true, soft: true };
}

/**
 * A prose-like stop line (`soft`) that is really the next line of table cells: each of its cells starts where a cell
 * of one of the lines just above starts (within 0.5 em; a text cell's line up to 3 em left or 1 em right of one: a
 * cell's first line is often indented) and is no wider than that cell's widest line plus 1.5 em, all within two
 * lines of it. A line of several cells may also place a cell where a text cell started, or a figure ended, higher up
 * on the page (the last line of a name beside the goal's "…提质。"). A line of one cell must not start in the table's
 * first column, where prose after the table would start. `run` is the table's lines so far, in reading order.
 */
export function continuesCell(run: LineInfo[], li: LineInfo): boolean {
  if (!li.soft || !run.length || !li.cells.length) return false;
  const left = Math.min(...run.map((r) => r.line.x0));
  const em = li.line.h;
  if (li.cells.length === 1 && li.cells[0]!.x0 <= left + em) return false;
  const recent: Segment[] = [];
  for (let k = run.length - 1; k >= 0 && k >= run.length - 3; k--) {
    const above = run[k]!;
    if (above.line.page !== li.line.page || li.line.y - above.line.y > 2.2 * Math.max(em, above.line.h)) break;
    recent.push(...above.cells);
  }
  if (!recent.length) return false;
  // a line of several cells may also start a cell where one started higher up on the page: the last line of a name
  // whose first line was indented, beside the goal's last line ("北海关" | "方经济发展，促进外贸保稳提质。")
  const page = li.cells.length >= 2 ? run.filter((r) => r.line.page === li.line.page).flatMap((r) => r.cells) : [];
  // a text cell's next line may start up to 3 em left of its first, which was indented; the next cell's first line,
  // indented by half an em or so, up to 1 em right of the last line of the cell above
  const under = (d: Segment, c: Segment) =>
    Math.abs(d.x0 - c.x0) <= 0.5 * em || (!isNumberText(d.text) && !isNumberText(c.text) && c.x0 - d.x0 >= -3 * em && c.x0 - d.x0 <= em);
  const onPage = run.filter((r) => r.line.page === li.line.page).flatMap((r) => r.cells.filter((d) => !isNumberText(d.text)));
  return li.cells.every((c) => {
    let same = recent.filter((d) => under(d, c));
    if (!same.length) {
      // on the page: a text cell where one started, a figure where one ended (figures are set flush right)
      same = isNumberText(c.text)
        ? page.filter((d) => Math.abs(d.x1 - c.x1) <= 0.5 * em && isNumberText(d.text))
        : page.filter((d) => Math.abs(d.x0 - c.x0) <= 0.5 * em && !isNumberText(d.text));
    }
    if (!same.length) return false;
    // how wide the cell may be: as wide as the lines it goes on from; a new cell's first line, indented where other
    // cells' first lines in the column are, as wide as the column's lines on the page (the cell above ended with a
    // short line: "质增效。" over the next row's "实现批发、零售企业销售额的显著增量，")
    let column = same;
    const indented = !isNumberText(c.text) && same.every((d) => c.x0 - d.x0 >= 0.3 * em) && onPage.some((d) => !recent.includes(d) && Math.abs(d.x0 - c.x0) <= 0.3 * em);
    if (indented) column = [...same, ...onPage.filter((d) => same.some((x) => Math.abs(x.x0 - d.x0) <= 0.5 * em) || Math.abs(d.x0 - c.x0) <= 0.3 * em)];
    return c.x1 <= Math.max(...column.map((d) => d.x1)) + 1.5 * em;
  });
}

const isNumeric = (s: Segment) => isNumberText(s.text);
/**
 * A line that numbers the columns: "栏次" / "**" (or nothing) and then 1, 2, 3 … in order, at least three of them
 * (湖州's "** 1 2 3 4 5 6", 决算's "栏次 1 2 3").
 */
function isColumnNumbering(li: LineInfo): boolean {
  const cells = li.cells.map((c) => squash(c.text));
  const k = /^(?:\*+|栏次|行次)$/.test(cells[0] ?? "") ? 1 : 0;
  const nums = cells.slice(k);
  return nums.length >= 3 && nums.every((t, i) => t === String(i + 1));
}
/** a line of the table body: a number or code, a lone "合计" (of an empty table), an enumerated label beside another cell */
const isBodyLine = (li: LineInfo) =>
  li.cells.some(isNumeric) ||
  (li.cells.length === 1 && TOTAL.test(squash(li.cells[0]!.text))) ||
  (li.cells.length >= 2 && li.cells.some((c) => ENUMERATED.test(squash(c.text))));

export interface TableSpan {
  start: number;
  bodyStart: number;
  end: number;
}

/** Finds the table in a run of non-stop lines, if there is one: indexes into `run`, `end` inclusive. */
export function findTable(run: LineInfo[]): TableSpan | undefined {
  const strong = run.filter((li) => li.cells.length >= 3 || (li.cells.length >= 2 && li.cells.some(isNumeric))).length;
  const weak = run.filter((li) => li.cells.length >= 2);
  if (strong < 2 && !(weak.length >= 3 && aligned(weak))) return undefined;
  let bodyStart = run.findIndex(isBodyLine);
  let start = bodyStart;
  if (bodyStart < 0) {
    // header only (an empty table): it starts at its first multi-cell line
    bodyStart = run.length;
    start = run.findIndex((li) => li.cells.length >= 2);
  }
  const h = median(run.map((li) => li.line.h));
  if (bodyStart > 0 && bodyStart < run.length) {
    bodyStart -= centredAbove(run, bodyStart);
    start = bodyStart;
  }
  // header lines above: dense, or multi-cell; never a heading or a bigger font (a title)
  while (start > 0) {
    const above = run[start - 1]!;
    const below = run[start]!;
    const gap = below.line.y - above.line.y;
    const headingLike = above.cells.length <= 1 && HEADING_LIKE.test(squash(above.line.text));
    if (headingLike || above.line.h > 1.25 * h) break;
    if (gap > 4 * h && above.cells.length < 2) break;
    start--;
  }
  let last = -1;
  for (let i = run.length - 1; i >= start; i--) {
    if (run[i]!.cells.length >= 2 || isBodyLine(run[i]!)) {
      last = i;
      break;
    }
  }
  if (last < 0) return undefined;
  const end = extendEnd(run, start, bodyStart, last);
  return { start, bodyStart: Math.min(bodyStart, end + 1), end };
}

/**
 * How many of the lines right above the first body line are the first row's own cells, centred on it (珠海's 重点项目
 * table, whose header line the classifier left out: "珠海市内外经贸发展专项资" / "750" / "金（稳外贸事项）"): lines of
 * one cell and no figure, each mirrored by a line of the same kind as far below the body line, the nearest pair less
 * than a line apart (the halves of cells wrapped around a one-line figure), the next ones whole or half pitches
 * further.
 */
function centredAbove(run: LineInfo[], bodyStart: number): number {
  const body = run[bodyStart]!.line;
  const piece = (li: LineInfo | undefined) => !!li && li.line.page === body.page && li.cells.length === 1 && !li.cells.some(isNumeric) && !isBodyLine(li);
  let taken = 0;
  let d = 0;
  let last = 0;
  for (let k = bodyStart - 1; k >= 0 && taken < 6; k--) {
    const above = run[k]!;
    if (!piece(above)) break;
    const up = body.y - above.line.y;
    const mirror = run.slice(bodyStart + 1).find((li) => li.line.page === body.page && Math.abs(li.line.y - body.y - up) <= 0.25 * body.h);
    if (!mirror || mirror.cells.some(isNumeric) || isBodyLine(mirror)) break;
    // half a pitch first; then whole or half pitches further, one column's cell of an even count of lines and
    // another's of an odd count (its middle line on the body line), never more than a pitch past the last one
    if (taken === 0) {
      if (up >= 0.9 * body.h) break;
      d = up;
    } else {
      const steps = Math.round(up / d);
      if (Math.abs(up - steps * d) > 0.25 * body.h || up - last > 2 * d + 0.25 * body.h) break;
    }
    last = up;
    taken++;
  }
  return taken;
}

/**
 * After the last multi-cell line, single-cell lines still belong to the table while they keep its row pitch: rows
 * with only one cell filled ("十、节能环保支出"), a label's second line, a lone "合计". A heading-like line
 * ("二、…") ends the table unless it starts at a cell's left edge and keeps the pitch.
 */
export function extendEnd(run: LineInfo[], start: number, bodyStart: number, last: number): number {
  const h = median(run.map((li) => li.line.h));
  const gaps: number[] = [];
  for (let i = Math.max(start, Math.min(bodyStart, last)) + 1; i <= last; i++) gaps.push(run[i]!.line.y - run[i - 1]!.line.y);
  const pitch = gaps.length ? median(gaps) : 1.5 * h;
  const lefts = run.slice(start, last + 1).flatMap((li) => li.cells.map((c) => c.x0));
  let end = last;
  while (end + 1 < run.length) {
    const next = run[end + 1]!;
    const gap = next.line.y - run[end]!.line.y;
    const text = squash(next.line.text);
    if (TOTAL.test(text)) {
      end++;
      continue;
    }
    if (gap > Math.max(2.5 * h, 1.6 * pitch)) break;
    const aligned = next.cells.some((c) => lefts.some((x) => Math.abs(x - c.x0) <= 1.5));
    if (HEADING_LIKE.test(text) && (!aligned || gap > 1.5 * pitch)) break;
    end++;
  }
  return end;
}

/** at least three two-cell lines whose second cells start at the same x */
function aligned(lines: LineInfo[]): boolean {
  const xs = lines.map((li) => li.cells[1]!.x0).sort((a, b) => a - b);
  for (let i = 0; i + 2 < xs.length; i++) if (xs[i + 2]! - xs[i]! <= 3) return true;
  return false;
}

function median(xs: number[]): number {
  if (!xs.length) return 10;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const fragsOf = (li: LineInfo): Frag[] =>
  li.cells.map((c) => ({ words: c.words, text: c.text, x0: c.x0, x1: c.x1, y: c.y, h: c.h, page: li.line.page }));

/**
 * A cell over several columns whose words are apart (≥ 0.25 em) where the columns meet is several cells that a tight
 * layout ran together ("基本支出 项目支出" under two number columns); a cell whose pieces touch really spans.
 */
function splitAcross(cores: Core[], f: Frag): Frag[] {
  const words = f.words;
  if (!words || words.length < 2) return [f];
  const hits = cores.filter((c) => overlap(c, f) > 0.5);
  if (hits.length < 2) return [f];
  const colOf = (w: Word) => {
    let best = -1;
    let bestO = 0.5;
    cores.forEach((c, i) => {
      const o = overlap(c, w);
      if (o > bestO) {
        bestO = o;
        best = i;
      }
    });
    return best;
  };
  const groups: { col: number; words: Word[] }[] = [];
  for (const w of words) {
    const col = colOf(w);
    const g = groups[groups.length - 1];
    if (g && (col < 0 || col === g.col)) g.words.push(w);
    else if (g && g.col < 0) {
      g.col = col;
      g.words.push(w);
    } else groups.push({ col, words: [w] });
  }
  if (groups.length < 2) return [f];
  for (let i = 1; i < groups.length; i++) {
    const a = groups[i - 1]!.words;
    const b = groups[i]!.words[0]!;
    const last = a[a.length - 1]!;
    if (groups[i]!.col <= groups[i - 1]!.col || b.x0 - last.x1 < 0.25 * Math.max(b.h, last.h)) return [f];
  }
  return groups.map((g) => ({
    words: g.words,
    text: wordsText(g.words),
    x0: g.words[0]!.x0,
    x1: Math.max(...g.words.map((w) => w.x1)),
    y: f.y,
    h: f.h,
    page: f.page,
  }));
}

const overlap = (a: { x0: number; x1: number }, b: { x0: number; x1: number }) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);

/** A text is column c's alone: it lies on no other column (a cell spanning several columns is none's). */
function onlyIn(cores: Core[], c: number, f: { x0: number; x1: number }): boolean {
  return cores.every((o, i) => i === c || overlap(o, f) <= 0.5);
}

/**
 * Column cores from body cells (numbers first, then text, widest first: a short centred "合计" must not open a column
 * inside a label column), then header cells bottom-up, narrowest first.
 */
function deriveColumns(body: LineInfo[], header: LineInfo[]): Core[] {
  const cores: Core[] = [];
  // left edges of header cells that fell on one column: a shorter line of the same cell starts there too
  const headerLefts: { x0: number; core: Core }[] = [];
  const add = (f: Frag, fromHeader?: { line: Frag[]; numbering?: boolean }) => {
    const hits = cores.filter((c) => overlap(c, f) > 0.5);
    if (hits.length === 1 && fromHeader) headerLefts.push({ x0: f.x0, core: hits[0]! });
    if (hits.length === 0) {
      if (fromHeader && headsNumberColumn(f, fromHeader.line, fromHeader.numbering)) return;
      // a left-aligned header cell's short line ("实施单" / "位") over right-aligned figures it does not reach
      const sameLeft = fromHeader && headerLefts.find((h) => Math.abs(h.x0 - f.x0) <= 0.5 * f.h);
      if (sameLeft) {
        sameLeft.core.support++;
        return;
      }
      // not even touching a neighbour: a column of its own
      if (!cores.some((c) => overlap(c, f) > -0.5)) {
        cores.push({
          x0: f.x0,
          x1: f.x1,
          support: 1,
          headerOnly: !!fromHeader,
          wideLine: (fromHeader?.line.length ?? 3) >= 3,
          numeric: !fromHeader && isNumberText(f.text),
          claimed: !!fromHeader,
        });
      }
      return;
    }
    if (hits.length === 1) {
      hits[0]!.support++;
      if (!fromHeader) hits[0]!.headerOnly = false;
      if (!fromHeader && isNumberText(f.text)) hits[0]!.numeric = true;
      if (fromHeader) hits[0]!.claimed = true;
    }
    // a left-aligned header over right-aligned figures starts left of them: the column starts where it does, when
    // no neighbour is in the way ("全年预算" / "数" over "0.38")
    if (hits.length === 1 && fromHeader) {
      const c = hits[0]!;
      if (f.x0 < c.x0 && f.x1 <= c.x1 + 0.5 * f.h && !cores.some((o) => o !== c && overlap(o, { x0: f.x0, x1: c.x1 }) > -0.5)) c.x0 = f.x0;
    }
    if (hits.length > 1 || fromHeader) return; // spans columns, or a header cell (often wider than its column)
    const c = hits[0]!;
    // figures end where their cell does: a text that does not end with them spans from or into a neighbouring cell
    // ("实际完成情况" from the column before) and says nothing of where their column is
    if (c.numeric && !isNumberText(f.text) && Math.abs(f.x1 - c.x1) > 0.5 * f.h) return;
    const x0 = Math.min(c.x0, f.x0);
    const x1 = Math.max(c.x1, f.x1);
    if (cores.some((o) => o !== c && overlap(o, { x0, x1 }) > -0.5)) return; // widening would swallow a neighbour
    c.x0 = x0;
    c.x1 = x1;
  };
  // A header cell is centred in its cell while the numbers under it are right-aligned, so the two need not overlap
  // ("合计" over "0.95"): a header cell just left of a number column no other header cell has claimed, with its
  // centre left of the numbers' right edge and nothing in between, heads that column.
  // A column's number reaches over to it: the column starts there, so the header cells above, centred like it, fall
  // on it too.
  const headsNumberColumn = (f: Frag, line: Frag[], numbering = false) => {
    const right = cores.filter((c) => c.x0 >= f.x1).sort((a, b) => a.x0 - b.x0)[0];
    if (!right || !right.numeric || right.claimed) return false;
    if ((f.x0 + f.x1) / 2 >= right.x1 || right.x0 - f.x1 > 3 * f.h) return false;
    if (line.some((o) => o !== f && o.x1 > f.x1 && o.x0 < right.x1)) return false;
    right.claimed = true;
    right.support++;
    if (numbering) right.x0 = f.x0;
    return true;
  };
  // the lines of a long cell (soft stops let into the table) say where that cell starts, not where columns are; a
  // line numbering the columns is centred like the header, so it says what a header line says
  const numbering = body.filter(isColumnNumbering);
  const bodyFrags = body.filter((li) => !li.soft && !numbering.includes(li)).flatMap(fragsOf);
  const numbers = bodyFrags.filter((f) => isNumberText(f.text));
  // texts sharing their left edge with many others (a column of wrapped lines) first, then the widest
  const texts = bodyFrags.filter((f) => !isNumberText(f.text));
  const lefts = new Map<number, number>();
  for (const f of texts) lefts.set(Math.round(f.x0), (lefts.get(Math.round(f.x0)) ?? 0) + 1);
  const support = (f: Frag) => (lefts.get(Math.round(f.x0)) ?? 0) + (lefts.get(Math.round(f.x0) - 1) ?? 0) + (lefts.get(Math.round(f.x0) + 1) ?? 0);
  texts.sort((a, b) => support(b) - support(a) || b.x1 - b.x0 - (a.x1 - a.x0));
  numbers.forEach((f) => add(f));
  texts.forEach((f) => add(f));
  // the numbering first: one number over each column, the lowest header line (湖州's "** 1 2 3 4 5 6", centred over
  // figures set flush right, is how its header cells find their columns)
  for (const li of numbering) {
    const frags = fragsOf(li).filter((f) => isNumberText(f.text));
    frags.forEach((f) => add(f, { line: frags, numbering: true }));
  }
  for (let i = header.length - 1; i >= 0; i--) {
    const frags = fragsOf(header[i]!);
    [...frags].sort((a, b) => a.x1 - a.x0 - (b.x1 - b.x0)).forEach((f) => add(f, { line: frags }));
  }
  // a column known only from one header cell of a sparse header line ("收入  支出" over both halves) is a spanning
  // label, not a column
  const kept = cores.filter((c) => !c.headerOnly || c.support >= 2 || c.wideLine);
  return mergeMixedAlignment((kept.length ? kept : cores).sort((a, b) => a.x0 - b.x0), body);
}

/**
 * One wide cell can hold a left-aligned text on some rows ("—") and a right-aligned figure on others ("10.00"), far
 * apart: a column of figures right of a column of texts, the two never on the same line and not each under a header
 * cell of its own, is that column's right side, unless the texts are names, more of them than figures.
 */
function mergeMixedAlignment(cores: Core[], body: LineInfo[]): Core[] {
  // cells within one column (a cell spanning several says nothing)
  const lines = body.map((li) => fragsOf(li).filter((f) => cores.filter((c) => overlap(c, f) > 0).length === 1));
  for (let i = 0; i + 1 < cores.length; i++) {
    const left = cores[i]!;
    const right = cores[i + 1]!;
    if (!right.numeric || left.numeric || (right.claimed && left.claimed)) continue;
    if (lines.some((fs) => fs.some((f) => overlap(left, f) > 0) && fs.some((f) => overlap(right, f) > 0))) continue;
    // placeholders ("—", "无") or a label or two beside the figures ("部门预算编码" over them), not a column of names
    // with the figures centred apart from them (珠海's 重点项目 table: "珠海市内外经贸发展专项资" / "750" / "金（…）")
    const texts = lines.flatMap((fs) => fs.filter((f) => overlap(left, f) > 0));
    const figures = lines.flatMap((fs) => fs.filter((f) => overlap(right, f) > 0));
    if (texts.some((f) => squash(f.text).length > 4) && texts.length > figures.length) continue;
    left.x1 = right.x1;
    left.numeric = true;
    left.support += right.support;
    cores.splice(i + 1, 1);
  }
  return cores;
}

/**
 * Header cells of narrow columns can stand closer than 1 em ("小计 基本支出 项目支出"): in a header line, two runs of
 * ≥ 2 characters ≥ 0.6 em apart are two cells. Letter-spaced single glyphs ("项 目") stay one cell.
 */
function splitHeaderCells(li: LineInfo): LineInfo {
  const cells: Segment[] = [];
  for (const c of li.cells) {
    const runs: Word[][] = [];
    for (const w of c.words) {
      const r = runs[runs.length - 1];
      const prev = r?.[r.length - 1];
      if (r && prev && w.x0 - prev.x1 < 0.25 * Math.max(w.h, prev.h)) r.push(w);
      else runs.push([w]);
    }
    let cur: Word[] = runs[0]!;
    const len = (ws: Word[]) => ws.map((w) => w.text).join("").replace(/[\s\p{P}]/gu, "").length;
    const flush = (ws: Word[], hard: boolean) =>
      cells.push({ words: ws, text: wordsText(ws), x0: ws[0]!.x0, x1: Math.max(...ws.map((w) => w.x1)), y: c.y, h: c.h, hard });
    let first = true;
    for (let i = 1; i < runs.length; i++) {
      const r = runs[i]!;
      const last = cur[cur.length - 1]!;
      if (r[0]!.x0 - last.x1 >= 0.6 * Math.max(r[0]!.h, last.h) && len(cur) >= 2 && len(r) >= 2) {
        flush(cur, first ? c.hard : true);
        first = false;
        cur = r;
      } else cur = [...cur, ...r];
    }
    flush(cur, first ? c.hard : true);
  }
  return cells.length === li.cells.length ? li : Object.assign({}, li, { cells });
}

/** Index of the column a body cell belongs to: the one it overlaps most, else the nearest. */
function columnOf(cores: Core[], f: { x0: number; x1: number }): number {
  let best = 0;
  let bestScore = -Infinity;
  cores.forEach((c, i) => {
    const o = overlap(c, f);
    const score = o > 0 ? o : -Math.min(Math.abs(f.x0 - c.x1), Math.abs(c.x0 - f.x1), Math.abs((f.x0 + f.x1) / 2 - (c.x0 + c.x1) / 2));
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}

/** Columns a header cell covers: every column it overlaps by ≥ 3 pt or a quarter of the column, else its best one. */
function headerColumns(cores: Core[], f: Frag): [number, number] {
  const covered: number[] = [];
  cores.forEach((c, i) => {
    const o = overlap(c, f);
    if (o >= 3 || (o > 0 && o >= 0.25 * (c.x1 - c.x0))) covered.push(i);
  });
  if (covered.length < 2) {
    const i = columnOf(cores, f);
    return [i, i];
  }
  return [covered[0]!, covered[covered.length - 1]!];
}

interface Row {
  anchors: LineInfo[];
  cells: { f: Frag; c: number }[];
}

/**
 * A table under construction: its columns come from the first page's part, and are derived again from all parts when
 * a later page brings columns the first did not have (two cells of one line on one column: a performance table's
 * indicator block under its fund block).
 */
export class PdfTable {
  cores: Core[];
  /** the title line printed above it (squashed), when there was one: a page reprinting it continues this table */
  titleKey?: string;
  readonly headerKeys: Set<string>;
  /** the first page's first lines (squashed), header then body: what a page reprinting the table's top repeats */
  readonly firstLines: string[];
  /** the first cell of each header line with two or more cells (squashed): the labels a reprinted header repeats */
  readonly headerLabels: Set<string>;
  readonly block: SourceTable;
  private rows: Row[] = [];
  private headerLines: LineInfo[] = [];
  private headerRows: SourceCell[][] = [];
  /** per column, the right edge of its widest text that lies in it alone (see onlyIn): where its lines wrap */
  private maxRight: number[] = [];
  /** the right edge of the widest text of the table: where a cell spanning to the last column wraps */
  private tableRight = -Infinity;
  /** the lowest fragment placed so far in each column and its row (rows read top to bottom) */
  private lastInCol = new Map<number, { f: Frag; row: Row }>();
  /** cells are top-aligned (Word's default): a cell's further lines always belong to the row above them */
  private topAligned?: boolean;

  /** the body lines added so far, page by page */
  private parts: LineInfo[][] = [];

  constructor(header: LineInfo[], body: LineInfo[], page: number) {
    header = header.map(splitHeaderCells);
    this.headerKeys = new Set(header.map((li) => squash(li.line.text)));
    this.firstLines = [...header, ...body].slice(0, 12).map((li) => squash(li.line.text));
    this.headerLabels = new Set(header.filter((li) => li.cells.length >= 2).map((li) => squash(li.cells[0]!.text)));
    this.block = { kind: "table", rows: [], place: { page } };
    this.headerLines = header;
    this.cores = deriveColumns(body, header);
    this.reset();
    this.addBody(body);
  }

  /** Everything that depends on the columns, from scratch: measures, votes, header rows; no body rows. */
  private reset(): void {
    this.cells = new WeakMap();
    this.maxRight = this.cores.map((c) => c.x1);
    this.tableRight = -Infinity;
    this.rows = [];
    this.lastInCol.clear();
    this.votes = { top: 0, centred: 0 };
    this.topAligned = undefined;
    this.measure([...this.headerLines, ...this.parts.flat()]);
    this.voteTopAligned(this.headerLines);
    this.headerRows = this.headerBands(this.headerLines).map((b) => this.headerRow(b));
  }

  /** Some line has two cells on one column, each on that column alone. */
  private clashes(lines: LineInfo[]): boolean {
    return lines.some((li) => {
      const seen = new Set<number>();
      for (const f of this.cellsOf(li)) {
        const c = columnOf(this.cores, f);
        if (!onlyIn(this.cores, c, f)) continue;
        if (seen.has(c)) return true;
        seen.add(c);
      }
      return false;
    });
  }

  /** Widens maxRight and tableRight with the text of some lines. */
  private measure(lines: LineInfo[]): void {
    for (const li of lines) for (const f of this.cellsOf(li)) {
      this.tableRight = Math.max(this.tableRight, f.x1);
      if (isNumberText(f.text)) continue;
      const c = columnOf(this.cores, f);
      if (onlyIn(this.cores, c, f)) this.maxRight[c] = Math.max(this.maxRight[c]!, f.x1);
    }
  }

  /**
   * `g` ended its line because the text ran out of room: it reaches the right edge of its column (of the table, for a
   * cell spanning columns) but for less than what `f`, the next line, begins with — one Chinese character, or its
   * first Latin word or number ("(2021-" / "2023）》"), plus a character pushed down by line-breaking rules. A figure
   * only goes on with its unit or its broken-off digits, a code with its name.
   */
  private filled(g: Frag, f: Frag, c: number, edges = this.maxRight): boolean {
    // a figure goes on only with its unit or the rest of a date ("7.81" / "万元", "2024" / "年9月30日"), or with its
    // last digits when a narrow cell broke it after the point ("75.7" / "4分")
    // a function or economic code wrapped before its name ("201" / "一般公共服务支出") goes on too
    if (isNumberText(g.text) && !UNIT_START.test(f.text) && !brokenFigure(g, f) && !(CODE.test(g.text) && /^\p{Script=Han}/u.test(f.text))) return false;
    const em = Math.max(g.h, f.h);
    const right = onlyIn(this.cores, c, g) ? edges[c]! : this.tableRight;
    // what may not be broken: a Latin word or number, a short bracketed group ("（%）")
    const token = (/^[（(][^（()）]{0,3}[)）]/.exec(f.text) ?? /^[\x21-\x7e]+/.exec(f.text))?.[0].length ?? 0;
    const perChar = (f.x1 - f.x0) / Math.max(1, f.text.length);
    // a line may not start with closing punctuation, nor end with opening punctuation: a character moved down
    // ("担" / "保、", "项目资金" / "（万元）")
    const pushed = NO_LINE_START.test(f.text) || /^[（《“‘「『(\[]/u.test(f.text) ? em : 0;
    return g.x1 + Math.max(1.2 * em, token * perChar + 0.3 * em) + pushed >= right;
  }

  /** `f` is the next line of the cell whose last line so far is `g`: just below it, aligned with it, and `g` filled. */
  private continues(g: Frag, f: Frag, c: number, edges = this.maxRight): boolean {
    const em = Math.max(g.h, f.h);
    if (g.page === f.page) {
      const dy = f.y - g.y;
      if (dy < 0.5 * em || dy > 1.9 * em) return false;
    } else if (f.page !== g.page + 1) return false;
    // left-aligned, centred or right-aligned ("111.11" / "%")
    const aligned = Math.abs(f.x0 - g.x0) <= 0.6 * em || Math.abs(f.x0 + f.x1 - g.x0 - g.x1) <= 1.2 * em || Math.abs(f.x1 - g.x1) <= 0.6 * em;
    return aligned && this.filled(g, f, c, edges);
  }

  private cells = new WeakMap<LineInfo, Frag[]>();

  private cellsOf(li: LineInfo): Frag[] {
    let out = this.cells.get(li);
    if (!out) {
      out = fragsOf(li).flatMap((f) => splitAcross(this.cores, f));
      this.cells.set(li, out);
    }
    return out;
  }

  /** A line that starts at the left edge of a column other than the first and ends within the table: a cell's line. */
  startsInnerCell(li: LineInfo): boolean {
    const em = li.line.h;
    const x0 = li.cells[0]?.x0 ?? li.line.x0;
    const right = Math.max(...this.cores.map((c) => c.x1), ...this.maxRight);
    return this.cores.slice(1).some((c) => Math.abs(c.x0 - x0) <= 0.5 * em) && li.line.x1 <= right + 1.5 * em;
  }

  /** How well the lines of a following page fit this table's columns: share of cells landing on a column. */
  fits(lines: LineInfo[]): boolean {
    const frags = lines.flatMap((li) => this.cellsOf(li));
    if (!frags.length) return false;
    let ok = 0;
    for (const f of frags) {
      const c = this.cores[columnOf(this.cores, f)]!;
      const em = f.h;
      if (overlap(c, f) > 0 || (f.x1 > c.x0 - em && f.x0 < c.x1 + em)) ok++;
    }
    if (ok < 0.85 * frags.length) return false;
    // two cells of one line in one column: a different layout
    let clashes = 0;
    for (const li of lines) {
      const used = new Set<number>();
      for (const f of this.cellsOf(li)) {
        const i = columnOf(this.cores, f);
        if (used.has(i)) clashes++;
        used.add(i);
      }
    }
    return clashes <= Math.max(0, Math.floor(lines.length * 0.1));
  }

  /**
   * Body lines → rows. Anchor lines start rows: a line with a number or code, with two or more cells, or whose cell
   * is an enumerated label or a total. Anchors less than 0.75 em apart whose cells sit in different columns are one
   * row (a cell vertically centred beside a wrapped one sits half a line off).
   *
   * In a table whose cells are top-aligned (see voteTopAligned), a line whose every cell carries on the cell above it (continues: just below, aligned, and that cell filled its column) is the next line of those
   * cells, even when it has several ("项目资金（万" | "其中：财政拨" over "元）" | "款"), and even at the top of the
   * next page: Word breaks rows across pages.
   *
   * Every other line is part of a cell of a neighbouring row:
   *  - within 0.75 em of an anchor line: that row (the halves of a centred, wrapped label around its row);
   *  - else a label's next line, when the row above ends that column with a non-numeric cell that filled it
   *    (same left edge, right edge within 1.2 em of the column's widest): "七、文化旅游体育与传媒支" / "出";
   *  - else a label's first line, when the line itself fills the column and the row below starts that column at
   *    the same left edge: "其他文化旅游" / "20799 体育与传媒支";
   *  - when both fit, the row above in a top-aligned table, else the row whose main anchor line is nearer; when
   *    neither, a row of its own.
   */
  addBody(lines: LineInfo[]): void {
    if (this.parts.length && this.clashes(lines)) {
      const cores = deriveColumns([...this.parts.flat(), ...lines], this.headerLines);
      if (cores.length > this.cores.length) {
        this.cores = cores;
        const parts = this.parts;
        this.parts = [];
        this.reset();
        for (const part of parts) this.addPart(part);
      }
    }
    this.addPart(lines);
  }

  private addPart(lines: LineInfo[]): void {
    this.measure(lines);
    // a header whose last row broke across the page: its rest opens the next page ("项目资金" / "（万元）")
    if (!this.rows.length && this.headerLines.length) {
      let k = 0;
      while (k < lines.length && !lines[k]!.cells.some(isNumeric) && this.carriesOn(this.headerLines, lines[k]!)) k++;
      if (k > 0) {
        this.headerLines = [...this.headerLines, ...lines.slice(0, k)];
        this.headerRows = this.headerBands(this.headerLines).map((b) => this.headerRow(b));
        lines = lines.slice(k);
      }
    }
    this.parts.push(lines);
    this.topAligned = this.voteTopAligned(lines);
    const rows: Row[] = [];
    const isAnchor = (li: LineInfo) =>
      li.cells.length >= 2 || li.cells.some(isNumeric) || li.cells.some((c) => ENUMERATED.test(squash(c.text)) || TOTAL.test(squash(c.text)));
    const placed = (li: LineInfo) => this.cellsOf(li).map((f) => ({ f, c: columnOf(this.cores, f) }));
    const remember = (row: Row, cells: { f: Frag; c: number }[]) => {
      for (const x of cells) this.lastInCol.set(x.c, { f: x.f, row });
    };
    // a page's first row: before it, a cell may go on from the last page
    const pagesStarted = new Set(this.rows.map((r) => r.anchors[0]!.line.page));
    const deferred: LineInfo[] = [];
    for (const li of lines) {
      const cells = placed(li);
      if (this.topAligned) {
        const row = this.continuedRow(li, cells, pagesStarted.has(li.line.page));
        if (row) {
          row.cells.push(...cells);
          remember(row, cells);
          continue;
        }
      }
      if (!isAnchor(li)) {
        deferred.push(li);
        continue;
      }
      const last = rows[rows.length - 1];
      const lastAnchor = last?.anchors[last.anchors.length - 1];
      if (
        last &&
        lastAnchor &&
        lastAnchor.line.page === li.line.page &&
        li.line.y - lastAnchor.line.y < 0.75 * Math.max(li.line.h, lastAnchor.line.h) &&
        !cells.some((x) => last.cells.some((y) => y.c === x.c))
      ) {
        last.anchors.push(li);
        last.cells.push(...cells);
        remember(last, cells);
      } else {
        const row = { anchors: [li], cells };
        rows.push(row);
        remember(row, cells);
        pagesStarted.add(li.line.page);
      }
    }
    const mainY = (r: Row) => r.anchors.reduce((p, a) => (a.cells.length > p.cells.length ? a : p)).line.y;
    let centredLines = new Map<LineInfo, Row>();
    if (!this.topAligned) {
      const centred = this.centredLabels(rows, deferred, placed, mainY);
      for (const [row, parts] of centred.parts) {
        rows.splice(rows.indexOf(row), 1);
        for (const p of parts) p.to.cells.push({ f: p.f, c: p.c });
      }
      centredLines = centred.lines;
    }
    for (const li of deferred) {
      const cells = placed(li);
      const owner = centredLines.get(li);
      if (owner) {
        owner.cells.push(...cells);
        continue;
      }
      const y = li.line.y;
      const samePage = rows.filter((r) => r.anchors[0]!.line.page === li.line.page);
      let near: Row | undefined;
      let nearD = Infinity;
      for (const r of samePage) {
        for (const a of r.anchors) {
          const d = Math.abs(a.line.y - y);
          if (d < 0.75 * Math.max(a.line.h, li.line.h) && d < nearD) {
            near = r;
            nearD = d;
          }
        }
      }
      if (!near && cells.length === 1) {
        const { f, c } = cells[0]!;
        const em = f.h;
        const above = samePage.filter((r) => r.anchors[0]!.line.y < y).pop();
        const below = samePage.find((r) => r.anchors[0]!.line.y > y);
        const full = (g: Frag) => g.x1 >= this.maxRight[c]! - 1.2 * em && !isNumberText(g.text);
        const inCol = (r: Row) => r.cells.filter((x) => x.c === c).map((x) => x.f);
        const up = above && inCol(above).filter((g) => g.y < y).sort((a, b) => b.y - a.y)[0];
        const down = below && inCol(below).filter((g) => g.y > y).sort((a, b) => a.y - b.y)[0];
        const fitsUp = !!up && Math.abs(up.x0 - f.x0) <= 0.6 * em && full(up) && y - up.y <= 1.8 * em;
        const fitsDown = !!down && Math.abs(down.x0 - f.x0) <= 0.6 * em && full(f) && !isNumberText(down.text) && down.y - y <= 1.8 * em;
        if (fitsUp && fitsDown) near = this.topAligned || Math.abs(mainY(above!) - y) <= Math.abs(mainY(below!) - y) ? above : below;
        else if (fitsUp) near = above;
        else if (fitsDown) near = below;
      }
      if (near) near.cells.push(...cells);
      else {
        const r: Row = { anchors: [li], cells };
        const at = rows.findIndex((o) => o.anchors[0]!.line.page > li.line.page || (o.anchors[0]!.line.page === li.line.page && o.anchors[0]!.line.y > y));
        if (at < 0) rows.push(r);
        else rows.splice(at, 0, r);
      }
    }
    this.rows.push(...rows);
    this.block.rows = [...this.headerRows, ...this.rows.map((r) => this.bodyRow(r))];
    const last = Math.max(...lines.map((li) => li.line.page));
    if (last > (this.block.lastPage ?? this.block.place.page ?? 0)) this.block.lastPage = last;
  }

  /**
   * The lines of cells wrapped around their row's figures, in a table whose cells are vertically centred (珠海's
   * 项目支出表: "市特色会展产业链党委" / 0.84 … / "党建工作经费", and its 绩效目标 column beside them): in each column, a
   * row's lines lie symmetrically about its main anchor line, at equal distances above and below it (0.5, 1.5 … line
   * pitches for an even count, 1, 2 … with the anchor line holding the middle one), every line but the last filling the
   * column. The pieces are the one-cell lines left over (`deferred`) and the rows without a figure (a name's line
   * beside a line of the goal next to it): such a row is taken apart only when every one of its cells is claimed, else
   * it stays a row and the claims are made again without it. Pairs are claimed level by level, nearest first, so two
   * rows never share a piece; a row takes a level only when both pieces are free and as far apart as its pitch.
   * Returns each claimed line (deferred) and each row taken apart, with the rows their pieces go to.
   */
  private centredLabels(rows: Row[], deferred: LineInfo[], placed: (li: LineInfo) => { f: Frag; c: number }[], mainY: (r: Row) => number): { lines: Map<LineInfo, Row>; parts: Map<Row, { f: Frag; c: number; to: Row }[]> } {
    interface Piece {
      f: Frag;
      c: number;
      /** the deferred line it is, or the figureless row it is a cell of */
      li?: LineInfo;
      row?: Row;
    }
    const figured = (r: Row) => r.cells.some((x) => isNumberText(x.f.text));
    const textRows = rows.filter(
      (r) => !figured(r) && r.anchors.every((a) => !a.cells.some((c) => ENUMERATED.test(squash(c.text)) || TOTAL.test(squash(c.text)))),
    );
    const loose: Piece[] = deferred
      .map((li) => ({ li, cells: placed(li) }))
      .filter((x) => x.cells.length === 1 && !isNumberText(x.cells[0]!.f.text))
      .map((x) => ({ li: x.li, f: x.cells[0]!.f, c: x.cells[0]!.c }));
    const owners = rows.filter(figured);
    // a line that filled its column, or stopped a character short because that character may not end it: the next
    // line starts with it and a mark that may not begin a line ("…整体素" / "质，满足…")
    const full = (f: Frag, c: number, next: Frag) =>
      !isNumberText(f.text) && f.x1 >= this.maxRight[c]! - (NO_LINE_START.test(squash(next.text)) ? 2.2 : 1.2) * f.h;
    const kept = new Set<Row>();
    for (let round = 0; round < 8; round++) {
      const pieces: Piece[] = [...loose, ...textRows.filter((r) => !kept.has(r)).flatMap((r) => r.cells.map((x) => ({ f: x.f, c: x.c, row: r })))];
      const claims = this.claimCentred(owners, pieces, [...owners, ...kept], mainY, full);
      this.completeCentred(textRows.filter((r) => !kept.has(r)), pieces, claims, mainY);
      // a figureless row is taken apart whole or not at all
      const partial = textRows.filter((r) => !kept.has(r) && r.cells.some((x) => claims.has(x.f)) && !r.cells.every((x) => claims.has(x.f)));
      if (partial.length && round < 7) {
        for (const r of partial) kept.add(r);
        continue;
      }
      const lines = new Map<LineInfo, Row>();
      const parts = new Map<Row, { f: Frag; c: number; to: Row }[]>();
      for (const p of pieces) {
        const to = claims.get(p.f);
        if (!to) continue;
        if (p.li) lines.set(p.li, to);
        else if (p.row && !partial.includes(p.row)) parts.set(p.row, [...(parts.get(p.row) ?? []), { f: p.f, c: p.c, to }]);
      }
      return { lines, parts };
    }
    return { lines: new Map(), parts: new Map() };
  }

  /**
   * Rows without figures that the claims have bound to one row by some of their cells: their other cells go to that row
   * too when each has its mirror about that row's anchor line in the same column, left over in the same way — a
   * name's first line that did not fill its column (it broke before "——"), beside a goal's lines the row took.
   */
  private completeCentred(textRows: Row[], pieces: { f: Frag; c: number; row?: Row }[], claims: Map<Frag, Row>, mainY: (r: Row) => number): void {
    const boundTo = (r: Row): Row | undefined => {
      const to = new Set(r.cells.map((x) => claims.get(x.f)).filter((x): x is Row => !!x));
      return to.size === 1 ? [...to][0] : undefined;
    };
    for (const r of textRows) {
      const owner = boundTo(r);
      if (!owner) continue;
      const y = mainY(owner);
      for (const x of r.cells) {
        if (claims.has(x.f)) continue;
        const d = y - x.f.y;
        const mirror = pieces.find(
          (p) => p.c === x.c && p.f !== x.f && !claims.has(p.f) && p.f.page === x.f.page && Math.abs(p.f.y - y - d) <= 0.25 * p.f.h && (!p.row || boundTo(p.row) === owner),
        );
        if (!mirror) continue;
        claims.set(x.f, owner);
        claims.set(mirror.f, owner);
      }
    }
  }

  /** The level-by-level claims of centredLabels over `pieces`: each claimed piece's fragment with its row. */
  private claimCentred(
    owners: Row[],
    pieces: { f: Frag; c: number }[],
    barriers: Row[],
    mainY: (r: Row) => number,
    full: (f: Frag, c: number, next: Frag) => boolean,
  ): Map<Frag, Row> {
    const claims = new Map<Frag, Row>();
    if (!pieces.length) return claims;
    interface Block {
      row: Row;
      c: number;
      y: number;
      page: number;
      /** the pieces taken so far, top to bottom, and the distance of the outermost pair */
      up: Frag[];
      down: Frag[];
      d: number;
      pitch: number;
      /** the row's own cell in the column on its anchor line (an odd count of lines) */
      middle?: Frag;
    }
    const anchorsOf = new Map<number, number[]>();
    for (const r of barriers) for (const a of r.anchors) anchorsOf.set(a.line.page, [...(anchorsOf.get(a.line.page) ?? []), a.line.y]);
    const blocks: Block[] = [];
    for (const r of owners) {
      const page = r.anchors[0]!.line.page;
      const y = mainY(r);
      const columns = new Set(pieces.filter((x) => x.f.page === page).map((x) => x.c));
      for (const c of columns) {
        const own = r.cells.filter((x) => x.c === c);
        const onAnchor = own.filter((x) => Math.abs(x.f.y - y) < 0.25 * x.f.h);
        // a cell of the row already off its anchor line: the row's cell there is not one centred block
        if (onAnchor.length > 1 || own.length > onAnchor.length) continue;
        if (!r.cells.some((x) => x.c !== c && isNumberText(x.f.text))) continue;
        blocks.push({ row: r, c, y, page, up: [], down: [], d: 0, pitch: 0, ...(onAnchor[0] ? { middle: onAnchor[0].f } : {}) });
      }
    }
    for (let level = 0; level < 8 && blocks.length; level++) {
      const offers: { b: Block; up: Frag; down: Frag; d: number }[] = [];
      for (const b of blocks) {
        if (level > 0 && b.up.length < level) continue;
        const anchors = anchorsOf.get(b.page) ?? [];
        // the nearest free piece of the column beyond the block on each side, with no other row's anchor in between
        const beyond = (above: boolean): Frag | undefined => {
          const from = above ? (b.up[0]?.y ?? b.y) : (b.down[b.down.length - 1]?.y ?? b.y);
          let best: Frag | undefined;
          for (const x of pieces) {
            if (x.c !== b.c || x.f.page !== b.page || claims.has(x.f)) continue;
            if (above ? x.f.y >= from : x.f.y <= from) continue;
            if (!best || (above ? x.f.y > best.y : x.f.y < best.y)) best = x.f;
          }
          if (!best) return undefined;
          const lo = Math.min(best.y, b.y) + 0.25 * best.h;
          const hi = Math.max(best.y, b.y) - 0.25 * best.h;
          return anchors.some((ay) => ay > lo && ay < hi) ? undefined : best;
        };
        const up = beyond(true);
        const down = beyond(false);
        if (!up || !down) continue;
        const em = Math.max(up.h, down.h);
        const du = b.y - up.y;
        const dd = down.y - b.y;
        if (Math.abs(du - dd) > 0.25 * em) continue;
        if (level === 0) {
          if (du > 1.8 * em || du < 0.3 * em) continue;
        } else if (Math.abs(du - b.d - b.pitch) > 0.25 * em || Math.abs(dd - b.d - b.pitch) > 0.25 * em) continue;
        // the lines above the last one wrapped: each filled the column
        const seq = [up, ...b.up, ...(b.middle ? [b.middle] : []), ...b.down, down];
        if (!seq.slice(0, -1).every((f, i) => full(f, b.c, seq[i + 1]!))) continue;
        offers.push({ b, up, down, d: (du + dd) / 2 });
      }
      offers.sort((p, q) => p.d - q.d);
      let grown = 0;
      for (const o of offers) {
        if (claims.has(o.up) || claims.has(o.down)) continue;
        if (level === 0) o.b.pitch = o.b.middle ? o.d : 2 * o.d;
        o.b.up.unshift(o.up);
        o.b.down.push(o.down);
        o.b.d = o.d;
        claims.set(o.up, o.b.row);
        claims.set(o.down, o.b.row);
        grown++;
      }
      if (!grown) break;
    }
    return claims;
  }

  /**
   * The row whose cells a line carries on (see addBody), if it does: each of its cells continues the lowest cell
   * placed so far in its column, all in one row, and none is a figure of its own. Across a page break only before the
   * page's first row.
   */
  private continuedRow(li: LineInfo, cells: { f: Frag; c: number }[], pageStarted: boolean): Row | undefined {
    if (!cells.length || li.cells.some((c) => ENUMERATED.test(squash(c.text)) || TOTAL.test(squash(c.text)))) return undefined;
    let row: Row | undefined;
    const columns: number[] = [];
    for (const { f, c } of cells) {
      const found = this.cellAbove(f, c);
      if (!found) return undefined;
      const { f: g, row: r, c: gc } = found;
      if ((g.page !== f.page && pageStarted) || !this.continues(g, f, gc)) return undefined;
      // a target value begins with its comparison ("<=10万" under "2022年12月31日" is the next row's)
      if (/^[<>=≤≥]/.test(f.text) && !/[<>=≤≥]$/.test(g.text)) return undefined;
      // a figure on the line is a new row's, unless the cell above broke off in the middle of it ("<=5." / "86")
      if (isNumberText(f.text) && !/[.,<>=≤≥]$/.test(g.text) && !(cells.length === 1 && brokenFigure(g, f))) return undefined;
      if (row && row !== r) return undefined;
      row = r;
      columns.push(gc);
    }
    // each line goes to the column of the cell it carries on (a spanning cell's short last line included)
    cells.forEach((x, i) => (x.c = columns[i]!));
    return row;
  }

  /**
   * The lowest cell placed so far that `f` could be the next line of: the one in its column, or one that starts where
   * it does in another column (the lines of a cell spanning columns fall on different ones).
   */
  private cellAbove(f: Frag, c: number): { f: Frag; row: Row; c: number } | undefined {
    let best: { f: Frag; row: Row; c: number } | undefined;
    for (const [k, v] of this.lastInCol) {
      if (k !== c && Math.abs(v.f.x0 - f.x0) > 0.6 * f.h) continue;
      if (v.f.page > f.page || (v.f.page === f.page && v.f.y >= f.y)) continue;
      if (!best || v.f.page > best.f.page || (v.f.page === best.f.page && v.f.y > best.f.y)) best = { ...v, c: k };
    }
    return best;
  }

  /** the alignment votes so far (see voteTopAligned) */
  private votes = { top: 0, centred: 0 };

  /**
   * Whether the cells are top-aligned, by the lines around the first line of a row (a line with figures, or with
   * cells in two or more columns), counted over the header and all parts of the table so far:
   *  - a line right after it, without figures, each of whose cells carries on a cell of that line that filled its
   *    column, while that line has cells in other columns too: top (wrapped and one-line cells start together);
   *  - a label split around it, the line itself leaving that column empty (a filled cell in the line right before it
   *    that the line right after it carries on): centred;
   *  - a line of one cell right before a line with figures, not carrying on anything, whose cell fills its column
   *    and goes on in that line: centred (the label's first half).
   * Top when it wins; no votes or a tie keep the nearest-row reading.
   */
  private voteTopAligned(lines: LineInfo[]): boolean | undefined {
    const hasFigure = (li: LineInfo) => li.cells.some(isNumeric);
    const starts = (li: LineInfo) => hasFigure(li) || li.cells.length >= 2;
    const frags = (li: LineInfo) => this.cellsOf(li).map((f) => ({ f, c: columnOf(this.cores, f) }));
    const near = (a: LineInfo, b: LineInfo, ems = 1.9) =>
      a.line.page === b.line.page && b.line.y - a.line.y > 0 && b.line.y - a.line.y <= ems * Math.max(a.line.h, b.line.h);
    const carries = (a: LineInfo | undefined, b: LineInfo) => {
      if (!a || !near(a, b)) return false;
      const up = frags(a);
      return frags(b).every(({ f, c }) => up.some((x) => x.c === c && this.continues(x.f, f, c)));
    };
    // the label's next line starts where its first did, or further left when the first was indented (珠海's labels
    // start 2.5 em in: "市特色会展产业链党委" / "党建工作经费")
    const startsUnder = (first: Frag, next: Frag) => next.x0 <= first.x0 + 0.6 * next.h && next.x0 >= first.x0 - 3 * next.h;
    for (let i = 0; i < lines.length; i++) {
      const li = lines[i]!;
      if (!starts(li) || carries(lines[i - 1], li)) continue;
      const before = lines[i - 1];
      const after = lines[i + 1];
      const own = frags(li);
      if (after && !hasFigure(after) && near(li, after)) {
        const below = frags(after);
        if (carries(li, after) && own.some((x) => !below.some((y) => y.c === x.c))) this.votes.top++;
        const split = before && !hasFigure(before) && near(before, after, 3.2) ? frags(before) : [];
        for (const { f, c } of below) {
          const s = split.find((x) => x.c === c);
          if (!own.some((x) => x.c === c) && s && this.filled(s.f, f, c) && startsUnder(s.f, f)) this.votes.centred++;
        }
      }
      if (before && hasFigure(li) && before.cells.length === 1 && near(before, li) && !carries(lines[i - 2], before)) {
        for (const { f, c } of frags(before)) {
          const down = own.find((x) => x.c === c);
          if (down && this.continues(f, down.f, c)) this.votes.centred++;
        }
      }
    }
    const { top, centred } = this.votes;
    return top > centred ? true : top < centred ? false : undefined;
  }

  private bodyRow(r: Row): SourceCell[] {
    const page = r.anchors[0]!.line.page;
    return this.cores.map((_, i) => {
      const fs = r.cells.filter((x) => x.c === i).map((x) => x.f);
      if (!fs.length) return { text: "", place: { page } };
      fs.sort((p, q) => p.page - q.page || p.y - q.y || p.x0 - q.x0);
      return { text: joinFragments(fs), place: { page: fs[0]!.page } };
    });
  }

  /**
   * Header lines → header rows. A line joins the row above when it is less than 1 em below it and none of its cells
   * shares a column with a spanning cell there (or spans a column used there): the lines of multi-line header cells
   * ("附属单位" / "上缴收入") become one cell, a level of spanning cells stays a row of its own. A line at a wider
   * line pitch (Word's) joins it too when each of its cells carries on a cell of the row that filled its column
   * ("全年预" | "分值" over "算数" | "权重").
   */
  private headerBands(header: LineInfo[]): LineInfo[][] {
    const out: { lines: LineInfo[]; ranges: [number, number][] }[] = [];
    const carriesOn = (band: LineInfo[], li: LineInfo) => this.carriesOn(band, li);
    for (const li of header) {
      const ranges = this.cellsOf(li).map((f) => headerColumns(this.cores, f));
      const cur = out[out.length - 1];
      const prev = cur?.lines[cur.lines.length - 1];
      // two lines of one spanning cell cover the same columns and do not clash
      const clash = (a: [number, number], b: [number, number]) =>
        (a[0] !== a[1] || b[0] !== b[1]) && a[0] <= b[1] && a[1] >= b[0] && !(a[0] === b[0] && a[1] === b[1]);
      if (
        cur &&
        prev &&
        ((prev.line.page === li.line.page && li.line.y - prev.line.y < Math.max(prev.line.h, li.line.h) && !ranges.some((r) => cur.ranges.some((q) => clash(r, q)))) ||
          carriesOn(cur.lines, li))
      ) {
        cur.lines.push(li);
        cur.ranges.push(...ranges);
      } else out.push({ lines: [li], ranges });
    }
    return out.map((b) => b.lines);
  }

  /**
   * Per column, the right edge of its widest header text lying in it alone (else the column's): where header text
   * wraps, which may be short of the figures below when the header row's cells are narrower than the body's.
   */
  private headerRight(): number[] {
    const out = this.cores.map(() => -Infinity);
    for (const li of this.headerLines) for (const f of this.cellsOf(li)) {
      const c = columnOf(this.cores, f);
      if (onlyIn(this.cores, c, f)) out[c] = Math.max(out[c]!, f.x1);
    }
    return out.map((x, i) => (x > -Infinity ? x : this.maxRight[i]!));
  }

  /** Each cell of `li` carries on the lowest cell of `band` in its column (see continues), judged by header widths. */
  private carriesOn(band: LineInfo[], li: LineInfo): boolean {
    const cells = this.cellsOf(li);
    return (
      cells.length > 0 &&
      cells.every((f) => {
        const c = columnOf(this.cores, f);
        const above = band
          .flatMap((l) => this.cellsOf(l))
          .filter((g) => (g.page < f.page || g.y < f.y) && columnOf(this.cores, g) === c)
          .sort((a, b) => a.page - b.page || a.y - b.y)
          .pop();
        return !!above && this.continues(above, f, c, this.headerRight());
      })
    );
  }

  private headerRow(group: LineInfo[]): SourceCell[] {
    const page = group[0]!.line.page;
    const n = this.cores.length;
    const spans: { f: Frag; c0: number; c1: number }[] = group.flatMap((li) => this.cellsOf(li)).map((f) => {
      const [c0, c1] = headerColumns(this.cores, f);
      return { f, c0, c1 };
    });
    // a spanning cell that collides with another cell of the row shrinks to its best column
    for (let changed = true; changed; ) {
      changed = false;
      for (const s of spans) {
        if (s.c0 === s.c1) continue;
        if (spans.some((o) => o !== s && o.c0 <= s.c1 && o.c1 >= s.c0 && !(o.c0 === s.c0 && o.c1 === s.c1))) {
          s.c0 = s.c1 = columnOf(this.cores, s.f);
          changed = true;
        }
      }
    }
    const row: SourceCell[] = [];
    for (let c = 0; c < n; ) {
      const spanning = spans.find((s) => s.c0 === c && s.c1 > c);
      if (spanning) {
        const parts = spans.filter((s) => s.c0 === c && s.c1 === spanning.c1).map((s) => s.f).sort((p, q) => p.page - q.page || p.y - q.y || p.x0 - q.x0);
        row.push({ text: joinFragments(parts), place: { page: parts[0]!.page }, colSpan: spanning.c1 - c + 1 });
        c = spanning.c1 + 1;
        continue;
      }
      const fs = spans.filter((s) => s.c0 === c && s.c1 === c).map((s) => s.f).sort((p, q) => p.page - q.page || p.y - q.y || p.x0 - q.x0);
      row.push(fs.length ? { text: joinFragments(fs), place: { page: fs[0]!.page } } : { text: "", place: { page } });
      c++;
    }
    return row;
  }
}

export { isBodyLine, squash };

