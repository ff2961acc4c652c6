/**
 * The rounding model (DOMAIN.md): a printed number with d decimals stands for every true value within half a unit
 * of its last digit. A relation is violated only when no choice of true values inside all intervals satisfies it;
 * when the printed values miss it but the intervals meet, rounding explains the difference.
 * All arithmetic is decimal.js; no JavaScript number ever holds an amount.
 */
import { Decimal } from "decimal.js";

export interface Printed {
  value: Decimal;
  decimals: number;
  unit?: string;
}

export class Interval {
  constructor(
    readonly lo: Decimal,
    readonly hi: Decimal,
  ) {}
  /**
   * The true values behind a printed number. Amounts and counts are never negative, so a printed "0" or "0.00"
   * stands for [0, half a unit], not for a range below zero; signed quantities (rates, %) keep both sides.
   */
  static of(n: Printed & { unit?: string }): Interval {
    const h = halfUnit(n.decimals);
    let lo = n.value.minus(h);
    if (n.unit && n.unit !== "%" && n.value.gte(0) && lo.lt(0)) lo = new Decimal(0);
    return new Interval(lo, n.value.plus(h));
  }
  static exact(v: Decimal.Value): Interval {
    const d = new Decimal(v);
    return new Interval(d, d);
  }
  plus(o: Interval): Interval {
    return new Interval(this.lo.plus(o.lo), this.hi.plus(o.hi));
  }
  minus(o: Interval): Interval {
    return new Interval(this.lo.minus(o.hi), this.hi.minus(o.lo));
  }
  meets(o: Interval): boolean {
    return this.lo.lte(o.hi) && o.lo.lte(this.hi);
  }
  contains(v: Decimal): boolean {
    return this.lo.lte(v) && v.lte(this.hi);
  }
  /** "[255.675, 255.685]" */
  toString(): string {
    return `[${this.lo.toFixed()}, ${this.hi.toFixed()}]`;
  }
}

const HALF_UNITS: Decimal[] = [];
/** Half a unit of the last of `decimals` printed digits: 0.005 for 2. Cached: every interval of every check asks. */
export function halfUnit(decimals: number): Decimal {
  let h = HALF_UNITS[decimals];
  if (!h) {
    h = new Decimal(5).times(new Decimal(10).pow(-(decimals + 1)));
    if (Number.isInteger(decimals) && decimals >= 0 && decimals < 32) HALF_UNITS[decimals] = h;
  }
  return h;
}

const R = Decimal.clone({ rounding: Decimal.ROUND_HALF_UP });

/** The value as the document would print it with `decimals` digits (half up, like Excel and Word). */
export function roundTo(v: Decimal, decimals: number): Decimal {
  return new R(v).toDecimalPlaces(decimals);
}

/**
 * holds: the printed numbers satisfy the relation as printed; rounding: only the rounding intervals reconcile them
 * (at most info); convention: a percentage printed by a presentation convention DOMAIN.md admits (at most a warning,
 * see PercentConvention); violated: no true values behind the printed ones satisfy it (an error).
 */
export type Verdict = "holds" | "rounding" | "convention" | "violated";

/**
 * How a percentage is printed when not rounded half up, by a convention DOMAIN.md admits ("What is NOT an error"):
 * - truncated: the digits past the last printed one were cut, toward zero (95.457 % printed 95.45 %);
 * - nudged: one share moved by one unit of its last digit so that the shares of one whole total exactly 100 %.
 * Neither explains a difference of more than one unit of the last digit.
 */
export type PercentConvention = "truncated" | "nudged";

export interface Check {
  verdict: Verdict;
  /** what the stated side should read, computed from the other printed numbers, printed to the same precision */
  expected: Decimal;
  /** the range the stated side may take given the other numbers' rounding */
  range: Interval;
  /** decimals of the stated side, to print `expected` as the document would */
  decimals: number;
  /** with verdict "convention": which convention explains the printed percentage */
  convention?: PercentConvention;
  /** percentage checks: the value computed from the printed amounts, unrounded */
  exact?: Decimal;
  /** the relation itself, over the operands the check was given (for root-cause analysis, src/engine/root-cause.ts) */
  form?: Form;
}

