import { defineRule } from "../src/engine/rule.js";
import { shareCheck } from "../src/engine/interval.js";
import { tableName } from "../src/tables/checks.js";
import type { FundRow } from "../src/tables/perf.js";
import { tableViews } from "../src/tables/view.js";

export default defineRule({
  id: "perf-rate",
  name: "执行率",
  description: "绩效自评表：执行率 = 全年执行数 ÷ 全年预算数",
  severity: "error",
  messages: {
    rate: "{table}：全年执行数{actual}{unit} ÷ 全年预算数{budget}{unit} 应为{expected}%，表中执行率为{rate}%",
  },
  example: "培训项目支出绩效自评表\n资金来源\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n年度资金总额\t51.60\t51.60\t48.29\t10\t95.59%\t9.36",
  check(report, ctx) {
    for (const v of tableViews(report)) {
      const funds = v.perf?.funds ?? [];
      const withRate = funds.filter((f) => f.values.rate?.unit === "%");
      const total = funds.find((f) => f.isTotal);
      // a single 执行率 is the merged cell of the whole block: it belongs to the total row
      const pairs: [FundRow, FundRow][] =
        withRate.length === 1 && total ? [[withRate[0]!, total]] : withRate.map((f) => [f, f] as [FundRow, FundRow]);
      for (const [rateRow, row] of pairs) {
        const rate = rateRow.values.rate!;
        const budget = row.values.budget;
        const actual = row.values.actual;
        if (!budget || !actual) continue;
        // 执行率 capped at 100% when execution exceeds the budget is a convention, not an error
        if (actual.value.gt(budget.value) && rate.value.eq(100)) continue;
        const check = shareCheck(actual, budget, rate);
        ctx.reportCheck(check, {
          messageId: "rate",
          data: {
            table: tableName(v) + (v.perf?.project ? `（${v.perf.project}）` : ""),
            actual: actual.text,
            budget: budget.text,
            unit: actual.unit,
            expected: check?.expected.toFixed(rate.decimals) ?? "",
            rate: rate.text,
          },
          location: rate.location,
          values: [
            { number: actual, role: "actual", label: `${row.label}全年执行数` },
            { number: budget, role: "budget", label: `${row.label}全年预算数` },
            { number: rate, role: "rate", label: "执行率" },
          ],
          actual: rate.value.toFixed(rate.decimals),
        });
      }
    }
  },
});
