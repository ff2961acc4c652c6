/**
 * The sums a table's own layout implies, as data for the table rules: 类 = Σ款 = Σ项 (by code), 合计 row = Σ 类,
 * 合计 column = Σ its part columns, and a 总表's sides (本年收入合计 = Σ sources; 总计 = 本年 + 结转; 收入总计 = 支出总计).
 * An empty cell among printed parts stands for zero; a relation with no printed figure at all is not produced.
 */
import type { PrintedNumber } from "../model/schema.js";
import { levelOf, TOTAL_LABEL, type Column, type GridRow } from "./grid.js";
import { FUNCTION_CLASSES, rowConcept } from "./concepts.js";
import type { TableKind } from "./kinds.js";
import type { TableView } from "./view.js";

export interface Term {
  label: string;
  number?: PrintedNumber;
}

export interface TableSum {
  view: TableView;
  /** what kind of relation: code hierarchy, 合计 row, 合计 column, 总表 side */
  relation: "code" | "totalRow" | "totalColumn" | "summary" | "fund" | "group";
  /** the column (or row) the relation runs along, for the message */
  along: string;
  total: Term;
  parts: Term[];
}

export interface TableEqual {
  view: TableView;
  along: string;
  a: Term;
  b: Term;
}

function usable(total: Term, parts: Term[]): boolean {
  return !!total.number && parts.length > 0 && parts.some((p) => p.number);
}

function rowName(r: GridRow): string {
  return r.code ? `${r.code} ${r.label}` : r.label || "（无名称）";
}

function colName(c: Column | undefined): string {
  return c?.leaf || "金额";
}

function sameValues(a: GridRow, b: GridRow): boolean {
  return a.values.length === b.values.length && a.values.every((v, j) => (v?.text ?? "") === (b.values[j]?.text ?? ""));
}

/** 类 = Σ款, 款 = Σ项 (a 类 without 款 rows = Σ项), per value column. */
export function codeSums(view: TableView): TableSum[] {
  const g = view.grid;
  if (!g) return [];
  const out: TableSum[] = [];
  for (const side of g.sides) {
    const rows = g.rows.filter((r) => r.side === side.index && r.code && levelOf(r.code));
    for (const parent of rows) {
      const code = parent.code!;
      let children = rows.filter((r) => r !== parent && r.code!.startsWith(code) && r.code!.length === code.length + 2);
      if (children.length === 0) children = rows.filter((r) => r !== parent && r.code!.startsWith(code) && r.code!.length === code.length + 4);
      if (children.length === 0) continue;
      // the same code twice at the parent's level (a 类 printed again on a continuation page): one parent when the
      // figures repeat, none when they differ (which of them is the 类 cannot be told)
      const twins = rows.filter((r) => r.code === code);
      if (twins.length > 1 && levelOf(code) < 3 && (twins[0] !== parent || !twins.every((t) => sameValues(t, parent)))) continue;
      children = children.filter((c, i) => !children.slice(0, i).some((o) => o.code === c.code && sameValues(o, c)));
      side.valueCols.forEach((_, j) => {
        const total: Term = { label: rowName(parent), number: parent.values[j] };
        const parts = children.map((c) => ({ label: c.sublabel ? `${rowName(c)}（${c.sublabel}）` : rowName(c), number: c.values[j] }));
        if (usable(total, parts)) out.push({ view, relation: "code", along: colName(g.columns[side.index]![j]), total, parts });
      });
    }
  }
  return out;
}

