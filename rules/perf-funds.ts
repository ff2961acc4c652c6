import { defineRule } from "../src/engine/rule.js";
import { checkSum, tableName } from "../src/tables/checks.js";
import type { FundRow } from "../src/tables/perf.js";
import { tableViews } from "../src/tables/view.js";

const FIELDS = [
  ["initialBudget", "年初预算数"],
  ["budget", "全年预算数"],
  ["actual", "全年执行数"],
] as const;

export default defineRule({
  id: "perf-funds",
  description: "绩效自评表（目标表）资金：合计（年度资金总额）= 各资金来源之和，年初预算数、全年预算数、全年执行数分别成立",
  severity: "error",
  messages: {
    sum: "{table}：{total}{field}为{value}{unit}，而各资金来源之和为{expected}{unit}（{parts}），相差{diff}{unit}",
  },
  example: "培训项目支出绩效自评表\n资金来源\t年初预算数\t全年预算数\t全年执行数\n上级资金\t0.00\t0.00\t0.00\n本级资金\t221.34\t191.80\t191.80\n合计\t221.34\t191.80\t181.80",
  check(report, ctx) {
    for (const v of tableViews(report)) {
      const funds: FundRow[] = v.targetFunds?.length ? v.targetFunds : (v.perf?.funds ?? []);
      const totals = funds.filter((f) => f.isTotal);
      if (totals.length !== 1) continue;
      const total = totals[0]!;
      const parts = funds.filter((f) => !f.isTotal);
      // a 绩效目标表 that splits its 资金总额 by kind of spending (项目支出 / 基本支出) lists 其他资金 without the
      // 财政拨款 beside it: its sources are not all printed, so they do not add up to the total
      if (v.targetFunds?.length && !parts.some((p) => /财政拨款/.test(p.label))) continue;
      for (const [field, word] of FIELDS) {
        const f = checkSum(
          { label: total.label, number: total.values[field] },
          parts.map((p) => ({ label: p.label, number: p.values[field] })),
        );
        if (!f) continue;
        ctx.reportCheck(f.check, {
          messageId: "sum",
          data: { ...f.data, table: tableName(v) + (v.perf?.project ? `（${v.perf.project}）` : ""), field: v.targetFunds?.length ? "" : word },
          location: f.total.location,
          values: f.values,
          actual: f.total.value.toFixed(f.total.decimals),
        });
      }
    }
  },
});
