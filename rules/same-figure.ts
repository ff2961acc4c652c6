import { defineRule } from "../src/engine/rule.js";
import { equalCheck } from "../src/engine/interval.js";
import { evaluateRelations, measureAfter } from "../src/engine/relations.js";
import { Interval } from "../src/engine/interval.js";
import type { Fact } from "../src/model/schema.js";
import { shown } from "../src/model/numbers.js";
import { tableCellText } from "../src/model/location.js";

export default defineRule({
  id: "same-figure",
  name: "同一数字一致",
  description: "同一数字在不同位置（不同章节、叙述与表格、财政拨款收入与支出）出现时必须一致",
  severity: "error",
  messages: {
    repeated: "{label}{measure}在此处为{actual}，但在{firstPlace}为{expected}",
    equal: "{labelA}{measure}为{expected}，{labelB}为{actual}，两者应相等",
  },
  example: "三、支出决算情况说明：本年支出199.68万元……一、总体情况：本年支出合计198.68万元",
  check(report, ctx) {
    const groups = new Map<string, Fact[]>();
    for (const f of report.facts) {
      // each project's 全年预算数 / 全年执行数 is its own; their total is perf-projects' business
      if (f.concept === "perf.projects") continue;
      const key = f.concept.startsWith("gpb.class") || f.concept.startsWith("gpb.item") || f.concept === "gpb.code" ? `${f.concept}|${f.label}|${f.measure}` : `${f.concept}|${f.measure}`;
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    for (const group of groups.values()) {
      // a printed table is the reference the narrative restates: compare against it first
      const facts = [...group.filter((f) => f.source === "table"), ...group.filter((f) => f.source !== "table")];
      const first = facts[0]!;
      for (const f of facts.slice(1)) {
        if (f.number.unit !== first.number.unit) continue;
        if (statesTheGrandTotal(report.facts, f)) continue;
        const check = equalCheck(first.number, f.number);
        ctx.reportCheck(check, {
          messageId: "repeated",
          data: {
            label: f.label,
            measure: measureAfter(f.label, f.measure),
            actual: shown(f.number),
            expected: shown(first.number),
            firstPlace: placeName(first, f),
          },
          location: f.number.location,
          values: [
            { number: first.number, role: "stated", label: first.label },
            { number: f.number, role: "restated", label: f.label },
          ],
          actual: f.number.value.toFixed(f.number.decimals),
        }, first.number.value.toFixed(first.number.decimals));
      }
    }
    for (const r of evaluateRelations(report, (rel) => rel.kind === "equal")) {
      const other = r.parts[0]!;
      ctx.reportCheck(r.check, {
        messageId: "equal",
        data: {
          labelA: r.total.label,
          labelB: other.label,
          measure: measureAfter(r.total.label, r.measure),
          expected: shown(r.total.number),
          actual: shown(other.number),
        },
        location: other.number.location,
        values: [
          { number: r.total.number, role: "stated", label: r.total.label },
          { number: other.number, role: "restated", label: other.label },
        ],
        actual: other.number.value.toFixed(other.number.decimals),
      }, r.total.number.value.toFixed(r.total.number.decimals));
    }
  },
});

function placeName(f: Fact, here?: Fact): string {
  const l = f.number.location;
  const base = placeOf(f);
  // a web page's body is one line: "在第10行" says nothing when both figures stand on line 10; quote the words before it
  const h = here?.number.location;
  if (!l.table && h && !h.table && h.line === l.line && h.page === l.page) return `${base}“${wordsBefore(f)}”处`;
  return base;
}

/** The few words that lead to a figure in its sentence, with the figure: "本年收入2028.61万元". */
function wordsBefore(f: Fact): string {
  const snippet = f.number.location.snippet.replace(/…/g, "");
  const at = snippet.indexOf(f.number.text);
  if (at < 0) return `${f.label}${f.number.text}${f.number.unit}`;
  const head = snippet.slice(0, at).split(/[。；;，,：:]/).pop()!.slice(-16);
  return `${head}${f.number.text}${f.number.unit}`;
}

function placeOf(f: Fact): string {
  const l = f.number.location;
  if (l.table) return `${tableCellText(l.table)}${l.page ? `（第${l.page}页）` : ""}`;
  if (l.page) return `第${l.page}页`;
  if (l.line) return `第${l.line}行`;
  if (l.paragraph) return `第${l.paragraph}段`;
  return "前文";
}

/**
 * "收入预算" / "支出预算" in a budget's narrative names the year's money either without or with what is carried in
 * from last year (本年收入合计, or 收入总计 = 本年收入合计 + 年初结转和结余; 珠海市商务局 2026: 收入预算 66,307.98 =
 * 46,403.97 + 19,904.01). When the figure is the total — it meets the table's 收入总计 / 支出总计, or (income)
 * 本年收入合计 + 年初结转和结余 — it restates that, not the 本年 figure it was filed under.
 */
function statesTheGrandTotal(facts: readonly Fact[], f: Fact): boolean {
  if (f.source === "table" || !/^(?:收入|支出)预算$/.test(f.label)) return false;
  const side = f.concept === "income.current" ? "income" : f.concept === "expense.current" ? "expense" : undefined;
  if (!side) return false;
  const sameUnit = (g: Fact) => g.source === "table" && g.measure === f.measure && g.number.unit === f.number.unit;
  const stated = Interval.of(f.number);
  if (facts.some((g) => g.concept === `${side}.total` && sameUnit(g) && Interval.of(g.number).meets(stated))) return true;
  if (side === "expense") return false;
  const current = facts.filter((g) => g.concept === "income.current" && sameUnit(g));
  const carried = facts.filter((g) => g.concept === "income.carryIn" && sameUnit(g));
  return current.some((c) => carried.some((k) => Interval.of(c.number).plus(Interval.of(k.number)).meets(stated)));
}