/** The 合计 row of a coded table = Σ its 类 rows, per value column. */
export function totalRowSums(view: TableView): TableSum[] {
  const g = view.grid;
  if (!g || view.kind === "summary" || view.kind === "fiscalSummary") return [];
  const out: TableSum[] = [];
  for (const side of g.sides) {
    const rows = g.rows.filter((r) => r.side === side.index);
    // a 类 printed again (at the top of a continuation page) with the same figures is one 类
    // the top level the table prints: its 类, or its 款 or 项 when it lists no 类 (泉州's 支出预算总表 lists 项 only)
    const top = Math.min(...rows.filter((r) => r.code && levelOf(r.code)).map((r) => r.code!.length));
    const classes = rows.filter((r, i) => r.code && r.code.length === top && !rows.slice(0, i).some((o) => o.code === r.code && sameValues(o, r)));
    const totals = rows.filter((r) => !r.code && TOTAL_LABEL.test(r.label));
    if (classes.length === 0 || totals.length !== 1) continue;
    const total = totals[0]!;
    side.valueCols.forEach((_, j) => {
      const t: Term = { label: total.label, number: total.values[j] };
      const parts = classes.map((c) => ({ label: rowName(c), number: c.values[j] }));
      if (usable(t, parts)) out.push({ view, relation: "totalRow", along: colName(g.columns[side.index]![j]), total: t, parts });
    });
  }
  return out;
}

/** Which columns add up to which, by table kind: parts may be listed only if every other column is one of them. */
const COLUMN_PARTS: Partial<Record<TableKind, { total: string[]; parts: string[]; strict: boolean }>> = {
  income: {
    total: ["incomeCurrent", "total"],
    parts: ["fiscal", "gpb", "govFund", "stateCapital", "specialAccount", "superior", "business", "unitOperating", "operating", "affiliated", "other", "carryIn"],
    strict: true,
  },
  // 事业单位经营支出 is the 经营支出 column
  expense: { total: ["expenseCurrent", "total"], parts: ["basic", "project", "toSuperior", "operatingExp", "unitOperating", "toAffiliated"], strict: true },
  gpbExpense: { total: ["total"], parts: ["basic", "project"], strict: true },
  fiscalExpense: { total: ["total"], parts: ["basic", "project"], strict: true },
  govFund: { total: ["total"], parts: ["basic", "project"], strict: false },
  stateCapital: { total: ["total"], parts: ["basic", "project"], strict: false },
  gpbBasic: { total: ["total"], parts: ["personnel", "public"], strict: true },
  gpbProject: { total: ["total"], parts: ["econ"], strict: true },
  fiscalSummary: { total: ["total"], parts: ["gpb", "govFund", "stateCapital"], strict: true },
};

