import { Decimal } from "decimal.js";
import type { Location, PrintedNumber } from "./schema.js";

/** Units a printed number can carry. Order matters: longest first, so "万元" wins over "元". */
export const UNITS = [
  "亿元", "万元", "元", "%", "平方米", "人次", "批次", "台（套）", "台(套)", "个", "人", "次", "辆", "家", "项", "分", "场", "台", "套", "天", "户", "名",
] as const;
export type Unit = (typeof UNITS)[number] | "";

/**
 * A number for a message, in the unit it is compared in: a table figure printed in 元 and compared in 万元 reads
 * "87.36万元（表中为873,617.00元）", so that both sides of a message stand in one unit.
 */
export function shown(n: PrintedNumber): string {
  if (!n.original) return `${n.text}${n.unit}`;
  const plain = n.value.toFixed(n.decimals).replace(/(\.\d\d\d*?)0+$/, "$1");
  return `${plain}${n.unit}（原表为${n.original.text}${n.original.unit}）`;
}

const FULL_WIDTH: Record<string, string> = {
  "０": "0", "１": "1", "２": "2", "３": "3", "４": "4", "５": "5", "６": "6", "７": "7", "８": "8", "９": "9",
  "．": ".", "％": "%", "－": "-", "﹣": "-", "−": "-",
};

/**
 * Replaces full-width digits, the full-width point, percent and minus with their ASCII forms.
 * Every replacement is one UTF-16 unit for one, so offsets into the normalised text are offsets into the original.
 */
const FULL_WIDTH_CHAR = /[０-９．％－﹣−]/;
export function normalizeDigits(text: string): string {
  // most text has none: a test is much cheaper than a replace with a callback that finds nothing
  if (!FULL_WIDTH_CHAR.test(text)) return text;
  return text.replace(/[０-９．％－﹣−]/g, (c) => FULL_WIDTH[c] ?? c);
}

export interface ScannedNumber {
  /** offset of the first character of the number (sign included) in the text */
  start: number;
  /** offset just past the unit (or the number when there is no unit) */
  end: number;
  /** the number exactly as printed, thousands separators included, unit excluded */
  text: string;
  value: Decimal;
  /** digits after the decimal point: the rounding interval is value ± 0.5·10^-decimals */
  decimals: number;
  unit: Unit;
}

/**
 * Thousands separators: the ASCII comma, the full-width comma "，" (a Chinese input method types it for ",") and the
 * thin and narrow no-break spaces some typesetters put between groups. A plain space is not one: text extracted from
 * tables separates columns with spaces ("基本工资 1 234.56" may be two cells), so "1 234.56" stays two numbers.
 */
const GROUP_SEPARATORS = [",", "，", "\u2009", "\u202F"];
/**
 * Spaces a PDF or Word extraction leaves between the point and the fraction ("41. 80万元" is one number, 41.80):
 * the text runs were split at the point. At most one such character.
 */
const POINT_GAP = "[ \u00A0\u2009\u202F]";

// An integer part grouped by thousands, with one separator used throughout and every group after the first exactly
// three digits; a group followed by more digits or by the separator and a digit ("12，345，6789", "第3，5，7项") is
// not a thousands group, and the digits are read as separate numbers.
const GROUPED = GROUP_SEPARATORS.map((s) => `\\d{1,3}(?:${s}\\d{3})+(?!\\d|${s}\\d)`).join("|");

// A number: optional sign, an integer part (grouped or plain), an optional fraction whose digits may follow the
// point after one extraction gap. The lookbehind keeps us from starting inside another number or an identifier
// (e.g. "UPS2"; "2010302" is still taken whole). Matched against the text after normalizeDigits, so full-width
// digits are digits.
const NUMBER_RE = new RegExp(`(?<![\\d.,A-Za-z])(-)?(${GROUPED}|\\d+)(?:\\.(${POINT_GAP}?)(\\d+))?(?!\\d)`, "g");
const UNIT_RE = new RegExp(`^\\s?(${UNITS.map((u) => u.replace(/[()（）]/g, "\\$&")).join("|")})`);
/** Where a list's numbering stands ("1. 80万元用于…" after the start or a colon): a short "1." there numbers an item. */
const LIST_POSITION = /(?:^|[：:；;。！？!?\n])\s*$/;

/**
 * A printed number in the ASCII form the cell and in-text readers match: full-width digits, point and percent, a
 * full-width comma or thin space between thousands groups (→ ","), a gap after the point (removed). Not
 * length-preserving; for offsets use scanNumbers.
 */
export function asciiNumberText(text: string): string {
  return normalizeDigits(text)
    .replace(/(?<=\d)[，\u2009\u202F](?=\d{3}(?!\d))/g, ",")
    .replace(/(?<=\d\.)[ \u00A0\u2009\u202F](?=\d)/g, "");
}

/**
 * Parses the printed form of a number ("1,612.98", "-13.35", "１２", "１，２３４.５６", "41. 80") into a Decimal;
 * undefined when the text is not one number.
 */
export function parseDecimal(raw: string): Decimal | undefined {
  const s = normalizeDigits(raw).replace(/[,，\s\u00A0\u2009\u202F]/g, "");
  if (!/^-?\d+(\.\d+)?$/.test(s)) return undefined;
  return new Decimal(s);
}

