/**
 * `--format xlsx`: a workbook for auditors (written with exceljs, a kept library: the OOXML package, shared strings,
 * styles, frozen panes, filters and hyperlinks are its business, not ours). Three sheets:
 * - 问题: one row per finding — its stable id (the baseline fingerprint), file (linked), organisation, year, kind,
 *   place, rule, level, group, suggestion, message, every cited value, what it should read and reads (应为 / 实为)
 *   and the sentence it comes from (原文); the cross-document findings too, each a
 *   row of the report it belongs to, its place marked 跨文件;
 * - 文件: one row per file, worst first — counts, groups, suggestions, the reason a file could not be read;
 * - 汇总: totals by rule and by kind of slip.
 * Every sheet has a frozen header row, an auto filter and column widths fitted to its content. The workbook is built
 * at the end of the run (rows of every file are held until then; a row is a few hundred bytes).
 */
import type { FileResult } from "../../runner.js";
import type { Finding } from "../../engine/finding.js";
import type { RunHeader, Summary } from "../result.js";
import type { StreamFormatter } from "./stream.js";
import { fingerprint } from "../fingerprint.js";
import { placeText } from "./text.js";
import { SLIP_NAMES, Triage } from "../triage.js";
import { fileLink, type LinkBase } from "../links.js";
import type { CrossDocumentResult } from "../../cross/check.js";
import { asFileFinding } from "../../cross/render.js";

const LEVEL = { error: "错误", warning: "警告", info: "提示" } as const;

/** The findings sheet's columns: key and header, in order. */
export const XLSX_FINDING_COLUMNS = [
  ["file", "文件"],
  ["organisation", "单位"],
  ["year", "年度"],
  ["kind", "类型"],
  ["place", "位置"],
  ["rule", "规则"],
  ["ruleName", "规则名称"],
  ["level", "级别"],
  ["group", "问题组"],
  ["suggestion", "修改建议"],
  ["message", "问题"],
  ["values", "涉及数字"],
  ["expected", "应为"],
  ["actual", "实为"],
  ["snippet", "原文"],
  ["id", "编号"],
] as const;

/** The files sheet's columns. */
export const XLSX_FILE_COLUMNS = [
  ["file", "文件"],
  ["organisation", "单位"],
  ["year", "年度"],
  ["kind", "类型"],
  ["status", "状态"],
  ["error", "错误"],
  ["warning", "警告"],
  ["info", "提示"],
  ["groups", "问题组"],
  ["suggestions", "可指出应改数字"],
] as const;

type Row = Record<string, string | number | { text: string; hyperlink: string }>;

function citedValues(x: Finding): string {
  return x.values.map((v) => `${v.label ? `${v.label} ` : ""}${v.text}${v.unit}（${placeText(v.location)}）`).join("；");
}

/** A streamed formatter whose output is binary: `end` returns "" and `finish` the workbook's bytes. */
export interface BinaryStreamFormatter extends StreamFormatter {
  /** `cross`: the cross-document pass over the whole run, its findings rows of the reports they belong to */
  finish(summary: Summary, cross?: CrossDocumentResult): Promise<Uint8Array>;
}

