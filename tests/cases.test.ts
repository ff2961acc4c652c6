/**
 * Small inputs gouji once misread (tests/fixtures/cases/*.txt, copies of ../shared/cases): each stands for a class of
 * misreading, so each case is pinned with its exact findings and surrounded by variants of the same class that must
 * and must not be read the same way.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../src/parse/index.js";
import { lintDocument } from "../src/lint.js";
import type { Finding } from "../src/engine/finding.js";
import { scanNumbers } from "../src/model/numbers.js";
import { cellNumber } from "../src/model/build.js";
import { lintText } from "./helpers.js";
import { ROUNDING_NOTE } from "../src/engine/rule.js";
import { txtBlocks } from "../src/parse/txt.js";
import { shareCheck, sharesTotalHundred, sumCheck, varianceCheck, yoyRateCheck, type Check } from "../src/engine/interval.js";
import { Decimal } from "decimal.js";

async function findingsOf(name: string): Promise<Finding[]> {
  const path = `tests/fixtures/cases/${name}`;
  const doc = await parseDocument(new Uint8Array(readFileSync(path)), path);
  return lintDocument(doc, path).findings;
}
const caseText = (name: string) => readFileSync(`tests/fixtures/cases/${name}`, "utf8");

/** rule, severity, the cited numbers as printed, what the stated side should read and what it reads */
const brief = (f: Finding) => `${f.severity} ${f.ruleId} [${f.values.map((v) => v.text).join(" ")}] ${f.expected}≠${f.actual}`;
const shown = (fs: Finding[]) => fs.filter((f) => f.severity !== "info").map(brief);

/** number as printed → value, decimals, unit */
const scanned = (text: string) => scanNumbers(text).map((n) => `${n.text}=${n.value.toFixed()}/${n.decimals}${n.unit}`);

describe("full-width digits and a full-width comma between thousands", () => {
  it("fullwidth-digits-ok: １，２３４.５６ is 1,234.56 on both sides; nothing to report", async () => {
    expect((await findingsOf("fullwidth-digits-ok.txt")).map(brief)).toEqual([]);
  });
  it("fullwidth-digits-error: 1,234.56 ≠ 1,000.00 + 0.00 + 200.56, cited as printed", async () => {
    const found = await findingsOf("fullwidth-digits-error.txt");
    expect(shown(found)).toEqual(["error breakdown-sum [１，２３４.５６ １，０００.００ ０.００ ２００.５６] 1200.56≠1234.56"]);
    expect(found[0]!.values.map((v) => v.value)).toEqual(["1234.56", "1000.00", "0.00", "200.56"]);
  });
  it("the same report typed wholly in full-width (year included) gives the same error", () => {
    const text = caseText("fullwidth-digits-error.txt").replace(/2024/g, "２０２４");
    expect(shown(lintText(text))).toEqual(["error breakdown-sum [１，２３４.５６ １，０００.００ ０.００ ２００.５６] 1200.56≠1234.56"]);
  });
  it.each([
    ["１，２３４.５６万元", ["１，２３４.５６=1234.56/2万元"]],
    ["1，234.56万元", ["1，234.56=1234.56/2万元"]],
    ["１２，３４５，６７８.００元", ["１２，３４５，６７８.００=12345678/2元"]],
    ["９５.４５％", ["９５.４５=95.45/2%"]],
    ["１２３．４５万元", ["１２３．４５=123.45/2万元"]],
    // a thin space (or narrow no-break space) between thousands groups, as typesetters print them
    ["1\u2009234.56万元", ["1\u2009234.56=1234.56/2万元"]],
    ["1\u202F234\u202F567人", ["1\u202F234\u202F567=1234567/0人"]],
  ])("%s is one number", (text, expected) => {
    expect(scanned(text)).toEqual(expected);
  });
  it.each([
    // a list of item numbers: the comma is the Chinese enumeration comma, each is its own number
    ["第3，5，7项", ["3=3/0", "5=5/0", "7=7/0项"]],
    ["第３，５，７项", ["３=3/0", "５=5/0", "７=7/0项"]],
    // a group followed by more digits is no thousands group
    ["12，345，6789", ["12=12/0", "345=345/0", "6789=6789/0"]],
    ["共5个，100人", ["5=5/0个", "100=100/0人"]],
    // a plain space separates table columns in extracted text: two numbers, not 1,234.56
    ["1 234.56万元", ["1=1/0", "234.56=234.56/2万元"]],
    // a thousands separator must be used throughout: "1,234，567" is not one number
    ["1,234，567元", ["1,234=1234/0", "567=567/0元"]],
  ])("%s is not one number", (text, expected) => {
    expect(scanned(text)).toEqual(expected);
  });
  it("a table cell in full-width digits holds its number", () => {
    expect(cellNumber("１，２３４.５６")).toMatchObject({ text: "１，２３４.５６", decimals: 2 });
    expect(cellNumber("１，２３４.５６")!.value.toFixed(2)).toBe("1234.56");
    expect(cellNumber("９５.４５％")).toMatchObject({ unit: "%", decimals: 2 });
    expect(cellNumber("3，5")).toBeUndefined();
  });
});

