/**
 * Tables among themselves (issue 10): the statutory tables print the same quantity more than once — a 功能分类 row of
 * the 支出决算表 again in the 收入支出决算总表, its 一般公共预算 share in the 一般公共预算财政拨款支出决算表, the year's
 * 一般公共预算 income in the 总表, the 财政拨款总表 and the 收入表. PAIRINGS lists, as data, which cells of one kind of
 * table meet which cells of another and how:
 * - "equal": the same quantity (same measure, same funds): the two printed figures must agree;
 * - "within": the first is the share of the second that one fund pays (一般公共预算 ⊆ 财政拨款 ⊆ all funds): it can
 *   never be larger. When the two tables' 合计 on those columns are printed equal, the unit has no other money for
 *   them, and then no row may differ by more than the 合计 do (a − b ≤ A − B, since every row's gap is ≥ 0).
 * Cells are addressed by key: a function code ("2010601"), a function name under its 类 for 总表 that print names
 * only ("一般公共服务支出/行政运行", only when unique in both tables), "total" for the 合计 / 本年支出合计 row, or a
 * fund ("gpb", "govFund", "stateCapital") for the year's appropriation income. Figures are compared in 万元.
 */
import type { PrintedNumber, Report } from "../model/schema.js";
import { CLASS_NAMES, FUNCTION_CLASSES } from "./concepts.js";
import { TOTAL_LABEL, type GridRow } from "./grid.js";
import { KIND_NAME, type TableKind } from "./kinds.js";
import { SANGONG_NAME, type SangongItem } from "./sangong.js";
import { summarySides } from "./structure.js";
import { inWanyuan, squash } from "./text.js";
import { tableViews, type TableView } from "./view.js";

/** How a cell set is read off a table (see `cellsOf`). */
export type Reader =
  /** coded 功能分类 rows and the 合计 row of a code table, at the column of `roles` */
  | { read: "functionRows"; roles: string[] }
  /** the 支出 side of a 总表 (类, or 类/款/项 by name or code) and its 本年支出合计, at the column of `roles` */
  | { read: "summaryExpense"; roles: string[] }
  /** the 收入 side of a 总表: this year's 一般公共预算 / 政府性基金 / 国有资本经营 appropriation rows */
  | { read: "summaryFunds" }
  /** a 收入表's 合计 row: its first 一般公共预算 / 政府性基金 / 国有资本经营 columns, before any 结转 column */
  | { read: "incomeFundColumns" }
  /** a 项目支出 table: each project (by name, printed on one row only) and the 合计 row, at the column of `roles` */
  | { read: "projectRows"; roles: string[] }
  /** 项目支出绩效目标表s: each project's 年度资金总额 (or its 财政拨款 line, `line`), by project name */
  | { read: "targetFunds"; line: RegExp }
  /**
   * the 部门整体支出绩效目标表's line of 年度预算安排 (基本支出, 项目支出) matching `line`: the whole department's, keyed
   * "total"
   */
  | { read: "overallFunds"; line: RegExp }
  /** 经济分类 rows (301, 30101 …) and the 合计 row, at the side's 合计 or only figure column */
  | { read: "econRows" }
  /** the “三公” table's 合计 / 因公出国 / 购置 / 运行 / 公务接待 figures (the year's: 决算数 or 预算数) */
  | { read: "sangongSlots" }
  /** a 基本支出 table's economic rows that are “三公” items: 30212 因公出国, 30217 公务接待, 30231 运行, 31013 购置 */
  | { read: "sangongEcon" };

export interface PairEnd {
  kind: TableKind;
  reader: Reader;
  /** the funds the figure covers, for the message: "全部资金", "财政拨款", "一般公共预算" … */
  funds: string;
}

export interface Pairing {
  id: string;
  a: PairEnd;
  b: PairEnd;
  /** equal: the same quantity; within: a is the part of b that some funds pay (a ≤ b) */
  relation: "equal" | "within";
  /** the message of a failed within when a is not a fund's share of b (rules/table-pair.ts messages; default "within") */
  withinMessage?: "within" | "withinWhole";
  /** compare the "total" key too (false where same-figure already compares the two 合计 as one concept) */
  totals: boolean;
  /** leave the 类 rows out (same-figure compares them already as gpb.class) */
  skipClasses?: boolean;
  /**
   * Why a failure is only a warning (Chinese, appended to the message): the two figures are the same quantity by
   * their labels, but some regions' templates print a narrower scope in one of them.
   */
  doubt?: string;
  /**
   * The doubt made checkable: the roles of the columns of b's row (grid.ts COLUMN_ROLES) that hold the money a counts
   * and b leaves out. When a = b + those cells within rounding, the doubt is what the document prints: no finding.
   */
  explainedBy?: readonly string[];
}

