/**
 * Root cause: findings whose failed relations share a printed number form one group, and a group gets a suggestion
 * when one printed number, replaced by one value, makes every failed relation of the group hold without breaking a
 * relation that held. Each relation is solved for each of its numbers over the rounding intervals of the others
 * (interval.ts's model: a printed number stands for every value within half a unit of its last digit); the solutions
 * of the group's relations are intersected; a candidate value is then checked against every relation that number
 * takes part in. The value offered is the one a classic slip explains (digits transposed, a digit doubled or dropped,
 * 元 for 万元) when one does, else the value the other printed numbers give, printed at the number's own precision.
 * When no number — or more than one — explains the group, the group says so and names none. Pure: findings in,
 * findings with `group` out. All arithmetic is decimal.js.
 */
import { Decimal } from "decimal.js";
import type { Location, Report } from "../model/schema.js";
import type { Finding, FindingGroup, RelationForm, RelationTerm, Slip, Suggestion } from "./finding.js";
import { Interval, roundTo } from "./interval.js";
import { tableCellText } from "../model/location.js";
import { citedKey, decimalsOfText, numberKey } from "./relation-form.js";

const HUNDRED = new Decimal(100);
const TEN_THOUSAND = new Decimal(10000);

/** A value given to one printed number in place of its own: in the number's printed unit, with its printed decimals. */
interface Replacement {
  value: Decimal;
  decimals: number;
}

/** The operand a term stands for when its number is replaced (or as printed, without a replacement). */
function operandInterval(t: RelationTerm, r?: Replacement): Interval {
  if (!r || !t.scale) return Interval.of(t.operand);
  const decimals = Math.max(0, t.operand.decimals + (r.decimals - t.printed.decimals));
  return Interval.of({ value: r.value.times(t.scale), decimals, ...(t.operand.unit !== undefined ? { unit: t.operand.unit } : {}) });
}

function scaled(iv: Interval, c: Decimal): Interval {
  const a = iv.lo.times(c);
  const b = iv.hi.times(c);
  return a.lte(b) ? new Interval(a, b) : new Interval(b, a);
}

/** Every term of a relation. */
export function termsOf(f: RelationForm): RelationTerm[] {
  return f.kind === "linear" ? f.terms : f.kind === "ratio" ? [f.rate, ...f.num, ...f.den] : [f.term];
}

/** The distinct numbers of a ratio relation other than `skip`, each with its operand interval (one per key). */
function variables(f: RelationForm & { kind: "ratio" }, over: Map<string, Replacement>, skip?: string): Map<string, Interval> {
  const out = new Map<string, Interval>();
  for (const t of [...f.num, ...f.den]) if (t.key !== skip && !out.has(t.key)) out.set(t.key, operandInterval(t, over.get(t.key)));
  return out;
}

/** Σ coef·operand of `terms` at one corner (`at`: the value of each key). */
function sumAt(terms: RelationTerm[], at: Map<string, Decimal>): Decimal {
  return terms.reduce((s, t) => s.plus(at.get(t.key)!.times(t.coef)), new Decimal(0));
}

/** All corners of a box of named intervals (2^n maps). */
function corners(box: Map<string, Interval>): Map<string, Decimal>[] {
  let out: Map<string, Decimal>[] = [new Map()];
  for (const [k, iv] of box) {
    const next: Map<string, Decimal>[] = [];
    for (const m of out) for (const v of iv.lo.eq(iv.hi) ? [iv.lo] : [iv.lo, iv.hi]) next.push(new Map(m).set(k, v));
    out = next;
  }
  return out;
}

function rangeOf(values: Decimal[]): Interval {
  let lo = values[0]!;
  let hi = values[0]!;
  for (const v of values) {
    if (v.lt(lo)) lo = v;
    if (v.gt(hi)) hi = v;
  }
  return new Interval(lo, hi);
}

/**
 * Whether some true values behind the printed numbers (with `over` replacing some of them) satisfy the relation.
 * A ratio whose denominator may be zero does not hold (nothing can be proven from it).
 */