describe("a space inside a number left by PDF or Word extraction", () => {
  it("space-inside-number: 41. 80 is 41.80, the income sentence holds, the expense sentence does not", async () => {
    const found = await findingsOf("space-inside-number.txt");
    expect(found.map(brief)).toEqual(["error breakdown-subset [41.80 30.00 12.80] 42.80≠41.80"]);
  });
  it("the income sentence is read: with 41. 70 its parts exceed it, and it no longer equals the expense total", () => {
    const text = caseText("space-inside-number.txt").replace("41. 80", "41. 70");
    expect(shown(lintText(text))).toEqual([
      "error breakdown-subset [41. 70 30.00 11.80] 41.80≠41.70",
      "error breakdown-subset [41.80 30.00 12.80] 42.80≠41.80",
      "error same-figure [41. 70 41.80] 41.70≠41.80",
    ]);
  });
  it.each([
    ["收入总计41. 80万元", ["41. 80=41.8/2万元"]],
    ["收入总计41.\u200980万元", ["41.\u200980=41.8/2万元"]],
    ["占 95. 45%", ["95. 45=95.45/2%"]],
    ["１，２３４. ５６万元", ["１，２３４. ５６=1234.56/2万元"]],
  ])("%s is one number", (text, expected) => {
    expect(scanned(text)).toEqual(expected);
  });
  it.each([
    // "1." numbers a list item at the start of the text or after a colon or semicolon
    ["1. 80万元用于培训", ["1=1/0", "80=80/0万元"]],
    ["主要用于：1. 80万元用于培训；2. 3.5万元用于会议", ["1=1/0", "80=80/0万元", "2=2/0", "3.5=3.5/1万元"]],
    // two spaces are no extraction gap
    ["收入41.  80万元", ["41=41/0", "80=80/0万元"]],
  ])("%s is not one number", (text, expected) => {
    expect(scanned(text)).toEqual(expected);
  });
  it("a table cell with the gap holds its number", () => {
    expect(cellNumber("41. 80")).toMatchObject({ text: "41. 80", decimals: 2 });
  });
});

