/**
 * `--format html`: one self-contained page (no scripts, no external resources) for people who read reports: a
 * summary of every file, then each file's findings with the original text and every cited number highlighted in it.
 * All document text is escaped; nothing from a document can become markup.
 */
import type { FileResult } from "../../runner.js";
import type { CitedValue, Finding, Severity } from "../../engine/finding.js";
import { SKIP_REASON, skippedLine, type RunHeader, type RunResult, type Summary } from "../result.js";
import { placeText } from "./text.js";
import { renderRun, type StreamFormatter } from "./stream.js";
import { roleLabel } from "../roles.js";

const LEVEL: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };

export function htmlEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const DIGIT = /[0-9０-９]/;
const JOINER = /[.,，．]/;

/** Where `text` stands in `s` as a whole number (not as part of a longer one such as 1,511.90 around 511.90). */
function occurrences(s: string, text: string): [number, number][] {
  const out: [number, number][] = [];
  if (!text) return out;
  const isDigit = (c: string | undefined) => c !== undefined && DIGIT.test(c);
  const isJoiner = (c: string | undefined) => c !== undefined && JOINER.test(c);
  for (let i = s.indexOf(text); i >= 0; i = s.indexOf(text, i + 1)) {
    const j = i + text.length;
    const glued = isDigit(s[i - 1]) || (isJoiner(s[i - 1]) && isDigit(s[i - 2]));
    const continues = isDigit(s[j]) || (isJoiner(s[j]) && isDigit(s[j + 1]));
    if (!glued && !continues) out.push([i, j]);
  }
  return out;
}

/**
 * The snippet as HTML with each cited number wrapped in <mark>. Longer numbers are placed first so "1,511.90"
 * is not split by a shorter "511.90"; every piece of text between marks is escaped.
 */
export function highlightSnippet(snippet: string, values: Pick<CitedValue, "text" | "role" | "label">[]): string {
  const taken: { start: number; end: number; title: string }[] = [];
  const sorted = [...values].sort((a, b) => b.text.length - a.text.length);
  for (const v of sorted) {
    for (const [start, end] of occurrences(snippet, v.text)) {
      if (taken.some((t) => start < t.end && end > t.start)) continue;
      taken.push({ start, end, title: `${v.label ? `${v.label}，` : ""}${roleLabel(v.role)}` });
    }
  }
  taken.sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const t of taken) {
    out += htmlEscape(snippet.slice(at, t.start));
    out += `<mark title="${htmlEscape(t.title)}">${htmlEscape(snippet.slice(t.start, t.end))}</mark>`;
    at = t.end;
  }
  return out + htmlEscape(snippet.slice(at));
}

const STYLE = `
:root{color-scheme:light;--err:#b3261e;--warn:#8a5a00;--info:#2a5db0;--line:#d9d9de}
*{box-sizing:border-box}
body{margin:0;padding:24px;font:15px/1.6 -apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1d1d1f;background:#f6f6f8;display:flex;flex-direction:column;gap:20px}
header{order:-2}#summary{order:-1}
h1{font-size:22px;margin:0}h2{font-size:17px;margin:0 0 8px;word-break:break-all}
section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 20px}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{font-weight:600;background:#fafafa}td.n{text-align:right;font-variant-numeric:tabular-nums}
.error .level{color:var(--err);font-weight:600}.warning .level{color:var(--warn);font-weight:600}.info .level{color:var(--info)}
.failed{color:var(--err)}.meta{color:#6e6e73;margin:0 0 8px}
.snippet{margin:6px 0;padding:6px 10px;background:#f4f4f6;border-left:3px solid var(--line);white-space:pre-wrap;word-break:break-all}
mark{background:#ffe08a;padding:0 2px;border-radius:2px}
ul.values{margin:4px 0 0;padding-left:20px;color:#3a3a3c}code{font-size:13px}
`;

function counts(f: { findings: Finding[] }): Record<Severity, number> {
  const n = { error: 0, warning: 0, info: 0 };
  for (const x of f.findings) n[x.severity]++;
  return n;
}

function valueItem(v: CitedValue, mainSnippet: string): string {
  const head = `${v.label ? `${htmlEscape(v.label)} ` : ""}<mark>${htmlEscape(v.text)}</mark>${htmlEscape(v.unit)}（${htmlEscape(roleLabel(v.role))}，${htmlEscape(placeText(v.location))}）`;
  const own = v.location.snippet && v.location.snippet !== mainSnippet ? `<div class="snippet">${highlightSnippet(v.location.snippet, [v])}</div>` : "";
  return `<li>${head}${own}</li>`;
}

