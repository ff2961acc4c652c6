/**
 * The table layer: titles → kinds, logical tables inside one physical block, coded grids, the “三公” and performance
 * layouts, and the facts it adds (the narrative's concept ids, source "table", amounts in 万元).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../src/parse/index.js";
import { readReport } from "../src/lint.js";
import { kindOfTitle } from "../src/tables/kinds.js";
import { tableViews } from "../src/tables/view.js";
import { codeSums, summarySums, totalColumnSums, totalRowSums } from "../src/tables/structure.js";
import { valueAt } from "../src/tables/lookup.js";
import type { Fact, Report } from "../src/model/schema.js";
import { BUDGET_HEAD, FINAL_HEAD, reportOf, tsv } from "./tables-helpers.js";

const facts = (r: Report) => r.facts.filter((f) => f.source === "table").map((f: Fact) => `${f.concept}/${f.measure} ${f.label}=${f.number.text}${f.number.unit}`);

async function seed(name: string): Promise<Report> {
  const path = `fixtures/${name}`;
  return readReport(await parseDocument(new Uint8Array(readFileSync(path)), path), path);
}

describe("titles → kinds, with the aliases regions use", () => {
  it.each([
    ["收入支出决算总表", "summary"],
    ["部门收支决算总表", "summary"],
    ["表1 部门收支总体情况表", "summary"],
    ["2025年部门财务收支预算总表", "summary"],
    ["收入决算表", "income"],
    ["表2 部门收入总体情况表", "income"],
    ["2025年部门收入预算总表", "income"],
    ["支出决算表", "expense"],
    ["财政拨款收入支出决算总表", "fiscalSummary"],
    ["表4 财政拨款收支预算总体情况表", "fiscalSummary"],
    ["一般公共预算财政拨款支出决算表", "gpbExpense"],
    ["表5⏎一般公共预算支出情况表".replace("⏎", " "), "gpbExpense"],
    ["2025年部门一般公共预算支出功能分类预算表", "gpbExpense"],
    ["一般公共预算财政拨款基本支出决算表", "gpbBasic"],
    ["2025年部门一般公共预算基本支出部门预算经济分类预算表", "gpbBasic"],
    ["表7 一般公共预算项目支出情况表", "gpbProject"],
    ["财政拨款“三公”经费支出决算表", "sangong"],
    ["2025年部门“三公”经费和机关运行经费预算表", "sangong"],
    ["政府性基金预算财政拨款收入支出决算表", "govFund"],
    ["国有资本经营预算财政拨款收入支出决算表", "stateCapital"],
    ["单位整体支出绩效自评表", "perfOverall"],
    ["部门整体支出绩效自评表", "perfOverall"],
    ["项目支出绩效自评表", "perfProject"],
    ["项  目  支  出  绩  效  目  标  表", "perfTarget"],
    ["一、《收入支出决算总表》", "summary"],
  ])("%s → %s", (title, kind) => {
    expect(kindOfTitle(title)).toBe(kind);
  });
  it("a sentence is not a title", () => {
    expect(kindOfTitle("政府性基金预算支出情况表为空表，本单位没有使用政府性基金预算拨款安排的支出。")).toBeUndefined();
  });
});

describe("coded grids", () => {
  const text =
    BUDGET_HEAD +
    "表5 一般公共预算支出情况表\n单位：万元\n" +
    tsv(
      ["功能分类科目编码", "功能分类科目名称", "合计", "基本支出", "项目支出"],
      ["类", "款", "项"],
      ["201", "", "", "一般公共服务支出", "202.74", "152.74", "50.00"],
      ["201", "03", "", "政府办公厅（室）及相关机构事务", "202.74", "152.74", "50.00"],
      ["201", "03", "02", "一般行政管理事务", "50.00", "", "50.00"],
      ["201", "03", "50", "事业运行", "152.74", "152.74", ""],
      ["", "", "", "合  计", "202.74", "152.74", "50"],
    );
  it("aligns a header that lost its merged cells on its 科目名称 column", () => {
    const v = tableViews(reportOf(text))[0]!;
    expect(v.kind).toBe("gpbExpense");
    expect(v.grid!.columns[0]!.map((c) => `${c.leaf}:${c.role}`)).toEqual(["合计:total", "基本支出:basic", "项目支出:project"]);
    expect(v.grid!.rows.map((r) => `${r.code ?? "-"} ${r.label}`)).toEqual(["201 一般公共服务支出", "20103 政府办公厅（室）及相关机构事务", "2010302 一般行政管理事务", "2010350 事业运行", "- 合计"]);
  });
  it("states 类 = Σ款 = Σ项, 合计 row = Σ类 and 合计 = 基本 + 项目 as sums", () => {
    const v = tableViews(reportOf(text))[0]!;
    const show = (s: ReturnType<typeof codeSums>[number]) => `${s.total.label}=${s.total.number?.text} ${s.parts.map((p) => p.number?.text ?? "∅").join("+")}`;
    expect(codeSums(v).filter((s) => s.along === "合计").map(show)).toEqual(["201 一般公共服务支出=202.74 202.74", "20103 政府办公厅（室）及相关机构事务=202.74 50.00+152.74"]);
    expect(totalRowSums(v).map(show)).toEqual(["合计=202.74 202.74", "合计=152.74 152.74", "合计=50 50.00"]);
    expect(totalColumnSums(v).map((s) => `${s.along}: ${show(s)}`)[2]).toBe("2010302 一般行政管理事务: 合计=50.00 ∅+50.00");
  });
  it("answers value at (row, column): by code, label or concept, and column role or header", () => {
    const v = tableViews(reportOf(text))[0]!;
    expect([valueAt(v, "2010350", "basic")?.text, valueAt(v, "合计", "项目支出")?.text, valueAt(v, "201")?.text, valueAt(v, "2010302", "basic")]).toEqual(["152.74", "50", "202.74", undefined]);
  });
  it("adds the 类 and 项 (by name path and by code) and the 合计 row as facts, labelled like the narrative's", () => {
    expect(facts(reportOf(text))).toEqual([
      "gpb.expense/actual 一般公共预算财政拨款支出=202.74万元",
      "gpb.basic/actual 一般公共预算财政拨款基本支出=152.74万元",
      "gpb.project/actual 一般公共预算财政拨款项目支出=50万元",
      "gpb.class/actual 一般公共服务支出=202.74万元",
      "gpb.code/actual 2010302=50.00万元",
      "gpb.item/actual 一般公共服务支出/政府办公厅（室）及相关机构事务/一般行政管理事务=50.00万元",
      "gpb.code/actual 2010350=152.74万元",
      "gpb.item/actual 一般公共服务支出/政府办公厅（室）及相关机构事务/事业运行=152.74万元",
    ]);
  });
  it("reads a code and its name in one cell, and two lists side by side", () => {
    const r = reportOf(
      FINAL_HEAD +
        "一般公共预算财政拨款基本支出决算表\n单位：万元\n" +
        tsv(
          ["科目编码", "", "科目名称", "决算数", "科目编码", "", "科目名称", "决算数"],
          ["301", "", "工资福利支出", "2,082.85", "302", "", "商品和服务支出", "171.07"],
          ["301", "01", "基本工资", "262.33", "302", "01", "办公费", "21.21"],
          ["", "", "人员经费合计", "2,152.26", "", "", "公用经费合计", "184.65"],
        ),
    );
    const v = tableViews(r)[0]!;
    expect(v.grid!.sides.map((s) => [s.codeCols, s.labelCols, s.valueCols])).toEqual([
      [[1, 2], [3], [4]],
      [[5, 6], [7], [8]],
    ]);
    expect(facts(r)).toEqual(["gpb.basic.personnel/actual 人员经费=2,152.26万元", "gpb.basic.public/actual 公用经费=184.65万元"]);
  });
});

describe("总表 sides", () => {
  const text =
    BUDGET_HEAD +
    "表1\n部门收支总体情况表\n单位：万元\n" +
    tsv(
      ["收入", "", "支出"],
      ["项目", "预算数", "功能分类", "预算数"],
      ["财政拨款（补助）", "255.68", "201 一般公共服务支出", "202.74"],
      ["一般公共预算", "255.68", "208 社会保障和就业支出", "52.94"],
      ["政府性基金预算", "", "210 卫生健康支出", ""],
      ["事业收入", "", "", ""],
      ["收入总计", "255.68", "支出总计", "255.68"],
    );
  it("keeps the fund split of 财政拨款 out of the side's total", () => {
    const v = tableViews(reportOf(text))[0]!;
    const show = (s: ReturnType<typeof summarySums>[number]) => `${s.relation} ${s.total.label}=${s.parts.map((p) => `${p.label}:${p.number?.text ?? "∅"}`).join("+")}`;
    expect(summarySums(v).map(show)).toEqual([
      "fund 财政拨款（补助）=一般公共预算:255.68+政府性基金预算:∅",
      "summary 收入总计=财政拨款（补助）:255.68+事业收入:∅",
      "summary 支出总计=201 一般公共服务支出:202.74+208 社会保障和就业支出:52.94+210 卫生健康支出:∅",
    ]);
  });
  it("answers value at (row concept, column)", () => {
    const v = tableViews(reportOf(text))[0]!;
    expect([valueAt(v, "income.total")?.text, valueAt(v, "income.fiscal")?.location.table?.row]).toEqual(["255.68", 3]);
  });
  it("in a 预算 the 收入总计 is the 收支总预算", () => {
    expect(facts(reportOf(text))).toEqual([
      "income.fiscal/actual 财政拨款收入=255.68万元",
      "budget.total/actual 收支总预算=255.68万元",
      "expense.total/actual 支出总计=255.68万元",
    ]);
  });
});

describe("amounts printed in 元", () => {
  it("become 万元 facts with the same rounding interval, still citing the cell", () => {
    const r = reportOf(
      "上海市测试局2025年部门预算\n2025年部门支出预算总表\n编制部门：上海市测试局\t单位：元\n" +
        tsv(["功能分类科目编码", "功能分类科目名称", "合计", "基本支出", "项目支出"], ["", "", "", "合计", "31,214,205.80", "25,121,091.00", "6,093,114.80"]),
    );
    const f = r.facts.find((x) => x.concept === "expense.current")!;
    expect([f.number.text, f.number.unit, f.number.decimals, f.number.location.table?.row, f.number.location.table?.column]).toEqual(["3121.420580", "万元", 6, 3, 5]);
  });
});

describe("the “三公” table, read by its header words", () => {
  it("预算: 合计 因公出国 公务用车(小计 购置 运行) 公务接待", () => {
    const r = reportOf(
      BUDGET_HEAD +
        "表8 一般公共预算“三公”经费支出情况表\n单位：万元\n" +
        tsv(["合  计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"], ["", "合计", "合  计", "公务用车购置费", "公务用车运行费", ""], ["2", "0", "2", "0", "2", "0"]),
    );
    expect(tableViews(r)[0]!.sangong!.slots.map((s) => `${s.item}=${s.number?.text}`)).toEqual(["total=2", "abroad=0", "vehicle=2", "purchase=0", "operation=2", "reception=0"]);
  });
  it("Shanghai 预算: 合计 因公出国 公务接待 公务用车(小计 购置 运行) 机关运行经费", () => {
    const r = reportOf(
      "上海市测试局2025年部门预算\n2025年部门“三公”经费和机关运行经费预算表\n单位：万元\n" +
        tsv(["", "", "“三公”经费预算数"], ["合计", "因公出国(境)费", "公务接待费", "", "公务用车购置及运行费", "", "机关运行经费预算数"], ["", "", "", "小计", "购置费", "运行费", ""], ["0.95", "", "0.95", "", "", "", "229.43"]),
    );
    expect(facts(r)).toEqual(["sangong.total/actual “三公”经费合计=0.95万元", "sangong.reception/actual 公务接待费=0.95万元", "operating.expense/actual 机关运行经费=229.43万元"]);
  });
  it("决算 in two blocks: 预算数 (six) then 决算数 (six)", () => {
    const r = reportOf(
      FINAL_HEAD +
        "财政拨款“三公”经费支出决算表\n单位：万元\n" +
        tsv(
          ["预算数", "", "", "", "", "", "决算数"],
          ["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费", "合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"],
          ["", "", "小计", "购置费", "运行维护费", "", "", "", "小计", "购置费", "运行维护费", ""],
          ["5.41", "0.00", "5.36", "0.00", "5.36", "0.05", "5.41", "0.00", "5.36", "0.00", "5.36", "0.05"],
        ),
    );
    const slots = tableViews(r)[0]!.sangong!.slots;
    expect(slots.filter((s) => s.measure === "budget").map((s) => s.item)).toEqual(["total", "abroad", "vehicle", "purchase", "operation", "reception"]);
    expect(slots.filter((s) => s.measure === "actual").map((s) => s.number?.location.table?.column)).toEqual([7, 8, 9, 10, 11, 12]);
  });
});

describe("performance tables", () => {
  it("seed 000: fund rows, the merged 分值/执行率 cell, indicators and 总分", async () => {
    const views = tableViews(await seed("000_da983fdeaa8df527.txt"));
    const overall = views[0]!.perf!;
    expect(overall.funds.map((f) => `${f.label}${f.isTotal ? "*" : ""}=${f.values.budget?.text}`)).toEqual(["上级资金=0.00", "本级资金=191.80", "其他资金=7.88", "合计*=199.68"]);
    // the 执行率 "100%" printed on the 上级资金 row is the block's merged cell
    expect(overall.funds[0]!.values.rate?.text).toBe("100");
    const project = views[1]!.perf!;
    expect(project.indicators.map((i) => `${i.level2}/${i.name}:${i.weight?.text}/${i.score?.text}`)).toEqual([
      "数量指标/保障办公人员数量:15/15",
      "数量指标/参加会议培训:15/15",
      "质量指标/保障人员覆盖率:5/5",
      "时效指标/各项工作按期完成:5/0",
      "经济成本指标/工作经费:10/10",
      "经济成本指标/培训费:10/10",
      "社会效益指标/保障单位有效运转:30/26.67",
    ]);
    expect([project.totalWeight?.text, project.totalScore?.text, project.project]).toEqual(["100", "91.67", "机关运行项目补助"]);
  });
  it("seed 004: a row whose merged cells were lost makes the indicator block unreadable", async () => {
    const v = tableViews(await seed("004_51fca168845c9e65.txt"))[0]!;
    // "20⏎=15个" landed in the 分值权重 cell
    expect(v.perf!.indicatorsReadable).toBe(false);
  });
  it("the overall table's 合计 row is perf.overall (年初预算数 / 全年预算数 / 全年执行数)", async () => {
    expect(facts(await seed("003_e112f6c15a12741b.txt"))).toEqual([
      "perf.overall/initialBudget 整体支出绩效自评表资金合计=2,400.54万元",
      "perf.overall/budget 整体支出绩效自评表资金合计=2,789.38万元",
      "perf.overall/actual 整体支出绩效自评表资金合计=2,497.29万元",
    ]);
  });
});

describe("seed 002: one text block holds 表4 … 表7", () => {
  it("is split at the title rows into logical tables that keep their own titles", async () => {
    const views = tableViews(await seed("002_b4db3b08202be5bf.txt"));
    expect(views.map((v) => `${v.table.index}.${v.part} ${v.kind}${v.empty ? " (empty)" : ""}`)).toEqual([
      "1.0 summary",
      "2.0 income",
      "3.0 expense",
      "4.0 fiscalSummary",
      "4.1 gpbExpense",
      "4.2 gpbBasic",
      "4.3 gpbProject",
      "5.0 sangong",
      "6.0 govFund (empty)",
      "7.0 perfTarget",
      "8.0 perfTarget",
    ]);
    const basic = views[5]!.grid!.rows.find((r) => r.code === "30217")!;
    expect(basic.values[0]!.location.table).toEqual({ index: 4, title: "表6 一般公共预算基本支出情况表", row: 81, column: 4 });
  });
});