describe("a bracketed sub-breakdown stays nested under its parent", () => {
  const HEAD = "测试局2024年度部门决算\n第二部分 部门决算情况说明\n三、支出决算情况说明\n";
  it("nested-sangong-ok: 6.3 = 0 + 3.6 + 2.7 and 3.6 = 0 + 3.6; nothing to report", async () => {
    expect((await findingsOf("nested-sangong-ok.txt")).map(brief)).toEqual([]);
  });
  it.each([
    // both relations are checked as sums: a part too small breaks them as surely as one too large
    ["公务接待费2.7万元", "公务接待费1.7万元", "error sangong-subtotal [6.3 0 3.6 1.7] 5.3≠6.3"],
    ["公务接待费2.7万元", "公务接待费3.7万元", "error sangong-subtotal [6.3 0 3.6 3.7] 7.3≠6.3"],
    ["公务用车运行维护费3.6万元）", "公务用车运行维护费2.6万元）", "error sangong-subtotal [3.6 0 2.6] 2.6≠3.6"],
    ["公务用车购置费0万元", "公务用车购置费1万元", "error sangong-subtotal [3.6 1 3.6] 4.6≠3.6"],
  ])("nested-sangong with %s → %s: %s", (from, to, expected) => {
    expect(shown(lintText(caseText("nested-sangong-ok.txt").replace(from, to)))).toEqual([expected]);
  });
  it.each([
    "本年支出100.00万元，其中：基本支出60.00万元（人员经费50.00万元，公用经费10.00万元），项目支出40.00万元。",
    // two levels of brackets
    "本年支出100.00万元（基本支出60.00万元（人员经费50.00万元，公用经费10.00万元），项目支出40.00万元）。",
    // a share inside the bracket is of the parent; a share after it is the parent's own
    "本年支出100.00万元，其中：基本支出60.00万元，占60.00%（人员经费50.00万元，占83.33%；公用经费10.00万元，占16.67%），项目支出40.00万元，占40.00%。",
    "本年支出100.00万元，其中：基本支出60.00万元（人员经费50.00万元，公用经费10.00万元），占60.00%，项目支出40.00万元，占40.00%。",
    // one amount in brackets that does not say it is a part is a remark, not a part of anything
    "本年支出100.00万元，其中：基本支出60.00万元（上年为80.00万元），项目支出40.00万元。",
  ])("valid: %s", (sentence) => {
    expect(shown(lintText(HEAD + sentence))).toEqual([]);
  });
  it.each([
    // the nested list exceeds its parent (基本支出 = 人员经费 + 公用经费 by definition: a sum); the outer list is fine
    ["本年支出100.00万元，其中：基本支出60.00万元（人员经费50.00万元，公用经费15.00万元），项目支出40.00万元。", "error breakdown-sum [60.00 50.00 15.00] 65.00≠60.00"],
    // the outer list exceeds its total; the nested one is fine
    ["本年支出100.00万元，其中：基本支出60.00万元（人员经费50.00万元，公用经费10.00万元），项目支出50.00万元。", "error breakdown-subset [100.00 60.00 50.00] 110.00≠100.00"],
    // a bracket that says it lists parts, with one part
    ["本年支出100.00万元（其中：项目支出120.00万元）。", "error breakdown-subset [100.00 120.00] 120.00≠100.00"],
    // amounts printed in brackets after their own labels are the outer list's parts
    ["本年支出100.00万元，其中：基本支出（60.00万元）、项目支出（50.00万元）。", "error breakdown-subset [100.00 60.00 50.00] 110.00≠100.00"],
    ["本年支出100.00万元，其中：基本支出60.00万元，占60.00%（人员经费50.00万元，占73.33%；公用经费10.00万元，占16.67%），项目支出40.00万元，占40.00%。", "error share-of-total [50.00 60.00 73.33] 83.33≠73.33"],
    ["本年支出100.00万元，其中：基本支出60.00万元（人员经费50.00万元，公用经费10.00万元），占50.00%，项目支出40.00万元，占40.00%。", "error share-of-total [60.00 100.00 50.00] 60.00≠50.00"],
  ])("invalid: %s", (sentence, expected) => {
    expect(shown(lintText(HEAD + sentence))).toEqual([expected]);
  });
  // a real 湖州 budget: a total in 亿元 whose bracketed parts are in 万元 (and 亿元) is compared in one unit
  const FUNDS = "测试局2026年部门预算\n第二部分 部门预算情况说明\n八、政府性基金预算情况说明\n";
  it.each([
    "2026年市级财政安排基建预算1.26亿元（浙北医学中心迁建4500.00万元、市公卫临床中心2000.00万元、市一院新改扩建项目600.00万元、市中医院迁建工程5000.00万元、市中医院防疫楼建设项目500.00万元）。",
    // 6,547.00万 + 1.90亿 + 5,000.00万 = 3.0547亿, printed 3.05亿 (± 0.005亿)
    "同比2025年专项债安排3.05亿元（浙北医学中心迁建工程6547.00万元、市公共卫生临床中心1.90亿元、市一院红旗路院区改建项目5000.00万元）。",
  ])("valid, in mixed units: %s", (sentence) => {
    expect(shown(lintText(FUNDS + sentence))).toEqual([]);
  });
  it("invalid, in mixed units: the parts are cited as printed", () => {
    const found = lintText(`${FUNDS}基建预算1.26亿元（A项目4500.00万元、B项目8200.00万元）。`).filter((f) => f.severity === "error");
    expect(found.map(brief)).toEqual(["error breakdown-subset [1.26 4500.00 8200.00] 1.27≠1.26"]);
    expect(found[0]!.values.map((v) => `${v.text}${v.unit}`)).toEqual(["1.26亿元", "4500.00万元", "8200.00万元"]);
  });
});

