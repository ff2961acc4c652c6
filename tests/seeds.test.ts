/**
 * End to end on the five real seed reports (fixtures/*.txt, copies of ../shared/seeds): the exact errors, each
 * verified by hand (the comment proves it), and the differences that only rounding explains stay below error.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../src/parse/index.js";
import { lintDocument } from "../src/lint.js";
import type { Finding } from "../src/engine/finding.js";

async function findingsOf(name: string): Promise<Finding[]> {
  const path = `fixtures/${name}`;
  const doc = await parseDocument(new Uint8Array(readFileSync(path)), path);
  return lintDocument(doc, path).findings;
}
const brief = (f: Finding) => `${f.ruleId} L${f.location.line} [${f.values.map((v) => `${v.text}@${v.location.line}`).join(" ")}] ${f.expected}≠${f.actual}`;

describe("seed 002 (2022 预算, 昌吉州金融办)", () => {
  it("reports exactly the inconsistencies verified by hand", async () => {
    const errors = (await findingsOf("002_b4db3b08202be5bf.txt")).filter((f) => f.severity === "error");
    expect(errors.map(brief)).toEqual([
      // 表1 部门收支总体情况表 prints 收入总计 255.68 (line 188); the narrative's 收支总预算 says 205.68
      "same-figure L1815 [255.68@188 205.68@1815] 255.68≠205.68",
      // 收支总预算205.68 (line 1815), but 收入预算 = 支出预算 = 表1 收入总计 = 255.68
      "same-figure L1819 [205.68@1815 255.68@1819] 205.68≠255.68",
      // 财政拨款收支总预算255.68元: the same figure is 255.68万元 everywhere else
      "unit-slip L1828 [255.68@1828] 万元≠元",
      // 10+1+0.42+3.5+0.3+2+2.68+2+39.63+0.2+5.5 = 67.23 ≠ 预算安排规模35
      "allocation-sum L1865 [35@1863 10@1865 1@1865 0.42@1865 3.5@1865 0.3@1865 2@1865 2.68@1865 2@1865 39.63@1865 0.2@1865 5.5@1865] 67.23≠35",
      // 24.14 + 0 + 35.37 = 59.51 ≠ 59.38
      "breakdown-sum L1876 [59.38@1876 24.14@1876 0@1876 35.37@1876] 59.51≠59.38",
      // the same project's 绩效目标表: its cost targets add to 67.23, above its 年度资金总额 35
      "perf-cost L2011 [35@2011 10@2083 1@2088 0.42@2093 3.5@2098 0.3@2103 2@2108 2.68@2113 2@2118 39.63@2123 0.2@2128 5.5@2133] 35≠67.23",
    ]);
  });
  it("a share nudged by one unit so that the shares printed beside it total exactly 100% is info naming the convention (the document shows it)", async () => {
    // 17.64 / 255.68 = 6.8992% ∈ [6.897%, 6.901%] for any rounding, printed 6.91%: one unit off. The four shares of
    // 一般公共预算拨款 255.68 (lines 1837–1840) print 79.29 + 7.73 + 6.07 + 6.91 = 100.00, where rounding each gives
    // 79.29 + 7.73 + 6.07 + 6.90 = 99.99: the last one was nudged to make 100% (DOMAIN.md: a convention, not an error)
    const share = (await findingsOf("002_b4db3b08202be5bf.txt")).filter((f) => f.ruleId === "share-of-total");
    expect(share.map((f) => `${f.severity} ${brief(f)} ${f.data.convention}`)).toEqual([
      "info share-of-total L1840 [17.64@1840 255.68@1830 6.91@1840] 6.90≠6.91 nudged",
    ]);
    expect(share[0]!.message).toContain("合计为100%");
  });
});

describe.each([
  ["000_da983fdeaa8df527.txt", []],
  // the tables' header names 中共乌鲁木齐市委金融委员会办公室; the title says …市委委员会金融委员会办公室
  // 项目支出绩效自评表 (金融监管工作经费): "出具专项检查报告 >=20 份 =28 份 … 实际超出 25%" — 20 → 28 is 40 % (28.6 % of 28)
  ["001_f95c47898c697abf.txt", ["names-years L179 [] undefined≠undefined", "perf-deviation L273 [20@273 28@273 25@273] 40≠25"]],
  // 项目支出绩效自评表 (财政业务工作经费): its 预期目标 says "全年预算76.47万元"; the fund block prints 152.00 / 83.14 / 82.42
  // 三公 26.66 = 0.00 + 25.66 + 1.01 (26.67, rounding): its shares 0.00 % + 96.25 % + 3.79 % total at least 100.025 %
  [
    "003_e112f6c15a12741b.txt",
    [
      "share-of-total L72 [26.66@72 0.00@72 0.00@72 25.66@72 96.25@72 1.01@72 3.79@72] [0, 100]≠100.04",
      "perf-funds L929 [76.47@929 152.00@899 83.14@900 82.42@901] 83.14≠76.47",
    ],
  ],
  // 项目支出绩效自评表: the 劳务费 cost target is "<=48.14万元", its actual "=48.14元" (ten thousand times less)
  // "争取福建山西援疆项目共75个，福建70个，山西15个": 70 + 15 = 85 (the tables confirm 70 and 15)
  // 单位整体支出绩效自评表: 本级资金 全年执行数 130.53 (the 基本支出 figure) where the year's 财政拨款支出 is 207.05
  ["004_51fca168845c9e65.txt", ["breakdown-sum L69 [75@69 70@69 15@69] 85≠75", "perf-fiscal L101 [207.05@27 0.00@92 130.53@101] 130.53≠207.05", "perf-cost L389 [48.14@388 48.14@389] 万元≠元"]],
])("seed %s (2024 决算)", (name, expected) => {
  it("has exactly the findings verified by hand; every other relation holds within rounding", async () => {
    const found = (await findingsOf(name)).filter((f) => f.severity !== "info");
    expect(found.map(brief)).toEqual(expected);
  });
});

describe("rounding-only differences are info, not errors", () => {
  it("seed 000: 基本支出 170.63 vs 人员经费160.76 + 公用经费9.86 = 170.62", async () => {
    const f = (await findingsOf("000_da983fdeaa8df527.txt")).filter((x) => x.ruleId === "breakdown-sum" && x.location.line === 55);
    expect(f.map((x) => [x.severity, x.expected, x.actual])).toEqual([["info", "170.62", "170.63"]]);
  });
  it("seed 003: 三公 26.66 vs 0.00 + 25.66 + 1.01 = 26.67, and 下降19.03% vs 6.27/32.93 = 19.04% (its shares' excess over 100 % is the error)", async () => {
    const f = (await findingsOf("003_e112f6c15a12741b.txt")).filter((x) => x.location.line === 72);
    expect(f.map((x) => `${x.severity} ${x.ruleId} ${x.expected}≠${x.actual}`).sort()).toEqual([
      "error share-of-total [0, 100]≠100.04",
      "info sangong-subtotal 26.67≠26.66",
      "info yoy-change 19.04≠19.03",
    ]);
  });
  it("seed 004: 本年支出 238.10 vs 130.54 + 107.57 = 238.11 is reported once", async () => {
    const f = (await findingsOf("004_51fca168845c9e65.txt")).filter((x) => x.ruleId === "breakdown-sum" && x.location.line === 20);
    expect(f.map((x) => `${x.severity} L${x.location.line} ${x.expected}≠${x.actual}`)).toEqual(["info L20 238.11≠238.10"]);
  });
});

describe("the model of a seed", () => {
  it("keeps the report's identity and addresses numbers by concept", async () => {
    const path = "fixtures/003_e112f6c15a12741b.txt";
    const doc = await parseDocument(new Uint8Array(readFileSync(path)), path);
    const { report } = lintDocument(doc, path);
    expect(report.meta).toMatchObject({ organisation: "昌吉回族自治州财政局", year: 2024, kind: "决算", format: "txt" });
    const fact = (c: string, m = "actual") => report.facts.find((f) => f.concept === c && f.measure === m)?.number;
    expect(fact("income.total")?.text).toBe("2,789.38");
    expect(fact("income.total")?.value.toFixed(2)).toBe("2789.38");
    expect(fact("income.total")?.location.line).toBe(29);
    expect(fact("sangong.vehicle")?.text).toBe("25.66");
    expect(fact("sangong.total", "budget")?.text).toBe("26.66");
    expect(report.facts.filter((f) => f.concept === "gpb.item").length).toBeGreaterThanOrEqual(15);
    expect(report.tables.map((t) => t.title)).toEqual(expect.arrayContaining(["单位整体支出绩效自评表"]));
  });
});

describe("the bundled PDF (fixtures/pdf, a copy of the 普陀区财政局 2025 预算)", () => {
  it("gives the narrative-against-table error verified by hand, and nothing else at error level", async () => {
    const errors = (await findingsOf("pdf/上海市普陀区财政局-2025-部门预算.pdf")).filter((f) => f.severity === "error");
    // 职业年金缴费支出（项）: the narrative says 887.36万元 (page 7; page 8 repeats the sentence in a hidden text
    // layer); 表5 prints 873,617.00元 = 87.36万元. One inconsistency, one finding, the repeat listed as another place.
    expect(errors.map((f) => `${f.ruleId} p${f.location.page} [${f.values.map((v) => `${v.text}${v.unit}@p${v.location.page}`).join(" ")}] also p${f.alsoAt?.map((l) => l.page).join(",")}`)).toEqual([
      "same-figure p7 [873,617.00元@p15 887.36万元@p7] also p8",
    ]);
    // both sides of the message in one unit, the table's 元 shown as printed beside it
    expect(errors[0]!.message).toContain("为87.3617万元（原表为873,617.00元）");
  });
});
