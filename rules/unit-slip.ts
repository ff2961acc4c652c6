import { defineRule } from "../src/engine/rule.js";

export default defineRule({
  id: "unit-slip",
  description: "单位错误：应为“万元”却写成“元”（相差一万倍），或“%%”等重复单位",
  severity: "error",
  messages: {
    yuanForWanyuan: "此处写作{text}元，而同一数字在报告其他处以“万元”为单位，疑为“万元”误写作“元”（相差一万倍）",
    doublePercent: "{text}后的百分号重复（“%%”）",
  },
  example: "财政拨款收支总预算255.68万元。……2022年财政拨款收支总预算255.68元。",
  check(report, ctx) {
    for (const c of report.claims) {
      if (c.kind !== "unitSlip") continue;
      ctx.report({
        messageId: c.problem === "doublePercent" ? "doublePercent" : "yuanForWanyuan",
        data: { text: c.number.text },
        values: [{ number: c.number, role: "amount" }],
        expected: c.problem === "doublePercent" ? "%" : "万元",
        actual: c.problem === "doublePercent" ? "%%" : "元",
        severity: c.problem === "doublePercent" ? "warning" : "error",
      });
    }
  },
});
