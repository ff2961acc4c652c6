import type { Decimal } from "decimal.js";
import type { Location, PrintedNumber } from "../model/schema.js";

export const SEVERITIES = ["info", "warning", "error"] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** A printed number cited by a finding (OUTPUT.md `values[]`). */
export interface CitedValue {
  text: string;
  value: string;
  unit: string;
  role: string;
  label?: string;
  location: Location;
}

export interface Finding {
  /** the baseline fingerprint, when the finding was read back from JSON (`gouji merge`); formatters compute it otherwise */
  id?: string;
  ruleId: string;
  /** the rule's Chinese name (RuleMeta.name); absent in results read back from an older gouji's JSON */
  ruleName?: string;
  severity: Severity;
  messageId: string;
  data: Record<string, string>;
  message: string;
  location: Location;
  values: CitedValue[];
  expected?: string;
  actual?: string;
  /** the same inconsistency printed again elsewhere (a repeated sentence, a second text layer): reported once */
  alsoAt?: Location[];
  /**
   * The checked relation in machine-readable form (in memory only: root-cause analysis reads it in the worker and
   * the runner drops it before the result leaves; no formatter prints it).
   */
  relation?: RelationForm;
  /** the findings that share printed numbers with this one, and the one number that would explain them all */
  group?: FindingGroup;
}

/**
 * One printed number as a relation uses it. `key` names the printed number (its text, unit and place), so the same
 * number cited by several findings has one key. The check ran on `operand` (value in the relation's unit, the
 * precision it was read at, its unit for the zero clamp of Interval.of); operand = scale × the printed value.
 */
export interface RelationTerm {
  key: string;
  coef: 1 | -1;
  operand: { value: Decimal; decimals: number; unit?: string };
  /** absent when it cannot be known (a printed zero whose sign or unit the rule changed): the term is then fixed */
  scale?: Decimal;
  /** the number as printed: text, value, decimals of the text, unit, place */
  printed: { text: string; value: Decimal; decimals: number; unit: string; location: Location };
}

/**
 * A relation a rule checked, over printed numbers (interval.ts `Form` with its operands resolved to the cited
 * numbers): linear Σ coef·x = 0 / ≥ 0, or ratio rate = 100·Σnum/Σden; `unit` is a unit word printed wrong
 * (元 for 万元), which the number's own unit fixes. `verdict` is the check's.
 */
export type RelationForm = (
  | { kind: "linear"; op: "eq" | "ge"; terms: RelationTerm[] }
  | { kind: "ratio"; rate: RelationTerm; num: RelationTerm[]; den: RelationTerm[] }
  | { kind: "unit"; term: RelationTerm; unit: string }
) & { verdict: "holds" | "rounding" | "convention" | "violated"; ruleId: string };

/** OUTPUT.md `slip`: how the suggested number was probably misprinted. */
export const SLIPS = ["transposed-digits", "extra-digit", "missing-digit", "yuan-for-wanyuan", "wanyuan-for-yuan", "copied-neighbour", "prior-year-column", "other"] as const;
export type Slip = (typeof SLIPS)[number];

/** OUTPUT.md `group.suggestion`: the one printed number whose replacement makes every failed relation of a group hold. */
export interface Suggestion {
  /** the number as printed */
  text: string;
  location: Location;
  /** the value to print instead, at the number's own precision */
  replaceWith: string;
  /** the unit to print after it (the number's own, or 万元 for a unit word printed wrong) */
  unit: string;
  slip: Slip;
  /** how many findings of the group it resolves */
  resolves: number;
}

/** OUTPUT.md `group`: findings whose failed relations share printed numbers. */
export interface FindingGroup {
  /** "g1", "g2" … within one file, in document order */
  id: string;
  /** how many findings (of every level shown) the group has */
  size: number;
  suggestion?: Suggestion;
  /** one Chinese sentence for people: the suggestion, or why there is none */
  summary: string;
}

/** "占比 share-of-total": a finding's rule as people read it, its Chinese name before its id (the id alone without one) */
export function ruleLabel(f: { ruleId: string; ruleName?: string | undefined }): string {
  return f.ruleName ? `${f.ruleName} ${f.ruleId}` : f.ruleId;
}

export function cite(n: PrintedNumber, role: string, label?: string): CitedValue {
  const o = n.original;
  const v: CitedValue = o
    ? { text: o.text, value: o.value.toFixed(), unit: o.unit, role, location: n.location }
    : { text: n.text, value: n.value.toFixed(n.decimals), unit: n.unit, role, location: n.location };
  if (label) v.label = label;
  return v;
}