const TOTAL = ["total", "expenseCurrent"];
const BASIC = ["basic"];
const PROJECT = ["project"];
/** the 总表's own figure column: its 合计, or its only 决算数 / 预算数 column */
const SUMMARY_FIRST = ["total", "actual", "budget"];

const fn = (kind: TableKind, roles: string[], funds: string): PairEnd => ({ kind, reader: { read: "functionRows", roles }, funds });
const sx = (kind: TableKind, roles: string[], funds: string): PairEnd => ({ kind, reader: { read: "summaryExpense", roles }, funds });

/** Every pair of statutory tables that prints the same quantity, 决算 and 预算 alike (KIND_NAME names both). */
export const PAIRINGS: readonly Pairing[] = [
  // all funds, by 功能分类: the 总表's 支出 side against the 支出表
  { id: "summary-expense", a: sx("summary", SUMMARY_FIRST, "全部资金"), b: fn("expense", TOTAL, "全部资金"), relation: "equal", totals: false },
  // 财政拨款 within all funds
  { id: "fiscal-summary", a: sx("fiscalSummary", SUMMARY_FIRST, "财政拨款"), b: sx("summary", SUMMARY_FIRST, "全部资金"), relation: "within", totals: true },
  { id: "fiscal-expense", a: sx("fiscalSummary", SUMMARY_FIRST, "财政拨款"), b: fn("expense", TOTAL, "全部资金"), relation: "within", totals: true },
  // 一般公共预算 within 财政拨款 and within all funds, in total and by 基本 / 项目
  { id: "gpb-fiscal", a: fn("gpbExpense", TOTAL, "一般公共预算"), b: sx("fiscalSummary", SUMMARY_FIRST, "财政拨款"), relation: "within", totals: true },
  { id: "gpb-fiscal-column", a: fn("gpbExpense", TOTAL, "一般公共预算"), b: sx("fiscalSummary", ["gpb"], "一般公共预算"), relation: "equal", totals: false, skipClasses: true },
  { id: "gpb-expense", a: fn("gpbExpense", TOTAL, "一般公共预算"), b: fn("expense", TOTAL, "全部资金"), relation: "within", totals: true },
  { id: "gpb-expense-basic", a: fn("gpbExpense", BASIC, "一般公共预算"), b: fn("expense", BASIC, "全部资金"), relation: "within", totals: true },
  { id: "gpb-expense-project", a: fn("gpbExpense", PROJECT, "一般公共预算"), b: fn("expense", PROJECT, "全部资金"), relation: "within", totals: true },
  { id: "gpb-summary", a: fn("gpbExpense", TOTAL, "一般公共预算"), b: sx("summary", SUMMARY_FIRST, "全部资金"), relation: "within", totals: true },
  { id: "gpb-summary-column", a: fn("gpbExpense", TOTAL, "一般公共预算"), b: sx("summary", ["gpb"], "一般公共预算"), relation: "equal", totals: true },
  // Jiangsu's 财政拨款支出预算表
  { id: "fiscal-table-summary", a: fn("fiscalExpense", TOTAL, "财政拨款"), b: sx("fiscalSummary", SUMMARY_FIRST, "财政拨款"), relation: "equal", totals: true },
  { id: "fiscal-table-expense", a: fn("fiscalExpense", TOTAL, "财政拨款"), b: fn("expense", TOTAL, "全部资金"), relation: "within", totals: true },
  { id: "gpb-fiscal-table", a: fn("gpbExpense", TOTAL, "一般公共预算"), b: fn("fiscalExpense", TOTAL, "财政拨款"), relation: "within", totals: true },
  // 政府性基金 and 国有资本经营 tables against the 财政拨款总表's fund column and against all funds
  { id: "govfund-fiscal-column", a: fn("govFund", TOTAL, "政府性基金"), b: sx("fiscalSummary", ["govFund"], "政府性基金"), relation: "equal", totals: true },
  { id: "govfund-expense", a: fn("govFund", TOTAL, "政府性基金"), b: fn("expense", TOTAL, "全部资金"), relation: "within", totals: true },
  { id: "capital-fiscal-column", a: fn("stateCapital", TOTAL, "国有资本经营"), b: sx("fiscalSummary", ["stateCapital"], "国有资本经营"), relation: "equal", totals: true },
  { id: "capital-expense", a: fn("stateCapital", TOTAL, "国有资本经营"), b: fn("expense", TOTAL, "全部资金"), relation: "within", totals: true },
  // this year's appropriation income by fund: 总表, 财政拨款总表, 收入表
  { id: "funds-summary-fiscal", a: { kind: "summary", reader: { read: "summaryFunds" }, funds: "本年财政拨款收入" }, b: { kind: "fiscalSummary", reader: { read: "summaryFunds" }, funds: "本年财政拨款收入" }, relation: "equal", totals: false,
    doubt: "（部分地区的财政拨款收支总表只列当年一般性拨款，口径可能不同，请核实）" },
  // projects: the 项目支出 table of all funds against the 支出表's 项目支出 and each project's 绩效目标表
  // the 部门整体支出绩效目标表's 年度预算安排 is the department's budget or a part of it (泉州公安: 基本支出 52,047.74 against
  // the 支出总表's 51,691.74, 356.00 more; 泉州政府办: its 项目支出 is a part of the department's): never more. Its
  // 资金总额 is their sum (perf-funds), so it is not compared again
  { id: "overall-basic", a: { kind: "perfTarget", reader: { read: "overallFunds", line: /^基本支出$/ }, funds: "部门整体" }, b: fn("expense", BASIC, "全部资金"), relation: "within", totals: true, withinMessage: "withinWhole" },
  { id: "overall-project", a: { kind: "perfTarget", reader: { read: "overallFunds", line: /^项目支出$/ }, funds: "部门整体" }, b: fn("expense", PROJECT, "全部资金"), relation: "within", totals: true, withinMessage: "withinWhole" },
  { id: "projects-expense", a: { kind: "projectExpense", reader: { read: "projectRows", roles: TOTAL }, funds: "全部资金" }, b: fn("expense", PROJECT, "全部资金"), relation: "equal", totals: true,
    doubt: "（项目支出预算表有时也列由经营收入等安排、在支出总表中列为其他支出的项目，口径可能不同，请核实）",
    // 湖州 交通运输局: 表10 171,462.41 = 表03 项目支出 171,262.41 + its 事业单位经营支出 200.00
    explainedBy: ["operatingExp", "unitOperating", "toSuperior", "toAffiliated"] },
  { id: "gpb-projects", a: fn("gpbExpense", PROJECT, "一般公共预算"), b: { kind: "projectExpense", reader: { read: "projectRows", roles: TOTAL }, funds: "全部资金" }, relation: "within", totals: true },
  { id: "target-projects", a: { kind: "perfTarget", reader: { read: "targetFunds", line: /^(?:年度)?资金总额$/ }, funds: "全部资金" }, b: { kind: "projectExpense", reader: { read: "projectRows", roles: TOTAL }, funds: "全部资金" }, relation: "equal", totals: false },
  { id: "gpb-project-target", a: { kind: "gpbProject", reader: { read: "projectRows", roles: TOTAL }, funds: "一般公共预算" }, b: { kind: "perfTarget", reader: { read: "targetFunds", line: /^(?:当年)?财政拨款(?:资金)?$/ }, funds: "财政拨款" }, relation: "within", totals: false },
  // by 经济分类: the 基本支出 share of the 一般公共预算 spending of each class (泉州's 支出经济分类情况表)
  { id: "basic-econ", a: { kind: "gpbBasic", reader: { read: "econRows" }, funds: "一般公共预算基本支出" }, b: { kind: "gpbExpense", reader: { read: "econRows" }, funds: "一般公共预算" }, relation: "within", totals: true },
  // the 基本支出 table's “三公” economic rows: the 基本支出 share of the year's “三公” (projects may pay more)
  { id: "basic-sangong", a: { kind: "gpbBasic", reader: { read: "sangongEcon" }, funds: "一般公共预算基本支出" }, b: { kind: "sangong", reader: { read: "sangongSlots" }, funds: "“三公”经费（基本支出与项目支出）" }, relation: "within", totals: false },
  { id: "funds-income-summary", a: { kind: "income", reader: { read: "incomeFundColumns" }, funds: "本年财政拨款收入" }, b: { kind: "summary", reader: { read: "summaryFunds" }, funds: "本年财政拨款收入" }, relation: "equal", totals: false },
];

