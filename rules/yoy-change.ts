import { defineRule } from "../src/engine/rule.js";
import { priorMayBeZero, yoyRateCheck } from "../src/engine/interval.js";

export default defineRule({
  id: "yoy-change",
  description: "比上年增减额与增减率必须一致：增减率 = 增减额 ÷ 上年数（上年数 = 本年数 ∓ 增减额）",
  severity: "error",
  messages: {
    rate: "{label}本年{current}{unit}，比上年{amountWord}{delta}{unit}（上年{prior}{unit}），{rateWord}率应为{expected}%，报告写{actual}%",
  },
  example: "一般行政管理事务支出决算数为21.18万元，比上年决算减少24.73万元，下降53.78%。",
  check(report, ctx) {
    for (const c of report.claims) {
      if (c.kind !== "yoy" || !c.current || !c.delta || !c.rate || !c.amountWord || c.amountWord === "持平") continue;
      if (c.current.unit !== c.delta.unit) continue;
      const increase = c.amountWord === "增加";
      const values = [
        { number: c.current, role: "current", label: c.label },
        { number: c.delta, role: "delta" },
        { number: c.rate, role: "rate" },
      ];
      // a new item (prior may be zero): "增长100%" is the convention and no rate can be derived
      if (priorMayBeZero(c.current, c.delta, increase)) continue;
      const check = yoyRateCheck(c.current, c.delta, increase, c.rate);
      const prior = increase ? c.current.value.minus(c.delta.value) : c.current.value.plus(c.delta.value);
      ctx.reportCheck(check, {
        messageId: "rate",
        data: {
          label: c.label,
          current: c.current.text,
          unit: c.current.unit,
          amountWord: c.amountWord,
          delta: c.delta.text,
          prior: prior.toFixed(c.current.decimals),
          rateWord: c.rateWord ?? (increase ? "增长" : "下降"),
          expected: check?.expected.toFixed(c.rate.decimals) ?? "",
          actual: c.rate.text,
        },
        location: c.rate.location,
        values,
        actual: c.rate.value.toFixed(),
      });
    }
  },
});
