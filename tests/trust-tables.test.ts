/**
 * Classes of table misreading seen on real reports the project was not built on (../shared/corpus): each case is
 * the smallest table that shows the class, with its right outcome.
 */
import { describe, expect, it } from "vitest";
import { lintDocument } from "../src/lint.js";
import type { SourceBlock, SourceCell, SourceDocument } from "../src/parse/source.js";
import { txtBlocks } from "../src/parse/txt.js";
import { tableViews } from "../src/tables/view.js";
import { kindOfTitle } from "../src/tables/kinds.js";
import { BUDGET_HEAD, FINAL_HEAD, run, brief, tsv } from "./tables-helpers.js";

const errors = (doc: SourceDocument, ruleId?: string) =>
  lintDocument(doc, "x.pdf").findings.filter((f) => f.severity === "error" && (!ruleId || f.ruleId === ruleId));

/** A PDF-like document: text lines and tables on given pages. */
function pdfDoc(parts: ({ page: number; text: string } | { page: number; rows: string[][] })[]): SourceDocument {
  const blocks: SourceBlock[] = parts.map((p) =>
    "text" in p
      ? { kind: "text", text: p.text, place: { page: p.page } }
      : { kind: "table", place: { page: p.page }, rows: p.rows.map((r) => r.map((t): SourceCell => ({ text: t, place: { page: p.page } }))) },
  );
  return { format: "pdf", blocks };
}

describe("a 小计 column under 基本支出 is not the table's 合计", () => {
  // the group header "基本支出" sits over the middle of its three columns, as text exports print it
  const table = (narrative: string) =>
    BUDGET_HEAD +
    `一般公共预算支出预算情况\n2022年一般公共预算财政拨款支出${narrative}万元。\n表5 一般公共预算支出表\n单位：万元\n` +
    tsv(
      ["科目编码", "科目名称", "合计", "", "基本支出", "", "项目支出"],
      ["", "", "", "小计", "人员经费", "公用经费", ""],
      ["", "合计", "4,651.67", "4,312.17", "3,916.57", "395.60", "339.50"],
      ["201", "一般公共服务支出", "4,651.67", "4,312.17", "3,916.57", "395.60", "339.50"],
    );
  it("valid: the narrative states the 合计", () => {
    expect(run(table("4,651.67"), "same-figure").filter((f) => f.severity === "error")).toEqual([]);
  });
  it("the 小计 takes its group's role", () => {
    const rows = tableViews(lintDocument({ format: "txt", blocks: txtBlocks(table("4,651.67")) }, "x.txt", { rules: [] }).report);
    const cols = rows.find((v) => v.kind === "gpbExpense")!.grid!.columns[0]!;
    expect(cols.map((c) => c.role)).toEqual(["total", "basic", "personnel", "public", "project"]);
  });
  it("invalid: a narrative figure that is the 基本支出, not the 合计, is still caught", () => {
    const f = run(table("4,312.17"), "same-figure").filter((x) => x.severity === "error");
    expect(f.map(brief)).toEqual(["error [4,651.67@3,3 4,312.17@L4] 4651.67≠4312.17"]);
  });
});