/** One cell a pairing compares. */
export interface PairCell {
  key: string;
  /** how the finding names the row: "2010601 行政运行", "合计", "一般公共预算" */
  name: string;
  /** the column's header, "" for a 总表's only figure column */
  column: string;
  /** in 万元 (see inWanyuan); the original printing is kept for citations */
  number: PrintedNumber;
  /** found by name under its 类 rather than by code */
  byName: boolean;
  /** the table it was read from, when a reader reads several (one 绩效目标表 per project) */
  view?: TableView;
  /**
   * A 类 the table does not print as a row but lists 款 or 项 of: the figure is their sum (`number` is then the first
   * of them, for the place only).
   */
  sum?: { name: string; number: PrintedNumber }[];
}

const FUND_KEYS: Record<string, string> = { gpb: "一般公共预算", govFund: "政府性基金", stateCapital: "国有资本经营" };

function isFunctionCode(code: string | undefined): code is string {
  return !!code && /^2\d{2}(?:\d{2}){0,2}$/.test(code);
}

/**
 * The header a column of each role must carry to be compared: a role read from a longer or merged header
 * ("基本支出人员支出", a 小计 adopted by the group after it) may be a sub-column, and then it is not the figure.
 */
const STRICT_LEAF: Record<string, RegExp> = {
  total: /^(?:合计|总计|小计|支出合计|项目支出合计)$/,
  expenseCurrent: /^(?:本年支出合计|支出合计|本年支出)$/,
  basic: /^(?:基本支出(?:合计)?|小计|计)$/,
  project: /^项目支出(?:合计)?$/,
  actual: /^(?:本年)?决算数$/,
  budget: /^(?:本年)?预算数$|^\d{4}年预算数$/,
  gpb: /^一般公共预算(?:财政)?(?:拨款)?(?:收入|资金)?$/,
  govFund: /^政府性基金(?:预算)?(?:财政)?(?:拨款)?(?:收入|资金)?$/,
  stateCapital: /^国有资本经营(?:预算)?(?:财政)?(?:拨款)?(?:收入|资金)?$/,
};

