/** Small text and number helpers shared by the table layer. */
import { Decimal } from "decimal.js";
import { asciiNumberText, normalizeDigits } from "../model/numbers.js";
import type { Location, PrintedNumber, TableCell } from "../model/schema.js";

/** "收  入  总  计" → "收入总计"; full-width digits to ASCII. */
export function squash(s: string): string {
  return normalizeDigits(s).replace(/[\s\u3000]+/g, "");
}

/** Drops list numbering and "其中：": "一、一般公共预算财政拨款收入" → "一般公共预算财政拨款收入". */
export function stripNumbering(s: string): string {
  let t = squash(s);
  for (let k = 0; k < 3; k++) {
    const before = t;
    t = t.replace(/^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、](?!\d)|其中[:：]?|加[:：]|减[:：])/, "");
    if (t === before) break;
  }
  return t;
}

/** How a row label is numbered: "一、" (top level), "1." or "（1）" (a child), or not at all. */
export function numberingOf(s: string): "cn" | "ar" | undefined {
  const t = squash(s);
  if (/^[一二三四五六七八九十]+[、.．]|^[（(][一二三四五六七八九十]+[）)]/.test(t)) return "cn";
  if (/^\d{1,2}[.．、](?!\d)|^[（(]\d{1,2}[）)]/.test(t)) return "ar";
  return undefined;
}

/** A cell that holds nothing or only a dash ("-", "—", "/"): no figure. */
export function isBlank(text: string): boolean {
  return /^[\s\u3000\-—–－/／\\]*$/.test(text);
}

/** The cell that covers column `col` of a row (cells carry their own column and span). */
export function cellAt(row: TableCell[], col: number): TableCell | undefined {
  return row.find((c) => c.column <= col && col < c.column + c.colSpan);
}

export function lastColumn(rows: TableCell[][]): number {
  let max = 0;
  for (const r of rows) for (const c of r) max = Math.max(max, c.column + c.colSpan - 1);
  return max;
}

const AMOUNT_UNITS = new Set(["万元", "元", "亿元", ""]);

/**
 * The amount a cell holds, in the table's unit. A cell number without a unit of its own takes the table's; one
 * with another unit (%, 分, 人 …) is not an amount.
 */
export function amountOf(cell: TableCell | undefined, unit: string, title?: string): PrintedNumber | undefined {
  const n = cell?.number;
  if (!n || !AMOUNT_UNITS.has(n.unit)) return undefined;
  if (/[^\d,.\s\-－]/.test(asciiNumberText(n.text))) return undefined;
  return Object.assign({}, n, { unit: n.unit || unit, location: relocate(n.location, title) });
}

/** The number a cell holds, whatever its unit ("100%", "10.00 分", "15"). */
export function numberOf(cell: TableCell | undefined, title?: string): PrintedNumber | undefined {
  const n = cell?.number;
  if (!n) return undefined;
  return Object.assign({}, n, { location: relocate(n.location, title) });
}

/** A cell's location under the logical table's title (one physical table may hold several logical ones). */
export function relocate(loc: Location, title?: string, firstPart?: number): Location {
  if (!loc.table) return loc;
  const part = firstPart !== undefined && firstPart !== loc.table.index ? { firstPart } : {};
  if ((!title || loc.table.title === title) && !("firstPart" in part)) return loc;
  return Object.assign({}, loc, { table: Object.assign({}, loc.table, title ? { title } : {}, part) });
}

const TEN_THOUSAND = new Decimal(10000);

/**
 * The same amount in 万元, for facts that must meet the narrative's figures. 元 with 2 decimals becomes 万元 with 6,
 * so the rounding interval is unchanged; `original` keeps the number as printed for citations.
 */
export function inWanyuan(n: PrintedNumber): PrintedNumber {
  if (n.unit === "万元" || n.unit === "") return Object.assign({}, n, { unit: "万元" });
  if (n.unit === "元") {
    const value = n.value.div(TEN_THOUSAND);
    const decimals = n.decimals + 4;
    return Object.assign({}, n, { value, decimals, text: value.toFixed(decimals), unit: "万元", original: { text: n.text, value: n.value, unit: n.unit } });
  }
  if (n.unit === "亿元") {
    const value = n.value.times(TEN_THOUSAND);
    const decimals = Math.max(0, n.decimals - 4);
    return Object.assign({}, n, { value, decimals, text: value.toFixed(decimals), unit: "万元", original: { text: n.text, value: n.value, unit: n.unit } });
  }
  return n;
}

/** An amount written inside a cell's text: "<=7.81万元", "≤6 万元", "=48.14元". */
export function amountInText(text: string): { value: Decimal; decimals: number; unit: string; raw: string } | undefined {
  const s = asciiNumberText(text).replace(/\s+/g, "");
  const m = /^(?:[<>≤≥＜＞=＝]+)?(-?\d[\d,]*(?:\.\d+)?)(亿元|万元|元)$/.exec(s);
  if (!m) return undefined;
  const raw = m[1]!.replace(/,/g, "");
  const i = raw.indexOf(".");
  return { value: new Decimal(raw), decimals: i < 0 ? 0 : raw.length - i - 1, unit: m[2]!, raw: m[1]! };
}
