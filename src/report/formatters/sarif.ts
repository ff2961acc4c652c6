/**
 * `--format sarif`: SARIF 2.1.0 for code-scanning dashboards (GitHub's upload-sarif and others). The rules that ran
 * are in tool.driver.rules; a finding's place is a line region when there is a line, otherwise its page, paragraph
 * and table cell go into the location's `properties`. `partialFingerprints` carries the baseline fingerprint, so a
 * dashboard keeps tracking a finding when lines move. Files that could not be read are tool notifications.
 */
import type { FileResult } from "../../runner.js";
import type { Finding, Severity } from "../../engine/finding.js";
import type { Location } from "../../model/schema.js";
import type { RunHeader, RunResult, Summary } from "../result.js";
import { fingerprint, fingerprintPath } from "../fingerprint.js";
import { placeText } from "./text.js";
import type { CrossDocumentResult } from "../../cross/check.js";
import { asFileFinding } from "../../cross/render.js";
import { renderRun, type StreamFormatter } from "./stream.js";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
export const FINGERPRINT_KEY = "goujiFingerprint/v1";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

/** A relative path as a URI reference: each segment percent-encoded (Chinese names included), slashes kept. */
export function pathToUri(path: string): string {
  const p = fingerprintPath(path);
  const abs = p.startsWith("/");
  const uri = p.split("/").map(encodeURIComponent).join("/");
  return abs ? `file://${uri}` : uri;
}

function placeProperties(l: Location): Record<string, unknown> | undefined {
  const props: Record<string, unknown> = {};
  if (l.page !== undefined) props.page = l.page;
  if (l.paragraph !== undefined) props.paragraph = l.paragraph;
  if (l.table) props.table = { ...l.table };
  return Object.keys(props).length ? props : undefined;
}

function sarifLocation(path: string, l: Location, id?: number, message?: string) {
  const physicalLocation: Record<string, unknown> = { artifactLocation: { uri: pathToUri(path) } };
  if (l.line !== undefined) {
    const region: Record<string, unknown> = { startLine: l.line };
    if (l.snippet) region.snippet = { text: l.snippet };
    physicalLocation.region = region;
  }
  const loc: Record<string, unknown> = {};
  if (id !== undefined) loc.id = id;
  loc.physicalLocation = physicalLocation;
  if (message) loc.message = { text: message };
  const props = placeProperties(l);
  if (props || (l.line === undefined && l.snippet)) loc.properties = { ...props, ...(l.line === undefined && l.snippet ? { snippet: l.snippet } : {}) };
  return loc;
}

export function sarifResult(f: Finding, path: string, ruleIndex: Map<string, number>) {
  const r: Record<string, unknown> = { ruleId: f.ruleId };
  const index = ruleIndex.get(f.ruleId);
  if (index !== undefined) r.ruleIndex = index;
  r.level = LEVEL[f.severity];
  r.message = { text: f.location.line === undefined ? `${f.message}（${placeText(f.location)}）` : f.message };
  r.locations = [sarifLocation(path, f.location)];
  if (f.values.length) {
    r.relatedLocations = f.values.map((v, i) =>
      sarifLocation(path, v.location, i + 1, `${v.label ? `${v.label} ` : ""}${v.text}${v.unit}（${v.role}）`),
    );
  }
  r.partialFingerprints = { [FINGERPRINT_KEY]: fingerprint(f, path) };
  const props: Record<string, unknown> = { messageId: f.messageId };
  if (f.expected !== undefined) props.expected = f.expected;
  if (f.actual !== undefined) props.actual = f.actual;
  props.values = f.values.map((v) => ({ text: v.text, value: v.value, unit: v.unit, role: v.role, ...(v.label ? { label: v.label } : {}) }));
  // the group of findings that share numbers, with the number to change when one explains them (root-cause.ts)
  if (f.group) props.group = { id: f.group.id, summary: f.group.summary, ...(f.group.suggestion ? { suggestion: f.group.suggestion } : {}) };
  r.properties = props;
  return r;
}

function indent(json: string, by: string): string {
  return json.replace(/\n/g, `\n${by}`);
}

export function sarifStream(header: RunHeader): StreamFormatter {
  const rules = header.rules ?? [];
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const failed: FileResult[] = [];
  let count = 0;
  const driver = {
    name: header.tool.name,
    version: header.tool.version,
    semanticVersion: header.tool.version,
    rules: rules.map((r) => ({
      id: r.id,
      shortDescription: { text: r.description },
      fullDescription: { text: r.description },
      ...(r.example ? { help: { text: `违反本规则的示例：${r.example}` } } : {}),
      defaultConfiguration: { level: LEVEL[r.severity] },
    })),
  };
  return {
    begin() {
      const head = `{\n  "$schema": ${JSON.stringify(SARIF_SCHEMA)},\n  "version": "2.1.0",\n  "runs": [\n    {\n`;
      const tool = `      "tool": ${indent(JSON.stringify({ driver }, null, 2), "      ")},\n`;
      return `${head}${tool}      "columnKind": "utf16CodeUnits",\n      "results": [`;
    },
    file(f: FileResult) {
      if (f.status === "failed") failed.push({ ...f, findings: [] });
      let out = "";
      for (const x of f.findings) {
        out += `${count++ === 0 ? "" : ","}\n        ${indent(JSON.stringify(sarifResult(x, f.path, ruleIndex), null, 2), "        ")}`;
      }
      return out;
    },
    end(_summary: Summary, cross?: CrossDocumentResult) {
      // cross-document findings: located in the later report, every cited value in its own file
      let crossOut = "";
      for (const f of cross?.findings ?? []) {
        const r = sarifResult(asFileFinding(f), f.path, ruleIndex);
        r.relatedLocations = f.values.map((v, i) => sarifLocation(v.path, v.location, i + 1, `${v.label ? `${v.label} ` : ""}${v.text}${v.unit}（${v.role}）`));
        crossOut += `${count++ === 0 ? "" : ","}\n        ${indent(JSON.stringify(r, null, 2), "        ")}`;
      }
      const invocation = {
        executionSuccessful: failed.length === 0,
        toolExecutionNotifications: failed.map((f) => ({
          level: "error",
          message: { text: `${f.path}：${f.error?.message ?? "无法读取"}` },
          descriptor: { id: f.error?.code ?? "failed" },
          locations: [{ physicalLocation: { artifactLocation: { uri: pathToUri(f.path) } } }],
        })),
      };
      return `${crossOut}${count ? "\n      " : ""}],\n      "invocations": [\n        ${indent(JSON.stringify(invocation, null, 2), "        ")}\n      ]\n    }\n  ]\n}\n`;
    },
  };
}

export function formatSarif(run: RunResult): string {
  return renderRun(sarifStream(run), run);
}