function strictlyIs(c: { leaf: string; path: string; role?: string }, role: string): boolean {
  if (c.role !== role) return false;
  const re = STRICT_LEAF[role];
  if (!re || !re.test(c.leaf)) return false;
  // a 小计 is the 基本支出 figure only under the 基本支出 group; a bare 小计 is no total when it has a group
  if (role === "basic" && /^(?:小计|计)$/.test(c.leaf)) return /基本支出/.test(c.path);
  if (role === "total" && c.leaf === "小计") return !c.path.includes("/");
  return true;
}

/**
 * The first side's column of `roles` in a view's grid: its index among the side's value columns, its header, and the
 * side's rows read cleanly (no text in a figure column). Undefined without a grid or such a column.
 */
function readColumn(v: TableView, roles: string[], docKind: string): { j: number; column: string; rows: GridRow[] } | undefined {
  const g = v.grid;
  if (!g) return undefined;
  const side = g.sides[0]!.index;
  const j = columnOf(v, side, roles, docKind);
  if (j < 0) return undefined;
  return { j, column: g.columns[side]![j]!.leaf, rows: g.rows.filter((r) => r.side === side && r.odd === 0) };
}

function columnOf(v: TableView, side: number, roles: string[], docKind: string): number {
  const cols = v.grid!.columns[side] ?? [];
  for (const role of roles) {
    // a 决算 总表 that prints 预算数 beside 决算数 states the year's figure in 决算数, a 预算 in 预算数
    if (role === "budget" && docKind !== "预算") continue;
    if (role === "actual" && docKind === "预算") continue;
    const j = cols.findIndex((c) => c.role === role);
    if (j >= 0) return strictlyIs(cols[j]!, role) ? j : -1;
  }
  // one figure column only: it is the side's figure
  return cols.length === 1 && !cols[0]!.role && roles === SUMMARY_FIRST ? 0 : -1;
}