describe("a table continued on the next page under its reprinted title", () => {
  const head = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"];
  const page5 = [head, ["", "合计", "300.00", "200.00", "100.00"], ["201", "一般公共服务支出", "120.00", "100.00", "20.00"], ["20101", "人大事务", "120.00", "100.00", "20.00"], ["2010101", "行政运行", "120.00", "100.00", "20.00"], ["208", "社会保障和就业支出", "180.00", "100.00", "80.00"], ["20805", "行政事业单位养老支出", "100.00", "100.00", ""]];
  const page6 = (last: string) => [head, ["2080505", "机关事业单位基本养老保险缴费支出", "100.00", "100.00", ""], ["20808", "抚恤", last, "", last], ["2080801", "死亡抚恤", last, "", last]];
  const doc = (last: string) =>
    pdfDoc([
      { page: 5, text: "测试局2026年部门预算" },
      { page: 5, text: "一般公共预算支出表" },
      { page: 5, rows: page5 },
      { page: 6, text: "一般公共预算支出表" },
      { page: 6, rows: page6(last) },
    ]);
  it("valid: the 合计 row holds over both pages and no page is checked on its own", () => {
    expect(errors(doc("80.00"))).toEqual([]);
    const views = tableViews(lintDocument(doc("80.00"), "x.pdf", { rules: [] }).report).filter((v) => v.kind === "gpbExpense");
    expect(views).toHaveLength(1);
    expect(views[0]!.grid!.rows.map((r) => r.code ?? r.label)).toEqual(["合计", "201", "20101", "2010101", "208", "20805", "2080505", "20808", "2080801"]);
  });
  it("invalid: a misprint on the second page is found against the first page's totals", () => {
    // 208 = 20805 + 20808: 180.00 ≠ 100.00 + 70.00 in the 合计 and 项目支出 columns, the parts read from page 6
    const f = errors(doc("70.00"));
    expect(f.map((x) => `${x.ruleId} ${x.values.map((v) => `${v.text}@p${v.location.page}`).join(" ")}`)).toEqual([
      "table-code-sum 180.00@p5 100.00@p5 70.00@p6",
      "table-code-sum 80.00@p5 70.00@p6",
    ]);
  });
  it("pages whose columns cannot be matched make the table no reference, with one notice", () => {
    const odd = [["科目编码", "科目名称", "甲", "乙", "丙", "丁"], ["2080505", "机关事业单位基本养老保险缴费支出", "100.00", "1.00", "2.00", "3.00"]];
    const d = pdfDoc([{ page: 5, text: "一般公共预算支出表" }, { page: 5, rows: page5 }, { page: 6, text: "一般公共预算支出表" }, { page: 6, rows: odd }]);
    const all = lintDocument(d, "x.pdf").findings;
    expect(all.filter((f) => f.severity === "error")).toEqual([]);
    expect(all.filter((f) => f.ruleId === "incomplete-reading").map((f) => f.message)).toEqual([expect.stringContaining("跨页续表（第6页）的列与首页无法对齐")]);
  });
});

describe("a 总表 that lists spending by name with 款 and 项 indented under their 类", () => {
  const summary = (total: string) =>
    BUDGET_HEAD +
    "表1 收支预算总表\n单位：万元\n" +
    tsv(
      ["收入", "", "支出", ""],
      ["项目", "预算数", "项目", "预算数"],
      ["一、一般公共预算拨款", "300.00", "一般公共服务支出", "120.00"],
      ["", "", "财政事务", "120.00"],
      ["", "", "行政运行", "120.00"],
      ["", "", "社会保障和就业支出", "180.00"],
      ["", "", "行政事业单位养老支出", "180.00"],
      ["本年收入合计", "300.00", "本年支出合计", total],
    );
  it("valid: only the 类 add up to 本年支出合计", () => {
    expect(run(summary("300.00"), "table-summary").filter((f) => f.severity === "error")).toEqual([]);
  });
  it("invalid: 本年支出合计 ≠ Σ 类", () => {
    const f = run(summary("310.00"), "table-summary").filter((x) => x.severity === "error");
    expect(f.map((x) => x.values.map((v) => v.text))).toEqual([["310.00", "120.00", "180.00"]]);
  });
});

describe("财政拨款收支总预算 is the 财政拨款 total, not the department's 收支总预算", () => {
  const text = (fiscal: string) =>
    "测试局2026年部门预算\n第二部分 部门预算情况说明\n一、收支预算总体情况\n2026年收支总预算50,616.94万元。\n二、财政拨款收支预算总体情况\n" +
    `2026年财政拨款收支总预算${fiscal}万元。`;
  it("valid: two different totals are not compared", () => {
    expect(run(text("18,728.91"), "same-figure").filter((f) => f.severity === "error")).toEqual([]);
  });
});

