/**
 * The table rules on small reports: for each, texts that satisfy it (nothing above info) and texts that break it
 * (the exact finding, with every cited number at its cell). The comment on each invalid case proves it.
 */
import { describe, expect, it } from "vitest";
import { BUDGET_HEAD, FINAL_HEAD, brief, run, tsv } from "./tables-helpers.js";

const notInfo = (text: string, rule: string) => run(text, rule).filter((f) => f.severity !== "info").map(brief);

// 表5 of a 预算 (the layout of seed 002), with one figure to change per case
function gpbExpense(opts: { yx?: string; yxBasic?: string; total?: string; cls?: string } = {}): string {
  return (
    BUDGET_HEAD +
    "表5 一般公共预算支出情况表\n单位：万元\n" +
    tsv(
      ["功能分类科目编码", "功能分类科目名称", "合计", "基本支出", "项目支出"],
      ["类", "款", "项"],
      ["201", "", "", "一般公共服务支出", opts.cls ?? "202.74", "152.74", "50.00"],
      ["201", "03", "", "政府办公厅（室）及相关机构事务", "202.74", "152.74", "50.00"],
      ["201", "03", "02", "一般行政管理事务", "50.00", "", "50.00"],
      ["201", "03", "50", "事业运行", opts.yx ?? "152.74", opts.yxBasic ?? "152.74", ""],
      ["208", "", "", "社会保障和就业支出", "52.94", "52.94", ""],
      ["208", "05", "", "行政事业单位养老支出", "52.94", "52.94", ""],
      ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "52.94", "52.94", ""],
      ["", "", "", "合  计", opts.total ?? "255.68", "205.68", "50.00"],
    )
  );
}

describe("table-code-sum", () => {
  it("valid: 类 = Σ款 = Σ项 in every column", () => {
    expect(notInfo(gpbExpense(), "table-code-sum")).toEqual([]);
  });
  it("invalid: a 项 that does not add up to its 款", () => {
    // 50.00 + 152.64 = 202.64 ≠ 202.74 (合计); 152.64 ≠ 152.74 (基本支出); 3 terms × 0.005 cannot close 0.10
    expect(notInfo(gpbExpense({ yx: "152.64", yxBasic: "152.64" }), "table-code-sum")).toEqual([
      "error [202.74@4,5 50.00@5,5 152.64@6,5] 202.64≠202.74",
      "error [152.74@4,6 152.64@6,6] 152.64≠152.74",
    ]);
  });
  it("invalid: economic codes, 301 = Σ30101…", () => {
    const text =
      FINAL_HEAD +
      "一般公共预算财政拨款基本支出决算表\n单位：万元\n" +
      tsv(
        ["科目编码", "", "科目名称", "合计", "人员经费", "公用经费"],
        ["301", "", "工资福利支出", "187.53", "187.53", "0.00"],
        ["301", "01", "基本工资", "59.96", "59.96", "0.00"],
        ["301", "02", "津贴补贴", "127.47", "127.47", "0.00"],
        ["", "", "合计", "187.53", "187.53", "0.00"],
      );
    // 59.96 + 127.47 = 187.43 ≠ 187.53
    expect(notInfo(text, "table-code-sum")).toEqual(["error [187.53@2,4 59.96@3,4 127.47@4,4] 187.43≠187.53", "error [187.53@2,5 59.96@3,5 127.47@4,5] 187.43≠187.53"]);
  });
});

