import { defineRule } from "../src/engine/rule.js";
import { equalCheck, Interval } from "../src/engine/interval.js";
import type { PrintedNumber, Report, TableCell } from "../src/model/schema.js";
import { shown } from "../src/model/numbers.js";
import { projectName } from "../src/tables/pairings.js";
import { squash } from "../src/tables/text.js";
import { tableViews, type TableView } from "../src/tables/view.js";

/** the narrative section of the key projects (广东's template: "七、重点项目预算绩效目标情况") */
const KEY_SECTION = /重点项目/;
/** the value columns of a 项目支出表 that each hold one source of funds (grid.ts COLUMN_ROLES) */
const FUND_ROLES = new Set(["gpb", "govFund", "stateCapital", "specialAccount", "other", "business", "operating", "superior", "affiliated", "unitOperating"]);
/** "单位：万元", "（单位：万元）" */
const UNIT_WORD = /单位[:：]\s*(万元|亿元|千元|元)/g;
/** at most this many fund columns are combined (2^n scopes) */
const MAX_FUNDS = 8;

/** A project of the 项目支出表: its row's 总计 and the figures of its fund columns, in 万元. */
interface Project {
  name: string;
  table: string;
  total: PrintedNumber;
  funds: { label: string; number: PrintedNumber }[];
  /** false when a value column has no known fund role, or too many hold money: the scopes cannot all be enumerated */
  complete: boolean;
}

/**
 * The projects of the report's 项目支出表s by name (squashed); a name printed twice, in one table or two, is
 * nobody's. Only tables in 万元.
 */
function projects(views: TableView[]): Map<string, Project | null> {
  const out = new Map<string, Project | null>();
  for (const v of views) {
    if (v.kind !== "projectExpense" || !v.grid || v.unit !== "万元") continue;
    for (const r of v.grid.rows) {
      const name = projectName(r);
      if (!name || r.odd > 0) continue;
      if (out.has(name)) {
        out.set(name, null);
        continue;
      }
      const cols = v.grid.columns[r.side] ?? [];
      const j = cols.findIndex((c) => c.role === "total");
      const total = j >= 0 ? r.values[j] : undefined;
      if (!total) continue;
      const funds: Project["funds"] = [];
      let complete = true;
      cols.forEach((c, k) => {
        if (k <= j || c.role === "total") return;
        if (!c.role || !FUND_ROLES.has(c.role)) complete = false;
        else if (r.values[k]) funds.push({ label: c.leaf, number: r.values[k]! });
      });
      // more sources than can be combined leave the scopes as unknown as a column without a role
      const live = funds.filter((f) => !f.number.value.isZero()).length;
      out.set(name, { name, table: squash(v.title) || `表${v.table.index}`, total, funds, complete: complete && funds.length > 0 && live <= MAX_FUNDS });
    }
  }
  return out;
}

/** The ids of the sections whose title names the key projects, and of every section under one of them. */
function keySections(report: Report): Set<string> {
  const ids = new Set<string>();
  for (const s of report.sections) if (KEY_SECTION.test(s.title)) ids.add(s.id);
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of report.sections) {
      if (!ids.has(s.id) && s.parentId && ids.has(s.parentId)) {
        ids.add(s.id);
        grew = true;
      }
    }
  }
  return ids;
}

/**
 * Every sum of the non-zero fund figures, as intervals (the scopes the key project's 预算数 may be counted in); a
 * complete project has at most MAX_FUNDS of them.
 */
function scopes(funds: Project["funds"]): Interval[] {
  const live = funds.filter((f) => !f.number.value.isZero());
  const out: Interval[] = [];
  for (let mask = 1; mask < 1 << live.length; mask++) {
    let sum = Interval.exact(0);
    live.forEach((f, k) => {
      if (mask & (1 << k)) sum = sum.plus(Interval.of(f.number));
    });
    out.push(sum);
  }
  return out;
}

