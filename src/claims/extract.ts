/**
 * From a report's narrative to the statements that carry a relation (claims) and to numbers bound to concepts
 * (facts). Works on the numbers of each paragraph and the words between them; all wording is in patterns.ts and
 * concepts.ts.
 */
import type { BreakdownClaim, ComparisonClaim, Fact, Paragraph, ParagraphNumber, PrintedNumber, Report, Section, ShareClaim, YoyClaim, VarianceClaim } from "../model/schema.js";
import { CONCEPT_ALIASES, CONTAINED_IN, LIST_BREAKDOWNS, QUANTITY_SCOPES, SUBJECT_ALIASES, type ConceptAlias } from "./concepts.js";
import {
  ACTUAL_GLUE, ADDITIVE_COUNT_UNITS, ALL_FUNDS_CONCEPT, ALLOCATION_LINE, BUDGET_GLUE, CHANGE_AGAINST_PRIOR, CLASS_ONLY, execClassItem, COMPARE_GLUE,
  BOTH_SIDES_OPENER, BOTH_SIDES_TOTAL, BREAKDOWN_OPENER, CODE_ITEM, COMPARE_RELATION, COMPARISON, COMPLETION_GLUE, FLAT_AFTER_CHANGE, DELTA_GLUE, EXPLANATION, FUND_QUALIFIED, PRIOR_FIGURE, PRIOR_PERIOD_CLAUSE, PRIOR_YEAR, PROJECT_SIZE, RATE_GLUE, RATE_WORDS, RISING_WORD,
  SHARE_GLUE, VARIANCE_RATE_GLUE,
} from "./patterns.js";
import { Interval } from "../engine/interval.js";
import { HEADING_LEVELS } from "../model/headings.js";
import { inCommonAmountUnit, normalizeDigits } from "../model/numbers.js";
import { Decimal } from "decimal.js";

type Kind = "amount" | "percent" | "count";
type Role = "item" | "delta" | "rate" | "share" | "varianceRate" | "completion" | "budget" | "actual" | "ignored";

interface Token {
  n: ParagraphNumber;
  kind: Kind;
  glue: string;
  sentence: number;
  role: Role;
  label: string;
  share?: Token;
  /** offset of the innermost bracket the number stands in, when it stands in one ("3.6万元（购置费0万元，…）") */
  bracket?: number;
  /** how many brackets enclose it */
  depth: number;
}

const AMOUNT_UNITS = new Set(["万元", "元", "亿元"]);

function kindOf(n: ParagraphNumber): Kind | undefined {
  if (AMOUNT_UNITS.has(n.unit)) return "amount";
  if (n.unit === "%") return "percent";
  if (n.unit) return "count";
  return undefined;
}

const BOUNDARY = /[，,。；;：:、！？]/;


/**
 * The sentence speaks of another period than the report's: its last year named before the figure is not the report's
 * year ("2023年度收入总计180.00万元，支出总计…" in a 2024 report), or the clause names 上年 ("上年收入总计…").
 */
export function otherPeriod(head: string, year: number | undefined): boolean {
  const clause = head.split(/[，,]/).pop() ?? "";
  // "上年结转（结余）" is money carried into this year: this year's figure
  if (PRIOR_PERIOD_CLAUSE.test(clause) && !CHANGE_AGAINST_PRIOR.test(clause)) return true;
  if (!year) return false;
  const years = [...head.matchAll(/(\d{4})\s*年/g)].map((m) => Number(m[1]));
  const last = years[years.length - 1];
  return last !== undefined && last !== year && last > 1990 && last < 2100;
}

/** The sentence (or list item after a colon) a position lies in, up to that position. */
function sentenceHead(text: string, pos: number): string {
  const before = text.slice(0, pos);
  // a list after "具体情况如下：" starts sentences of its own
  const start = Math.max(...["。", "；", "！", "？", "：", ":"].map((c) => before.lastIndexOf(c)));
  return before.slice(start + 1).trim();
}

