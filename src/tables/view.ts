/**
 * The typed view of a report's tables that rules read: each logical table with its kind, unit and parsed layout
 * (grid, “三公” slots or performance blocks). Built once per report and memoised.
 */
import type { Report, Table, TableCell } from "../model/schema.js";
import { buildGrid, type Grid } from "./grid.js";
import { PERF_KINDS, type TableKind } from "./kinds.js";
import { readPerf, readTargetFunds, type FundRow, type Perf } from "./perf.js";
import { readSangong, type Sangong } from "./sangong.js";
import { segmentTable, type Segment } from "./segment.js";
import { relocate } from "./text.js";

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
}

const GRID_KINDS: ReadonlySet<TableKind> = new Set([
  "summary", "income", "expense", "fiscalSummary", "fiscalExpense", "gpbExpense", "gpbBasic", "gpbProject", "govFund", "stateCapital", "operating", "procurement",
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
  memo.set(report, views);
  return views;
}

function addViews(views: TableView[], table: Table, report: Report, isFinal: boolean): void {
  {
    for (const seg of segmentTable(table)) {
      const prev = views[views.length - 1];
      // a table continued on the next page: no title of its own, same layout as the one before
      if (!seg.kind && prev?.grid && prev.kind && GRID_KINDS.has(prev.kind) && seg.part === 0 && continues(seg, prev)) {
        prev.segment.rows.push(...dropHeader(seg.rows));
        const grid = buildGrid(prev.segment.rows, prev.unit);
        if (grid) prev.grid = relocateGrid(grid, prev.title);
        prev.empty = isEmpty(prev);
        continue;
      }
      const unit = seg.unit ?? (seg.kind && PERF_KINDS.has(seg.kind) ? "万元" : report.meta.unit || "万元");
      const view: TableView = { table, part: seg.part, title: seg.title || table.title, unit, segment: seg, empty: true };
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
  return !seg.table.title && seg.rows.slice(0, 2).some((r) => /^[2-5]\d{2}(?:\s|$|\d)/.test(firstText(r)));
}

function dropHeader(rows: TableCell[][]): TableCell[][] {
  const k = rows.findIndex((r) => r.some((c) => c.number && /\./.test(c.number.text)) || /^[2-5]\d{2}/.test((r.find((c) => c.text.trim())?.text ?? "").trim()));
  return k < 0 ? rows : rows.slice(k);
}

function relocateGrid(grid: Grid, title: string): Grid {
  for (const r of grid.rows) {
    r.values = r.values.map((v) => (v ? { ...v, location: relocate(v.location, title) } : v));
  }
  return grid;
}

/** All views of one kind. */
export function viewsOf(report: Report, kind: TableKind): TableView[] {
  return tableViews(report).filter((v) => v.kind === kind);
}
