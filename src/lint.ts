/** One document in, findings out: the pure core that the CLI, the tests and any other caller share. */
import { buildReport } from "./model/build.js";
import { extractClaims } from "./claims/extract.js";
import { extractTableFacts } from "./tables/index.js";
import { locationIn } from "./model/location.js";
import { runRules, type RuleSetting } from "./engine/engine.js";
import type { Finding, RelationForm } from "./engine/finding.js";
import { groupFindings, slipContext } from "./engine/root-cause.js";
import type { Report } from "./model/schema.js";
import type { SourceDocument } from "./parse/source.js";
import { rules as allRules } from "../rules/index.js";
import type { Rule } from "./engine/rule.js";
import { Coverage, reportStats, type ReportStats } from "./engine/coverage.js";

/** Words only a budget or final-accounts text uses; a fragment of one (a paragraph under review) has some of them. */
const BUDGET_WORDS = /财政拨款|一般公共预算|三公|基本支出|项目支出|本年收入|本年支出|收支总|收入总计|支出总计|机关运行经费|部门预算|部门决算/;

/**
 * The document uses a disclosure's own words somewhere in its text or a table's title. A notice or a policy that only
 * mentions 预算 in passing ("所需经费纳入预算", an 应急预案 — 3 of ../shared's files named as budgets) does not: checking
 * it would find no relation and say nothing, which would be a file skipped silently. Table cells are no evidence: a
 * statistics bulletin's table has rows named 一般公共预算收入.
 */
function speaksOfBudgets(report: Report): boolean {
  return report.paragraphs.some((p) => BUDGET_WORDS.test(p.text)) || report.tables.some((t) => BUDGET_WORDS.test(t.title));
}

export interface LintOptions {
  rules?: readonly Rule[];
  settings?: Record<string, RuleSetting>;
}

/**
 * Builds the report of one parsed document and runs the rules over it. A document that never says 预算 or 决算 in its
 * opening and uses none of a disclosure's words (a notice, a circular, a plan filed under a budget's name) is not a
 * disclosure: its numbers are not checked against the relations of one — that would only invent errors — and one
 * warning says so.
 */
/**
 * The reading pipeline, in one place: parsed blocks → the typed model (src/model) → claims and facts from the
 * narrative (src/claims) → facts from the tables (src/tables). Each stage after the model is contained: one that meets
 * a shape it cannot read costs itself only, and leaves a notice naming what was not read and why.
 */
export function readReport(doc: SourceDocument, path: string): Report {
  const report = buildReport(doc, path);
  contained(report, "claims-unreadable", "正文的数字关系", () => extractClaims(report));
  contained(report, "tables-unreadable", "报表的数字", () => extractTableFacts(report));
  return report;
}

function contained(report: Report, code: string, what: string, stage: () => void): void {
  try {
    stage();
  } catch (e) {
    report.notices.push({ code, message: `${what}未能读取：${(e as Error)?.message ?? String(e)}` });
  }
}

/**
 * Reads one parsed document and checks it: the report, its findings (document order) and its coverage `stats`
 * (printed amounts in an evaluated relation; see coverage.ts); `coverage` lists what the rules touched.
 */
export function lintDocument(doc: SourceDocument, path: string, opts: LintOptions = {}): { report: Report; findings: Finding[]; stats: ReportStats; coverage: Coverage } {
  const report = readReport(doc, path);
  let rules = opts.rules ?? allRules;
  if (report.paragraphs.length > 0 && !speaksOfBudgets(report)) {
    report.notices.push({
      code: "not-a-disclosure",
      message:
        report.meta.kind === "unknown"
          ? "未识别为部门预算或决算公开文件（开头部分没有出现“预算”或“决算”），其中的数字未按预算/决算的勾稽关系核对；请确认文件是否放错"
          : "未识别为部门预算或决算公开文件（虽提到“预算”或“决算”，但全文没有财政拨款、一般公共预算、基本支出、项目支出、“三公”经费等预决算公开的用语），其中的数字未按预算/决算的勾稽关系核对；请确认文件是否放错",
      location: locationIn(report.paragraphs[0]!, 0, Math.min(40, report.paragraphs[0]!.text.length)),
    });
    rules = rules.filter((r) => r.reportsNotices);
  }
  const held: RelationForm[] = [];
  const coverage = new Coverage();
  const findings = runRules(report, { rules, settings: opts.settings ?? {}, held, coverage });
  // the findings that share a printed number, and the one number that explains them when one does (root-cause.ts)
  try {
    groupFindings(findings, held, slipContext(report));
  } catch (e) {
    // the findings stand without their groups; the reader is told why
    findings.push({
      ruleId: "incomplete-reading",
      severity: "warning",
      messageId: "grouping",
      data: {},
      message: `问题分组与修改建议未能完成：${(e as Error)?.message ?? String(e)}`,
      location: { snippet: "" },
      values: [],
    });
  }
  return { report, findings, stats: reportStats(report, coverage), coverage };
}