function cellName(r: GridRow): string {
  return r.code ? `${r.code} ${r.label}` : r.label;
}

/**
 * The cells a reader finds in one table, by key. Rows whose alignment is in doubt (text in a figure column), keys
 * printed twice with different figures, and names that repeat within one 类 are left out: no key, no comparison.
 */
export function cellsOf(v: TableView, reader: Reader, docKind: string): Map<string, PairCell> {
  const out = new Map<string, PairCell>();
  const dropped = new Set<string>();
  const put = (c: Omit<PairCell, "number"> & { number: PrintedNumber | undefined }) => {
    if (!c.number || dropped.has(c.key)) return;
    if (c.sum) {
      out.set(c.key, { ...c, number: inWanyuan(c.number), sum: c.sum.map((x) => ({ name: x.name, number: inWanyuan(x.number) })) });
      return;
    }
    const prev = out.get(c.key);
    if (prev) {
      // the same row again (a 类 repeated at the top of a continuation page) is one row; otherwise no one knows which
      if (prev.number.text !== inWanyuan(c.number).text) {
        out.delete(c.key);
        dropped.add(c.key);
      }
      return;
    }
    out.set(c.key, { ...c, number: inWanyuan(c.number) });
  };
  if (reader.read === "sangongSlots") {
    for (const slot of v.sangong?.slots ?? []) {
      if (slot.measure !== "actual" || slot.item === "operating" || slot.item === "total" || slot.item === "vehicle") continue;
      put({ key: `s:${slot.item}`, name: SANGONG_NAME[slot.item], column: docKind === "预算" ? "预算数" : "决算数", number: slot.number, byName: false });
    }
    return out;
  }
  const g = v.grid;
  if (!g || v.empty) return out;
  if (reader.read === "functionRows") {
    const at = readColumn(v, reader.roles, docKind);
    if (!at) return out;
    const { j, column, rows } = at;
    const names = new Map<string, string>();
    for (const r of rows) if (isFunctionCode(r.code) && r.code.length === 3) names.set(r.code, r.label);
    // a 类 not printed as a row: its standard name
    for (const r of rows) if (isFunctionCode(r.code) && !names.has(r.code.slice(0, 3)) && CLASS_NAMES[r.code.slice(0, 3)]) names.set(r.code.slice(0, 3), CLASS_NAMES[r.code.slice(0, 3)]![0]!);
    virtualClasses(rows, j, names, column, put);
    const totals = rows.filter((r) => !r.code && TOTAL_LABEL.test(r.label) && !/人员经费|公用经费|项目支出/.test(r.label));
    if (totals.length === 1) put({ key: "total", name: totals[0]!.label, column, number: totals[0]!.values[j], byName: false });
    for (const r of rows) {
      if (!isFunctionCode(r.code)) continue;
      put({ key: `c:${r.code}`, name: cellName(r), column, number: r.values[j], byName: false });
      // the name key lets a 总表 that prints names only meet this row
      const cls = names.get(r.code.slice(0, 3));
      if (cls) put({ key: r.code.length === 3 ? `n:${r.label}` : `n:${cls}/${r.label}`, name: cellName(r), column, number: r.values[j], byName: true });
    }
    dedupeNames(out, rows.filter((r) => isFunctionCode(r.code)).map((r) => (r.code!.length === 3 ? `n:${r.label}` : `n:${names.get(r.code!.slice(0, 3))}/${r.label}`)));
    return out;
  }
  if (reader.read === "summaryExpense") {
    const s = summarySides(v).find((x) => x.side === 1);
    if (!s) return out;
    const j = columnOf(v, 1, reader.roles, docKind);
    if (j < 0) return out;
    const column = g.columns[1]![j]!.leaf;
    let cls: string | undefined;
    const nameKeys: string[] = [];
    for (const e of s.rows) {
      const r = e.row;
      if (r.odd > 0) continue;
      if (e.concept === "expense.current" || e.concept === "fiscal.expense.current") {
        put({ key: "total", name: r.label, column, number: r.values[j], byName: false });
        continue;
      }
      if (e.role !== "class" && e.role !== "detail") continue;
      if (isFunctionCode(r.code)) {
        put({ key: `c:${r.code}`, name: cellName(r), column, number: r.values[j], byName: false });
        continue;
      }
      if (r.code) continue;
      // by name: a 类 starts a group; a 款 or 项 is known only under a known 类
      if (FUNCTION_CLASSES.has(r.label)) {
        cls = r.label;
        nameKeys.push(`n:${r.label}`);
        put({ key: `n:${r.label}`, name: r.label, column, number: r.values[j], byName: true });
      } else if (cls) {
        nameKeys.push(`n:${cls}/${r.label}`);
        put({ key: `n:${cls}/${r.label}`, name: `${cls}/${r.label}`, column, number: r.values[j], byName: true });
      }
    }
    dedupeNames(out, nameKeys);
    return out;
  }
  if (reader.read === "summaryFunds") {
    const s = summarySides(v).find((x) => x.side === 0);
    if (!s) return out;
    const j = columnOf(v, 0, SUMMARY_FIRST, docKind);
    if (j < 0) return out;
    let current = false;
    for (const e of s.rows) {
      if (e.role === "current") current = true;
      if (current || !e.concept?.startsWith("fund.") || e.row.odd > 0) continue;
      // a split of this year's 财政拨款 row, or a row of its own before 本年收入合计 (not a 结转 row's split)
      if (e.parent && !/财政拨款/.test(e.parent.label)) continue;
      const key = e.concept.slice("fund.".length);
      put({ key, name: FUND_KEYS[key] ?? e.row.label, column: g.columns[0]![j]!.leaf, number: e.row.values[j], byName: false });
    }
    return out;
  }
  if (reader.read === "projectRows") {
    const at = readColumn(v, reader.roles, docKind);
    if (!at) return out;
    const { j, column, rows } = at;
    const totals = rows.filter((r) => !r.code && TOTAL_LABEL.test(r.label));
    if (totals.length === 1) put({ key: "total", name: totals[0]!.label, column, number: totals[0]!.values[j], byName: false });
    // a project printed on two rows (two 项 of one project) has no one figure: its name addresses neither
    const seen = new Map<string, number>();
    const named = rows.map((r) => ({ r, name: projectName(r) })).filter((x): x is { r: GridRow; name: string } => !!x.name);
    for (const x of named) seen.set(x.name, (seen.get(x.name) ?? 0) + 1);
    for (const x of named) if (seen.get(x.name) === 1) put({ key: `p:${x.name}`, name: x.name, column, number: x.r.values[j], byName: true });
    return out;
  }
  if (reader.read === "targetFunds" || reader.read === "overallFunds") return out; // read by targetCells / overallCells
  if (reader.read === "econRows") {
    for (const side of g.sides) {
      const j = columnOf(v, side.index, SUMMARY_FIRST, docKind);
      if (j < 0) continue;
      const column = g.columns[side.index]![j]!.leaf;
      const rows = g.rows.filter((r) => r.side === side.index && r.odd === 0);
      const totals = rows.filter((r) => !r.code && TOTAL_LABEL.test(r.label) && !/人员经费|公用经费|项目支出/.test(r.label));
      if (g.sides.length === 1 && totals.length === 1) put({ key: "total", name: totals[0]!.label, column, number: totals[0]!.values[j], byName: false });
      for (const r of rows) if (r.code && /^[35]\d{2}(?:\d{2})?$/.test(r.code)) put({ key: `e:${r.code}`, name: cellName(r), column, number: r.values[j], byName: false });
    }
    return out;
  }
  if (reader.read === "sangongEcon") {
    const side = g.sides[0]!.index;
    const j = columnOf(v, side, ["total"], docKind);
    // a 基本支出 table of one figure column per side (Shanghai's 决算): that column
    const rows = g.rows.filter((r) => r.odd === 0 && r.code && SANGONG_ECON[r.code]);
    for (const r of rows) {
      const cols = g.columns[r.side]!;
      const k = j >= 0 && r.side === side ? j : cols.length === 1 ? 0 : -1;
      if (k < 0) continue;
      put({ key: `s:${SANGONG_ECON[r.code!]}`, name: `${r.code} ${r.label}`, column: cols[k]!.leaf, number: r.values[k], byName: false });
    }
    return out;
  }
  // incomeFundColumns
  const cols = g.columns[0] ?? [];
  const carry = cols.findIndex((c) => c.role === "carryIn");
  const totals = g.rows.filter((r) => r.side === 0 && !r.code && TOTAL_LABEL.test(r.label) && r.odd === 0);
  if (totals.length !== 1) return out;
  for (const key of Object.keys(FUND_KEYS)) {
    const j = cols.findIndex((c) => c.role === key);
    if (j < 0 || (carry >= 0 && carry < j) || !strictlyIs(cols[j]!, key)) continue;
    put({ key, name: FUND_KEYS[key]!, column: cols[j]!.leaf, number: totals[0]!.values[j], byName: false });
  }
  return out;
}

