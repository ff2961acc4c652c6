import { defineRule } from "../src/engine/rule.js";
import { printedNumber } from "../src/model/numbers.js";
import type { PrintedNumber, TableCell } from "../src/model/schema.js";

/** A table cell that prints a percentage with its sign doubled ("100%%"), as the number it prints. */
function doubledPercent(cell: TableCell): PrintedNumber | undefined {
  const m = /(\d[\d,]*(?:\.\d+)?)\s*[%％]\s*[%％]/.exec(cell.text);
  if (!m) return undefined;
  return cell.number && cell.number.text === m[1] ? cell.number : printedNumber(m[1]!, "%", cell.location);
}

export default defineRule({
  id: "unit-slip",
  name: "计量单位",
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
    // the same slip in a table cell
    for (const t of report.tables) {
      for (const row of t.rows) {
        for (const cell of row) {
          const n = doubledPercent(cell);
          if (!n) continue;
          ctx.report({ messageId: "doublePercent", data: { text: n.text }, location: cell.location, values: [{ number: n, role: "amount" }], expected: "%", actual: "%%", severity: "warning" });
        }
      }
    }
  },
});