/** Per row: the 合计 column = Σ its part columns (本年收入合计 = 财政拨款 + …; 合计 = 基本支出 + 项目支出 …). */
export function totalColumnSums(view: TableView): TableSum[] {
  const g = view.grid;
  const spec = view.kind ? COLUMN_PARTS[view.kind] : undefined;
  if (!g || !spec) return [];
  const out: TableSum[] = [];
  for (const side of g.sides) {
    const cols = g.columns[side.index]!;
    const totalIdx = cols.findIndex((c) => c.role && spec.total.includes(c.role));
    if (totalIdx < 0) continue;
    // no 基本支出 column of its own (湖州: 基本支出 / 人员支出 | 公用经费): its two parts stand in for it
    const partRolesOf = spec.parts.includes("basic") && !cols.some((c) => c.role === "basic") ? [...spec.parts, ...SUB_PARTS.basic!] : spec.parts;
    const partIdx = cols.map((c, j) => ({ c, j })).filter(({ c, j }) => j !== totalIdx && c.role && partRolesOf.includes(c.role)).map(({ j }) => j);
    // 人员经费 and 公用经费 under a 基本支出 part are the part's own parts, not other columns
    const partRoles = new Set(partIdx.map((j) => cols[j]!.role));
    const subOf = (c: Column) => Object.entries(SUB_PARTS).some(([part, subs]) => partRoles.has(part) && subs.includes(c.role ?? ""));
    const others = cols.filter((c, j) => j !== totalIdx && !partIdx.includes(j) && !subOf(c));
    if (partIdx.length < 2) continue;
    if (spec.strict && others.some((c) => c.leaf)) continue;
    // a column named twice (two "财政拨款" columns) means sub-columns we cannot place
    const roles = partIdx.map((j) => cols[j]!.role);
    if (cols[partIdx[0]!]!.role !== "econ" && new Set(roles).size !== roles.length) continue;
    if (roles.includes("fiscal") && roles.some((r) => r === "gpb" || r === "govFund" || r === "stateCapital")) continue;
    for (const r of g.rows) {
      if (r.side !== side.index || r.odd > 0) continue;
      const total: Term = { label: cols[totalIdx]!.leaf, number: r.values[totalIdx] };
      const parts = partIdx.map((j) => ({ label: cols[j]!.leaf, number: r.values[j] }));
      if (usable(total, parts)) out.push({ view, relation: "totalColumn", along: rowName(r), total, parts });
    }
    // the part's own parts: 基本支出 (小计) = 人员经费 + 公用经费
    for (const [part, subs] of Object.entries(SUB_PARTS)) {
      const p = cols.findIndex((c) => c.role === part);
      const subIdx = subs.map((role) => cols.findIndex((c) => c.role === role));
      if (p < 0 || subIdx.some((j) => j < 0) || cols.filter((c) => subs.includes(c.role ?? "")).length !== subs.length) continue;
      for (const r of g.rows) {
        if (r.side !== side.index || r.odd > 0) continue;
        const total: Term = { label: cols[p]!.path.replace(/\//g, "") || cols[p]!.leaf, number: r.values[p] };
        const parts = subIdx.map((j) => ({ label: cols[j]!.leaf, number: r.values[j] }));
        if (usable(total, parts)) out.push({ view, relation: "totalColumn", along: rowName(r), total, parts });
      }
    }
  }
  return out;
}

/** Columns that split a part column of COLUMN_PARTS: 基本支出 = 人员经费 + 公用经费. */
const SUB_PARTS: Record<string, string[]> = { basic: ["personnel", "public"] };

export interface SummarySide {
  side: number;
  /** "detail": a 款 or 项 listed by name under its 类 — part of no sum of the side */
  rows: { row: GridRow; concept?: string; role: "part" | "current" | "adjust" | "total" | "fund" | "class" | "detail"; parent?: GridRow }[];
}

/** The rows of a 总表 side with their role: sources/classes, 本年合计, 结转 adjustments, 总计, and fund splits. */
export function summarySides(view: TableView): SummarySide[] {
  const g = view.grid;
  if (!g || (view.kind !== "summary" && view.kind !== "fiscalSummary")) return [];
  const out: SummarySide[] = [];
  for (const side of g.sides.slice(0, 2)) {
    const rows: SummarySide["rows"] = [];
    let parent: GridRow | undefined; // the row fund splits belong to
    let lastCn: GridRow | undefined;
    let seenCurrent = false;
    for (const r of g.rows.filter((x) => x.side === side.index)) {
      if (!r.label && !r.code) continue;
      const rc = rowConcept(view.kind, side.index, r.label);
      // the 支出 side lists spending by 类 ("一、一般公共服务支出" or "201 一般公共服务支出")
      let role: SummarySide["rows"][number]["role"] = rc?.role ?? (r.code || side.index === 1 ? "class" : "part");
      let p: GridRow | undefined;
      if (role === "fund" && parent) p = parent;
      else if (role === "fund") role = "part";
      else if (r.numbering === "ar" && lastCn && !seenCurrent) {
        p = lastCn;
        role = "fund";
      }
      if (rc && (rc.concept === "income.fiscal" || (rc.concept === "fiscal.income.current" && rc.role === "part") || rc.role === "adjust")) parent = r;
      else if (role !== "fund") parent = undefined;
      if (r.numbering === "cn") lastCn = r;
      if (role === "current") seenCurrent = true;
      // after 本年收入合计, a fund row under a 结转 row is its split, not a source
      const entry: SummarySide["rows"][number] = { row: r, role };
      if (rc) entry.concept = rc.concept;
      if (p) entry.parent = p;
      rows.push(entry);
    }
    nestByName(rows);
    out.push({ side: side.index, rows });
  }
  return out;
}

/**
 * Spending listed by name only (no codes, no "一、" numbering) mixes 类, 款 and 项 when the 总表 indents them: then
 * only the rows named as a 类 are the side's parts, the others are details. When no row is a known 类 but the names
 * are not all known either, the level of every row is unknown and none is a part.
 */
function nestByName(rows: SummarySide["rows"]): void {
  const named = rows.filter((e) => e.role === "class" && !e.row.code && !e.row.numbering);
  if (named.length === 0 || rows.some((e) => e.role === "class" && (e.row.code || e.row.numbering))) return;
  if (named.every((e) => FUNCTION_CLASSES.has(e.row.label))) return;
  for (const e of named) if (!FUNCTION_CLASSES.has(e.row.label)) e.role = "detail";
  if (!named.some((e) => e.role === "class")) for (const e of rows) if (e.role === "part" && !e.concept) e.role = "detail";
}

/** 总表 sums: fund splits, 本年合计 = Σ sources, 总计 = 本年合计 + 结转 (or Σ everything when no 本年合计). */
export function summarySums(view: TableView): TableSum[] {
  const g = view.grid;
  if (!g) return [];
  const out: TableSum[] = [];
  for (const s of summarySides(view)) {
    const cols = g.columns[s.side]!;
    cols.forEach((col, j) => {
      const term = (e: SummarySide["rows"][number]): Term => ({ label: rowName(e.row), number: e.row.values[j] });
      // fund splits
      const parents = new Set(s.rows.filter((e) => e.parent).map((e) => e.parent!));
      for (const p of parents) {
        const kids = s.rows.filter((e) => e.parent === p);
        const total: Term = { label: rowName(p), number: p.values[j] };
        const parts = kids.map(term);
        if (usable(total, parts)) out.push({ view, relation: "fund", along: colName(col), total, parts });
      }
      const top = s.rows.filter((e) => !e.parent);
      const currentIdx = top.findIndex((e) => e.role === "current");
      const totalIdx = top.findIndex((e) => e.role === "total");
      if (currentIdx >= 0) {
        const parts = top.slice(0, currentIdx).filter((e) => e.role === "part" || e.role === "class");
        const total = term(top[currentIdx]!);
        if (usable(total, parts.map(term))) out.push({ view, relation: "summary", along: colName(col), total, parts: parts.map(term) });
      }
      if (totalIdx >= 0) {
        const from = currentIdx >= 0 && currentIdx < totalIdx ? currentIdx : 0;
        const parts = top.slice(from, totalIdx).filter((e) => (currentIdx >= 0 ? e.role === "current" || e.role === "adjust" : e.role !== "total" && e.role !== "detail"));
        const total = term(top[totalIdx]!);
        if (usable(total, parts.map(term))) out.push({ view, relation: "summary", along: colName(col), total, parts: parts.map(term) });
      }
    });
  }
  return out;
}

/** 收入总计 = 支出总计 in a 总表 (the first value column of each side). */
export function summaryBalance(view: TableView): TableEqual | undefined {
  const sides = summarySides(view);
  if (sides.length < 2) return undefined;
  const totalOf = (s: SummarySide) => s.rows.find((e) => e.role === "total")?.row;
  const a = totalOf(sides[0]!);
  const b = totalOf(sides[1]!);
  if (!a?.values[0] || !b?.values[0]) return undefined;
  return { view, along: "总计", a: { label: rowName(a), number: a.values[0] }, b: { label: rowName(b), number: b.values[0] } };
}

/** Fund columns of a budget table: 财政拨款 funds, and the other sources a 总计 adds to them. */
const FISCAL_FUNDS = new Set(["gpb", "govFund", "stateCapital"]);
const OTHER_SOURCES = new Set(["specialAccount", "other", "business", "operating", "unitOperating", "superior", "affiliated"]);
/** the columns of a 政府采购支出表 that its 总计 adds up (资金来源) */
const PROCUREMENT_SOURCES = new Set([...FISCAL_FUNDS, ...OTHER_SOURCES, "fiscal", "carryIn", "merged"]);

/**
 * Per row, the fund columns of a table that prints its figures by source (珠海's 部门预算基本支出预算表 and
 * 项目支出及其他支出预算表: 总计 | 财政拨款 合计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算 | 财政专户拨款 |
 * 其他资金; 苏州's 政府采购支出表: 一般公共预算资金 | 政府性基金 | 其他资金 | 上年结转和结余资金 | 总计):
 * - 财政拨款合计 = Σ the fiscal fund columns right after it (at least two of them);
 * - 总计 = 财政拨款合计 (or the fiscal fund columns) + each other source, when every other value column of the side
 *   is one of them.
 * Sides whose 合计 column totalColumnSums already checks are left to it. Rows with text in a figure's place are not used.
 */
export function fundColumnSums(view: TableView): TableSum[] {
  const g = view.grid;
  if (!g) return [];
  const checked = new Set(totalColumnSums(view).map((s) => s.along));
  const out: TableSum[] = [];
  for (const side of g.sides) {
    const cols = g.columns[side.index]!;
    const rows = g.rows.filter((r) => r.side === side.index && r.odd === 0 && !checked.has(rowName(r)));
    const push = (totalIdx: number, partIdx: number[]) => {
      for (const r of rows) {
        const total: Term = { label: cols[totalIdx]!.leaf, number: r.values[totalIdx] };
        const parts = partIdx.map((j) => ({ label: cols[j]!.leaf, number: r.values[j] }));
        if (usable(total, parts)) out.push({ view, relation: "fund", along: rowName(r), total, parts });
      }
    };
    if (view.kind === "procurement") {
      const totals = cols.map((c, j) => (c.role === "total" ? j : -1)).filter((j) => j >= 0);
      if (totals.length !== 1) continue;
      const parts = cols.map((_, j) => j).filter((j) => j !== totals[0]);
      if (parts.length >= 2 && parts.every((j) => PROCUREMENT_SOURCES.has(cols[j]!.role ?? ""))) push(totals[0]!, parts);
      continue;
    }
    const first = cols.findIndex((c) => c.role === "gpb");
    if (first < 1) continue;
    let end = first;
    while (end < cols.length && FISCAL_FUNDS.has(cols[end]!.role ?? "")) end++;
    const fiscal = Array.from({ length: end - first }, (_, k) => first + k);
    if (new Set(fiscal.map((j) => cols[j]!.role)).size !== fiscal.length) continue;
    const before = cols[first - 1]!;
    const hasSubtotal = (before.role === "total" || before.role === "fiscal") && first >= 2 && cols[first - 2]!.role === "total";
    const totalIdx = hasSubtotal ? first - 2 : before.role === "total" ? first - 1 : -1;
    if (totalIdx < 0 || cols.slice(0, totalIdx).some((c) => c.leaf)) continue;
    if (hasSubtotal && fiscal.length >= 2) push(first - 1, fiscal);
    const rest = cols.map((_, j) => j).filter((j) => j >= end);
    if (rest.length === 0 || !rest.every((j) => OTHER_SOURCES.has(cols[j]!.role ?? ""))) continue;
    if (new Set(rest.map((j) => cols[j]!.role)).size !== rest.length) continue;
    push(totalIdx, [...(hasSubtotal ? [first - 1] : fiscal), ...rest]);
  }
  return out;
}

/** 政府采购支出表 rows by 采购品目大类 (苏州): the categories 货物 / 工程 / 服务. */
const PROCUREMENT_CATEGORY = /^(?:货物|工程|服务)类?$/;

/**
 * The rows of a 政府采购支出表 listed by category, unit and item (苏州: 合计; 货物; an indented unit; its items, named
 * in the columns right of the first): 合计 = Σ categories, each category = Σ its units (or its items when it lists
 * no unit), each unit = Σ its items, per value column. A row without a figure (a wrapped name) is no term; a
 * category whose rows cannot be told apart (an item before any unit after a unit) is left out.
 */
export function procurementRowSums(view: TableView): TableSum[] {
  const g = view.grid;
  if (!g || view.kind !== "procurement") return [];
  const out: TableSum[] = [];
  for (const side of g.sides) {
    if (side.labelCols.length < 2) continue;
    const firstCol = side.labelCols[0]!;
    const rows = g.rows.filter((r) => r.side === side.index && r.values.some(Boolean) && r.labelCell);
    const totals = rows.filter((r) => TOTAL_LABEL.test(r.label));
    const cats = rows.filter((r) => PROCUREMENT_CATEGORY.test(r.label) && r.labelCell!.column === firstCol);
    if (totals.length !== 1 || cats.length === 0 || rows.indexOf(totals[0]!) > rows.indexOf(cats[0]!)) continue;
    const sum = (total: GridRow, parts: GridRow[], relation: TableSum["relation"]) => {
      side.valueCols.forEach((_, j) => {
        const t: Term = { label: rowName(total), number: total.values[j] };
        const ps = parts.map((p) => ({ label: p.sublabel ? `${rowName(p)}（${p.sublabel}）` : rowName(p), number: p.values[j] }));
        if (usable(t, ps)) out.push({ view, relation, along: colName(g.columns[side.index]![j]), total: t, parts: ps });
      });
    };
    sum(totals[0]!, cats, "totalRow");
    cats.forEach((cat, k) => {
      const from = rows.indexOf(cat) + 1;
      const to = k + 1 < cats.length ? rows.indexOf(cats[k + 1]!) : rows.length;
      const body = rows.slice(from, to);
      const units = body.filter((r) => r.labelCell!.column === firstCol);
      if (units.length === 0) return sum(cat, body, "group");
      if (body[0] !== units[0]) return;
      sum(cat, units, "group");
      units.forEach((u, i) => {
        const items = body.slice(body.indexOf(u) + 1, i + 1 < units.length ? body.indexOf(units[i + 1]!) : body.length);
        if (items.length) sum(u, items, "group");
      });
    });
  }
  return out;
}

/**
 * Per row, a header that groups its columns under subtotals (湖州's 收入预算总表: 总计 | 本年收入: 小计 | 一般公共预算 | … |
 * 其他收入 | 上年结转结余: 小计 | 一般公共预算 | … | 单位资金结转结余): each 小计 = Σ the columns after it up to the next
 * 小计, and the 总计 (or 合计) before the first 小计 = Σ the 小计 columns. A group needs two parts, each a source of
 * funds by its header (一般公共预算, 事业收入, 其他收入 …, or a 结转结余). Sides that fundColumnSums or totalColumnSums already check
 * are left to them.
 */
export function subtotalColumnSums(view: TableView): TableSum[] {
  const g = view.grid;
  if (!g) return [];
  const taken = new Set([...totalColumnSums(view), ...fundColumnSums(view)].map((s) => s.along));
  const out: TableSum[] = [];
  for (const side of g.sides) {
    const cols = g.columns[side.index]!;
    const subs = cols.map((c, j) => (/^小计$/.test(c.leaf) ? j : -1)).filter((j) => j > 0);
    if (subs.length === 0) continue;
    const groups: { sub: number; parts: number[] }[] = [];
    subs.forEach((s, k) => {
      const parts = cols.map((_, j) => j).filter((j) => j > s && j < (subs[k + 1] ?? cols.length));
      // every part a source of funds (a 基本支出 小计 | 人员经费 | 公用经费 followed by 项目支出 is no such group)
      if (parts.length >= 2 && parts.every((j) => PROCUREMENT_SOURCES.has(cols[j]!.role ?? "") || /结转(?:和)?结余$/.test(cols[j]!.leaf))) groups.push({ sub: s, parts });
    });
    if (groups.length === 0) continue;
    const whole = groups.length === subs.length && subs[0] === 1 && /^(?:总计|合计)$/.test(cols[0]!.leaf) && subs.length >= 2;
    const rows = g.rows.filter((r) => r.side === side.index && r.odd === 0 && !taken.has(rowName(r)));
    for (const r of rows) {
      const term = (j: number): Term => ({ label: cols[j]!.path.replace(/\//g, "") || cols[j]!.leaf, number: r.values[j] });
      for (const grp of groups) {
        const total = term(grp.sub);
        const parts = grp.parts.map(term);
        if (usable(total, parts)) out.push({ view, relation: "totalColumn", along: rowName(r), total, parts });
      }
      if (whole) {
        const total = term(0);
        const parts = subs.map(term);
        if (usable(total, parts)) out.push({ view, relation: "totalColumn", along: rowName(r), total, parts });
      }
    }
  }
  return out;
}