export function relationHolds(f: RelationForm, over: Map<string, Replacement> = new Map()): boolean {
  if (f.kind === "unit") return over.has(f.term.key);
  if (f.kind === "linear") {
    let sum = Interval.exact(0);
    for (const t of f.terms) {
      const iv = operandInterval(t, over.get(t.key));
      sum = t.coef === 1 ? sum.plus(iv) : sum.minus(iv);
    }
    return f.op === "eq" ? sum.contains(new Decimal(0)) : sum.hi.gte(0);
  }
  const box = variables(f, over);
  const ratios: Decimal[] = [];
  for (const at of corners(box)) {
    const den = sumAt(f.den, at);
    if (den.isZero()) return false;
    ratios.push(sumAt(f.num, at).times(HUNDRED).div(den));
  }
  const dens = corners(box).map((at) => sumAt(f.den, at));
  if (dens.some((d) => d.lte(0)) && dens.some((d) => d.gte(0))) return false;
  return rangeOf(ratios).meets(operandInterval(f.rate, over.get(f.rate.key)));
}

/** A solution set in the printed unit of one number: lo/hi undefined when unbounded on that side. */
interface Solution {
  lo?: Decimal;
  hi?: Decimal;
  /** the value the other numbers as printed give (undefined for an inequality) */
  estimate?: Decimal;
}

/** Σ over j's terms of coef·scale: how the relation's linear expression moves with j's printed value. */
function slope(terms: RelationTerm[], key: string): Decimal {
  return terms.filter((t) => t.key === key).reduce((s, t) => s.plus(t.scale!.times(t.coef)), new Decimal(0));
}

/**
 * The printed values of number `key` for which the relation can hold, the others standing for their rounding
 * intervals; undefined when the relation does not pin it (the number cancels out, a denominator may vanish).
 */
export function solveFor(f: RelationForm, key: string): Solution | undefined {
  if (f.kind === "unit") return undefined;
  const mine = termsOf(f).filter((t) => t.key === key);
  if (mine.length === 0 || mine.some((t) => !t.scale)) return undefined;
  const none = new Map<string, Replacement>();
  if (f.kind === "linear") {
    const a = slope(f.terms, key);
    if (a.isZero()) return undefined;
    let rest = Interval.exact(0);
    let restPrinted = new Decimal(0);
    for (const t of f.terms) {
      if (t.key === key) continue;
      const iv = operandInterval(t);
      rest = t.coef === 1 ? rest.plus(iv) : rest.minus(iv);
      restPrinted = restPrinted.plus(t.operand.value.times(t.coef));
    }
    const x = scaled(rest, new Decimal(-1).div(a));
    if (f.op === "eq") return { lo: x.lo, hi: x.hi, estimate: restPrinted.negated().div(a) };
    // a·x + rest ≥ 0 for some rest: a·x ≥ −rest.hi
    const bound = rest.hi.negated().div(a);
    return a.gt(0) ? { lo: bound } : { hi: bound };
  }
  if (f.rate.key === key) {
    const scale = f.rate.scale!;
    const box = variables(f, none);
    const values: Decimal[] = [];
    for (const at of corners(box)) {
      const den = sumAt(f.den, at);
      if (den.isZero()) return undefined;
      values.push(sumAt(f.num, at).times(HUNDRED).div(den).div(scale));
    }
    const dens = corners(box).map((at) => sumAt(f.den, at));
    if (dens.some((d) => d.lte(0)) && dens.some((d) => d.gte(0))) return undefined;
    const printedAt = new Map([...box.keys()].map((k) => [k, termsOf(f).find((t) => t.key === k)!.operand.value]));
    const r = rangeOf(values);
    return { lo: r.lo, hi: r.hi, estimate: sumAt(f.num, printedAt).times(HUNDRED).div(sumAt(f.den, printedAt)).div(scale) };
  }
  // rate·(B·x + D') = 100·(A·x + N')  ⇒  x = (100·N' − rate·D') / (rate·B − 100·A)
  const a = slope(f.num, key);
  const b = slope(f.den, key);
  const box = variables(f, none, key);
  const rate = operandInterval(f.rate);
  const others = (ts: RelationTerm[]) => ts.filter((t) => t.key !== key);
  const values: Decimal[] = [];
  const solveAt = (r: Decimal, at: Map<string, Decimal>): Decimal | undefined => {
    const div = r.times(b).minus(a.times(HUNDRED));
    if (div.isZero()) return undefined;
    return sumAt(others(f.num), at).times(HUNDRED).minus(r.times(sumAt(others(f.den), at))).div(div);
  };
  const divLo = rate.lo.times(b).minus(a.times(HUNDRED));
  const divHi = rate.hi.times(b).minus(a.times(HUNDRED));
  if (divLo.isZero() || divHi.isZero() || divLo.isNeg() !== divHi.isNeg()) return undefined;
  for (const r of [rate.lo, rate.hi]) {
    for (const at of corners(box)) {
      const x = solveAt(r, at);
      if (!x) return undefined;
      values.push(x);
    }
  }
  const range = rangeOf(values);
  const printedAt = new Map([...box.keys()].map((k) => [k, termsOf(f).find((t) => t.key === k)!.operand.value]));
  return { lo: range.lo, hi: range.hi, estimate: solveAt(f.rate.operand.value, printedAt) };
}

