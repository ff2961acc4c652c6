/**
 * The typed view of a report's tables that rules read: each logical table with its kind, unit and parsed layout
 * (grid, “三公” slots or performance blocks). Built once per report and memoised.
 */
import type { Report, Table, TableCell } from "../model/schema.js";
import { buildGrid, roleOf, type Grid, type GridRow } from "./grid.js";
import { normalizeTitle, PERF_KINDS, type TableKind } from "./kinds.js";
import { readPerf, readTargetFunds, type FundRow, type Perf } from "./perf.js";
import { readSangong, type Sangong } from "./sangong.js";
import { segmentTable, type Segment } from "./segment.js";
import { relocate, squash } from "./text.js";
import { misreadReason } from "./verify.js";

export interface TableView {
  table: Table;
  /** index of this logical table within its physical table */
  part: number;
  title: string;
  kind?: TableKind;
  unit: string;
  segment: Segment;
  grid?: Grid;
  sangong?: Sangong;
  perf?: Perf;
  targetFunds?: FundRow[];
  /** prints no figure at all */
  empty: boolean;
  /** the 1-based page of its last part (a table continued over pages) */
  lastPage?: number;
  /** a continuation page whose columns could not be aligned with the first page's: the table is no reference */
  unjoinable?: boolean;
  /** why its own sums say it was misread (see verify.ts): the table is no reference */
  misread?: string;
}

const GRID_KINDS: ReadonlySet<TableKind> = new Set([
  "summary", "income", "expense", "fiscalSummary", "fiscalExpense", "gpbExpense", "gpbBasic", "gpbProject", "projectExpense", "govFund", "stateCapital", "operating", "procurement",
]);

const memo = new WeakMap<Report, TableView[]>();

export function tableViews(report: Report): TableView[] {
  const hit = memo.get(report);
  if (hit) return hit;
  const views: TableView[] = [];
  const isFinal = report.meta.kind !== "预算";
  for (const table of report.tables) {
    try {
      addViews(views, table, report, isFinal);
    } catch (e) {
      // one table whose layout defeats the reader costs that table only
      report.notices.push({
        code: "table-unreadable",
        message: `表${table.index}「${table.title || "无标题"}」无法可靠读取：${(e as Error)?.message ?? String(e)}；该表未参与核对`,
        location: table.location,
      });
    }
  }
  for (const v of views) {
    if (!v.grid) continue;
    const why = misreadReason(v);
    if (!why) continue;
    // its cells are no reference: no table rule runs on it and it states no figure for the narrative
    delete v.grid;
    v.misread = why;
    report.notices.push({ code: "table-unreadable", message: `表「${squash(v.title) || v.table.index}」无法可靠读取：${why}；该表未参与核对`, location: v.table.location });
  }
  memo.set(report, views);
  return views;
}

function addViews(views: TableView[], table: Table, report: Report, isFinal: boolean): void {
  for (const seg of segmentTable(table)) {
    const prev = views[views.length - 1];
    // a table continued on the next page: no title of its own and the same layout as the one before, or the same
    // title and kind repeated on the next page (templates that reprint title and header on every page)
    if (prev?.kind && GRID_KINDS.has(prev.kind) && seg.part === 0 && (prev.grid || prev.unjoinable) && (repeatsTitle(seg, prev) || (!seg.kind && continues(seg, prev)))) {
      joinContinuation(prev, seg, report);
      continue;
    }
    if (prev?.perf && seg.part === 0 && !seg.kind && continuesPerf(seg, prev)) {
      joinPerf(prev, seg);
      continue;
    }
    const unit = seg.unit ?? (seg.kind && PERF_KINDS.has(seg.kind) ? "万元" : report.meta.unit || "万元");
    const view: TableView = { table, part: seg.part, title: seg.title || table.title, unit, segment: seg, empty: true };
    const last = lastPageOf(table);
    if (last) view.lastPage = last;
    if (seg.kind) view.kind = seg.kind;
    if (seg.kind === "sangong") {
      const s = readSangong(seg.rows, unit, view.title, isFinal);
      if (s) view.sangong = s;
    } else if (seg.kind === "perfTarget") {
      view.perf = readPerf(seg.rows, view.title);
      view.targetFunds = readTargetFunds(seg.rows, view.title);
    } else if (seg.kind && PERF_KINDS.has(seg.kind)) {
      view.perf = readPerf(seg.rows, view.title);
    } else if (!seg.kind || GRID_KINDS.has(seg.kind)) {
      const grid = buildGrid(seg.rows, unit);
      if (grid) view.grid = relocateGrid(grid, view.title);
    }
    view.empty = isEmpty(view);
    views.push(view);
  }
}

