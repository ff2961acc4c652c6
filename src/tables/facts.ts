/**
 * Table figures → facts (source "table") under the narrative's concept ids, so that same-figure compares what the
 * narrative states with what the tables print. Amounts printed in 元 are stated in 万元 (see inWanyuan).
 */
import type { Fact, PrintedNumber, Report } from "../model/schema.js";
import { CONCEPT_LABEL, TOTAL_ROW_CONCEPTS } from "./concepts.js";
import { levelOf, TOTAL_LABEL } from "./grid.js";
import { SANGONG_CONCEPT, SANGONG_NAME } from "./sangong.js";
import { summarySides } from "./structure.js";
import { inWanyuan } from "./text.js";
import { tableViews, type TableView } from "./view.js";

export function tableFacts(report: Report): Fact[] {
  const out: Fact[] = [];
  const budgetDoc = report.meta.kind === "预算";
  const add = (concept: string, label: string, n: PrintedNumber | undefined, measure: Fact["measure"] = "actual") => {
    if (!n) return;
    out.push({ concept, measure, label, number: inWanyuan(n), source: "table" });
  };
  for (const v of tableViews(report)) {
    if (v.empty) continue;
    switch (v.kind) {
      case "summary":
      case "fiscalSummary":
        summaryFacts(v, budgetDoc, add);
        break;
      case "income":
      case "expense":
      case "gpbExpense":
      case "gpbBasic":
      case "gpbProject":
        codeTableFacts(v, budgetDoc, add);
        break;
      case "sangong":
        for (const s of v.sangong?.slots ?? []) add(SANGONG_CONCEPT[s.item], SANGONG_NAME[s.item], s.number, s.measure);
        break;
      case "perfOverall": {
        const total = v.perf?.funds.find((f) => f.isTotal);
        if (total) {
          add("perf.overall", "整体支出绩效自评表资金合计", total.values.initialBudget, "initialBudget");
          add("perf.overall", "整体支出绩效自评表资金合计", total.values.budget, "budget");
          add("perf.overall", "整体支出绩效自评表资金合计", total.values.actual, "actual");
        }
        break;
      }
      default:
        break;
    }
  }
  return out;
}

type Add = (concept: string, label: string, n: PrintedNumber | undefined, measure?: Fact["measure"]) => void;

function summaryFacts(v: TableView, budgetDoc: boolean, add: Add): void {
  const g = v.grid;
  if (!g) return; // a table whose columns were not identified is no reference
  for (const s of summarySides(v)) {
    const cols = g.columns[s.side]!;
    const first = 0; // the side's own figure: 决算数 / 预算数 / 合计
    const gpbCol = cols.findIndex((c) => c.role === "gpb");
    for (const e of s.rows) {
      if (e.parent) continue;
      let concept = e.concept;
      if (concept?.startsWith("fund.")) continue;
      // in a 预算 the 总计 of the 收支总表 is the 收支总预算
      if (budgetDoc && v.kind === "summary" && concept === "income.total") concept = "budget.total";
      if (concept) add(concept, CONCEPT_LABEL[concept] ?? e.row.label, e.row.values[first]);
      if (v.kind === "fiscalSummary" && s.side === 1 && gpbCol >= 0) {
        if (e.role === "class" || (e.row.code && e.row.code.length === 3)) add("gpb.class", e.row.label, e.row.values[gpbCol]);
        else if (e.concept === "fiscal.expense.current") add("gpb.expense", CONCEPT_LABEL["gpb.expense"]!, e.row.values[gpbCol]);
      }
    }
  }
}

function codeTableFacts(v: TableView, budgetDoc: boolean, add: Add): void {
  const g = v.grid;
  if (!g) return; // a table whose columns were not identified is no reference
  const map = TOTAL_ROW_CONCEPTS[v.kind!] ?? {};
  for (const side of g.sides) {
    const cols = g.columns[side.index]!;
    const rows = g.rows.filter((r) => r.side === side.index);
    // the 合计 row (or the side's 人员经费合计 / 公用经费合计)
    for (const r of rows.filter((x) => !x.code && TOTAL_LABEL.test(x.label))) {
      if (r.label === "人员经费合计") add("gpb.basic.personnel", "人员经费", r.values[0]);
      else if (r.label === "公用经费合计") add("gpb.basic.public", "公用经费", r.values[0]);
      else {
        // a second column of the same role (总计 | 合计 | …) is a group's subtotal: the first one states the figure
        const seen = new Set<string>();
        // a 基本支出 table split by fund (珠海's 部门预算基本支出预算表: 总计 | 财政拨款 | 一般公共预算 | … | 其他资金)
        // prints the 基本支出 of all funds in its 总计; its 一般公共预算 column counts the money carried over from last
        // year with this year's (珠海 表11: 7,519.44 against 表5's 本年 7,517.32), so it states no 一般公共预算 figure
        const byFund = v.kind === "gpbBasic" && cols.some((c) => c.role === "gpb");
        const fundMap: Record<string, string> = byFund ? { total: "expense.basic" } : map;
        cols.forEach((c, j) => {
          let concept = c.role ? fundMap[c.role] : undefined;
          if (!concept || seen.has(c.role!)) return;
          seen.add(c.role!);
          // a 预算 收入表 whose total includes 上年结转 states the 收支总预算, not this year's income
          if (budgetDoc && v.kind === "income" && concept === "income.current" && cols.some((x) => x.role === "carryIn")) concept = "budget.total";
          add(concept, CONCEPT_LABEL[concept] ?? c.leaf, r.values[j]);
        });
      }
    }
    if (v.kind !== "gpbExpense") continue;
    // each 类 and 项 of the 一般公共预算财政拨款支出 table
    const totalCol = cols.findIndex((c) => c.role === "total");
    if (totalCol < 0) continue;
    const names = new Map<string, string>();
    for (const r of rows) if (r.code) names.set(r.code, r.label);
    for (const r of rows) {
      if (!r.code || r.sublabel) continue;
      const level = levelOf(r.code);
      if (level === 1) add("gpb.class", r.label, r.values[totalCol]);
      else if (level === 3) {
        // by its code too: the narrative may name a 项 by code only ("2040201-行政运行", 泉州)
        if (r.code.length === 7) add("gpb.code", r.code, r.values[totalCol]);
        const cls = names.get(r.code.slice(0, 3));
        const kuan = names.get(r.code.slice(0, 5));
        if (cls && kuan) add("gpb.item", `${cls}/${kuan}/${r.label}`, r.values[totalCol]);
      }
    }
  }
}
