/** `--format text`: findings grouped by file, the numbers involved, and a summary table. Colour only when asked. */
import { Chalk } from "chalk";
import Table from "cli-table3";
import type { RunHeader, RunResult, Summary } from "../result.js";
import type { FileResult } from "../../runner.js";
import { renderRun, type StreamFormatter } from "./stream.js";
import type { Finding, Severity } from "../../engine/finding.js";
import type { Location } from "../../model/schema.js";
import type { CrossDocumentResult } from "../../cross/check.js";
import { crossText } from "../../cross/render.js";

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
  return parts.join(" ") || "—";
}

/** Findings file by file as they come; the table of all files and the totals at the end. */
export function textStream(_header: RunHeader, opts: TextOptions): StreamFormatter {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const colour = (s: Severity) => (s === "error" ? c.red : s === "warning" ? c.yellow : c.blue);
  // one short row per file is all that is kept until the end
  const rows: (string | number)[][] = [];
  return {
    begin: () => "",
    file(f: FileResult) {
      const n = { error: 0, warning: 0, info: 0 };
      for (const x of f.findings) n[x.severity]++;
      rows.push([f.path, f.status === "ok" ? "通过读取" : `失败：${f.error?.code}`, n.error, n.warning, n.info]);
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
    end(s: Summary, cross?: CrossDocumentResult) {
      const table = new Table({
        head: ["文件", "状态", "错误", "警告", "提示"],
        style: { head: opts.color ? ["cyan"] : [], border: opts.color ? ["grey"] : [] },
      });
      for (const r of rows) table.push(r);
      const section = cross ? crossText(cross, { level: (x, t) => colour(x)(t), bold: (t) => c.bold(t), dim: (t) => c.dim(t) }) : "";
      const crossLine = s.crossDocument ? `；跨文件：错误 ${s.crossDocument.error} 条，警告 ${s.crossDocument.warning} 条，提示 ${s.crossDocument.info} 条` : "";
      return `${section}${table.toString()}\n共 ${s.files} 个文件，读取失败 ${s.failed} 个；错误 ${s.error} 条，警告 ${s.warning} 条，提示 ${s.info} 条${crossLine}\n`;
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
