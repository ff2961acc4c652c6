import type { FileResult } from "../runner.js";
import { severityRank, type Severity } from "../engine/finding.js";
import type { CrossDocumentResult } from "../cross/check.js";

export interface Summary {
  files: number;
  failed: number;
  error: number;
  warning: number;
  info: number;
  /** findings of the cross-document pass (src/cross), when it ran */
  crossDocument?: { error: number; warning: number; info: number };
}

/** A rule as the formatters see it: its metadata and the level it ran at in this run. */
export interface RuleInfo {
  id: string;
  description: string;
  /** the default level of its findings in this run (after the config and --rule) */
  severity: Severity;
  example?: string;
}

/** What is known before the first file is checked: enough for a formatter to start writing. */
export interface RunHeader {
  tool: { name: string; version: string };
  /** the rules that ran (rules set to "off" are left out) */
  rules?: RuleInfo[];
}

/** One run of `gouji check`: what every formatter renders. */
export interface RunResult extends RunHeader {
  files: FileResult[];
  summary: Summary;
  /** the series formed and the findings between reports (runs of two or more readable files) */
  crossDocument?: CrossDocumentResult;
}

/** The format a path claims by its extension (the parser may correct it after sniffing the bytes). */
export function formatOfPath(path: string): FileResult["format"] {
  const ext = path.toLowerCase().split(".").pop();
  return ext === "pdf" ? "pdf" : ext === "docx" ? "docx" : "txt";
}

export function emptySummary(): Summary {
  return { files: 0, failed: 0, error: 0, warning: 0, info: 0 };
}

/** Adds one file to a running summary (so a streamed run needs no list of all results). */
export function addToSummary(s: Summary, f: FileResult): Summary {
  s.files++;
  if (f.status === "failed") s.failed++;
  for (const x of f.findings) s[x.severity]++;
  return s;
}

export function summarise(files: FileResult[]): Summary {
  const s = emptySummary();
  for (const f of files) addToSummary(s, f);
  return s;
}

/** Drops the findings of one file below the minimum level. */
export function filterFileByLevel(f: FileResult, minLevel: Severity): FileResult {
  const min = severityRank(minLevel);
  return { ...f, findings: f.findings.filter((x) => severityRank(x.severity) >= min) };
}

/** Drops findings below the minimum level (info is hidden by default). */
export function filterByLevel(files: FileResult[], minLevel: Severity): FileResult[] {
  return files.map((f) => filterFileByLevel(f, minLevel));
}
