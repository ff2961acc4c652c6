import { defineRule } from "../src/engine/rule.js";
import { equalCheck } from "../src/engine/interval.js";
import { printedNumber } from "../src/model/numbers.js";
import { checkSum, tableName } from "../src/tables/checks.js";
import { SPENDING_LINE, textRuns, type FundRow } from "../src/tables/perf.js";
import { squash } from "../src/tables/text.js";
import { tableViews } from "../src/tables/view.js";

/** "全年预算76.47万元", "全年预算资金为50万元" in a performance table's goal text. */
const GOAL_BUDGET = /全年预算(?:数|资金|金额)?(?:为|是|共计|共)?\s*([\d,]+(?:\.\d+)?)\s*万元/;

const FIELDS = [
  ["initialBudget", "年初预算数"],
  ["budget", "全年预算数"],
  ["actual", "全年执行数"],
] as const;

export default defineRule({
  id: "perf-funds",
  name: "绩效表资金",
  description: "绩效自评表（目标表）资金：合计（年度资金总额）= 各资金来源之和，年初预算数、全年预算数、全年执行数分别成立",
  severity: "error",
  messages: {
    sum: "{table}：{total}{field}为{value}{unit}，而各资金来源之和为{expected}{unit}（{parts}），相差{diff}{unit}",
    goal: "{table}：目标说明中写“全年预算{stated}万元”，而资金表年度资金总额的年初预算数为{initial}万元、全年预算数为{budget}万元、全年执行数为{actual}万元，均不相符",
  },
  example: "培训项目支出绩效自评表\n资金来源\t年初预算数\t全年预算数\t全年执行数\n上级资金\t0.00\t0.00\t0.00\n本级资金\t221.34\t191.80\t191.80\n合计\t221.34\t191.80\t181.80",
  check(report, ctx) {
    for (const v of tableViews(report)) {
      const funds: FundRow[] = v.targetFunds?.length ? v.targetFunds : (v.perf?.funds ?? []);
      const totals = funds.filter((f) => f.isTotal);
      if (totals.length !== 1) continue;
      const total = totals[0]!;
      // 项目支出 / 基本支出 lines split the total by kind of spending, another dimension than the sources
      const parts = funds.filter((f) => !f.isTotal && !SPENDING_LINE.test(squash(f.label)));
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
      // the project's budget as its 预期目标 text states it ("……全年预算76.47万元。") against the fund block: a goal is
      // written at the start of the year, so any of 年初预算数, 全年预算数 and 全年执行数 may be meant; a warning,
      // since the text may speak of a part of the money
      if (!v.perf || v.targetFunds?.length) continue;
      const money = [total.values.initialBudget, total.values.budget, total.values.actual];
      if (money.some((n) => !n)) continue;
      for (const run of textRuns(v.segment.rows)) {
        const m = GOAL_BUDGET.exec(run.text);
        if (!m) continue;
        const place = run.at(m.index + m[0].indexOf(m[1]!));
        const stated = printedNumber(m[1]!, "万元", place)!;
        const agrees = money.some((n) => equalCheck(stated, n!).verdict !== "violated");
        const values = [{ number: stated, role: "stated", label: "目标说明中的全年预算" }, ...money.map((n, k) => ({ number: n!, role: ["initialBudget", "budget", "actual"][k]!, label: `${total.label}${["年初预算数", "全年预算数", "全年执行数"][k]}` }))];
        ctx.evaluated(values.map((x) => x.number), agrees);
        if (agrees) continue;
        ctx.report({
          messageId: "goal",
          data: { table: tableName(v) + (v.perf.project ? `（${v.perf.project}）` : ""), stated: stated.text, initial: money[0]!.text, budget: money[1]!.text, actual: money[2]!.text },
          location: place,
          values,
          expected: money[1]!.value.toFixed(money[1]!.decimals),
          actual: stated.value.toFixed(stated.decimals),
          severity: "warning",
        });
      }
    }
  },
});
