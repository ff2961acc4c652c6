/**
 * Coverage: how much of what a report prints took part in a relation that was evaluated. Recall is invisible in the
 * findings (a number that agrees with nothing cannot be found wrong), so every run counts it: the printed amounts and
 * percentages (narrative and tables apart), those that took part in at least one evaluated relation, and the
 * relations evaluated and held. `gouji extract FILE --uncovered` lists the numbers in no relation, each with the
 * class that says why it may have nothing to agree with (a year, a code, a count …).
 */
import type { PrintedNumber, Report, TableCell } from "../model/schema.js";
import { tableViews } from "../tables/view.js";

/** Per-file coverage figures, the optional `stats` object of the JSON output (OUTPUT.md, 2026-11). Counts. */
export interface ReportStats {
  /** printed amounts (元, 万元, 亿元) and percentages, narrative and tables together */
  amounts: number;
  amountsInRelations: number;
  /** the part of `amounts` printed in tables */
  tableAmounts: number;
  tableAmountsInRelations: number;
  /** relations evaluated (each check of one relation over its printed numbers) */
  relationsChecked: number;
  /** of those, the ones that held (exactly or within rounding) */
  relationsHeld: number;
}

/**
 * What a printed number is, for coverage: `amount` (元/万元/亿元, or a figure in an amount table's value column),
 * `percent`; the rest have nothing to agree with unless a relation is written for them: `year`, `date`,
 * `numbering` (a list's "（1）", "2."), `code` (科目编码 201, 20101), `lineNumber` (行次, 栏次, 序号), `phone`,
 * `quantity` (人, 个, 辆, 次, 分, 平方米 …), `indicator` (a performance indicator's 指标值 / 实际完成值: an output
 * measure, judged against its target, not summed), `other`.
 */
export type NumberClass = "amount" | "percent" | "year" | "date" | "numbering" | "code" | "lineNumber" | "phone" | "quantity" | "indicator" | "other";

const AMOUNT_UNITS = new Set(["元", "万元", "亿元", "千元"]);

/** The identity of a printed number across copies (a claim's value, a converted table figure): its place and text. */
export function numberKey(n: Pick<PrintedNumber, "text" | "location" | "original">): string {
  const l = n.location;
  const where = l.table ? `t${l.table.index}:${l.table.row}:${l.table.column}` : `${l.paragraph ?? ""}:${l.line ?? ""}:${l.snippet}`;
  return `${l.page ?? ""}|${where}|${n.original?.text ?? n.text}`;
}

/**
 * Collects, while the rules run, the printed numbers that took part in an evaluated relation and the count of
 * relations evaluated and held. One per report run (see `runRules`' `coverage` option).
 */
export class Coverage {
  relationsChecked = 0;
  relationsHeld = 0;
  readonly covered = new Set<string>();

  /** one relation evaluated over `values`; `held` when it held exactly or within rounding */
  relation(values: readonly PrintedNumber[], held: boolean): void {
    this.relationsChecked++;
    if (held) this.relationsHeld++;
    this.touch(values);
  }

  /** numbers cited by a finding that did not come through a relation check (they were compared all the same) */
  touch(values: readonly PrintedNumber[]): void {
    for (const v of values) this.covered.add(numberKey(v));
  }

  has(n: PrintedNumber): boolean {
    return this.covered.has(numberKey(n));
  }
}

/** One printed number of the report with its class and where it stands (a section's heading or a table's title). */
export interface PrintedEntry {
  number: PrintedNumber;
  cls: NumberClass;
  inTable: boolean;
  /** the section heading (narrative) or table title (tables) it is listed under */
  group: string;
}

/** Every printed number of a report, narrative then tables, classified. */
export function printedNumbers(report: Report): PrintedEntry[] {
  const out: PrintedEntry[] = [];
  const sectionTitle = new Map(report.sections.map((s) => [s.id, s.title]));
  for (const p of report.paragraphs) {
    const group = sectionTitle.get(p.sectionId) || "正文";
    for (const n of p.numbers) out.push({ number: n, cls: narrativeClass(p.text, n.start, n.end, n.unit, n.text), inTable: false, group });
  }
  const codeCells = codeCellsOf(report);
  for (const t of report.tables) {
    const headers = headersByRow(t.rows);
    const group = `表${t.index}「${t.title || "无标题"}」`;
    for (const row of t.rows) {
      for (const cell of row) {
        if (!cell.number) continue;
        out.push({ number: cell.number, cls: cellClass(cell, t.unit, headers.get(row)?.get(cell.column) ?? "", codeCells), inTable: true, group });
      }
    }
  }
  return out;
}

/** Counts a report's coverage from what the rules touched. */
export function reportStats(report: Report, coverage: Coverage): ReportStats {
  const s: ReportStats = { amounts: 0, amountsInRelations: 0, tableAmounts: 0, tableAmountsInRelations: 0, relationsChecked: coverage.relationsChecked, relationsHeld: coverage.relationsHeld };
  for (const e of printedNumbers(report)) {
    if (e.cls !== "amount" && e.cls !== "percent") continue;
    const hit = coverage.has(e.number);
    s.amounts++;
    if (hit) s.amountsInRelations++;
    if (e.inTable) {
      s.tableAmounts++;
      if (hit) s.tableAmountsInRelations++;
    }
  }
  return s;
}

