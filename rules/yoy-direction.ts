import { defineRule } from "../src/engine/rule.js";

export default defineRule({
  id: "yoy-direction",
  name: "增减方向",
  description: "增减方向用词必须一致：“增加”对应“增长”，“减少”对应“下降”",
  severity: "error",
  messages: {
    words: "{label}比上年{amountWord}{delta}{unit}，却写作“{rateWord}{rate}%”，增减方向自相矛盾",
  },
  example: "公务接待费支出0.05万元，比上年减少0.08万元，增长61.54%。",
  check(report, ctx) {
    for (const c of report.claims) {
      if (c.kind !== "yoy" || !c.delta || !c.rate || !c.amountWord || !c.rateWord) continue;
      if (c.delta.value.isZero() || c.rate.value.isZero()) continue;
      const up = c.amountWord === "增加";
      const rateUp = c.rateWord === "增长";
      ctx.evaluated([c.delta, c.rate], up === rateUp);
      if (up === rateUp) continue;
      ctx.report({
        messageId: "words",
        data: { label: c.label, amountWord: c.amountWord, delta: c.delta.text, unit: c.delta.unit, rateWord: c.rateWord, rate: c.rate.text },
        location: c.rate.location,
        values: [...(c.current ? [{ number: c.current, role: "current", label: c.label }] : []), { number: c.delta, role: "delta" }, { number: c.rate, role: "rate" }],
        expected: up ? "增长" : "下降",
        actual: c.rateWord,
      });
    }
  },
});
