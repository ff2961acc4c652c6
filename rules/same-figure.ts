import { defineRule } from "../src/engine/rule.js";
import { equalCheck } from "../src/engine/interval.js";
import { evaluateRelations, measureAfter } from "../src/engine/relations.js";
import { shown, type Fact } from "../src/model/schema.js";

export default defineRule({
  id: "same-figure",
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
      const key = f.concept.startsWith("gpb.class") || f.concept.startsWith("gpb.item") ? `${f.concept}|${f.label}|${f.measure}` : `${f.concept}|${f.measure}`;
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    for (const group of groups.values()) {
      // a printed table is the reference the narrative restates: compare against it first
      const facts = [...group.filter((f) => f.source === "table"), ...group.filter((f) => f.source !== "table")];
      const first = facts[0]!;
      for (const f of facts.slice(1)) {
        if (f.number.unit !== first.number.unit) continue;
        const check = equalCheck(first.number, f.number);
        ctx.reportCheck(check, {
          messageId: "repeated",
          data: {
            label: f.label,
            measure: measureAfter(f.label, f.measure),
            actual: shown(f.number),
            expected: shown(first.number),
            firstPlace: placeName(first),
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

function placeName(f: Fact): string {
  const l = f.number.location;
  if (l.table) return `表${l.table.index}${l.table.title ? `「${l.table.title}」` : ""}第${l.table.row}行第${l.table.column}列${l.page ? `（第${l.page}页）` : ""}`;
  if (l.page) return `第${l.page}页`;
  if (l.line) return `第${l.line}行`;
  if (l.paragraph) return `第${l.paragraph}段`;
  return "前文";
}
