import { defineRule } from "../src/engine/rule.js";
import { checkSum, tableName } from "../src/tables/checks.js";
import { tableViews } from "../src/tables/view.js";
import type { Fact } from "../src/model/schema.js";

const FIELDS = [
  ["initialBudget", "initialBudget", "年初预算数", "年初预算"],
  ["actual", "actual", "全年执行数", "支出"],
] as const;

/** The one figure the narrative prints for a quantity and measure; none when it prints two different ones. */
function narrativeFigure(facts: Fact[], concept: string, measure: Fact["measure"]): Fact | undefined {
  const found = facts.filter((f) => f.concept === concept && f.measure === measure && f.source === "narrative");
  return new Set(found.map((f) => f.number.value.toString())).size === 1 ? found[0] : undefined;
}

/**
 * 单位整体支出绩效自评表 (the 决算's): its fund rows 上级资金 + 本级资金 are the 财政拨款 money of the year — 年初预算数
 * the 财政拨款 年初预算, 全年执行数 the 本年财政拨款支出 that the report states. A warning: the rows' names are the
 * form's own and a region may count other money under them.
 */
export default defineRule({
  id: "perf-fiscal",
  name: "整体绩效资金",
  description: "整体支出绩效自评表：上级资金 + 本级资金的年初预算数、全年执行数应与报告所列本年财政拨款年初预算、支出一致",
  severity: "warning",
  messages: {
    fiscal: "{table}：上级资金与本级资金的{field}合计{expected}{unit}（{parts}），而报告所列{label}为{value}{unit}，两者应一致",
  },
  example:
    "测试局2024年度部门决算\n四、财政拨款收入支出决算总体情况说明\n2024年度本年财政拨款支出207.05万元。\n单位整体支出绩效自评表\n资金来源\t年初预算数\t全年预算数\t全年执行数\n上级资金\t0.00\t0.00\t0.00\n本级资金\t233.82\t207.05\t130.53\n其他资金\t80.00\t244.62\t107.57\n合计\t313.82\t451.67\t238.10",
  check(report, ctx) {
    for (const v of tableViews(report)) {
      if (v.kind !== "perfOverall" || !v.perf || v.misread || v.unjoinable) continue;
      const own = v.perf.funds.filter((f) => /^(?:上级资金|本级资金)$/.test(f.label));
      if (!own.some((f) => f.label === "本级资金")) continue;
      for (const [field, measure, word, what] of FIELDS) {
        const fact = narrativeFigure(report.facts, "fiscal.expense.current", measure);
        if (!fact) continue;
        const f = checkSum({ label: `本年财政拨款${what}`, number: fact.number }, own.map((x) => ({ label: x.label, number: x.values[field] })));
        if (!f || f.check.verdict === "holds") {
          if (f) ctx.evaluated(f.values.map((x) => x.number), true);
          continue;
        }
        ctx.reportCheck(f.check, {
          messageId: "fiscal",
          data: { ...f.data, table: tableName(v), field: word, label: `本年财政拨款${what}` },
          location: own.find((x) => x.label === "本级资金")!.values[field]?.location ?? fact.number.location,
          values: f.values,
          actual: fact.number.value.toFixed(fact.number.decimals),
        });
      }
    }
  },
});
