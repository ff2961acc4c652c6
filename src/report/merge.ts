/**
 * `gouji merge`: combines `--format json` results (e.g. of CI shards) into one run. Pure: takes the texts, returns a
 * result. Refuses anything that is not schemaVersion 1, and a file that appears in two inputs.
 */
import { parseJsonText } from "./json-text.js";
import { z } from "zod";
import type { FileResult } from "../runner.js";
import type { Finding } from "../engine/finding.js";
import { SEVERITIES, SLIPS } from "../engine/finding.js";
import { summarise, type RunResult, type SkippedFile } from "./result.js";
import { comparePaths } from "./paths.js";
import type { CrossRecord } from "../cross/record.js";
import { crossForRun, crossInputOf } from "../cross/run.js";

const TableRef = z.object({ index: z.number(), title: z.string(), row: z.number(), column: z.number(), firstPart: z.number().optional() });
const Location = z.object({
  page: z.number().optional(),
  pageLabel: z.string().optional(),
  line: z.number().optional(),
  paragraph: z.number().optional(),
  section: z.string().optional(),
  snippet: z.string(),
  table: TableRef.optional(),
});
const JsonGroup = z.object({
  id: z.string(),
  size: z.number().optional(),
  summary: z.string().optional(),
  suggestion: z
    .object({ text: z.string(), location: Location, replaceWith: z.string(), unit: z.string().optional(), slip: z.enum(SLIPS).catch("other"), resolves: z.number() })
    .optional(),
});
const JsonFinding = z.object({
  id: z.string().optional(),
  group: JsonGroup.optional(),
  ruleId: z.string(),
  ruleName: z.string().optional(),
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
  stats: z
    .object({
      amounts: z.number(), amountsInRelations: z.number(), tableAmounts: z.number(), tableAmountsInRelations: z.number(),
      relationsChecked: z.number(), relationsHeld: z.number(),
    })
    .optional(),
  findings: z.array(JsonFinding),
  /** `gouji check --facts`: the file's identity and facts for the cross-document pass (src/cross/record.ts) */
  crossFacts: z.custom<CrossRecord>((v) => typeof v === "object" && v !== null && Array.isArray((v as CrossRecord).facts) && Array.isArray((v as CrossRecord).statements)).optional(),
});
const JsonRun = z.object({
  schemaVersion: z.number(),
  tool: z.object({ name: z.string(), version: z.string() }),
  files: z.array(JsonFile),
  skipped: z.array(z.object({ path: z.string(), reason: z.enum(["unsupported-format", "ignored"]) })).optional(),
  summary: z.object({ hidden: z.object({ warning: z.number(), info: z.number() }).optional() }).passthrough().optional(),
});

function toFinding(f: z.infer<typeof JsonFinding>): Finding {
  const out: Finding = {
    ruleId: f.ruleId,
    ...(f.ruleName ? { ruleName: f.ruleName } : {}),
    severity: f.severity,
    messageId: f.messageId ?? "",
    data: {},
    message: f.message,
    location: f.location,
    values: f.values,
  };
  if (f.expected !== undefined) out.expected = f.expected;
  if (f.actual !== undefined) out.actual = f.actual;
  if (f.id !== undefined) out.id = f.id;
  if (f.group) {
    const g = f.group;
    out.group = { id: g.id, size: g.size ?? 1, summary: g.summary ?? "" };
    if (g.suggestion) out.group.suggestion = { ...g.suggestion, unit: g.suggestion.unit ?? "" };
  }
  return out;
}

function toFileResult(f: z.infer<typeof JsonFile>): FileResult {
  const out: FileResult = { path: f.path, format: f.format, status: f.status, findings: f.findings.map(toFinding) };
  if (f.error) out.error = f.error;
  if (f.report?.organisation !== undefined) out.organisation = f.report.organisation;
  if (f.report?.year !== undefined) out.year = f.report.year;
  if (f.report?.kind !== undefined) out.kind = f.report.kind;
  if (f.stats) out.stats = f.stats;
  if (f.crossFacts) out.cross = f.crossFacts;
  return out;
}

/** Parses the JSON output of one `gouji check` run back into its files. */
export function parseJsonRun(
  text: string,
  source: string,
): { ok: true; tool: RunResult["tool"]; files: FileResult[]; skipped: SkippedFile[]; hidden?: { warning: number; info: number } } | { ok: false; message: string } {
  const read = parseJsonText(text);
  if (!read.ok) return { ok: false, message: `${source} 不是合法的 JSON：${read.problem}` };
  const json: unknown = read.value;
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== 1) {
    return { ok: false, message: `${source} 的 schemaVersion 是 ${JSON.stringify(version)}，本版本只能合并 schemaVersion 1 的结果（gouji check --format json）` };
  }
  const parsed = JsonRun.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, message: `${source} 不是 gouji 的 JSON 结果（${issue.path.join(".") || "根"}：${issue.message}）` };
  }
  const hidden = parsed.data.summary?.hidden;
  return { ok: true, tool: parsed.data.tool, files: parsed.data.files.map(toFileResult), skipped: parsed.data.skipped ?? [], ...(hidden ? { hidden } : {}) };
}

/**
 * Merges the runs; with every readable file's crossFacts present, runs the cross-document pass over all of them.
 * `note` says (in Chinese) why the pass did not run when some files lack the data.
 */
export function mergeRuns(inputs: { source: string; text: string }[]): { ok: true; run: RunResult; note?: string } | { ok: false; message: string } {
  const files: FileResult[] = [];
  // every shard lists what the scan skipped: the same file skipped twice is one
  const skipped = new Map<string, SkippedFile>();
  const seen = new Map<string, string>();
  let tool: RunResult["tool"] | undefined;
  // what each run left out below its --min-level stays counted
  let hidden: { warning: number; info: number } | undefined;
  for (const input of inputs) {
    const r = parseJsonRun(input.text, input.source);
    if (!r.ok) return r;
    tool ??= r.tool;
    if (r.hidden) hidden = { warning: (hidden?.warning ?? 0) + r.hidden.warning, info: (hidden?.info ?? 0) + r.hidden.info };
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
  const run: RunResult = { tool: tool ?? { name: "gouji", version: "" }, files, skipped: skippedList, summary: summarise(files, skippedList) };
  if (hidden) run.summary.hidden = hidden;
  // the cross-document pass over all shards' files, as one run would make it; only when every readable file carries
  // its record (--facts), since a pass over some of them would miss relations silently
  const readable = files.filter((f) => f.status === "ok");
  let note: string | undefined;
  if (readable.length >= 2 && readable.every((f) => f.cross)) {
    try {
      const cross = crossForRun(files.map((f) => crossInputOf(f)!), "info");
      if (cross) {
        run.crossDocument = cross.result;
        run.summary.crossDocument = cross.counts;
      }
    } catch (e) {
      // crossFacts written by hand or by another version: the merge itself stands
      note = `跨文件核对所需的数据无法使用（${(e as Error)?.message ?? String(e)}），本次合并未做跨文件核对`;
    }
  } else if (readable.length >= 2) {
    note = `${readable.filter((f) => !f.cross).length} 个文件的结果没有跨文件核对所需的数据（用 gouji check --format json --facts 生成），本次合并未做跨文件核对`;
  }
  return { ok: true, run, ...(note ? { note } : {}) };
}