/** The printed number behind a key, from any term that cites it. */
interface NumberInfo {
  key: string;
  printed: RelationTerm["printed"];
}

/** Neighbouring printed numbers and last year's columns, for naming a slip (copied-neighbour, prior-year-column). */
export interface SlipContext {
  /** texts of the numbers printed next to this place: the same sentence or line, the row above or below in a column */
  neighbours(location: Location, text: string): { text: string; location: Location }[];
  /** texts printed in the same table row under a 上年 column */
  priorYear(location: Location): string[];
}

const DIGITS = /[0-9]/;

/** A printed number's digits and point, without separators ("1,234.50" → "1234.50"). */
function plain(text: string): string {
  return text.replace(/[,，\s]/g, "").replace(/．/g, ".").replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** The value and decimals of a plain digit string, or undefined when it is not a number a document would print. */
function parsePlain(s: string): Replacement | undefined {
  if (!/^\d+(\.\d+)?$/.test(s) || (/^0\d/.test(s))) return undefined;
  return { value: new Decimal(s), decimals: s.includes(".") ? s.length - s.indexOf(".") - 1 : 0 };
}

/** The textual slips that turn a correct number into the printed one, each as the correct value it implies. */
export function textualSlips(text: string, unit: string): { slip: Slip; r: Replacement; digit?: string }[] {
  const s = plain(text);
  const out: { slip: Slip; r: Replacement; digit?: string }[] = [];
  const add = (slip: Slip, cand: string, digit?: string) => {
    const r = parsePlain(cand);
    if (r && cand !== s) out.push({ slip, r, ...(digit ? { digit } : {}) });
  };
  // every slip keeps the number's own precision: only digits before the point are dropped or doubled
  const point = s.includes(".") ? s.indexOf(".") : s.length;
  for (let i = 0; i + 1 < s.length; i++) {
    if (DIGITS.test(s[i]!) && DIGITS.test(s[i + 1]!) && s[i] !== s[i + 1]) add("transposed-digits", s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2));
  }
  for (let i = 0; i < point; i++) add("extra-digit", s.slice(0, i) + s.slice(i + 1), s[i]);
  for (let i = 0; i <= point; i++) for (let d = 0; d <= 9; d++) add("missing-digit", s.slice(0, i) + d + s.slice(i), String(d));
  const own = parsePlain(s);
  if (own && (unit === "万元" || unit === "元")) {
    // the value in the other unit, printed at the number's own precision
    out.push({ slip: "yuan-for-wanyuan", r: { value: roundTo(own.value.div(TEN_THOUSAND), own.decimals), decimals: own.decimals } });
    out.push({ slip: "wanyuan-for-yuan", r: { value: own.value.times(TEN_THOUSAND), decimals: Math.max(0, own.decimals - 4) } });
  }
  return out;
}

