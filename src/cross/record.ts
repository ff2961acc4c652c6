/**
 * What the cross-document pass needs from one report, as plain JSON (it crosses worker threads and shard files):
 * the report's identity, its addressable facts (concept, measure, label, printed number, place) and its statements
 * about last year's figures (比上年增加/减少 D, 增长/下降 r%, 与上年持平, 上年预算数为 X). Amounts are stated in 万元
 * with the decimals that keep their rounding interval exact (87,361.70元 → 8.736170万元).
 */
import type { Fact, Location, Paragraph, PrintedNumber, Report } from "../model/schema.js";
import { aliasOf, normalizeLabel, sectionPaths } from "../claims/extract.js";
import { ALL_FUNDS_CONCEPT, execClassItem, EXPLANATION, FUND_QUALIFIED } from "../claims/patterns.js";
import { normalizeDigits } from "../model/numbers.js";
import { identify, type ReportIdentity } from "./identity.js";

/** A printed number as the pass compares it (in 万元 for amounts) and cites it (as printed). */
export interface CrossNumber {
  /** as printed, without the unit */
  text: string;
  /** the printed unit */
  printedUnit: string;
  /** the value in the compared unit (万元 for amounts, % for rates), as a decimal string */
  value: string;
  /** digits after the point in the compared unit (may be negative for 亿元 printed as an integer) */
  decimals: number;
  /** the compared unit */
  unit: string;
  location: Location;
}

export interface CrossFact {
  concept: string;
  measure: Fact["measure"];
  label: string;
  source: Fact["source"];
  number: CrossNumber;
}

/** Which of last year's figures a statement is against: the 决算 (执行数), the 预算, or the report's own kind. */
export type PriorBasis = "决算" | "预算" | "same";

/**
 * A statement about last year's figure of a quantity:
 * - "change": 比上年增加/减少 D (and/or 增长/下降 r%, or 持平); `current` is the figure stated with it, if any;
 * - "prior": 上年预算数（决算数）为 X.
 */
export interface CrossStatement {
  type: "change" | "prior";
  concept: string;
  label: string;
  basis: PriorBasis;
  current?: CrossNumber;
  amountWord?: "增加" | "减少" | "持平";
  delta?: CrossNumber;
  rateWord?: "增长" | "下降";
  rate?: CrossNumber;
  prior?: CrossNumber;
  /** the sentence says last year's figure was restated ("按可比口径", "调整后"): a mismatch is only a warning */
  restated?: boolean;
  location: Location;
}

export interface CrossRecord {
  identity?: ReportIdentity;
  /** why the report could not be placed in a series (Chinese, for people) */
  unplaced?: string;
  facts: CrossFact[];
  statements: CrossStatement[];
}

const EXPONENT: Record<string, number> = { 元: 0, 万元: 4, 亿元: 8 };

/** A printed number in the compared unit: amounts in 万元, everything else as printed. */
export function crossNumber(n: PrintedNumber): CrossNumber {
  const printed = n.original ?? { text: n.text, unit: n.unit, value: n.value };
  const location = Object.assign({}, n.location, { snippet: n.location.snippet.length > 60 ? `${n.location.snippet.slice(0, 60)}…` : n.location.snippet });
  const e = EXPONENT[n.unit];
  if (e === undefined || n.unit === "万元") return { text: printed.text, printedUnit: printed.unit, value: n.value.toFixed(), decimals: n.decimals, unit: n.unit, location };
  const k = 4 - e; // 元 → 万元: divide by 10^4, four more decimals
  return { text: printed.text, printedUnit: printed.unit, value: n.value.div(10 ** k).toFixed(), decimals: n.decimals + k, unit: "万元", location };
}

const DAMAGED = "\uFFFD";
const AMOUNT_UNITS = new Set(["万元", "元", "亿元"]);
/** "比上年", "较2015年决算数", "与2023年度相比", "同比": the words that name last year's figure. */
const PRIOR_MARK = /(?:比|较|与|同)\s*(?:(上年|上一年度?|去年)|(\d{4})\s*年度?)(?:同期)?(?:年初)?(预算执行|实际执行|预算|决算|执行)?数?|同比/g;
const DIRECTION = /(增加|减少|增长|下降|上升|降低)(?:了|率为?|幅度为?)?\s*$/;
const SAME = /与\s*(?:上年|上一年度?|去年|(\d{4})\s*年度?)(?:同期)?(预算执行|预算|决算|执行)?数?(?:相比)?[，,]?\s*(持平|相同|一致|相等)/g;
const PRIOR_VALUE = /(?:上年|上一年度?|去年|(\d{4})\s*年度?)(?:年初)?(预算|决算|执行)数?(?:为|是)?\s*$/;

