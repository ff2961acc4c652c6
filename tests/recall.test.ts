/**
 * Relations added for recall (issue 10): each with a text that satisfies it (nothing above info) and one that breaks
 * it (the exact finding, every cited number at its place). The comment on each invalid case proves it.
 */
import { describe, expect, it } from "vitest";
import { FINAL_HEAD, BUDGET_HEAD, brief, run, tsv } from "./tables-helpers.js";
import { lintText } from "./helpers.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { needs } from "./support/skip.js";
import { parseDocument } from "../src/parse/index.js";
import { readReport } from "../src/lint.js";

const notInfo = (text: string, rule: string) => run(text, rule).filter((f) => f.severity !== "info").map(brief);

/** A 项目支出绩效自评表's indicator block (the Xinjiang 决算 layout): 目标值 | 业绩值 | 完成率. */
function indicators(...rows: [string, string, string, string][]): string {
  return (
    FINAL_HEAD +
    "项目支出绩效自评表\n" +
    tsv(
      ["项目名称", "机关运行项目补助"],
      ["", "一级指标", "二级指标", "三级指标", "权重", "目标值", "业绩值", "完成率", "指标得分"],
      ...rows.map(([name, target, actual, rate], k) => [k === 0 ? "年度绩效指标完成情况" : "", "产出指标", "数量指标", name, "10", target, actual, rate, "10"]),
      ["总分", "100", "", "", "", "100分"],
    )
  );
}

describe("perf-completion: 完成率 = 业绩值 ÷ 目标值", () => {
  it("valid: the quotient, a met target shown as 100 %, an at-most target scored either way", () => {
    const text = indicators(
      ["劳务费", "<=10万元", "=7.53万元", "75.3%"], // 7.53 ÷ 10 = 75.3 %
      ["满意度", ">=90%", "=100%", "111.11%"], // 100 ÷ 90 = 111.11 %
      ["保障人数", ">=8人", "=9人", "100%"], // met, capped
      ["会议次数", "=5次", "=5次", "100%"],
      ["按期完成", "=11月30日前", "=12月18日", "0%"], // a date: nothing to divide
    );
    expect(notInfo(text, "perf-completion")).toEqual([]);
  });
  it("invalid: a rate that is neither the quotient nor a met target's 100 %", () => {
    // 80 ÷ 100 = 80 %, the target (≥100) is not met, so neither 90 % nor 100 % can stand
    expect(notInfo(indicators(["培训人次", ">=100人次", "=80人次", "90%"]), "perf-completion")).toEqual(["warning [100@3,6 80@3,7 90@3,8] 80≠90"]);
    expect(notInfo(indicators(["培训人次", ">=100人次", "=80人次", "100%"]), "perf-completion")).toEqual(["warning [100@3,6 80@3,7 100@3,8] 80≠100"]);
  });
  it("figures in different units are not compared", () => {
    expect(notInfo(indicators(["专家评审", "<=48.14万元", "=48.14元", "50%"]), "perf-completion")).toEqual([]);
  });
});

describe("yoy-change: 增幅 / 降幅 name a rate", () => {
  const text = (rate: string) =>
    BUDGET_HEAD + "一般公共预算当年拨款具体使用情况\n1.一般公共服务支出（类）信访事务（款）行政运行（项）2026年预算数为5,826.21万元，比2025年执行数增加271.14万元，增幅" + rate + "，主要是财政核定经费增加。\n";
  it("valid: 271.14 ÷ (5,826.21 − 271.14) = 4.88 %", () => {
    expect(lintText(text("4.88%")).filter((f) => f.ruleId === "yoy-change" && f.severity !== "info")).toEqual([]);
  });
  it("invalid: 增幅4.98% where the amounts give 4.88 %", () => {
    const f = lintText(text("4.98%")).filter((x) => x.ruleId === "yoy-change" && x.severity === "error");
    expect(f.map((x) => [x.values.map((v) => v.text), x.expected])).toEqual([[["5,826.21", "271.14", "4.98"], "4.88"]]);
  });
  it("降幅 is a fall: 减少 with 降幅 is no contradiction, with 增幅 it is", () => {
    const fall = (word: string) => BUDGET_HEAD + "一、收支预算总体情况\n2026年收入预算100.00万元，比上年减少20.00万元，" + word + "16.67%。\n";
    expect(lintText(fall("降幅")).filter((f) => f.severity === "error")).toEqual([]);
    expect(lintText(fall("增幅")).filter((f) => f.ruleId === "yoy-direction").map((f) => f.actual)).toEqual(["增长"]);
  });
});

