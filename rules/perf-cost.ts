import { Decimal } from "decimal.js";
import { defineRule } from "../src/engine/rule.js";
import { subsetCheck } from "../src/engine/interval.js";
import type { PrintedNumber } from "../src/model/schema.js";
import { perfTableName } from "../src/tables/checks.js";
import { costAmount, type Indicator } from "../src/tables/perf.js";
import { inWanyuan, squash } from "../src/tables/text.js";
import { tableViews } from "../src/tables/view.js";

const COST = /成本/;
/** per-unit costs (人均, 单价, 万元/人) and totals are not parts of the project's money */
const NOT_A_PART = /人均|单价|单位成本|平均|每|标准|总成本|总投入|总额|合计|全部|整体/;

function isCost(i: Indicator): boolean {
  return (COST.test(i.level1) || COST.test(i.level2)) && !NOT_A_PART.test(i.name) && !/\//.test(squash(i.targetCell?.text ?? ""));
}

/** "≤6 万元" among "≤7.42 万元": the author dropped trailing zeros, not digits (sibling precision). */
function siblings<T extends { n: PrintedNumber }>(xs: T[]): T[] {
  const d = Math.max(0, ...xs.map((x) => x.n.decimals));
  return xs.map((x) => (x.n.decimals < d ? { ...x, n: { ...x.n, decimals: d } } : x));
}

export default defineRule({
  id: "perf-cost",
  name: "成本指标",
  description: "绩效表成本指标：各项成本指标金额之和不能超过项目资金（年度资金总额 / 全年预算数），实际成本之和不能超过全年执行数；目标值与实际值单位应一致",
  severity: "error",
  messages: {
    targets: "{table}：成本指标目标值之和为{expected}万元（{parts}），超过项目资金{amount}万元",
    actuals: "{table}：成本指标实际完成值之和为{expected}万元（{parts}），超过全年执行数{amount}万元",
    unitSlip: "{table}：成本指标“{name}”目标值为{target}{targetUnit}，实际完成值写作{actual}{actualUnit}，单位不一致（相差一万倍），疑为“万元”误写作“元”",
  },
  example: "培训项目支出绩效目标表\n项目资金（万元）\t年度资金总额：\t35\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t成本指标\t购置设备\t<=30万\n\t\t宣传费\t<=39.63万",
  check(report, ctx) {
    for (const v of tableViews(report)) {
      const perf = v.perf;
      if (!perf) continue;
      const costs = perf.indicators.filter(isCost);
      if (costs.length === 0) continue;
      const table = perfTableName(v);
      const total = (v.targetFunds ?? []).find((f) => f.isTotal) ?? perf.funds.find((f) => f.isTotal);
      // the money a cost target may use: 年度资金总额 (目标表), else the larger of 年初预算数 and 全年预算数
      const candidates = [total?.values.budget, total?.values.initialBudget].filter((n): n is PrintedNumber => !!n);
      const amount = candidates.sort((a, b) => b.value.comparedTo(a.value))[0];
      const targets = siblings(costs.map((i) => ({ i, n: costAmount(i.targetCell) })).filter((x): x is { i: Indicator; n: PrintedNumber } => !!x.n));
      const actuals = siblings(costs.map((i) => ({ i, n: costAmount(i.actualCell) })).filter((x): x is { i: Indicator; n: PrintedNumber } => !!x.n));

      for (const { i, n } of targets) {
        const a = actuals.find((x) => x.i === i)?.n;
        if (a && a.unit !== n.unit && a.value.eq(n.value)) {
          ctx.report({
            messageId: "unitSlip",
            data: { table, name: i.name, target: n.text, targetUnit: n.unit, actual: a.text, actualUnit: a.unit },
            location: a.location,
            values: [
              { number: n, role: "target", label: `${i.name}目标值` },
              { number: a, role: "actual", label: `${i.name}实际完成值` },
            ],
            expected: n.unit,
            actual: a.unit,
          });
        }
      }
      const total2 = (xs: { n: PrintedNumber }[]) => {
        const d = Math.max(0, ...xs.map((x) => inWanyuan(x.n).decimals));
        return xs.reduce((acc, x) => acc.plus(inWanyuan(x.n).value), new Decimal(0)).toFixed(d);
      };
      /** Σ costs ≤ the money they come from */
      const reportSubset = (messageId: string, amount: PrintedNumber, amountLabel: string, xs: { i: Indicator; n: PrintedNumber }[]) => {
        const sum = total2(xs);
        ctx.reportCheck(
          subsetCheck(amount, xs.map((x) => inWanyuan(x.n))),
          {
            messageId,
            data: { table, expected: sum, parts: xs.map((x) => `${x.i.name} ${x.n.text}${x.n.unit === "万元" ? "" : x.n.unit}`).join(" + "), amount: amount.text },
            location: amount.location,
            values: [{ number: amount, role: "total", label: amountLabel }, ...xs.map((x) => ({ number: x.n, role: "part", label: x.i.name }))],
            actual: sum,
          },
          amount.value.toFixed(),
        );
      };
      if (amount && targets.length >= 2) reportSubset("targets", amount, "项目资金", targets);
      const executed = total?.values.actual;
      if (executed && actuals.length >= 2) {
        const slips = new Set(actuals.filter((x) => targets.some((t) => t.i === x.i && t.n.unit !== x.n.unit)).map((x) => x.i));
        reportSubset("actuals", executed, "全年执行数", actuals.filter((x) => !slips.has(x.i)));
      }
    }
  },
});
