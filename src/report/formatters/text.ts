/** `--format text`: findings grouped by file, the numbers involved, and a summary table. Colour only when asked. */
import { Chalk } from "chalk";
import Table from "cli-table3";
import type { RunHeader, RunResult, Summary } from "../result.js";
import type { FileResult } from "../../runner.js";
import { renderRun, type StreamFormatter } from "./stream.js";
import type { Finding, Severity } from "../../engine/finding.js";
import type { Location } from "../../model/schema.js";
import { Triage, triageText } from "../triage.js";
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

/** The number of files the closing table lists (worst first); the rest are counted in one row. */
const TABLE_ROWS = 30;

/**
 * Findings file by file as they come, the findings of one group together under its suggestion (or the reason there
 * is none); at the end the files worst first, totals by rule and by kind of slip.
 */
export function textStream(_header: RunHeader, opts: TextOptions): StreamFormatter {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const colour = (s: Severity) => (s === "error" ? c.red : s === "warning" ? c.yellow : c.blue);
  // one short record per file is all that is kept until the end
  const triage = new Triage();
  return {
    begin: () => "",
    file(f: FileResult) {
      triage.add(f);
      const out: string[] = [];
      if (f.status === "failed") {
        out.push(`${c.bold(f.path)}`);
        out.push(`  ${c.red("无法读取")} [${f.error?.code}] ${f.error?.message}`);
        out.push("");
      } else if (f.findings.length > 0) {
        out.push(c.bold(f.path));
        for (const block of blocks(f.findings)) {
          const g = block[0]!.group;
          if (g && (g.suggestion || block.length > 1)) {
            out.push(`  ${c.bold(g.suggestion ? "▶ 建议" : "▶ 问题组")}  ${g.summary}`);
            for (const x of block) out.push(...findingLines(x, colour(x.severity), c.dim).map((l) => `  ${l}`));
          } else for (const x of block) out.push(...findingLines(x, colour(x.severity), c.dim));
        }
        out.push("");
      }
      return out.map((l) => `${l}\n`).join("");
    },
    end(s: Summary, cross?: CrossDocumentResult) {
      const table = new Table({
        head: ["文件", "状态", "错误", "警告", "提示"],
        style: { head: opts.color ? ["cyan"] : [], border: opts.color ? ["grey"] : [] },
      });
      const worst = triage.worstFirst();
      for (const r of worst.slice(0, TABLE_ROWS)) table.push([r.path, r.status === "ok" ? "通过读取" : `失败：${r.errorCode}`, r.error, r.warning, r.info]);
      if (worst.length > TABLE_ROWS) table.push([`……另有 ${worst.length - TABLE_ROWS} 个文件`, "", "", "", ""]);
      const skipped = (s as Summary & { skipped?: number }).skipped;
      const section = cross ? crossText(cross, { level: (x, t) => colour(x)(t), bold: (t) => c.bold(t), dim: (t) => c.dim(t) }) : "";
      const crossLine = s.crossDocument ? `跨文件：错误 ${s.crossDocument.error} 条，警告 ${s.crossDocument.warning} 条，提示 ${s.crossDocument.info} 条\n` : "";
      return `${section}${table.toString()}\n${triageText(triage, { noFiles: true, ...(skipped ? { skipped } : {}) })}${crossLine}`;
    },
  };
}

/**
 * The findings of a file in order, each group's findings together at the place of its first one. Findings of one
 * group stay in document order inside it.
 */
export function blocks(findings: Finding[]): Finding[][] {
  const out: Finding[][] = [];
  const byGroup = new Map<string, Finding[]>();
  for (const x of findings) {
    const id = x.group?.id;
    if (!id) {
      out.push([x]);
      continue;
    }
    const b = byGroup.get(id);
    if (b) b.push(x);
    else {
      const nb = [x];
      byGroup.set(id, nb);
      out.push(nb);
    }
  }
  return out;
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
