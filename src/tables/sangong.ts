/**
 * The “三公” table. Its columns are read from the header words, not from fixed positions: regions order them
 * differently (合计 因公出国 公务用车(小计 购置 运行) 公务接待 in Xinjiang; 合计 因公出国 公务接待 公务用车(…)
 * 机关运行经费 in Shanghai's 预算), and a 决算 prints each with 预算数 and 决算数, interleaved or in two blocks.
 */
import type { Fact, PrintedNumber, TableCell } from "../model/schema.js";
import { amountOf, isBlank, squash, stripNumbering } from "./text.js";

export type SangongItem = "total" | "abroad" | "vehicle" | "purchase" | "operation" | "reception" | "operating";

export const SANGONG_CONCEPT: Record<SangongItem, string> = {
  total: "sangong.total",
  abroad: "sangong.abroad",
  vehicle: "sangong.vehicle",
  purchase: "sangong.vehicle.purchase",
  operation: "sangong.vehicle.operation",
  reception: "sangong.reception",
  operating: "operating.expense",
};

export const SANGONG_NAME: Record<SangongItem, string> = {
  total: "“三公”经费合计",
  abroad: "因公出国（境）费",
  vehicle: "公务用车购置及运行费",
  purchase: "公务用车购置费",
  operation: "公务用车运行费",
  reception: "公务接待费",
  operating: "机关运行经费",
};

export interface SangongSlot {
  item: SangongItem;
  measure: Fact["measure"];
  /** undefined when the cell is empty */
  number?: PrintedNumber;
  cell?: TableCell;
}

export interface Sangong {
  slots: SangongSlot[];
}

interface Token {
  row: number;
  col: number;
  /** "other": a column of the same row that is no 三公 item (苏州 prints 会议费 and 培训费 after 公务接待费) */
  type: "total" | "abroad" | "group" | "purchase" | "operation" | "reception" | "operating" | "other" | "budget" | "actual";
}

function tokenOf(text: string): Token["type"] | undefined {
  const t = squash(text);
  // "“三公”经费合计" heads the total's column (苏州); a bare "“三公”经费" is a group header over all of them
  if (/^合计$|^“?三公”?经费合计$/.test(t)) return "total";
  if (/^“?三公”?经费(?:预算数|决算数)?$/.test(t)) return undefined;
  if (/^(?:会议费|培训费)$/.test(t)) return "other";
  if (/因公出国/.test(t)) return "abroad";
  if (/公务用车购置及运行/.test(t)) return "group";
  if (/^(?:公务用车)?购置费$/.test(t)) return "purchase";
  if (/^(?:公务用车)?运行(?:维护)?费$/.test(t)) return "operation";
  if (/公务接待/.test(t)) return "reception";
  if (/机关运行经费/.test(t)) return "operating";
  if (/^预算数$/.test(t)) return "budget";
  if (/^决算数$/.test(t)) return "actual";
  return undefined;
}

