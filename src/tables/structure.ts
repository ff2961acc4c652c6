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
  relation: "code" | "totalRow" | "totalColumn" | "summary" | "fund";
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
    const classes = rows.filter((r, i) => r.code && r.code.length === 3 && !rows.slice(0, i).some((o) => o.code === r.code && sameValues(o, r)));
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
    const partIdx = cols.map((c, j) => ({ c, j })).filter(({ c, j }) => j !== totalIdx && c.role && spec.parts.includes(c.role)).map(({ j }) => j);
    const others = cols.filter((c, j) => j !== totalIdx && !partIdx.includes(j));
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
  }
  return out;
}

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
