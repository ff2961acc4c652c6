/**
 * `--format csv`: one row per finding, for spreadsheets. UTF-8 with a byte-order mark so Excel reads the Chinese,
 * CRLF line ends and RFC 4180 quoting. A file that could not be read gets one row with 级别 "无法读取", so it is
 * not silently missing from the sheet. Cells that a spreadsheet would run as a formula are prefixed with "'". The last
 * columns are the stable id (baseline fingerprint), the group id (when the finding shares numbers with others or a
 * suggestion names one) and the suggestion.
 */
import type { FileResult } from "../../runner.js";
import type { Finding } from "../../engine/finding.js";
import type { RunHeader, RunResult, Summary } from "../result.js";
import { renderRun, type StreamFormatter } from "./stream.js";
import { fingerprint } from "../fingerprint.js";
import type { CrossDocumentResult } from "../../cross/check.js";
import { asFileFinding } from "../../cross/render.js";
import { roleLabel } from "../roles.js";

/** The header row, in Chinese (the sheet is read by people); rule ids stay as ids, to look up with `gouji explain`. */
export const CSV_COLUMNS = ["文件", "页", "行", "段", "表", "表内行", "表内列", "规则", "规则名称", "级别", "问题", "数字", "应为", "实为", "原文", "编号", "问题组", "修改建议", "单位", "年度"] as const;

const LEVEL: Record<Finding["severity"], string> = { error: "错误", warning: "警告", info: "提示" };
/** the 级别 of a file that could not be read */
export const FAILED_LEVEL = "无法读取";

/** RFC 4180: quote a field that holds a comma, quote, CR or LF; double the quotes inside. */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return "";
  let s = String(value);
  // a document's text must not become a spreadsheet formula (negative numbers stay numbers)
  if (/^[=+@\t\r]/.test(s) || /^-(?![\d.])/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function row(cells: (string | number | undefined)[]): string {
  return `${cells.map(csvField).join(",")}\r\n`;
}

/** the organisation and year a report names itself by (the last columns, to sort a folder's rows by them) */
type Meta = { organisation?: string | undefined; year?: number | undefined };

function findingRow(path: string, x: Finding, meta: Meta = {}): string {
  const l = x.location;
  const values = x.values.map((v) => `${v.label ? `${v.label} ` : ""}${v.text}${v.unit}（${roleLabel(v.role)}）`).join("; ");
  return row([
    path,
    l.page,
    l.line,
    l.paragraph,
    l.table ? (l.table.title || l.table.firstPart ? `${l.table.firstPart ?? l.table.index}${l.table.title ? ` ${l.table.title}` : ""}${l.table.firstPart ? "（续表）" : ""}` : l.table.index) : undefined,
    l.table?.row,
    l.table?.column,
    x.ruleId,
    x.ruleName,
    LEVEL[x.severity],
    x.message,
    values,
    x.expected,
    x.actual,
    l.snippet,
    x.id ?? fingerprint(x, path),
    x.group && (x.group.size > 1 || x.group.suggestion) ? x.group.id : undefined,
    x.group?.suggestion ? x.group.summary : undefined,
    meta.organisation,
    meta.year,
  ]);
}

export function csvStream(_header: RunHeader): StreamFormatter {
  const metas = new Map<string, Meta>();
  return {
    begin: () => `\uFEFF${row([...CSV_COLUMNS])}`,
    file(f: FileResult) {
      const meta: Meta = { organisation: f.organisation, year: f.year };
      metas.set(f.path, meta);
      if (f.status === "failed") {
        return row([f.path, undefined, undefined, undefined, undefined, undefined, undefined, f.error?.code, undefined, FAILED_LEVEL, f.error?.message]);
      }
      return f.findings.map((x) => findingRow(f.path, x, meta)).join("");
    },
    // a cross-document finding is a row of the report it belongs to; each value names its own file
    end: (_summary: Summary, cross?: CrossDocumentResult) => (cross?.findings ?? []).map((f) => findingRow(f.path, asFileFinding(f), metas.get(f.path))).join(""),
  };
}

export function formatCsv(run: RunResult): string {
  return renderRun(csvStream(run), run);
}
