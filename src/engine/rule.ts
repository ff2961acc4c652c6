import type { Report, PrintedNumber, Location } from "../model/schema.js";
import type { Finding, Severity, CitedValue, RelationForm } from "./finding.js";
import { cite, severityRank } from "./finding.js";
import type { Check, PercentConvention } from "./interval.js";
import { relationOf } from "./relation-form.js";
import { Decimal } from "decimal.js";
import type { Coverage } from "./coverage.js";

export interface RuleMeta {
  id: string;
  /** a few Chinese words naming the relation (占比, 分项合计), shown beside the id in the outputs */
  name: string;
  /** one line, Chinese: what must hold */
  description: string;
  severity: Severity;
  /** message templates with {placeholders}, by message id */
  messages: Record<string, string>;
  /** a short text that breaks the rule, for `gouji explain` and the README */
  example?: string;
}

export interface ReportInput {
  messageId: string;
  data: Record<string, string | number>;
  /** the place the finding points at; defaults to the first cited value's location */
  location?: Location;
  values: { number: PrintedNumber; role: string; label?: string }[];
  expected?: string;
  actual?: string;
  severity?: Severity;
}

export interface RuleContext {
  report(input: ReportInput): void;
  /**
   * reports a failed check: the rule's severity when violated, at most a warning naming the convention when a
   * percentage convention explains it (the message gets CONVENTION_NOTES' sentence; data gets `convention` and
   * `exact`), info when only rounding explains it, nothing when it holds
   */
  reportCheck(check: Check | undefined, input: Omit<ReportInput, "severity" | "expected">, expected?: string): void;
  /**
   * records a relation the rule evaluated without `reportCheck` (a word against numbers, a bound): counted for
   * coverage, held or not; a failed one is still reported with `report`
   */
  evaluated(values: readonly PrintedNumber[], held: boolean): void;
}

/**
 * The sentence that names a percentage convention, appended to the rule's own message (DOMAIN.md: a truncated or
 * nudged percentage is a presentation convention; the finding says which). {exact}: the percentage the printed
 * amounts give, one digit finer than printed ("约": the amounts' own rounding may move it, and the convention is
 * judged on the range they allow).
 */
export const CONVENTION_NOTES: Record<PercentConvention, string> = {
  truncated: "；按金额计算约为{exact}%，报告数可由截断（舍去尾数）而非四舍五入得出，属列示惯例",
  nudged: "；按金额计算约为{exact}%，各项占比合计恰为100%，报告数可由为使合计为100%而将末位调整一个单位得出，属列示惯例",
};

/**
 * The sentence an `info` that rounding explains ends with: its message states the relation ("同一口径应相等") and the
 * two figures, and a reader took a 0.01 gap for an error to correct (a newcomer's trial).
 */
export const ROUNDING_NOTE = "（差额在各数四舍五入的误差之内，不是错误，仅作提示）";

/**
 * A convention is never more than a warning, and never more than the rule's (or the configured) severity. A nudge is
 * `info`: the shares printed beside it total exactly 100 %, so the document itself shows the convention and there is
 * nothing to correct (reviewers judged such warnings noise). A truncation stays a warning: nothing printed shows it,
 * and a document that rounds its other percentages has no such excuse.
 */
const CONVENTION_SEVERITY: Record<PercentConvention, Severity> = { nudged: "info", truncated: "warning" };

export interface Rule extends RuleMeta {
  check(report: Report, ctx: RuleContext): void;
  /** runs after every other rule, so that it sees the notices they left (incomplete-reading) */
  reportsNotices?: boolean;
}

export function defineRule(rule: Rule): Rule {
  for (const id of Object.keys(rule.messages)) if (!id) throw new Error(`rule ${rule.id}: empty message id`);
  return rule;
}

/**
 * An amount in 元 compared in 万元 carries four more decimals ("2,154,300.00元" is 215.430000万元, so that its
 * rounding interval is unchanged); in a message its trailing zeros are noise: it reads 215.43 (at least two decimals).
 */
export function readableAmount(s: string): string {
  return /^-?\d+\.\d{5,}$/.test(s) ? s.replace(/(\.\d\d\d*?)0+$/, "$1") : s;
}

export function renderMessage(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in data ? readableAmount(String(data[k])) : `{${k}}`));
}

/**
 * The context one rule reports through. `held`: where the relations of checks that hold are collected (root-cause
 * analysis must not suggest a change that breaks them); failed checks carry theirs on the finding. With `coverage`,
 * every relation the rule evaluates is counted, held or not, and its printed numbers are marked as in a relation; so
 * are the numbers of a finding reported directly.
 */
export function makeContext(rule: Rule, out: Finding[], severityOverride?: Severity, held?: RelationForm[], coverage?: Coverage): RuleContext {
  const report = (input: ReportInput, note?: PercentConvention | "rounding", relation?: RelationForm) => {
    coverage?.touch(input.values.map((v) => v.number));
    const ruleTemplate = rule.messages[input.messageId];
    if (ruleTemplate === undefined) throw new Error(`rule ${rule.id}: unknown message id ${input.messageId}`);
    const template = note === "rounding" ? ruleTemplate + ROUNDING_NOTE : note ? ruleTemplate + CONVENTION_NOTES[note] : ruleTemplate;
    const values: CitedValue[] = input.values.map((v) => cite(v.number, v.role, v.label));
    const data = Object.fromEntries(Object.entries(input.data).map(([k, v]) => [k, String(v)]));
    let severity = input.severity ?? rule.severity;
    if (severityOverride && severity !== "info") severity = severityOverride;
    if (note && note !== "rounding" && severityRank(severity) > severityRank(CONVENTION_SEVERITY[note])) severity = CONVENTION_SEVERITY[note];
    const f: Finding = {
      ruleId: rule.id,
      ruleName: rule.name,
      severity,
      messageId: input.messageId,
      data,
      message: renderMessage(template, data),
      location: input.location ?? values[0]?.location ?? { snippet: "" },
      values,
    };
    if (input.expected !== undefined) f.expected = input.expected;
    if (input.actual !== undefined) f.actual = input.actual;
    if (relation) f.relation = relation;
    out.push(f);
  };
  return {
    report: (input) => report(input),
    evaluated(values, held) {
      coverage?.relation(values, held);
    },
    reportCheck(check, input, expected) {
      if (!check) return;
      coverage?.relation(input.values.map((v) => v.number), check.verdict === "holds" || check.verdict === "rounding");
      const relation = relationOf(check, input.values, rule.id);
      if (check.verdict === "holds") {
        if (relation) held?.push(relation);
        return;
      }
      const withExpected = { ...input, expected: expected ?? check.expected.toFixed(check.decimals) };
      if (check.verdict === "convention" && check.convention) {
        // shown one digit finer than printed, cut rather than rounded, so that "95.457" reads as what became "95.45"
        const exact = (check.exact ?? check.expected).toDecimalPlaces(check.decimals + 1, Decimal.ROUND_DOWN).toFixed(check.decimals + 1);
        report({ ...withExpected, data: { ...input.data, convention: check.convention, exact } }, check.convention, relation);
        return;
      }
      if (check.verdict === "violated") report({ ...withExpected, severity: rule.severity }, undefined, relation);
      else report({ ...withExpected, severity: "info" }, "rounding", relation);
    },
  };
}
