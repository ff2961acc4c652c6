/**
 * table-pair (issue 10): the statutory tables against each other, from the relation table in src/tables/pairings.ts.
 * Each relation with a text that satisfies it and one that breaks it; the comment on each invalid case proves it.
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkFile } from "../src/runner.js";
import { pairMatches } from "../src/tables/pairings.js";
import { BUDGET_HEAD, FINAL_HEAD, brief, reportOf, run, tsv } from "./tables-helpers.js";

const notInfo = (text: string) => run(text, "table-pair").filter((f) => f.severity !== "info").map(brief);

// a 决算's 总表 (支出 by 类, names only), 支出决算表 and 一般公共预算财政拨款支出决算表, one figure to change per case
function finalTables(o: { summary201?: string; expense20101?: string; gpb20101?: string; gpbBasic?: string; gpbTotal?: string; gpbBasicTotal?: string; gpb208?: string; gpb20805?: string; gpb2080505?: string } = {}): string {
  return (
    FINAL_HEAD +
    "收入支出决算总表\n单位：万元\n" +
    tsv(
      ["收入", "", "支出"],
      ["项目", "决算数", "项目", "决算数"],
      ["一般公共预算财政拨款收入", "240.00", "一般公共服务支出", o.summary201 ?? "200.00"],
      ["其他收入", "10.00", "社会保障和就业支出", "50.00"],
      ["本年收入合计", "250.00", "本年支出合计", "250.00"],
      ["年初结转和结余", "0.00", "年末结转和结余", "0.00"],
      ["总计", "250.00", "总计", "250.00"],
    ) +
    "\n\n支出决算表\n单位：万元\n" +
    tsv(
      ["科目编码", "", "", "科目名称", "本年支出合计", "基本支出", "项目支出"],
      ["类", "款", "项"],
      ["", "", "", "合计", "250.00", "190.00", "60.00"],
      ["201", "", "", "一般公共服务支出", "200.00", "140.00", "60.00"],
      ["201", "01", "", "人大事务", "200.00", "140.00", "60.00"],
      ["201", "01", "01", "行政运行", o.expense20101 ?? "140.00", "140.00", ""],
      ["201", "01", "02", "一般行政管理事务", "60.00", "", "60.00"],
      ["208", "", "", "社会保障和就业支出", "50.00", "50.00", ""],
      ["208", "05", "", "行政事业单位养老支出", "50.00", "50.00", ""],
      ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "50.00", "50.00", ""],
    ) +
    "\n\n一般公共预算财政拨款支出决算表\n单位：万元\n" +
    tsv(
      ["科目编码", "", "", "科目名称", "合计", "基本支出", "项目支出"],
      ["类", "款", "项"],
      ["", "", "", "合计", o.gpbTotal ?? "240.00", o.gpbBasicTotal ?? "180.00", "60.00"],
      ["201", "", "", "一般公共服务支出", "200.00", "140.00", "60.00"],
      ["201", "01", "", "人大事务", "200.00", "140.00", "60.00"],
      ["201", "01", "01", "行政运行", o.gpb20101 ?? "140.00", o.gpbBasic ?? "140.00", ""],
      ["201", "01", "02", "一般行政管理事务", "60.00", "", "60.00"],
      ["208", "", "", "社会保障和就业支出", o.gpb208 ?? "40.00", o.gpb208 ?? "40.00", ""],
      ["208", "05", "", "行政事业单位养老支出", o.gpb20805 ?? "40.00", o.gpb20805 ?? "40.00", ""],
      ["208", "05", "05", "机关事业单位基本养老保险缴费支出", o.gpb2080505 ?? "40.00", o.gpb2080505 ?? "40.00", ""],
    )
  );
}

describe("table-pair: 总表 支出 side = 支出决算表 (all funds, by name against code)", () => {
  it("valid: each 类 the 总表 names meets its coded row", () => {
    expect(notInfo(finalTables())).toEqual([]);
    const ids = pairMatches(reportOf(finalTables())).map((m) => `${m.pairing.id}:${m.a.cell.key}`);
    expect(ids).toContain("summary-expense:n:一般公共服务支出");
    expect(ids).toContain("summary-expense:n:社会保障和就业支出");
  });
  it("invalid: 一般公共服务支出 200.10 in the 总表 against 200.00 in the 支出决算表", () => {
    // the same quantity (全部资金, 决算数): 200.10 ≠ 200.00 beyond ±0.005 each
    expect(notInfo(finalTables({ summary201: "200.10" }))).toContain("error [200.10@3,4 200.00@4,5] 200.00≠200.10");
  });
});

describe("table-pair: 一般公共预算财政拨款支出决算表 ≤ 支出决算表, row by row and column by column", () => {
  it("invalid: a 项 whose 一般公共预算 figure exceeds its all-funds figure", () => {
    // 行政运行: 一般公共预算 141.00 > 全部资金 140.00 (in 合计 and in 基本支出); the part cannot exceed the whole
    const f = notInfo(finalTables({ gpb20101: "141.00", gpbBasic: "141.00" }));
    expect(f).toContain("error [141.00@6,5 140.00@6,5] 140.00≠141.00");
    expect(f).toContain("error [141.00@6,6 140.00@6,6] 140.00≠141.00");
  });
  it("a row's other money may not exceed the tables' other money (a warning: inferred through both tables' sums)", () => {
    // 合计: all 250.00, gpb 240.00 → other money 10.00; 208 …: all 50.00, gpb 35.00 → 15.00 > 10.00
    // (the gpb table's own 类 sum then fails too, which table-total reports; here only the pairing is read)
    const f = notInfo(finalTables({ gpb208: "35.00", gpb20805: "35.00", gpb2080505: "35.00" }));
    expect(f.filter((x) => x.startsWith("warning")).length).toBeGreaterThanOrEqual(3);
    expect(f.every((x) => !x.startsWith("error"))).toBe(true);
    const msg = run(finalTables({ gpb208: "35.00", gpb20805: "35.00", gpb2080505: "35.00" }), "table-pair").find((x) => x.messageId === "gap")!.message;
    expect(msg).toContain("相差15.00万元，大于两表合计之差10.00万元");
  });
  it("equal 合计: the unit has no other money, so each row must be equal", () => {
    // all funds = gpb = 250.00 in total; 208: all 50.00, gpb 40.00 → other money 10.00 > 0.00
    const text = finalTables({ gpbTotal: "250.00", gpbBasicTotal: "190.00" });
    const gaps = run(text, "table-pair").filter((x) => x.messageId === "gap");
    // 208 / 20805 / 2080505 against the 支出决算表 in 合计 and in 基本支出 (190.00 both), and 208 against the 总表: 7
    expect(gaps.map((g) => `${g.severity} ${g.values.map((v) => v.text).join(",")}`)).toEqual([
      "warning 40.00,50.00,250.00,250.00",
      "warning 40.00,50.00,250.00,250.00",
      "warning 40.00,50.00,250.00,250.00",
      "warning 40.00,50.00,190.00,190.00",
      "warning 40.00,50.00,190.00,190.00",
      "warning 40.00,50.00,190.00,190.00",
      "warning 40.00,50.00,250.00,250.00",
    ]);
    expect(gaps[0]!.message).toContain("两表合计相同，可见这部分支出全部由一般公共预算安排");
  });
});

describe("table-pair: a 支出表 that lists 项 codes only meets the 总表's 类 by their sum (泉州's layout)", () => {
  const tables = (cls: string) =>
    BUDGET_HEAD +
    "表1 收支预算总表\n单位：万元\n" +
    tsv(["收入", "", "支出"], ["项目", "预算数", "项目", "预算数"], ["一般公共预算拨款收入", "100.00", "一般公共服务支出", cls], ["", "", "住房保障支出", "20.00"], ["本年收入合计", "100.00", "本年支出合计", "100.00"], ["收入合计", "100.00", "支出合计", "100.00"]) +
    "\n\n表3 支出预算总表\n单位：万元\n" +
    tsv(
      ["科目编码", "科目名称", "小计", "基本支出", "项目支出", "事业单位经营支出"],
      ["", "合计", "100.00", "70.00", "30.00", "0.00"],
      ["2010301", "行政运行", "50.00", "50.00", "0.00", "0.00"],
      ["2010302", "一般行政管理事务", "30.00", "0.00", "30.00", "0.00"],
      ["2210201", "住房公积金", "20.00", "20.00", "0.00", "0.00"],
    ) +
    "\n\n表8 一般公共预算支出经济分类情况表\n单位：万元\n" +
    tsv(["科目编码", "科目名称", "预算数"], ["", "合计", "100.00"], ["301", "工资福利支出", "70.00"], ["302", "商品和服务支出", "30.00"]);
  it("valid: 一般公共服务支出 80.00 = 50.00 + 30.00; an economic table of the same kind is no second 支出表", () => {
    const ids = pairMatches(reportOf(tables("80.00"))).map((m) => `${m.pairing.id}:${m.a.cell.key}`);
    expect(ids).toContain("summary-expense:n:一般公共服务支出");
    expect(notInfo(tables("80.00"))).toEqual([]);
  });
  it("invalid: 一般公共服务支出 80.50 ≠ 50.00 + 30.00", () => {
    // 80.50 against [79.99, 80.01]
    expect(notInfo(tables("80.50"))).toEqual(["error [80.50@3,4 50.00@3,3 30.00@4,3] 80.00≠80.50"]);
  });
  it("事业单位经营支出 is a part of the 支出表's 合计 column (table-total now checks those rows)", () => {
    const text = tables("80.00").replace("\t50.00\t50.00\t0.00\t0.00", "\t50.00\t50.00\t0.00\t1.00");
    // the row (小计 50.00 ≠ 50.00 + 0.00 + 1.00) and the column (合计 0.00 ≠ Σ 事业单位经营支出 1.00) both fail on the one cell
    expect(run(text, "table-total").filter((f) => f.severity === "error").map(brief)).toEqual([
      "error [0.00@2,6 1.00@3,6 0.00@4,6 0.00@5,6] 1.00≠0.00",
      "error [50.00@3,3 50.00@3,4 0.00@3,5 1.00@3,6] 51.00≠50.00",
    ]);
  });
});

describe("table-pair: only columns whose header names the figure are compared", () => {
  it("a merged header (基本支出人员支出) is a sub-column, not 基本支出", () => {
    const text =
      BUDGET_HEAD +
      "表3 部门支出总表\n单位：万元\n" +
      tsv(["科目编码", "科目名称", "合计", "基本支出人员支出", "公用经费", "项目支出"], ["", "合计", "100.00", "50.00", "10.00", "40.00"], ["201", "一般公共服务支出", "100.00", "50.00", "10.00", "40.00"]) +
      "\n\n表5 一般公共预算支出表\n单位：万元\n" +
      tsv(["科目编码", "科目名称", "合计", "基本支出", "项目支出"], ["", "合计", "100.00", "60.00", "40.00"], ["201", "一般公共服务支出", "100.00", "60.00", "40.00"]);
    const ids = pairMatches(reportOf(text)).map((m) => m.pairing.id);
    expect(ids).toContain("gpb-expense");
    expect(ids).toContain("gpb-expense-project");
    expect(ids).not.toContain("gpb-expense-basic");
    expect(notInfo(text)).toEqual([]);
  });
});

describe("table-pair: this year's appropriation by fund in the 总表 and the 财政拨款收支总表", () => {
  const tables = (fiscalGpb: string) =>
    BUDGET_HEAD +
    "表1 部门收支总表\n单位：万元\n" +
    tsv(["收入", "", "支出"], ["项目", "预算数", "项目", "预算数"], ["一、财政拨款", "100.00", "一般公共服务支出", "100.00"], ["一般公共预算", "100.00", "", ""], ["本年收入合计", "100.00", "本年支出合计", "100.00"], ["收入总计", "100.00", "支出总计", "100.00"]) +
    "\n\n表4 财政拨款收支总表\n单位：万元\n" +
    tsv(["收入", "", "支出"], ["项目", "预算数", "项目", "预算数"], ["一、财政拨款", fiscalGpb, "一般公共服务支出", fiscalGpb], ["一般公共预算", fiscalGpb, "", ""], ["本年收入合计", fiscalGpb, "本年支出合计", fiscalGpb], ["收入总计", fiscalGpb, "支出总计", fiscalGpb]);
  it("valid: the same 一般公共预算 figure", () => {
    expect(notInfo(tables("100.00"))).toEqual([]);
  });
  it("invalid: a different figure is a warning that names the scope doubt (湖州's templates)", () => {
    const f = run(tables("80.00"), "table-pair").filter((x) => x.messageId === "equal" && x.severity !== "info");
    expect(f.map(brief)).toEqual(["warning [100.00@4,2 80.00@4,2] 80.00≠100.00"]);
    expect(f[0]!.message).toContain("口径可能不同");
  });
});

describe("table-pair: a fund table declared empty that prints figures", () => {
  const govFund = (note: string, amount: string) =>
    FINAL_HEAD +
    "政府性基金预算财政拨款收入支出决算表\n单位：万元\n" +
    tsv(["科目编码", "科目名称", "合计", "基本支出", "项目支出"], ["", "合计", amount, "", amount], ["208", "社会保障和就业支出", amount, "", amount]) +
    `\n${note}\n`;
  it("valid: an empty table with its note, a filled table without one", () => {
    expect(notInfo(govFund("注：本单位无政府性基金预算财政拨款收入，故本表为空表。", ""))).toEqual([]);
    expect(notInfo(govFund("", "12.00"))).toEqual([]);
  });
  it("invalid: the narrative says the unit has no 政府性基金 while the table prints 12.00", () => {
    const said = (sentence: string) => run(govFund("", "12.00").replace(FINAL_HEAD, FINAL_HEAD + sentence + "\n"), "table-pair").map((x) => `${x.severity} ${x.messageId} ${x.data.note ?? ""}`);
    expect(said("本单位2024年度无政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出。")).toEqual(["warning saidNone 本单位2024年度无政府性基金预算财政拨款收入"]);
    // another fund's absence, or last year's, says nothing about this table
    expect(said("本单位无国有资本经营预算财政拨款收入，政府性基金预算财政拨款支出12.00万元。")).toEqual([]);
    expect(said("上年无政府性基金结转。")).toEqual([]);
  });
  it("invalid: the note says 空表 while the table prints 12.00", () => {
    const f = run(govFund("注：本单位无政府性基金预算财政拨款收入，故本表为空表。", "12.00"), "table-pair");
    expect(f.map((x) => `${x.severity} ${x.messageId} ${x.values.map((v) => v.text).join(",")}`)).toEqual(["warning emptyButFilled 12.00"]);
  });
});

describe("table-pair: a project in its 绩效目标表 and in the 项目支出 table", () => {
  const tables = (gpb: string, target: string) =>
    BUDGET_HEAD +
    "表7 一般公共预算项目支出情况表\n单位：万元\n" +
    tsv(["科目编码", "科目名称", "项目名称", "项目支出合计", "商品和服务支出"], ["201", "一般公共服务支出", "", gpb, gpb], ["2010302", "一般行政管理事务", "防范金融风险专项业务经费", gpb, gpb], ["", "合计", "", gpb, gpb]) +
    "\n\n项目支出绩效目标表\n" +
    tsv(["预算单位", "测试局", "项目名称", "防范金融风险专项业务经费"], ["项目资金（万元）", "年度资金总额：", target, "其中：财政拨款", target, "其他资金", "0"], ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "专项检查次数", "≥2次"]);
  it("valid: the project's 一般公共预算 figure within its 财政拨款", () => {
    const text = tables("35.00", "35");
    expect(pairMatches(reportOf(text)).map((m) => `${m.pairing.id}:${m.a.cell.key}`)).toContain("gpb-project-target:p:防范金融风险专项业务经费");
    expect(notInfo(text)).toEqual([]);
  });
  it("invalid: 一般公共预算 36.00 for a project whose 绩效目标表 gives 财政拨款 35", () => {
    // 36.00 ≥ 35.995 > 35.5 (35 printed whole stands for [34.5, 35.5])
    expect(notInfo(tables("36.00", "35"))).toEqual(["error [36.00@3,4 35@2,5] 35≠36.00"]);
  });
});

describe("table-pair: the 基本支出 table's “三公” economic rows within the “三公” table", () => {
  const tables = (reception: string) =>
    BUDGET_HEAD +
    "表6 一般公共预算基本支出情况表\n单位：万元\n" +
    tsv(["科目编码", "科目名称", "合计", "人员经费", "公用经费"], ["302", "商品和服务支出", "10.00", "", "10.00"], ["30201", "办公费", "8.00", "", "8.00"], ["30217", "公务接待费", reception, "", reception], ["", "合计", "10.00", "", "10.00"]) +
    "\n\n表8 一般公共预算“三公”经费支出情况表\n单位：万元\n" +
    tsv(["合  计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"], ["", "合计", "合  计", "公务用车购置费", "公务用车运行费", ""], ["2.18", "0.00", "0.00", "0.00", "0.00", "2.18"]);
  it("valid: 30217 公务接待费 2.00 within the year's 公务接待费 2.18", () => {
    expect(notInfo(tables("2.00"))).toEqual([]);
  });
  it("invalid: 30217 公务接待费 2.50 in 基本支出 alone exceeds the whole 公务接待费 2.18", () => {
    expect(notInfo(tables("2.50").replace("8.00\t\t8.00", "7.50\t\t7.50"))).toEqual(["error [2.50@4,3 2.18@3,6] 2.18≠2.50"]);
  });
});

describe("table-pair: 一般公共预算基本支出 by 经济分类 within the 一般公共预算 spending of each class (泉州's layout)", () => {
  const tables = (basic301: string) =>
    BUDGET_HEAD +
    "表8 一般公共预算支出经济分类情况表\n单位：万元\n" +
    tsv(["科目编码", "科目名称", "预算数"], ["", "合计", "100.00"], ["301", "工资福利支出", "60.00"], ["302", "商品和服务支出", "40.00"]) +
    "\n\n表9 一般公共预算基本支出经济分类情况表\n单位：万元\n" +
    tsv(["科目编码", "科目名称", "预算数"], ["", "合计", "80.00"], ["301", "工资福利支出", basic301], ["302", "商品和服务支出", (80 - Number(basic301)).toFixed(2)]);
  it("valid: 301 基本支出 55.00 ≤ 60.00, 302 25.00 ≤ 40.00", () => {
    expect(pairMatches(reportOf(tables("55.00"))).map((m) => `${m.pairing.id}:${m.a.cell.key}`)).toEqual(["basic-econ:total", "basic-econ:e:301", "basic-econ:e:302"]);
    expect(notInfo(tables("55.00"))).toEqual([]);
  });
  it("invalid: 301 基本支出 65.00 > 60.00 of all 一般公共预算 spending on 工资福利", () => {
    // and then 302: 40.00 − 15.00 = 25.00 of project money, more than the tables' 100.00 − 80.00 = 20.00 (a warning)
    expect(notInfo(tables("65.00"))).toEqual(["error [65.00@3,3 60.00@3,3] 60.00≠65.00", "warning [15.00@4,3 40.00@4,3 80.00@2,3 100.00@2,3] ≠"]);
  });
});

const SHARED = "../shared";
describe.skipIf(!existsSync(`${SHARED}/samples`))("table-pair on real reports (skipped when ../shared is absent)", () => {
  it("普陀区财政局 2024 决算: 社会保障和就业支出 326.71 in the 总表 against 326.72 in the 支出决算表 is rounding only (info)", async () => {
    const r = await checkFile(`${SHARED}/samples/上海市普陀区财政局-2024-部门决算.pdf`);
    const f = r.findings.filter((x) => x.ruleId === "table-pair");
    expect(f.filter((x) => x.severity === "error")).toEqual([]);
    expect(f.some((x) => x.severity === "info" && x.values.map((v) => v.text).join(",") === "326.71,326.72")).toBe(true);
  }, 120_000);
  it.skipIf(!existsSync(`${SHARED}/corpus`))("湖州市卫生健康委员会 2026 预算: 表01 and 表04 print different 一般公共预算 income (37018.75 / 25591.21): a warning", async () => {
    const r = await checkFile(`${SHARED}/corpus/rw__湖州__2026年湖州市卫生健康委员会部门预算.pdf`);
    const f = r.findings.filter((x) => x.ruleId === "table-pair" && x.severity !== "info");
    expect(f.map((x) => `${x.severity} ${x.values.map((v) => v.text).join(",")}`)).toEqual(["warning 37018.75,25591.21", "warning 27600.00,12600.00"]);
  }, 120_000);
});

describe("table-pair: a 项目支出表 that also lists projects the 支出总表 puts under 事业单位经营支出 (湖州's layout)", () => {
  // 湖州 交通运输局: 表10 项目支出预算表 171,462.41 against 表03 项目支出 171,262.41, whose row prints 事业单位经营支出
  // 200.00: the doubt the finding names is printed in the 支出总表's own row, so there is nothing to report
  const tables = (projects: string) =>
    BUDGET_HEAD +
    "表3 支出预算总表\n单位：万元\n" +
    tsv(["科目编码", "科目名称", "合计", "基本支出", "项目支出", "事业单位经营支出"], ["", "合计", "102.00", "50.00", "50.00", "2.00"], ["201", "一般公共服务支出", "102.00", "50.00", "50.00", "2.00"]) +
    "\n\n表10 项目支出预算表\n单位：万元\n" +
    tsv(["项目名称", "合计", "一般公共预算", "单位资金"], ["合计", projects, "50.00", "2.00"], ["甲项目", "50.00", "50.00", ""], ["经营项目", "2.00", "", "2.00"]);
  const pair = (projects: string) => run(tables(projects), "table-pair").filter((f) => f.messageId === "equal" && f.values.some((v) => v.text === projects));
  it("valid: 52.00 = 项目支出 50.00 + 事业单位经营支出 2.00", () => {
    expect(pairMatches(reportOf(tables("52.00"))).map((m) => m.pairing.id)).toContain("projects-expense");
    expect(pair("52.00")).toEqual([]);
  });
  it("a gap the row does not explain stays a warning naming the doubt", () => {
    // 53.00 − 50.00 = 3.00, the row's other money is 2.00
    const f = pair("53.00");
    expect(f.map((x) => `${x.severity} ${x.values.map((v) => v.text).join(" ")}`)).toEqual(["warning 53.00 50.00"]);
    expect(f[0]!.message).toContain("项目支出预算表有时也列由经营收入等安排");
  });
});

describe("table-pair: the 部门整体支出绩效目标表's 年度预算安排 is never more than the department's budget", () => {
  // 泉州公安局 2026 预算 p52: 基本支出 52,047.74 against the 支出预算总表's 合计 row 51,691.74 (356.00 more; 资金总额 81,562.56
  // against 81,206.56 with it) — an auditor found it, gouji compared nothing of that table; 泉州政府办's 项目支出 2,285.57
  // is a part of its department's 9,269.43, which is why the relation is ≤, not =
  const tables = (basic: string, project = "29514.82") =>
    BUDGET_HEAD +
    "表3 支出预算总表\n单位：万元\n" +
    tsv(["科目编码", "科目名称", "合计", "基本支出", "项目支出"], ["", "合计", "81206.56", "51691.74", "29514.82"], ["2040201", "行政运行", "81206.56", "51691.74", "29514.82"]) +
    "\n\n部门整体支出绩效目标表\n" +
    tsv(["部门名称", "某市某局", "部门预算编码", "301"], ["年度预算安排（万元）", "资金总额", "81206.56"], ["", "项目支出", project], ["", "基本支出", basic], ["", "其他资金", "0.00"]);
  const overall = (text: string) => run(text, "table-pair").filter((f) => f.messageId === "withinWhole" && f.severity !== "info").map((f) => `${f.severity} ${f.values.map((v) => v.text).join(" ")}`);
  it("valid: the department's 51,691.74 and 29,514.82, or parts of them", () => {
    expect(pairMatches(reportOf(tables("51691.74"))).map((m) => m.pairing.id)).toEqual(expect.arrayContaining(["overall-basic", "overall-project"]));
    expect(overall(tables("51691.74"))).toEqual([]);
    expect(overall(tables("5915.38", "2285.57"))).toEqual([]);
  });
  it("invalid: 基本支出 52,047.74 > 51,691.74", () => {
    expect(overall(tables("52047.74"))).toEqual(["error 52047.74 51691.74"]);
    // its 资金总额 is the sum of the lines (perf-funds), not a second finding here; the 项目/基本 lines are no sources
    expect(run(tables("52047.74"), "perf-funds").filter((f) => f.severity !== "info")).toEqual([]);
  });
});
