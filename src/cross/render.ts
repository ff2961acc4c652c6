/**
 * The cross-document section of each output format, kept here so that the formatters only call it: JSON (the
 * `crossDocument` object of OUTPUT.md), text (a section per series), HTML (the same, escaped), CSV rows.
 */
import { ruleLabel, type Severity } from "../engine/finding.js";
import type { Location } from "../model/schema.js";
import { pageText, tableCellText } from "../model/location.js";
import type { CrossDocumentResult, CrossFinding } from "./check.js";

const LEVEL: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };

/** Counts of the cross-document findings by severity (summary.crossDocument). */
export function crossCounts(cross: CrossDocumentResult): { error: number; warning: number; info: number } {
  const n = { error: 0, warning: 0, info: 0 };
  for (const f of cross.findings) n[f.severity]++;
  return n;
}

function place(l: Location): string {
  const parts: string[] = [];
  if (l.page !== undefined) parts.push(pageText(l));
  if (l.line !== undefined) parts.push(`第${l.line}行`);
  if (l.paragraph !== undefined) parts.push(`第${l.paragraph}段`);
  if (l.table) parts.push(tableCellText(l.table));
  return parts.join(" ") || "—";
}

function seriesTitle(s: CrossDocumentResult["series"][number]): string {
  const scope = s.scope ? `（${s.scope}）` : "（未注明部门/本级/单位）";
  const aliases = s.aliases?.length ? `，又称${s.aliases.join("、")}` : "";
  return `${s.organisation}${scope}${aliases}`;
}

/** The JSON object of OUTPUT.md: series, unplaced files, findings; every cited value carries its file's path. */
export function crossJson(cross: CrossDocumentResult): unknown {
  return {
    series: cross.series,
    unplaced: cross.unplaced,
    findings: cross.findings.map((f) => {
      const out: Record<string, unknown> = {
        ruleId: f.ruleId,
        ...(f.ruleName ? { ruleName: f.ruleName } : {}),
        severity: f.severity,
        message: f.message,
        path: f.path,
        location: f.location,
        values: f.values,
        organisation: f.organisation,
      };
      if (f.expected !== undefined) out.expected = f.expected;
      if (f.actual !== undefined) out.actual = f.actual;
      return out;
    }),
  };
}

/**
 * The text section: each series with its reports, what was checked and its findings; a series of one report, with
 * nothing to compare, only named in one line; then the files not placed.
 */
export function crossText(cross: CrossDocumentResult, paint: { level: (s: Severity, t: string) => string; bold: (t: string) => string; dim: (t: string) => string }): string {
  const lines: string[] = [];
  lines.push(paint.bold(`跨文件核对：${cross.series.length} 个系列，${cross.unplaced.length} 个文件未归入系列`));
  const alone = cross.series.filter((s) => s.reports.length === 1 && !s.relationsChecked && !cross.findings.some((f) => f.organisation === s.organisation));
  for (const s of cross.series) {
    if (alone.includes(s)) continue;
    const findings = cross.findings.filter((f) => f.organisation === s.organisation);
    lines.push(`  ${paint.bold(seriesTitle(s))}：${s.reports.length} 份报告，核对跨文件关系 ${s.relationsChecked} 条，成立 ${s.relationsHeld} 条`);
    for (const r of s.reports) lines.push(`    ${r.year}年${r.kind}  ${r.path}`);
    for (const f of findings) lines.push(...findingLines(f, paint));
  }
  if (alone.length) lines.push(`  ${paint.bold(`只有一份报告的 ${alone.length} 个系列`)}（无可比较的其他年度）：${alone.map((s) => seriesTitle(s)).join("、")}`);
  if (cross.unplaced.length) {
    lines.push(`  ${paint.bold("未归入系列的文件（不与其他文件比较）")}：`);
    for (const u of cross.unplaced) lines.push(`    ${u.path}：${u.reason}`);
  }
  return `${lines.join("\n")}\n\n`;
}

