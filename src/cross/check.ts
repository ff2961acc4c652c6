/**
 * The cross-document pass: the relations between the reports of one series, with the rounding model of one report
 * (src/engine/interval.ts) and its standard: an `error` only when no true values behind the printed numbers of the
 * two reports satisfy the relation. Pure: records in, series and findings out; `gouji check` runs it over the files of
 * a run and `gouji merge` over the records of shard results, so both give the same findings.
 *
 * Relations (each between two reports of the same organisation and scope):
 * - cross-yoy: this year's 比上年增加/减少 D, 增长/下降 r% or 持平 against the figure last year's report of the same
 *   kind printed for the same quantity (same concept and measure; the same 类/款/项 by name);
 * - cross-prior-figure: a stated 上年预算数 / 上年决算数 against last year's report;
 * - cross-carry-over: 年初结转和结余 (and 年初财政拨款结转和结余) of a 决算 = 年末 of last year's 决算;
 * - cross-initial-budget: a 决算's 年初预算数 against that year's 预算 report.
 * A 预算's "比上年预算" where only last year's 决算 (its 年初预算数) is at hand is compared as a warning: 上年预算 may
 * mean the adjusted budget.
 */
import { Decimal } from "decimal.js";
import { cornerRange, equalCheck, Interval, percentCheck, roundTo, touchesZero, type Printed } from "../engine/interval.js";
import type { CitedValue, Severity } from "../engine/finding.js";
import type { Location } from "../model/schema.js";
import { groupSeries, type Series, type SeriesReport, type Unplaced } from "./series.js";
import type { CrossNumber, CrossRecord, CrossStatement } from "./record.js";

/** A printed number cited by a cross-document finding, with the file it stands in. */
export type CrossCitedValue = CitedValue & { path: string };

export interface CrossFinding {
  ruleId: string;
  /** the rule's Chinese name (CROSS_RULES) */
  ruleName?: string;
  severity: Severity;
  message: string;
  /** the report the finding belongs to (the later one) and its place there */
  path: string;
  location: Location;
  values: CrossCitedValue[];
  expected?: string;
  actual?: string;
  /** the series (organisation) it was found in */
  organisation: string;
}

export interface CrossSeriesSummary {
  organisation: string;
  scope?: string;
  aliases?: string[];
  reports: { path: string; year: number; kind: "预算" | "决算" }[];
  /** relations between its reports that could be checked, and how many held */
  relationsChecked: number;
  relationsHeld: number;
}

export interface CrossDocumentResult {
  series: CrossSeriesSummary[];
  unplaced: Unplaced[];
  findings: CrossFinding[];
}

/** The ids and one-line descriptions of the cross-document relations (README, `gouji rules`-like listings). */
export const CROSS_RULES: { id: string; name: string; description: string; example: string }[] = [
  {
    id: "cross-yoy",
    name: "跨年增减",
    description: "本年“比上年增加/减少 D、增长/下降 r%、持平”必须与上年同类报告（决算对决算、预算对预算）所列同一数字相符",
    example: "2024年决算：一般公共预算财政拨款支出100.00万元，比上年增加12.00万元 ⏎ 2023年决算：一般公共预算财政拨款支出90.00万元",
  },
  {
    id: "cross-prior-figure",
    name: "上年数与上年报告",
    description: "报告所列“上年预算数 / 上年决算数”必须等于上年报告所列数字",
    example: "2024年预算：公务接待费预算2.00万元，上年预算数为2.20万元 ⏎ 2023年预算：公务接待费预算2.00万元",
  },
  {
    id: "cross-carry-over",
    name: "跨年结转结余",
    description: "决算的年初结转和结余（年初财政拨款结转和结余）必须等于上年决算的年末结转和结余",
    example: "2024年决算：年初结转和结余10.00万元 ⏎ 2023年决算：年末结转和结余12.00万元",
  },
  {
    id: "cross-initial-budget",
    name: "年初预算与预算报告",
    description: "决算所列年初预算数必须等于同年预算报告所列数字",
    example: "2024年决算：“三公”经费财政拨款支出年初预算为6.50万元 ⏎ 2024年预算：“三公”经费预算数为6.00万元",
  },
];