describe("a table whose own sums fail beyond any one or two misprints is no reference", () => {
  const table = (rows: string[][]) =>
    BUDGET_HEAD +
    "表5 一般公共预算支出表\n单位：万元\n" +
    tsv(["科目编码", "科目名称", "合计", "基本支出", "项目支出"], ["", "合计", "300.00", "200.00", "100.00"], ...rows);
  const good = [
    ["201", "一般公共服务支出", "120.00", "100.00", "20.00"],
    ["20101", "人大事务", "120.00", "100.00", "20.00"],
    ["2010101", "行政运行", "120.00", "100.00", "20.00"],
    ["208", "社会保障和就业支出", "180.00", "100.00", "80.00"],
    ["20805", "行政事业单位养老支出", "180.00", "100.00", "80.00"],
    ["2080505", "机关事业单位基本养老保险缴费支出", "180.00", "100.00", "80.00"],
  ];
  it("invalid: one misprinted cell is reported, every relation it breaks", () => {
    const rows = good.map((r) => (r[0] === "2080505" ? [r[0]!, r[1]!, "170.00", r[3]!, r[4]!] : r));
    const f = [...run(table(rows), "table-code-sum"), ...run(table(rows), "table-total")].filter((x) => x.severity === "error");
    expect(f.map((x) => x.values.map((v) => v.text).join(" ")).sort()).toEqual(["170.00 100.00 80.00", "180.00 170.00"]);
  });
  it("a table read one column off (every 项 shifted) gives one notice and no error", () => {
    const shifted = good.map((r) => (r[0]!.length === 7 ? [r[0]!, r[1]!, r[3]!, r[4]!, ""] : r));
    const all = lintDocument({ format: "txt", blocks: txtBlocks(table(shifted)) }, "x.txt").findings;
    expect(all.filter((x) => x.severity === "error")).toEqual([]);
    expect(all.filter((x) => x.ruleId === "incomplete-reading").map((x) => x.message)).toEqual([expect.stringMatching(/表「.*一般公共预算支出表」无法可靠读取：其自身的合计关系有\d+处不成立/)]);
  });
});

describe("行次 columns hold line numbers, not amounts", () => {
  const summary = (total: string, withHeader: boolean) =>
    FINAL_HEAD +
    "表1 收入支出决算总表\n单位：万元\n" +
    tsv(
      ["项目", withHeader ? "行次" : "", "金额", "项目", withHeader ? "行次" : "", "金额"],
      ["一、一般公共预算财政拨款收入", "1", "100.00", "一、一般公共服务支出", "31", "100.00"],
      ["本年收入合计", "6", "100.00", "本年支出合计", "36", "100.00"],
      ["收入总计", "12", total, "支出总计", "42", "100.00"],
    );
  it("valid: by their header, or by whole numbers rising beside amounts", () => {
    expect(run(summary("100.00", true), "table-summary").filter((f) => f.severity === "error")).toEqual([]);
    expect(run(summary("100.00", false), "table-summary").filter((f) => f.severity === "error")).toEqual([]);
  });
  it("invalid: the amounts are still checked", () => {
    const f = run(summary("110.00", true), "table-summary").filter((x) => x.severity === "error");
    expect(f.map((x) => x.values.map((v) => v.text).join(" ")).sort()).toEqual(["110.00 100.00", "110.00 100.00"]);
  });
});

describe("a 类 printed again at the top of a continuation is one 类", () => {
  const table = (second: string) =>
    FINAL_HEAD +
    "表5 一般公共预算财政拨款支出决算表\n单位：万元\n" +
    tsv(
      ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
      ["", "合计", "100.00", "80.00", "20.00"],
      ["201", "一般公共服务支出", "100.00", "80.00", "20.00"],
      ["20101", "人大事务", "60.00", "60.00", ""],
      ["201", "一般公共服务支出", "100.00", "80.00", "20.00"],
      ["20102", "政协事务", second, "20.00", "20.00"],
    );
  it("valid: counted once in the 合计 row and as the parent of all its 款", () => {
    const all = lintDocument({ format: "txt", blocks: txtBlocks(table("40.00")) }, "x.txt").findings;
    expect(all.filter((f) => f.severity === "error" || f.ruleId === "incomplete-reading")).toEqual([]);
  });
  it("invalid: a 款 that breaks the sum is found", () => {
    const f = [...run(table("50.00"), "table-code-sum"), ...run(table("50.00"), "table-total")].filter((x) => x.severity === "error");
    expect(f.map((x) => x.values.map((v) => v.text).join(" ")).sort()).toEqual(["100.00 60.00 50.00", "50.00 20.00 20.00"]);
  });
});

describe("table titles with their number run into the year", () => {
  it("表102026年市级部门项目支出预算表 is the 项目支出预算表, not the 支出总表", () => {
    expect(kindOfTitle("表10 2026年市级部门项目支出预算表")).toBe("projectExpense");
    expect(kindOfTitle("表032026年市级部门支出预算总表")).toBe("expense");
    expect(kindOfTitle("表12 部门预算项目支出及其他支出预算表")).toBe("projectExpense");
  });
});

