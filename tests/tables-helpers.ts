/** Small reports with tables for the table layer's tests: tab-separated rows make tables in a .txt export. */
import { txtBlocks } from "../src/parse/txt.js";
import { lintDocument } from "../src/lint.js";
import { makeContext } from "../src/engine/rule.js";
import type { Finding } from "../src/engine/finding.js";
import type { Report } from "../src/model/schema.js";
import { rules } from "../rules/index.js";

/** Rows of cells → tab-separated lines. */
export function tsv(...rows: (string | number)[][]): string {
  return rows.map((r) => r.join("\t")).join("\n");
}

export function reportOf(text: string): Report {
  return lintDocument({ format: "txt", blocks: txtBlocks(text) }, "x.txt", { rules: [] }).report;
}

/** One rule's findings, every one of them (the engine's de-duplication is not applied). */
export function run(text: string | Report, ruleId: string): Finding[] {
  const report = typeof text === "string" ? reportOf(text) : text;
  const rule = rules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const out: Finding[] = [];
  rule.check(report, makeContext(rule, out));
  return out;
}

/** rule severity: cited values as text@row,column of their table (or @line) → expected≠actual */
export function brief(f: Finding): string {
  const at = (v: Finding["values"][number]) => (v.location.table ? `${v.text}@${v.location.table.row},${v.location.table.column}` : `${v.text}@L${v.location.line ?? v.location.page}`);
  return `${f.severity} [${f.values.map(at).join(" ")}] ${f.expected ?? ""}≠${f.actual ?? ""}`;
}

export const FINAL_HEAD = "测试局2024年度部门决算\n第二部分 部门决算情况说明\n";
export const BUDGET_HEAD = "测试局2022年部门预算\n第二部分 2022年部门预算公开表\n";