export function normalizeLabel(raw: string, organisation?: string): string {
  // "财政拨款收、支总预算": the 、 joins 收 and 支 of one word, it does not separate two labels
  let s = raw.replace(/\s+/g, "").replace(/收、支(?=总|预算)/g, "收支");
  const cut = Math.max(...[...BOUNDARY.source.slice(1, -1)].map((c) => s.lastIndexOf(c)));
  if (cut >= 0) s = s.slice(cut + 1);
  // "（公务用车购置费": the label starts inside the bracket it opens
  // (but "财政拨款收入（" before a bracketed amount is named by what precedes the bracket)
  const unclosed = enclosingBrackets(s, s.length);
  const at = unclosed[unclosed.length - 1];
  if (at !== undefined) s = s.slice(at + 1).trim() ? s.slice(at + 1) : s.slice(0, at);
  for (let k = 0; k < 3; k++) {
    const before = s;
    s = s.replace(/^(?:其中|包括|分别是|分别为|另外|此外|截至\d{4}年\d{1,2}月\d{1,2}日)/, "");
    // "2026年安排公务接待费预算1.10万元" (湖州): what is arranged is named after the verb
    s = s.replace(/^安排(?=[\u4e00-\u9fa5“"])/, "");
    s = s.replace(/^(?:\d{1,2}[.．、]|[（(]\d{1,2}[）)]|[（(][一二三四五六七八九十]+[）)])/, "");
    s = s.replace(/^\d{4}年度?/, "");
    // "（一）2015本年收入2028.01万元": a year written without 年 before 本年/年初/年末 names the report's own year
    s = s.replace(/^\d{4}(?=本年|年初|年末)/, "");
    if (organisation && s.startsWith(organisation)) s = s.slice(organisation.length);
    // "测试局2024年度收入支出总计": whatever names the unit before the year is not part of the label
    s = s.replace(/^[\u4e00-\u9fa5（）()]{2,40}?\d{4}年度?(?=[\u4e00-\u9fa5“"])/, "");
    s = s.replace(/^(?:本单位|本部门|单位|部门|的)/, "");
    s = s.replace(/^[（(](?:行政单位|事业单位|参照公务员法管理)[^）)]*[）)]/, "");
    s = s.replace(/^\d{4}年度?/, "");
    if (s === before) break;
  }
  s = s.replace(/(?:为|是|达|共计|约)$/, "");
  s = s.replace(/[（(]类[）)]$/, "");
  return s;
}

export function aliasOf(label: string, sectionPath: string): ConceptAlias | undefined {
  for (const a of CONCEPT_ALIASES) {
    if (!a.label.test(label)) continue;
    if (a.section && !a.section.test(sectionPath)) continue;
    if (a.notSection && a.notSection.test(sectionPath)) continue;
    return a;
  }
  return undefined;
}

export function conceptOf(label: string, sectionPath: string): string | undefined {
  return aliasOf(label, sectionPath)?.concept;
}

/** "第二部分 部门决算情况说明 / 五、一般公共预算… / （二）…结构情况" */
export function sectionPaths(sections: Section[]): Map<string, string> {
  const byId = new Map(sections.map((s) => [s.id, s]));
  const out = new Map<string, string>();
  for (const s of sections) {
    const parts: string[] = [];
    for (let c: Section | undefined = s; c && c.id !== "root"; c = c.parentId ? byId.get(c.parentId) : undefined) parts.unshift(c.numbering + c.title);
    out.set(s.id, parts.join(" / "));
  }
  return out;
}

function explanationRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(EXPLANATION)) {
    const start = m.index!;
    const rest = text.slice(start);
    const end = rest.search(/[。；;]/);
    out.push([start, end < 0 ? text.length : start + end]);
  }
  return out;
}

/** The words after the last clause mark of a glue: "个，福建" → "福建". */
function lastClause(glue: string): string {
  return (glue.split(/[，,、；;：:。]/).pop() ?? "").trim();
}

function strip(n: ParagraphNumber): PrintedNumber {
  return { text: n.text, value: n.value, decimals: n.decimals, unit: n.unit, location: n.location };
}

/** The numbers inside one bracket that follows an item: that item's own breakdown, never its siblings' parts. */
interface NestedList {
  /** the item the bracket follows ("公务用车购置及运行维护费3.6万元（…）") */
  parent: Token;
  /** parent = Σ the bracket's items, or a total inside the bracket ("（本年支出100万元，其中：…）") */
  breakdown?: OpenBreakdown;
  /** the bracket says it lists parts: "（其中：…）", "（含…）", "（包括…）" */
  announced: boolean;
  items: Token[];
}

interface OpenBreakdown {
  total: Token;
  totalLabel: string;
  parts: Token[];
  /** "共4个，涉及资金598.46万元。其中：…" names how many parts there are: then the list is exhaustive */
  countedParts?: number;
  /** the sentence it ends with, or undefined when it runs to the end of the paragraph */
  endSentence?: number;
  paragraph: number;
  /** the scope of quantity its total and parts count (QUANTITY_SCOPES), once one of them names it */
  scope: string | undefined;
}

export function extractClaims(report: Report): void {
  const paths = sectionPaths(report.sections);
  const org = report.meta.organisation;
  const isFinal = report.meta.kind !== "预算";
  const facts: Fact[] = report.facts;
  const claims = report.claims;
  const pendingShares: { claim: ShareClaim; wholeConcept: string }[] = [];
  const pendingYoy: { claim: YoyClaim; concept: string }[] = [];
  const listParts = new Map<number, { section: string; total: string; parts: { label: string; token: Token; paragraph: number }[] }>();
  let carry: OpenBreakdown | undefined; // "…，其中：" at the end of a paragraph: the next paragraphs hold the parts
  let carrySection = "";
  let carryLevel = 0;
  const allItems: { token: Token; paragraph: Paragraph }[] = [];
  // the items of the last few paragraphs that had any: where a list's total stands when the list has a paragraph of
  // its own ("其中：" on its own line, a paragraph opening with "其中：", a list of 类 with their shares)
  const recent: RecentItems[] = [];
  const justBefore = (p: Paragraph) => recent.find((r) => r.paragraph.sectionId === p.sectionId && r.paragraph.index === p.index - 1);

  const addFact = (concept: string, label: string, n: PrintedNumber, p: Paragraph, measure: Fact["measure"] = "actual") =>
    facts.push({ concept, measure, label, number: n, source: "narrative", paragraph: p.index });

  const finishBreakdown = (b: OpenBreakdown | undefined) => {
    if (!b || b.parts.length === 0) return;
    // scores, years, ages, ratings: "满分3分，优良3分、及格2分" lists alternatives, not parts of a whole
    if (b.total.kind === "count" && !ADDITIVE_COUNT_UNITS.has(b.total.n.unit)) return;
    const allShares = b.parts.every((t) => t.share);
    let relation: BreakdownClaim["relation"] = "subset";
    if (b.countedParts === b.parts.length && b.parts.length > 1) relation = "sum";
    else if (allShares && b.parts.length > 1) {
      let iv = Interval.exact(0);
      for (const t of b.parts) iv = iv.plus(Interval.of(t.share!.n));
      if (iv.meets(Interval.exact(100))) relation = "sum";
    }
    const contained = (t: Token) => CONTAINED_IN.some((c) => c.part.test(t.label) && b.parts.some((o) => o !== t && c.container.test(o.label) && !c.part.test(o.label)));
    // "1.26亿元（…4500.00万元、…）": compared in one unit
    const [total, ...parts] = inCommonAmountUnit([strip(b.total.n), ...b.parts.map((t) => strip(t.n))]);
    claims.push({
      kind: "breakdown",
      label: b.totalLabel,
      relation,
      total: total!,
      parts: b.parts.flatMap((t, i) => (contained(t) ? [] : [{ label: t.label, number: parts[i]! }])),
      paragraph: b.paragraph,
      origin: "其中",
    });
  };

  for (const p of report.paragraphs) {
    const path = paths.get(p.sectionId) ?? "";
    // the wording is matched in half-width digits ("２０２４年度" is "2024年度"); same offsets, numbers cite p.text
    const text = normalizeDigits(p.text);
    // the parts of "…，其中：" are the paragraphs nested under it; a sibling or outer list item ends them
    const level = numberingLevel(text);
    if (carry && level > 0 && level <= carryLevel) {
      finishBreakdown(carry);
      carry = undefined;
    }
    if (carry && p.sectionId !== carrySection) {
      finishBreakdown(carry);
      carry = undefined;
    }
    const expl = explanationRanges(text);
    const inExplanation = (pos: number) => expl.some(([a, b]) => pos >= a && pos < b);
    const tokens: Token[] = [];
    let prevEnd = 0;
    for (const n of p.numbers) {
      const kind = kindOf(n);
      if (!kind) continue;
      const glue = text.slice(prevEnd, n.start);
      const sentence = (text.slice(0, n.start).match(/[。！？]/g) ?? []).length;
      const brackets = enclosingBrackets(text, n.start);
      const token: Token = { n, kind, glue, sentence, role: inExplanation(n.start) ? "ignored" : "item", label: "", depth: brackets.length };
      if (brackets.length) token.bracket = brackets[brackets.length - 1]!;
      tokens.push(token);
      prevEnd = n.end;
    }

    // roles from the words before each number
    for (const t of tokens) {
      if (t.role === "ignored") continue;
      const g = t.glue.replace(/\s+$/, "");
      if (t.kind === "percent") {
        if (COMPLETION_GLUE.test(g)) t.role = "completion";
        else if (SHARE_GLUE.test(g)) t.role = "share";
        else if (VARIANCE_RATE_GLUE.test(g)) t.role = "varianceRate";
        else if (RATE_GLUE.test(g) || (DELTA_GLUE.test(g) && !/[。；;]/.test(g))) t.role = "rate";
        else t.role = "ignored";
      } else if (/(?:一致|持平|相同)\s*$/.test(g)) t.role = "ignored";
      else if (DELTA_GLUE.test(g)) t.role = "delta";
      else if (isFinal && t.kind === "amount" && BUDGET_GLUE.test(g) && !/绩效/.test(path)) t.role = "budget";
      else if (isFinal && t.kind === "amount" && ACTUAL_GLUE.test(g) && /预算/.test(text.slice(0, t.n.start))) t.role = "actual";
      else t.label = normalizeLabel(t.glue, org);
    }

    // the 类/款/项 an item paragraph speaks of
    const classItem = execClassItem(text);
    // an item that names its 项 by code states one amount: a 决算's "年初预算为…，支出决算为…" is another reading
    const oneAmount = p.numbers.filter((n) => AMOUNT_UNITS.has(n.unit)).length === 1;
    const listSpec = LIST_BREAKDOWNS.find((l) => l.section.test(path));

    let open: OpenBreakdown | undefined;
    let lastItem: Token | undefined;
    let variance: Partial<VarianceClaim> & { label: string; budgetMeasure: Fact["measure"] } | undefined;
    let lastYoy: YoyClaim | undefined;
    // where each change stated in this paragraph ends in the text (after its rate, if it has one)
    const yoyEnds = new Map<YoyClaim, number>();
    let firstItemSeen = false;
    const items: Token[] = [];
    // shares in a paragraph that opens with "其中：" and names no whole: resolved against the previous paragraph
    const orphanShares: ShareClaim[] = [];
    // bracketed sub-lists by the offset of their bracket; undefined for a bracket that follows no item ("收入（100万元）")
    const nested = new Map<number, NestedList | undefined>();
    const paragraphItems: Token[] = [];
    const nestedIn = (t: Token): NestedList | undefined => (t.bracket === undefined ? undefined : nestedListOf(t));
    const nestedListOf = (t: Token): NestedList | undefined => {
      const at = t.bracket!;
      if (nested.has(at)) return nested.get(at);
      const parent = [...paragraphItems].reverse().find((i) => i.depth < t.depth && i.n.end <= at);
      // the bracket must follow the item itself, at most after its share: "3.6万元（…）", "3.6万元，占57.14%（…）"
      const between = parent ? text.slice(parent.n.end, at) : "";
      const list: NestedList | undefined =
        parent && /^\s*(?:[，,]\s*占[^，,。；;（()]*?\d[\d.]*\s*%\s*)?$/.test(between)
          ? { parent, items: [], announced: /^[（(]\s*(?:其中|含|包括)/.test(text.slice(at)) }
          : undefined;
      if (list && sameKind(parent!, t)) list.breakdown = { total: parent!, totalLabel: parent!.label, parts: [], paragraph: p.index, scope: scopeOf(parent!) };
      nested.set(at, list);
      return list;
    };
    // a bracket of one item that does not say it lists parts ("21.18万元（上年45.91万元）") is a remark, not a breakdown
    const finishNested = (list: NestedList | undefined) => {
      if (list?.breakdown && (list.breakdown.parts.length >= 2 || list.announced)) finishBreakdown(list.breakdown);
    };
    const nestedItem = (t: Token, list: NestedList) => {
      if (t.kind !== "percent" && t.label) {
        const alias = aliasOf(t.label, path);
        if (alias) addFact(alias.concept, t.label, strip(t.n), p, alias.measure ?? "actual");
      }
      const inner = [...list.items].reverse().find((i) => sameKind(i, t));
      if (inner && /其中[:：]?[^，,。；;（(]*$/.test(t.glue.replace(/\s+$/, ""))) {
        // "（本年支出100万元，其中：基本支出60万元…）": a total inside the bracket
        finishNested(list);
        list.breakdown = { total: inner, totalLabel: inner.label, parts: [t], paragraph: p.index, scope: scopeOf(inner) ?? scopeOf(t) };
        list.announced = true;
      } else if (list.breakdown && admits(list.breakdown, t)) addPart(list.breakdown, t);
      list.items.push(t);
    };

    const closeVariance = () => {
      if (variance?.budget && variance.actual) {
        const claim: VarianceClaim = { kind: "variance", label: variance.label, budget: variance.budget, actual: variance.actual, paragraph: p.index };
        if (variance.rate) claim.rate = variance.rate;
        if (variance.completion) claim.completion = variance.completion;
        claims.push(claim);
        if (classItem && (!variance.label || variance.label === classItemLabel(classItem) || /^(?:支出|(?:年初|全年|调整后?)?预算数?)?$/.test(variance.label))) {
          claim.label = classItemLabel(classItem);
          addFact("gpb.item", claim.label, variance.budget, p, variance.budgetMeasure);
          addFact("gpb.item", claim.label, variance.actual, p, "actual");
        }
        const concept = classItem ? undefined : conceptOf(variance.label, path) ?? varianceSubject(variance.label);
        if (concept) {
          addFact(concept, variance.label, variance.budget, p, variance.budgetMeasure);
          addFact(concept, variance.label, variance.actual, p, "actual");
        }
      }
      variance = undefined;
    };

    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k]!;
      // past the bracket's end, what follows speaks of the item the bracket followed
      for (let l = lastItem && nestedIn(lastItem); lastItem && l && t.depth < lastItem.depth; l = nestedIn(lastItem)) lastItem = l.parent;
      if (open && open.endSentence !== undefined && t.sentence > open.endSentence) {
        finishBreakdown(open);
        open = undefined;
      }
      if (variance && t.sentence > (variance as { sentence?: number }).sentence! + 1) closeVariance();
      switch (t.role) {
        case "item": {
          const sub = nestedIn(t);
          if (sub) {
            nestedItem(t, sub);
            paragraphItems.push(t);
            allItems.push({ token: t, paragraph: p });
            lastItem = t;
            break;
          }
          const codeItem = !firstItemSeen && oneAmount && t.kind === "amount" && /一般公共预算/.test(path) && !/基本支出|经济分类/.test(path) ? CODE_ITEM.exec(text.slice(0, t.n.start)) : null;
          if (codeItem) {
            // the 一般公共预算 figure of the 项 the code names, compared with the table's row of that code
            addFact("gpb.code", codeItem[1]!, strip(t.n), p);
          } else if (classItem && !firstItemSeen && t.kind === "amount") {
            t.label = classItemLabel(classItem);
            addFact("gpb.item", t.label, strip(t.n), p);
          } else if (listSpec && !firstItemSeen && t.kind === "amount" && /^\s*\d{1,2}\s*[.．、]/.test(text)) {
            const cls = CLASS_ONLY.exec(text.slice(0, t.n.start));
            t.label = clean(cls ? cls[1]! : t.label);
            addFact(listSpec.partConcept, t.label, strip(t.n), p);
            const list = listParts.get(sectionKey(p)) ?? { section: p.sectionId, total: listSpec.total, parts: [] };
            list.parts.push({ label: t.label, token: t, paragraph: p.index });
            listParts.set(sectionKey(p), list);
          } else if (listSpec && t.kind === "amount" && CLASS_ONLY.test(t.glue.split(/[，,。；;：:]/).pop() ?? "")) {
            // an inline list: "主要用于以下方面：一般公共服务支出（类）2106.66万元，占71.73%；社会保障…（类）…"
            t.label = clean(t.label);
            addFact(listSpec.partConcept, t.label, strip(t.n), p);
            const list = listParts.get(sectionKey(p)) ?? { section: p.sectionId, total: listSpec.total, parts: [] };
            list.parts.push({ label: t.label, token: t, paragraph: p.index });
            listParts.set(sectionKey(p), list);
          } else if (t.kind !== "percent") {
            const alias = t.label ? aliasOf(t.label, path) : undefined;
            const head = sentenceHead(text, t.n.start);
            if (alias && !(ALL_FUNDS_CONCEPT.test(alias.concept) && FUND_QUALIFIED.test(head)) && !otherPeriod(head, report.meta.year)) {
              addFact(alias.concept, t.label, strip(t.n), p, alias.measure ?? "actual");
            }
          }
          // "…收支总预算A万元。收入…包括：…；支出包括：…": each side's list breaks down the 收支 total before it
          const bothSides = BOTH_SIDES_OPENER.test(t.glue.replace(/\s+$/, "")) ? [...items].reverse().find((i) => sameKind(i, t) && BOTH_SIDES_TOTAL.test(i.label)) : undefined;
          const opens = BREAKDOWN_OPENER.test(t.glue.replace(/\s+$/, "")) || /其中[:：]\s*$/.test(t.glue);
          if (bothSides) {
            finishBreakdown(open);
            open = { total: bothSides, totalLabel: bothSides.label, parts: [t], endSentence: t.sentence, paragraph: p.index, scope: undefined };
          } else if (opens) {
            finishBreakdown(open);
            open = undefined;
            // "其中：" opening a paragraph (a PDF line break after the total's sentence): the previous paragraph's one
            // item of this kind, in the same section, is the total
            const total = [...items].reverse().find((i) => sameKind(i, t)) ?? (/^\s*其中/.test(text) && items.length === 0 ? previousTotal(justBefore(p), t) : undefined);
            if (total && sameQuantity(total, t)) {
              const afterStop = /[。！？]\s*其中/.test(t.glue) || /^\s*其中/.test(t.glue) && t.glue.trim().startsWith("其中") && k === 0;
              open = { total, totalLabel: total.label, parts: [t], endSentence: afterStop ? undefined : t.sentence, paragraph: p.index, scope: scopeOf(total) ?? scopeOf(t) };
              const count = tokens.find((c) => c.kind === "count" && c.sentence === total.sentence && /共\s*$/.test(c.glue) && c.n.unit === "个");
              if (count) open.countedParts = count.n.value.toNumber();
            }
          } else if (open && admits(open, t)) {
            addPart(open, t);
          } else if (open && sameKind(open.total, t)) {
            // another quantity ("；实有在职人员476人" after a list of 编制): the list ended before it
            finishBreakdown(open);
            open = undefined;
          } else if (carry && !firstItemSeen && admits(carry, t)) {
            addPart(carry, t);
          }
          if (carry && !firstItemSeen && !admits(carry, t) && !carry.parts.includes(t)) {
            finishBreakdown(carry);
            carry = undefined;
          }
          firstItemSeen = true;
          items.push(t);
          paragraphItems.push(t);
          allItems.push({ token: t, paragraph: p });
          lastItem = t;
          break;
        }
        case "share": {
          if (!lastItem || lastItem.share) break;
          lastItem.share = t;
          const m = SHARE_GLUE.exec(t.glue.replace(/\s+$/, ""))!;
          const wholeLabel = normalizeLabel(m[1] ?? "", org);
          const claim: ShareClaim = { kind: "share", label: lastItem.label, part: strip(lastItem.n), share: strip(t.n), paragraph: p.index };
          if (wholeLabel) {
            claim.wholeLabel = wholeLabel;
            const c = conceptOf(wholeLabel, path);
            if (c) pendingShares.push({ claim, wholeConcept: c });
          } else {
            const inBracket = nestedIn(lastItem)?.breakdown;
            const b = [open, carry, inBracket].find((x) => x?.parts.includes(lastItem!));
            if (b) {
              claim.whole = strip(b.total.n);
              claim.wholeLabel = b.totalLabel;
            } else if (listSpec) {
              claim.wholeLabel = listSpec.total;
              pendingShares.push({ claim, wholeConcept: listSpec.total });
            } else {
              // placed below when the paragraph is a list of parts that each carry a share
              orphanShares.push(claim);
            }
          }
          if (claim.whole || claim.wholeLabel) claims.push(claim);
          break;
        }
        case "delta": {
          const word = /(增加|减少|增长|下降)了?\s*$/.exec(t.glue)![1]!;
          const amountWord = word === "增长" ? "增加" : word === "下降" ? "减少" : (word as "增加" | "减少");
          const claim: YoyClaim = { kind: "yoy", label: "", amountWord, delta: strip(t.n), paragraph: p.index };
          // the subject: named in the same clause ("“三公”经费比上年增加"), named before "与上年相比",
          // or the amount stated just before (same sentence, else the previous one)
          const clause = normalizeLabel(t.glue.replace(/(增加|减少|增长|下降)了?\s*$/, ""), org)
            .replace(new RegExp(`(?:[比较]${PRIOR_YEAR}${PRIOR_FIGURE}|同比|与${PRIOR_YEAR}${PRIOR_FIGURE}(?:相比|比较))$`), "");
          const lastSentence = t.glue.split(/[。！？]/).pop() ?? "";
          const named = new RegExp(`(.*?)与${PRIOR_YEAR}(?:相比|比较)`).exec(lastSentence);
          const subjectLabel = clause || (named ? normalizeLabel(named[1]!, org) : "");
          if (subjectLabel && (clause || !lastItem || lastItem.sentence !== t.sentence)) {
            claim.label = subjectLabel;
            const concept = SUBJECT_ALIASES.find((s) => s.subject.test(subjectLabel))?.concept ?? conceptOf(subjectLabel, path);
            if (concept) {
              claim.concept = concept;
              pendingYoy.push({ claim, concept });
            }
          } else if (lastItem && sameKind(lastItem, t)) {
            claim.label = lastItem.label;
            claim.current = strip(lastItem.n);
            const concept = lastItem.label ? conceptOf(lastItem.label, path) : undefined;
            if (concept) claim.concept = concept;
          }
          claims.push(claim);
          lastYoy = claim;
          yoyEnds.set(claim, t.n.end);
          break;
        }
        case "rate": {
          if (lastYoy && !lastYoy.rate) {
            // the word next to the rate; "增长下降13.8%" (an edit left half done) names no direction that can be proved
            const words = [...t.glue.matchAll(RATE_WORDS)].map((m) => (RISING_WORD.test(m[0]) ? "增长" : "下降"));
            lastYoy.rate = strip(t.n);
            if (new Set(words).size === 1) lastYoy.rateWord = words[0] as "增长" | "下降";
            yoyEnds.set(lastYoy, t.n.end);
          }
          break;
        }
        case "budget": {
          closeVariance();
          const g = t.glue.replace(/\s+$/, "");
          const m = BUDGET_GLUE.exec(g)!;
          let label = normalizeLabel(g.slice(0, m.index), org);
          if (!label || /^与?(?:年初|全年)?预算相比$/.test(label)) label = paragraphSubject(p, org) ?? "";
          variance = { label, budget: strip(t.n), budgetMeasure: /年初/.test(m[1]!) ? "initialBudget" : "budget" };
          (variance as { sentence?: number }).sentence = t.sentence;
          break;
        }
        case "actual": {
          if (variance && !variance.actual) variance.actual = strip(t.n);
          break;
        }
        case "completion": {
          if (variance && variance.actual && !variance.completion) variance.completion = strip(t.n);
          break;
        }
        case "varianceRate": {
          if (variance && variance.actual && !variance.rate) {
            variance.rate = strip(t.n);
            closeVariance();
          }
          break;
        }
      }
    }
    closeVariance();
    finishBreakdown(open);
    for (const list of nested.values()) finishNested(list);

    comparisonClaims(text, tokens, yoyEnds, inExplanation, p.index, claims);

    // Shanghai: "决算数小于预算数" describes the budget/actual pair stated just before it
    for (const m of text.matchAll(COMPARISON)) {
      const w = m[1] ?? "等于";
      const word = w === "超过" ? "大于" : w === "低于" ? "小于" : (w as "大于" | "小于" | "等于");
      const target = [...claims].reverse().find((c): c is VarianceClaim => c.kind === "variance" && !c.comparison && c.paragraph >= p.index - 1);
      if (target) target.comparison = word;
    }

    // itemised allocation: "资金分配情况：A 2万元，B 3.2万元 …" must add up to the project size stated above it
    if (ALLOCATION_LINE.test(text)) {
      const parts = tokens.filter((t) => t.kind === "amount" && t.role === "item" && !nestedIn(t));
      const size = findProjectSize(report.paragraphs, p.index);
      if (size && parts.length) {
        claims.push({
          kind: "breakdown",
          label: "资金分配情况",
          relation: "sum",
          total: size,
          parts: parts.map((t) => ({ label: t.label, number: strip(t.n) })),
          paragraph: p.index,
          origin: "allocation",
        });
      }
    }

    // an enumerated count: "争取福建山西援疆项目共75个，福建70个，山西15个" — the parts follow the total in its sentence and
    // each is named in the total's own label, so they are all of it (a list without that, "共有下属单位3个，机关科室9个",
    // may count other things and is left alone)
    for (let k = 0; k < tokens.length; k++) {
      const total = tokens[k]!;
      if (total.kind !== "count" || !/共(?:计|有)?\s*$/.test(total.glue)) continue;
      const whole = lastClause(total.glue).replace(/共(?:计|有)?\s*$/, "").replace(/^(?:其?[一二三四五六七八九十]+是|[一二三四五六七八九十]+[、.．])/, "");
      const parts: { label: string; token: Token }[] = [];
      for (let j = k + 1; j < tokens.length; j++) {
        const t = tokens[j]!;
        if (t.sentence !== total.sentence || t.kind !== "count" || t.n.unit !== total.n.unit) break;
        const name = lastClause(t.glue);
        if (!/^[\u4e00-\u9fff]{1,8}$/.test(name)) break;
        parts.push({ label: name, token: t });
      }
      if (parts.length >= 2 && parts.every((x) => whole.includes(x.label))) {
        claims.push({
          kind: "breakdown",
          label: whole,
          relation: "sum",
          total: strip(total.n),
          parts: parts.map((x) => ({ label: x.label, number: strip(x.token.n) })),
          paragraph: p.index,
          origin: "enumeratedCount",
        });
      }
    }

    // units: "%%", and 元 where the same figure is elsewhere in 万元 (checked once all facts are known)
    for (const m of text.matchAll(/(\d[\d,.]*)\s*%\s*%/g)) {
      const n = p.numbers.find((x) => x.start <= m.index! && x.end >= m.index! + m[1]!.length);
      if (n) claims.push({ kind: "unitSlip", label: "", number: strip(n), problem: "doublePercent", paragraph: p.index });
    }

    if (carry && tokens.length && carry.paragraph !== p.index && !tokens.some((t) => t.role === "item")) {
      finishBreakdown(carry);
      carry = undefined;
    }
    // a paragraph ending "…，其中：" opens a breakdown over the next paragraphs
    if (/其中[:：]?\s*$/.test(text) && lastItem) {
      finishBreakdown(carry);
      carry = { total: lastItem, totalLabel: lastItem.label, parts: [], paragraph: p.index, scope: scopeOf(lastItem) };
      carrySection = p.sectionId;
      carryLevel = numberingLevel(text) || 99;
    } else if (/^\s*其中[:：]\s*$/.test(text) && !tokens.length && justBefore(p)) {
      // "收入预算合计92,596.24万元，包括本年收入…，上年结转结余0万元。" then "其中：" on a line of its own (苏州): the
      // list that follows breaks down the figure the previous paragraph opened with
      finishBreakdown(carry);
      const total = justBefore(p)!.items[0]!;
      carry = { total, totalLabel: total.label, parts: [], paragraph: p.index, scope: scopeOf(total) };
      carrySection = p.sectionId;
      carryLevel = 99;
    }
    // a paragraph that opens a list ("其中：…", "2.按支出用途分类，包括…") or is one (湖州: "教育（类）支出3797.62万元，占7.3%；
    // 社会保障和就业（类）支出…" under "2.一般公共预算当年拨款结构情况。"): every item with its share
    if (orphanShares.length >= 2 && orphanShares.length === items.length && (LEADING_QIZHONG.test(text) || CLASS_ONLY.test(text.slice(0, items[0]!.n.start)))) {
      // the figure it breaks down stands in one of the few paragraphs before, in the same section
      const before = recent.filter((r) => r.paragraph.sectionId === p.sectionId && r.paragraph.index >= p.index - 3).flatMap((r) => r.items);
      const whole = wholeOfLeadingList(before, orphanShares);
      if (whole) {
        for (const c of orphanShares) {
          c.whole = strip(whole.n);
          c.wholeLabel = whole.label;
          claims.push(c);
        }
        claims.push({ kind: "breakdown", label: whole.label, relation: "sum", total: strip(whole.n), parts: orphanShares.map((c) => ({ label: c.label, number: c.part })), paragraph: p.index, origin: "其中" });
      }
    }
    if (items.length) recent.push({ items, paragraph: p });
    if (recent.length > 3) recent.shift();
  }
  finishBreakdown(carry);

  // numbered lists by 类 in a structure section: Σ parts = the section's total
  for (const list of listParts.values()) {
    const total = firstFact(facts, list.total, "actual");
    if (!total || list.parts.length === 0) continue;
    claims.push({
      kind: "breakdown",
      label: total.label,
      relation: "sum",
      total: total.number,
      parts: list.parts.map((x) => ({ label: x.label, number: strip(x.token.n) })),
      paragraph: list.parts[0]!.paragraph,
      origin: "structure",
    });
  }
  for (const { claim, wholeConcept } of pendingShares) {
    const f = firstFact(facts, wholeConcept, "actual");
    if (f) {
      claim.whole = f.number;
      claim.wholeLabel = f.label;
    }
  }
  for (const { claim, concept } of pendingYoy) {
    const f = firstFact(facts, concept, "actual");
    if (f && f.number.unit === claim.delta?.unit) claim.current = f.number;
  }
  // a 类 named again elsewhere ("一般公共预算支出包括：一般公共服务支出202.74万元…") restates its amount
  const classNames = new Set(facts.filter((f) => f.concept === "gpb.class").map((f) => f.label));
  for (const { token, paragraph } of allItems) {
    if (token.kind !== "amount" || !classNames.has(token.label)) continue;
    if (facts.some((f) => f.concept === "gpb.class" && f.number.location === token.n.location)) continue;
    if (facts.some((f) => f.number.location === token.n.location)) continue;
    addFact("gpb.class", token.label, strip(token.n), paragraph);
  }
  // 元 printed where the report's other figures of the same value are in 万元
  const wan = new Set(facts.filter((f) => f.number.unit === "万元").map((f) => f.number.value.toFixed()));
  for (const p of report.paragraphs) {
    for (const n of p.numbers) {
      if (n.unit === "元" && n.decimals === 2 && wan.has(n.value.toFixed()) && n.value.lt(new Decimal(100000))) {
        claims.push({ kind: "unitSlip", label: "", number: strip(n), problem: "yuanForWanyuan", paragraph: p.index });
      }
    }
  }
}

/**
 * Comparison words against the figures they describe (patterns.ts: FLAT_AFTER_CHANGE, COMPARE_GLUE):
 * - "比上年增加0.00万元，增长0.00%，与上年持平": the change printed right before the word, which asserts it is zero;
 * - "公用经费9.86万元，低于上年的14.22万元": two figures of one kind and unit in one clause chain, the word between them.
 * Nothing in an explanation ("主要原因是…与上年持平") is read: it may speak of a part of the subject.
 */
function comparisonClaims(text: string, tokens: Token[], yoyEnds: Map<YoyClaim, number>, inExplanation: (pos: number) => boolean, paragraph: number, claims: Report["claims"]): void {
  for (const [yoy, end] of yoyEnds) {
    if (inExplanation(end) || (!yoy.delta && !yoy.rate)) continue;
    const m = FLAT_AFTER_CHANGE.exec(text.slice(end));
    if (!m || inExplanation(end + m.index + m[0].length - 1)) continue;
    const claim: ComparisonClaim = { kind: "comparison", label: yoy.label, word: (m[1] ?? "") + m[2]!, relation: "equal", roughly: !!m[1], paragraph };
    if (yoy.delta) claim.delta = yoy.delta;
    if (yoy.rate) claim.rate = yoy.rate;
    if (yoy.current) claim.current = yoy.current;
    if (yoy.amountWord === "增加" || yoy.amountWord === "减少") claim.amountWord = yoy.amountWord;
    claims.push(claim);
  }
  for (let k = 1; k < tokens.length; k++) {
    const t = tokens[k]!;
    const a = tokens[k - 1]!;
    if (t.kind === "count" || a.sentence !== t.sentence || !sameKind(a, t) || a.n.unit !== t.n.unit) continue;
    if (inExplanation(a.n.start) || inExplanation(t.n.start) || /[。；;：:]/.test(t.glue) || t.glue.split(/[，,]/).length > 2) continue;
    const m = COMPARE_GLUE.exec(t.glue.replace(/\s+$/, ""));
    if (!m || m[1]) continue;
    const word = m[2]!;
    // "高于上年10万元" states the difference: only 大于/小于/等于 may stand right before the figure compared with
    if (!m[3] && !/^(?:大于|小于|等于)$/.test(word)) continue;
    const claim: ComparisonClaim = { kind: "comparison", label: a.label, word, relation: COMPARE_RELATION[word]!, roughly: false, a: strip(a.n), b: strip(t.n), paragraph };
    const bLabel = (m[3] ?? "").replace(/的$/, "");
    if (bLabel) claim.bLabel = bLabel;
    claims.push(claim);
  }
}

/** A paragraph with items, and its items. */
interface RecentItems {
  items: Token[];
  paragraph: Paragraph;
}

/** The previous paragraph's only item of t's kind (`prev`: that paragraph, when it is in t's section); else undefined. */
function previousTotal(prev: RecentItems | undefined, t: Token): Token | undefined {
  if (!prev) return undefined;
  const same = prev.items.filter((i) => sameKind(i, t));
  return same.length === 1 ? same[0] : undefined;
}

/** Offsets of the brackets still open at `pos`, outermost first ("（境）" closes; a stray closing bracket is ignored). */
function enclosingBrackets(text: string, pos: number): number[] {
  const open: number[] = [];
  for (let i = 0; i < pos; i++) {
    const c = text[i];
    if (c === "（" || c === "(") open.push(i);
    else if ((c === "）" || c === ")") && open.length) open.pop();
  }
  return open;
}

/** The list level a paragraph's numbering puts it at ("2." → 4, "（1）" → 5), 0 when it has none. */
function numberingLevel(text: string): number {
  const t = text.trim();
  return HEADING_LEVELS.find(({ pattern }) => pattern.test(t))?.level ?? 0;
}

function classItemLabel(m: RegExpExecArray): string {
  return `${clean(m[1]!)}/${clean(m[2]!)}/${clean(m[3]!)}`;
}

function sameKind(a: Token, b: Token): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind !== "count" || a.n.unit === b.n.unit;
}

/** The scope of quantity a labelled number counts (QUANTITY_SCOPES: 编制, 实有 …), when its label names one. */
function scopeOf(t: Token): string | undefined {
  return QUANTITY_SCOPES.find((q) => q.label.test(t.label))?.scope;
}

/** Same unit and no two different scopes: "人员编制512人" and "行政编制120人", not "实有在职人员476人". */
function sameQuantity(a: Token, b: Token): boolean {
  const sa = scopeOf(a);
  const sb = scopeOf(b);
  return sameKind(a, b) && !(sa && sb && sa !== sb);
}

/**
 * Whether t continues a list as one more part: the same quantity as its total and parts, and after "；" (which may
 * start a statement about something else) only an item of the list's own scope.
 */
/** A paragraph that opens a list of parts without naming their total: "其中：…", "2.按支出用途分类，包括…". */
const LEADING_QIZHONG = /^\s*(?:其中[:：，,]|(?:\d{1,2}\s*[.．、]\s*)?按[^，,：:。]{1,12}分类[，,：:]\s*包括)/;

/**
 * The total a "其中：" paragraph breaks down when the total stands in a paragraph before (湖州: "…收入预算515313.35
 * 万元，比上年执行数减少…" then "其中：一般公共预算拨款收入37018.75万元，占7.2%；…其他收入14023.40万元，占2.7%。"). Only
 * an exhaustive list is placed: every item of the paragraph has its share, and exactly one amount of the few paragraphs
 * before, in the parts' unit, meets their sum. Which figure is the whole is read from the numbers, so the list's
 * sum never fails against it; its shares are then checked against that whole.
 */
function wholeOfLeadingList(previous: Token[], shares: ShareClaim[]): Token | undefined {
  if (shares.length < 2) return undefined;
  const unit = shares[0]!.part.unit;
  if (!AMOUNT_UNITS.has(unit) || shares.some((c) => c.part.unit !== unit)) return undefined;
  let sum = Interval.exact(0);
  for (const c of shares) sum = sum.plus(Interval.of(c.part));
  const candidates = previous.filter((t) => t.kind === "amount" && t.n.unit === unit && Interval.of(t.n).meets(sum));
  return candidates.length === 1 ? candidates[0] : undefined;
}

function admits(b: OpenBreakdown, t: Token): boolean {
  if (!sameKind(b.total, t)) return false;
  const s = scopeOf(t);
  if (/[；;]/.test(t.glue) && s !== b.scope) return false;
  return !(b.scope && s && s !== b.scope);
}

/** Adds t to the list's parts; the first part that names a scope gives the list its scope. */
function addPart(b: OpenBreakdown, t: Token): void {
  b.parts.push(t);
  b.scope ??= scopeOf(t);
}

/** A 类/款/项 name as tables print it: no list number, no quotes or spaces, full-width brackets. */
function clean(s: string): string {
  return s
    .replace(/^\s*\d{1,2}\s*[.．、]\s*/, "")
    .replace(/[\s“”"]/g, "")
    .replace(/\(/g, "（")
    .replace(/\)/g, "）")
    .trim();
}

function sectionKey(p: Paragraph): number {
  return Number(p.sectionId.slice(1)) || 0;
}

function firstFact(facts: Fact[], concept: string, measure: Fact["measure"]): Fact | undefined {
  return facts.find((f) => f.concept === concept && f.measure === measure);
}

/** The subject a paragraph speaks of: "财政拨款收入支出总体与上年相比…", or its first labelled amount. */
function paragraphSubject(p: Paragraph, org?: string): string | undefined {
  const text = normalizeDigits(p.text);
  const m = /^(.*?)与上年(?:相比|比较)/.exec(text);
  const named = m ? normalizeLabel(m[1]!, org) : "";
  if (named) return named;
  const first = p.numbers.find((n) => AMOUNT_UNITS.has(n.unit));
  return first ? normalizeLabel(text.slice(0, first.start), org) : undefined;
}

const VARIANCE_SUBJECTS: { subject: RegExp; concept: string }[] = [
  { subject: /^财政拨款(?:收入支出|收支)(?:总体|决算)?$/, concept: "fiscal.expense.current" },
];
function varianceSubject(label: string): string | undefined {
  return VARIANCE_SUBJECTS.find((v) => v.subject.test(label))?.concept;
}

function findProjectSize(paragraphs: Paragraph[], index: number): PrintedNumber | undefined {
  for (let i = index - 1; i >= Math.max(0, index - 6); i--) {
    const p = paragraphs[i]!;
    const text = normalizeDigits(p.text);
    if (ALLOCATION_LINE.test(text)) return undefined;
    for (const n of p.numbers) {
      if (!AMOUNT_UNITS.has(n.unit)) continue;
      if (PROJECT_SIZE.test(text.slice(0, n.start).replace(/\s+$/, ""))) return strip(n);
    }
  }
  return undefined;
}