function within(v: Decimal, s: Solution): boolean {
  return (!s.lo || v.gte(s.lo)) && (!s.hi || v.lte(s.hi));
}

/** Intersection of solution sets; undefined when empty. */
function intersect(a: Solution, b: Solution): Solution | undefined {
  const lo = a.lo && b.lo ? Decimal.max(a.lo, b.lo) : (a.lo ?? b.lo);
  const hi = a.hi && b.hi ? Decimal.min(a.hi, b.hi) : (a.hi ?? b.hi);
  if (lo && hi && lo.gt(hi)) return undefined;
  const out: Solution = {};
  if (lo) out.lo = lo;
  if (hi) out.hi = hi;
  const est = a.estimate ?? b.estimate;
  if (est) out.estimate = est;
  return out;
}

/** A replacement for one number that makes every failed relation hold and breaks none that held. */
interface Candidate {
  number: NumberInfo;
  replaceWith: string;
  unit: string;
  slip: Slip;
  digit?: string;
  /** the other place whose figure the printed one repeats (copied-neighbour) */
  from?: Location;
  /** the relations only pin the value to a range wider than a few units of its last digit */
  approximate: boolean;
}

const TEXTUAL: readonly Slip[] = ["transposed-digits", "extra-digit", "missing-digit", "yuan-for-wanyuan", "wanyuan-for-yuan"];

function tier(slip: Slip): number {
  return TEXTUAL.includes(slip) ? 2 : slip === "other" ? 0 : 1;
}

/**
 * The value number `n` should have for every relation in `failed` to hold, checked against `held` (the relations
 * it takes part in that hold today); undefined when there is none or the relations leave it unbounded.
 */
function candidateFor(n: NumberInfo, failed: RelationForm[], held: RelationForm[], ctx?: SlipContext): Candidate | undefined {
  const { printed } = n;
  // a unit word printed wrong: the number stays, its unit becomes 万元
  if (failed.every((f) => f.kind === "unit")) {
    const unit = (failed[0] as RelationForm & { kind: "unit" }).unit;
    return { number: n, replaceWith: printed.value.toFixed(printed.decimals), unit, slip: "yuan-for-wanyuan", approximate: false };
  }
  if (failed.some((f) => f.kind === "unit")) return undefined;
  let sol: Solution | undefined = printed.unit === "%" ? {} : { lo: new Decimal(0) };
  for (const f of failed) {
    const s = solveFor(f, n.key);
    if (!s) return undefined;
    sol = intersect(s, sol);
    if (!sol) return undefined;
  }
  // an inequality alone does not say what the number should be
  if (!sol.lo || !sol.hi || !failed.some((f) => f.kind !== "linear" || f.op === "eq")) return undefined;
  const works = (r: Replacement) => {
    const over = new Map([[n.key, r]]);
    return failed.every((f) => relationHolds(f, over)) && held.every((f) => relationHolds(f, over));
  };
  // the number's own precision, or a restated figure's in the same unit when that is finer ("0.3" for "2,961.68")
  let d = printed.decimals;
  for (const f of failed) {
    if (f.kind !== "linear" || f.op !== "eq" || f.terms.length !== 2) continue;
    const other = f.terms.find((t) => t.key !== n.key);
    if (other && other.printed.unit === printed.unit) d = Math.max(d, other.printed.decimals);
  }
  const unitStep = new Decimal(10).pow(-d);
  const width = sol.hi.minus(sol.lo);
  const approx = (decimals: number) => width.gt(new Decimal(10).pow(-decimals).times(3));
  // a classic slip explains the printed text: its value, when it works
  const slips = textualSlips(printed.text, printed.unit).filter((c) => works(c.r));
  const target = sol.estimate && within(sol.estimate, sol) ? sol.estimate : sol.lo.plus(sol.hi).div(2);
  slips.sort((a, b) => a.r.value.minus(target).abs().comparedTo(b.r.value.minus(target).abs()));
  const unit = printed.unit;
  if (slips.length) {
    const s = slips[0]!;
    return { number: n, replaceWith: s.r.value.toFixed(s.r.decimals), unit, slip: s.slip, ...(s.digit ? { digit: s.digit } : {}), approximate: approx(s.r.decimals) };
  }
  // else the value the others give, at the number's own precision
  const tries = [roundTo(target, d), roundTo(sol.lo.plus(sol.hi).div(2), d)];
  for (const k of [1, -1, 2, -2]) tries.push(roundTo(target, d).plus(unitStep.times(k)));
  const v = tries.find((x) => !x.eq(printed.value) && works({ value: x, decimals: d }));
  if (!v) return undefined;
  const c: Candidate = { number: n, replaceWith: v.toFixed(d), unit, slip: "other", approximate: approx(d) };
  if (ctx && !/^0*\.?0*$/.test(plain(printed.text)) && plain(printed.text).replace(/\D/g, "").replace(/^0+/, "").length >= 2) {
    if (ctx.priorYear(printed.location).includes(printed.text)) c.slip = "prior-year-column";
    else {
      const nb = ctx.neighbours(printed.location, printed.text)[0];
      if (nb) {
        c.slip = "copied-neighbour";
        c.from = nb.location;
      }
    }
  }
  return c;
}