function isEmpty(v: TableView): boolean {
  if (v.grid) return v.grid.rows.every((r) => r.values.every((x) => !x));
  if (v.sangong) return v.sangong.slots.every((s) => !s.number);
  if (v.perf) return v.perf.funds.every((f) => !f.values.budget && !f.values.actual) && (v.targetFunds ?? []).length === 0 && v.perf.indicators.length === 0;
  return !v.segment.rows.some((r) => r.some((c) => c.number && /\./.test(c.number.text)));
}

function continues(seg: Segment, prev: TableView): boolean {
  const head = (rows: TableCell[][]) => rows.slice(0, 3).map((r) => r.map((c) => c.text.replace(/\s+/g, "")).join("|")).join("/");
  if (head(seg.rows) === head(prev.segment.rows)) return true;
  // no title and no header of its own: it starts with coded rows
  const firstText = (r: TableCell[]) => (r.find((c) => c.text.trim())?.text ?? "").trim();
  if (!seg.table.title && seg.rows.slice(0, 2).some((r) => /^[2-5]\d{2}(?:\s|$|\d|\p{Script=Han})/u.test(firstText(r)))) return true;
  return headerlessNextPage(seg, prev);
}

/**
 * No title, on the table's last page or the page right after it, and either the same header as the table's (珠海's
 * 表12 reprints it on later pages) or no header at all (its first row already holds figures, or the rows before them
 * name no column) with as many value columns holding figures on each side as the table: the rest of the table's rows
 * (苏州's 政府采购支出表 continues by name, without codes or a repeated header).
 */
function headerlessNextPage(seg: Segment, prev: TableView): boolean {
  const page = seg.table.location.page;
  if (squash(seg.table.title) || !page || !prev.lastPage || (page !== prev.lastPage + 1 && page !== prev.lastPage) || !prev.grid) return false;
  const next = buildGrid(seg.rows, prev.unit);
  // or a header of its own that names the same columns, in the same order, as the table's
  const sameHeader = !!next && next.columns.length === prev.grid.columns.length && next.columns.every((cols, k) => {
    const a = prev.grid!.columns[k]!;
    return cols.length === a.length && cols.every((c, j) => c.role === a[j]!.role && c.leaf === a[j]!.leaf);
  }) && next.columns.some((cols) => cols.some((c) => c.role));
  if (sameHeader) return true;
  if (!startsWithFigures(seg) && !noHeaderWords(seg)) return false;
  return !!next && next.sides.length === prev.grid.sides.length && next.sides.every((_, k) => usedColumns(next, k).length === usedColumns(prev.grid!, k).length);
}

/** The segment has no header: its first row already holds a figure with decimals. */
function startsWithFigures(seg: Segment): boolean {
  return !!seg.rows[0]?.some((c) => c.number && /\d\.\d/.test(c.text));
}

/**
 * The rows before its first figure name no column (珠海's 表12 continues with a project's name wrapped over lines and
 * its 绩效目标 prose): no header word of a value column (总计, 一般公共预算 …) and no label header (科目, 项目, 名称).
 */
function noHeaderWords(seg: Segment): boolean {
  const first = seg.rows.findIndex((r) => r.some((c) => c.number && /\d\.\d/.test(c.text)));
  if (first < 0) return false;
  return seg.rows.slice(0, first).every((r) => r.every((c) => {
    const t = squash(c.text);
    return !t || t.length > 16 || (!roleOf(t) && !/科目|项目|名称|单位|栏次|金额|预算数/.test(t));
  }));
}

/** The value columns (indexes into the side's columns) that hold a figure in some row. */
function usedColumns(g: Grid, side: number): number[] {
  return g.columns[side]!.map((_, j) => j).filter((j) => g.rows.some((r) => r.side === side && r.values[j]));
}

/** The last page a (physical) table reaches (the model records it for a table that runs over pages). */
function lastPageOf(table: Table): number | undefined {
  return table.lastPage ?? table.location.page;
}

/**
 * A performance table's lower part printed as a table of its own: no title, nothing of its own kind, on the table's
 * last page or the page right after it. (Its indicator block often has more columns than the fund
 * block above it, so the PDF reader cannot join the two by their columns.)
 */
function continuesPerf(seg: Segment, prev: TableView): boolean {
  const page = seg.table.location.page;
  return !squash(seg.table.title) && !!page && !!prev.lastPage && (page === prev.lastPage || page === prev.lastPage + 1);
}

