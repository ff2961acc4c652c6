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
  ruleId: string;
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
}

export function cite(n: PrintedNumber, role: string, label?: string): CitedValue {
  const o = n.original;
  const v: CitedValue = o
    ? { text: o.text, value: o.value.toFixed(), unit: o.unit, role, location: n.location }
    : { text: n.text, value: n.value.toFixed(n.decimals), unit: n.unit, role, location: n.location };
  if (label) v.label = label;
  return v;
}
