import { defineRule } from "../src/engine/rule.js";
import { sumCheck } from "../src/engine/interval.js";

export default defineRule({
  id: "allocation-sum",
  name: "资金分配合计",
  description: "项目“资金分配情况”逐项金额之和必须等于项目预算安排规模",
  severity: "error",
  messages: {
    allocation: "资金分配各项之和为{expected}{unit}，而项目预算安排规模为{total}{unit}，相差{diff}{unit}",
  },
  example: "预算安排规模：15万元\n资金分配情况：企业培训费2万元，调研活动费用3.2万元，会议费2万元。",
  check(report, ctx) {
    for (const c of report.claims) {
      if (c.kind !== "breakdown" || c.origin !== "allocation") continue;
      if (c.parts.some((p) => p.number.unit !== c.total.unit)) continue;
      const check = sumCheck(c.total, c.parts.map((p) => p.number));
      const decimals = Math.max(c.total.decimals, ...c.parts.map((p) => p.number.decimals));
      const exact = c.parts.reduce((s, p) => s.plus(p.number.value), c.total.value.minus(c.total.value));
      ctx.reportCheck(check, {
        messageId: "allocation",
        data: {
          total: c.total.text,
          unit: c.total.unit,
          expected: exact.toFixed(decimals),
          diff: exact.minus(c.total.value).abs().toFixed(decimals),
        },
        location: c.parts[0]!.number.location,
        values: [{ number: c.total, role: "total", label: "预算安排规模" }, ...c.parts.map((p) => ({ number: p.number, role: "part", label: p.label }))],
        actual: c.total.value.toFixed(c.total.decimals),
      }, exact.toFixed(decimals));
    }
  },
});
