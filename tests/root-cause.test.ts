/**
 * Root cause (src/engine/root-cause.ts): findings that share a printed number are one group, and a group names the
 * one number whose replacement makes every failed relation hold — on synthetic slips of each kind, on cases where
 * no single number or more than one explains the group (nothing is named), and on the real errors of the reviewed
 * ledger whose wrong number the reviewers know.
 */
import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { Decimal } from "decimal.js";
import { lintText } from "./helpers.js";
import { checkFile } from "../src/runner.js";
import type { Finding } from "../src/engine/finding.js";
import { relationHolds, slipContext, solveFor, textualSlips } from "../src/engine/root-cause.js";
import { relationOf } from "../src/engine/relation-form.js";
import { shareCheck, sumCheck, varianceCheck, yoyRateCheck } from "../src/engine/interval.js";
import type { PrintedNumber, Report } from "../src/model/schema.js";

const BASE =
  "2024年度部门决算\n一、收入决算情况说明\n" +
  "2024年度本年收入215.43万元，比上年增加15.43万元，增长7.72%。其中：财政拨款收入191.80万元，占89.03%，比上年增加11.80万元，增长6.56%；其他收入23.63万元，占10.97%。";

/** The groups of a text's errors and warnings: their findings' rules and the suggestion. */
function groups(text: string) {
  const fs = lintText(text).filter((f) => f.severity !== "info" && f.values.length);
  const by = new Map<string, Finding[]>();
  for (const f of fs) by.set(f.group!.id, [...(by.get(f.group!.id) ?? []), f]);
  return [...by.values()].map((g) => ({ rules: g.map((f) => f.ruleId).sort(), suggestion: g[0]!.group!.suggestion, summary: g[0]!.group!.summary }));
}

describe("synthetic slips: one misprinted number, every relation it takes part in explained", () => {
  it("the correct text has no finding", () => {
    expect(lintText(BASE).filter((f) => f.severity !== "info")).toEqual([]);
  });

  const cases: [string, string, string, string][] = [
    ["transposed-digits", "119.80", "191.80", "疑似两位数字顺序颠倒"],
    ["extra-digit", "1991.80", "191.80", "疑似多写一位“9”"],
    ["missing-digit", "19.80", "191.80", "疑似漏写一位“1”"],
    ["yuan-for-wanyuan", "1918000.00", "191.80", "相差一万倍"],
    ["wanyuan-for-yuan", "0.019180", "191.80", "相差一万倍"],
    ["other", "195.20", "191.80", ""],
  ];
  for (const [slip, printed, replaceWith, note] of cases) {
    it(`${slip}: 财政拨款收入 printed ${printed}`, () => {
      const gs = groups(BASE.replace("191.80", printed));
      expect(gs).toHaveLength(1);
      const g = gs[0]!;
      expect(g.rules).toEqual(["breakdown-sum", "share-of-total", "yoy-change"]);
      expect(g.suggestion).toMatchObject({ text: printed, replaceWith, unit: "万元", slip, resolves: 3 });
      expect(g.summary).toContain(`疑为第3行“${printed}”有误：改为${replaceWith}万元后`);
      expect(g.summary).toContain("（共3处关系）");
      if (note) expect(g.summary).toContain(note);
    });
  }

  it("copied-neighbour: a share printed as the next item's share", () => {
    const gs = groups(BASE.replace("89.03", "10.97"));
    expect(gs).toHaveLength(1);
    expect(gs[0]!.suggestion).toMatchObject({ text: "10.97", replaceWith: "89.03", unit: "%", slip: "copied-neighbour", resolves: 1 });
    expect(gs[0]!.summary).toContain("疑似抄用了相邻的“10.97”");
  });

  it("a rate is solved too, but 增长6.65% beside a change stated nowhere else names neither: the 11.80 may be the wrong one", () => {
    const gs = groups(BASE.replace("6.56", "6.65"));
    expect(gs[0]!.suggestion).toBeUndefined();
    expect(gs[0]!.summary).toMatch(/“11\.80”.*“6\.65”|“6\.65”.*“11\.80”/);
  });
});