export default defineRule({
  id: "key-project",
  name: "重点项目金额",
  description:
    "正文“重点项目预算绩效目标情况”表中每个项目的预算数，与项目支出表中同名项目的总计（或其某几项资金来源之和）一致（广东等地部门预算公开模板）",
  severity: "error",
  messages: {
    mismatch: "重点项目“{name}”在正文重点项目表中的预算数为{a}，而{table}中该项目总计为{b}{funds}；按任何资金口径两者都不相符",
    above: "重点项目“{name}”在正文重点项目表中的预算数为{a}，大于{table}中该项目的总计{b}；重点项目的预算不能超过该项目全部资金",
    unsure: "重点项目“{name}”在正文重点项目表中的预算数为{a}，而{table}中该项目总计为{b}；该表有未能识别的资金列，无法确认正文是否只计其中一部分资金，请核实",
  },
  example:
    "项目支出预算表\n单位：万元\n项目名称\t总计\t一般公共预算\t其他资金\n合计\t7,672.50\t7,672.50\t0.00\n辅助人员补助经费\t7,672.50\t7,672.50\t0.00\n\n七、重点项目预算绩效目标情况\n项目\t预算数（单位：万元）\t绩效目标\n辅助人员补助经费\t7672.25\t保障海关监管需要",
  check(report, ctx) {
    // a 决算's project table prints what was spent, not the 预算数 the key-project table gives
    if (report.meta.kind !== "预算") return;
    const sections = keySections(report);
    if (!sections.size) return;
    const views = tableViews(report);
    const known = projects(views);
    if (!known.size) return;
    // a table of the section that is itself one of the recognised tables is not the narrative's
    const tables = report.tables.filter((t) => sections.has(t.sectionId) && !views.some((v) => v.table === t && v.kind));
    // the unit its header states ("预算数（单位：万元）"), on any of its pages
    const units = new Set(tables.flatMap((t) => [t.title, ...t.rows.slice(0, 2).flat().map((c) => c.text)]).flatMap((x) => [...x.matchAll(UNIT_WORD)].map((m) => m[1]!)));
    if (units.size !== 1 || !units.has("万元")) return;
    for (const t of tables) {
      for (const row of t.rows) {
        const figures = row.filter((c) => c.number);
        if (figures.length !== 1) continue;
        const amount = figures[0]!.number!;
        if (amount.unit && amount.unit !== "万元") continue;
        const name = nameOf(row);
        const p = name ? known.get(name) : undefined;
        if (!p) continue;
        const key = { ...amount, unit: "万元" };
        const total = equalCheck(p.total, key);
        const values = [
          { number: key, role: "stated", label: `重点项目表${p.name}预算数` },
          { number: p.total, role: "restated", label: `${p.table}${p.name}总计` },
        ];
        const data = { name: p.name, a: `${amount.text}万元`, b: shown(p.total), table: p.table, funds: "" };
        if (total.verdict !== "violated") {
          ctx.reportCheck(total, { messageId: "mismatch", data, location: amount.location, values, actual: amount.value.toFixed(amount.decimals) }, p.total.value.toFixed(p.total.decimals));
          continue;
        }
        // a figure 10,000 times the other: a unit left unsaid, which unit-slip and the reader's unit speak of
        const ratio = amount.value.div(p.total.value.isZero() ? 1 : p.total.value);
        if (ratio.gt(9000) || ratio.lt(0.00012)) continue;
        if (!p.complete) {
          // a part of the money by a source the table does not name is possible below the total, never above it
          const above = Interval.of(key).lo.gt(Interval.of(p.total).hi);
          ctx.evaluated([amount, p.total], false);
          ctx.report({
            messageId: above ? "above" : "unsure",
            severity: above ? "error" : "warning",
            data,
            location: amount.location,
            values,
            expected: p.total.value.toFixed(p.total.decimals),
            actual: amount.value.toFixed(amount.decimals),
          });
          continue;
        }
        const k = Interval.of(key);
        if (scopes(p.funds).some((s) => s.meets(k))) {
          ctx.evaluated([amount, p.total, ...p.funds.map((f) => f.number)], true);
          continue;
        }
        ctx.evaluated([amount, p.total, ...p.funds.map((f) => f.number)], false);
        // the sources that hold money are cited; the others print 0
        const live = p.funds.filter((f) => !f.number.value.isZero());
        const zero = live.length < p.funds.length ? "，其余资金来源为0" : "";
        ctx.report({
          messageId: "mismatch",
          severity: "error",
          data: { ...data, funds: `（其中${live.map((f) => `${f.label}${shown(f.number)}`).join("，")}${zero}）` },
          location: amount.location,
          values: [...values, ...live.map((f) => ({ number: f.number, role: "fund", label: `${p.table}${p.name}${f.label}` }))],
          expected: p.total.value.toFixed(p.total.decimals),
          actual: amount.value.toFixed(amount.decimals),
        });
      }
    }
  },
});

/** The project a row of the key-project table names: its first cell that holds text and no figure, squashed. */
function nameOf(row: TableCell[]): string | undefined {
  const c = row.find((x) => !x.number && squash(x.text));
  return c ? squash(c.text) : undefined;
}
