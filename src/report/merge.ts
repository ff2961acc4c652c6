/**
 * `gouji merge`: combines `--format json` results (e.g. of CI shards) into one run. Pure: takes the texts, returns a
 * result. Refuses anything that is not schemaVersion 1, and a file that appears in two inputs.
 */
import { z } from "zod";
import type { FileResult } from "../runner.js";
import type { Finding } from "../engine/finding.js";
import { SEVERITIES } from "../engine/finding.js";
import { summarise, type RunResult, type SkippedFile } from "./result.js";
import { comparePaths } from "./paths.js";

const TableRef = z.object({ index: z.number(), title: z.string(), row: z.number(), column: z.number() });
const Location = z.object({
  page: z.number().optional(),
  line: z.number().optional(),
  paragraph: z.number().optional(),
  section: z.string().optional(),
  snippet: z.string(),
  table: TableRef.optional(),
});
const JsonFinding = z.object({
  ruleId: z.string(),
  severity: z.enum(SEVERITIES),
  message: z.string(),
  messageId: z.string().optional(),
  location: Location,
  values: z.array(
    z.object({ text: z.string(), value: z.string(), unit: z.string(), role: z.string(), label: z.string().optional(), location: Location }),
  ),
  expected: z.string().optional(),
  actual: z.string().optional(),
});
const JsonFile = z.object({
  path: z.string(),
  format: z.enum(["txt", "docx", "pdf", "html"]),
  status: z.enum(["ok", "failed"]),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  report: z.object({ organisation: z.string().optional(), year: z.number().optional(), kind: z.string().optional() }).optional(),
  findings: z.array(JsonFinding),
});
const JsonRun = z.object({
  schemaVersion: z.number(),
  tool: z.object({ name: z.string(), version: z.string() }),
  files: z.array(JsonFile),
  skipped: z.array(z.object({ path: z.string(), reason: z.enum(["unsupported-format", "ignored"]) })).optional(),
});

function toFinding(f: z.infer<typeof JsonFinding>): Finding {
  const out: Finding = {
    ruleId: f.ruleId,
    severity: f.severity,
    messageId: f.messageId ?? "",
    data: {},
    message: f.message,
    location: f.location,
    values: f.values,
  };
  if (f.expected !== undefined) out.expected = f.expected;
  if (f.actual !== undefined) out.actual = f.actual;
  return out;
}

function toFileResult(f: z.infer<typeof JsonFile>): FileResult {
  const out: FileResult = { path: f.path, format: f.format, status: f.status, findings: f.findings.map(toFinding) };
  if (f.error) out.error = f.error;
  if (f.report?.organisation !== undefined) out.organisation = f.report.organisation;
  if (f.report?.year !== undefined) out.year = f.report.year;
  if (f.report?.kind !== undefined) out.kind = f.report.kind;
  return out;
}

/** Parses the JSON output of one `gouji check` run back into its files. */
export function parseJsonRun(text: string, source: string): { ok: true; tool: RunResult["tool"]; files: FileResult[]; skipped: SkippedFile[] } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    return { ok: false, message: `${source} 不是合法的 JSON：${(e as Error).message}` };
  }
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== 1) {
    return { ok: false, message: `${source} 的 schemaVersion 是 ${JSON.stringify(version)}，本版本只能合并 schemaVersion 1 的结果（gouji check --format json）` };
  }
  const parsed = JsonRun.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, message: `${source} 不是 gouji 的 JSON 结果（${issue.path.join(".") || "根"}：${issue.message}）` };
  }
  return { ok: true, tool: parsed.data.tool, files: parsed.data.files.map(toFileResult), skipped: parsed.data.skipped ?? [] };
}

export function mergeRuns(inputs: { source: string; text: string }[]): { ok: true; run: RunResult } | { ok: false; message: string } {
  const files: FileResult[] = [];
  // every shard lists what the scan skipped: the same file skipped twice is one
  const skipped = new Map<string, SkippedFile>();
  const seen = new Map<string, string>();
  let tool: RunResult["tool"] | undefined;
  for (const input of inputs) {
    const r = parseJsonRun(input.text, input.source);
    if (!r.ok) return r;
    tool ??= r.tool;
    for (const s of r.skipped) skipped.set(s.path, s);
    for (const f of r.files) {
      const other = seen.get(f.path);
      if (other) return { ok: false, message: `文件 ${f.path} 同时出现在 ${other} 和 ${input.source} 中，不能合并重叠的结果` };
      seen.set(f.path, input.source);
      files.push(f);
    }
  }
  files.sort((a, b) => comparePaths(a.path, b.path));
  const skippedList = [...skipped.values()].sort((a, b) => comparePaths(a.path, b.path));
  return { ok: true, run: { tool: tool ?? { name: "gouji", version: "" }, files, skipped: skippedList, summary: summarise(files, skippedList) } };
}