/** The sentence (up to the position) a number stands in. */
function sentenceStart(text: string, pos: number): number {
  const before = text.slice(0, pos);
  return Math.max(...["。", "；", ";", "！", "？"].map((c) => before.lastIndexOf(c))) + 1;
}

/**
 * The label variants a concept may be read from, for wordings of older templates: 公共财政拨款 is the 一般公共预算's
 * name before 2015 ("公共财政拨款支出", "“三公”经费公共财政拨款支出"), and a label may keep the year it starts with.
 */
export function conceptForLabel(label: string, path: string): string | undefined {
  const bare = subjectLabel(label);
  const variants = [bare, bare.replace(/公共财政拨款/, "财政拨款"), bare.replace(/^公共财政/, "一般公共预算"), bare.replace(/决算数?$|预算数?$/, "")];
  for (const v of variants) {
    if (!v) continue;
    const a = aliasOf(v, path);
    if (a) return a.concept;
  }
  return undefined;
}

/** A label without what ran on before this year's name of it ("…支出决算情况2016年“三公”经费…支出" → "“三公”经费…支出"). */
export function subjectLabel(label: string): string {
  return label.replace(/^.*\d{4}年度?(?=[\u4e00-\u9fa5“"])/, "").replace(/^\d{4}/, "");
}

/** Whether a class/款/项 label names a 项 ("一般公共服务支出/财政事务/行政运行"). */
function isItemLabel(label: string): boolean {
  return label.split("/").length === 3;
}

/** Year and basis from the words naming last year; undefined when they name another year than the one before. */
function priorBasis(head: string, year: number, kind: "预算" | "决算"): PriorBasis | undefined | null {
  const marks = [...head.matchAll(PRIOR_MARK)];
  const m = marks[marks.length - 1];
  if (!m) return null;
  if (m[2] && Number(m[2]) !== year - 1) return undefined;
  const word = m[3];
  if (!word) return "same";
  if (/执行|决算/.test(word)) return kind === "决算" ? "same" : "决算";
  return kind === "预算" ? "same" : "预算";
}

/** The 类/款/项 label a paragraph speaks of, as extract.ts builds it. */
function classItemOf(text: string): string | undefined {
  const m = execClassItem(text);
  if (!m) return undefined;
  const clean = (s: string) => s.replace(/^\s*\d{1,2}\s*[.．、]\s*/, "").replace(/[\s“”"]/g, "").replace(/\(/g, "（").replace(/\)/g, "）").trim();
  return `${clean(m[1]!)}/${clean(m[2]!)}/${clean(m[3]!)}`;
}

/**
 * The cross-document record of a report: identity (or why none), facts, and statements about last year. Pure; never
 * throws on a report the model could build (a statement it cannot read is left out, as within one report).
 */
export function crossRecord(report: Report): CrossRecord {
  const id = identify(report);
  const record: CrossRecord = { facts: [], statements: [] };
  if (id.ok) record.identity = id.identity;
  else record.unplaced = id.reason;
  const seen = new Map<string, number>();
  for (const f of report.facts) {
    if (f.number.location.snippet.includes(DAMAGED)) continue;
    // a figure printed many times (narrative, tables) is cited at most twice
    const key = `${f.concept}|${f.measure}|${f.label}|${f.number.value.toFixed()}`;
    const n = seen.get(key) ?? 0;
    if (n >= 2) continue;
    seen.set(key, n + 1);
    record.facts.push({ concept: f.concept, measure: f.measure, label: f.label, source: f.source, number: crossNumber(f.number) });
  }
  if (record.identity) {
    record.facts.push(...yearAnchoredFacts(report, record.identity, record.facts));
    record.statements = statements(report, record.identity);
  }
  return record;
}

/**
 * Figures the narrative states with this year named right before them ("2015年“三公”经费公共财政拨款支出53.56万元")
 * that the model left without a concept because the label ran on from a heading in the same line (web pages flatten
 * a report into one paragraph). The year makes the period certain; a fund-qualified sentence is still left out.
 */
function yearAnchoredFacts(report: Report, identity: ReportIdentity, known: CrossFact[]): CrossFact[] {
  const out: CrossFact[] = [];
  const paths = sectionPaths(report.sections);
  const taken = new Set(known.map((f) => `${f.number.location.line ?? ""}|${f.number.location.page ?? ""}|${f.number.location.paragraph ?? ""}|${f.number.location.snippet}`));
  for (const p of report.paragraphs) {
    if (p.text.includes(DAMAGED)) continue;
    const text = normalizeDigits(p.text);
    const path = paths.get(p.sectionId) ?? "";
    let prevEnd = 0;
    for (const n of p.numbers) {
      if (!AMOUNT_UNITS.has(n.unit)) continue;
      const glue = text.slice(Math.max(prevEnd, sentenceStart(text, n.start)), n.start);
      prevEnd = n.end;
      const m = /(\d{4})\s*年度?([^\d，,。；;：:、！？]{2,40})$/.exec(glue.replace(/\s+$/, ""));
      if (!m || Number(m[1]) !== identity.year) continue;
      const label = normalizeLabel(m[2]!, report.meta.organisation ?? identity.organisation);
      const concept = conceptForLabel(label, path);
      if (!concept || !ANCHORED_CONCEPTS.test(concept)) continue;
      const head = text.slice(sentenceStart(text, n.start), n.start);
      if (ALL_FUNDS_CONCEPT.test(concept) && FUND_QUALIFIED.test(head)) continue;
      const c = crossNumber(n);
      const key = `${c.location.line ?? ""}|${c.location.page ?? ""}|${c.location.paragraph ?? ""}|${c.location.snippet}`;
      if (taken.has(key)) continue;
      taken.add(key);
      out.push({ concept, measure: "actual", label, source: "narrative", number: c });
    }
  }
  return out;
}

const RESTATED = /可比口径|口径调整|调整后|重述|追溯调整/;

/**
 * The concepts whose labels say unambiguously which figure they are. Not 收入预算 / 支出预算: in a 预算 they may
 * include 上年结转 ("部门收入预算为81206.56万元。其中：…上年结转结余7600.00万元").
 */
const ANCHORED_CONCEPTS = /^(?:income\.carryIn|expense\.carryOut|fiscal\.carryIn|fiscal\.carryOut|income\.total|expense\.total|gpb\.expense|operating\.expense|sangong\.[a-z.]+)$/;

function statements(report: Report, identity: ReportIdentity): CrossStatement[] {
  const out: CrossStatement[] = [];
  const paths = sectionPaths(report.sections);
  const org = report.meta.organisation;
  const usedRates = new Set<Location>();
  const byParagraph = new Map<number, Paragraph>(report.paragraphs.map((p) => [p.index, p]));
  const classes = new Set(report.facts.filter((f) => f.concept === "gpb.class").map((f) => f.label));

  // 比上年增加/减少 D: the yoy claims of the narrative
  for (const c of report.claims) {
    if (c.kind !== "yoy" || !c.delta) continue;
    if (c.rate) usedRates.add(c.rate.location);
    const p = byParagraph.get(c.paragraph);
    if (!p || p.text.includes(DAMAGED)) continue;
    const text = normalizeDigits(p.text);
    const at = p.numbers.find((n) => n.location === c.delta!.location);
    if (!at) continue;
    const head = text.slice(sentenceStart(text, at.start), at.start);
    const basis = priorBasis(head, identity.year, identity.kind);
    if (!basis) continue;
    const path = paths.get(p.sectionId) ?? "";
    let concept = c.concept ?? (isItemLabel(c.label) ? "gpb.item" : conceptForLabel(c.label, path));
    let label = c.label;
    if (!concept && c.current) {
      const item = classItemOf(text);
      if (item && c.label === item) concept = "gpb.item";
      // a 类 the report lists with its amount ("一般公共服务支出（类）2106.66万元，比上年增加…")
      else if (classes.has(c.label)) concept = "gpb.class";
    }
    if (!concept) continue;
    if (concept === "gpb.item" && !isItemLabel(label)) continue;
    // "（一）一般公共预算财政拨款…，本年收入2193.18万元，比上年增加…" states the fund's figure, not the department's
    if (ALL_FUNDS_CONCEPT.test(concept) && FUND_QUALIFIED.test(text.slice(sentenceStart(text, at.start), at.start))) continue;
    if (concept !== "gpb.item") label = subjectLabel(c.label);
    const s: CrossStatement = { type: "change", concept, label, basis, delta: crossNumber(c.delta), location: c.delta.location };
    if (c.current && AMOUNT_UNITS.has(c.current.unit)) s.current = crossNumber(c.current);
    if (c.amountWord) s.amountWord = c.amountWord;
    if (c.rate) s.rate = crossNumber(c.rate);
    if (c.rateWord && c.rateWord !== "持平") s.rateWord = c.rateWord;
    if (RESTATED.test(head)) s.restated = true;
    out.push(s);
  }
  for (const c of report.claims) if (c.kind === "share") usedRates.add(c.share.location);

  for (const p of report.paragraphs) {
    if (p.text.includes(DAMAGED)) continue;
    const text = normalizeDigits(p.text);
    const path = paths.get(p.sectionId) ?? "";
    const explanations = [...text.matchAll(EXPLANATION)].map((m) => m.index!);
    const inExplanation = (pos: number) => explanations.some((e) => e <= pos && !/[。；;]/.test(text.slice(e, pos)));
    const amounts = p.numbers.filter((n) => AMOUNT_UNITS.has(n.unit));
    /** the amount stated last before pos in the same sentence, with its label */
    const previousAmount = (pos: number) => {
      const start = sentenceStart(text, pos);
      const prev = [...amounts].reverse().find((n) => n.end <= pos && n.start >= start);
      if (!prev) return undefined;
      // "…，其中：货物4.79万元、服务246.47万元，比上年增长5%": after a list the rate may be the total's, not the item's
      if (/其中|包括|分别/.test(text.slice(start, prev.start))) return undefined;
      // only the words about last year may stand between the amount and what is said of it
      const between = text.slice(prev.end, pos);
      if (!/^[\s，,]*(?:(?:[与比较同]\s*(?:上年|上一年度?|去年|\d{4}\s*年度?)(?:同期)?(?:年初)?(?:预算执行|预算|决算|执行)?数?(?:相比|比较)?|同比)[\s，,]*)?(?:增加|减少|增长|下降|上升|降低)?(?:了|率为?|幅度为?)?\s*$/.test(between)) return undefined;
      const before = amounts.filter((n) => n.end <= prev.start).pop();
      const label = normalizeLabel(text.slice(before && before.end > start ? before.end : start, prev.start), org);
      return { n: prev, label };
    };
    /** the subject named in the clause before pos, once the words about last year are taken off */
    const namedSubject = (clause: string) =>
      normalizeLabel(clause.replace(/(?:[与比较同]\s*(?:上年|上一年度?|去年|\d{4}\s*年度?)(?:同期)?(?:年初)?(?:预算执行|预算|决算|执行)?数?(?:相比|比较)?|同比)/g, ""), org);

    // 增长/下降 r% with no amount of change: the rate against last year's printed figure
    for (const n of p.numbers) {
      if (n.unit !== "%" || usedRates.has(n.location) || inExplanation(n.start)) continue;
      const start = sentenceStart(text, n.start);
      const prevNumber = p.numbers.filter((x) => x.end <= n.start).pop();
      const glue = text.slice(Math.max(start, prevNumber?.end ?? 0), n.start);
      const dir = DIRECTION.exec(glue);
      if (!dir) continue;
      const head = text.slice(start, n.start);
      const basis = priorBasis(head, identity.year, identity.kind);
      if (!basis) continue;
      const clause = glue.slice(0, dir.index).split(/[，,]/).pop() ?? "";
      const named = namedSubject(clause);
      const word = /增加|增长|上升/.test(dir[1]!) ? "增长" : "下降";
      let s: CrossStatement | undefined;
      if (named) {
        const concept = conceptForLabel(named, path);
        if (concept) s = { type: "change", concept, label: named, basis, rateWord: word, rate: crossNumber({ ...n, location: n.location }), location: n.location };
      } else {
        const prev = previousAmount(n.start);
        const concept = prev?.label ? conceptForLabel(prev.label, path) : undefined;
        if (prev && concept) s = { type: "change", concept, label: subjectLabel(prev.label), basis, current: crossNumber(prev.n), rateWord: word, rate: crossNumber(n), location: n.location };
      }
      if (!s || (ALL_FUNDS_CONCEPT.test(s.concept) && FUND_QUALIFIED.test(head))) continue;
      if (RESTATED.test(head)) s.restated = true;
      out.push(s);
    }

    // 与上年持平: last year's figure is this year's
    for (const m of text.matchAll(SAME)) {
      if (m[1] && Number(m[1]) !== identity.year - 1) continue;
      if (/基本\s*$/.test(text.slice(0, m.index!))) continue;
      const word = m[2];
      const basis: PriorBasis = !word ? "same" : /执行|决算/.test(word) ? (identity.kind === "决算" ? "same" : "决算") : identity.kind === "预算" ? "same" : "预算";
      const start = sentenceStart(text, m.index!);
      const clause = text.slice(start, m.index!).split(/[，,]/).pop() ?? "";
      const named = /\d/.test(clause) ? "" : namedSubject(clause);
      const location: Location = { ...(p.numbers[0]?.location ?? { snippet: "" }), snippet: text.slice(start, m.index! + m[0].length).slice(-60) };
      const span = p.spans.filter((x) => x.offset <= m.index!).pop();
      if (span) {
        delete location.line;
        delete location.page;
        delete location.paragraph;
        if (span.line !== undefined) location.line = span.line;
        if (span.page !== undefined) location.page = span.page;
        if (span.paragraph !== undefined) location.paragraph = span.paragraph;
      }
      let s: CrossStatement | undefined;
      if (named) {
        const concept = conceptForLabel(named, path);
        if (concept) s = { type: "change", concept, label: named, basis, amountWord: "持平", location };
      } else {
        const prev = previousAmount(m.index!);
        const concept = prev?.label ? conceptForLabel(prev.label, path) : undefined;
        if (prev && concept && text.slice(prev.n.end, m.index!).split(/[，,]/).length <= 2) s = { type: "change", concept, label: prev.label, basis, current: crossNumber(prev.n), amountWord: "持平", location };
      }
      if (!s || (ALL_FUNDS_CONCEPT.test(s.concept) && FUND_QUALIFIED.test(text.slice(start, m.index!)))) continue;
      out.push(s);
    }

    // 上年预算数为 X: last year's figure stated outright
    for (const n of amounts) {
      const start = sentenceStart(text, n.start);
      const glue = text.slice(start, n.start);
      const m = PRIOR_VALUE.exec(glue);
      if (!m || inExplanation(n.start)) continue;
      if (m[1] && Number(m[1]) !== identity.year - 1) continue;
      // "2023年度决算数" in the sentence of a 2024 report is last year's; "2024年预算数" in it is not
      if (!m[1] && !/上年|上一年|去年/.test(m[0])) continue;
      const word = m[2]!;
      const basis: PriorBasis = /执行|决算/.test(word) ? (identity.kind === "决算" ? "same" : "决算") : identity.kind === "预算" ? "same" : "预算";
      const clause = glue.slice(0, m.index).split(/[，,]/).pop() ?? "";
      const named = /\d/.test(clause) ? "" : normalizeLabel(clause, org);
      let concept: string | undefined;
      let label = named;
      if (named) concept = conceptForLabel(named, path);
      else {
        const prev = previousAmount(m.index! + start);
        if (prev) {
          label = prev.label;
          concept = conceptForLabel(prev.label, path);
        }
      }
      if (!concept || (ALL_FUNDS_CONCEPT.test(concept) && FUND_QUALIFIED.test(glue))) continue;
      out.push({ type: "prior", concept, label, basis, prior: crossNumber(n), location: n.location });
    }
  }
  // a sentence that says last year's figure was restated: the comparison stands, as a warning
  for (const s of out) if (RESTATED.test(s.location.snippet)) s.restated = true;
  return out;
}
