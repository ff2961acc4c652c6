/**
 * Triage of a run for people with a folder of reports: the files with the most errors first, totals by rule and by
 * kind of slip (of the groups whose cause one number explains), and how many files could not be read or were
 * skipped. Built file by file (a streamed run keeps only one short record per file); rendered as Chinese text for the
 * terminal (stderr) and the text format, and as data for the HTML report and the workbook.
 */
import type { FileResult } from "../runner.js";
import { ruleLabel, type Severity, type Slip } from "../engine/finding.js";

/** One file's counts, as the triage lists it. */
export interface FileTally {
  path: string;
  status: FileResult["status"];
  errorCode?: string;
  error: number;
  warning: number;
  info: number;
  /** groups of findings that share numbers, and how many of them name the number to correct */
  groups: number;
  suggestions: number;
  /** its only finding says it is no 预算/决算 disclosure (incomplete-reading's notDisclosure) */
  notDisclosure?: boolean;
}

/** A run's triage, accumulated file by file (`add`), read at the end. */
export class Triage {
  readonly files: FileTally[] = [];
  /** findings by rule id and level */
  readonly byRule = new Map<string, Record<Severity, number>>();
  /** the Chinese names of the rules met (Finding.ruleName), by id */
  readonly ruleNames = new Map<string, string>();
  /** groups with a suggestion, by the slip they name */
  readonly bySlip = new Map<Slip, number>();
  failed = 0;

  /** Counts one file's (shown) findings. */
  add(f: FileResult): void {
    const t: FileTally = { path: f.path, status: f.status, error: 0, warning: 0, info: 0, groups: 0, suggestions: 0 };
    if (f.error) t.errorCode = f.error.code;
    if (f.status === "failed") this.failed++;
    const seen = new Set<string>();
    for (const x of f.findings) {
      t[x.severity]++;
      const r = this.byRule.get(x.ruleId) ?? { error: 0, warning: 0, info: 0 };
      r[x.severity]++;
      this.byRule.set(x.ruleId, r);
      if (x.ruleName) this.ruleNames.set(x.ruleId, x.ruleName);
      if (x.group && !seen.has(x.group.id)) {
        seen.add(x.group.id);
        t.groups++;
        if (x.group.suggestion) {
          t.suggestions++;
          this.bySlip.set(x.group.suggestion.slip, (this.bySlip.get(x.group.suggestion.slip) ?? 0) + 1);
        }
      }
    }
    if (f.findings.length && f.findings.every((x) => x.ruleId === "incomplete-reading" && x.messageId === "notDisclosure")) t.notDisclosure = true;
    this.files.push(t);
  }

  /** Files with most errors first (then warnings, then unreadable ones), ties in path order. */
  worstFirst(): FileTally[] {
    return [...this.files].sort((a, b) => b.error - a.error || b.warning - a.warning || Number(b.status === "failed") - Number(a.status === "failed"));
  }

  /** Rules with most errors first, then warnings. */
  rulesByCount(): [string, Record<Severity, number>][] {
    return [...this.byRule].sort((a, b) => b[1].error - a[1].error || b[1].warning - a[1].warning || b[1].info - a[1].info || (a[0] < b[0] ? -1 : 1));
  }
}

/** The Chinese names of the slips, for people. */
export const SLIP_NAMES: Record<Slip, string> = {
  "transposed-digits": "数字顺序颠倒",
  "extra-digit": "多写一位数字",
  "missing-digit": "漏写一位数字",
  "yuan-for-wanyuan": "元/万元混用（万元处按元填写或单位误写）",
  "wanyuan-for-yuan": "元/万元混用（元处按万元填写）",
  "copied-neighbour": "抄用相邻数字",
  "prior-year-column": "填入上年数",
  other: "其他（按相关数字推算）",
};

export interface TriageTextOptions {
  /** files listed at most (the rest are counted) */
  maxFiles?: number;
  /** files skipped before checking (not a checkable format…), when the run knows */
  skipped?: number;
  /** leave out the list of files (the text format prints them in its table) */
  noFiles?: boolean;
  /** the cross-document findings' counts (summary.crossDocument), when the run made that pass */
  cross?: Record<Severity, number>;
  /** findings below --min-level (summary.hidden): said in one line, so that "提示 0 条" is not read as none found */
  hidden?: { warning: number; info: number };
}

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
      // a mark that may not begin a line ("；", "）") takes the character before it along (Chinese line breaking)
      const chars = [...line];
      const carry = NO_LINE_START.test(ch) && chars.length > 1 ? chars.pop()! : "";
      lines.push(chars.join(""));
      line = carry;
      w = carry ? charWidth(carry) : 0;
    }
    line += ch;
    w += cw;
  }
  lines.push(line);
  return lines.join("\n");
}

