/**
 * Physical tables → logical tables. A text export can run several tables together (表4 … 表5 … 表6 in one block);
 * a title row ("表5 一般公共预算支出情况表") inside a table starts the next one. Title, year, 编制单位 and 单位 rows
 * are taken out of the grid and kept as the logical table's identity.
 */
import type { Table, TableCell } from "../model/schema.js";
import { kindOfTitle, type TableKind } from "./kinds.js";
import { isBlank, squash } from "./text.js";

export interface Segment {
  table: Table;
  /** index of this logical table within its physical table (0 for the first) */
  part: number;
  title: string;
  kind?: TableKind;
  /** 万元 / 元 when stated by a 单位 line or the parser */
  unit?: string;
  /** the rows of the grid: headers and data */
  rows: TableCell[][];
  /** title, year and 编制单位 cells: what names-years checks */
  identity: TableCell[];
  /** 注 / 说明 / 备注 rows */
  notes: TableCell[];
}

const YEAR_ROW = /^[（(]?\d{4}年度?[）)]?$/;
const ORG_CELL = /^编制(?:单位|部门)[:：]/;
const UNIT_CELL = /^(?:金额)?单位[:：]\s*(万元|元|亿元)/;
const NOTE_CELL = /^(?:注|说明|备注)\s*\d*\s*[:：]/;

function nonEmpty(row: TableCell[]): TableCell[] {
  return row.filter((c) => c.text.trim() !== "");
}

/** A row that names a table ("表5⏎一般公共预算支出情况表", "项目支出绩效自评表"). */
function titleOf(row: TableCell[]): string | undefined {
  const cells = nonEmpty(row);
  if (cells.length !== 1) return undefined;
  const t = squash(cells[0]!.text);
  if (t.length > 48) return undefined;
  if (/^表\d+/.test(t) || kindOfTitle(t)) return cells[0]!.text.replace(/\s*\n\s*/g, " ").trim();
  return undefined;
}

export function segmentTable(table: Table): Segment[] {
  const out: Segment[] = [];
  let cur: Segment = { table, part: 0, title: table.title, rows: [], identity: [], notes: [] };
  if (table.unit) cur.unit = table.unit;
  const start = (title: string) => {
    out.push(cur);
    cur = { table, part: out.length, title, rows: [], identity: [], notes: [] };
  };
  for (const row of table.rows) {
    const cells = nonEmpty(row);
    if (cells.length === 0) {
      cur.rows.push(row);
      continue;
    }
    const title = titleOf(row);
    if (title) {
      if (cur.rows.some((r) => nonEmpty(r).length > 0)) start(title);
      else if (!kindOfTitle(cur.title)) cur.title = /^表\d+$/.test(squash(cur.title)) ? `${cur.title} ${title}` : title;
      cur.identity.push(cells[0]!);
      cur.kind = kindOfTitle(cur.title) ?? cur.kind;
      continue;
    }
    const texts = cells.map((c) => squash(c.text));
    if (cells.length === 1 && YEAR_ROW.test(texts[0]!)) {
      cur.identity.push(cells[0]!);
      continue;
    }
    if (texts.some((t) => ORG_CELL.test(t) || UNIT_CELL.test(t)) && !cells.some((c) => c.number)) {
      for (const c of cells) {
        const u = UNIT_CELL.exec(squash(c.text));
        if (u) cur.unit = u[1];
        if (ORG_CELL.test(squash(c.text))) cur.identity.push(c);
      }
      continue;
    }
    if (cells.length === 1 && NOTE_CELL.test(texts[0]!)) {
      cur.notes.push(cells[0]!);
      continue;
    }
    cur.rows.push(row);
  }
  out.push(cur);
  for (const s of out) {
    s.kind = kindOfTitle(s.title) ?? s.kind;
    while (s.rows.length && s.rows[s.rows.length - 1]!.every((c) => isBlank(c.text))) s.rows.pop();
  }
  // a segment that is only a title with nothing under it belongs to nobody
  return out.filter((s) => s.rows.length > 0 || s.kind);
}