describe("a list's parts are of the same quantity as its total", () => {
  const HEAD = "测试局2026年部门预算\n第一部分 部门概况\n二、人员情况\n";
  it("headcount-establishment-ok: 512 = 120 + 392; 实有 and 离退休 are other quantities; nothing to report", async () => {
    expect((await findingsOf("headcount-establishment-ok.txt")).map(brief)).toEqual([]);
  });
  it("the 编制 list is still checked: 120 + 402 exceeds 512", () => {
    const text = caseText("headcount-establishment-ok.txt").replace("事业编制392人", "事业编制402人");
    expect(shown(lintText(text))).toEqual(["error breakdown-subset [512 120 402] 522≠512"]);
  });
  it.each([
    // after "；" a second list of the other scope, with its own total
    "本部门人员编制512人，其中行政编制120人、事业编制392人；实有在职人员476人，其中行政人员110人、事业人员366人。",
    // the same scopes for vehicles
    "本部门车辆编制10辆，其中：执法执勤用车6辆、特种专业技术用车4辆；实有车辆9辆，其中：执法执勤用车5辆、特种专业技术用车4辆。",
    // another quantity after a comma ends the list too
    "本部门人员编制512人，其中行政编制120人、事业编制392人，实有在职人员476人。",
    // "其中" before another quantity opens no list
    "本部门人员编制512人，其中实有在职人员476人、离退休人员88人。",
    "本部门人员编制512人（实有在职人员476人，离退休人员88人）。",
    // a list of 实有 people, then after "；" the 编制
    "本部门共有人员600人，其中：在职人员500人、离退休人员100人；编制512人。",
    "实有人数100人，其中：在职人员80人，离休人员2人，退休人员18人。",
  ])("valid: %s", (sentence) => {
    expect(shown(lintText(HEAD + sentence))).toEqual([]);
  });
  it.each([
    // an item of the list's own scope after "；" continues it
    ["本部门人员编制512人，其中行政编制120人；事业编制402人。", "error breakdown-subset [512 120 402] 522≠512"],
    ["本部门人员编制512人（其中：行政编制120人、事业编制402人）。", "error breakdown-subset [512 120 402] 522≠512"],
    ["本部门实有在职人员476人，其中行政人员110人、事业人员376人。", "error breakdown-subset [476 110 376] 486≠476"],
    // 编制内/编制外 are people (实有), a partition of the staff
    ["本部门人员编制512人；在职人员476人，其中：编制内人员420人、编制外人员66人。", "error breakdown-subset [476 420 66] 486≠476"],
    ["实有人数100人，其中：在职人员80人，离休人员2人，退休人员28人。", "error breakdown-sum [100 80 2 28] 110≠100"],
  ])("invalid: %s", (sentence, expected) => {
    expect(shown(lintText(HEAD + sentence))).toEqual([expected]);
  });
});

