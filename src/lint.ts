/** One document in, findings out: the pure core that the CLI, the tests and any other caller share. */
import { buildReport } from "./model/build.js";
import { runRules, type RuleSetting } from "./engine/engine.js";
import type { Finding } from "./engine/finding.js";
import type { Report } from "./model/schema.js";
import type { SourceDocument } from "./parse/source.js";
import { rules as allRules } from "../rules/index.js";
import type { Rule } from "./engine/rule.js";

export interface LintOptions {
  rules?: readonly Rule[];
  settings?: Record<string, RuleSetting>;
}

export function lintDocument(doc: SourceDocument, path: string, opts: LintOptions = {}): { report: Report; findings: Finding[] } {
  const report = buildReport(doc, path);
  const findings = runRules(report, { rules: opts.rules ?? allRules, settings: opts.settings ?? {} });
  return { report, findings };
}
