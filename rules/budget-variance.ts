import { defineRule } from "../src/engine/rule.js";
import { varianceCheck, equalCheck, shareCheck, Interval, type Check } from "../src/engine/interval.js";
import type { PrintedNumber } from "../src/model/schema.js";

/** The label without a trailing budget word: the message prints "预算数" itself. */
function subjectOf(label: string): string {
  return label.replace(/(?:年初|全年|调整后?)?预算数?$/, "");
}

export default defineRule({
  id: "budget-variance",
  name: "预决算差异",
  description: "预决算差异率 = (决算数 − 预算数) ÷ 预算数；完成预算的比例 = 决算数 ÷ 预算数；“决算数大于/小于/等于预算数”必须与数字相符",
  severity: "error",
  messages: {
    rate: "{label}预算数{budget}{unit}、决算数{actual}{unit}，预决算差异率应为{expected}%，报告写{rate}%",
    completion: "{label}预算数{budget}{unit}、决算数{actual}{unit}，完成预算的比例应为{expected}%，报告写{rate}%",
    comparison: "{label}预算数{budget}{unit}、决算数{actual}{unit}，应为“决算数{expected}预算数”，报告写“{word}”",
  },
  example: "与年初预算相比，年初预算数221.34万元，决算数191.80万元，预决算差异率-13.53%。",
  check(report, ctx) {
    for (const c of report.claims) {
      if (c.kind !== "variance" || c.budget.unit !== c.actual.unit) continue;
      const values = [
        { number: c.budget, role: "budget", label: c.label },
        { number: c.actual, role: "actual", label: c.label },
      ];
      // 预决算差异率 and 完成预算的比例 are both a percentage derived from the same two amounts
      const percent = (messageId: string, check: Check | undefined, pct: PrintedNumber, role: string) =>
        ctx.reportCheck(check, {
          messageId,
          data: { label: subjectOf(c.label), budget: c.budget.text, actual: c.actual.text, unit: c.budget.unit, expected: check?.expected.toFixed(pct.decimals) ?? "", rate: pct.text },
          location: pct.location,
          values: [...values, { number: pct, role }],
          actual: pct.value.toFixed(pct.decimals),
        });
      if (c.rate) percent("rate", varianceCheck(c.budget, c.actual, c.rate), c.rate, "rate");
      if (c.completion) percent("completion", shareCheck(c.actual, c.budget, c.completion), c.completion, "completion");
      if (c.comparison) {
        const b = Interval.of(c.budget);
        const a = Interval.of(c.actual);
        const truth = c.actual.value.gt(c.budget.value) ? "大于" : c.actual.value.lt(c.budget.value) ? "小于" : "等于";
        // wrong only when no true values behind the printed ones could make the word right
        const wrong =
          c.comparison === "等于" ? equalCheck(c.budget, c.actual).verdict === "violated" : c.comparison === "大于" ? a.hi.lte(b.lo) : b.hi.lte(a.lo);
        ctx.evaluated([c.budget, c.actual], !wrong);
        if (wrong) {
          ctx.report({
            messageId: "comparison",
            data: { label: subjectOf(c.label), budget: c.budget.text, actual: c.actual.text, unit: c.budget.unit, expected: truth, word: `决算数${c.comparison}预算数` },
            values,
            expected: truth,
            actual: c.comparison,
          });
        }
      }
    }
  },
});