/** One operand of a relation: `coef` (±1) times the true value behind the printed operand `p`. */
export interface FormTerm {
  p: Printed;
  coef: 1 | -1;
}

/**
 * A checked relation in a machine-readable form, over the very `Printed` objects the check was given (rules map
 * them back to the numbers they cite):
 * - linear: Σ coef·x = 0 (op "eq": sums, restatements) or Σ coef·x ≥ 0 (op "ge": a "其中" list within its total);
 * - ratio: rate = 100 · Σ num / Σ den (shares, year-over-year and variance rates, completion rates).
 * Each x stands for the rounding interval of its printed operand (Interval.of).
 */
export type Form =
  | { kind: "linear"; op: "eq" | "ge"; terms: FormTerm[] }
  | { kind: "ratio"; rate: Printed; num: FormTerm[]; den: FormTerm[] };

function verdictOf(range: Interval, stated: Printed, expected: Decimal): Verdict {
  if (!range.meets(Interval.of(stated))) return "violated";
  return roundTo(expected, stated.decimals).eq(stated.value) ? "holds" : "rounding";
}

/** total = Σ parts */
export function sumCheck(total: Printed, parts: Printed[]): Check {
  let range = Interval.exact(0);
  let expected = new Decimal(0);
  for (const p of parts) {
    range = range.plus(Interval.of(p));
    expected = expected.plus(p.value);
  }
  const form: Form = { kind: "linear", op: "eq", terms: [{ p: total, coef: -1 }, ...parts.map((p) => ({ p, coef: 1 as const }))] };
  return { verdict: verdictOf(range, total, expected), expected: roundTo(expected, total.decimals), range, decimals: total.decimals, form };
}

/**
 * total = Σ parts − Σ minus: a balance (年末结转和结余 = 年初结转和结余 + 本年收入 + 使用非财政拨款结余 − 本年支出 −
 * 结余分配). Amounts in one unit; `expected` is printed to the total's decimals.
 */
export function balanceCheck(total: Printed, parts: Printed[], minus: Printed[]): Check {
  let range = Interval.exact(0);
  let expected = new Decimal(0);
  for (const p of parts) {
    range = range.plus(Interval.of(p));
    expected = expected.plus(p.value);
  }
  for (const m of minus) {
    range = range.minus(Interval.of(m));
    expected = expected.minus(m.value);
  }
  const form: Form = {
    kind: "linear",
    op: "eq",
    terms: [{ p: total, coef: -1 }, ...parts.map((p) => ({ p, coef: 1 as const })), ...minus.map((p) => ({ p, coef: -1 as const }))],
  };
  return { verdict: verdictOf(range, total, expected), expected: roundTo(expected, total.decimals), range, decimals: total.decimals, form };
}

/** total ≥ Σ parts (parts of a non-exhaustive breakdown, e.g. “其中” lists) */
export function subsetCheck(total: Printed, parts: Printed[]): Check {
  let lo = new Decimal(0);
  let expected = new Decimal(0);
  for (const p of parts) {
    lo = lo.plus(Interval.of(p).lo);
    expected = expected.plus(p.value);
  }
  const t = Interval.of(total);
  const verdict: Verdict = lo.gt(t.hi) ? "violated" : expected.gt(total.value) ? "rounding" : "holds";
  const form: Form = { kind: "linear", op: "ge", terms: [{ p: total, coef: 1 }, ...parts.map((p) => ({ p, coef: -1 as const }))] };
  return { verdict, expected: roundTo(expected, total.decimals), range: new Interval(lo, new Decimal(Infinity)), decimals: total.decimals, form };
}

/** a = b: the same quantity printed twice */
export function equalCheck(a: Printed, b: Printed): Check {
  const ia = Interval.of(a);
  // printed to different precisions (万元 beside a table in 元): equal when the finer rounds to the coarser
  const [fine, coarse] = a.decimals >= b.decimals ? [a, b] : [b, a];
  const same = roundTo(fine.value, coarse.decimals).eq(coarse.value);
  // some reports cut the digits instead of rounding (87.708 → 87.70): within one unit of the coarser last digit
  // that is a presentation matter, not an inconsistency
  const truncated = a.decimals !== b.decimals && fine.value.minus(coarse.value).abs().lt(lastUnit(coarse.decimals));
  const verdict: Verdict = same ? "holds" : !ia.meets(Interval.of(b)) && !truncated ? "violated" : "rounding";
  const form: Form = { kind: "linear", op: "eq", terms: [{ p: a, coef: 1 }, { p: b, coef: -1 }] };
  return { verdict, expected: a.value, range: ia, decimals: a.decimals, form };
}