describe("a percentage truncated, or nudged so that shares total 100%, is a warning that names the convention", () => {
  const HEAD = "测试局2024年度部门决算\n第二部分 部门决算情况说明\n";
  const SPENDING = `${HEAD}三、支出决算情况说明\n`;
  const VARIANCE = `${HEAD}四、财政拨款收入支出决算总体情况说明\n与年初预算相比，`;
  const ITEM = `${HEAD}五、一般公共预算财政拨款支出决算情况说明\n1.一般公共服务支出(类)政府办公厅（室）及相关机构事务(款)一般行政管理事务(项):支出决算数为21.18万元，比上年决算减少24.73万元，`;
  const withConvention = (fs: Finding[]) => fs.filter((f) => f.severity !== "info" || f.data.convention).map((f) => `${brief(f)}${f.data.convention ? ` ${f.data.convention} ${f.data.exact}` : ""}`);

  it("truncated-percentage-warning: 9,746.50 ÷ 10,210.34 = 95.457% printed 95.45%", async () => {
    const found = await findingsOf("truncated-percentage-warning.txt");
    expect(withConvention(found)).toEqual(["warning budget-variance [10210.34 9746.50 95.45] 95.46≠95.45 truncated 95.457"]);
    expect(found[0]!.message).toMatch(/截断（舍去尾数）而非四舍五入/);
  });
  it.each([
    // rounded: holds; more than one unit below: an error; above the true value: no truncation explains it
    ["95.46", []],
    ["95.44", ["error budget-variance [10210.34 9746.50 95.44] 95.46≠95.44"]],
    ["95.47", ["error budget-variance [10210.34 9746.50 95.47] 95.46≠95.47"]],
    // one decimal: 95.457 cut to 95.4
    ["95.4", ["warning budget-variance [10210.34 9746.50 95.4] 95.5≠95.4 truncated 95.45"]],
    ["９５.４５", ["warning budget-variance [10210.34 9746.50 ９５.４５] 95.46≠95.45 truncated 95.457"]],
  ])("completion printed %s%%", (pct, expected) => {
    expect(withConvention(lintText(caseText("truncated-percentage-warning.txt").replace("95.45", pct)))).toEqual(expected);
  });
  it("full-width percent sign", () => {
    const text = caseText("truncated-percentage-warning.txt").replace("95.45%", "９５.４５％");
    expect(withConvention(lintText(text))).toEqual(["warning budget-variance [10210.34 9746.50 ９５.４５] 95.46≠95.45 truncated 95.457"]);
  });
  it.each([
    // share-of-total: 95.457 cut to 95.45 (the shares total 99.99: no nudge)
    [`${SPENDING}本年支出10210.34万元，其中：基本支出9746.50万元，占95.45%；项目支出463.84万元，占4.54%。`, ["warning share-of-total [9746.50 10210.34 95.45] 95.46≠95.45 truncated 95.457"]],
    // yoy-change: 24.73 ÷ 45.91 = 53.866% printed 53.85 (53.86 is within the amounts' rounding: info)
    [`${ITEM}下降53.86%,主要原因是：减少。`, []],
    [`${ITEM}下降53.85%,主要原因是：减少。`, ["warning yoy-change [21.18 24.73 53.85] 53.87≠53.85 truncated 53.866"]],
    [`${ITEM}下降53.84%,主要原因是：减少。`, ["error yoy-change [21.18 24.73 53.84] 53.87≠53.84"]],
    // budget-variance: −4.547% cut toward zero is −4.54; −4.53 is more than one unit off
    [`${VARIANCE}年初预算数10000.00万元，决算数9545.30万元，预决算差异率-4.54%，主要原因是：人员减少。`, ["warning budget-variance [10000.00 9545.30 -4.54] -4.55≠-4.54 truncated -4.547"]],
    [`${VARIANCE}年初预算数10000.00万元，决算数9545.30万元，预决算差异率-4.53%，主要原因是：人员减少。`, ["error budget-variance [10000.00 9545.30 -4.53] -4.55≠-4.53"]],
    [`${VARIANCE}年初预算数10000.00万元，决算数9545.30万元，预决算差异率-4.56%，主要原因是：人员减少。`, ["error budget-variance [10000.00 9545.30 -4.56] -4.55≠-4.56"]],
  ])("%s", (text, expected) => {
    expect(withConvention(lintText(text))).toEqual(expected);
  });
  it.each([
    // 1000 ÷ 3000 = 33.333% three times: 33.33 + 33.33 + 33.34 = 100, the last nudged by one unit
    ["33.33", "33.33", "33.34", ["info share-of-total [1000.00 3000.00 33.34] 33.33≠33.34 nudged 33.333"]],
    // the shares total 100.01: no nudge explains 33.35 (and it is two units off)
    ["33.33", "33.33", "33.35", ["error share-of-total [1000.00 3000.00 33.35] 33.33≠33.35"]],
    // they total 100, but 33.35 is two units off: only 33.32 is a nudge
    ["33.32", "33.33", "33.35", ["info share-of-total [1000.00 3000.00 33.32] 33.33≠33.32 nudged 33.333", "error share-of-total [1000.00 3000.00 33.35] 33.33≠33.35"]],
  ])("shares %s%% + %s%% + %s%%", (a, b, c, expected) => {
    const text = `${SPENDING}本年支出3000.00万元，其中：基本支出1000.00万元，占${a}%；项目支出1000.00万元，占${b}%；上缴上级支出1000.00万元，占${c}%。`;
    const found = lintText(text);
    expect(withConvention(found)).toEqual(expected);
    for (const f of found.filter((x) => x.data.convention === "nudged")) expect(f.message).toContain("使合计为100%");
  });
  it("shares printed beside it that total exactly 100% make a nudge the explanation, even where cutting would explain the figure too", () => {
    // 2000 ÷ 3000 = 66.667% printed 66.66 (cut, or nudged: 66.66 + 33.34 = 100); 1000 ÷ 3000 = 33.333% printed 33.34
    const text = `${SPENDING}本年支出3000.00万元，其中：基本支出2000.00万元，占66.66%；项目支出1000.00万元，占33.34%。`;
    expect(withConvention(lintText(text))).toEqual([
      "info share-of-total [2000.00 3000.00 66.66] 66.67≠66.66 nudged 66.666",
      "info share-of-total [1000.00 3000.00 33.34] 33.33≠33.34 nudged 33.333",
    ]);
  });
  it("a convention is at most a warning, whatever the rule is set to", () => {
    const text = caseText("truncated-percentage-warning.txt");
    const at = (level: "error" | "info") =>
      lintDocument({ format: "txt", blocks: txtBlocks(text) }, "t.txt", { settings: { "budget-variance": level } }).findings.map((f) => f.severity);
    expect(at("error")).toEqual(["warning"]);
    expect(at("info")).toEqual(["info"]);
  });
});