describe("a 项's 年初预算 and 决算 in the narrative meet its row of the 一般公共预算财政拨款支出决算表", () => {
  const text = (actual: string) =>
    FINAL_HEAD +
    "一般公共预算财政拨款支出决算具体情况\n" +
    "1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：基本支出。年初预算为1560.05万元，支出决算为" + actual + "万元。决算数小于预算数的主要原因：人员变化。\n" +
    "一般公共预算财政拨款支出决算表\n单位：万元\n" +
    tsv(
      ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
      ["201", "一般公共服务支出", "1511.89", "1511.89", ""],
      ["20106", "财政事务", "1511.89", "1511.89", ""],
      ["2010601", "行政运行", "1511.89", "1511.89", ""],
      ["", "合计", "1511.89", "1511.89", ""],
    );
  it("valid: the same figure", () => {
    expect(lintText(text("1511.89")).filter((f) => f.severity === "error")).toEqual([]);
  });
  it("invalid: the narrative's 决算 differs from the table's row", () => {
    const f = lintText(text("1511.98")).filter((x) => x.severity === "error" && x.ruleId === "same-figure");
    expect(f.map((x) => x.values.map((v) => v.text).sort())).toEqual([["1511.89", "1511.98"]]);
  });
});

describe("unit-slip: a doubled percent sign in a table cell", () => {
  it("valid: 100% is no slip", () => {
    expect(notInfo(indicators(["人数", ">=8人", "=8人", "100%"]), "unit-slip")).toEqual([]);
  });
  it("invalid: 100%% in the 完成率 column is a warning at its cell", () => {
    expect(notInfo(indicators(["人数", ">=8人", "=8人", "100%%"]), "unit-slip")).toEqual(["warning [100@3,8] %≠%%"]);
  });
});

describe("share-of-total: shares of a whole that is named but not printed", () => {
  const text = (abroad: string) =>
    BUDGET_HEAD +
    "“三公”经费预算情况说明\n测试局2019年度一般公共预算拨款安排的“三公”经费预算支出中，因公出国（境）费支出106万元，占“三公”经费的" + abroad + "；公务用车购置及运行维护费支出156.6万元，占“三公”经费的23.72%；公务接待费支出397.5万元，占“三公”经费的60.22%。\n";
  it("valid: shares totalling 100 % are each part ÷ the parts' sum (106 ÷ 660.1 = 16.06 %)", () => {
    expect(lintText(text("16.06%")).filter((f) => f.ruleId === "share-of-total" && f.severity !== "info")).toEqual([]);
  });
  it("invalid: a share that the parts' sum does not give, the others still totalling 100 % with it", () => {
    // 16.60 + 23.72 + 60.22 = 100.54, more than 3 × 1.5 hundredths from 100: the listed parts are not shown to be the
    // whole, so nothing is claimed
    expect(lintText(text("16.60%")).filter((f) => f.ruleId === "share-of-total")).toEqual([]);
    // shares printed to whole percent: 15 + 24 + 60 = 99 lies within 3 × 1.5 units of 100, so the parts are the whole;
    // 106 ÷ 660.1 = 16.06 %, which no rounding makes 15 %
    const coarse = text("15%").replace("23.72%", "24%").replace("60.22%", "60%");
    const f = lintText(coarse).filter((x) => x.ruleId === "share-of-total" && x.severity === "error");
    expect(f.map((x) => [x.messageId, x.values.map((v) => v.text), x.expected])).toEqual([["shareOfSum", ["106", "156.6", "397.5", "15"], "16"]]);
  });
});

