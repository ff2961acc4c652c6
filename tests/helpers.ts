import { txtBlocks } from "../src/parse/txt.js";
import { lintDocument } from "../src/lint.js";
import type { Finding } from "../src/engine/finding.js";

/** Lints a small report given as text (lines as in a .txt export). */
export function lintText(text: string, path = "test.txt"): Finding[] {
  return lintDocument({ format: "txt", blocks: txtBlocks(text) }, path).findings;
}

export function errorsOf(text: string, ruleId?: string): Finding[] {
  return lintText(text).filter((f) => f.severity === "error" && (!ruleId || f.ruleId === ruleId));
}

/** A compact, assertable view of a finding: rule, severity, the cited numbers' texts and their lines. */
export function brief(f: Finding) {
  return { ruleId: f.ruleId, severity: f.severity, values: f.values.map((v) => `${v.text}@${v.location.line}`), expected: f.expected, actual: f.actual };
}