describe("no guess: nothing is named when the relations do not single out one number", () => {
  it("two numbers wrong: one group, no number explains all of it", () => {
    const gs = groups(BASE.replace("191.80", "119.80").replace("23.63万元", "32.63万元"));
    expect(gs).toHaveLength(1);
    expect(gs[0]!.rules).toHaveLength(4);
    expect(gs[0]!.suggestion).toBeUndefined();
    expect(gs[0]!.summary).toContain("没有哪一个数字改动后能使全部关系成立");
  });

  it("a lone rate whose amounts appear nowhere else: either the change or the rate may be wrong", () => {
    const gs = groups("2024年度部门决算\n一般行政管理事务支出决算数为21.18万元，比上年决算减少24.73万元，下降41.20%。");
    expect(gs).toHaveLength(1);
    expect(gs[0]!.suggestion).toBeUndefined();
    expect(gs[0]!.summary).toMatch(/“41\.20”.*任一个改动后都能使该关系成立，无法确定/);
  });

  it("…even when one of them would be a classic slip: 35.87 reads as 53.87 with two digits swapped, but 21.18 or 24.73 may as well be wrong", () => {
    // seed 004's "共75个，福建70个，山西15个" is the real case: 15 → 5 reads as a doubled "1", yet the tables confirm 15
    const gs = groups("2024年度部门决算\n一般行政管理事务支出决算数为21.18万元，比上年决算减少24.73万元，下降35.87%。");
    expect(gs[0]!.suggestion).toBeUndefined();
    expect(gs[0]!.summary).toContain("无法确定是哪一个有误");
  });

  it("a number whose change would break a relation that holds is not named", () => {
    // the share fails; a part or whole that explains it would break the sum and the yoy rates, which hold
    const gs = groups(BASE.replace("占89.03%", "占55.68%"));
    expect(gs).toHaveLength(1);
    expect(gs[0]!.suggestion).toMatchObject({ text: "55.68", replaceWith: "89.03" });
  });

  it("an inequality alone names no value", () => {
    const gs = groups("2024年度部门决算\n授予中小企业合同金额5.40万元，其中：授予小微企业合同金额5.47万元。");
    expect(gs.every((g) => g.suggestion === undefined)).toBe(true);
  });
});

describe("the solver on relations directly", () => {
  const n = (text: string, unit = "万元", line = 1): PrintedNumber => ({
    text,
    value: new Decimal(text),
    decimals: text.includes(".") ? text.split(".")[1]!.length : 0,
    unit,
    location: { line, snippet: text },
  });
  const cite = (...xs: PrintedNumber[]) => xs.map((number) => ({ number }));

  it("solves a sum for a part, over the other numbers' rounding", () => {
    const t = n("10.00"), a = n("3.00", "万元", 2), b = n("7.50", "万元", 3);
    const r = relationOf(sumCheck(t, [a, b]), cite(t, a, b), "breakdown-sum")!;
    if (r.kind !== "linear") throw new Error("a sum is a linear relation");
    const s = solveFor(r, r.terms[2]!.key)!;
    // 10.00 − 3.00 with both ±0.005
    expect([s.lo!.toFixed(), s.hi!.toFixed()]).toEqual(["6.99", "7.01"]);
    expect(relationHolds(r, new Map([[r.terms[2]!.key, { value: new Decimal("7.00"), decimals: 2 }]]))).toBe(true);
    expect(relationHolds(r, new Map([[r.terms[2]!.key, { value: new Decimal("7.02"), decimals: 2 }]]))).toBe(false);
  });

  it("solves a share for its part and its whole, a year-over-year rate for the current amount, a variance for the budget", () => {
    const part = n("191.80"), whole = n("215.43", "万元", 2), pct = n("89.03", "%", 3);
    const share = relationOf(shareCheck(part, whole, pct)!, cite(part, whole, pct), "share-of-total")!;
    const p = solveFor(share, share.kind === "ratio" ? share.num[0]!.key : "")!;
    expect(p.lo!.lte("191.80") && p.hi!.gte("191.80")).toBe(true);
    const w = solveFor(share, share.kind === "ratio" ? share.den[0]!.key : "")!;
    expect(w.lo!.lte("215.43") && w.hi!.gte("215.43")).toBe(true);
    const cur = n("21.18"), delta = n("24.73", "万元", 2), rate = n("53.87", "%", 3);
    const yoy = relationOf(yoyRateCheck(cur, delta, false, rate)!, cite(cur, delta, rate), "yoy-change")!;
    const c = solveFor(yoy, yoy.kind === "ratio" ? yoy.den[0]!.key : "")!;
    // 24.73 / (c + 24.73) = 53.87 % ⇒ c ≈ 21.177
    expect(c.lo!.lt("21.18") && c.hi!.gt("21.18")).toBe(true);
    const budget = n("221.34"), actual = n("191.80", "万元", 2), v = n("-13.35", "%", 3);
    const variance = relationOf(varianceCheck(budget, actual, v)!, cite(budget, actual, v), "budget-variance")!;
    const b = solveFor(variance, variance.kind === "ratio" ? variance.den[0]!.key : "")!;
    expect(b.lo!.lte("221.34") && b.hi!.gte("221.34")).toBe(true);
  });

  it("lists the textual slips of a printed number at its own precision", () => {
    const slips = textualSlips("887.36", "万元").map((s) => `${s.slip}:${s.r.value.toFixed(s.r.decimals)}`);
    expect(slips).toContain("extra-digit:87.36");
    expect(slips).toContain("transposed-digits:878.36");
    expect(slips).toContain("missing-digit:8887.36");
    expect(slips).not.toContain("extra-digit:887.3");
  });

  it("finds last year's column in the same table row", () => {
    const cell = (row: number, column: number, text: string) => ({
      text, row, column, rowSpan: 1, colSpan: 1,
      location: { snippet: text, table: { index: 1, title: "t", row, column } },
      ...(/^\d/.test(text) ? { number: n(text) } : {}),
    });
    const report = { paragraphs: [], tables: [{ index: 1, title: "t", sectionId: "s", location: { snippet: "" }, rows: [[cell(1, 1, "项目"), cell(1, 2, "上年决算数"), cell(1, 3, "本年决算数")], [cell(2, 1, "合计"), cell(2, 2, "12.50"), cell(2, 3, "12.50")]] }] } as unknown as Report;
    expect(slipContext(report).priorYear({ snippet: "", table: { index: 1, title: "t", row: 2, column: 3 } })).toEqual(["12.50"]);
  });
});

