/**
 * `--format junit`: JUnit XML for CI test reports (GitLab `artifacts:reports:junit`, Jenkins, …). One testsuite
 * per file, one testcase per rule that ran; a rule's findings in that file make its testcase fail. A file that
 * could not be read is a testsuite with one testcase in error. No timings, so the output is reproducible.
 */
import type { FileResult } from "../../runner.js";
import type { RunHeader, RunResult, Summary } from "../result.js";
import { placeText } from "./text.js";
import type { CrossDocumentResult } from "../../cross/check.js";
import { renderRun, type StreamFormatter } from "./stream.js";

const LEVEL = { error: "错误", warning: "警告", info: "提示" } as const;

/** Escapes text for XML content and attributes, dropping characters XML 1.0 cannot carry at all. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Escapes an attribute value; line breaks become character references so XML parsers keep them. */
export function xmlAttr(s: string): string {
  return xmlEscape(s).replace(/\r/g, "&#13;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}

export function junitStream(header: RunHeader): StreamFormatter {
  const rules = header.rules ?? [];
  return {
    begin: () => `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xmlEscape(header.tool.name)}">\n`,
    file(f: FileResult) {
      const name = xmlEscape(f.path);
      if (f.status === "failed") {
        const code = xmlEscape(f.error?.code ?? "failed");
        const msg = xmlEscape(f.error?.message ?? "无法读取");
        return (
          `  <testsuite name="${name}" tests="1" failures="0" errors="1" skipped="0">\n` +
          `    <testcase classname="${name}" name="读取文件">\n` +
          `      <error type="${code}" message="${xmlAttr(f.error?.message ?? "无法读取")}">[${code}] ${msg}</error>\n` +
          `    </testcase>\n  </testsuite>\n`
        );
      }
      const byRule = new Map<string, typeof f.findings>();
      for (const x of f.findings) byRule.set(x.ruleId, [...(byRule.get(x.ruleId) ?? []), x]);
      // a finding of a rule the header does not list (e.g. from a merged older run) still gets its testcase
      const ids = [...rules.map((r) => r.id), ...[...byRule.keys()].filter((id) => !rules.some((r) => r.id === id))];
      const failures = ids.filter((id) => byRule.has(id)).length;
      let out = `  <testsuite name="${name}" tests="${ids.length}" failures="${failures}" errors="0" skipped="0">\n`;
      for (const id of ids) {
        const found = byRule.get(id);
        if (!found) {
          out += `    <testcase classname="${name}" name="${xmlEscape(id)}"/>\n`;
          continue;
        }
        const first = found[0]!;
        const summary = found.length === 1 ? first.message : `${found.length} 个问题：${first.message} …`;
        const body = found
          .map((x) => {
            const lines = [`${placeText(x.location)} ${LEVEL[x.severity]} ${x.message}`];
            if (x.location.snippet) lines.push(`  原文：${x.location.snippet}`);
            const vals = x.values.map((v) => `${v.label ? `${v.label} ` : ""}${v.text}${v.unit}（${placeText(v.location)}）`).join("；");
            if (vals) lines.push(`  数字：${vals}`);
            return lines.join("\n");
          })
          .join("\n");
        out +=
          `    <testcase classname="${name}" name="${xmlEscape(id)}">\n` +
          `      <failure type="${first.severity}" message="${xmlAttr(summary)}">${xmlEscape(body)}</failure>\n` +
          `    </testcase>\n`;
      }
      return `${out}  </testsuite>\n`;
    },
    end: (_summary: Summary, cross?: CrossDocumentResult) => `${cross ? crossSuite(cross) : ""}</testsuites>\n`,
  };
}

/** The cross-document pass as one testsuite, one testcase per series; a series with findings fails. */
function crossSuite(cross: CrossDocumentResult): string {
  const failures = cross.series.filter((s) => cross.findings.some((f) => f.organisation === s.organisation)).length;
  let out = `  <testsuite name="跨文件核对" tests="${cross.series.length}" failures="${failures}" errors="0" skipped="0">\n`;
  for (const s of cross.series) {
    const name = xmlEscape(`${s.organisation}${s.scope ? `（${s.scope}）` : ""}`);
    const found = cross.findings.filter((f) => f.organisation === s.organisation);
    if (!found.length) {
      out += `    <testcase classname="跨文件核对" name="${name}"/>\n`;
      continue;
    }
    const body = found.map((f) => `${f.path} ${placeText(f.location)} ${LEVEL[f.severity]} ${f.message}\n  数字：${f.values.map((v) => `${v.text}${v.unit}（${v.path} ${placeText(v.location)}）`).join("；")}`).join("\n");
    out += `    <testcase classname="跨文件核对" name="${name}">\n      <failure type="${found[0]!.severity}" message="${xmlAttr(`${found.length} 个问题：${found[0]!.message}`)}">${xmlEscape(body)}</failure>\n    </testcase>\n`;
  }
  return `${out}  </testsuite>\n`;
}

export function formatJunit(run: RunResult): string {
  return renderRun(junitStream(run), run);
}
