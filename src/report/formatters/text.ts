/** `--format text`: findings grouped by file, the numbers involved, and a summary table. Colour only when asked. */
import { Chalk } from "chalk";
import Table from "cli-table3";
import { SKIP_REASON, skippedLine, type RunHeader, type RunResult, type Summary } from "../result.js";
import type { FileResult } from "../../runner.js";
import { renderRun, type StreamFormatter } from "./stream.js";
import { ruleLabel, type Finding, type Severity } from "../../engine/finding.js";
import type { Location } from "../../model/schema.js";
import { Triage, triageText, wrapToWidth } from "../triage.js";
export { wrapToWidth } from "../triage.js";
import type { CrossDocumentResult } from "../../cross/check.js";
import { crossText } from "../../cross/render.js";
import { pageText, tableCellText } from "../../model/location.js";

export interface TextOptions {
  color: boolean;
}

const LEVEL: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };

export function placeText(l: Location): string {
  const parts: string[] = [];
  if (l.page !== undefined) parts.push(pageText(l));
  if (l.line !== undefined) parts.push(`第${l.line}行`);
  if (l.paragraph !== undefined) parts.push(`第${l.paragraph}段`);
  if (l.table) parts.push(tableCellText(l.table));
  // a paragraph number alone is hard to find in Word or a browser: the headings above it say where to look
  else if (l.section) parts.push(`（${l.section}）`);
  return parts.join(" ").replace(" （", "（") || "—";
}

/** The number of files the closing table lists (worst first); the rest are counted in one row. */
const TABLE_ROWS = 30;
/** The terminal summary's width: the table and the totals fit a classic 80-column terminal. */
export const SUMMARY_WIDTH = 80;

/** The path column: what the status and count columns (10 + 3 × 7) and the six borders leave, less its padding. */
const PATH_WIDTH = SUMMARY_WIDTH - 6 - 10 - 3 * 7 - 2;

/** Skipped files named one by one in the terminal at most; the JSON and HTML list them all. */
const SKIPPED_NAMED = 20;

/**
 * Findings file by file as they come, the findings of one group together under its suggestion (or the reason there
 * is none); at the end the files worst first (80 columns), totals by rule and by kind of slip, the skipped files.
 */
export function textStream(header: RunHeader, opts: TextOptions): StreamFormatter {
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
      // 80 columns: the path column takes what the others leave and wraps long paths
      const table = new Table({
        head: ["文件", "状态", "错误", "警告", "提示"],
        colWidths: [PATH_WIDTH + 2, 10, 7, 7, 7],
        style: { head: opts.color ? ["cyan"] : [], border: opts.color ? ["grey"] : [] },
      });
      const worst = triage.worstFirst();
      for (const r of worst.slice(0, TABLE_ROWS)) table.push([wrapToWidth(r.path, PATH_WIDTH), r.status !== "ok" ? "无法读取" : r.notDisclosure ? "非预决算" : "已读取", r.error, r.warning, r.info]);
      if (worst.length > TABLE_ROWS) table.push([`……另有 ${worst.length - TABLE_ROWS} 个文件`, "", "", "", ""]);
      const skipped = header.skipped ?? [];
      let tail = "";
      if (skipped.length) {
        tail += `${skippedLine(skipped)}\n`;
        for (const x of skipped.slice(0, SKIPPED_NAMED)) tail += `  ${x.path}（${SKIP_REASON[x.reason]}）\n`;
        if (skipped.length > SKIPPED_NAMED) tail += `  …另有 ${skipped.length - SKIPPED_NAMED} 个（--format json 或 html 列出全部）\n`;
      }
      const section = cross ? crossText(cross, { level: (x, t) => colour(x)(t), bold: (t) => c.bold(t), dim: (t) => c.dim(t) }) : "";
      const crossLine = s.crossDocument ? `跨文件：错误 ${s.crossDocument.error} 条，警告 ${s.crossDocument.warning} 条，提示 ${s.crossDocument.info} 条\n` : "";
      return `${section}${table.toString()}\n${triageText(triage, { noFiles: true, ...(skipped.length ? { skipped: skipped.length } : {}), ...(s.hidden ? { hidden: s.hidden } : {}) })}${crossLine}${tail}`;
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
  const lines = [`  ${placeText(x.location)}  ${paint(LEVEL[x.severity])}  ${x.message}  ${dim(ruleLabel(x))}`];
  if (x.location.snippet) lines.push(`    ${dim("原文：")}${x.location.snippet}`);
  const vals = x.values.map((v) => `${v.label ? `${v.label} ` : ""}${v.text}${v.unit}（${placeText(v.location)}）`).join("；");
  if (vals) lines.push(`    ${dim("数字：")}${vals}`);
  if (x.alsoAt?.length) lines.push(`    ${dim("另见：")}${x.alsoAt.map(placeText).join("；")}（同一问题，只报一次）`);
  return lines;
}