function findingLines(f: CrossFinding, paint: { level: (s: Severity, t: string) => string; dim: (t: string) => string }): string[] {
  const out = [`    ${paint.level(f.severity, LEVEL[f.severity])}  ${f.message}  ${paint.dim(ruleLabel(f))}`];
  out.push(`      ${paint.dim("位置：")}${f.path} ${place(f.location)}`);
  if (f.location.snippet) out.push(`      ${paint.dim("原文：")}${f.location.snippet}`);
  const vals = f.values.map((v) => `${v.label ? `${v.label} ` : ""}${v.text}${/[元%]$/.test(v.text) ? "" : v.unit}（${v.path} ${place(v.location)}）`).join("；");
  if (vals) out.push(`      ${paint.dim("数字：")}${vals}`);
  return out;
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/**
 * The HTML section (all document text escaped), in the page's own classes. `highlight` marks the cited number in its
 * snippet and escapes the rest (the page's own highlightSnippet); by default the snippet is only escaped.
 */
export function crossHtml(cross: CrossDocumentResult, highlight: (snippet: string, values: { text: string; role: string }[]) => string = (s) => esc(s)): string {
  let out = `<section id="cross">\n<h2>跨文件核对</h2>\n<p class="meta">${cross.series.length} 个系列，${cross.unplaced.length} 个文件未归入系列</p>\n`;
  for (const s of cross.series) {
    out += `<h3>${esc(seriesTitle(s))}</h3>\n<p class="meta">核对跨文件关系 ${s.relationsChecked} 条，成立 ${s.relationsHeld} 条</p>\n<ul>${s.reports.map((r) => `<li>${r.year}年${esc(r.kind)} ${esc(r.path)}</li>`).join("")}</ul>\n`;
    const findings = cross.findings.filter((f) => f.organisation === s.organisation);
    if (!findings.length) continue;
    out += `<table class="findings"><thead><tr><th>位置</th><th>级别</th><th>规则</th><th>问题与原文</th></tr></thead><tbody>\n`;
    for (const f of findings) {
      const values = `<ul class="values">${f.values.map((v) => `<li>${v.label ? `${esc(v.label)} ` : ""}<mark>${esc(v.text)}</mark>${esc(/[元%]$/.test(v.text) ? "" : v.unit)}（${esc(v.path)} ${esc(place(v.location))}）<div class="snippet">${highlight(v.location.snippet, [v])}</div></li>`).join("")}</ul>`;
      out += `<tr class="${f.severity}"><td>${esc(f.path)} ${esc(place(f.location))}</td><td class="level">${LEVEL[f.severity]}</td><td>${f.ruleName ? `${esc(f.ruleName)} ` : ""}<code>${esc(f.ruleId)}</code></td><td>${esc(f.message)}${values}</td></tr>\n`;
    }
    out += `</tbody></table>\n`;
  }
  if (cross.unplaced.length) out += `<h3>未归入系列的文件</h3>\n<ul>${cross.unplaced.map((u) => `<li>${esc(u.path)}：${esc(u.reason)}</li>`).join("")}</ul>\n`;
  return `${out}</section>\n`;
}

/**
 * A cross-document finding in the shape of a one-file finding, for the formats that list findings per file (CSV,
 * SARIF, JUnit): each cited value's label names its file.
 */
export function asFileFinding(f: CrossFinding): import("../engine/finding.js").Finding {
  const out: import("../engine/finding.js").Finding = {
    ruleId: f.ruleId,
    ...(f.ruleName ? { ruleName: f.ruleName } : {}),
    severity: f.severity,
    messageId: f.ruleId,
    data: {},
    message: f.message,
    location: f.location,
    values: f.values.map((v) => ({ text: v.text, value: v.value, unit: /[元%]$/.test(v.text) ? "" : v.unit, role: v.role, label: `${v.path}${v.label ? ` ${v.label}` : ""}`, location: v.location })),
  };
  if (f.expected !== undefined) out.expected = f.expected;
  if (f.actual !== undefined) out.actual = f.actual;
  return out;
}