/**
 * Range of f over the box of intervals, for f monotone in each argument on the box (true for the ratios used here
 * as long as no denominator changes sign, which callers ensure). Evaluates the 2^n corners.
 */
export function cornerRange(args: Interval[], f: (...xs: Decimal[]) => Decimal): Interval {
  let lo: Decimal | undefined;
  let hi: Decimal | undefined;
  const n = args.length;
  for (let mask = 0; mask < 1 << n; mask++) {
    const xs = args.map((iv, k) => ((mask >> k) & 1 ? iv.hi : iv.lo));
    const y = f(...xs);
    if (!lo || y.lt(lo)) lo = y;
    if (!hi || y.gt(hi)) hi = y;
  }
  return new Interval(lo!, hi!);
}

/** Some value in the interval is zero or the interval straddles zero. */
export function touchesZero(iv: Interval): boolean {
  return iv.lo.lte(0) && iv.hi.gte(0);
}

const HUNDRED = new Decimal(100);

const LAST_UNITS: Decimal[] = [];
/** One unit of the last printed digit: 0.01 for "95.45". Cached like halfUnit. */
function lastUnit(decimals: number): Decimal {
  let u = LAST_UNITS[decimals];
  if (!u) {
    u = new Decimal(10).pow(-decimals);
    if (Number.isInteger(decimals) && decimals >= 0 && decimals < 32) LAST_UNITS[decimals] = u;
  }
  return u;
}

/** The printed shares of one whole total exactly 100 %, so one of them may have been nudged to make them. */
export function sharesTotalHundred(shares: readonly Printed[]): boolean {
  return shares.length >= 2 && shares.reduce((s, p) => s.plus(p.value), new Decimal(0)).eq(HUNDRED);
}

/**
 * A printed percentage against the range the amounts allow (`exact`: the value from the printed amounts). Beyond
 * verdictOf, a percentage the range misses is a convention, not a violation, when
 * - truncated: some true value lies in [p, p + one unit) (for a negative p, (p − one unit, p]): cut, not rounded;
 * - nudged: `shares` (every share of the same whole, this one included) total exactly 100 % and the range comes
 *   within one unit of the last digit of p's own rounding interval, i.e. meets [p − 1.5 units, p + 1.5 units].
 */
export function percentCheck(range: Interval, pct: Printed, exact: Decimal, shares?: readonly Printed[]): Check {
  const check: Check = { verdict: verdictOf(range, pct, exact), expected: roundTo(exact, pct.decimals), range, decimals: pct.decimals, exact };
  if (check.verdict !== "violated") return check;
  const u = lastUnit(pct.decimals);
  const p = pct.value;
  const [lo, hi] = p.gte(0) ? [p, p.plus(u)] : [p.minus(u), p];
  // the shares printed beside it total exactly 100 %: the document shows the nudge, so it is the explanation named even
  // when cutting would explain the figure too (湖州 财政局: 23.946 % printed 23.94 % beside 75.99 % and 0.07 %)
  const nudge = u.times(1.5);
  if (shares && sharesTotalHundred(shares) && range.meets(new Interval(p.minus(nudge), p.plus(nudge)))) {
    return { ...check, verdict: "convention", convention: "nudged" };
  }
  // half-open: a true value of exactly p + one unit would have been cut to p + one unit
  const truncated = p.gte(0) ? range.lo.lt(hi) && range.hi.gte(lo) : range.lo.lte(hi) && range.hi.gt(lo);
  if (truncated) return { ...check, verdict: "convention", convention: "truncated" };
  return check;
}

/**
 * p% = part / (part + Σ others), for shares of a whole that is not printed: the listed parts are the whole when their
 * printed shares total 100 % (see `sharesCoverWhole`). The range is exact: the share rises with the part and falls with
 * the others. Undefined when the parts may total zero.
 */