/** Appends a performance table's lower part and reads the whole table again (it is read by header words, not columns). */
function joinPerf(prev: TableView, seg: Segment): void {
  prev.segment.rows.push(...seg.rows);
  const last = lastPageOf(seg.table);
  if (last) prev.lastPage = last;
  prev.perf = readPerf(prev.segment.rows, prev.title);
  if (prev.kind === "perfTarget") prev.targetFunds = readTargetFunds(prev.segment.rows, prev.title);
  prev.empty = isEmpty(prev);
}

/** The same kind and title printed again on the page right after the table's last page. */
function repeatsTitle(seg: Segment, prev: TableView): boolean {
  const page = seg.table.location.page;
  if (!seg.kind || seg.kind !== prev.kind || !page || !prev.lastPage || (page !== prev.lastPage && page !== prev.lastPage + 1)) return false;
  return normalizeTitle(seg.title || seg.table.title) === normalizeTitle(prev.title);
}

/**
 * Appends a continuation page to the table it continues. Each page is read with its own header (pages of one table
 * often differ in how their header cells were merged), then its value columns are matched to the first page's:
 * by position when both pages have as many, by header role otherwise. When they cannot be matched, the whole table
 * is no reference: its grid is dropped and a notice says why, so no sum is checked over a part of its rows.
 */
function joinContinuation(prev: TableView, seg: Segment, report: Report): void {
  const offset = prev.segment.rows.length;
  prev.segment.rows.push(...seg.rows);
  const last = lastPageOf(seg.table);
  if (last) prev.lastPage = last;
  if (prev.unjoinable || !prev.grid) return;
  const next = buildGrid(seg.rows, prev.unit);
  if (!next) return; // a page with no data rows (a header, a note)
  const mapping = alignColumns(prev.grid, next, startsWithFigures(seg));
  if (!mapping) {
    prev.unjoinable = true;
    delete prev.grid;
    prev.empty = isEmpty(prev);
    report.notices.push({
      code: "table-unreadable",
      message: `表「${squash(prev.title)}」跨页续表（第${seg.table.location.page ?? "?"}页）的列与首页无法对齐，该表未参与核对`,
      location: seg.table.location,
    });
    return;
  }
  const moved = relocateGrid(next, prev.title, prev.table.index);
  for (const r of moved.rows) {
    const cols = prev.grid.columns[r.side]!;
    const values: GridRow["values"] = cols.map(() => undefined);
    r.values.forEach((v, j) => {
      const k = mapping[r.side]![j]!;
      if (k >= 0) values[k] = v;
    });
    prev.grid.rows.push(Object.assign({}, r, { index: r.index + offset, values }));
  }
  prev.empty = isEmpty(prev);
}

/**
 * For each side, the first page's value-column index of each of the continuation's value columns (-1: a column that
 * never holds a figure). Undefined when the pages do not line up: other sides, or a column matched to none or two.
 */
function alignColumns(first: Grid, next: Grid, headerless: boolean): number[][] | undefined {
  if (first.sides.length !== next.sides.length) return undefined;
  const out: number[][] = [];
  for (let s = 0; s < first.sides.length; s++) {
    const a = first.columns[s]!;
    const b = next.columns[s]!;
    const used = (j: number) => next.rows.some((r) => r.side === s && r.values[j]);
    if (a.length === b.length && b.every((c, j) => !c.role || !a[j]!.role || c.role === a[j]!.role)) {
      out.push(b.map((_, j) => j));
      continue;
    }
    const map = b.map((c, j) => {
      const hits = a.map((x, k) => (c.role && x.role === c.role ? k : -1)).filter((k) => k >= 0);
      return hits.length === 1 ? hits[0]! : used(j) ? -2 : -1;
    });
    if (map.includes(-2) || new Set(map.filter((k) => k >= 0)).size !== map.filter((k) => k >= 0).length) {
      // a page without any header that lost an empty column (or gained one): the columns that hold figures, in
      // order, when both pages have as many of them
      if (!headerless) return undefined;
      const ua = usedColumns(first, s);
      const ub = usedColumns(next, s);
      if (ua.length === 0 || ua.length !== ub.length || ub.some((j, i) => b[j]!.role && a[ua[i]!]!.role && b[j]!.role !== a[ua[i]!]!.role)) return undefined;
      out.push(b.map((_, j) => (ub.includes(j) ? ua[ub.indexOf(j)]! : -1)));
      continue;
    }
    out.push(map);
  }
  return out;
}

function relocateGrid(grid: Grid, title: string, firstPart?: number): Grid {
  for (const r of grid.rows) {
    r.values = r.values.map((v) => (v ? Object.assign({}, v, { location: relocate(v.location, title, firstPart) }) : v));
  }
  return grid;
}

/** All views of one kind. */
export function viewsOf(report: Report, kind: TableKind): TableView[] {
  return tableViews(report).filter((v) => v.kind === kind);
}
