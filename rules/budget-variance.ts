import { defineRule } from "../src/engine/rule.js";
import { varianceCheck, equalCheck, shareCheck, Interval } from "../src/engine/interval.js";

export default defineRule({
  id: "budget-variance",
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
      if (c.rate) {
        const check = varianceCheck(c.budget, c.actual, c.rate);
        ctx.reportCheck(check, {
          messageId: "rate",
          data: { label: c.label, budget: c.budget.text, actual: c.actual.text, unit: c.budget.unit, expected: check?.expected.toFixed(c.rate.decimals) ?? "", rate: c.rate.text },
          location: c.rate.location,
          values: [...values, { number: c.rate, role: "rate" }],
          actual: c.rate.value.toFixed(c.rate.decimals),
        });
      }
      if (c.completion) {
        const check = shareCheck(c.actual, c.budget, c.completion);
        ctx.reportCheck(check, {
          messageId: "completion",
          data: { label: c.label, budget: c.budget.text, actual: c.actual.text, unit: c.budget.unit, expected: check?.expected.toFixed(c.completion.decimals) ?? "", rate: c.completion.text },
          location: c.completion.location,
          values: [...values, { number: c.completion, role: "completion" }],
          actual: c.completion.value.toFixed(c.completion.decimals),
        });
      }
      if (c.comparison) {
        const b = Interval.of(c.budget);
        const a = Interval.of(c.actual);
        const truth = c.actual.value.gt(c.budget.value) ? "大于" : c.actual.value.lt(c.budget.value) ? "小于" : "等于";
        // wrong only when no true values behind the printed ones could make the word right
        const wrong =
          c.comparison === "等于" ? equalCheck(c.budget, c.actual).verdict === "violated" : c.comparison === "大于" ? a.hi.lte(b.lo) : b.hi.lte(a.lo);
        if (wrong) {
          ctx.report({
            messageId: "comparison",
            data: { label: c.label, budget: c.budget.text, actual: c.actual.text, unit: c.budget.unit, expected: truth, word: `决算数${c.comparison}预算数` },
            values,
            expected: truth,
            actual: c.comparison,
          });
        }
      }
    }
  },
});
