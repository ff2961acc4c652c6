import { defineRule } from "../src/engine/rule.js";
import { subsetCheck } from "../src/engine/interval.js";
import { evaluateRelations, measureAfter } from "../src/engine/relations.js";
import type { PrintedNumber } from "../src/model/schema.js";
import { shown } from "../src/model/numbers.js";
import { Decimal } from "decimal.js";

/** Σ parts (minus a total, when given), printed at the finest precision among them */
function sumOf(parts: PrintedNumber[], minus?: PrintedNumber): string {
  const decimals = Math.max(...parts.map((p) => p.decimals), minus?.decimals ?? 0);
  const sum = parts.reduce((s, p) => s.plus(p.value), new Decimal(0));
  return (minus ? sum.minus(minus.value) : sum).toFixed(decimals);
}

export default defineRule({
  id: "breakdown-subset",
  name: "其中项不超总数",
  description: "“其中”所列各项之和不能超过总数（授予小微企业 ⊂ 授予中小企业 ⊂ 政府采购总额等）",
  severity: "error",
  messages: {
    exceeds: "{label}{measure}为{total}{unit}，但其中所列各项之和已达{expected}{unit}（{parts}），超出{diff}{unit}",
  },
  example: "授予中小企业合同金额5.40万元，其中：授予小微企业合同金额5.47万元。",
  check(report, ctx) {
    const cases: { label: string; measure: string; total: PrintedNumber; parts: { label: string; number: PrintedNumber }[] }[] = [];
    // a "其中" list whose total is a complete known sum is judged by breakdown-sum instead
    const summed = new Set<string>();
    const key = (n: PrintedNumber) => `${n.text}|${n.location.line}|${n.location.page}|${n.location.paragraph}|${n.location.snippet}`;
    for (const r of evaluateRelations(report, (rel) => rel.kind !== "equal")) {
      if (r.kind === "sum") summed.add(key(r.total.number));
    }
    for (const r of evaluateRelations(report, (rel) => rel.kind !== "equal")) {
      // a total whose full sum is checked needs no separate "parts do not exceed it"
      if (r.kind !== "subset" || summed.has(key(r.total.number))) continue;
      cases.push({ label: r.total.label, measure: measureAfter(r.total.label, r.measure), total: r.total.number, parts: r.parts.map((p) => ({ label: p.label, number: p.number })) });
    }
    for (const c of report.claims) {
      if (c.kind === "breakdown" && c.relation === "subset" && !summed.has(key(c.total))) cases.push({ label: c.label, measure: "", total: c.total, parts: c.parts });
    }
    for (const c of cases) {
      const check = subsetCheck(c.total, c.parts.map((p) => p.number));
      if (check.verdict !== "violated") {
        ctx.evaluated([c.total, ...c.parts.map((p) => p.number)], true);
        continue; // a subset that only rounding pushes over is not worth a line
      }
      ctx.reportCheck(check, {
        messageId: "exceeds",
        data: {
          label: c.label,
          measure: c.measure,
          total: c.total.text,
          unit: c.total.unit,
          expected: sumOf(c.parts.map((p) => p.number)),
          parts: c.parts.map((p) => `${p.label}${p.number.original ? shown(p.number) : p.number.text}`).join(" + "),
          diff: sumOf([...c.parts.map((p) => p.number)], c.total),
        },
        location: c.total.location,
        values: [{ number: c.total, role: "total", label: c.label }, ...c.parts.map((p) => ({ number: p.number, role: "part", label: p.label }))],
        actual: c.total.value.toFixed(c.total.decimals),
      });
    }
  },
});
