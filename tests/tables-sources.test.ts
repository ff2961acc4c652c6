/**
 * Tables that were read but took part in no relation (issue 10, coverage): budget tables split by fund source
 * (珠海's 部门预算基本支出预算表 / 项目支出及其他支出预算表), 苏州's 政府采购支出表 (by category, unit and item, continued
 * on a page without a header), tables whose title carries a bracketed qualifier or whose codes stand in brackets
 * (珠海 表5「一般公共预算支出情况表（按功能分类科目）」, "[201]一般公共服务支出"), and a 支出预算总表 that lists 项 only (泉州).
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../src/parse/index.js";
import { readReport } from "../src/lint.js";
import { checkFile } from "../src/runner.js";
import { kindOfTitle } from "../src/tables/kinds.js";
import { tableViews } from "../src/tables/view.js";
import { fundColumnSums, procurementRowSums, subtotalColumnSums, totalColumnSums, totalRowSums, type TableSum } from "../src/tables/structure.js";
import { sumFinding } from "../src/tables/checks.js";
import { BUDGET_HEAD, brief, reportOf, run, tsv } from "./tables-helpers.js";

const show = (s: TableSum) => `${s.along}: ${s.total.label}=${s.total.number?.text} ${s.parts.map((p) => p.number?.text ?? "∅").join("+")}`;

const basicBySource = (merchants: string) =>
  BUDGET_HEAD +
  "表11 部门预算基本支出预算表\n单位：万元\n" +
  tsv(
    ["支出项目类别（资金使用单位）", "总计", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户拨款", "其他资金"],
    ["合计", "100.00", "98.00", "90.00", "8.00", "0.00", "0.00", "2.00"],
    ["测试局", "100.00", "98.00", "90.00", "8.00", "0.00", "0.00", "2.00"],
    ["工资和福利支出", merchants, "58.00", "50.00", "8.00", "0.00", "0.00", "2.00"],
    ["商品和服务支出", "40.00", "40.00", "40.00", "0.00", "0.00", "0.00", "0.00"],
  );

describe("fund columns: 总计 = 财政拨款合计 + 财政专户 + 其他资金; 财政拨款合计 = 一般公共预算 + 政府性基金 + 国有资本经营", () => {
  it("states both sums for every row", () => {
    const v = tableViews(reportOf(basicBySource("60.00")))[0]!;
    expect(v.kind).toBe("gpbBasic");
    expect(fundColumnSums(v).map(show)).toEqual([
      "合计: 合计=98.00 90.00+8.00+0.00",
      "测试局: 合计=98.00 90.00+8.00+0.00",
      "工资和福利支出: 合计=58.00 50.00+8.00+0.00",
      "商品和服务支出: 合计=40.00 40.00+0.00+0.00",
      "合计: 总计=100.00 98.00+0.00+2.00",
      "测试局: 总计=100.00 98.00+0.00+2.00",
      "工资和福利支出: 总计=60.00 58.00+0.00+2.00",
      "商品和服务支出: 总计=40.00 40.00+0.00+0.00",
    ]);
    expect(run(basicBySource("60.00"), "table-total").filter((f) => f.severity !== "info")).toEqual([]);
  });

  it("a 总计 that is not the sum of its sources is an error at its cell", () => {
    expect(run(basicBySource("61.00"), "table-total").map(brief)).toEqual(["error [61.00@4,2 58.00@4,3 0.00@4,7 2.00@4,8] 60.00≠61.00"]);
  });

  it("the 总计 states the 基本支出 of all funds; the 一般公共预算 column (with last year's money carried over) states none", () => {
    const facts = reportOf(basicBySource("60.00")).facts.filter((f) => f.source === "table").map((f) => `${f.concept}=${f.number.text}`);
    expect(facts).toEqual(["expense.basic=100.00"]);
  });

  it("a column whose role is unknown leaves the 总计 unchecked (the 财政拨款 part still holds)", () => {
    const text =
      BUDGET_HEAD +
      "表11 部门预算基本支出预算表\n单位：万元\n" +
      tsv(
        ["支出项目类别", "总计", "合计", "一般公共预算", "政府性基金预算", "备注金额"],
        ["合计", "100.00", "98.00", "90.00", "8.00", "2.00"],
      );
    expect(fundColumnSums(tableViews(reportOf(text))[0]!).map(show)).toEqual(["合计: 合计=98.00 90.00+8.00"]);
  });
});

const procurement = (service: string) =>
  BUDGET_HEAD +
  "公开13表 政府采购支出表\n单位：万元\n" +
  tsv(
    ["采购品目大类", "专项名称", "经济科目", "采购品目名称", "采购组织形式", "一般公共预算资金", "政府性基金", "其他资金", "上年结转和结余资金", "总计"],
    ["合计", "", "", "", "", "188.50", "", "", "", "188.50"],
    ["货物", "", "", "", "", "5.50", "", "", "", "5.50"],
    ["测试局", "", "", "", "", "5.50", "", "", "", "5.50"],
    ["", "定额", "办公费", "复印纸", "集中采购", "1.30", "", "", "", "1.30"],
    ["", "设备购置", "办公设备购置", "便携式计算机", "集中采购", "4.20", "", "", "", "4.20"],
    ["服务", "", "", "", "", "183.00", "", "", "", "183.00"],
    ["测试局", "", "", "", "", "183.00", "", "", "", "183.00"],
    ["", "物业管理费", "物业管理费", "物业管理服务", "分散采购", service, "", "", "", service],
    ["", "区域重点项目协审经费", "委托业务费", "审计服务", "分散采购", "170.00", "", "", "", "170.00"],
  );

const incomeBySource = (gpb: string) =>
  BUDGET_HEAD +
  "2026年市级部门收入预算总表\n单位：万元\n" +
  tsv(
    ["", "", "", "", "本年收入", "", "", "", "上年结转结余", "", ""],
    ["单位名称", "总计", "小计", "一般公共预算", "政府性基金预算", "事业收入", "其他收入", "小计", "一般公共预算", "专户资金结转结余", "单位资金结转结余"],
    ["合计", "120.00", "100.00", gpb, "20.00", "", "", "20.00", "15.00", "", "5.00"],
  );

describe("subtotal columns: 小计 = Σ the sources after it; 总计 = Σ 小计 (湖州's 收入预算总表)", () => {
  it("states each group and the whole", () => {
    const v = tableViews(reportOf(incomeBySource("80.00")))[0]!;
    expect(v.kind).toBe("income");
    expect(subtotalColumnSums(v).map(show)).toEqual([
      "合计: 本年收入小计=100.00 80.00+20.00+∅+∅",
      "合计: 上年结转结余小计=20.00 15.00+∅+5.00",
      "合计: 总计=120.00 100.00+20.00",
    ]);
    expect(run(incomeBySource("80.00"), "table-total").filter((f) => f.severity !== "info")).toEqual([]);
  });

  it("a source that breaks its 小计 is an error", () => {
    expect(run(incomeBySource("81.00"), "table-total").map(brief)).toEqual(["error [100.00@3,3 81.00@3,4 20.00@3,5] 101.00≠100.00"]);
  });

  it("a 基本支出 小计 followed by 项目支出 is no group of sources", () => {
    const text =
      BUDGET_HEAD +
      "2026年市级部门一般公共预算支出表\n单位：万元\n" +
      tsv(["科目名称", "合计", "小计", "人员经费", "公用经费", "项目支出"], ["合计", "10.00", "6.00", "5.00", "1.00", "4.00"]);
    expect(subtotalColumnSums(tableViews(reportOf(text))[0]!)).toEqual([]);
  });
});

describe("基本支出 split into 人员经费 and 公用经费 (苏州, 湖州)", () => {
  const gpb = (personnel: string, header: string[]) =>
    BUDGET_HEAD +
    "一般公共预算支出表\n单位：万元\n" +
    tsv(header, ["", "合计", "4,651.67", "4,312.17", personnel, "395.60", "339.50"], ["201", "一般公共服务支出", "4,651.67", "4,312.17", personnel, "395.60", "339.50"]);
  const glued = ["科目编码", "科目名称", "合计", "小计", "基本支出人员经费", "公用经费", "项目支出"];

  it("a group header glued to the header under it is split: 小计 is the 基本支出, = 人员经费 + 公用经费", () => {
    const v = tableViews(reportOf(gpb("3,916.57", glued)))[0]!;
    expect(v.grid!.columns[0]!.map((c) => `${c.path}:${c.role}`)).toEqual(["合计:total", "基本支出/小计:basic", "基本支出/人员经费:personnel", "公用经费:public", "项目支出:project"]);
    expect(totalColumnSums(v).map(show)).toEqual([
      "合计: 合计=4,651.67 4,312.17+339.50",
      "201 一般公共服务支出: 合计=4,651.67 4,312.17+339.50",
      "合计: 基本支出小计=4,312.17 3,916.57+395.60",
      "201 一般公共服务支出: 基本支出小计=4,312.17 3,916.57+395.60",
    ]);
    expect(run(gpb("3,916.57", glued), "table-total").filter((f) => f.severity !== "info")).toEqual([]);
    expect(run(gpb("3,906.57", glued), "table-total").filter((f) => f.severity === "error")).toHaveLength(2);
  });

  it("without a 基本支出 column, 人员支出 and 公用经费 stand in for it in 总计", () => {
    const text =
      BUDGET_HEAD +
      "2026年市级部门支出预算总表\n单位：万元\n" +
      tsv(["科目编码", "科目名称", "总计", "基本支出人员支出", "公用经费", "项目支出", "事业单位经营支出"], ["", "合计", "100.00", "50.00", "10.00", "38.00", "2.00"]);
    expect(totalColumnSums(tableViews(reportOf(text))[0]!).map(show)).toEqual(["合计: 总计=100.00 50.00+10.00+38.00+2.00"]);
  });
});

describe("政府采购支出表 by category, unit and item (苏州)", () => {
  it("aligns its header on the label columns it stands over and states 合计 = Σ大类, 大类 = Σ单位, 单位 = Σ品目", () => {
    const v = tableViews(reportOf(procurement("13.00")))[0]!;
    expect(v.kind).toBe("procurement");
    expect(v.grid!.columns[0]!.map((c) => `${c.leaf}:${c.role}`)).toEqual(["一般公共预算资金:gpb", "政府性基金:govFund", "其他资金:other", "上年结转和结余资金:carryIn", "总计:total"]);
    const rows = procurementRowSums(v).filter((s) => s.along === "总计").map(show);
    expect(rows).toEqual(["总计: 合计=188.50 5.50+183.00", "总计: 货物=5.50 5.50", "总计: 测试局=5.50 1.30+4.20", "总计: 服务=183.00 183.00", "总计: 测试局=183.00 13.00+170.00"]);
    expect(fundColumnSums(v).map(show)[0]).toBe("合计: 总计=188.50 188.50+∅+∅+∅");
    expect(run(procurement("13.00"), "table-total").filter((f) => f.severity !== "info")).toEqual([]);
  });

  it("an item that breaks its unit's sum is an error", () => {
    const found = run(procurement("12.00"), "table-total").filter((f) => f.severity === "error").map(brief);
    expect(found).toEqual(["error [183.00@8,6 12.00@9,6 170.00@10,6] 182.00≠183.00", "error [183.00@8,10 12.00@9,10 170.00@10,10] 182.00≠183.00"]);
  });
});

describe("titles and codes as 珠海 and 苏州 print them", () => {
  it("a title with a bracketed qualifier on the line after 表N names the table", () => {
    const r = reportOf(BUDGET_HEAD + "表5\n一般公共预算支出情况表（按功能分类科目）\n单位：万元\n" + tsv(["功能科目名称", "小计", "基本支出", "项目支出"], ["合计", "10.00", "6.00", "4.00"], ["[201]一般公共服务支出", "10.00", "6.00", "4.00"], ["[20103]政府办公厅（室）及相关机构事务", "10.00", "6.00", "4.00"]));
    const v = tableViews(r)[0]!;
    expect([v.title, v.kind]).toEqual(["表5 一般公共预算支出情况表（按功能分类科目）", "gpbExpense"]);
    expect(v.grid!.rows.map((x) => `${x.code ?? "-"} ${x.label}`)).toEqual(["- 合计", "201 一般公共服务支出", "20103 政府办公厅（室）及相关机构事务"]);
  });

  it("财政拨款支出表（功能科目） is a 财政拨款 table, not the department's 支出表", () => {
    expect(kindOfTitle("财政拨款支出表（功能科目）")).toBe("fiscalExpense");
    expect(kindOfTitle("支出总表")).toBe("expense");
  });

  it("a 支出预算总表 listing 项 only: 合计 = Σ项, and 事业单位经营支出 is a part of 小计", () => {
    const text =
      BUDGET_HEAD +
      "2026年度支出预算总表\n单位：万元\n" +
      tsv(
        ["科目编码", "科目名称", "小计", "基本支出", "项目支出", "事业单位经营支出", "上缴上级支出", "对附属单位补助支出"],
        ["", "合计", "500.00", "300.00", "200.00", "0.00", "0.00", "0.00"],
        ["2040101", "武装警察部队", "100.00", "0.00", "100.00", "0.00", "0.00", "0.00"],
        ["2040201", "行政运行", "400.00", "300.00", "100.00", "0.00", "0.00", "0.00"],
      );
    const v = tableViews(reportOf(text))[0]!;
    expect(totalRowSums(v).map(show)[0]).toBe("小计: 合计=500.00 100.00+400.00");
    expect(totalColumnSums(v).map(show)[1]).toBe("2040101 武装警察部队: 小计=100.00 0.00+100.00+0.00+0.00+0.00");
  });
});

const ZHUHAI = "../shared/corpus/rw__珠海__2026年珠海市商务局部门预算.pdf";
const SUZHOU_DATA = "../shared/corpus/rw__苏州__2026年苏州市数据局部门预算.pdf";
const real = async (path: string) => readReport(await parseDocument(new Uint8Array(readFileSync(path)), path), path);
const verdicts = (sums: TableSum[]) => {
  const out = { holds: 0, other: 0 };
  for (const s of sums) {
    const f = sumFinding(s);
    if (f) out[f.check.verdict === "holds" ? "holds" : "other"]++;
  }
  return out;
};

describe.skipIf(!existsSync(ZHUHAI) || !existsSync(SUZHOU_DATA))("real documents (skipped when ../shared/corpus is absent)", () => {
  it("珠海 商务局: 表11 and 表12 add up by fund source, 表5–表7 are recognised by their titles", async () => {
    const views = tableViews(await real(ZHUHAI));
    const t11 = views.find((v) => v.title.includes("表11"))!;
    const t12 = views.find((v) => v.title.includes("表12"))!;
    expect(verdicts(fundColumnSums(t11))).toEqual({ holds: 30, other: 0 });
    // its pages 24–28 (no title; a header of their own or none) are one table with it
    expect(views.filter((v) => !v.title && [24, 25, 26, 27, 28].includes(v.table.location.page!) && v.table.index < 16).map((v) => v.table.index)).toEqual([]);
    expect(verdicts(fundColumnSums(t12)).holds).toBeGreaterThanOrEqual(130);
    expect(verdicts(fundColumnSums(t12)).other).toBe(0);
    expect(views.filter((v) => /^表[567] /.test(v.title)).map((v) => v.kind)).toEqual(["gpbExpense", "gpbBasic", "gpbProject"]);
    // 表12's cells are centred vertically and its names start indented: each wrapped name joins its figures' row,
    // whether it takes two lines around them or three with the figures on the middle one (page 22 read as
    // top-aligned gave "港口口岸物业管理费口岸日常水电耗材、清" | 253.00 and left the 0.84 row without a name)
    const named = (name: string) => t12.table.rows.find((r) => r[0]!.text === name)?.[1]?.text;
    expect(named("市特色会展产业链党委党建工作经费")).toBe("0.84");
    expect(named("港口口岸物业管理费")).toBe("253.00");
    expect(named("口岸日常水电耗材、清洁、现场设备购置、绩效评价审计等运营和管理费用")).toBe("20.20");
    expect(named("珠海市内外经贸发展专项资金（加快港珠澳大桥经贸新通道建设促进现代物流业高质量发展事项）")).toBe("1,000.00");
    // a name whose first line broke early (before "——") and so did not fill its column: bound to its row by the goal
    // beside it, whose lines the row took
    expect(named("2026高质量发展行动——租赁和商务服务业项目")).toBe("400.00");
  }, 60_000);

  it("珠海 商务局: the narrative's 重点项目 table, read whole over three pages, against 表12 by project name", async () => {
    const report = await real(ZHUHAI);
    // its 22 projects: names wrapped around centred figures, goals beside them, "预算数（单位：万元）" in the header
    const key = report.tables.filter((t) => t.rows[0]?.map((c) => c.text).join("|") === "项目|预算数（单位：万元）|绩效目标");
    const named = key.flatMap((t) => t.rows.filter((r) => r[1]?.number && r[0]!.text));
    expect(named.length).toBeGreaterThanOrEqual(21);
    expect(named.find((r) => r[0]!.text === "珠海市内外经贸发展专项资金（稳外贸事项）")?.[1]?.text).toBe("750");
    // two of them differ from 表12 in every fund: REAL in the ledger (a reviewer read both pages)
    const found = run(report, "key-project").map((f) => `${f.severity} ${f.values.map((v) => v.text).join(" ")}`);
    expect(found).toEqual(["error 7672.25 7,672.50 7,672.50", "error 175 234.48 234.48"]);
    // through the runner each place also gives the page number printed on it (the 33rd page's footer reads "- 31 -")
    const result = await checkFile(ZHUHAI);
    const first = result.findings.find((f) => f.ruleId === "key-project")!;
    expect([first.location.page, first.location.pageLabel, first.values[1]!.location.page, first.values[1]!.location.pageLabel]).toEqual([33, "31", 24, "22"]);
  }, 60_000);

  it("湖州: the “三公” tables, whose centred header cells and column numbers do not overlap the figures, are read", async () => {
    const read: string[] = [];
    for (const name of ["交通运输局", "卫生健康委员会", "财政局", "退役军人事务局"]) {
      const v = tableViews(await real(`../shared/corpus/rw__湖州__2026年湖州市${name}部门预算.pdf`)).find((x) => x.kind === "sangong");
      read.push(`${name} ${(v?.sangong?.slots ?? []).map((x) => `${x.item}=${x.number?.text ?? ""}`).join(" ")}`);
    }
    expect(read).toEqual([
      "交通运输局 total=749.83 abroad= vehicle=698.30 purchase=171.80 operation=526.50 reception=51.53",
      "卫生健康委员会 total=53.10 abroad= vehicle=38.50 purchase= operation=38.50 reception=14.60",
      "财政局 total=9.30 abroad= vehicle=3.50 purchase= operation=3.50 reception=5.80",
      "退役军人事务局 total=1.10 abroad= vehicle= purchase= operation= reception=1.10",
    ]);
  }, 60_000);

  it("湖州 卫健委: 表04's 支出总计 on the page after its parts is cited as that table's continuation, not as 表5", async () => {
    const path = "../shared/corpus/rw__湖州__2026年湖州市卫生健康委员会部门预算.pdf";
    const [f] = run(await real(path), "table-summary").filter((x) => x.severity === "error");
    const total = f!.values.find((v) => v.text === "38191.21")!;
    expect(total.location.table).toMatchObject({ index: 5, firstPart: 4, row: 7, column: 4 });
    expect(f!.values.filter((v) => v.text !== "38191.21").every((v) => v.location.table?.index === 4 && v.location.table.firstPart === undefined)).toBe(true);
  }, 60_000);

  it("苏州 数据局: the 政府采购支出表 continued on a page without a header is one table whose sums hold", async () => {
    const views = tableViews(await real(SUZHOU_DATA));
    const v = views.find((x) => x.kind === "procurement")!;
    expect(v.misread).toBeUndefined();
    const r = verdicts([...procurementRowSums(v), ...fundColumnSums(v)]);
    expect(r.other).toBe(0);
    expect(r.holds).toBeGreaterThanOrEqual(80);
  }, 60_000);
});