/**
 * A number found in a piece of text, as printed ("1,234.50", its unit and place); undefined when `raw` is no number.
 * For numbers the model's scan does not hold: a figure inside a table cell's words ("偏差率－5%", ">=90%%").
 */
export function printedNumber(raw: string, unit: string, location: Location): PrintedNumber | undefined {
  const value = parseDecimal(raw);
  return value ? { text: raw, value, decimals: decimalsOf(raw), unit, location } : undefined;
}

/** Digits after the decimal point of a printed number ("41. 80" → 2, "1,234" → 0). */
export function decimalsOf(raw: string): number {
  const i = raw.indexOf(".") >= 0 ? raw.indexOf(".") : raw.indexOf("．");
  return i < 0 ? 0 : raw.slice(i + 1).replace(/[^\d０-９]/g, "").length;
}

/** What a damaged byte or an unmapped glyph was replaced with (see src/parse/decode.ts, src/parse/pdf.ts). */
const REPLACEMENT = "\uFFFD";

/**
 * Finds every number in a line of text, with its unit when one follows it. Full-width digits, point, comma and percent
 * are read as their ASCII forms; `text` keeps the number as printed. Offsets are into `text`. A number next to a
 * replacement character (U+FFFD: "1�2.45", "12�", "12.�5") is not read: some of its digits are lost, and what is left
 * is another number.
 */
export function scanNumbers(text: string): ScannedNumber[] {
  const norm = normalizeDigits(text);
  const out: ScannedNumber[] = [];
  const re = new RegExp(NUMBER_RE);
  for (let m = re.exec(norm); m; m = re.exec(norm)) {
    let start = m.index;
    let sign = m[1] ?? "";
    // "2021-2023" is a range, not a negative number; a sign must not follow a digit.
    if (sign && start > 0 && /[\d]/.test(norm[start - 1]!)) {
      start += 1;
      sign = "";
    }
    let integer = m[2]!;
    let fraction: string | undefined = m[4];
    let numEnd = m.index + m[0].length;
    // "1. 80万元用于…" at the start of a list item: "1." numbers the item and 80 is the next number
    if (m[3] && /^\d{1,2}$/.test(integer) && LIST_POSITION.test(norm.slice(0, start))) {
      fraction = undefined;
      numEnd = m.index + (m[1] ?? "").length + integer.length;
      re.lastIndex = numEnd + 1;
    }
    {
      const next = norm[numEnd] === "." || norm[numEnd] === "," ? norm[numEnd + 1] : norm[numEnd];
      if (norm[m.index - 1] === REPLACEMENT || next === REPLACEMENT) continue;
    }
    const after = norm.slice(numEnd, numEnd + 6);
    const um = UNIT_RE.exec(after);
    let unit: Unit = "";
    let end = numEnd;
    if (um) {
      unit = um[1] as Unit;
      end = numEnd + um[0].length;
    }
    integer = integer.replace(/[^\d]/g, "");
    out.push({
      start,
      end,
      text: text.slice(start, numEnd),
      value: new Decimal(sign + integer + (fraction ? `.${fraction}` : "")),
      decimals: fraction?.length ?? 0,
      unit,
    });
  }
  // "年初结转和结余零万元": an amount written as the word 零 (older 决算说明, web pages) is the amount 0
  const zero = new RegExp(ZERO_AMOUNT_RE);
  let added = false;
  for (let m = zero.exec(norm); m; m = zero.exec(norm)) {
    out.push({ start: m.index, end: m.index + m[0].length, text: "零", value: new Decimal(0), decimals: 0, unit: m[1] as Unit });
    added = true;
  }
  return added ? out.sort((a, b) => a.start - b.start) : out;
}

/** 零 alone before an amount unit (not inside a numeral such as 一千零五十万元, nor 零星 / 零余额). */
const ZERO_AMOUNT_RE = /(?<![一二三四五六七八九十百千万亿两〇零\d])零(万元|亿元|元)/g;

/** The amount units, as powers of ten of 元. */
const AMOUNT_EXPONENT: Record<string, number> = { 元: 0, 万元: 4, 亿元: 8 };

/**
 * Amounts printed in different units (a total of "1.26亿元" whose parts are in 万元) expressed in the coarsest of
 * them, exactly: 4,500.00万元 becomes 0.450000亿元 — the value divided by a power of ten and the decimals raised by its
 * exponent, so every rounding interval is unchanged. `original` keeps the number as printed, for citations.
 * Returns the numbers unchanged when they share one unit or when any of them is not an amount.
 */
export function inCommonAmountUnit(ns: PrintedNumber[]): PrintedNumber[] {
  if (ns.some((n) => AMOUNT_EXPONENT[n.unit] === undefined) || new Set(ns.map((n) => n.unit)).size <= 1) return ns;
  const coarsest = ns.reduce((u, n) => (AMOUNT_EXPONENT[n.unit]! > AMOUNT_EXPONENT[u]! ? n.unit : u), ns[0]!.unit);
  return ns.map((n) => {
    const k = AMOUNT_EXPONENT[coarsest]! - AMOUNT_EXPONENT[n.unit]!;
    if (k === 0) return n;
    const value = n.value.div(new Decimal(10).pow(k));
    const decimals = n.decimals + k;
    return { ...n, value, decimals, text: value.toFixed(decimals), unit: coarsest, original: n.original ?? { text: n.text, value: n.value, unit: n.unit } };
  });
}
