import { defineRule } from "../src/engine/rule.js";
import { sumCheck } from "../src/engine/interval.js";
import { evaluateRelations } from "../src/engine/relations.js";
import type { PrintedNumber, YoyClaim } from "../src/model/schema.js";

/** A delta as a signed number: "减少0.08" is −0.08. */
function signed(c: YoyClaim): PrintedNumber {
  const d = c.delta!;
  const value = c.amountWord === "减少" ? d.value.negated() : d.value;
  // no unit: a signed change may be negative, so its interval is not clamped at zero
  return { ...d, value, unit: "" };
}

export default defineRule({
  id: "yoy-breakdown",
  name: "分项增减合计",
  description: "总数的比上年增减额必须等于各组成部分增减额之和（如“三公”经费与其三项）",
  severity: "error",
  messages: {
    deltas: "{label}比上年{word}{delta}{unit}，而各组成部分的增减额合计为{expected}{unit}（{parts}）",
  },
  example: "“三公”经费支出5.41万元，比上年增加3.28万元。其中：因公出国（境）费支出0.00万元，比上年增加0.00万元；公务用车购置及运行维护费5.36万元，比上年增加3.36万元；公务接待费0.05万元，比上年减少0.18万元。",
  check(report, ctx) {
    const yoyOf = new Map<string, YoyClaim>();
    for (const c of report.claims) {
      if (c.kind === "yoy" && c.concept && c.delta && c.amountWord && !yoyOf.has(c.concept)) yoyOf.set(c.concept, c);
    }
    for (const r of evaluateRelations(report, (rel) => rel.kind === "sum" && !rel.minus)) {
      if (r.kind !== "sum" || r.measure !== "actual") continue;
      const total = yoyOf.get(r.relation.total);
      const parts = r.parts.map((p) => yoyOf.get(p.concept));
      if (!total || parts.some((p) => !p) || parts.length < 2) continue;
      const ps = parts as YoyClaim[];
      if (ps.some((p) => p.delta!.unit !== total.delta!.unit)) continue;
      const t = signed(total);
      const check = sumCheck(t, ps.map(signed));
      ctx.reportCheck(check, {
        messageId: "deltas",
        data: {
          label: total.label,
          word: total.amountWord!,
          delta: total.delta!.text,
          unit: total.delta!.unit,
          expected: check.expected.toFixed(total.delta!.decimals),
          parts: ps.map((p) => `${p.label}${p.amountWord}${p.delta!.text}`).join("，"),
        },
        location: total.delta!.location,
        values: [{ number: total.delta!, role: "totalDelta", label: total.label }, ...ps.map((p) => ({ number: p.delta!, role: "partDelta", label: p.label }))],
        actual: t.value.toFixed(t.decimals),
      });
    }
  },
});