const SHARED = new URL("../../shared/", import.meta.url).pathname;
const hasShared = existsSync(`${SHARED}samples`);

describe.skipIf(!hasShared)("real cases of the reviewed ledger (skipped when ../shared is absent)", () => {
  async function suggestions(path: string) {
    const r = await checkFile(path);
    return r.findings.filter((f) => f.group?.suggestion).map((f) => ({ rule: f.ruleId, ...f.group!.suggestion!, summary: f.group!.summary }));
  }

  it("887.36 on p7 of 普陀区财政局 2025 budget: 87.36, a doubled 8 (table 873,617.00 元)", async () => {
    const s = await suggestions(`${SHARED}samples/上海市普陀区财政局-2025-部门预算.pdf`);
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ text: "887.36", replaceWith: "87.36", unit: "万元", slip: "extra-digit", location: { page: 7 } });
    expect(s[0]!.summary).toBe(
      "疑为第7页“887.36”有误：改为87.36万元后，与表5「2025年部门一般公共预算支出功能分类预算表」第15行第5列（第15页）（873,617.00元）一致（疑似多写一位“8”）",
    );
  }, 60_000);

  it("普陀区财政局 2024 final accounts: 0.3 → 2961.68 (two relations, one group), 71.73 → 71.65", async () => {
    const s = await suggestions(`${SHARED}samples/上海市普陀区财政局-2024-部门决算.pdf`);
    const byText = new Map(s.map((x) => [x.text, x]));
    expect(byText.get("0.3")).toMatchObject({ replaceWith: "2961.68", resolves: 2, location: { page: 21 } });
    expect(byText.get("71.73")).toMatchObject({ replaceWith: "71.65", resolves: 1 });
    expect([...byText.keys()].sort()).toEqual(["0.3", "71.73"]);
  }, 60_000);

  it("seed 002: 205.68 is the wrong figure (not 255.68), 255.68元 is a unit slip", async () => {
    const s = await suggestions(`${SHARED}seeds/002_b4db3b08202be5bf.txt`);
    const texts = [...new Set(s.map((x) => `${x.text}→${x.replaceWith}${x.unit}:${x.slip}`))].sort();
    expect(texts).toEqual(["205.68→255.68万元:other", "255.68→255.68万元:yuan-for-wanyuan"]);
  }, 60_000);

  it("a group the reviewers could not pin on one number names none (东营 31.35 / 333.83 / 1,391.68)", async () => {
    const path = `${SHARED}corpus/rw__东营__2026年东营市信访局部门预算.pdf`;
    if (!existsSync(path)) return;
    const r = await checkFile(path);
    const f = r.findings.find((x) => x.values.some((v) => v.text === "31.35"))!;
    expect(f.group?.suggestion).toBeUndefined();
  }, 60_000);
});
