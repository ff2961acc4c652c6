/**
 * Classes of narrative misreading seen on real reports the project was not built on (../shared/corpus), each as the
 * smallest text that shows it, with its right outcome: a valid case that must stay silent and, where the class has
 * one, an invalid case that must still be caught.
 */
import { describe, expect, it } from "vitest";
import { cleanText } from "../src/parse/pdf/lines.js";
import { measureAfter } from "../src/engine/relations.js";
import { otherPeriod } from "../src/claims/extract.js";
import { errorsOf, lintText } from "./helpers.js";

const FINAL = "某某法院2016年度部门决算\n第二部分 部门决算情况说明\n三、决算收支总体情况\n";
const BUDGET = "某某法院2016年部门预算\n第二部分 部门预算情况说明\n三、预算收支总体情况\n";
const texts = (fs: { values: { text: string }[] }[]) => fs.map((f) => f.values.map((v) => v.text));

describe("scores are not parts of a whole", () => {
  it("valid: 满分3分，优良3分、及格2分、不及格1分 lists alternatives", () => {
    const t = "珠海市某局2026年部门预算\n一、考试\n每学年满分为3分，其中：成绩达到优良等级3分，及格2分，不及格1分。";
    expect(errorsOf(t)).toEqual([]);
  });
  it("invalid: a count list still adds up (共75个，其中甲70个，乙15个)", () => {
    const t = "某局2026年部门预算\n一、项目\n共安排项目75个，其中：甲地70个，乙地15个。";
    expect(texts(errorsOf(t, "breakdown-subset"))).toEqual([["75", "70", "15"]]);
  });
});

describe("an item that the classification places inside a sibling is not added again", () => {
  it("valid: 人员支出 already contains 对个人和家庭补助", () => {
    const t = BUDGET + "相应安排支出预算1332.96万元，其中：人员支出1045.99万元，对个人和家庭补助支出137.84万元，公用支出158.92万元，项目支出128.05万元。";
    expect(errorsOf(t)).toEqual([]);
  });
  it("invalid: the other parts still must stay within the total", () => {
    const t = BUDGET + "相应安排支出预算1332.96万元，其中：人员支出1145.99万元，对个人和家庭补助支出137.84万元，公用支出158.92万元，项目支出128.05万元。";
    expect(texts(errorsOf(t, "breakdown-subset"))).toEqual([["1332.96", "1145.99", "158.92", "128.05"]]);
  });
});

describe("a sentence that opens with a fund states that fund's figures", () => {
  const text = (fiscal: string) =>
    FINAL +
    `2016年本单位年初结转和结余100.56万元，本年收入2203.62万元，本年支出2220.35万元。（一）一般公共预算财政拨款年初结转结余99.96万元，本年收入${fiscal}万元，具体情况如下：1. 财政拨款收入2203.62万元。2. 事业收入0万元。`;
  it("valid: the 财政拨款 本年收入 is not the department's 本年收入", () => {
    expect(errorsOf(text("2193.18"), "same-figure")).toEqual([]);
  });
});

describe("rates", () => {
  it("valid: an integer percentage stands for its own interval beside rates with decimals (8% for 8.14%)", () => {
    const t = FINAL + "本年收入2193.18万元，比上年增加165.17万元，增长8%；本年支出349.36万元，比上年减少56.09万元，下降13.8%。";
    expect(errorsOf(t)).toEqual([]);
  });
  it("valid: “增长下降13.8%” names no direction that can be proved", () => {
    const t = FINAL + "一般行政管理事务财政拨款支出349.36万元，较上年减少56.09万元，增长下降13.8%。";
    expect(errorsOf(t)).toEqual([]);
  });
  it("invalid: a rate word against the amount word is still a contradiction", () => {
    const t = FINAL + "一般行政管理事务财政拨款支出349.36万元，较上年减少56.09万元，增长13.8%。";
    expect(errorsOf(t, "yoy-direction")).toHaveLength(1);
  });
});

describe("one inconsistency, one finding", () => {
  it("the same sentence printed twice gives one finding that lists the other place", () => {
    const s = "2016年度收入总计216.30万元，其中：本年收入合计215.43万元，使用非财政拨款结余0.00万元，年初结转和结余0.97万元。";
    const f = lintText(FINAL + s + "\n" + s).filter((x) => x.severity === "error");
    expect(f.map((x) => [x.ruleId, x.location.line, x.alsoAt?.map((l) => l.line)])).toEqual([["breakdown-sum", 4, [5]]]);
  });
});

describe("letter-spaced digits in a PDF text item", () => {
  it("are one number inside Chinese text", () => {
    expect(cleanText("2 0 2 6 年本部门收入预算 6 6 , 3 0 7 . 9 8 万元")).toBe("2026 年本部门收入预算 66,307.98 万元");
  });
  it("column numbers without Chinese stay apart", () => {
    expect(cleanText("1 2 3 4 5")).toBe("1 2 3 4 5");
  });
});