describe("the percentage conventions in the interval arithmetic", () => {
  const pct = (text: string) => ({ value: new Decimal(text), decimals: text.split(".")[1]?.length ?? 0, unit: "%" });
  const amount = (text: string) => ({ value: new Decimal(text), decimals: text.split(".")[1]?.length ?? 0, unit: "万元" });
  const verdict = (c: Check | undefined) => (c ? `${c.verdict}${c.convention ? ` ${c.convention}` : ""}` : "none");
  it.each([
    ["95.46", "holds"],
    ["95.45", "convention truncated"],
    ["95.44", "violated"],
    ["95.47", "violated"],
  ])("share 9746.50 / 10210.34 printed %s%%: %s", (p, expected) => {
    expect(verdict(shareCheck(amount("9746.50"), amount("10210.34"), pct(p)))).toBe(expected);
  });
  it("a nudge needs the shares of the whole to total exactly 100", () => {
    const shares = (...ps: string[]) => ps.map(pct);
    const c = (sib: ReturnType<typeof pct>[] | undefined) => verdict(shareCheck(amount("1000.00"), amount("3000.00"), pct("33.34"), sib));
    expect(c(undefined)).toBe("violated");
    expect(c(shares("33.34"))).toBe("violated");
    expect(c(shares("33.33", "33.33", "33.34"))).toBe("convention nudged");
    expect(c(shares("33.33", "33.34", "33.34"))).toBe("violated");
    expect(sharesTotalHundred(shares("50.00", "50.00"))).toBe(true);
    expect(sharesTotalHundred(shares("50.00", "49.99"))).toBe(false);
  });
  it("year over year and variance rates get the same reading", () => {
    expect(verdict(yoyRateCheck(amount("21.18"), amount("24.73"), false, pct("53.85")))).toBe("convention truncated");
    expect(verdict(varianceCheck(amount("10000.00"), amount("9545.30"), pct("-4.54")))).toBe("convention truncated");
    expect(verdict(varianceCheck(amount("10000.00"), amount("9545.30"), pct("-4.55")))).toBe("holds");
  });
  it("sums and restated figures know no percentage convention", () => {
    // 95.457 cut to 95.45 would be "truncated" for a percentage; for an amount it is no sum
    expect(verdict(sumCheck(amount("95.45"), [amount("95.457")]))).toBe("violated");
  });
});

describe("an info that rounding explains says so", () => {
  const SPENDING = "测试局2024年度部门决算\n第二部分 部门决算情况说明\n三、支出决算情况说明\n";
  // a newcomer took "…为326.71万元…同一口径应相等" for an error to correct: the message of a difference within the
  // printed figures' rounding ends by saying it is none
  it("a 0.01 gap between a total and its parts is info, and its message says rounding explains it", () => {
    const found = lintText(`${SPENDING}2024年度本年支出合计3000.00万元，其中：基本支出1000.00万元，占33.33%；项目支出2000.01万元，占66.67%。`);
    const info = found.filter((f) => f.ruleId === "breakdown-subset" || f.ruleId === "breakdown-sum");
    expect(info.map((f) => f.severity)).toEqual(["info"]);
    expect(info[0]!.message.endsWith(ROUNDING_NOTE)).toBe(true);
    // a real error does not say it
    const error = lintText(`${SPENDING}2024年度本年支出合计3000.00万元，其中：基本支出1000.00万元，占33.33%；项目支出2000.10万元，占66.67%。`).filter((f) => f.severity === "error" && f.ruleId === "breakdown-sum");
    expect(error.length).toBe(1);
    expect(error[0]!.message).not.toContain("四舍五入");
  });
});
