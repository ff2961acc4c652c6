/** The finding of a failed "total = Σ parts": the same data and citations whichever rule found it. */
import type { PrintedNumber } from "../model/schema.js";
import { shown } from "../model/numbers.js";
import type { Check } from "./interval.js";
import type { ReportInput } from "./rule.js";

export interface Labelled {
  label: string;
  number: PrintedNumber;
}

export function sumReport(
  messageId: string,
  total: Labelled,
  parts: Labelled[],
  check: Check,
  data: Record<string, string> = {},
): Omit<ReportInput, "severity" | "expected"> {
  const t = total.number;
  return {
    messageId,
    data: {
      label: total.label,
      total: t.text,
      unit: t.unit,
      expected: check.expected.toFixed(t.decimals),
      parts: parts.map((p) => `${p.label}${p.number.original ? shown(p.number) : p.number.text}`).join(" + "),
      diff: t.value.minus(check.expected).abs().toFixed(t.decimals),
      ...data,
    },
    location: t.location,
    values: [{ number: t, role: "total", label: total.label }, ...parts.map((p) => ({ number: p.number, role: "part", label: p.label }))],
    actual: t.value.toFixed(t.decimals),
  };
}
