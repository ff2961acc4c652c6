import type { FileResult } from "../runner.js";
import { severityRank, type Severity } from "../engine/finding.js";

export interface Summary {
  files: number;
  failed: number;
  error: number;
  warning: number;
  info: number;
}

/** One run of `gouji check`: what every formatter renders. */
export interface RunResult {
  tool: { name: string; version: string };
  files: FileResult[];
  summary: Summary;
}

export function summarise(files: FileResult[]): Summary {
  const s: Summary = { files: files.length, failed: 0, error: 0, warning: 0, info: 0 };
  for (const f of files) {
    if (f.status === "failed") s.failed++;
    for (const x of f.findings) s[x.severity]++;
  }
  return s;
}

/** Drops findings below the minimum level (info is hidden by default). */
export function filterByLevel(files: FileResult[], minLevel: Severity): FileResult[] {
  const min = severityRank(minLevel);
  return files.map((f) => ({ ...f, findings: f.findings.filter((x) => severityRank(x.severity) >= min) }));
}
