import { defineRule } from "../src/engine/rule.js";
import { shareCheck, Interval, type Check } from "../src/engine/interval.js";
import { perfTableName } from "../src/tables/checks.js";
import { indicatorFigure } from "../src/tables/perf.js";
import { tableViews } from "../src/tables/view.js";

/**
 * 绩效自评表, indicator block: 完成率 = 业绩值 ÷ 目标值 (the 自评表 template of the 决算: "完成率" beside 目标值 and
 * 业绩值). Regions differ on two points, both accepted: a target met is often shown as 100 % (capped), and an "at most"
 * target (≤) may be scored as 目标值 ÷ 业绩值. Compared only when both figures are one number in one unit; a warning,
 * because the template's formula is a convention of the form, not a law of arithmetic.
 */
export default defineRule({
  id: "perf-completion",
  name: "指标完成率",
  description: "绩效自评表：指标完成率 = 业绩值 ÷ 目标值（达到目标记100%亦可）",
  severity: "warning",
  messages: {
    completion: "{table}：“{name}”目标值{target}、业绩值{actual}，完成率应为{expected}%（业绩值 ÷ 目标值）{capped}，表中为{rate}%",
  },
  example: "培训项目支出绩效自评表\n一级指标\t二级指标\t三级指标\t权重\t目标值\t业绩值\t完成率\t指标得分\n产出指标\t数量指标\t培训人次\t10\t>=100人次\t=80人次\t90%\t8",
  check(report, ctx) {
    for (const v of tableViews(report)) {
      if (!v.perf || v.misread || v.unjoinable) continue;
      for (const ind of v.perf.indicators) {
        const rate = ind.completion;
        const target = indicatorFigure(ind.targetCell);
        const actual = indicatorFigure(ind.actualCell);
        if (!rate || !target || !actual || target.number.unit !== actual.number.unit) continue;
        const t = target.number;
        const a = actual.number;
        if (t.value.isZero() || a.value.isZero() && rate.value.isZero()) continue;
        const met = target.comparison === "≤" ? Interval.of(a).lo.lte(Interval.of(t).hi) : Interval.of(a).hi.gte(Interval.of(t).lo);
        const values = [
          { number: t, role: "target", label: `${ind.name}目标值` },
          { number: a, role: "actual", label: `${ind.name}业绩值` },
          { number: rate, role: "completion", label: `${ind.name}完成率` },
        ];
        const direct = shareCheck(a, t, rate);
        const inverse = target.comparison === "≤" && !a.value.isZero() ? shareCheck(t, a, rate) : undefined;
        const holds = (c: Check | undefined) => !!c && c.verdict !== "violated";
        if (holds(direct) || holds(inverse) || (met && rate.value.eq(100))) {
          ctx.evaluated(values.map((x) => x.number), true);
          continue;
        }
        const unit = t.unit;
        ctx.reportCheck(direct, {
          messageId: "completion",
          data: {
            table: perfTableName(v),
            name: ind.name || ind.level2,
            target: `${target.comparison === "=" ? "" : target.comparison}${t.text}${unit}`,
            actual: `${a.text}${unit}`,
            expected: direct?.expected.toFixed(rate.decimals) ?? "",
            capped: met ? "或100%（已达到目标）" : "",
            rate: rate.text,
          },
          location: rate.location,
          values,
          actual: rate.value.toFixed(rate.decimals),
        });
      }
    }
  },
});