export function xlsxStream(header: RunHeader, base: LinkBase = {}): BinaryStreamFormatter {
  const findingRows: Row[] = [];
  const files = new Map<string, FileResult>();
  const triage = new Triage();
  return {
    begin: () => "",
    file(f) {
      triage.add(f);
      files.set(f.path, { ...f, findings: [] });
      const link = { text: f.path, hyperlink: fileLink(f.path, base) };
      const meta = { organisation: f.organisation ?? "", year: f.year ?? "", kind: f.kind && f.kind !== "unknown" ? f.kind : "" };
      if (f.status === "failed") {
        findingRows.push({ file: link, ...meta, place: "", rule: f.error?.code ?? "", level: "无法读取", group: "", suggestion: "", message: f.error?.message ?? "", values: "", expected: "", actual: "", snippet: "", id: "" });
      }
      for (const x of f.findings) findingRows.push(findingRow(x, f.path, link, meta));
      return "";
    },
    end: () => "",
    async finish(summary, cross) {
      // a cross-document finding is a row of the report it belongs to (as in CSV); its values name their own files
      for (const c of cross?.findings ?? []) {
        const f = files.get(c.path);
        const meta = { organisation: f?.organisation ?? "", year: f?.year ?? "", kind: f?.kind && f.kind !== "unknown" ? f.kind : "" };
        findingRows.push(findingRow(asFileFinding(c), c.path, { text: c.path, hyperlink: fileLink(c.path, base) }, meta, "跨文件："));
      }
      const { default: ExcelJS } = await import("exceljs");
      const wb = new ExcelJS.Workbook();
      wb.creator = `${header.tool.name} ${header.tool.version}`;
      const sheet = (name: string, columns: readonly (readonly [string, string])[], rows: Row[]) => {
        const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
        ws.columns = columns.map(([key, h]) => ({ key, header: h, width: width(h, rows.map((r) => r[key])) }));
        for (const r of rows) ws.addRow(r);
        ws.getRow(1).font = { bold: true };
        ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: columns.length } };
        for (const [i, [key]] of columns.entries()) {
          if (key === "file") ws.getColumn(i + 1).eachCell((c, n) => n > 1 && (c.font = { color: { argb: "FF1F4E99" }, underline: true }));
          if (key === "message" || key === "suggestion" || key === "values" || key === "snippet") ws.getColumn(i + 1).alignment = { wrapText: true, vertical: "top" };
        }
        return ws;
      };
      sheet("问题", XLSX_FINDING_COLUMNS, findingRows);
      const fileRows: Row[] = triage.worstFirst().map((t) => {
        const f = files.get(t.path)!;
        return {
          file: { text: t.path, hyperlink: fileLink(t.path, base) },
          organisation: f.organisation ?? "",
          year: f.year ?? "",
          kind: f.kind && f.kind !== "unknown" ? f.kind : "",
          status: t.status !== "ok" ? `无法读取：${t.errorCode ?? ""}` : t.notDisclosure ? "非预决算" : "已读取",
          error: t.error,
          warning: t.warning,
          info: t.info,
          groups: t.groups,
          suggestions: t.suggestions,
        };
      });
      sheet("文件", XLSX_FILE_COLUMNS, fileRows);
      const totals: Row[] = [
        { what: "文件", name: "共计", count: summary.files },
        { what: "文件", name: "无法读取", count: summary.failed },
        ...((summary as Summary & { skipped?: number }).skipped ? [{ what: "文件", name: "跳过", count: (summary as Summary & { skipped?: number }).skipped! }] : []),
        ...triage.rulesByCount().map(([id, n]) => ({ what: "规则", name: triage.ruleNames.has(id) ? `${triage.ruleNames.get(id)}（${id}）` : id, count: n.error + n.warning + n.info, error: n.error, warning: n.warning, info: n.info })),
        ...[...triage.bySlip].sort((a, b) => b[1] - a[1]).map(([s, n]) => ({ what: "错误类型", name: `${SLIP_NAMES[s]}（${s}）`, count: n })),
      ];
      sheet("汇总", [["what", "分类"], ["name", "项目"], ["count", "数量"], ["error", "错误"], ["warning", "警告"], ["info", "提示"]], totals);
      return new Uint8Array(await wb.xlsx.writeBuffer());
    },
  };
}

/** One row of the 问题 sheet; `prefix` marks the place of a cross-document finding ("跨文件：第3页"). */
function findingRow(x: Finding, path: string, link: Row[string], meta: Row, prefix = ""): Row {
  return {
    file: link,
    ...meta,
    place: prefix + placeText(x.location),
    rule: x.ruleId,
    ruleName: x.ruleName ?? "",
    level: LEVEL[x.severity],
    group: x.group && (x.group.size > 1 || x.group.suggestion) ? x.group.id : "",
    suggestion: x.group?.suggestion ? x.group.summary : "",
    message: x.message,
    values: citedValues(x),
    expected: x.expected ?? "",
    actual: x.actual ?? "",
    snippet: x.location.snippet,
    id: x.id ?? fingerprint(x, path),
  };
}

/** A column wide enough for its header and most of its cells (CJK characters count double), within 8–80. */
function width(header: string, cells: Row[string][]): number {
  const len = (v: Row[string] | undefined) => {
    const s = v === undefined ? "" : typeof v === "object" ? v.text : String(v);
    let n = 0;
    for (const ch of s) n += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
    return n;
  };
  const sample = cells.slice(0, 500).map(len).sort((a, b) => a - b);
  const p90 = sample.length ? sample[Math.floor(sample.length * 0.9)]! : 0;
  return Math.min(80, Math.max(8, len(header) + 2, p90 + 2));
}