/** The printed numbers in no evaluated relation, in document order. */
export function uncoveredNumbers(report: Report, coverage: Coverage): PrintedEntry[] {
  return printedNumbers(report).filter((e) => !coverage.has(e.number));
}

/** Adds one report's figures to running totals (the bench, a folder's summary). */
export function addStats(total: ReportStats, s: ReportStats): ReportStats {
  for (const k of Object.keys(total) as (keyof ReportStats)[]) total[k] += s[k];
  return total;
}

export function emptyStats(): ReportStats {
  return { amounts: 0, amountsInRelations: 0, tableAmounts: 0, tableAmountsInRelations: 0, relationsChecked: 0, relationsHeld: 0 };
}

function narrativeClass(text: string, start: number, end: number, unit: string, raw: string): NumberClass {
  if (AMOUNT_UNITS.has(unit)) return "amount";
  if (unit === "%" || unit === "％" || unit === "%%") return "percent";
  const after = text.slice(end, end + 1);
  const before = text.slice(Math.max(0, start - 1), start);
  const digits = raw.replace(/[^\d]/g, "");
  if (unit === "年" || (/^(?:19|20)\d\d$/.test(digits) && /^[年度-]/.test(after))) return "year";
  if (unit === "月" || unit === "日" || /^[月日号]/.test(after)) return "date";
  if (/^\d{7,}$/.test(digits) && /[-—]|电话|^1\d{10}$/.test(text.slice(Math.max(0, start - 6), end + 1) + digits)) return "phone";
  if (!unit && /[（(]/.test(before) && /[）)]/.test(after) && digits.length <= 2) return "numbering";
  if (!unit && /^[.．、]/.test(after) && digits.length <= 2 && !/\d/.test(text.slice(end + 1, end + 2))) return "numbering";
  if (/^\d{3}(?:\d\d){0,2}$/.test(digits) && /^[）)]?/.test(after) && /科目|编码|代码|类|款|项/.test(text.slice(Math.max(0, start - 8), end + 4))) return "code";
  if (unit) return "quantity";
  return "other";
}

function cellClass(cell: TableCell, tableUnit: string | undefined, header: string, codeCells: Set<TableCell>): NumberClass {
  const n = cell.number!;
  if (codeCells.has(cell)) return "code";
  if (/行次|栏次|序号|编号/.test(header)) return "lineNumber";
  if (/指标值|完成值|实际值|目标值|业绩值|完成情况|实际完成|预期目标/.test(header)) return "indicator";
  if (n.unit === "%" || n.unit === "％" || n.unit === "%%") return "percent";
  if (AMOUNT_UNITS.has(n.unit)) return "amount";
  if (n.unit) return n.unit === "年" ? "year" : "quantity";
  const digits = n.text.replace(/[^\d]/g, "");
  if (/编码|代码|科目代码/.test(header) && /^\d{3,7}$/.test(digits)) return "code";
  if (/^(?:19|20)\d\d$/.test(digits) && /年度?$/.test(header)) return "year";
  if (/权重|分值|得分|分数/.test(header)) return "quantity";
  if (/人数|人$|个数|数量|车辆|辆/.test(header)) return "quantity";
  return tableUnit && !AMOUNT_UNITS.has(tableUnit) ? "other" : "amount";
}

/** The cells the grid reader took for function or economic codes. */
function codeCellsOf(report: Report): Set<TableCell> {
  const out = new Set<TableCell>();
  let views;
  try {
    views = tableViews(report);
  } catch {
    return out;
  }
  for (const v of views) {
    if (!v.grid) continue;
    const cols = new Set(v.grid.sides.flatMap((s) => s.codeCols));
    for (const r of v.segment.rows) for (const c of r) if (cols.has(c.column) && c.number && /^\d{2,7}$/.test(c.text.replace(/\s/g, ""))) out.add(c);
  }
  for (const t of report.tables) {
    for (const r of t.rows) {
      const first = r.find((c) => c.text.trim());
      // a row led by a code ("2010101 行政运行") prints the code in its own cell
      if (first?.number && /^\d{3}(?:\d\d){0,2}$/.test(first.text.trim()) && first.number.decimals === 0 && r.length > 2) out.add(first);
    }
  }
  return out;
}

/**
 * The header over each cell: for every row, the texts of the nearest rows above it that hold no figure (a table may
 * restart its header midway, as a performance table does above its indicators). Keyed by the row's first cell.
 */
function headersByRow(rows: TableCell[][]): Map<TableCell[], Map<number, string>> {
  const out = new Map<TableCell[], Map<number, string>>();
  let current = new Map<number, string>();
  let inHeader = false;
  for (const r of rows) {
    const textOnly = r.some((c) => c.text.trim()) && r.every((c) => !c.number);
    if (textOnly) {
      if (!inHeader) current = new Map();
      inHeader = true;
      for (const c of r) {
        if (!c.text.trim()) continue;
        for (let k = c.column; k < c.column + c.colSpan; k++) current.set(k, `${current.get(k) ?? ""}${c.text.replace(/\s+/g, "")}`);
      }
    } else inHeader = false;
    out.set(r, current);
  }
  return out;
}
