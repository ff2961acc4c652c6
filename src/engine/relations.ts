/** Evaluates the concept relations of claims/concepts.ts over a report's facts. Shared by several rules. */
import type { Fact, Report } from "../model/schema.js";
import { RELATIONS, type Relation } from "../claims/concepts.js";
import { balanceCheck, equalCheck, subsetCheck, sumCheck, type Check } from "./interval.js";

export interface RelationResult {
  relation: Relation;
  measure: Fact["measure"];
  total: Fact;
  parts: Fact[];
  /** facts subtracted from the parts (Relation.minus); empty for other relations */
  minus: Fact[];
  /** sum relations with a part not stated fall back to "the stated parts do not exceed the total" */
  kind: "sum" | "subset" | "equal";
  check: Check;
}

export function fundsDeclaredEmpty(report: Report): boolean {
  // asked by every rule that evaluates relations (six per report), over the whole text: once per report
  const known = declaredEmpty.get(report);
  if (known !== undefined) return known;
  const text = report.paragraphs.map((p) => p.text).join("\n");
  const gov = /无政府性基金|政府性基金预算(?:拨款)?(?:未安排|为空表)|没有使用政府性基金|政府性基金[^。]*为空表/.test(text);
  const cap = /无国有资本经营|国有资本经营预算(?:拨款)?(?:未安排|为空表)|国有资本经营[^。]*为空表/.test(text);
  declaredEmpty.set(report, gov && cap);
  return gov && cap;
}
const declaredEmpty = new WeakMap<Report, boolean>();

/**
 * Relations are checked among the narrative's own statements; a table's internal sums are the table rules' job,
 * and narrative against table is same-figure's. Mixing sources here would report one wrong number three times.
 */
function first(facts: Fact[], concept: string, measure: Fact["measure"]): Fact | undefined {
  return facts.find((f) => f.concept === concept && f.measure === measure && f.source === "narrative");
}

export function evaluateRelations(report: Report, select: (r: Relation) => boolean): RelationResult[] {
  const out: RelationResult[] = [];
  const empty = fundsDeclaredEmpty(report);
  for (const relation of RELATIONS) {
    if (!select(relation)) continue;
    if (relation.reportKind && relation.reportKind !== report.meta.kind) continue;
    if (relation.when === "noGovFundOrStateCapital" && !empty) continue;
    const measures = relation.measures ?? (relation.kind === "equal" ? ["actual", "initialBudget", "budget"] : ["actual"]);
    for (const measure of measures) {
      const total = first(report.facts, relation.total, measure);
      if (!total) continue;
      const parts: Fact[] = [];
      let complete = true;
      for (const part of relation.parts) {
        const options = typeof part === "string" ? [part] : part;
        const direct = first(report.facts, options[0]!, measure);
        if (direct) {
          parts.push(direct);
          continue;
        }
        const subs = options.slice(1).map((c) => first(report.facts, c, measure));
        if (subs.length && subs.every(Boolean)) parts.push(...(subs as Fact[]));
        else complete = false;
      }
      if (parts.length === 0) continue;
      if (parts.some((p) => p.number.unit !== total.number.unit)) continue;
      if (relation.unlessStated?.some((c) => first(report.facts, c, measure))) continue;
      if (relation.minus) {
        const minus = relation.minus.map((c) => first(report.facts, c, measure));
        if (!complete || !minus.every((m): m is Fact => m !== undefined && m.number.unit === total.number.unit)) continue;
        const check = balanceCheck(total.number, parts.map((p) => p.number), minus.map((m) => m.number));
        out.push({ relation, measure, total, parts, minus, kind: "sum", check });
        continue;
      }
      if (relation.kind === "equal") {
        for (const p of parts) out.push({ relation, measure, total, parts: [p], minus: [], kind: "equal", check: equalCheck(total.number, p.number) });
      } else if (relation.kind === "sum" && complete) {
        out.push({ relation, measure, total, parts, minus: [], kind: "sum", check: sumCheck(total.number, parts.map((p) => p.number)) });
      } else {
        out.push({ relation, measure, total, parts, minus: [], kind: "subset", check: subsetCheck(total.number, parts.map((p) => p.number)) });
      }
    }
  }
  return out;
}

/**
 * The measure word to print after a label, unless the label already says it ("全年预算数" + "全年预算数" would read
 * "全年预算数全年预算数").
 */
export function measureAfter(label: string, measure: Fact["measure"]): string {
  const word = MEASURE_WORD[measure];
  return !word || label.endsWith(word) || /(?:预算|决算|执行)数?$/.test(label) ? "" : word;
}

export const MEASURE_WORD: Record<Fact["measure"], string> = {
  actual: "",
  budget: "全年预算数",
  initialBudget: "年初预算数",
  prior: "上年数",
};