type Put = (c: Omit<PairCell, "number"> & { number: PrintedNumber | undefined }) => void;

/**
 * 类 the table lists only 款 or 项 of (泉州's 支出预算总表 prints 项 codes alone): the 类 is the sum of its rows of the
 * highest level present, when every deeper row lies under one of them and every one has a figure or is empty.
 */
function virtualClasses(rows: GridRow[], j: number, names: Map<string, string>, column: string, put: Put): void {
  const coded = rows.filter((r) => isFunctionCode(r.code));
  const classes = new Set(coded.map((r) => r.code!.slice(0, 3)));
  for (const cls of classes) {
    if (coded.some((r) => r.code === cls) || !names.has(cls)) continue;
    const under = coded.filter((r) => r.code!.startsWith(cls));
    const top = Math.min(...under.map((r) => r.code!.length));
    const parts = under.filter((r) => r.code!.length === top);
    if (new Set(parts.map((r) => r.code)).size !== parts.length) continue; // a code twice: which rows add up is unclear
    if (!under.every((r) => r.code!.length === top || parts.some((p) => r.code!.startsWith(p.code!)))) continue;
    const printed = parts.filter((r) => r.values[j]);
    if (printed.length === 0) continue;
    const name = names.get(cls)!;
    const sum = printed.map((r) => ({ name: cellName(r), number: r.values[j]! }));
    put({ key: `c:${cls}`, name: `${cls} ${name}`, column, number: printed[0]!.values[j], byName: false, sum });
    put({ key: `n:${name}`, name: `${cls} ${name}`, column, number: printed[0]!.values[j], byName: true, sum });
  }
}