/** "第7页" / "第41行" / "表5「…」第3行第2列（第15页）": a place a person can find. */
export function placeOf(l: Location): string {
  if (l.table) return `${tableCellText(l.table)}${l.page ? `（第${l.page}页）` : ""}`;
  const parts: string[] = [];
  if (l.page !== undefined) parts.push(`第${l.page}页`);
  if (l.line !== undefined) parts.push(`第${l.line}行`);
  if (l.paragraph !== undefined && l.page === undefined && l.line === undefined) parts.push(`第${l.paragraph}段`);
  return parts.join("") || "原文";
}

const NOUN: Record<string, string> = {
  "share-of-total": "占比",
  "perf-rate": "执行率",
  "budget-variance": "预决算差异率",
  "yoy-change": "比上年增减率",
  "yoy-breakdown": "增减额合计",
  "breakdown-subset": "“其中”各项不超过总数",
  "perf-cost": "成本指标不超过项目资金",
  "table-summary": "收支总表合计",
};

/** How a relation reads in a suggestion ("与表5…（873,617.00元）一致", "占比", "合计与各项之和"). */
function relationNoun(f: RelationForm, key: string): string {
  if (f.kind === "linear" && f.op === "eq" && f.terms.length === 2) {
    const other = f.terms.find((t) => t.key !== key);
    if (other) return `与${placeOf(other.printed.location)}（${other.printed.text}${other.printed.unit}）一致`;
  }
  if (f.kind === "unit") return "单位";
  return NOUN[f.ruleId] ?? "合计与各项之和";
}

function slipNote(c: Candidate): string {
  switch (c.slip) {
    case "transposed-digits":
      return "（疑似两位数字顺序颠倒）";
    case "extra-digit":
      return `（疑似多写一位“${c.digit ?? ""}”）`;
    case "missing-digit":
      return `（疑似漏写一位“${c.digit ?? ""}”）`;
    case "yuan-for-wanyuan":
      return c.number.printed.text === c.replaceWith ? "（疑似“万元”误写作“元”）" : "（疑似按“元”填写了以“万元”为单位的数字，相差一万倍）";
    case "wanyuan-for-yuan":
      return "（疑似按“万元”填写了以“元”为单位的数字，相差一万倍）";
    case "copied-neighbour":
      return `（疑似抄用了相邻的“${c.number.printed.text}”${c.from ? `（${placeOf(c.from)}）` : ""}）`;
    case "prior-year-column":
      return "（疑似填入了上年数）";
    default:
      return "";
  }
}

