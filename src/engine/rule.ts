import type { Report, PrintedNumber, Location } from "../model/schema.js";
import type { Finding, Severity, CitedValue } from "./finding.js";
import { cite } from "./finding.js";
import type { Check } from "./interval.js";

export interface RuleMeta {
  id: string;
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
  /** reports a failed check: error when violated, info when only rounding explains it, nothing when it holds */
  reportCheck(check: Check | undefined, input: Omit<ReportInput, "severity" | "expected">, expected?: string): void;
}

export interface Rule extends RuleMeta {
  check(report: Report, ctx: RuleContext): void;
  /** runs after every other rule, so that it sees the notices they left (incomplete-reading) */
  reportsNotices?: boolean;
}

export function defineRule(rule: Rule): Rule {
  for (const id of Object.keys(rule.messages)) if (!id) throw new Error(`rule ${rule.id}: empty message id`);
  return rule;
}

export function renderMessage(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in data ? String(data[k]) : `{${k}}`));
}

export function makeContext(rule: Rule, out: Finding[], severityOverride?: Severity): RuleContext {
  const report = (input: ReportInput) => {
    const template = rule.messages[input.messageId];
    if (template === undefined) throw new Error(`rule ${rule.id}: unknown message id ${input.messageId}`);
    const values: CitedValue[] = input.values.map((v) => cite(v.number, v.role, v.label));
    const data = Object.fromEntries(Object.entries(input.data).map(([k, v]) => [k, String(v)]));
    let severity = input.severity ?? rule.severity;
    if (severityOverride && severity !== "info") severity = severityOverride;
    const f: Finding = {
      ruleId: rule.id,
      severity,
      messageId: input.messageId,
      data,
      message: renderMessage(template, data),
      location: input.location ?? values[0]?.location ?? { snippet: "" },
      values,
    };
    if (input.expected !== undefined) f.expected = input.expected;
    if (input.actual !== undefined) f.actual = input.actual;
    out.push(f);
  };
  return {
    report,
    reportCheck(check, input, expected) {
      if (!check || check.verdict === "holds") return;
      report({ ...input, severity: check.verdict === "violated" ? rule.severity : "info", expected: expected ?? check.expected.toFixed(check.decimals) });
    },
  };
}