function findingRow(x: Finding): string {
  const snippet = x.location.snippet ? `<div class="snippet">${highlightSnippet(x.location.snippet, x.values)}</div>` : "";
  const values = x.values.length ? `<ul class="values">${x.values.map((v) => valueItem(v, x.location.snippet)).join("")}</ul>` : "";
  const expected = x.expected !== undefined ? `<div class="meta">应为 ${htmlEscape(x.expected)}${x.actual !== undefined ? `，报告为 ${htmlEscape(x.actual)}` : ""}</div>` : "";
  return (
    `<tr class="${x.severity}"><td>${htmlEscape(placeText(x.location))}</td><td class="level">${LEVEL[x.severity]}</td>` +
    `<td><code>${htmlEscape(x.ruleId)}</code></td><td>${htmlEscape(x.message)}${expected}${snippet}${values}</td></tr>\n`
  );
}

/** The files the scan skipped, counted, then listed in a <details> (no script needed to open it). */
function skippedHtml(header: RunHeader): string {
  const skipped = header.skipped ?? [];
  if (!skipped.length) return "";
  const items = skipped.map((x) => `<li>${htmlEscape(x.path)}（${SKIP_REASON[x.reason]}）</li>`).join("\n");
  return `<details class="skipped"><summary>${htmlEscape(skippedLine(skipped))}</summary>\n<ul>\n${items}\n</ul>\n</details>\n`;
}

export function htmlStream(header: RunHeader): StreamFormatter {
  const rows: string[] = [];
  let index = 0;
  return {
    begin: () =>
      `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">\n` +
      `<title>勾稽检查报告</title>\n<style>${STYLE}</style>\n</head>\n<body>\n` +
      `<header><h1>勾稽检查报告</h1><p class="meta">${htmlEscape(header.tool.name)} ${htmlEscape(header.tool.version)}</p></header>\n`,
    file(f: FileResult) {
      const id = `f${++index}`;
      const n = counts(f);
      const status = f.status === "ok" ? "已读取" : `<span class="failed">无法读取：${htmlEscape(f.error?.code ?? "")}</span>`;
      const shown = f.status === "failed" || f.findings.length > 0;
      const name = shown ? `<a href="#${id}">${htmlEscape(f.path)}</a>` : htmlEscape(f.path);
      rows.push(`<tr><td>${name}</td><td>${status}</td><td class="n">${n.error}</td><td class="n">${n.warning}</td><td class="n">${n.info}</td></tr>`);
      if (!shown) return "";
      const report = [f.organisation, f.year ? `${f.year}年` : undefined, f.kind].filter(Boolean).map((s) => htmlEscape(String(s))).join(" · ");
      let out = `<section class="file" id="${id}">\n<h2>${htmlEscape(f.path)}</h2>\n`;
      if (report) out += `<p class="meta">${report}</p>\n`;
      if (f.status === "failed") {
        return `${out}<p class="failed">无法读取 [${htmlEscape(f.error?.code ?? "")}] ${htmlEscape(f.error?.message ?? "")}</p>\n</section>\n`;
      }
      out += `<p class="meta">错误 ${n.error} · 警告 ${n.warning} · 提示 ${n.info}</p>\n`;
      out += `<table class="findings"><thead><tr><th>位置</th><th>级别</th><th>规则</th><th>问题与原文</th></tr></thead><tbody>\n`;
      for (const x of f.findings) out += findingRow(x);
      return `${out}</tbody></table>\n</section>\n`;
    },
    end: (s: Summary) =>
      `<section id="summary">\n<h2>概览</h2>\n<p class="meta">共 ${s.files} 个文件，读取失败 ${s.failed} 个；错误 ${s.error} 条，警告 ${s.warning} 条，提示 ${s.info} 条</p>\n` +
      skippedHtml(header) +
      `<table><thead><tr><th>文件</th><th>状态</th><th>错误</th><th>警告</th><th>提示</th></tr></thead><tbody>\n${rows.join("\n")}\n</tbody></table>\n</section>\n</body>\n</html>\n`,
  };
}

export function formatHtml(run: RunResult): string {
  return renderRun(htmlStream(run), run);
}
