/** `--format json`: the schemaVersion 1 contract of OUTPUT.md. */
import type { RunHeader, RunResult, Summary } from "../result.js";
import type { FileResult } from "../../runner.js";
import { renderRun, type StreamFormatter } from "./stream.js";
import type { Finding } from "../../engine/finding.js";
import type { Location } from "../../model/schema.js";
import { fingerprint } from "../fingerprint.js";
import type { CrossDocumentResult } from "../../cross/check.js";
import { crossJson } from "../../cross/render.js";

function location(l: Location): Location {
  const out: Location = { snippet: l.snippet };
  if (l.page !== undefined) out.page = l.page;
  if (l.pageLabel !== undefined) out.pageLabel = l.pageLabel;
  if (l.line !== undefined) out.line = l.line;
  if (l.paragraph !== undefined) out.paragraph = l.paragraph;
  if (l.section !== undefined) out.section = l.section;
  if (l.table) out.table = { ...l.table };
  return out;
}

/** OUTPUT.md `group`: its id, size and summary, and the suggestion when one number explains it. */
export function jsonGroup(g: NonNullable<Finding["group"]>) {
  const out: Record<string, unknown> = { id: g.id, size: g.size, summary: g.summary };
  if (g.suggestion) out.suggestion = { ...g.suggestion, location: location(g.suggestion.location) };
  return out;
}

function finding(f: Finding, path: string) {
  const out: Record<string, unknown> = {
    id: f.id ?? fingerprint(f, path),
    ruleId: f.ruleId,
    ...(f.ruleName ? { ruleName: f.ruleName } : {}),
    severity: f.severity,
    message: f.message,
    location: location(f.location),
    values: f.values.map((v) => ({ text: v.text, value: v.value, unit: v.unit, role: v.role, ...(v.label ? { label: v.label } : {}), location: location(v.location) })),
  };
  if (f.expected !== undefined) out.expected = f.expected;
  if (f.actual !== undefined) out.actual = f.actual;
  if (f.alsoAt?.length) out.alsoAt = f.alsoAt.map(location);
  out.messageId = f.messageId;
  if (f.group) out.group = jsonGroup(f.group);
  return out;
}

export function toJsonFile(f: FileResult) {
  return {
    path: f.path,
    format: f.format,
    status: f.status,
    ...(f.error ? { error: f.error } : {}),
    ...(f.organisation || f.year || f.kind ? { report: { organisation: f.organisation, year: f.year, kind: f.kind } } : {}),
    ...(f.stats ? { stats: f.stats } : {}),
    findings: f.findings.map((x) => finding(x, f.path)),
    // with --facts: what `gouji merge` needs to run the cross-document pass over shards
    ...(f.cross ? { crossFacts: f.cross } : {}),
  };
}

export function toJsonObject(run: RunResult) {
  return { schemaVersion: 1, tool: run.tool, files: run.files.map(toJsonFile), skipped: run.skipped ?? [], ...(run.crossDocument ? { crossDocument: crossJson(run.crossDocument) } : {}), summary: run.summary };
}

/** Indents every line after the first, to nest a pretty-printed value inside the streamed document. */
function nest(json: string, indent: string): string {
  return json.replace(/\n/g, `\n${indent}`);
}

/**
 * Writes exactly what `JSON.stringify(toJsonObject(run), null, 2)` would, one file at a time (the files array is
 * opened in `begin` and closed in `end`).
 */
export function jsonStream(header: RunHeader): StreamFormatter {
  let count = 0;
  return {
    begin: () => `{\n  "schemaVersion": 1,\n  "tool": ${nest(JSON.stringify(header.tool, null, 2), "  ")},\n  "files": [`,
    file(f) {
      return `${count++ === 0 ? "" : ","}\n    ${nest(JSON.stringify(toJsonFile(f), null, 2), "    ")}`;
    },
    end: (summary: Summary, cross?: CrossDocumentResult) =>
      `${count ? "\n  " : ""}],\n  "skipped": ${nest(JSON.stringify(header.skipped ?? [], null, 2), "  ")},\n${cross ? `  "crossDocument": ${nest(JSON.stringify(crossJson(cross), null, 2), "  ")},\n` : ""}  "summary": ${nest(JSON.stringify(summary, null, 2), "  ")}\n}\n`,
  };
}

export function formatJson(run: RunResult): string {
  return renderRun(jsonStream(run), run);
}