/** A unit word printed wrong, as a relation its own unit fixes (unit-slip, perf-cost's 元 for 万元). */
function unitForm(f: Finding): RelationForm | undefined {
  const at = f.ruleId === "unit-slip" && f.messageId === "yuanForWanyuan" ? 0 : f.ruleId === "perf-cost" && f.messageId === "unitSlip" ? 1 : -1;
  const v = f.values[at];
  if (!v) return undefined;
  const value = new Decimal(v.value);
  const printed = { text: v.text, value, decimals: decimalsOfText(v.text), unit: v.unit, location: v.location };
  const term: RelationTerm = { key: citedKey(v), coef: 1, operand: { value, decimals: printed.decimals, unit: v.unit }, scale: new Decimal(1), printed };
  return { kind: "unit", term, unit: "万元", verdict: "violated", ruleId: f.ruleId };
}

/**
 * Groups a file's findings and names the number that explains each group, when one does (sets `group` on every
 * warning and error that cites numbers). `held`: the relations the rules checked that hold (RuleContext collects
 * them); `ctx` names copied and last-year figures. Findings at level info are left out: rounding explains them.
 */
export function groupFindings(findings: Finding[], held: RelationForm[] = [], ctx?: SlipContext): void {
  const members = findings.filter((f) => f.severity !== "info" && f.values.length > 0);
  if (members.length === 0) return;
  // union-find over shared printed numbers
  const parent = members.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const owner = new Map<string, number>();
  members.forEach((f, i) => {
    for (const v of f.values) {
      const k = citedKey(v);
      const j = owner.get(k);
      if (j === undefined) owner.set(k, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, Finding[]>();
  members.forEach((f, i) => {
    const group = groups.get(find(i));
    if (group) group.push(f);
    else groups.set(find(i), [f]);
  });

  // relations that hold today, by number: a suggestion must leave them holding (info findings hold within rounding)
  const heldBy = new Map<string, RelationForm[]>();
  const addHeld = (r: RelationForm) => {
    for (const k of new Set(termsOf(r).map((t) => t.key))) {
      const list = heldBy.get(k);
      if (list) list.push(r);
      else heldBy.set(k, [r]);
    }
  };
  held.forEach(addHeld);
  for (const f of findings) if (f.severity === "info" && f.relation && f.relation.verdict !== "violated") addHeld(f.relation);

  let n = 0;
  for (const fs of groups.values()) {
    const group: FindingGroup = { id: `g${++n}`, size: fs.length, summary: "" };
    const explain = explainGroup(fs, heldBy, ctx);
    if (explain.suggestion) group.suggestion = explain.suggestion;
    group.summary = explain.summary;
    for (const f of fs) f.group = group;
  }
}

function explainGroup(fs: Finding[], heldBy: Map<string, RelationForm[]>, ctx?: SlipContext): { suggestion?: Suggestion; summary: string } {
  const many = fs.length > 1 ? `本组${fs.length}条问题涉及相同的数字` : "";
  const lead = many ? `${many}，` : "";
  // the failed relations: a convention (truncated, nudged percentages) is no failure to explain
  const failed: RelationForm[] = [];
  for (const f of fs) {
    const r = f.relation ?? unitForm(f);
    if (r?.verdict === "convention") continue;
    if (!r || r.verdict !== "violated") {
      return { summary: `${lead}其中有不能由改动一个数字解决的问题（如用词、单位或未能核实的数字），未给出修改建议` };
    }
    failed.push(r);
  }
  if (failed.length === 0) return { summary: `${lead}均属列示惯例，未给出修改建议` };
  // the numbers every failed relation contains, and that the relations can be solved for
  let keys: string[] | undefined;
  for (const r of failed) {
    const ks = termsOf(r).filter((t) => t.scale).map((t) => t.key);
    keys = keys ? keys.filter((k) => ks.includes(k)) : [...new Set(ks)];
  }
  const infos = new Map<string, NumberInfo>();
  for (const r of failed) for (const t of termsOf(r)) infos.set(t.key, { key: t.key, printed: t.printed });
  const candidates: Candidate[] = [];
  for (const k of keys ?? []) {
    const c = candidateFor(infos.get(k)!, failed, (heldBy.get(k) ?? []).filter((h) => !failed.includes(h)), ctx);
    if (c) candidates.push(c);
  }
  if (candidates.length === 0) {
    return { summary: `${lead}没有哪一个数字改动后能使${fs.length > 1 ? "全部" : "该"}关系成立而不破坏其他已成立的关系（可能不止一处有误，或有关数字只能确定范围），未给出修改建议` };
  }
  // more than one number explains the group: a slip that would explain one of them is a guess, not a proof (seed
  // 004's "共75个，福建70个，山西15个" reads as a doubled "1" in 15, but the tables confirm 15: the 75 is wrong)
  const best = Math.max(...candidates.map((c) => tier(c.slip)));
  const top = candidates.filter((c) => tier(c.slip) === best);
  if (candidates.length > 1) {
    const names = candidates.map((c) => `${placeOf(c.number.printed.location)}“${c.number.printed.text}”`).join("、");
    return { summary: `${lead}${names}中任一个改动后都能使${fs.length > 1 ? "全部" : "该"}关系成立，无法确定是哪一个有误，未给出修改建议` };
  }
  const c = top[0]!;
  const p = c.number.printed;
  const nouns = [...new Set(failed.map((r) => relationNoun(r, c.number.key)))];
  const suggestion: Suggestion = { text: p.text, location: p.location, replaceWith: c.replaceWith, unit: c.unit, slip: c.slip, resolves: failed.length };
  const about = c.approximate ? "约" : "";
  const clauses = [...nouns.filter((x) => x.startsWith("与")), ...(nouns.some((x) => !x.startsWith("与")) ? [`${nouns.filter((x) => !x.startsWith("与")).join("、")}相符`] : [])];
  const count = failed.length > 1 ? `（共${failed.length}处关系）` : "";
  const summary =
    c.slip === "yuan-for-wanyuan" && p.text === c.replaceWith
      ? `疑为${placeOf(p.location)}“${p.text}${p.unit}”的单位有误：应为${c.replaceWith}${c.unit}${slipNote(c)}`
      : `疑为${placeOf(p.location)}“${p.text}”有误：改为${about}${c.replaceWith}${c.unit}后，${clauses.join("，")}${count}${slipNote(c)}`;
  return { suggestion, summary };
}

/**
 * Neighbours and last-year columns of a report's printed numbers, for naming slips: the numbers of the same
 * paragraph or of the lines next to it, the cells above and below in a table column, and cells of the same row
 * under a header that says 上年.
 */
export function slipContext(report: Report): SlipContext {
  const narrative: { text: string; location: Location }[] = [];
  for (const p of report.paragraphs) for (const n of p.numbers) narrative.push({ text: n.text, location: n.location });
  const tables = new Map(report.tables.map((t) => [t.index, t]));
  return {
    neighbours(l, text) {
      if (l.table) {
        const t = tables.get(l.table.index);
        if (!t) return [];
        const out: { text: string; location: Location }[] = [];
        for (const row of t.rows) {
          for (const cell of row) {
            if (cell.column !== l.table.column || Math.abs(cell.row - l.table.row) !== 1 || !cell.number) continue;
            if (cell.number.text === text) out.push({ text, location: cell.location });
          }
        }
        return out;
      }
      return narrative.filter(
        (n) =>
          n.text === text &&
          numberKey(n.text, "", n.location) !== numberKey(text, "", l) &&
          ((l.line !== undefined && n.location.line !== undefined && Math.abs(n.location.line - l.line) <= 1 && n.location.page === l.page) ||
            (l.line === undefined && l.paragraph !== undefined && n.location.paragraph !== undefined && Math.abs(n.location.paragraph - l.paragraph) <= 1)),
      );
    },
    priorYear(l) {
      if (!l.table) return [];
      const t = tables.get(l.table.index);
      if (!t) return [];
      const header = t.rows.slice(0, Math.max(0, l.table.row - 1)).slice(0, 4).flat();
      const prior = new Set(header.filter((c) => /上年/.test(c.text)).map((c) => c.column));
      const row = t.rows.flat().filter((c) => c.row === l.table!.row && prior.has(c.column) && c.column !== l.table!.column && c.number);
      return row.map((c) => c.number!.text);
    },
  };
}