export function shareOfSumCheck(part: Printed, others: readonly Printed[], pct: Printed, shares: readonly Printed[]): Check | undefined {
  const a = Interval.of(part);
  const r = others.reduce((s, o) => s.plus(Interval.of(o)), Interval.exact(0));
  if (touchesZero(a.plus(r))) return undefined;
  const range = new Interval(a.lo.div(a.lo.plus(r.hi)).times(HUNDRED), a.hi.div(a.hi.plus(r.lo)).times(HUNDRED));
  const total = others.reduce((s, o) => s.plus(o.value), part.value);
  return percentCheck(range, pct, part.value.div(total).times(HUNDRED), shares);
}

/**
 * The printed shares can be those of one whole split without remainder: 100 % lies within the sum of their rounding
 * intervals (a share cut rather than rounded, or nudged by one unit, is allowed for).
 */
export function sharesCoverWhole(shares: readonly Printed[]): boolean {
  if (shares.length < 2) return false;
  const lo = shares.reduce((s, p) => s.plus(p.value.minus(lastUnit(p.decimals).times(1.5))), new Decimal(0));
  const hi = shares.reduce((s, p) => s.plus(p.value.plus(lastUnit(p.decimals).times(1.5))), new Decimal(0));
  return lo.lte(HUNDRED) && hi.gte(HUNDRED);
}

/**
 * p% = part / whole. `shares`: every share of the same whole stated in the report (this one included), which lets a
 * one-unit nudge to a total of 100 % be recognised; without it only truncation is.
 */
export function shareCheck(part: Printed, whole: Printed, pct: Printed, shares?: readonly Printed[]): Check | undefined {
  const w = Interval.of(whole);
  if (touchesZero(w)) return undefined;
  const range = cornerRange([Interval.of(part), w], (a, b) => a.div(b).times(HUNDRED));
  const form: Form = { kind: "ratio", rate: pct, num: [{ p: part, coef: 1 }], den: [{ p: whole, coef: 1 }] };
  return { ...percentCheck(range, pct, part.value.div(whole.value).times(HUNDRED), shares), form };
}

/**
 * Year over year: current = prior ± delta, rate = delta / prior. With increase, prior = current − delta;
 * with decrease, prior = current + delta. Returns undefined when the prior may be zero (rate undefined).
 */
export function yoyRateCheck(current: Printed, delta: Printed, increase: boolean, rate: Printed): Check | undefined {
  const c = Interval.of(current);
  const d = Interval.of(delta);
  const prior = increase ? c.minus(d) : c.plus(d);
  if (touchesZero(prior)) return undefined;
  const f = increase ? (cv: Decimal, dv: Decimal) => dv.div(cv.minus(dv)).times(HUNDRED) : (cv: Decimal, dv: Decimal) => dv.div(cv.plus(dv)).times(HUNDRED);
  const range = cornerRange([c, d], f);
  const form: Form = { kind: "ratio", rate, num: [{ p: delta, coef: 1 }], den: [{ p: current, coef: 1 }, { p: delta, coef: increase ? -1 : 1 }] };
  return { ...percentCheck(range, rate, f(current.value, delta.value).abs()), form };
}

/** Could the prior-year amount be zero (a new item, where 增长100% is the convention)? */
export function priorMayBeZero(current: Printed, delta: Printed, increase: boolean): boolean {
  const c = Interval.of(current);
  const d = Interval.of(delta);
  return touchesZero(increase ? c.minus(d) : c.plus(d));
}

/** 预决算差异率 v% = (actual − budget) / budget */
export function varianceCheck(budget: Printed, actual: Printed, rate: Printed): Check | undefined {
  const b = Interval.of(budget);
  if (touchesZero(b)) return undefined;
  const f = (bv: Decimal, av: Decimal) => av.minus(bv).div(bv).times(HUNDRED);
  const range = cornerRange([b, Interval.of(actual)], f);
  const form: Form = { kind: "ratio", rate, num: [{ p: actual, coef: 1 }, { p: budget, coef: -1 }], den: [{ p: budget, coef: 1 }] };
  return { ...percentCheck(range, rate, f(budget.value, actual.value)), form };
}