describe("table-total", () => {
  it("valid: 合计 row = Σ类 and 合计 = 基本支出 + 项目支出 on every row", () => {
    expect(notInfo(gpbExpense(), "table-total")).toEqual([]);
  });
  it("invalid: the 合计 row", () => {
    // 202.74 + 52.94 = 255.68 ≠ 255.78
    expect(notInfo(gpbExpense({ total: "255.78" }), "table-total")).toEqual(["error [255.78@10,5 202.74@3,5 52.94@7,5] 255.68≠255.78", "error [255.78@10,5 205.68@10,6 50.00@10,7] 255.68≠255.78"]);
  });
  it("invalid: a row whose 合计 is not 基本 + 项目", () => {
    // 事业运行: 合计 152.74 but 基本支出 152.64 + 项目支出 0
    const f = notInfo(gpbExpense({ yxBasic: "152.64" }), "table-total");
    expect(f).toContain("error [152.74@6,5 152.64@6,6] 152.64≠152.74");
  });
  it("income table: 本年收入合计 = Σ sources", () => {
    const text =
      FINAL_HEAD +
      "收入决算表\n单位：万元\n" +
      tsv(
        ["支出功能分类科目编码", "", "", "科目名称", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"],
        ["类", "款", "项"],
        ["", "", "", "合计", "2,946.25", "2,940.05", "", "", "", "", "6.10"],
        ["201", "", "", "一般公共服务支出", "2,946.25", "2,940.05", "", "", "", "", "6.10"],
      );
    // 2,940.05 + 6.10 = 2,946.15 ≠ 2,946.25
    expect(notInfo(text, "table-total")).toEqual(["error [2,946.25@3,5 2,940.05@3,6 6.10@3,11] 2946.15≠2946.25", "error [2,946.25@4,5 2,940.05@4,6 6.10@4,11] 2946.15≠2946.25"]);
  });
});

function summary(incomeTotal = "216.30", expenseTotal = "216.30"): string {
  return (
    FINAL_HEAD +
    "收入支出决算总表\n单位：万元\n" +
    tsv(
      ["收入", "", "支出"],
      ["项目", "决算数", "项目", "决算数"],
      ["一、财政拨款收入", "191.80", "一、一般公共服务支出", "139.99"],
      ["八、其他收入", "23.63", "二、社会保障和就业支出", "59.69"],
      ["本年收入合计", "215.43", "本年支出合计", "199.68"],
      ["使用非财政拨款结余", "0.00", "结余分配", "0.00"],
      ["年初结转和结余", "0.87", "年末结转和结余", "16.62"],
      ["总计", incomeTotal, "总计", expenseTotal],
    )
  );
}

describe("table-summary", () => {
  it("valid: 本年合计 = Σ, 总计 = 本年 + 结转, 收入总计 = 支出总计", () => {
    expect(notInfo(summary(), "table-summary")).toEqual([]);
  });
  it("invalid: 总计 of the income side", () => {
    // 215.43 + 0.00 + 0.87 = 216.30 ≠ 216.40; and 216.40 ≠ 支出总计 216.30
    expect(notInfo(summary("216.40"), "table-summary")).toEqual(["error [216.40@8,2 215.43@5,2 0.00@6,2 0.87@7,2] 216.30≠216.40", "error [216.40@8,2 216.30@8,4] 216.40≠216.30"]);
  });
});

describe("table-sangong", () => {
  const sangong = (cells: string[]) =>
    BUDGET_HEAD +
    "表8 一般公共预算“三公”经费支出情况表\n单位：万元\n" +
    tsv(["合  计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"], ["", "合计", "合  计", "公务用车购置费", "公务用车运行费", ""], cells);
  it("valid", () => {
    expect(notInfo(sangong(["2.18", "0.00", "2.00", "0.00", "2.00", "0.18"]), "table-sangong")).toEqual([]);
  });
  it("invalid: 公务用车 ≠ 购置 + 运行", () => {
    // 0.00 + 1.90 = 1.90 ≠ 2.00
    expect(notInfo(sangong(["2.18", "0.00", "2.00", "0.00", "1.90", "0.18"]), "table-sangong")).toEqual(["error [2.00@3,3 0.00@3,4 1.90@3,5] 1.90≠2.00"]);
  });
  it("invalid: 合计 ≠ 因公出国 + 公务用车 + 公务接待", () => {
    // 0.00 + 2.00 + 0.18 = 2.18 ≠ 2.28
    expect(notInfo(sangong(["2.28", "0.00", "2.00", "0.00", "2.00", "0.18"]), "table-sangong")).toEqual(["error [2.28@3,1 0.00@3,2 2.00@3,3 0.18@3,6] 2.18≠2.28"]);
  });
  // 湖州's header as its PDF prints it: each cell broken over lines ("公务用车购置" / "费"), a column-number line, one
  // row per unit; each column's header is read top to bottom as one text
  const huzhou = (total: string) =>
    BUDGET_HEAD +
    "表07 2026年市级部门一般公共预算\"三公\"经费支出表\n单位：万元\n" +
    tsv(
      ["单位名称", "“三公”经费", "因公出国(境)费", "公务用车购置及运行费", "", "公务接待费"],
      ["", "合计", "用", "", "公务用车购置", "公务用车运行", ""],
      ["", "", "", "小计", "费", "维护费", ""],
      ["**", "1", "2", "3", "4", "5", "6"],
      ["合计", total, "", "698.30", "171.80", "526.50", "51.53"],
      ["湖州市交通运输局", "1.00", "", "", "", "", "1.00"],
    );
  it("a header broken over lines: valid, and 合计 ≠ 因公出国 + 公务用车 + 公务接待", () => {
    expect(notInfo(huzhou("749.83"), "table-sangong")).toEqual([]);
    expect(notInfo(huzhou("749.38"), "table-sangong")).toEqual(["error [749.38@5,2 698.30@5,4 51.53@5,7] 749.83≠749.38"]);
  });
});

/** A 项目支出绩效自评表 in the Xinjiang layout, with the narrative of section 十一 above it. */
function selfAssessment(o: { sentence?: string; total?: string; rate?: string; score?: string; weight?: string; actualCost?: string } = {}): string {
  return (
    FINAL_HEAD +
    "十一、预算绩效的情况说明\n" +
    (o.sentence ?? "本单位2024年度预算绩效管理形成整体支出绩效自评表1个，全年预算总额199.68万元，实际执行总额199.68万元；预算绩效评价项目1个，全年预算数7.88万元，全年执行数7.88万元。") +
    "\n项目支出绩效自评表\n" +
    tsv(
      ["项目名称", "机关运行项目补助"],
      ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
      ["", "年度资金总额", "27.00", o.total ?? "7.88", "7.88", "10", o.rate ?? "100.00%", "10.00"],
      ["", "其中：当年财政拨款", "0.00", "0.00", "0.00", "—", "—", "—"],
      ["", "其他资金", "27.00", "7.88", "7.88", "—", "—", "—"],
      ["", "一级指标", "二级指标", "三级指标", "权重", "目标值", "业绩值", "完成率", "指标得分"],
      ["年度绩效指标完成情况", "产出指标", "数量指标", "保障办公人员数量", o.weight ?? "45", ">=8人", "=8人", "100%", "45"],
      ["", "", "成本指标", "工作经费", "15", "<=7.81万元", o.actualCost ?? "=7.81万元", "100%", "15"],
      ["", "", "", "培训费", "30", "<=0.07万元", "=0.07万元", "100%", "26.67"],
      ["总分", "100", "", "", "", o.score ?? "96.67分"],
    )
  );
}

describe("perf-funds", () => {
  it("valid", () => {
    expect(notInfo(selfAssessment(), "perf-funds")).toEqual([]);
  });
  it("invalid: 年度资金总额 ≠ Σ sources", () => {
    // 0.00 + 7.88 = 7.88 ≠ 7.98 (全年预算数)
    expect(notInfo(selfAssessment({ total: "7.98" }), "perf-funds")).toEqual(["error [7.98@3,4 0.00@4,4 7.88@5,4] 7.88≠7.98"]);
  });
  const targetTable = (rows: string[][]) => BUDGET_HEAD + "部门整体支出绩效目标表\n" + tsv(["部门名称", "测试局"], ...rows, ["一级指标", "二级指标", "三级指标", "目标值"]);
  it("valid: a 绩效目标表 split by kind of spending names no complete list of sources (泉州's layout)", () => {
    // 资金总额 8200.95 = 项目支出 2285.57 + 基本支出 5915.38; 其他资金 0.00 alone is not all its sources
    const text = targetTable([["年度预算安排（万元）", "资金总额", "8200.95"], ["", "项目支出", "2285.57"], ["", "基本支出", "5915.38"], ["", "其他资金", "0.00"]]);
    expect(notInfo(text, "perf-funds")).toEqual([]);
  });
  it("invalid: a 绩效目标表 whose 财政拨款 and 其他资金 miss its 年度资金总额", () => {
    // 30 + 0 = 30 ≠ 35
    const text = targetTable([["项目资金（万元）", "年度资金总额：", "35", "其中：财政拨款", "30", "其他资金", "0"]]);
    expect(notInfo(text, "perf-funds")).toEqual(["error [35@2,3 30@2,5 0@2,7] 30≠35"]);
  });
});

describe("perf-rate", () => {
  it("valid, and an integer percent stands for [99.5%, 100.5%)", () => {
    expect(notInfo(selfAssessment({ rate: "100%" }), "perf-rate")).toEqual([]);
  });
  it("invalid", () => {
    // 7.88 / 7.88 = 100% ≠ 98.00%
    expect(notInfo(selfAssessment({ rate: "98.00%" }), "perf-rate")).toEqual(["error [7.88@3,5 7.88@3,4 98.00@3,7] 100.00≠98.00"]);
  });
});

describe("perf-score", () => {
  it("valid: 分值 10 + 45 + 15 + 30 = 100; 得分 10.00 + 45 + 15 + 26.67 = 96.67", () => {
    expect(notInfo(selfAssessment(), "perf-score")).toEqual([]);
  });
  it("invalid: 得分 do not add up to 总分", () => {
    // 10.00 + 45 + 15 + 26.67 = 96.67 ≠ 91.67
    expect(notInfo(selfAssessment({ score: "91.67分" }), "perf-score")).toEqual(["error [91.67@10,6 10.00@3,8 45@7,9 15@8,9 26.67@9,9] 96.67≠91.67"]);
  });
  it("invalid: 分值 do not add up to 100", () => {
    // 10 + 40 + 15 + 30 = 95 ≠ 100 (分值 are assigned, not rounded)
    const f = notInfo(selfAssessment({ weight: "40", score: "91.67分" }), "perf-score");
    expect(f[0]).toBe("error [100@10,2 10@3,6 40@7,5 15@8,5 30@9,5] 100≠95");
    // with the 分值 not adding up, which rows the 总分 counts is not known: the scores are a warning, not a proof
    expect(f[1]).toBe("warning [91.67@10,6 10.00@3,8 45@7,9 15@8,9 26.67@9,9] 96.67≠91.67");
  });
});

describe("perf-cost", () => {
  it("valid: the cost targets stay within the project's money", () => {
    expect(notInfo(selfAssessment(), "perf-cost")).toEqual([]);
  });
  it("invalid: 业绩值 in 元 where the target is in 万元", () => {
    // "<=7.81万元" vs "=7.81元" at 100% completion: a ten-thousandfold slip
    expect(notInfo(selfAssessment({ actualCost: "=7.81元" }), "perf-cost")).toEqual(["error [7.81@8,6 7.81@8,7] 万元≠元"]);
  });
  it("invalid: a 绩效目标表 whose cost indicators exceed the project's 年度资金总额", () => {
    const text =
      BUDGET_HEAD +
      "项目支出绩效目标表\n" +
      tsv(
        ["预算单位", "测试局", "项目名称", "防范金融风险专项业务经费"],
        ["项目资金（万元）", "年度资金总额：", "35", "其中：财政拨款", "35", "其他资金", "0"],
        ["一级指标", "二级指标", "三级指标", "指标值（包含数字及文字描述）"],
        ["产出指标", "成本指标", "购置系统", "<=10万"],
        ["", "", "宣传", "<=39.63万"],
      );
    // 10 + 39.63 = 49.63 > 35
    expect(notInfo(text, "perf-cost")).toEqual(["error [35@2,3 10@4,4 39.63@5,4] 35≠49.63"]);
  });
});

describe("perf-projects", () => {
  it("valid: the narrative's 评价项目 count and sums match the tables", () => {
    expect(notInfo(selfAssessment(), "perf-projects")).toEqual([]);
  });
  it("invalid: 全年预算数 ≠ Σ 年度资金总额", () => {
    const sentence = "本单位2024年度预算绩效管理形成整体支出绩效自评表1个，全年预算总额199.68万元，实际执行总额199.68万元；预算绩效评价项目1个，全年预算数7.98万元，全年执行数7.88万元。";
    // one table, 年度资金总额 全年预算数 7.88 ≠ 7.98
    expect(notInfo(selfAssessment({ sentence }), "perf-projects")).toEqual(["error [7.98@L4 7.88@3,4] 7.88≠7.98"]);
  });
  it("a count that does not match the tables is a warning", () => {
    const sentence = "本单位2024年度预算绩效管理形成整体支出绩效自评表1个，全年预算总额199.68万元，实际执行总额199.68万元；预算绩效评价项目2个，全年预算数7.88万元，全年执行数7.88万元。";
    expect(notInfo(selfAssessment({ sentence }), "perf-projects")).toEqual(["warning [2@L4] 1≠2"]);
  });
});

// 广东's template: the narrative's "重点项目预算绩效目标情况" table against the 项目支出表 (珠海 商务局)
function keyProjects(opts: { key?: string; head?: string; keyUnit?: string; second?: boolean; funds?: [string, string] } = {}): string {
  const [gpb, other] = opts.funds ?? ["7,672.50", "0.00"];
  return (
    BUDGET_HEAD +
    "表12 部门预算项目支出预算表\n单位：万元\n" +
    tsv(
      ["项目名称", "总计", "一般公共预算", opts.head ?? "其他资金"],
      ["合计", "7,772.50", "7,772.50", "0.00"],
      ["辅助人员补助经费", "7,672.50", gpb, other],
      ["查验配套服务费", "100.00", "100.00", "0.00"],
      ...(opts.second ? [["辅助人员补助经费", "5.00", "5.00", "0.00"]] : []),
    ) +
    "\n\n七、重点项目预算绩效目标情况\n" +
    tsv(["项目", `预算数（单位：${opts.keyUnit ?? "万元"}）`, "绩效目标"], ["辅助人员补助经费", opts.key ?? "7672.25", "保障海关监管需要"], ["查验配套服务费", "100", "保障查验工作"])
  );
}

describe("key-project", () => {
  it("a key project's 预算数 that no fund scope of its 项目支出表 row gives is an error citing both rows", () => {
    const found = run(keyProjects(), "key-project").filter((f) => f.severity !== "info");
    expect(found.map(brief)).toEqual(["error [7672.25@2,2 7,672.50@3,2 7,672.50@3,3] 7672.50≠7672.25"]);
    expect(found[0]!.message).toContain("（其中一般公共预算7,672.50万元，其余资金来源为0）");
    // the one that agrees (100 against 100.00) holds
    expect(run(keyProjects({ key: "7,672.50" }), "key-project").filter((f) => f.severity !== "info")).toEqual([]);
  });
  it("a key project that is the money of some of its sources holds", () => {
    // 7,000.00 of 一般公共预算 and 672.50 of 其他资金: the narrative may count the 一般公共预算 alone
    expect(notInfo(keyProjects({ key: "7000", funds: ["7,000.00", "672.50"] }), "key-project")).toEqual([]);
    expect(notInfo(keyProjects({ key: "6999", funds: ["7,000.00", "672.50"] }), "key-project")).toEqual(["error [6999@2,2 7,672.50@3,2 7,000.00@3,3 672.50@3,4] 7672.50≠6999"]);
  });
  it("a source column it cannot name: less than the total is a warning, more is an error", () => {
    expect(notInfo(keyProjects({ key: "7000", head: "另列资金" }), "key-project")).toEqual(["warning [7000@2,2 7,672.50@3,2] 7672.50≠7000"]);
    expect(notInfo(keyProjects({ key: "7700", head: "另列资金" }), "key-project")).toEqual(["error [7700@2,2 7,672.50@3,2] 7672.50≠7700"]);
  });
  it("more sources holding money than can be combined: a figure below the total is a warning, not an error", () => {
    const roles = ["一般公共预算", "政府性基金", "国有资本经营", "财政专户", "事业收入", "经营收入", "上级补助", "附属单位上缴", "其他资金"];
    const text =
      BUDGET_HEAD +
      "表12 部门预算项目支出预算表\n单位：万元\n" +
      tsv(["项目名称", "总计", ...roles], ["合计", "90.00", ...roles.map(() => "10.00")], ["辅助人员补助经费", "90.00", ...roles.map(() => "10.00")]) +
      "\n\n七、重点项目预算绩效目标情况\n" +
      tsv(["项目", "预算数（单位：万元）", "绩效目标"], ["辅助人员补助经费", "35.5", "保障海关监管需要"]);
    expect(notInfo(text, "key-project")).toEqual(["warning [35.5@2,2 90.00@3,2] 90.00≠35.5"]);
  });
  it("no finding when the name is printed twice, the unit is not 万元, the figures differ by 10,000 times, or in a 决算", () => {
    expect(notInfo(keyProjects({ second: true }), "key-project")).toEqual([]);
    expect(notInfo(keyProjects().replace(BUDGET_HEAD, FINAL_HEAD), "key-project")).toEqual([]);
    expect(notInfo(keyProjects({ keyUnit: "元" }), "key-project")).toEqual([]);
    expect(notInfo(keyProjects({ key: "76,725,000.00" }), "key-project")).toEqual([]);
  });
});

describe("completeness", () => {
  it("a document that only lists its tables (见附表) is not missing any", () => {
    const text = FINAL_HEAD + "第四部分 部门决算报表（见附表）\n一、《收入支出决算总表》\n二、《收入决算表》\n";
    expect(run(text, "completeness")).toEqual([]);
  });
  it("a document that prints its tables must print (or declare empty) all nine", () => {
    const f = run(summary(), "completeness").map((x) => x.message);
    expect(f).toHaveLength(8);
    expect(f[0]).toBe("报告公开了报表，但缺少“收入决算表”，也未说明该表为空表");
  });
  it("a 空表 needs its note, and the note must name the right fund", () => {
    const empty = (title: string, note: string) =>
      `${title}\n单位：万元\n` + tsv(["支出功能分类科目编码", "", "", "科目名称", "合计", "基本支出", "项目支出"], ["类", "款", "项"], ["", "", "", "合计", "", "", ""]) + `\n\n\n${note}\n`;
    const base = summary() + "\n\n";
    const ok = base + empty("国有资本经营预算财政拨款收入支出决算表", "注：本单位无国有资本经营预算财政拨款收入和支出，故本表无数据。");
    const missingNote = base + empty("国有资本经营预算财政拨款收入支出决算表", "");
    const wrongNote = base + empty("国有资本经营预算财政拨款收入支出决算表", "注：本单位无政府性基金预算财政拨款收入和支出，故本表为空表。");
    const messages = (t: string) => run(t, "completeness").map((x) => x.messageId).filter((m) => m !== "missing");
    expect(messages(ok)).toEqual([]);
    expect(messages(missingNote)).toEqual(["emptyNoNote"]);
    expect(messages(wrongNote)).toEqual(["wrongNote"]);
  });
  it("an empty 收支总表, 收入表 or 支出表 was not filled in: no note could explain it; all tables empty is one finding", () => {
    const empty = (title: string) =>
      `${title}\n单位：万元\n` + tsv(["支出功能分类科目编码", "", "", "科目名称", "合计", "基本支出", "项目支出"], ["类", "款", "项"], ["", "", "", "合计", "", "", ""]) + "\n\n\n";
    const messages = (t: string) => run(t, "completeness").map((x) => x.messageId).filter((m) => m !== "missing");
    // a filled 总表 and an empty 支出决算表
    expect(messages(summary() + "\n\n" + empty("支出决算表"))).toEqual(["emptyCore"]);
    // nothing but empty tables: a template or an unfinished draft, said once
    const blank = run(FINAL_HEAD + "\n" + empty("收入决算表") + empty("支出决算表") + empty("一般公共预算财政拨款支出决算表"), "completeness");
    expect(blank.filter((x) => x.messageId !== "missing").map((x) => x.message)).toEqual(["报告所列3张报表都没有填写数字（收入决算表等）：像是未填写的模板或未完成的草稿，各表之间和表与正文之间未能核对"]);
  });
});

describe("names-years", () => {
  const ids = (t: string) => run(t, "names-years").map((f) => `${f.messageId}:${f.location.line}`);
  it("valid: other years in comparisons, ranges and document names", () => {
    const text = FINAL_HEAD + "一、收入支出决算总体情况说明\n与2023年度相比，收入支出总计减少144.63万元。\n（三）国有资产占用情况说明\n截至2024年12月31日，车辆0辆。\n依据《三年行动计划（2021-2023）》。";
    expect(ids(text)).toEqual([]);
  });
  it("invalid: a placeholder and another year in the headings, 截至 another year in a 决算", () => {
    const text = "测试局2024年度部门决算\n第一部分 上海市XX局概况\n第二部分 测试局2023年度部门决算表\n（三）国有资产占用情况说明\n截至2023年12月31日，车辆0辆。";
    expect(ids(text).sort()).toEqual(["asOf:5", "placeholder:2", "year:3"]);
  });
  it("one placeholder name in the title and the headings is one finding; an amount left as XX in a numbered line is body text", () => {
    const text = "上海市XX局2024年度部门决算\n第一部分 上海市XX局概况\n第二部分 上海市XX局2024年度部门决算表\n（五）“三公”经费支出情况\n2、公务接待费支出XX万元。\n第三部分 其他XX事项";
    const f = run(text, "names-years");
    expect(f.map((x) => `${x.messageId}:${x.location.line}`)).toEqual(["placeholderAlso:1", "placeholder:6", "placeholderBody:5"]);
    expect(f[0]!.message).toBe("报告标题中留有占位符“XX”：上海市XX局2024年度部门决算（另有2处标题、表名留有同样的占位符）");
  });
  it("截至 last year is normal in a 预算", () => {
    expect(ids(BUDGET_HEAD + "（三）国有资产占用使用情况\n截至2021年底，国有资产总体情况为：房屋0平方米。")).toEqual([]);
  });
  it("a table's 编制单位 naming another organisation", () => {
    const text = BUDGET_HEAD + "表1 部门收支总体情况表\n" + tsv(["编制部门：测试县民政局", "单位：万元"], ["项目", "预算数", "项目", "预算数"], ["财政拨款", "1.00", "一般公共服务支出", "1.00"]);
    expect(run(text, "names-years").map((f) => f.message)).toEqual(["表头中的单位名称为“测试县民政局”，与报告标题的“测试局”不一致"]);
  });
});

describe("same-figure: 收入预算 in a budget's narrative", () => {
  // 珠海市商务局 2026 (../shared/corpus): "本部门收入预算66,307.98万元" is the 收入总计 of its 收支总表: 本年收入合计
  // 46,403.97 + 上年结转 19,904.01, not the 本年收入合计 the label is filed under
  const budget = (stated: string, withTotalRow: boolean) =>
    BUDGET_HEAD +
    "表1 部门收支总体情况表\n单位：万元\n" +
    tsv(
      ["收入", "", "支出"],
      ["项目", "预算数", "项目", "预算数"],
      ["一、财政拨款", "46,402.33", "一、一般公共服务支出", "66,306.34"],
      ["二、其他收入", "1.64", "二、外交支出", "1.64"],
      ["本年收入合计", "46,403.97", "本年支出合计", "66,307.98"],
      ["年初结转和结余", "19,904.01", "年末结转和结余", "0.00"],
      ...(withTotalRow ? [["收入总计", "66,307.98", "支出总计", "66,307.98"]] : []),
    ) +
    `\n第三部分 2022年部门预算情况说明\n2022年本部门收入预算${stated}万元。`;
  it("valid: it states the 总计 (本年收入合计 + 年初结转和结余), with or without a 收入总计 row", () => {
    expect(notInfo(budget("66,307.98", true), "same-figure")).toEqual([]);
    expect(notInfo(budget("66,307.98", false), "same-figure")).toEqual([]);
  });
  it("valid: it states the 本年收入合计", () => {
    expect(notInfo(budget("46,403.97", false), "same-figure")).toEqual([]);
  });
  it("invalid: it is neither", () => {
    expect(notInfo(budget("66,308.98", false), "same-figure")).toEqual(["error [46,403.97@5,2 66,308.98@L12] 46403.97≠66308.98"]);
  });
});