describe("a document that is no budget or final-accounts disclosure", () => {
  it("gets one warning and no relation check (a circular filed under a budget's name)", () => {
    const t = "珠海市教育局关于体育考试的通知\n一、考试\n每学年满分为3分，成绩达到优良等级3分，及格2分，不及格1分，合计6分。\n二、其他\n共有学校12所，其中：小学5所，中学4所。";
    const f = lintText(t);
    expect(f.map((x) => [x.ruleId, x.severity])).toEqual([["incomplete-reading", "warning"]]);
    // the whole file went unchecked: not "未能完整核对" (half read), but what it is
    expect(f[0]!.message).toMatch(/^未识别为部门预算或决算公开文件/);
  });
  it("one that mentions 预算 in passing, filed under a budget's name, is said to be none rather than checked in silence", () => {
    // 3 of ../shared's files (an 应急预案, a government gazette, a provincial notice): before, "预算" anywhere made them
    // 预算 reports in which no relation was found, and nothing was said
    const t = "四川省人民政府办公厅关于印发应急预案的通知\n一、总则\n所需经费按规定纳入本级预算，共安排资金12.00万元，其中：培训5.00万元，演练7.00万元。";
    const f = lintText(t);
    expect(f.map((x) => [x.ruleId, x.severity])).toEqual([["incomplete-reading", "warning"]]);
    expect(f[0]!.message).toMatch(/^未识别为部门预算或决算公开文件（虽提到“预算”或“决算”，但全文没有财政拨款/);
  });
  it("a fragment of a disclosure without its title is still checked", () => {
    const t = "本年收入215.43万元，其中：财政拨款收入191.80万元，其他收入33.63万元。";
    expect(lintText(t).filter((x) => x.severity === "error").map((x) => x.ruleId)).toEqual(["breakdown-subset"]);
  });
});

describe("another period's figures are not this year's", () => {
  const H = "测试局2024年度部门决算\n第二部分 部门决算情况说明\n一、收入支出决算总体情况说明\n";
  it("valid: 2023年度 and 上年 figures beside 2024's", () => {
    const t = H + "2024年度收入总计216.30万元，支出总计216.30万元。2023年度收入总计180.00万元，支出总计180.00万元。上年本年收入合计170.00万元。\n二、收入\n本年收入合计215.43万元。2024年本年收入合计215.43万元。";
    expect(errorsOf(t)).toEqual([]);
  });
  it("invalid: this year's figure stated twice differently is still caught", () => {
    const t = H + "2024年度收入总计216.30万元。2023年度收入总计180.00万元。\n二、收入\n2024年度收入总计226.30万元。";
    expect(texts(errorsOf(t, "same-figure"))).toEqual([["216.30", "226.30"]]);
  });
});

describe("a project's 全年预算数 is not the department's", () => {
  it("valid: 整体 and each project state their own figures", () => {
    const t = "测试局2024年度部门决算\n第二部分 部门决算情况说明\n十一、预算绩效情况说明\n（一）部门整体绩效\n全年预算数为500.00万元，全年执行数为480.00万元。\n（二）项目绩效自评结果\n1.某专项项目全年预算数为50.00万元，全年执行数为48.00万元，执行率96.00%。\n2.另一项目全年预算数为30.00万元，全年执行数为30.00万元。";
    expect(errorsOf(t)).toEqual([]);
  });
});

describe("labels in messages are not doubled", () => {
  it("a label that already names its measure gets no second measure word", () => {
    expect(measureAfter("全年预算数", "budget")).toBe("");
    expect(measureAfter("“三公”经费", "budget")).toBe("全年预算数");
  });
  it("budget-variance does not print 预算数 twice", () => {
    const t = "测试局2024年度部门决算\n第二部分 部门决算情况说明\n五、一般公共预算财政拨款支出决算情况说明\n与年初预算相比，年初预算数221.34万元，决算数191.80万元，预决算差异率-13.50%。";
    const f = errorsOf(t, "budget-variance");
    expect(f).toHaveLength(1);
    expect(f[0]!.message).not.toMatch(/预算数预算数/);
  });
});

describe("a change against last year's 执行数 or 预算数", () => {
  it("invalid: “比上年执行数减少336.67万元，下降5.0%” is checked like “比上年减少”", () => {
    const t = "测试局2026年部门预算\n第二部分 部门预算情况说明\n二、收入预算情况说明\n测试局2026年收入预算6256.31万元，比上年执行数减少336.67万元，下降5.0%，主要是项目减少。";
    const f = errorsOf(t, "yoy-change");
    expect(f.map((x) => [x.values.map((v) => v.text), x.expected])).toEqual([[["6256.31", "336.67", "5.0"], "5.1"]]);
  });
});

describe("otherPeriod: which clauses speak of another period", () => {
  it.each([
    ["2023年度收入总计", 2024, true],
    ["上年收入总计", 2024, true],
    ["2024年度收入总计", 2024, false],
    ["上年结转结余", 2024, false],
    ["与上年相比，收入总计", 2024, false],
    ["收入总计", undefined, false],
  ] as const)("%s (report year %s) → %s", (head, year, expected) => {
    expect(otherPeriod(head, year)).toBe(expected);
  });
});
