import { Decimal } from "decimal.js";
import { defineRule } from "../src/engine/rule.js";
import { Interval, sumCheck, type Check } from "../src/engine/interval.js";
import type { PrintedNumber } from "../src/model/schema.js";
import { perfTableName } from "../src/tables/checks.js";
import { tableViews } from "../src/tables/view.js";

/** 分值 are assigned, not computed: they carry no rounding. */
const exact = (n: PrintedNumber): PrintedNumber => ({ ...n, decimals: 8 });

/** Scores are computed and rounded; an integer among scores with decimals dropped its zeros (sibling precision). */
const atPrecision = (n: PrintedNumber, decimals: number): PrintedNumber => (n.decimals < decimals ? { ...n, decimals } : n);

const RANK = { holds: 0, rounding: 1, convention: 2, violated: 3 } as const;

/** Whether the fund block's 分值/得分 counts towards the total differs between tables: the better reading wins. */
function best(total: PrintedNumber, parts: PrintedNumber[], fund?: PrintedNumber): { check: Check; withFund: boolean } {
  const without = sumCheck(total, parts);
  if (!fund) return { check: without, withFund: false };
  const withFund = sumCheck(total, [fund, ...parts]);
  return RANK[withFund.verdict] <= RANK[without.verdict] ? { check: withFund, withFund: true } : { check: without, withFund: false };
}

export default defineRule({
  id: "perf-score",
  name: "分值与得分",
  description: "绩效自评表：各指标分值之和为100（或总分栏所列分值），各指标得分之和等于总分；单项得分不超过其分值",
  severity: "error",
  messages: {
    weights: "{table}：各指标分值之和为{expected}，而总分值应为{total}（{parts}）",
    scores: "{table}：各指标得分之和为{expected}分，而总分为{total}分（{parts}）",
    scoresUnverified: "{table}：各指标得分之和为{expected}分，而总分为{total}分（{parts}）；但该表的分值未能核实（{why}），总分可能含未读出的项目（如预算执行率），请人工核对",
    overScore: "{table}：指标“{name}”得分{score}超过其分值{weight}",
  },
  example: "培训项目支出绩效自评表\n一级指标\t二级指标\t三级指标\t分值\t得分\n产出指标\t数量指标\t培训人数\t50\t50\n效益指标\t社会效益\t满意度\t40\t40\n总分\t100\t90",
  check(report, ctx) {
    for (const v of tableViews(report)) {
      const perf = v.perf;
      if (!perf || !perf.indicatorsReadable) continue;
      const inds = perf.indicators.filter((i) => i.weight || i.score);
      if (inds.length < 2) continue;
      const table = perfTableName(v);
      const fundRow = perf.funds.find((f) => f.values.weight) ;
      const fundWeight = fundRow?.values.weight;
      const fundScore = fundRow?.values.score;
      const label = (k: number) => inds[k]!.name || inds[k]!.level2;

      // the scores are a proof only when the 分值 of the same rows add up to the total: then every scored row was read
      let unverified: string | undefined = inds.every((i) => i.weight) ? undefined : "各指标的分值未全部读出";
      if (fundRow === undefined && perf.funds.some((f) => f.cells.weight || f.cells.score)) unverified = "资金（预算执行率）一栏的分值未能读出";
      if (inds.every((i) => i.weight)) {
        const weights = inds.map((i) => i.weight!);
        const total: PrintedNumber = perf.totalWeight
          ? exact(perf.totalWeight)
          : { text: "100", value: new Decimal(100), decimals: 8, unit: "", location: weights[0]!.location };
        const { check, withFund } = best(total, weights.map(exact), fundWeight && exact(fundWeight));
        if (check.verdict === "violated") unverified ??= `各指标分值之和不等于${total.value.toFixed()}`;
        const cited = [...(withFund && fundWeight ? [{ number: fundWeight, role: "part", label: "资金分值" }] : []), ...weights.map((w, k) => ({ number: w, role: "part", label: label(k) }))];
        const sum = cited.reduce((acc, c) => acc.plus(c.number.value), new Decimal(0)).toFixed();
        ctx.reportCheck(check, {
          messageId: "weights",
          data: { table, expected: sum, total: total.value.toFixed(), parts: cited.map((c) => `${c.label} ${c.number.text}`).join(" + ") },
          location: perf.totalWeight?.location ?? weights[0]!.location,
          values: [...(perf.totalWeight ? [{ number: perf.totalWeight, role: "total", label: "总分值" }] : []), ...cited],
          actual: sum,
        }, total.value.toFixed());
      }

      if (perf.totalScore && inds.every((i) => i.score)) {
        const all = [perf.totalScore, ...inds.map((i) => i.score!), ...(fundScore ? [fundScore] : [])];
        const d = Math.max(...all.map((n) => n.decimals));
        const scores = inds.map((i) => atPrecision(i.score!, d));
        const total = atPrecision(perf.totalScore, d);
        const { check, withFund } = best(total, scores, fundScore && atPrecision(fundScore, d));
        const cited = [...(withFund && fundScore ? [{ number: fundScore, role: "part", label: "资金得分" }] : []), ...inds.map((i, k) => ({ number: i.score!, role: "part", label: label(k) }))];
        const input = {
          messageId: "scores",
          data: { table, expected: check.expected.toFixed(d), total: perf.totalScore.text, parts: cited.map((c) => `${c.label} ${c.number.text}`).join(" + ") },
          location: perf.totalScore.location,
          values: [{ number: perf.totalScore, role: "total", label: "总分" }, ...cited],
          actual: perf.totalScore.value.toFixed(perf.totalScore.decimals),
        };
        if (unverified && check.verdict === "violated") {
          ctx.report({ ...input, messageId: "scoresUnverified", data: { ...input.data, why: unverified }, severity: "warning", expected: check.expected.toFixed(d) });
        } else ctx.reportCheck(check, input);
      }

      for (const i of inds) {
        if (!i.weight || !i.score) continue;
        if (Interval.of(i.score).lo.gt(i.weight.value)) {
          ctx.report({
            messageId: "overScore",
            data: { table, name: i.name || i.level2, score: i.score.text, weight: i.weight.text },
            location: i.score.location,
            values: [
              { number: i.weight, role: "weight", label: "分值" },
              { number: i.score, role: "score", label: "得分" },
            ],
            severity: "warning",
          });
        }
      }
    }
  },
});
