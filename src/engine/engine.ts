/**
 * The engine: runs the registered rules over one report and returns its findings, in document order.
 * Pure: no file system, no output.
 */
import type { Report } from "../model/schema.js";
import type { Finding, RelationForm, Severity } from "./finding.js";
import { makeContext, type Rule } from "./rule.js";
import { damagedPlaces, withholdDamaged } from "./damage.js";
import type { Coverage } from "./coverage.js";

export type RuleSetting = Severity | "off";

export interface EngineOptions {
  rules: readonly Rule[];
  /** per-rule severity or "off" */
  settings?: Record<string, RuleSetting>;
  /** collects what the rules evaluated (see coverage.ts) */
  coverage?: Coverage;
  /** collects the relations of checks that held (for root-cause analysis, root-cause.ts) */
  held?: RelationForm[];
}

export function runRules(report: Report, opts: EngineOptions): Finding[] {
  const findings: Finding[] = [];
  const last: [Rule, ReturnType<typeof makeContext>][] = [];
  for (const rule of opts.rules) {
    const setting = opts.settings?.[rule.id];
    if (setting === "off") continue;
    const ctx = makeContext(rule, findings, setting, opts.held, opts.coverage);
    if (rule.reportsNotices) {
      last.push([rule, ctx]);
      continue;
    }
    try {
      rule.check(report, ctx);
    } catch (e) {
      // a rule that meets a shape it did not expect stops alone; the file keeps every other finding
      report.notices.push({ code: "rule-failed", message: `规则 ${rule.id} 未完成核对：${(e as Error)?.message ?? String(e)}` });
    }
  }
  // what damaged text may have caused is not reported (the notice that names the damage is, by the rules below)
  const damaged = damagedPlaces(report);
  if (damaged) findings.splice(0, findings.length, ...withholdDamaged(findings, damaged));
  for (const [rule, ctx] of last) rule.check(report, ctx);
  return dedupe(findings.sort(byPlace));
}

/** Rules that state the same relation in two strengths: a failed Σ parts = total and Σ parts ≤ total are one finding. */
const FAMILY: Record<string, string> = { "breakdown-subset": "breakdown-sum" };

/** The rule a finding's relation is filed under when inconsistencies are counted once (the ledger, the bench). */
export function relationFamily(ruleId: string): string {
  return FAMILY[ruleId] ?? ruleId;
}

/**
 * One inconsistency, one finding. The same relation reached twice over the same printed numbers (a "其中" list that is
 * also a known relation) is kept once. The same relation over the same numbers printed in other places (a sentence
 * repeated on the next page, a hidden second text layer) is one finding that lists the other places in `alsoAt`.
 */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  const byNumbers = new Map<string, Finding>();
  return findings.filter((f) => {
    const where = f.values.length ? "" : `${JSON.stringify(f.location)}|${JSON.stringify(f.data)}`;
    const key = `${f.ruleId}|${f.messageId}|${where}|${f.values.map((v) => `${v.text}@${v.location.line ?? ""}:${v.location.page ?? ""}:${v.location.paragraph ?? ""}:${v.location.table?.index ?? ""}:${v.location.table?.row ?? ""}:${v.location.table?.column ?? ""}`).sort().join(",")}`;
    if (seen.has(key)) return false;
    seen.add(key);
    if (f.values.length === 0) return true;
    // the relation: its rule family and, outside a family, the message that names its quantities
    const family = FAMILY[f.ruleId] ?? (Object.values(FAMILY).includes(f.ruleId) ? f.ruleId : undefined);
    const same = `${family ?? `${f.ruleId}|${f.message}`}|${f.values.map((v) => `${v.text}${v.unit}`).sort().join(",")}`;
    const first = byNumbers.get(same);
    if (!first) {
      byNumbers.set(same, f);
      return true;
    }
    (first.alsoAt ??= []).push(f.location);
    return false;
  });
}

function placeKey(f: Finding): number[] {
  const l = f.location;
  return [l.page ?? 0, l.line ?? 0, l.paragraph ?? 0, l.table?.index ?? 0, l.table?.row ?? 0, l.table?.column ?? 0];
}

function byPlace(a: Finding, b: Finding): number {
  const ka = placeKey(a);
  const kb = placeKey(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
  // at one place the stronger statement of a relation comes first (breakdown-sum before breakdown-subset)
  if (FAMILY[a.ruleId] === b.ruleId) return 1;
  if (FAMILY[b.ruleId] === a.ruleId) return -1;
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}
