/**
 * The cross-document pass as `gouji check` and `gouji merge` run it: over the records of the readable files of a run,
 * when there are at least two; findings below the run's minimum level are left out, like a file's findings.
 */
import { severityRank, type Severity } from "../engine/finding.js";
import { crossCheck, type CrossDocumentResult } from "./check.js";
import { crossCounts } from "./render.js";
import type { CrossRecord } from "./record.js";

/**
 * Returns undefined for runs of fewer than two readable files (nothing to compare; single-file output stays as it
 * was), else the result with its counts by severity (summary.crossDocument).
 */
export function crossForRun(records: { path: string; record: CrossRecord }[], minLevel: Severity): { result: CrossDocumentResult; counts: { error: number; warning: number; info: number } } | undefined {
  if (records.length < 2) return undefined;
  const result = crossCheck(records);
  const min = severityRank(minLevel);
  result.findings = result.findings.filter((f) => severityRank(f.severity) >= min);
  return { result, counts: crossCounts(result) };
}
