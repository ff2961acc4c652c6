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
  /** files a folder scan or glob found and did not check (RunHeader.skipped) */
  skipped: number;
  /** findings below the run's --min-level, counted and not listed; only when there were some */
  hidden?: { warning: number; info: number };
}

/**
 * A file found and not checked (see src/cli/files.ts): `unsupported-format` or `ignored`. A folder excluded whole
 * ends with "/".
 */
export interface SkippedFile {
  path: string;
  reason: "unsupported-format" | "ignored";
}

/** A rule as the formatters see it: its metadata and the level it ran at in this run. */
export interface RuleInfo {
  id: string;
  /** its Chinese name (RuleMeta.name), for people */
  name?: string;
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
  /** what the scan found and did not check, known before the first file is checked */
  skipped?: SkippedFile[];
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
  return ext === "pdf" ? "pdf" : ext === "docx" ? "docx" : ext === "html" || ext === "htm" ? "html" : "txt";
}

export function emptySummary(): Summary {
  return { files: 0, failed: 0, error: 0, warning: 0, info: 0, skipped: 0 };
}

/**
 * Adds one file to a running summary (so a streamed run needs no list of all results): its shown findings, and with
 * `all` (the same file before --min-level filtered it) the findings left out, in `hidden`.
 */
export function addToSummary(s: Summary, f: FileResult, all?: FileResult): Summary {
  s.files++;
  if (f.status === "failed") s.failed++;
  for (const x of f.findings) s[x.severity]++;
  if (all && all.findings.length > f.findings.length) {
    const shown = new Set(f.findings);
    const hidden = (s.hidden ??= { warning: 0, info: 0 });
    for (const x of all.findings) if (!shown.has(x) && x.severity !== "error") hidden[x.severity]++;
  }
  return s;
}

export function summarise(files: FileResult[], skipped: readonly SkippedFile[] = []): Summary {
  const s = emptySummary();
  for (const f of files) addToSummary(s, f);
  s.skipped = skipped.length;
  return s;
}

/** "跳过 3 个文件：.xls ×2，按忽略规则排除 ×1" — the skipped files counted by what they are, or "" when none. */
export function skippedLine(skipped: readonly SkippedFile[]): string {
  if (skipped.length === 0) return "";
  const groups = new Map<string, number>();
  for (const s of skipped) {
    const ext = /(\.[^./\\]+)$/.exec(s.path)?.[1]?.toLowerCase();
    const what = s.reason === "ignored" ? "按忽略规则排除" : (ext ?? "无扩展名");
    groups.set(what, (groups.get(what) ?? 0) + 1);
  }
  const parts = [...groups].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([what, n]) => `${what} ×${n}`);
  return `跳过 ${skipped.length} 个文件：${parts.join("，")}`;
}

/** The reason of a skipped file, in Chinese. */
export const SKIP_REASON: Record<SkippedFile["reason"], string> = { "unsupported-format": "不支持的格式", ignored: "按忽略规则排除" };

/** Drops the findings of one file below the minimum level. */
export function filterFileByLevel(f: FileResult, minLevel: Severity): FileResult {
  const min = severityRank(minLevel);
  return { ...f, findings: f.findings.filter((x) => severityRank(x.severity) >= min) };
}

/** Drops findings below the minimum level (info is hidden by default). */
export function filterByLevel(files: FileResult[], minLevel: Severity): FileResult[] {
  return files.map((f) => filterFileByLevel(f, minLevel));
}
