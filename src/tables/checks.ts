/** Shared by the table rules: a table sum → an interval check and the data its finding cites. */
import { sumCheck, type Check } from "../engine/interval.js";
import { sumReport } from "../engine/sum-report.js";
import type { RuleContext } from "../engine/rule.js";
import type { PrintedNumber } from "../model/schema.js";
import type { TableSum, Term } from "./structure.js";
import { squash } from "./text.js";
import type { TableView } from "./view.js";

export function tableName(v: TableView): string {
  // "表04" printed above "2026年市级部门…总表" stays apart from the year it would run into
  return squash(v.title).replace(/^(表\d{1,3})(?=\d{4}年)/, "$1 ") || `表${v.table.index}`;
}

/** a performance table's name with its project, as the perf rules' messages print it */
export function perfTableName(v: TableView): string {
  return tableName(v) + (v.perf?.project ? `（${v.perf.project}）` : "");
}

export interface SumFinding {
  check: Check;
  data: Record<string, string>;
  values: { number: PrintedNumber; role: string; label?: string }[];
  total: PrintedNumber;
}

/** total = Σ parts, an empty part standing for zero; undefined when there is nothing to check. */
export function checkSum(total: Term, parts: Term[]): SumFinding | undefined {
  const t = total.number;
  const printed = parts.filter((p): p is Term & { number: PrintedNumber } => !!p.number);
  if (!t || printed.length === 0) return undefined;
  const check = sumCheck(t, printed.map((p) => p.number));
  const r = sumReport("sum", { label: total.label, number: t }, printed, check);
  // table messages name the row or column as {total} and print its number as {value}
  const data = { ...r.data, total: total.label, value: t.text, parts: printed.map((p) => `${p.label} ${p.number.text}`).join(" + ") };
  return { check, total: t, data, values: r.values };
}

export function sumFinding(s: TableSum): SumFinding | undefined {
  const f = checkSum(s.total, s.parts);
  if (f) {
    f.data.table = tableName(s.view);
    f.data.along = s.along;
  }
  return f;
}

/** Reports a table sum that fails, at its total's cell, with every term cited. */
export function reportTableSum(ctx: RuleContext, s: TableSum, messageId: string): void {
  const t = s.total.number;
  const printed = s.parts.filter((p): p is Term & { number: PrintedNumber } => !!p.number);
  if (!t || printed.length === 0) return;
  const check = sumCheck(t, printed.map((p) => p.number));
  if (check.verdict === "holds") {
    // most sums hold: a held check needs only its cited numbers (coverage, root-cause analysis), not the message data
    // sumFinding would format for every one of them (the same values, in the same order, as sumReport cites)
    const values = [{ number: t, role: "total", label: s.total.label }, ...printed.map((p) => ({ number: p.number, role: "part", label: p.label }))];
    ctx.reportCheck(check, { messageId, data: {}, location: t.location, values });
    return;
  }
  const f = sumFinding(s);
  if (!f) return;
  ctx.reportCheck(f.check, { messageId, data: f.data, location: f.total.location, values: f.values, actual: f.total.value.toFixed(f.total.decimals) });
}