describe("perf-deviation: a gap stated in the 偏差原因 column against 目标值 and 业绩值", () => {
  const table = (target: string, actual: string, why: string) =>
    FINAL_HEAD +
    "项目支出绩效自评表\n" +
    tsv(
      ["项目名称", "金融监管工作经费"],
      ["", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
      ["年度绩效指标完成情况", "产出指标", "数量指标", "出具专项检查报告", target, actual, "15", "15", why],
      ["总分", "100", "", "", "", "100分"],
    );
  it("valid: relative to the target, relative to the actual, or in points for a % target", () => {
    expect(notInfo(table(">=20 份", "=28 份", "实际超出 40%。"), "perf-deviation")).toEqual([]);
    expect(notInfo(table(">=20 份", "=28 份", "实际超出28.6%。"), "perf-deviation")).toEqual([]);
    expect(notInfo(table("=95%", "=100%", "偏差率－5%，实施效果好。"), "perf-deviation")).toEqual([]);
  });
  it("invalid: 实际超出25% where 20 → 28 is 40 % of the target (28.6 % of the actual); the counts are exact", () => {
    expect(notInfo(table(">=20 份", "=28 份", "项目在规划阶段缺乏足够的调研和论证，实际超出 25%。"), "perf-deviation")).toEqual(["error [20@3,5 28@3,6 25@3,9] 40≠25"]);
  });
  it("a gap without both figures in one unit is not read", () => {
    expect(notInfo(table("=11月30日前", "=12月18日", "偏差率10%"), "perf-deviation")).toEqual([]);
  });
});

describe("breakdown-sum: a count enumerated after its total, each part named in the total's label", () => {
  const text = (shanxi: string) => FINAL_HEAD + "（十一）预算绩效情况说明\n预算绩效管理取得的成效：一是争取福建山西援疆项目共75个，福建70个，山西" + shanxi + "个。对接协调。\n";
  it("valid: 70 + 5 = 75", () => {
    expect(lintText(text("5")).filter((f) => f.ruleId === "breakdown-sum")).toEqual([]);
  });
  it("invalid: 70 + 15 = 85 ≠ 75 (seed 004; counts are whole, no rounding closes 10)", () => {
    const f = lintText(text("15")).filter((x) => x.ruleId === "breakdown-sum" && x.severity === "error");
    expect(f.map((x) => [x.messageId, x.values.map((v) => v.text), x.expected, x.data.label])).toEqual([["enumerated", ["75", "70", "15"], "85", "争取福建山西援疆项目"]]);
  });
  it("a list whose parts the total does not name is no breakdown (下属单位 and 科室 are counted apart)", () => {
    expect(lintText(FINAL_HEAD + "一、部门基本情况\n本部门共有下属单位3个，机关科室9个，事业科室2个。\n").filter((f) => f.ruleId.startsWith("breakdown"))).toEqual([]);
  });
});

describe("perf-fiscal: the 整体支出绩效自评表's 上级资金 + 本级资金 are the year's 财政拨款", () => {
  const text = (ownActual: string) =>
    FINAL_HEAD +
    "四、财政拨款收入支出决算总体情况说明\n2024年度财政拨款收入总计207.05万元，其中：本年财政拨款收入207.05万元。财政拨款支出总计207.05万元，其中：本年财政拨款支出207.05万元。\n" +
    "单位整体支出绩效自评表\n" +
    tsv(
      ["资金来源", "年初预算数", "全年预算数", "全年执行数"],
      ["上级资金", "0.00", "0.00", "0.00"],
      ["本级资金", "233.82", "207.05", ownActual],
      ["其他资金", "80.00", "244.62", "107.57"],
      ["合计", "313.82", "451.67", (Number(ownActual) + 107.57).toFixed(2)],
    );
  it("valid: 0.00 + 207.05 = 本年财政拨款支出 207.05", () => {
    expect(notInfo(text("207.05"), "perf-fiscal")).toEqual([]);
  });
  it("invalid: 本级资金 全年执行数 130.53 (seed 004: the 基本支出 figure entered as 本级) is a warning", () => {
    expect(notInfo(text("130.53"), "perf-fiscal")).toEqual(["warning [207.05@L4 0.00@2,4 130.53@3,4] 130.53≠207.05"]);
  });
});

describe("perf-funds: the budget a project's goal text states against its fund block", () => {
  const text = (stated: string) =>
    FINAL_HEAD +
    "项目支出绩效自评表\n" +
    tsv(
      ["项目名称", "财政业务工作经费"],
      ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
      ["", "年度资金总额", "152.00", "83.14", "82.42", "10", "99.13%", "9.78"],
      ["", "其中：当年财政拨款", "152.00", "83.14", "82.42", "—", "—", "—"],
      ["年度总体目标", "预期目标", "实际完成情况"],
      ["", `组织会计专业资格考试科目5门，预算公开管理水平提升。全年预算${stated}万元。`, "已完成。"],
    );
  it("valid: the goal states the 年初预算数 (written at the start of the year) or the 全年预算数", () => {
    expect(notInfo(text("152.00"), "perf-funds")).toEqual([]);
    expect(notInfo(text("83.14"), "perf-funds")).toEqual([]);
  });
  it("invalid: 76.47 is none of 152.00, 83.14 and 82.42 (seed 003) — a warning", () => {
    expect(notInfo(text("76.47"), "perf-funds")).toEqual(["warning [76.47@6,2 152.00@3,3 83.14@3,4 82.42@3,5] 83.14≠76.47"]);
  });
});

describe("a year written without 年 before 本年 (web-page 决算说明: “（一）2015本年收入2028.01万元”)", () => {
  const text = (again: string) =>
    "测试法院2015年度部门决算说明\n三、2015年决算收支总体情况\n2015年测试法院年初结转和结余零万元，本年收入2028.61万元，本年支出1928.05万元，年末结转和结余100.56万元。" +
    `（一）2015本年收入${again}万元，比2014年决算数增加537.65万元。\n`;
  it("valid: the same 本年收入 stated twice", () => {
    expect(notInfo(text("2028.61"), "same-figure")).toEqual([]);
  });
  it("invalid: 2028.01 against 2028.61 — two statements of the year's 本年收入 that no rounding joins", () => {
    expect(notInfo(text("2028.01"), "same-figure")).toEqual(["error [2028.61@L3 2028.01@L3] 2028.61≠2028.01"]);
  });
});

describe("breakdown-sum: the year's balance where no 总计 is stated (年末 = 年初 + 本年收入 + 事业基金弥补 − 本年支出 − 结余分配)", () => {
  const text = (closing: string) =>
    "测试法院2016年度部门决算说明\n三、2016年决算收支总体情况\n" +
    `2016年测试法院年初结转和结余零万元，本年收入2203.62万元，本年支出2120.35万元，事业基金弥补收支差额0万元，结余分配0万元，年末结转和结余${closing}万元。\n`;
  it("valid: 0 + 2203.62 + 0 − 2120.35 − 0 = 83.27 (零万元 read as the amount 0)", () => {
    expect(notInfo(text("83.27"), "breakdown-sum")).toEqual([]);
  });
  it("invalid: 83.83 where the balance gives 83.27 — every figure cited, the subtracted ones as such", () => {
    const found = run(text("83.83"), "breakdown-sum").filter((f) => f.severity === "error");
    expect(found.map(brief)).toEqual(["error [83.83@L3 零@L3 2203.62@L3 0@L3 2120.35@L3 0@L3] 83.27≠83.83"]);
    expect(found[0]!.values.map((v) => v.role)).toEqual(["total", "part", "part", "part", "minus", "minus"]);
    expect(found[0]!.message).toBe("年末结转和结余83.83万元，而按收支平衡应为83.27万元（年初结转和结余零 + 本年收入2203.62 + 事业基金弥补收支差额0 − 本年支出2120.35 − 结余分配0），相差0.56万元");
  });
  it("not evaluated where 收入总计 / 支出总计 are stated: their own relations tie the figures, one finding per inconsistency", () => {
    const stated = text("83.83").replace("年初结转和结余零万元", "收入总计2203.62万元，支出总计2203.62万元，年初结转和结余零万元");
    expect(run(stated, "breakdown-sum").filter((f) => f.messageId === "balance")).toEqual([]);
  });
});

describe("share-of-total: the shares of one whole's parts cannot total more than 100 %", () => {
  const text = (abroad: string, vehicle: string, reception: string) =>
    FINAL_HEAD +
    "九、财政拨款“三公”经费支出决算情况说明\n" +
    `2024年度财政拨款“三公”经费支出26.66万元。其中：因公出国（境）费支出0.00万元，占${abroad}%。公务用车购置及运行维护费支出25.66万元，占${vehicle}%。公务接待费支出1.01万元，占${reception}%。\n`;
  it("valid: 25.66 ÷ 26.66 = 96.25 %, 1.01 ÷ 26.66 = 3.79 % rounded would total 100.04 — printed 96.21 % + 3.79 % is within 100", () => {
    expect(notInfo(text("0.00", "96.21", "3.79"), "share-of-total")).toEqual([]);
  });
  it("invalid: 0.00 % + 96.25 % + 3.79 % = 100.04 % (seed 003): at least 100.025 % with rounding, each share passing alone", () => {
    const found = run(text("0.00", "96.25", "3.79"), "share-of-total").filter((f) => f.severity !== "info");
    expect(found.map(brief)).toEqual(["error [26.66@L4 0.00@L4 0.00@L4 25.66@L4 96.25@L4 1.01@L4 3.79@L4] [0, 100]≠100.04"]);
    expect(found[0]!.messageId).toBe("sharesOverHundred");
  });
  it("nested parts (小微企业 inside 中小企业) whose amounts exceed the whole are no breakdown: no total of shares", () => {
    const nested = FINAL_HEAD + "十、其他重要事项的情况说明\n政府采购支出总额641.57万元，其中：授予中小企业合同金额561.02万元，占87.44%；授予小微企业合同金额151.37万元，占23.59%。\n";
    expect(run(nested, "share-of-total").filter((f) => f.messageId === "sharesOverHundred")).toEqual([]);
  });
});

describe("a “其中：” on a line of its own breaks down the figure the paragraph before opened with (苏州 预算)", () => {
  const text = (fund: string) =>
    BUDGET_HEAD.replace("第二部分 2022年部门预算公开表", "二、收入预算情况说明") +
    "测试局2022年收入预算合计92,596.24万元，包括本年收入92,596.24万元，上年结转结余0万元。\n其中：\n" +
    `本年一般公共预算收入48,592.98万元，占52.48%；\n本年政府性基金预算收入${fund}万元，占47.52%；\n本年事业收入0万元，占0%。\n`;
  it("valid: 48,592.98 + 44,003.26 + 0 = 92,596.24, each share of it", () => {
    expect(notInfo(text("44,003.26"), "breakdown-sum")).toEqual([]);
    expect(notInfo(text("44,003.26"), "share-of-total")).toEqual([]);
  });
  it("invalid: 44,103.26 makes the parts 92,696.24 — shares totalling 100 % make the list the whole", () => {
    expect(notInfo(text("44,103.26"), "breakdown-sum")).toEqual(["error [92,596.24@L3 48,592.98@L5 44,103.26@L6 0@L7] 92696.24≠92596.24"]);
  });
});

describe("苏州 预算 wording: “一般公共预算拨款安排的“三公”经费支出预算” and “财政拨款收、支总预算”", () => {
  const text = (reception: string, fiscal: string) =>
    BUDGET_HEAD.replace("第二部分 2022年部门预算公开表", "九、一般公共预算“三公”经费、会议费、培训费支出预算情况说明") +
    `测试局2022年度一般公共预算拨款安排的“三公”经费支出预算15万元，与上年预算数相同。其中，因公出国（境）费支出0万元，占“三公”经费的0%；公务用车购置及运行维护费支出0万元，占“三公”经费的0%；公务接待费支出${reception}万元，占“三公”经费的100%。\n` +
    `十、财政拨款收支预算总体情况说明\n测试局2022年度财政拨款收、支总预算${fiscal}万元。\n测试局2022年度财政拨款收入支出总计92,596.24万元。\n`;
  it("valid: 0 + 0 + 15 = 15; the 财政拨款 total stated twice alike", () => {
    expect(notInfo(text("15", "92,596.24"), "sangong-subtotal")).toEqual([]);
    expect(notInfo(text("15", "92,596.24"), "same-figure")).toEqual([]);
  });
  it("invalid: 公务接待费 17 under a 三公 total of 15 (whole 万元: 16 would be rounding); 财政拨款收、支总预算 92,596.42 against 92,596.24", () => {
    expect(notInfo(text("17", "92,596.24"), "sangong-subtotal")).toEqual(["error [15@L3 0@L3 0@L3 17@L3] 17≠15"]);
    expect(notInfo(text("15", "92,596.42"), "same-figure")).toEqual(["error [92,596.42@L5 92,596.24@L6] 92596.42≠92596.24"]);
  });
});

describe("a paragraph opening with “其中：” whose total stands in the paragraph before (湖州 收入预算)", () => {
  const text = (share: string) =>
    BUDGET_HEAD.replace("第二部分 2022年部门预算公开表", "（二）关于测试局2022年收入预算情况说明") +
    "测试局2022年收入预算515313.35万元，比上年执行数减少10087.38万元，下降1.9%。\n" +
    `其中：一般公共预算拨款收入37018.75万元，占${share}%；政府性基金收入27600.00万元，占5.4%；事业收入436671.20万元，占84.7%；其他收入14023.40万元，占2.7%。\n`;
  it("valid: the shares total 100 % and the parts 515313.35: each share is of that whole", () => {
    expect(notInfo(text("7.2"), "share-of-total")).toEqual([]);
  });
  it("invalid: 37018.75 ÷ 515313.35 = 7.18 %, not 7.6 % (the others then total 100.4 %, so no nudge explains it)", () => {
    expect(notInfo(text("7.6"), "share-of-total")).toEqual(["error [37018.75@L4 515313.35@L3 7.6@L4] 7.2≠7.6"]);
  });
  it("a list whose parts meet no figure of the previous paragraph is not placed under it", () => {
    const partial = text("7.2").replace("；其他收入14023.40万元，占2.7%", "");
    expect(run(partial, "share-of-total")).toEqual([]);
  });
});

describe("same-figure: a 项 named by its code in the narrative against its row of the 一般公共预算 支出 table (泉州 预算)", () => {
  const text = (narrative: string) =>
    "测试局2022年部门预算\n第一部分 部门预算说明\n四、一般公共预算拨款支出情况\n" +
    `（一）2010301-行政运行${narrative}万元。主要用于行政单位在编在职人员工资福利等经费。\n（二）2010302-一般行政管理事务126.91万元。主要用于各项专项业务等工作经费支出。\n` +
    "第二部分 2022年部门预算公开表\n一般公共预算拨款支出预算表\n" +
    tsv(["科目编码", "科目名称", "合计", "基本支出", "项目支出"], ["", "合计", "3579.26", "3452.35", "126.91"], ["2010301", "行政运行", "3452.35", "3452.35", "0.00"], ["2010302", "一般行政管理事务", "126.91", "0.00", "126.91"]);
  it("valid: 3452.35 in both places", () => {
    expect(notInfo(text("3452.35"), "same-figure")).toEqual([]);
  });
  it("invalid: the narrative's 3425.35 against the row's 3452.35 (transposed digits)", () => {
    expect(notInfo(text("3425.35"), "same-figure")).toEqual(["error [3452.35@3,3 3425.35@L4] 3452.35≠3425.35"]);
  });
});

describe("a list “2.按支出用途分类，包括…” with shares, its total two paragraphs before (湖州 支出预算)", () => {
  const text = (share: string) =>
    BUDGET_HEAD.replace("第二部分 2022年部门预算公开表", "（三）关于测试局2022年支出预算情况说明") +
    "测试局2022年支出预算201286.11万元。\n" +
    "1.按支出功能分类，包括一般公共服务支出0.64万元、其他支出201285.47万元。\n" +
    `2.按支出用途分类，包括人员支出26435.02万元，占${share}%；日常公用支出3388.68万元，占1.7%；项目支出171262.41万元，占85.1%；事业单位经营支出200.00万元，占0.1%。\n`;
  it("valid: 26435.02 ÷ 201286.11 = 13.1 %", () => {
    expect(notInfo(text("13.1"), "share-of-total")).toEqual([]);
  });
  it("invalid: 31.1 % for 13.1 % (the parts still total 201286.11, the whole)", () => {
    expect(notInfo(text("31.1"), "share-of-total")).toEqual(["error [26435.02@L5 201286.11@L3 31.1@L5] 13.1≠31.1"]);
  });
});

describe("real documents (../shared/corpus)", () => {
  const path = join(import.meta.dirname, "..", "..", "shared", "corpus", "rw__湖州__2026年湖州市交通运输局部门预算.pdf");
  const corpus = needs(path, "../shared/corpus");
  it.skipIf(corpus.skip)(corpus.name("湖州: headings the page width wrapped over two lines are headings, so each section's figures are read in their own section"), async () => {
    const doc = await parseDocument(new Uint8Array(readFileSync(path)), path);
    const report = readReport(doc, path);
    const titles = report.sections.map((s) => `${s.numbering}${s.title}`);
    // the body's headings (the contents page cuts them short: "（七）关于湖州市交通运输局2026年政府性基金预算支出")
    expect(titles.filter((t) => t === "（七）关于湖州市交通运输局2026年政府性基金预算支出情况说明")).toHaveLength(1);
    expect(titles.filter((t) => t === "（四）关于湖州市交通运输局2026年财政拨款收支预算情况的总体说明")).toHaveLength(1);
    // the 2.按支出用途分类 list's shares are read against the 支出预算 two paragraphs before
    const shares = report.claims.filter((c) => c.kind === "share" && c.label === "日常公用支出");
    expect(shares.map((c) => c.kind === "share" && `${c.part.text} ${c.share.text} of ${c.whole?.text}`)).toEqual(["3388.68 1.7 of 201286.11"]);
  });
});

describe("a paragraph that is a list of 类 with their shares, its total a few paragraphs before (湖州 一般公共预算当年拨款结构情况)", () => {
  const text = (share: string) =>
    BUDGET_HEAD.replace("第二部分 2022年部门预算公开表", "（五）关于测试局2022年一般公共预算当年拨款情况说明") +
    "1.一般公共预算当年拨款规模变化情况。\n测试局2022年一般公共预算当年拨款6838.41万元，比上年执行数减少9.45万元。\n2.一般公共预算当年拨款结构情况。\n" +
    `一般公共服务（类）支出5356.01万元，占${share}%；社会保障和就业（类）支出796.52万元，占11.6%；卫生健康（类）支出265.81万元，占3.9%；住房保障（类）支出420.07万元，占6.1%。\n`;
  it("valid: 5356.01 ÷ 6838.41 = 78.32 %, printed 78.3 %", () => {
    expect(notInfo(text("78.3"), "share-of-total")).toEqual([]);
  });
  it("invalid: 87.3 % (the parts total 6838.41, so the whole is the 当年拨款)", () => {
    expect(notInfo(text("87.3"), "share-of-total")).toEqual(["error [5356.01@L6 6838.41@L4 87.3@L6] 78.3≠87.3"]);
  });
});

describe("“其中，” with a comma opens the parts as “其中：” does (东营 收入预算)", () => {
  const text = (other: string) =>
    BUDGET_HEAD.replace("第二部分 2022年部门预算公开表", "二、关于部门收入总表的说明") +
    `测试局2022年收入预算50,616.94万元，其中，一般公共预算拨款收入16,474.82万元，占32.55%；其他收入${other}万元，占63.0%；上年结转2,254.12万元，占4.45%。\n`;
  it("valid: 16,474.82 + 31,888.00 + 2,254.12 = 50,616.94", () => {
    expect(notInfo(text("31,888.00"), "breakdown-sum")).toEqual([]);
    expect(notInfo(text("31,888.00"), "share-of-total")).toEqual([]);
  });
  it("invalid: 31,988.00 makes the parts 50,716.94 (the shares total 100 %: the list is the whole)", () => {
    expect(notInfo(text("31,988.00"), "breakdown-sum")).toEqual(["error [50,616.94@L3 16,474.82@L3 31,988.00@L3 2,254.12@L3] 50716.94≠50616.94"]);
  });
});

describe("breakdown: a 收支 total broken down on both sides after it (the central departments' template)", () => {
  // 国家信访局 2026 预算 p18: "财政拨款收支总预算18,728.91万元。收入全部为一般公共预算拨款（…），包括：当年拨款收入16,474.82万元、
  // 上年结转2,254.12万元；支出包括：一般公共服务支出15,291.3万元，占81.65%；…" — an auditor found 16,474.82 + 2,254.12 =
  // 18,728.94 against 18,728.91 (0.03 > the 0.015 three 2-decimal figures allow) before gouji read the list
  const text = (total: string) =>
    BUDGET_HEAD +
    "四、关于财政拨款收支总表的说明\n" +
    `2026年某局财政拨款收支总预算${total}万元。收入全部为一般公共预算拨款（无政府性基金及国有资本经营预算拨款），包括：一般公共预算当年拨款收入16,474.82万元、上年结转2,254.12万元；支出包括：一般公共服务支出15,291.30万元，占81.65%；教育支出118.01万元，占0.63%；社会保障和就业支出2,208.19万元，占11.79%；住房保障支出1,111.44万元，占5.93%。`;
  it("valid: both sides add up to 18,728.94", () => {
    expect(lintText(text("18,728.94")).filter((f) => f.severity !== "info").map(brief)).toEqual([]);
  });
  it("invalid: 18,728.91 is less than the income side's two parts (and than the expense side, whose shares total 100 %)", () => {
    const found = lintText(text("18,728.91")).filter((f) => f.severity !== "info");
    // with 2 decimals everywhere both sides prove it; 国家信访局 prints 15,291.3, whose ±0.05 leaves its side at info
    expect(found.map((f) => `${f.ruleId} ${brief(f)}`).sort()).toEqual([
      "breakdown-subset error [18,728.91@L4 16,474.82@L4 2,254.12@L4] 18728.94≠18728.91",
      "breakdown-sum error [18,728.91@L4 15,291.30@L4 118.01@L4 2,208.19@L4 1,111.44@L4] 18728.94≠18728.91",
    ]);
    // one inconsistency: both findings share the total, the one number that explains them
    expect(new Set(found.map((f) => f.group?.id)).size).toBe(1);
  });
});

describe("sangong-subtotal: items named after 安排, and 费用 for 费 (湖州's wording)", () => {
  // 湖州 退役军人事务局 p9–10: "“三公”经费预算数为1.10万元…具体如下：1.因公出国（境）费用：…2026年安排因公出国（境）费用预算0.00
  // 万元…2.公务接待费：2026年安排公务接待费预算1.10万元…3.公务用车购置及运行维护费：2026年安排公务用车购置及运行维护费预算0.00万元"
  // — an auditor found the three items in no relation
  const text = (reception: string) =>
    BUDGET_HEAD +
    "（九）关于2022年一般公共预算“三公”经费预算情况说明\n" +
    "某局2022年“三公”经费预算数为1.10万元，具体如下：\n" +
    "1.因公出国（境）费用：根据因公出国计划，2022年安排因公出国（境）费用预算0.00万元，与上年数持平。\n" +
    `2.公务接待费：2022年安排公务接待费预算${reception}万元，与上年数持平。\n` +
    "3.公务用车购置及运行维护费：2022年安排公务用车购置及运行维护费预算0.00万元。";
  it("valid: 1.10 = 0.00 + 0.00 + 1.10", () => {
    expect(notInfo(text("1.10"), "sangong-subtotal")).toEqual([]);
  });
  it("invalid: 1.10 ≠ 0.00 + 0.00 + 1.20", () => {
    expect(notInfo(text("1.20"), "sangong-subtotal")).toEqual(["error [1.10@L4 0.00@L5 0.00@L7 1.20@L6] 1.20≠1.10"]);
  });
});
