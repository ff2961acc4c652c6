import { Decimal } from "decimal.js";

/** Units a printed number can carry. Order matters: longest first, so "万元" wins over "元". */
export const UNITS = [
  "亿元", "万元", "元", "%", "平方米", "人次", "批次", "台（套）", "台(套)", "个", "人", "次", "辆", "家", "项", "分", "场", "台", "套", "天", "户", "名",
] as const;
export type Unit = (typeof UNITS)[number] | "";

const FULL_WIDTH: Record<string, string> = {
  "０": "0", "１": "1", "２": "2", "３": "3", "４": "4", "５": "5", "６": "6", "７": "7", "８": "8", "９": "9",
  "．": ".", "％": "%", "－": "-", "﹣": "-", "−": "-",
};

/**
 * Replaces full-width digits, the full-width point, percent and minus with their ASCII forms.
 * Every replacement is one UTF-16 unit for one, so offsets into the normalised text are offsets into the original.
 */
export function normalizeDigits(text: string): string {
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

// A number: optional sign, digits with optional thousands separators, optional fraction. The lookbehind keeps us
// from starting inside another number or an identifier (e.g. "UPS2", "2010302" is still taken whole).
const NUMBER_RE = /(?<![\d.,A-Za-z])(-)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\d])/g;
const UNIT_RE = new RegExp(`^\\s?(${UNITS.map((u) => u.replace(/[()（）]/g, "\\$&")).join("|")})`);

/** Parses the printed form of a number ("1,612.98", "-13.35", "１２") into a Decimal. */
export function parseDecimal(raw: string): Decimal | undefined {
  const s = normalizeDigits(raw).replace(/[,，\s]/g, "");
  if (!/^-?\d+(\.\d+)?$/.test(s)) return undefined;
  return new Decimal(s);
}

export function decimalsOf(raw: string): number {
  const i = raw.indexOf(".");
  return i < 0 ? 0 : raw.length - i - 1;
}

/** What a damaged byte or an unmapped glyph was replaced with (see src/parse/decode.ts, src/parse/pdf.ts). */
const REPLACEMENT = "\uFFFD";

/**
 * Finds every number in a line of text, with its unit when one follows it. A number next to a replacement character
 * (U+FFFD: "1�2.45", "12�", "12.�5") is not read: some of its digits are lost, and what is left is another number.
 */
export function scanNumbers(text: string): ScannedNumber[] {
  const norm = normalizeDigits(text);
  const out: ScannedNumber[] = [];
  for (const m of norm.matchAll(NUMBER_RE)) {
    let start = m.index!;
    let sign = m[1] ?? "";
    // "2021-2023" is a range, not a negative number; a sign must not follow a digit.
    if (sign && start > 0 && /[\d]/.test(norm[start - 1]!)) {
      start += 1;
      sign = "";
    }
    const body = m[2]! + (m[3] ?? "");
    const numEnd = m.index! + m[0].length;
    const next = norm[numEnd] === "." || norm[numEnd] === "," ? norm[numEnd + 1] : norm[numEnd];
    if (norm[m.index! - 1] === REPLACEMENT || next === REPLACEMENT) continue;
    const after = norm.slice(numEnd, numEnd + 6);
    const um = UNIT_RE.exec(after);
    let unit: Unit = "";
    let end = numEnd;
    if (um) {
      unit = um[1] as Unit;
      end = numEnd + um[0].length;
    }
    const raw = text.slice(start, numEnd);
    out.push({
      start,
      end,
      text: raw,
      value: new Decimal(sign + body.replace(/,/g, "")),
      decimals: decimalsOf(body),
      unit,
    });
  }
  return out;
}
