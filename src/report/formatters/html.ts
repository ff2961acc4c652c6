/**
 * `--format html`: one self-contained page (no external resources, no network) to work through a folder of reports:
 * - a triage at the top: totals, the files with the most errors first, totals by rule and by kind of slip;
 * - filters by file name, rule and level (one small inline script, allowed by its hash in the page's CSP);
 * - each file folded (<details>), files with the most errors first (CSS `order`, so the page is still written file
 *   by file as the run goes);
 * - a group of findings that share numbers as one block, its suggestion first; each finding linked to its page of
 *   the PDF (`file.pdf#page=N`), its snippet with every cited number highlighted.
 * All document text is escaped; nothing from a document can become markup or script.
 */
import { createHash } from "node:crypto";
import type { FileResult } from "../../runner.js";
import type { CitedValue, Finding, Severity } from "../../engine/finding.js";
import { SKIP_REASON, skippedLine, type RunHeader, type RunResult, type Summary } from "../result.js";
import { blocks, placeText } from "./text.js";
import { renderRun, type StreamFormatter } from "./stream.js";
import { SLIP_NAMES, Triage } from "../triage.js";
import { fileUrl, type LinkBase } from "../links.js";
import type { Location } from "../../model/schema.js";
import type { CrossDocumentResult } from "../../cross/check.js";
import { crossHtml } from "../../cross/render.js";
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
body{margin:0;padding:24px;font:15px/1.6 -apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1d1d1f;background:#f6f6f8;display:flex;flex-direction:column;gap:16px}
header{order:-3}#summary{order:-2}#filters{order:-1}#files{display:flex;flex-direction:column;gap:10px}
h1{font-size:22px;margin:0}h2{font-size:17px;margin:0 0 8px;word-break:break-all}h3{font-size:15px;margin:12px 0 4px}
section,details.file,nav{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 20px}
nav{position:sticky;top:0;z-index:1;display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center}
nav input{min-width:16em}nav label{white-space:nowrap}
details.file{content-visibility:auto;contain-intrinsic-size:auto 3em}
details.file>summary{cursor:pointer;word-break:break-all}details.file>summary .counts{color:#6e6e73;margin-left:8px}
details.file[open]>summary{margin-bottom:8px}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{font-weight:600;background:#fafafa}td.n{text-align:right;font-variant-numeric:tabular-nums}
.lv-error .level,.e{color:var(--err);font-weight:600}.lv-warning .level,.w{color:var(--warn);font-weight:600}.lv-info .level{color:var(--info)}
.failed{color:var(--err)}.meta{color:#6e6e73;margin:0 0 6px}
.f{border-top:1px solid var(--line);padding:8px 0}.f .head{display:flex;flex-wrap:wrap;gap:4px 12px}
.group{border:1px solid #e6d9a8;background:#fffdf3;border-radius:6px;padding:4px 12px;margin:8px 0}.group>.f:first-of-type{border-top:0}
.suggestion{font-weight:600;margin:6px 0}.suggestion.none{font-weight:400;color:#3a3a3c}
.snippet{margin:6px 0;padding:6px 10px;background:#f4f4f6;border-left:3px solid var(--line);white-space:pre-wrap;word-break:break-all}
mark{background:#ffe08a;padding:0 2px;border-radius:2px}
.scroll{max-height:24em;overflow:auto}
ul.values{margin:4px 0 0;padding-left:20px;color:#3a3a3c}code{font-size:13px}
`;

/** The page's only script: the filters, folding all files, and opening a file reached by its #anchor. */
const SCRIPT = `(()=>{
const $=(id)=>document.getElementById(id);
const q=$("q"),rule=$("rule"),level=$("level"),style=$("filter-style"),count=$("count");
const files=[...document.querySelectorAll("details.file")];
const rank={info:0,warning:1,error:2};
function apply(){
const r=rule.value,l=level.value,t=q.value.trim().toLowerCase();
const m=".f"+(r?'[data-rule="'+CSS.escape(r)+'"]':"")+(l==="error"?".lv-error":l==="warning"?":not(.lv-info)":"");
style.textContent=(r||l!=="info")?".f:not("+m+"){display:none}.group:not(:has("+m+")){display:none}":"";
let n=0;
for(const d of files){
const ok=(!t||d.dataset.path.toLowerCase().includes(t))&&(!r||d.dataset.rules.split(" ").includes(r))&&(l==="info"||d.dataset.levels.split(" ").some((x)=>rank[x]>=rank[l]));
d.hidden=!ok;if(ok)n++;
}
count.textContent="显示 "+n+" / "+files.length+" 个文件";
}
q.addEventListener("input",apply);rule.addEventListener("change",apply);level.addEventListener("change",apply);
$("expand").addEventListener("click",()=>{for(const d of files)if(!d.hidden)d.open=true;});
$("collapse").addEventListener("click",()=>{for(const d of files)d.open=false;});
function openHash(){const d=document.getElementById(decodeURIComponent(location.hash.slice(1)));if(d&&d.tagName==="DETAILS"){d.open=true;d.scrollIntoView();}}
addEventListener("hashchange",openHash);openHash();apply();
})();`;

/** The CSP source that lets exactly SCRIPT run. */
export const SCRIPT_HASH = `sha256-${createHash("sha256").update(SCRIPT).digest("base64")}`;

function counts(f: { findings: Finding[] }): Record<Severity, number> {
  const n = { error: 0, warning: 0, info: 0 };
  for (const x of f.findings) n[x.severity]++;
  return n;
}

/** A place, linked to its page when the file is a PDF ("file.pdf#page=N"). */
function placeLink(l: Location, href: string | undefined): string {
  const text = htmlEscape(placeText(l));
  return href && l.page !== undefined ? `<a href="${htmlEscape(`${href}#page=${l.page}`)}">${text}</a>` : text;
}

function valueItem(v: CitedValue, mainSnippet: string, href: string | undefined): string {
  const head = `${v.label ? `${htmlEscape(v.label)} ` : ""}<mark>${htmlEscape(v.text)}</mark>${htmlEscape(v.unit)}（${htmlEscape(roleLabel(v.role))}，${placeLink(v.location, href)}）`;
  const own = v.location.snippet && v.location.snippet !== mainSnippet ? `<div class="snippet">${highlightSnippet(v.location.snippet, [v])}</div>` : "";
  return `<li>${head}${own}</li>`;
}

function findingBlock(x: Finding, href: string | undefined): string {
  const snippet = x.location.snippet ? `<div class="snippet">${highlightSnippet(x.location.snippet, x.values)}</div>` : "";
  const values = x.values.length ? `<ul class="values">${x.values.map((v) => valueItem(v, x.location.snippet, href)).join("")}</ul>` : "";
  const expected = x.expected !== undefined ? `<div class="meta">应为 ${htmlEscape(x.expected)}${x.actual !== undefined ? `，报告为 ${htmlEscape(x.actual)}` : ""}</div>` : "";
  return (
    `<div class="f lv-${x.severity}" data-rule="${htmlEscape(x.ruleId)}"><div class="head"><span class="place">${placeLink(x.location, href)}</span>` +
    `<span class="level">${LEVEL[x.severity]}</span>${x.ruleName ? `<span class="rule">${htmlEscape(x.ruleName)}</span> ` : ""}<code>${htmlEscape(x.ruleId)}</code></div>` +
    `<div class="message">${htmlEscape(x.message)}</div>${expected}${snippet}${values}</div>\n`
  );
}

/** The files the scan skipped, counted, then listed in a <details> (no script needed to open it). */
function skippedHtml(header: RunHeader): string {
  const skipped = header.skipped ?? [];
  if (!skipped.length) return "";
  const items = skipped.map((x) => `<li>${htmlEscape(x.path)}（${SKIP_REASON[x.reason]}）</li>`).join("\n");
  return `<details class="skipped"><summary>${htmlEscape(skippedLine(skipped))}</summary>\n<ul>\n${items}\n</ul>\n</details>\n`;
}

/** Files with more errors come first: a smaller CSS order (ties keep the path order of the run). */
function orderOf(n: Record<Severity, number>, failed: boolean): number {
  return 1_000_000_000 - Math.min(n.error + (failed ? 1 : 0), 99_999) * 10_000 - Math.min(n.warning, 9_999);
}

export function htmlStream(header: RunHeader, links: LinkBase = {}): StreamFormatter {
  const triage = new Triage();
  let index = 0;
  const ids = new Map<string, string>();
  const rules = header.rules ?? [];
  return {
    begin: () =>
      `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src '${SCRIPT_HASH}'">\n` +
      `<title>勾稽检查报告</title>\n<style>${STYLE}</style>\n<style id="filter-style"></style>\n</head>\n<body>\n` +
      `<header><h1>勾稽检查报告</h1><p class="meta">${htmlEscape(header.tool.name)} ${htmlEscape(header.tool.version)}</p></header>\n` +
      `<nav id="filters"><label>文件 <input id="q" type="search" placeholder="文件名包含…"></label>` +
      `<label>规则 <select id="rule"><option value="">全部规则</option>${rules.map((r) => `<option value="${htmlEscape(r.id)}">${r.name ? `${htmlEscape(r.name)} ` : ""}${htmlEscape(r.id)}</option>`).join("")}</select></label>` +
      `<label>级别 <select id="level"><option value="info">全部</option><option value="warning">警告及以上</option><option value="error">仅错误</option></select></label>` +
      `<button id="expand" type="button">全部展开</button><button id="collapse" type="button">全部折叠</button><span id="count" class="meta"></span></nav>\n<main id="files">\n`,
    file(f: FileResult) {
      triage.add(f);
      const n = counts(f);
      if (f.status !== "failed" && f.findings.length === 0) return "";
      const id = `f${++index}`;
      ids.set(f.path, id);
      const href = fileUrl(f.path, links);
      const hrefPdf = f.format === "pdf" ? href : undefined;
      const report = [f.organisation, f.year ? `${f.year}年` : undefined, f.kind && f.kind !== "unknown" ? f.kind : undefined].filter(Boolean).map((s) => htmlEscape(String(s))).join(" · ");
      const levels = f.status === "failed" ? "error" : [...new Set(f.findings.map((x) => x.severity))].join(" ");
      const ruleIds = [...new Set(f.findings.map((x) => x.ruleId))].join(" ");
      const countsText = f.status === "failed" ? `<span class="failed">无法读取</span>` : `<span class="e">错误 ${n.error}</span> · <span class="w">警告 ${n.warning}</span> · 提示 ${n.info}`;
      let out =
        `<details class="file" id="${id}" data-path="${htmlEscape(f.path)}" data-rules="${htmlEscape(ruleIds)}" data-levels="${levels}" style="order:${orderOf(n, f.status === "failed")}">\n` +
        `<summary><strong>${htmlEscape(f.path)}</strong><span class="counts">${countsText}${report ? ` · ${report}` : ""}</span></summary>\n` +
        `<p class="meta"><a href="${htmlEscape(href)}">打开文件</a></p>\n`;
      if (f.status === "failed") {
        return `${out}<p class="failed">无法读取 [${htmlEscape(f.error?.code ?? "")}] ${htmlEscape(f.error?.message ?? "")}</p>\n</details>\n`;
      }
      for (const block of blocks(f.findings)) {
        const g = block[0]!.group;
        if (g && (g.suggestion || block.length > 1)) {
          out += `<div class="group" data-group="${htmlEscape(g.id)}"><div class="suggestion${g.suggestion ? "" : " none"}">${g.suggestion ? "建议：" : ""}${htmlEscape(g.summary)}</div>\n`;
          for (const x of block) out += findingBlock(x, hrefPdf);
          out += `</div>\n`;
        } else for (const x of block) out += findingBlock(x, hrefPdf);
      }
      return `${out}</details>\n`;
    },
    end(s: Summary, cross?: CrossDocumentResult) {
      const skipped = (s as Summary & { skipped?: number }).skipped;
      const rows = triage
        .worstFirst()
        .map((t) => {
          const id = ids.get(t.path);
          const name = id ? `<a href="#${id}">${htmlEscape(t.path)}</a>` : htmlEscape(t.path);
          const status = t.status === "ok" ? "已读取" : `<span class="failed">无法读取：${htmlEscape(t.errorCode ?? "")}</span>`;
          return `<tr><td>${name}</td><td>${status}</td><td class="n">${t.error}</td><td class="n">${t.warning}</td><td class="n">${t.info}</td><td class="n">${t.suggestions}</td></tr>`;
        })
        .join("\n");
      const byRule = triage
        .rulesByCount()
        .map(([id, n]) => `<tr><td>${triage.ruleNames.has(id) ? `${htmlEscape(triage.ruleNames.get(id)!)} ` : ""}<code>${htmlEscape(id)}</code></td><td class="n">${n.error}</td><td class="n">${n.warning}</td><td class="n">${n.info}</td></tr>`)
        .join("");
      const bySlip = [...triage.bySlip]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `<tr><td>${htmlEscape(SLIP_NAMES[k])}（<code>${k}</code>）</td><td class="n">${n}</td></tr>`)
        .join("");
      return (
        `${cross ? crossHtml(cross, highlightSnippet) : ""}</main>\n<section id="summary">\n<h2>概览</h2>\n<p class="meta">共 ${s.files} 个文件，读取失败 ${s.failed} 个${skipped ? `，跳过 ${skipped} 个` : ""}；错误 ${s.error} 条，警告 ${s.warning} 条，提示 ${s.info} 条</p>\n` +
        skippedHtml(header) +
        `<h3>文件（问题最多的在前）</h3>\n<div class="scroll"><table id="worst"><thead><tr><th>文件</th><th>状态</th><th>错误</th><th>警告</th><th>提示</th><th>可指出应改数字</th></tr></thead><tbody>\n${rows}\n</tbody></table></div>\n` +
        (byRule ? `<h3>按规则</h3>\n<table id="by-rule"><thead><tr><th>规则</th><th>错误</th><th>警告</th><th>提示</th></tr></thead><tbody>${byRule}</tbody></table>\n` : "") +
        (bySlip ? `<h3>按错误类型（能指出应改数字的问题组）</h3>\n<table id="by-slip"><thead><tr><th>类型</th><th>组数</th></tr></thead><tbody>${bySlip}</tbody></table>\n` : "") +
        `</section>\n<script>${SCRIPT}</script>\n</body>\n</html>\n`
      );
    },
  };
}

export function formatHtml(run: RunResult, links: LinkBase = {}): string {
  return renderRun(htmlStream(run, links), run);
}