interface Candidate {
  path: string;
  n: CrossNumber;
  label: string;
}

function printed(n: CrossNumber): Printed | undefined {
  if (n.decimals < 0) return undefined; // 亿元 printed as an integer: no exact interval in 万元 decimals; not compared
  return { value: new Decimal(n.value), decimals: n.decimals, unit: n.unit };
}

/**
 * Whether two figures may be the same quantity printed twice: equal within their rounding, or one of them has no
 * exact interval to compare (printed(): 亿元 as an integer), which proves nothing either way.
 */
function mayAgree(a: CrossNumber, b: CrossNumber): boolean {
  const x = printed(a);
  const y = printed(b);
  return !x || !y || equalCheck(x, y).verdict !== "violated";
}

/** Labels of one 类/款/项 or 类 as compared across years: no spaces, 其它 read as 其他, full-width brackets. */
function sameLabel(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, "").replace(/其它/g, "其他").replace(/\(/g, "（").replace(/\)/g, "）").replace(/[“”"]/g, "");
  return norm(a) === norm(b);
}

/** Concepts that name many figures, told apart by their label (the 类 or 类/款/项 name). */
const LABELLED = new Set(["gpb.item", "gpb.class"]);

function figuresOf(reports: SeriesReport[], concept: string, label: string, measure: "actual" | "initialBudget"): Candidate[] {
  const out: Candidate[] = [];
  for (const r of reports) {
    for (const f of r.record.facts) {
      if (f.concept !== concept || f.measure !== measure) continue;
      if (LABELLED.has(concept) && !sameLabel(f.label, label)) continue;
      out.push({ path: r.path, n: f.number, label: f.label });
    }
    // this year's figure a report states beside its own change is one of its printed figures too
    if (measure === "actual") {
      for (const s of r.record.statements) {
        if (s.type !== "change" || !s.current || s.concept !== concept) continue;
        if (LABELLED.has(concept) && !sameLabel(s.label, label)) continue;
        out.push({ path: r.path, n: s.current, label: s.label });
      }
    }
  }
  // one value printed in several places is one candidate (the first place cites it)
  const seen = new Set<string>();
  return out.filter((c) => {
    const k = `${c.n.value}|${c.n.decimals}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function cite(path: string, n: CrossNumber, role: string, label?: string): CrossCitedValue {
  const v: CrossCitedValue = { path, text: n.text, value: n.value, unit: n.unit, role, location: n.location };
  if (n.printedUnit !== n.unit) v.text = `${n.text}${n.printedUnit}`;
  if (label) v.label = label;
  return v;
}

function fmt(v: Decimal, decimals: number): string {
  return roundTo(v, Math.max(0, decimals)).toFixed(Math.max(0, decimals));
}

function shown(n: CrossNumber): string {
  return n.printedUnit !== n.unit ? `${new Decimal(n.value).toFixed()}${n.unit}（原文${n.text}${n.printedUnit}）` : `${n.text}${n.unit}`;
}

interface Context {
  series: Series;
  findings: CrossFinding[];
  checked: number;
  held: number;
}

function outcome(ctx: Context, ok: boolean): void {
  ctx.checked++;
  if (ok) ctx.held++;
}

/** Whether any candidate of last year meets the interval this year's statement implies. */
function meetsAny(implied: Interval, candidates: Candidate[]): boolean {
  return candidates.some((c) => {
    const p = printed(c.n);
    return !p || implied.meets(Interval.of(p));
  });
}

/**
 * A 预算's totals are worded alike with and without 上年结转 ("收入预算81206.56万元，其中：…上年结转结余7600.00万元"
 * beside a 本年收入合计 of 73606.56): compared with last year's figure under another wording, a mismatch proves
 * nothing. Only a figure last year printed under the same label makes it an error.
 */
function ambiguousTotal(r: SeriesReport, s: CrossStatement, candidates: Candidate[]): boolean {
  if (r.kind !== "预算" || !/^(?:income\.current|expense\.current|income\.total|expense\.total|budget\.total)$/.test(s.concept)) return false;
  return !candidates.some((c) => sameLabel(c.label, s.label));
}

function checkChange(ctx: Context, r: SeriesReport, s: CrossStatement, prev: SeriesReport[], severity: Severity, basisNote: string, measure: "actual" | "initialBudget"): void {
  const candidates = figuresOf(prev, s.concept, s.label, measure);
  if (candidates.length === 0) return;
  const prevYear = r.year - 1;
  const prevPaths = [...new Set(candidates.map((c) => c.path))];
  const where = basisNote === "年初预算数" ? `${prevYear}年决算（${prevPaths.join("、")}）所列年初预算数` : `${prevYear}年${basisNote}（${prevPaths.join("、")}）所列数`;
  const printedList = candidates.map((c) => shown(c.n)).join("、");
  const priorValues = candidates.map((c) => cite(c.path, c.n, "prior", c.label));

  // currents: stated with the change, else this report's own figures of the quantity
  const currents: Candidate[] = s.current ? [{ path: r.path, n: s.current, label: s.label }] : figuresOf([r], s.concept, s.label, "actual");
  if (currents.length === 0) return;

  if (s.delta && s.amountWord && s.amountWord !== "持平") {
    const d = printed(s.delta);
    if (!d) return;
    const increase = s.amountWord === "增加";
    const implied = currents.flatMap((c) => {
      const p = printed(c.n);
      if (!p) return [];
      return [{ c, iv: increase ? Interval.of(p).minus(Interval.of(d)) : Interval.of(p).plus(Interval.of(d)), value: increase ? p.value.minus(d.value) : p.value.plus(d.value), decimals: Math.max(p.decimals, d.decimals) }];
    });
    if (implied.length === 0) return;
    const ok = implied.some((i) => meetsAny(i.iv, candidates));
    outcome(ctx, ok);
    if (ok) return;
    const first = implied[0]!;
    ctx.findings.push({
      ruleId: "cross-yoy",
      severity: ambiguousTotal(r, s, candidates) ? "warning" : severity,
      message: `${s.label}：本年${shown(first.c.n)}，比上年${s.amountWord}${shown(s.delta)}，即上年应为${fmt(first.value, first.decimals)}${s.delta.unit}；${where}为${printedList}`,
      path: r.path,
      location: s.location,
      values: [cite(r.path, first.c.n, "current", s.label), cite(r.path, s.delta, "delta"), ...priorValues],
      expected: fmt(first.value, first.decimals),
      actual: candidates[0]!.n.value,
      organisation: ctx.series.organisation,
    });
    return;
  }

  if (s.amountWord === "持平") {
    const ok = currents.some((c) => candidates.some((p) => mayAgree(c.n, p.n)));
    outcome(ctx, ok);
    if (ok) return;
    const c = currents[0]!;
    ctx.findings.push({
      ruleId: "cross-yoy",
      severity: ambiguousTotal(r, s, candidates) ? "warning" : severity,
      message: `${s.label}：本年${shown(c.n)}，称与上年持平；${where}为${printedList}`,
      path: r.path,
      location: s.location,
      values: [cite(r.path, c.n, "current", s.label), ...priorValues],
      expected: c.n.value,
      actual: candidates[0]!.n.value,
      organisation: ctx.series.organisation,
    });
    return;
  }

  if (s.rate && s.rateWord) {
    const rate = printed(s.rate);
    if (!rate) return;
    const sign = s.rateWord === "增长" ? 1 : -1;
    const stated: Printed = { value: rate.value.times(sign), decimals: rate.decimals, unit: "%" };
    let anyCompared = false;
    let best: { verdict: string; expected: Decimal; c: Candidate; p: Candidate } | undefined;
    for (const c of currents) {
      for (const p of candidates) {
        const cv = printed(c.n);
        const pv = printed(p.n);
        if (!cv || !pv) continue;
        const pi = Interval.of(pv);
        if (touchesZero(pi)) continue; // a new item: 增长100% is the convention, no rate to compare
        anyCompared = true;
        const f = (a: Decimal, b: Decimal) => a.minus(b).div(b).times(100);
        const range = cornerRange([Interval.of(cv), pi], f);
        const check = percentCheck(range, stated, f(cv.value, pv.value));
        const rank = check.verdict === "violated" ? 2 : check.verdict === "convention" ? 1 : 0;
        const bestRank = !best ? 3 : best.verdict === "violated" ? 2 : best.verdict === "convention" ? 1 : 0;
        if (rank < bestRank) best = { verdict: check.verdict, expected: check.expected, c, p };
      }
    }
    if (!anyCompared || !best) return;
    const ok = best.verdict !== "violated" && best.verdict !== "convention";
    outcome(ctx, ok);
    if (ok) return;
    const expectedAbs = best.expected.abs();
    const word = best.expected.lt(0) ? "下降" : "增长";
    ctx.findings.push({
      ruleId: "cross-yoy",
      severity: best.verdict === "convention" || ambiguousTotal(r, s, candidates) ? "warning" : severity,
      message:
        best.verdict === "convention"
          ? `${s.label}：本年${shown(best.c.n)}，${where}为${shown(best.p.n)}，${word}率按四舍五入应为${fmt(expectedAbs, rate.decimals)}%，报告写${s.rateWord}${s.rate.text}%（截去尾数所致，属写法惯例）`
          : `${s.label}：本年${shown(best.c.n)}，${where}为${shown(best.p.n)}，应为${word}${fmt(expectedAbs, rate.decimals)}%，报告写${s.rateWord}${s.rate.text}%`,
      path: r.path,
      location: s.location,
      values: [cite(r.path, best.c.n, "current", s.label), cite(best.p.path, best.p.n, "prior", best.p.label), cite(r.path, s.rate, "rate")],
      expected: fmt(best.expected.abs(), rate.decimals),
      actual: s.rate.value,
      organisation: ctx.series.organisation,
    });
  }
}

function checkPriorFigure(ctx: Context, r: SeriesReport, s: CrossStatement, prev: SeriesReport[], severity: Severity, basisNote: string, measure: "actual" | "initialBudget"): void {
  const candidates = figuresOf(prev, s.concept, s.label, measure);
  const stated = s.prior && printed(s.prior);
  if (!candidates.length || !stated || !s.prior) return;
  const ok = candidates.some((c) => mayAgree(s.prior!, c.n));
  outcome(ctx, ok);
  if (ok) return;
  const prevPaths = [...new Set(candidates.map((c) => c.path))];
  ctx.findings.push({
    ruleId: "cross-prior-figure",
    severity,
    message: `${s.label}：本报告所列上年数为${shown(s.prior)}；${r.year - 1}年${basisNote === "年初预算数" ? `决算（${prevPaths.join("、")}）所列年初预算数` : `${basisNote}（${prevPaths.join("、")}）所列数`}为${candidates.map((c) => shown(c.n)).join("、")}`,
    path: r.path,
    location: s.location,
    values: [cite(r.path, s.prior, "prior", s.label), ...candidates.map((c) => cite(c.path, c.n, "printed", c.label))],
    expected: candidates[0]!.n.value,
    actual: s.prior.value,
    organisation: ctx.series.organisation,
  });
}

const CARRY: { carryIn: string; carryOut: string; name: string }[] = [
  { carryIn: "income.carryIn", carryOut: "expense.carryOut", name: "年初结转和结余" },
  { carryIn: "fiscal.carryIn", carryOut: "fiscal.carryOut", name: "年初财政拨款结转和结余" },
];

function checkCarryOver(ctx: Context, r: SeriesReport, prev: SeriesReport[]): void {
  for (const k of CARRY) {
    const ins = figuresOf([r], k.carryIn, "", "actual");
    const outs = figuresOf(prev, k.carryOut, "", "actual");
    if (!ins.length || !outs.length) continue;
    const ok = ins.some((a) => outs.some((b) => mayAgree(a.n, b.n)));
    outcome(ctx, ok);
    if (ok) continue;
    // a carry-in the report says was adjusted (调整) need not equal last year's carry-out
    const adjusted = ins.some((a) => /调整/.test(a.n.location.snippet));
    const a = ins[0]!;
    ctx.findings.push({
      ruleId: "cross-carry-over",
      severity: adjusted ? "warning" : "error",
      message: `${r.year}年${k.name}${ins.map((x) => shown(x.n)).join("、")}，与${r.year - 1}年决算（${[...new Set(outs.map((b) => b.path))].join("、")}）的${k.name.replace("年初", "年末")}${outs.map((b) => shown(b.n)).join("、")}不一致${adjusted ? "（报告提到调整，请核实）" : ""}`,
      path: r.path,
      location: a.n.location,
      values: [...ins.map((x) => cite(x.path, x.n, "carryIn", k.name)), ...outs.map((b) => cite(b.path, b.n, "carryOut", k.name.replace("年初", "年末")))],
      expected: outs[0]!.n.value,
      actual: a.n.value,
      organisation: ctx.series.organisation,
    });
  }
}

/** Line items whose 年初预算数 is the 预算's figure whatever the template: 三公 and its parts, 类/款/项, 机关运行经费. */
const SURE_INITIAL_BUDGET = /^(?:sangong\.|gpb\.item$|gpb\.class$|operating\.expense$)/;

function checkInitialBudget(ctx: Context, r: SeriesReport, budgets: SeriesReport[]): void {
  const stated = new Map<string, Candidate[]>();
  for (const f of r.record.facts) {
    // the 预算数 column of a 决算's 三公 table: 年初 or adjusted 全年预算, the table does not say which
    const tableBudget = f.measure === "budget" && f.source === "table" && f.concept.startsWith("sangong.");
    if (f.measure !== "initialBudget" && !tableBudget) continue;
    const key = `${tableBudget ? "table" : "stated"}|${f.concept}|${LABELLED.has(f.concept) ? f.label : ""}`;
    stated.set(key, [...(stated.get(key) ?? []), { path: r.path, n: f.number, label: f.label }]);
  }
  for (const [key, mine] of stated) {
    const [origin, concept] = key.split("|") as [string, string];
    const label = mine[0]!.label;
    const theirs = figuresOf(budgets, concept, label, "actual");
    if (!theirs.length) continue;
    // every value the 决算 prints as that 年初预算数 must be one the 预算 printed
    for (const a of dedupe(mine)) {
      if (!printed(a.n)) continue;
      const ok = theirs.some((b) => mayAgree(a.n, b.n));
      outcome(ctx, ok);
      if (ok) continue;
      // a total's 年初预算数 may or may not include 上年结转 depending on the template; a line item's may not
      const sure = SURE_INITIAL_BUDGET.test(concept) && origin === "stated";
      const what = origin === "table" ? "“三公”经费表所列预算数" : "年初预算数";
      const why = origin === "table" ? "（表中预算数也可能是调整后的全年预算数，请核实）" : sure ? "" : "（总额的年初预算数是否含上年结转因模板而异，请核实）";
      ctx.findings.push({
        ruleId: "cross-initial-budget",
        severity: sure ? "error" : "warning",
        message: `${label}：${r.year}年决算所列${what}${shown(a.n)}，${r.year}年预算（${[...new Set(theirs.map((b) => b.path))].join("、")}）所列为${theirs.map((b) => shown(b.n)).join("、")}${why}`,
        path: r.path,
        location: a.n.location,
        values: [cite(r.path, a.n, origin === "table" ? "budget" : "initialBudget", label), ...theirs.map((b) => cite(b.path, b.n, "budgetReport", b.label))],
        expected: theirs[0]!.n.value,
        actual: a.n.value,
        organisation: ctx.series.organisation,
      });
    }
  }
}

function dedupe(cs: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return cs.filter((c) => {
    const k = `${c.n.value}|${c.n.decimals}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Runs every cross-document relation over the reports given (path + record, in any order). Findings come sorted by
 * series, then by the path and place of the report they belong to; identical findings from two copies of one report
 * (a .txt and a .docx of the same text) are reported once. The rules in `off` (--rule cross-yoy=off) are not run,
 * so their relations are not counted as checked either.
 */
export function crossCheck(inputs: { path: string; record: CrossRecord }[], off: ReadonlySet<string> = new Set()): CrossDocumentResult {
  const { series, unplaced } = groupSeries(inputs);
  const out: CrossDocumentResult = { series: [], unplaced, findings: [] };
  for (const s of series) {
    const ctx: Context = { series: s, findings: [], checked: 0, held: 0 };
    const at = (year: number, kind: "预算" | "决算") => s.reports.filter((r) => r.year === year && r.kind === kind);
    for (const r of s.reports) {
      const prevFinal = at(r.year - 1, "决算");
      const prevBudget = at(r.year - 1, "预算");
      for (const st of r.record.statements) {
        // which of last year's reports the statement speaks of
        const target = st.basis === "same" ? r.kind : st.basis;
        const prev = target === "决算" ? prevFinal : prevBudget;
        const note: string = target;
        // "按可比口径" / "调整后": last year's figure was restated, so the printed one need not match
        // a 预算 made before last year's 决算 was published compares with preliminary execution figures
        const sev: Severity = st.restated || (r.kind === "预算" && target === "决算") ? "warning" : "error";
        if (st.type === "change") {
          if (off.has("cross-yoy")) continue;
          if (prev.length) checkChange(ctx, r, st, prev, sev, note, "actual");
          else if (target === "预算" && prevFinal.length) checkChange(ctx, r, st, prevFinal, "warning", "年初预算数", "initialBudget");
        } else {
          if (off.has("cross-prior-figure")) continue;
          if (prev.length) checkPriorFigure(ctx, r, st, prev, sev, note, "actual");
          else if (target === "预算" && prevFinal.length) checkPriorFigure(ctx, r, st, prevFinal, "warning", "年初预算数", "initialBudget");
        }
      }
      if (r.kind === "决算" && prevFinal.length && !off.has("cross-carry-over")) checkCarryOver(ctx, r, prevFinal);
      if (r.kind === "决算" && !off.has("cross-initial-budget")) {
        const budgets = at(r.year, "预算");
        if (budgets.length) checkInitialBudget(ctx, r, budgets);
      }
    }
    const summary: CrossSeriesSummary = {
      organisation: s.organisation,
      reports: s.reports.map((r) => ({ path: r.path, year: r.year, kind: r.kind })),
      relationsChecked: ctx.checked,
      relationsHeld: ctx.held,
    };
    if (s.scope) summary.scope = s.scope;
    if (s.aliases.length) summary.aliases = s.aliases;
    out.series.push(summary);
    // two copies of one report give the same finding twice: once is enough
    const seen = new Set<string>();
    for (const f of ctx.findings) {
      const k = `${f.ruleId}|${f.values.map((v) => `${v.role}:${v.text}:${v.location.snippet}`).join(";")}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const name = CROSS_RULES.find((r) => r.id === f.ruleId)?.name;
      out.findings.push(name ? { ...f, ruleName: name } : f);
    }
  }
  return out;
}