/** Economic codes of the “三公” items (政府支出经济分类, 部门预算支出经济分类科目). */
const SANGONG_ECON: Record<string, SangongItem> = { "30212": "abroad", "30217": "reception", "30231": "operation", "31013": "purchase" };

/** A project's name in a 项目支出 table: the sub-label beside its 项 or unit, or the label of a row with no code. */
export function projectName(r: GridRow): string | undefined {
  if (r.sublabel) return squash(r.sublabel.split("/").pop()!);
  if (r.code || !r.label || TOTAL_LABEL.test(r.label) || /合计|小计|总计/.test(r.label)) return undefined;
  return squash(r.label);
}

/** Each 绩效目标表's project with the amount of its `line` (年度资金总额 / 财政拨款), by project name; a name twice: none. */
function targetCells(views: TableView[], line: RegExp): Map<string, PairCell> {
  const out = new Map<string, PairCell>();
  const count = new Map<string, number>();
  for (const v of views) if (v.perf?.project) count.set(squash(v.perf.project), (count.get(squash(v.perf.project)) ?? 0) + 1);
  for (const v of views) {
    const name = v.perf?.project ? squash(v.perf.project) : "";
    if (!name || count.get(name) !== 1) continue;
    const f = fundLine(v, line);
    if (f) out.set(`p:${name}`, { key: `p:${name}`, name, column: f.label, number: inWanyuan(f.number), byName: true, view: v });
  }
  return out;
}

/** A 部门整体支出绩效目标表 (its title says 整体; one per report), not a project's 绩效目标表. */
const OVERALL = /整体/;

/** The 部门整体支出绩效目标表's one line matching `line`, keyed "total": the department's whole. */
function overallCells(v: TableView, line: RegExp): Map<string, PairCell> {
  const out = new Map<string, PairCell>();
  const f = fundLine(v, line);
  if (f) out.set("total", { key: "total", name: squash(f.label), column: "", number: inWanyuan(f.number), byName: false, view: v });
  return out;
}

/** A 绩效目标表's one funds line matching `line`, with its figure; undefined when none or several print one. */
function fundLine(v: TableView, line: RegExp): { label: string; number: PrintedNumber } | undefined {
  const rows = (v.targetFunds ?? []).filter((r) => line.test(squash(r.label)));
  const n = rows.length === 1 ? rows[0]!.values.budget : undefined;
  return n ? { label: rows[0]!.label, number: n } : undefined;
}

