/** `--format text`: findings grouped by file, the numbers involved, and a summary table. Colour only when asked. */
import { Chalk } from "chalk";
import Table from "cli-table3";
import { SKIP_REASON, skippedLine, type RunHeader, type RunResult, type Summary } from "../result.js";
import type { FileResult } from "../../runner.js";
import { renderRun, type StreamFormatter } from "./stream.js";
import type { Finding, Severity } from "../../engine/finding.js";
import type { Location } from "../../model/schema.js";

export interface TextOptions {
  color: boolean;
}

const LEVEL: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };

export function placeText(l: Location): string {
  const parts: string[] = [];
  if (l.page !== undefined) parts.push(`第${l.page}页`);
  if (l.line !== undefined) parts.push(`第${l.line}行`);
  if (l.paragraph !== undefined) parts.push(`第${l.paragraph}段`);
  if (l.table) parts.push(`表${l.table.index}${l.table.title ? `「${l.table.title}」` : ""}第${l.table.row}行第${l.table.column}列`);
  // a paragraph number alone is hard to find in Word or a browser: the headings above it say where to look
  else if (l.section) parts.push(`（${l.section}）`);
  return parts.join(" ").replace(" （", "（") || "—";
}

/** Findings file by file as they come; the table of all files and the totals at the end. */
/** The terminal summary's width: the table and the totals fit a classic 80-column terminal. */
export const SUMMARY_WIDTH = 80;

/** The path column: what the status and count columns (10 + 3 × 7) and the six borders leave, less its padding. */
const PATH_WIDTH = SUMMARY_WIDTH - 6 - 10 - 3 * 7 - 2;

/** Terminal columns of one character: East Asian wide and full-width characters take two. */
function charWidth(ch: string): number {
  const c = ch.codePointAt(0)!;
  return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000 ? 2 : 1;
}

/** Breaks a text into lines of at most `width` terminal columns (a long path wraps; nothing is cut off). */
export function wrapToWidth(text: string, width: number): string {
  const lines: string[] = [];
  let line = "";
  let w = 0;
  for (const ch of text) {
    const cw = charWidth(ch);
    if (w + cw > width && line) {
      lines.push(line);
      line = "";
      w = 0;
    }
    line += ch;
    w += cw;
  }
  lines.push(line);
  return lines.join("\n");
}

/** Skipped files named one by one in the terminal at most; the JSON and HTML list them all. */
const SKIPPED_NAMED = 20;

export function textStream(header: RunHeader, opts: TextOptions): StreamFormatter {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const colour = (s: Severity) => (s === "error" ? c.red : s === "warning" ? c.yellow : c.blue);
  // one short row per file is all that is kept until the end
  const rows: (string | number)[][] = [];
  return {
    begin: () => "",
    file(f: FileResult) {
      const n = { error: 0, warning: 0, info: 0 };
      for (const x of f.findings) n[x.severity]++;
      rows.push([f.path, f.status === "ok" ? "已读取" : "无法读取", n.error, n.warning, n.info]);
      const out: string[] = [];
      if (f.status === "failed") {
        out.push(`${c.bold(f.path)}`);
        out.push(`  ${c.red("无法读取")} [${f.error?.code}] ${f.error?.message}`);
        out.push("");
      } else if (f.findings.length > 0) {
        out.push(c.bold(f.path));
        for (const x of f.findings) out.push(...findingLines(x, colour(x.severity), c.dim));
        out.push("");
      }
      return out.map((l) => `${l}\n`).join("");
    },
    end(s: Summary) {
      // 80 columns: the path column takes what the others leave and wraps long paths
      const table = new Table({
        head: ["文件", "状态", "错误", "警告", "提示"],
        colWidths: [PATH_WIDTH + 2, 10, 7, 7, 7],
        style: { head: opts.color ? ["cyan"] : [], border: opts.color ? ["grey"] : [] },
      });
      for (const r of rows) table.push([wrapToWidth(String(r[0]), PATH_WIDTH), ...r.slice(1)]);
      const skipped = header.skipped ?? [];
      let tail = "";
      if (skipped.length) {
        tail += `${skippedLine(skipped)}\n`;
        for (const x of skipped.slice(0, SKIPPED_NAMED)) tail += `  ${x.path}（${SKIP_REASON[x.reason]}）\n`;
        if (skipped.length > SKIPPED_NAMED) tail += `  …另有 ${skipped.length - SKIPPED_NAMED} 个（--format json 或 html 列出全部）\n`;
      }
      return `${table.toString()}\n共 ${s.files} 个文件，读取失败 ${s.failed} 个；错误 ${s.error} 条，警告 ${s.warning} 条，提示 ${s.info} 条\n${tail}`;
    },
  };
}

export function formatText(run: RunResult, opts: TextOptions): string {
  return renderRun(textStream(run, opts), run);
}

function findingLines(x: Finding, paint: (s: string) => string, dim: (s: string) => string): string[] {
  const lines = [`  ${placeText(x.location)}  ${paint(LEVEL[x.severity])}  ${x.message}  ${dim(x.ruleId)}`];
  if (x.location.snippet) lines.push(`    ${dim("原文：")}${x.location.snippet}`);
  const vals = x.values.map((v) => `${v.label ? `${v.label} ` : ""}${v.text}${v.unit}（${placeText(v.location)}）`).join("；");
  if (vals) lines.push(`    ${dim("数字：")}${vals}`);
  if (x.alsoAt?.length) lines.push(`    ${dim("另见：")}${x.alsoAt.map(placeText).join("；")}（同一问题，只报一次）`);
  return lines;
}