describe("a PDF table whose headers stand between the columns of their figures", () => {
  // 湖州's 基本支出表 as the PDF reader rebuilds it: each header is centred over an empty column left of its figures,
  // the code stands apart from its name, a 栏次 row ("** 1 2 3") runs under the headers, and "合 计" is spread over
  // two cells in the 一般公共预算支出表
  const basic = (total: string) =>
    BUDGET_HEAD +
    "表06 一般公共预算基本支出表\n单位：万元\n" +
    tsv(
      ["", "", "经济分类科目", "", "", "本年一般公共预算基本支出", "", "", ""],
      ["科目编码", "", "科目名称", "合计", "", "人员经费", "", "公用经费", ""],
      ["**", "", "**", "1", "", "2", "", "3", ""],
      ["", "", "合计", "", total, "", "90.00", "", "10.00"],
      ["301", "", "工资福利支出", "", "90.00", "", "90.00", "", ""],
      ["30101", "", "基本工资", "", "90.00", "", "90.00", "", ""],
      ["302", "", "商品和服务支出", "", "10.00", "", "", "", "10.00"],
      ["30201", "", "办公费", "", "10.00", "", "", "", "10.00"],
    );
  it("the headers name the figure columns beside them, and the codes stay codes", () => {
    const report = lintDocument({ format: "txt", blocks: txtBlocks(basic("100.00")) }, "x.txt", { rules: [] }).report;
    const grid = tableViews(report).find((v) => v.kind === "gpbBasic")!.grid!;
    expect(grid.columns[0]!.map((c) => `${c.col}:${c.role}`)).toEqual(["5:total", "7:personnel", "9:public"]);
    expect(grid.rows.map((r) => r.code ?? "")).toEqual(["", "301", "30101", "302", "30201"]);
  });
  it("valid: 合计 = 人员经费 + 公用经费 and 类 = Σ 款 hold", () => {
    expect(run(basic("100.00"), "table-total").filter((f) => f.severity !== "info")).toEqual([]);
    expect(run(basic("100.00"), "table-code-sum").filter((f) => f.severity !== "info")).toEqual([]);
  });
  it("invalid: a 合计 that is not 人员经费 + 公用经费 is found at its cell", () => {
    // 90.00 + 10.00 = 100.00 ≠ 101.00; and Σ 类 (90.00 + 10.00) ≠ 101.00
    const found = [...run(basic("101.00"), "table-total"), ...run(basic("101.00"), "table-code-sum")].filter((f) => f.severity === "error").map(brief);
    expect(found).toContain("error [101.00@4,5 90.00@4,7 10.00@4,9] 100.00≠101.00");
  });
  it("a header word spread over two cells (合 | 计) is one header: its column is the 合计, not a subtotal", () => {
    const text =
      BUDGET_HEAD +
      "表05 一般公共预算支出表\n单位：万元\n" +
      tsv(
        ["", "", "", "", "", "基本支出", "", "", ""],
        ["科目编码", "科目名称", "合", "计", "", "", "", "", "项目支出"],
        ["", "", "", "", "小计", "人员经费", "公用经费", "", ""],
        ["", "合计", "", "120.00", "100.00", "90.00", "", "10.00", "20.00"],
        ["201", "一般公共服务支出", "", "120.00", "100.00", "90.00", "", "10.00", "20.00"],
      );
    const report = lintDocument({ format: "txt", blocks: txtBlocks(text) }, "x.txt", { rules: [] }).report;
    const cols = tableViews(report).find((v) => v.kind === "gpbExpense")!.grid!.columns[0]!;
    expect(cols.find((c) => c.col === 4)?.role).toBe("total");
    expect(cols.find((c) => c.col === 5)?.role).toBe("basic");
  });
});

describe("a title above a header of many printed lines names its table (苏州's 收入总表)", () => {
  // four lines of column names that the reader left above the table pushed the title out of reach, so the
  // 部门收入总体情况表 was reported missing although it is printed
  const doc = (title: string, between: string[], number = "公开02表") =>
    pdfDoc([
      { page: 9, text: number },
      { page: 9, text: title },
      { page: 9, text: "部门：某市某局 单位：万元" },
      ...between.map((text) => ({ page: 9, text })),
      { page: 9, rows: [["合计", "249,977.11", "242,360.10", "7,617.01"], ["某市某局", "249,977.11", "242,360.10", "7,617.01"]] },
    ]);
  const header = ["本年收入 上年结转结余", "部门代 国有资 附属单 国有资", "部门名称 合计 一般公共预 政府性基 财政专户管 事业", "码 小计 本经营 位上缴 小计"];
  const titleOf = (d: SourceDocument) => lintDocument(d, "x.pdf", { rules: [] }).report.tables[0]!.title;
  it("found four header lines up", () => {
    expect(titleOf(doc("收入总表", header))).toBe("收入总表");
    expect(kindOfTitle("收入总表")).toBe("income");
  });
  it("that far up, only a line that says 表 is taken for a title, not a heading that ends in 情况", () => {
    expect(titleOf(doc("一般公共预算支出情况", header, "（二）支出预算"))).toBe("");
    // near the table such a line is a title, as before
    expect(titleOf(doc("一般公共预算支出情况", header.slice(0, 1), "（二）支出预算"))).toBe("一般公共预算支出情况");
  });
});

