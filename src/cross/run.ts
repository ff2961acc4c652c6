/**
 * The cross-document pass as `gouji check` and `gouji merge` run it: over the records of the readable files of a run,
 * when there are at least two; findings below the run's minimum level are left out, like a file's findings.
 */
import { severityRank, type Severity } from "../engine/finding.js";
import type { RuleSetting } from "../engine/engine.js";
import { crossCheck, type CrossDocumentResult, type CrossFinding } from "./check.js";
import { crossCounts } from "./render.js";
import type { CrossRecord } from "./record.js";
import type { FileResult } from "../runner.js";

/**
 * A file of the run as the pass takes it: its record, or for a file that could not be read, no identity and the reason
 * (so it is listed among the files not placed, not silently missing). Undefined for a readable file without a record
 * (a result of an older gouji, or one made without --facts).
 */
export function crossInputOf(f: FileResult): { path: string; record: CrossRecord } | undefined {
  if (f.status === "failed") return { path: f.path, record: { unplaced: `文件无法读取（${f.error?.code ?? "failed"}）`, facts: [], statements: [] } };
  return f.cross ? { path: f.path, record: f.cross } : undefined;
}

/**
 * `settings`: the run's rule settings (--rule, the config's "rules"): a cross rule set to "off" reports nothing, one
 * set to a level gets that level for its warnings and errors (its infos stay infos), as engine/rule.ts does for the
 * rules of one file. `keep` then drops findings before the level filter (a baseline's known ones). Returns undefined
 * for runs of fewer than two readable files (nothing to compare; single-file output stays as it was), else the result
 * with its counts by severity (summary.crossDocument).
 */
export function crossForRun(
  records: { path: string; record: CrossRecord }[],
  minLevel: Severity,
  settings: Readonly<Record<string, RuleSetting>> = {},
  keep: (f: CrossFinding) => boolean = () => true,
): { result: CrossDocumentResult; counts: { error: number; warning: number; info: number } } | undefined {
  if (records.filter((r) => !/^文件无法读取/.test(r.record.unplaced ?? "")).length < 2) return undefined;
  const result = crossCheck(records, new Set(Object.keys(settings).filter((id) => settings[id] === "off")));
  const min = severityRank(minLevel);
  const set = (f: CrossFinding): CrossFinding | undefined => {
    const s = settings[f.ruleId];
    if (s === "off") return undefined;
    return s && f.severity !== "info" && s !== f.severity ? { ...f, severity: s } : f;
  };
  // `keep` sees every finding (a baseline records them all), before the level filter
  result.findings = result.findings.flatMap((f0) => {
    const f = set(f0);
    return f && keep(f) && severityRank(f.severity) >= min ? [f] : [];
  });
  return { result, counts: crossCounts(result) };
}
