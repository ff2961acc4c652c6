import { defineRule, type RuleContext } from "../src/engine/rule.js";
import type { Fact, Paragraph, PrintedNumber, Report } from "../src/model/schema.js";
import { checkSum, tableName } from "../src/tables/checks.js";
import { viewsOf, type TableView } from "../src/tables/view.js";

const AMOUNT = new Set(["万元", "元", "亿元"]);

function strip(n: Paragraph["numbers"][number]): PrintedNumber {
  return { text: n.text, value: n.value, decimals: n.decimals, unit: n.unit, location: n.location };
}

/** "预算绩效评价项目6个" / "预算绩效管理的财政拨款项目2个，涉及预算金额50万元": the count and, if stated, the amount. */
function statedProjects(p: Paragraph, words: RegExp): { count: PrintedNumber; amount?: PrintedNumber } | undefined {
  for (let k = 0; k < p.numbers.length; k++) {
    const n = p.numbers[k]!;
    if (n.unit !== "个" || !words.test(p.text.slice(Math.max(0, n.start - 30), n.start))) continue;
    const next = p.numbers[k + 1];
    const glue = next ? p.text.slice(n.end, next.start) : "";
    const out: { count: PrintedNumber; amount?: PrintedNumber } = { count: strip(n) };
    if (next && AMOUNT.has(next.unit) && /^[，,]?\s*涉及[^，,。；;]*?(?:金额|资金)(?:合计|共计|总额)?(?:为)?\s*$/.test(glue)) out.amount = strip(next);
    return out;
  }
  return undefined;
}

function label(v: TableView): string {
  return v.perf?.project ?? tableName(v);
}

/** the narrative's project count against the number of tables attached (a warning: a table may be missing) */
function reportCount(ctx: RuleContext, count: PrintedNumber, what: string, table: string, countLabel: string, tables: number): void {
  ctx.report({
    messageId: "count",
    data: { what, count: count.text, table, tables },
    values: [{ number: count, role: "count", label: countLabel }],
    expected: String(tables),
    actual: count.value.toFixed(),
    severity: "warning",
  });
}

export default defineRule({
  id: "perf-projects",
  name: "绩效项目个数与金额",
  description: "预算绩效情况：所述评价（绩效目标）项目个数与所附项目绩效表张数一致，全年预算数、全年执行数（涉及金额）等于各表年度资金总额之和",
  severity: "error",
  messages: {
    count: "叙述称{what}{count}个，但报告所附{table}共{tables}张",
    sum: "叙述所述{what}{field}{value}{unit}，而所附{tables}张{table}的年度资金总额之和为{expected}{unit}（{parts}），相差{diff}{unit}",
  },
  example: "（七）预算绩效管理情况说明\n预算绩效评价项目2个，全年预算数52.00万元，全年执行数48.00万元。\n培训项目支出绩效自评表\n资金来源\t年初预算数\t全年预算数\t全年执行数\n年度资金总额\t15.00\t15.00\t14.00\n调研项目支出绩效自评表\n资金来源\t年初预算数\t全年预算数\t全年执行数\n年度资金总额\t35.00\t35.00\t34.00",
  check(report, ctx) {
    if (report.meta.kind === "预算") checkTargets(report, ctx);
    else checkSelfAssessments(report, ctx);
  },
});

function checkSelfAssessments(report: Report, ctx: RuleContext): void {
  const tables = viewsOf(report, "perfProject");
  if (tables.length === 0) return;
  const facts = report.facts.filter((f) => f.concept === "perf.projects" && f.source === "narrative");
  const first = (m: Fact["measure"]) => facts.find((f) => f.measure === m);
  const para = facts[0]?.paragraph !== undefined ? report.paragraphs[facts[0].paragraph] : report.paragraphs.find((p) => /预算绩效评价项目\s*\d+\s*个/.test(p.text));
  const stated = para ? statedProjects(para, /(?:评价|自评)项目(?:共)?\s*$/) : undefined;
  if (stated && !stated.count.value.eq(tables.length)) {
    reportCount(ctx, stated.count, "预算绩效评价项目", "项目支出绩效自评表", "评价项目个数", tables.length);
    return;
  }
  for (const [measure, field, key] of [["budget", "全年预算数", "budget"], ["actual", "全年执行数", "actual"]] as const) {
    const f = first(measure);
    // the figure is the evaluated projects' total only in the sentence that counts them; elsewhere it may be one
    // project's or the whole department's
    if (!f || !stated || f.paragraph !== para?.index) continue;
    const parts = tables.map((v) => ({ label: label(v), number: v.perf?.funds.find((x) => x.isTotal)?.values[key] }));
    if (parts.some((p) => !p.number)) continue;
    const s = checkSum({ label: f.label, number: f.number }, parts);
    if (!s) continue;
    ctx.reportCheck(s.check, {
      messageId: "sum",
      data: { ...s.data, what: "预算绩效评价项目", field, table: "项目支出绩效自评表", tables: String(tables.length) },
      location: f.number.location,
      values: s.values,
      actual: f.number.value.toFixed(f.number.decimals),
    });
  }
}

function checkTargets(report: Report, ctx: RuleContext): void {
  const tables = viewsOf(report, "perfTarget");
  if (tables.length === 0) return;
  for (const p of report.paragraphs) {
    const stated = statedProjects(p, /(?:绩效(?:目标)?管理的|绩效目标的|绩效目标管理)[^，。；]{0,12}项目(?:共)?\s*$/);
    if (!stated) continue;
    if (!stated.count.value.eq(tables.length)) {
      reportCount(ctx, stated.count, "绩效目标管理项目", "项目支出绩效目标表", "项目个数", tables.length);
      return;
    }
    if (!stated.amount) return;
    const parts = tables.map((v) => ({ label: label(v), number: (v.targetFunds ?? []).find((x) => x.isTotal)?.values.budget }));
    if (parts.some((x) => !x.number)) return;
    const s = checkSum({ label: "涉及预算金额", number: stated.amount }, parts);
    if (!s) return;
    ctx.reportCheck(s.check, {
      messageId: "sum",
      data: { ...s.data, what: "绩效目标管理项目", field: "涉及金额", table: "项目支出绩效目标表", tables: String(tables.length) },
      location: stated.amount.location,
      values: s.values,
      actual: stated.amount.value.toFixed(stated.amount.decimals),
    });
    return;
  }
}