describe("苏州's 一般公共预算“三公”经费、会议费、培训费支出表: “三公”经费合计 heads the total, 会议费 and 培训费 follow", () => {
  // an auditor found that none of the table's 8 amounts took part in a relation: its "“三公”经费合计" header was not
  // taken for the total, and the two columns after 公务接待费 made the row longer than the items it knew
  const doc = (total: string) =>
    pdfDoc([
      { page: 18, text: "2026年度苏州市某局部门预算公开" },
      { page: 18, text: "一般公共预算“三公”经费、会议费、培训费支出表" },
      { page: 18, text: "部门：苏州市某局 单位：万元" },
      {
        page: 18,
        rows: [
          ["“三公”经费合计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费", "会议费", "培训费"],
          ["", "", "小计", "公务用车购置费", "公务用车运行维护费", "", "", ""],
          [total, "0.00", "0.00", "0.00", "0.00", "10.00", "10.00", "43.00"],
        ],
      },
    ]);
  const sangong = (d: SourceDocument) => lintDocument(d, "x.pdf").findings.filter((f) => f.ruleId === "table-sangong" && f.severity === "error").map((f) => f.values.map((v) => v.text).join(" "));
  it("valid: 10.00 = 0.00 + 0.00 + 10.00, and the table is read", () => {
    expect(sangong(doc("10.00"))).toEqual([]);
    const view = tableViews(lintDocument(doc("10.00"), "x.pdf", { rules: [] }).report).find((v) => v.kind === "sangong")!;
    expect(view.sangong!.slots.map((s) => `${s.item}=${s.number?.text}`)).toEqual(["total=10.00", "abroad=0.00", "vehicle=0.00", "purchase=0.00", "operation=0.00", "reception=10.00"]);
  });
  it("invalid: 12.00 ≠ 0.00 + 0.00 + 10.00 (会议费 and 培训费 are no part of it)", () => {
    expect(sangong(doc("12.00"))).toEqual(["12.00 0.00 0.00 10.00"]);
  });
});

describe("a “三公” table that lists the items as rows (泉州: 项目 | 预算数)", () => {
  // an auditor found 泉州公安局's 三公 table (1700.17 = 0.00 + 16.32 + 1683.85; 1683.85 = 495.85 + 1188.00) in no relation:
  // only tables with the items as columns were read
  const doc = (total: string, purchase = "495.85") =>
    pdfDoc([
      { page: 19, text: "2026年度一般公共预算“三公”经费支出预算表" },
      { page: 19, text: "单位：万元" },
      {
        page: 19,
        rows: [["项目", "预算数"], ["合计", total], ["1、因公出国（境）费用", "0.00"], ["2、公务接待费", "16.32"], ["3、公务用车购置及运行费", "1683.85"], ["其中：（1）公务用车购置费", purchase], ["（2）公务用车运行费", "1188.00"]],
      },
    ]);
  const sangong = (d: SourceDocument) => lintDocument(d, "x.pdf").findings.filter((f) => f.ruleId === "table-sangong" && f.severity === "error").map((f) => f.values.map((v) => v.text).join(" "));
  it("valid: the rows are the items, and they add up", () => {
    const view = tableViews(lintDocument(doc("1700.17"), "x.pdf", { rules: [] }).report).find((v) => v.kind === "sangong")!;
    expect(view.sangong!.slots.map((s) => `${s.item}=${s.number?.text}`)).toEqual(["total=1700.17", "abroad=0.00", "reception=16.32", "vehicle=1683.85", "purchase=495.85", "operation=1188.00"]);
    expect(sangong(doc("1700.17"))).toEqual([]);
  });
  it("invalid: a total or a vehicle split that does not add up", () => {
    expect(sangong(doc("1710.17"))).toEqual(["1710.17 0.00 1683.85 16.32"]);
    expect(sangong(doc("1700.17", "485.85"))).toEqual(["1683.85 485.85 1188.00"]);
  });
});
