import { defineRule } from "../src/engine/rule.js";
import { Interval, priorMayBeZero, yoyRateCheck } from "../src/engine/interval.js";

export default defineRule({
  id: "yoy-change",
  name: "增减额与增减率",
  description: "比上年增减额与增减率必须一致：增减率 = 增减额 ÷ 上年数（上年数 = 本年数 ∓ 增减额）",
  severity: "error",
  messages: {
    newItem: "{label}本年{current}{unit}、比上年增加{delta}{unit}，上年数为0（新增），按惯例应写“增长100%”，报告写{actual}%",
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
      if (priorMayBeZero(c.current, c.delta, increase)) {
        // A new item: the prior is zero or nearly so. "增长100%" is the convention; any other rate must at least be
        // reachable, i.e. no less than the smallest delta over the largest prior the rounding allows.
        if (!increase || c.rate.value.eq(100)) continue;
        const prior = Interval.of(c.current).minus(Interval.of(c.delta));
        const d = Interval.of(c.delta);
        if (prior.hi.lte(0) || d.lo.lte(0)) continue;
        const least = d.lo.div(prior.hi).times(100);
        ctx.evaluated([c.current, c.delta, c.rate], !Interval.of(c.rate).hi.lt(least));
        if (Interval.of(c.rate).hi.lt(least)) {
          ctx.report({
            messageId: "newItem",
            data: { label: c.label, current: c.current.text, delta: c.delta.text, unit: c.current.unit, actual: c.rate.text },
            location: c.rate.location,
            values,
            expected: "100",
            actual: c.rate.value.toFixed(c.rate.decimals),
          });
        }
        continue;
      }
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
        actual: c.rate.value.toFixed(c.rate.decimals),
      });
    }
  },
});