export function readSangong(rows: TableCell[][], unit: string, title: string, isFinal: boolean, byColumn = false): Sangong | undefined {
  const dataIdx = rows.findIndex((r) => r.some((c) => c.number) && r.every((c) => isBlank(c.text) || c.number || tokenOf(c.text)));
  if (dataIdx < 0) return { slots: [] };
  const tokens: Token[] = [];
  if (byColumn) {
    // each column's header read top to bottom as one text: header cells a PDF broke over lines ("公务用车购置" / "费",
    // "“三公”经费" / "合计") name their item whole
    const texts = new Map<number, string>();
    // (a line numbering the columns, "** 1 2 3", is no part of it)
    for (const r of rows.slice(0, dataIdx)) for (const c of r) if (!c.number && !/^(?:\*+|栏次|行次)$/.test(squash(c.text))) texts.set(c.column, (texts.get(c.column) ?? "") + squash(c.text));
    for (const [col, text] of texts) {
      const type = tokenOf(text);
      if (type) tokens.push({ row: 0, col, type });
    }
  } else {
    rows.slice(0, dataIdx).forEach((r, k) => {
      for (const c of r) {
        const type = tokenOf(c.text);
        if (type) tokens.push({ row: k, col: c.column, type });
      }
    });
  }
  const firstTotal = tokens.find((t) => t.type === "total");
  // the items in column order; a 决算 printing 预算数 and 决算数 in two blocks names each item twice: the first counts
  const seen = new Set<string>();
  const top = tokens
    .filter((t) => (t.type === "total" ? t === firstTotal : ["abroad", "group", "reception", "operating", "other"].includes(t.type)))
    .sort((a, b) => a.col - b.col || a.row - b.row)
    .filter((t) => {
      const key = t.type === "other" ? `other${t.col}` : t.type;
      return !seen.has(key) && !!seen.add(key);
    });
  if (!top.some((t) => t.type === "abroad")) return readVertical(rows, unit, title, isFinal);
  const hasSub = tokens.some((t) => t.type === "purchase" || t.type === "operation");
  const items: (SangongItem | "other")[] = [];
  for (const t of top) {
    if (t.type === "group") items.push(...(hasSub ? (["vehicle", "purchase", "operation"] as const) : (["vehicle"] as const)));
    else items.push(t.type as SangongItem | "other");
  }
  const measures = tokens.filter((t) => t.type === "budget" || t.type === "actual").sort((a, b) => a.row - b.row || a.col - b.col);
  let order: { item: SangongItem | "other"; measure: Fact["measure"] }[];
  const base: Fact["measure"] = "actual";
  if (isFinal && measures.length === 2 * items.length) {
    order = [];
    items.forEach((item, k) => {
      order.push({ item, measure: measures[2 * k]!.type === "budget" ? "budget" : "actual" });
      order.push({ item, measure: measures[2 * k + 1]!.type === "budget" ? "budget" : "actual" });
    });
  } else if (isFinal && measures.length === 2) {
    const first: Fact["measure"] = measures[0]!.type === "budget" ? "budget" : "actual";
    const second: Fact["measure"] = first === "budget" ? "actual" : "budget";
    order = [...items.map((item) => ({ item, measure: first })), ...items.map((item) => ({ item, measure: second }))];
  } else if (measures.length === 0 || !isFinal) {
    order = items.map((item) => ({ item, measure: base }));
  } else return byColumn ? undefined : readSangong(rows, unit, title, isFinal, true);

  const row = rows[dataIdx]!;
  // the value cells: every cell of the row (empty ones included) but a label such as "决算数"
  let cells = row.filter((c) => !tokenOf(c.text));
  while (cells.length > order.length && isBlank(cells[cells.length - 1]!.text)) cells = cells.slice(0, -1);
  while (cells.length > order.length && isBlank(cells[0]!.text)) cells = cells.slice(1);
  if (cells.length !== order.length) return byColumn ? undefined : readSangong(rows, unit, title, isFinal, true);
  return {
    // the columns that are no 三公 item only kept the others in place
    slots: order.flatMap((o, k) => {
      if (o.item === "other") return [];
      const cell = cells[k]!;
      const number = amountOf(cell, unit, title);
      const slot: SangongSlot = { item: o.item, measure: o.measure, cell };
      if (number) slot.number = number;
      return [slot];
    }),
  };
}

/** The items a vertical “三公” table must list, one row each, for its rows to be taken as the items. */
const VERTICAL_NEEDS: SangongItem[] = ["total", "abroad", "reception"];

/**
 * A “三公” table that lists the items as rows (泉州: "项目 | 预算数" over "合计 | 1700.17", "1、因公出国（境）费用 | 0.00",
 * "2、公务接待费", "3、公务用车购置及运行费", "其中：（1）公务用车购置费", "（2）公务用车运行费"): each row's label, without
 * its numbering, names the item; the columns headed 预算数 / 决算数 give the measure (one unnamed figure column: the
 * report's own). Undefined unless the total, 因公出国 and 公务接待 rows are there, each once, with one figure per column.
 */
function readVertical(rows: TableCell[][], unit: string, title: string, isFinal: boolean): Sangong | undefined {
  const header = rows.findIndex((r) => r.some((c) => tokenOf(c.text) === "budget" || tokenOf(c.text) === "actual"));
  const measureCols = header < 0 ? [] : rows[header]!.filter((c) => tokenOf(c.text) === "budget" || tokenOf(c.text) === "actual").map((c) => ({ col: c.column, measure: (tokenOf(c.text) === "budget" && isFinal ? "budget" : "actual") as Fact["measure"] }));
  const slots: SangongSlot[] = [];
  const seen = new Set<SangongItem>();
  for (const r of rows.slice(header + 1)) {
    const labelCell = r.find((c) => !isBlank(c.text) && !c.number);
    if (!labelCell) continue;
    const type = tokenOf(stripNumbering(labelCell.text));
    const item: SangongItem | undefined = type === "group" ? "vehicle" : type && type !== "budget" && type !== "actual" && type !== "other" ? type : undefined;
    if (!item) continue;
    if (seen.has(item)) return undefined;
    seen.add(item);
    const valueCells = r.filter((c) => c.column > labelCell.column);
    const cols = measureCols.length ? measureCols : valueCells.length === 1 ? [{ col: valueCells[0]!.column, measure: "actual" as Fact["measure"] }] : [];
    if (!cols.length) return undefined;
    for (const m of cols) {
      const cell = r.find((c) => c.column === m.col);
      if (!cell) return undefined;
      const slot: SangongSlot = { item, measure: m.measure, cell };
      const number = amountOf(cell, unit, title);
      if (number) slot.number = number;
      else if (!isBlank(cell.text)) return undefined;
      slots.push(slot);
    }
  }
  return VERTICAL_NEEDS.every((i) => seen.has(i)) ? { slots } : undefined;
}
