/**
 * A check's relation (interval.ts `Form`, over the operands the check was given) resolved to the printed numbers a
 * finding cites, so that root-cause analysis (root-cause.ts) can solve it for any one of them.
 */
import { Decimal } from "decimal.js";
import type { Location, PrintedNumber } from "../model/schema.js";
import type { RelationForm, RelationTerm } from "./finding.js";
import type { Check, FormTerm, Printed } from "./interval.js";

/** Digits after the decimal point of a printed number's text ("1,234.50" → 2, "12" → 0). */
export function decimalsOfText(text: string): number {
  const m = /[.．](\d+)\s*$/.exec(text);
  return m ? m[1]!.length : 0;
}

/**
 * The identity of a printed number: its text and unit as printed and its place. The same number cited by several
 * findings (or held relations) gets the same key; two numbers at different places never do.
 */
export function numberKey(text: string, unit: string, l: Location): string {
  const t = l.table;
  return `${text}|${unit}|${l.page ?? ""}|${l.line ?? ""}|${l.paragraph ?? ""}|${t ? `${t.index}:${t.row}:${t.column}` : ""}|${l.snippet}`;
}

/** The key of a printed number as a finding cites it (CitedValue carries the printed text and unit). */
export function citedKey(v: { text: string; unit: string; location: Location }): string {
  return numberKey(v.text, v.unit, v.location);
}

function printedOf(n: PrintedNumber): RelationTerm["printed"] {
  const o = n.original;
  return o
    ? { text: o.text, value: o.value, decimals: decimalsOfText(o.text), unit: o.unit, location: n.location }
    : { text: n.text, value: n.value, decimals: n.decimals, unit: n.unit, location: n.location };
}

/** The cited number a check's operand stands for: the same object, or a copy a rule made (signed, converted, re-precised). */
function citedFor(p: Printed, cited: readonly { number: PrintedNumber }[]): PrintedNumber | undefined {
  const same = cited.find((c) => c.number === p);
  if (same) return same.number;
  const q = p as Partial<PrintedNumber>;
  if (!q.location) return undefined;
  const text = q.original?.text ?? q.text;
  return cited.find((c) => c.number.location === q.location && (c.number.original?.text ?? c.number.text) === text)?.number;
}

const ONE = new Decimal(1);

function termOf(t: FormTerm, cited: readonly { number: PrintedNumber }[]): RelationTerm | undefined {
  const n = citedFor(t.p, cited);
  if (!n) return undefined;
  const printed = printedOf(n);
  let scale: Decimal | undefined;
  // the operand is most often the printed number itself: its scale is 1 without a division
  if (!printed.value.isZero()) scale = t.p.value === printed.value ? ONE : new Decimal(t.p.value).div(printed.value);
  else if (!n.original && t.p.unit === n.unit) scale = new Decimal(1);
  const term: RelationTerm = {
    key: numberKey(printed.text, printed.unit, printed.location),
    coef: t.coef,
    operand: { value: t.p.value, decimals: t.p.decimals },
    printed,
  };
  // set, not spread in: the same keys in the same order, without an object spread per term of every relation
  if (t.p.unit !== undefined) term.operand.unit = t.p.unit;
  if (scale) term.scale = scale;
  return term;
}

/**
 * The relation of a check over the numbers a rule cites; undefined when the check has no form or one of its operands
 * is not among them (a synthetic total such as "分值之和 100"): such a relation is not solved for any number.
 */
export function relationOf(check: Check, cited: readonly { number: PrintedNumber }[], ruleId: string): RelationForm | undefined {
  const form = check.form;
  if (!form) return undefined;
  const all = (ts: FormTerm[]) => {
    const out = ts.map((t) => termOf(t, cited));
    return out.every(Boolean) ? (out as RelationTerm[]) : undefined;
  };
  if (form.kind === "linear") {
    const terms = all(form.terms);
    return terms ? { kind: "linear", op: form.op, terms, verdict: check.verdict, ruleId } : undefined;
  }
  const rate = all([{ p: form.rate, coef: 1 }]);
  const num = all(form.num);
  const den = all(form.den);
  return rate && num && den ? { kind: "ratio", rate: rate[0]!, num, den, verdict: check.verdict, ruleId } : undefined;
}