/** A name key that stands for two rows (a 款 and a 项 of the same name under one 类) addresses neither. */
function dedupeNames(cells: Map<string, PairCell>, keys: string[]): void {
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k)) cells.delete(k);
    seen.add(k);
  }
}

/**
 * Whether a view can serve a reader: a table of economic codes (泉州's 一般公共预算支出经济分类情况表, titled like the
 * 一般公共预算支出表) has no 功能分类 rows to give.
 */
function fits(v: TableView, reader: Reader): boolean {
  const econ = (v.grid?.rows ?? []).some((r) => r.code && /^[35]\d{2}/.test(r.code));
  if (reader.read === "econRows") return econ;
  if (reader.read !== "functionRows" && reader.read !== "projectRows") return true;
  return !econ;
}

/** One comparison a pairing makes: a cell of one table against the same key in another. */
export interface PairMatch {
  pairing: Pairing;
  a: { view: TableView; cell: PairCell };
  b: { view: TableView; cell: PairCell };
  /** within: both tables' 合计 on these columns, when both are printed (the upgrade to equality needs them) */
  totals?: { a: PairCell; b: PairCell };
}

/** The name of a table kind in this report's wording, for messages. */
export function kindName(v: TableView, docKind: string): string {
  const t = squash(v.title).replace(/^.*?\d{4}年度?/, "");
  return t || KIND_NAME[v.kind!][docKind === "预算" ? "预算" : "决算"];
}

/**
 * Every comparison PAIRINGS yields in a report: for each pairing, each view of kind a against each of kind b (a
 * report with one table of each kind: one pair), each key both print. Keys are matched by code when both tables
 * print codes, by name otherwise.
 */
export function pairMatches(report: Report): PairMatch[] {
  const docKind = report.meta.kind;
  const views = tableViews(report).filter((v) => (v.grid || v.kind === "perfTarget" || v.sangong) && !v.empty && !v.unjoinable && !v.misread);
  const out: PairMatch[] = [];
  for (const p of PAIRINGS) {
    const as = views.filter((v) => v.kind === p.a.kind && fits(v, p.a.reader) && (p.a.reader.read !== "overallFunds" || OVERALL.test(squash(v.title))));
    const bs = views.filter((v) => v.kind === p.b.kind && fits(v, p.b.reader));
    // two tables of one kind (a unit's and its department's): which meets which cannot be told; a 绩效目标表 is one
    // per project, and they are read together as one set of projects
    const oneOf = (end: PairEnd, vs: TableView[]) => (end.reader.read === "targetFunds" ? vs.length >= 1 : vs.length === 1);
    if (!oneOf(p.a, as) || !oneOf(p.b, bs) || as[0] === bs[0]) continue;
    const a = as[0]!;
    const b = bs[0]!;
    const ca = p.a.reader.read === "targetFunds" ? targetCells(as, p.a.reader.line) : p.a.reader.read === "overallFunds" ? overallCells(a, p.a.reader.line) : cellsOf(a, p.a.reader, docKind);
    const cb = p.b.reader.read === "targetFunds" ? targetCells(bs, p.b.reader.line) : cellsOf(b, p.b.reader, docKind);
    const codedA = [...ca.keys()].some((k) => k.startsWith("c:"));
    const codedB = [...cb.keys()].some((k) => k.startsWith("c:"));
    const totals = ca.get("total") && cb.get("total") ? { a: ca.get("total")!, b: cb.get("total")! } : undefined;
    for (const [key, x] of ca) {
      if (key === "total" && !p.totals) continue;
      // both coded: codes meet; otherwise names meet (a coded table keeps name keys for that)
      if (key.startsWith("n:") && codedA && codedB) continue;
      if (key.startsWith("c:") && !(codedA && codedB)) continue;
      const y = cb.get(key);
      if (!y) continue;
      if (p.skipClasses && (key.startsWith("c:") ? key.length === 5 : !key.includes("/"))) continue;
      const m: PairMatch = { pairing: p, a: { view: x.view ?? a, cell: x }, b: { view: y.view ?? b, cell: y } };
      if (totals && key !== "total") m.totals = totals;
      out.push(m);
    }
  }
  return out;
}