/** marks that may not begin a line */
const NO_LINE_START = /[、，。；：！？）」』》〉”’%,.;:!?)\]]/;

/** Terminal columns of a text (wide characters count two). */
function widthOf(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

/**
 * A line of the summary broken into lines of at most `width` terminal columns, after its separators (；，、 and
 * spaces) where it can, continued with a two-space indent; a piece longer than a line is broken by wrapToWidth.
 */
export function wrapAtSeparators(text: string, width: number): string {
  if (widthOf(text) <= width) return text;
  // the pieces end at 、，；：: a space inside one ("同一数字一致 same-figure 2（错误 2）") does not break it
  const pieces = text.match(/[^；，、：]*[；，、：]*/g)!.filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (const piece of pieces) {
    if (line && widthOf(line + piece) > width) {
      lines.push(line.trimEnd());
      line = "  ";
    }
    line += piece;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines.map((l) => wrapToWidth(l, width)).join("\n");
}

/** The triage as lines of Chinese text (no colour), each at most 80 terminal columns (a longer one wraps). */
export function triageText(t: Triage, opts: TriageTextOptions = {}): string {
  const max = opts.maxFiles ?? 20;
  const total = { error: 0, warning: 0, info: 0 };
  for (const f of t.files) for (const k of ["error", "warning", "info"] as const) total[k] += f[k];
  const lines: string[] = [];
  const skipped = opts.skipped ? `，跳过 ${opts.skipped} 个` : "";
  lines.push(`勾稽汇总：共 ${t.files.length} 个文件，无法读取 ${t.failed} 个${skipped}；错误 ${total.error} 条，警告 ${total.warning} 条，提示 ${total.info} 条`);
  const hidden = opts.hidden ? [opts.hidden.warning ? `警告 ${opts.hidden.warning} 条` : "", opts.hidden.info ? `提示 ${opts.hidden.info} 条` : ""].filter(Boolean) : [];
  if (hidden.length) lines.push(`另有${hidden.join("、")}低于显示级别，未列出（--min-level ${opts.hidden!.info ? "info" : "warning"} 可显示）`);
  if (opts.cross) lines.push(`跨文件：错误 ${opts.cross.error} 条，警告 ${opts.cross.warning} 条，提示 ${opts.cross.info} 条`);
  // files that are no disclosure at all are counted in one line, not listed among the files with problems
  const others = t.files.filter((f) => f.notDisclosure).length;
  const worst = t.worstFirst().filter((f) => (f.error + f.warning > 0 || f.status === "failed") && !f.notDisclosure);
  if (others) lines.push(`${others} 个文件未识别为部门预算或决算公开文件（各有一条警告），未核对其中数字`);
  if (worst.length && !opts.noFiles) {
    lines.push("问题最多的文件：");
    for (const f of worst.slice(0, max)) {
      const what = f.status === "failed" ? `无法读取（${f.errorCode ?? ""}）` : `错误 ${f.error}，警告 ${f.warning}${f.suggestions ? `，可指出应改数字 ${f.suggestions} 处` : ""}`;
      lines.push(`  ${f.path}  ${what}`);
    }
    if (worst.length > max) lines.push(`  ……另有 ${worst.length - max} 个文件有问题`);
  }
  const rules = t.rulesByCount().filter(([, n]) => n.error + n.warning > 0);
  if (rules.length) lines.push(`按规则：${rules.map(([id, n]) => `${ruleLabel({ ruleId: id, ruleName: t.ruleNames.get(id) })} ${n.error + n.warning}${n.error ? `（错误 ${n.error}）` : ""}`).join("；")}`);
  if (t.bySlip.size) {
    const slips = [...t.bySlip].sort((a, b) => b[1] - a[1]);
    lines.push(`按错误类型（能指出应改数字的问题组）：${slips.map(([s, n]) => `${SLIP_NAMES[s]} ${n}`).join("；")}`);
  }
  return `${lines.map((l) => wrapAtSeparators(l, 80)).join("\n")}\n`;
}
