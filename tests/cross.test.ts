/**
 * Checking an archive as a whole (src/cross): identity, series, and each relation between reports on small synthetic
 * series (a report and its previous year with figures set on purpose, valid and invalid), on seed 000 copied to the
 * previous year, and on the real series of ../shared (skipped, with the reason in the name, when it is absent).
 */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { txtBlocks } from "../src/parse/txt.js";
import { readReport } from "../src/lint.js";
import { parseDocument } from "../src/parse/index.js";
import { crossCheck, crossRecord, identify, type CrossDocumentResult, type CrossRecord } from "../src/cross/index.js";
import { groupSeries } from "../src/cross/series.js";

function reportOf(text: string, path: string) {
  return readReport({ format: "txt", blocks: txtBlocks(text) }, path);
}
function rec(text: string, path: string): { path: string; record: CrossRecord } {
  return { path, record: crossRecord(reportOf(text, path)) };
}
/** rule, severity and the cited values as text@file, for assertions */
function brief(r: CrossDocumentResult) {
  return r.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, path: f.path, values: f.values.map((v) => `${v.role}:${v.text}@${v.path}`) }));
}

interface Final {
  carryIn?: string;
  carryOut?: string;
  gpb?: string;
  gpbDelta?: string;
  gpbWord?: string;
  gpbRate?: string;
  initial?: string;
  sangong?: string;
  reception?: string;
  receptionRate?: string;
  item?: string;
  itemDelta?: string;
  org?: string;
  title?: string;
}

/** A small 决算 of 青山市测试局 (the figures of one year; what it says about the year before is set by the caller). */
function final(y: number, o: Final = {}): string {
  const org = o.org ?? "青山市测试局";
  return `${o.title ?? `${org}${y}年度部门决算`}
一、收入支出决算总体情况说明
${org}${y}年度收入总计120.00万元，其中：本年收入合计110.00万元，年初结转和结余${o.carryIn ?? "10.00"}万元。支出总计120.00万元，其中：本年支出合计100.00万元，年末结转和结余${o.carryOut ?? "20.00"}万元。
二、一般公共预算财政拨款支出决算情况说明
一般公共预算财政拨款支出${o.gpb ?? "100.00"}万元，与上年相比，一般公共预算财政拨款支出${o.gpbWord ?? "增加"}${o.gpbDelta ?? "10.00"}万元，增长${o.gpbRate ?? "11.11"}%。
一般公共预算财政拨款支出年初预算为${o.initial ?? "95.00"}万元，支出决算为${o.gpb ?? "100.00"}万元，完成年初预算的105.26%。
1.一般公共服务支出(类)政府办公厅（室）及相关机构事务(款)行政运行(项)支出决算数为${o.item ?? "60.00"}万元，比上年决算增加${o.itemDelta ?? "5.00"}万元，增长9.09%。
三、“三公”经费财政拨款支出决算情况说明
“三公”经费财政拨款支出${o.sangong ?? "5.00"}万元，比上年减少1.00万元，下降16.67%。公务接待费支出${o.reception ?? "2.00"}万元，比上年下降${o.receptionRate ?? "20.00"}%。
`;
}

/** A small 预算 of 青山市测试局. */
function budget(y: number, o: { gpb?: string; gpbDelta?: string; sangong?: string; priorSangong?: string; org?: string } = {}): string {
  const org = o.org ?? "青山市测试局";
  return `${org}${y}年部门预算
一、收支预算总体情况
${y}年，${org}一般公共预算拨款支出预算${o.gpb ?? "95.00"}万元，比${y - 1}年预算增加${o.gpbDelta ?? "5.00"}万元。
二、“三公”经费预算情况
${y}年“三公”经费预算数为${o.sangong ?? "6.00"}万元，与${y - 1}年预算持平。${o.priorSangong ? `公务接待费预算2.00万元，上年预算数为${o.priorSangong}万元。` : ""}
`;
}

/** 2023 and 2024 决算 that agree with each other in every relation. */
const VALID_2023 = { gpb: "90.00", initial: "90.00", sangong: "6.00", reception: "2.50", carryOut: "10.00", item: "55.00" };

describe("identity: organisation, scope, year and kind from the report's own title", () => {
  const cases: [string, string, Record<string, unknown> | string][] = [
    ["title before the year", "上海市普陀区财政局2024年度部门决算\n目录", { organisation: "上海市普陀区财政局", scope: "部门", year: 2024, kind: "决算" }],
    ["year before the title (web page)", "标题: 2015年度平潭县人民法院部门决算说明\n发布机构: 平潭县人民法院", { organisation: "平潭县人民法院", scope: "部门", year: 2015, kind: "决算" }],
    ["a title over three lines", "2026年度\n泉州市公安局\n部门预算\n目录", { organisation: "泉州市公安局", scope: "部门", year: 2026, kind: "预算" }],
    ["a region's title and the 预算主管部门 line", "上海市普陀区2025年区级部门预算\n预算主管部门：上海市普陀区财政局\n目录", { organisation: "上海市普陀区财政局", scope: "部门", year: 2025, kind: "预算" }],
    ["本级", "青山市财政局本级2024年度部门决算\n说明", { organisation: "青山市财政局本级", key: "青山市财政局", scope: "本级" }],
    ["单位", "2026年度苏州市水务局单位预算公开\n目录", { organisation: "苏州市水务局", scope: "单位" }],
    ["a template's placeholder", "上海市XX局\n2024年度部门决算\n目录", "标题「上海市XX局2024年度部门决算」中的单位名称是占位符"],
    ["no title at all", "一、收入支出决算总体情况说明\n本年收入合计110.00万元。", "开头部分没有同时写明单位名称、年度和报告类型（如“某局2024年度部门决算”）的标题"],
    ["a region is no organisation", "上海市普陀区2025年区级部门预算\n目录", "开头部分没有同时写明单位名称、年度和报告类型（如“某局2024年度部门决算”）的标题"],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => {
      const id = identify(reportOf(text, "t.txt"));
      if (typeof expected === "string") expect(id).toEqual({ ok: false, reason: expected });
      else {
        expect(id.ok).toBe(true);
        if (id.ok) expect(id.identity).toMatchObject(expected);
      }
    });
  }
});

describe("series: only surely the same organisation", () => {
  it("a 部门 and its 本级 are two series; a short name joins the one full name that extends it", () => {
    const inputs = [
      rec(final(2024), "a.txt"),
      rec(final(2024, { title: "青山市测试局本级2024年度部门决算" }), "b.txt"),
      rec(final(2023, { org: "测试区测试局", title: "测试区测试局2023年度部门决算" }), "c.txt"),
      rec(final(2024, { org: "青山市测试区测试局", title: "青山市测试区测试局2024年度部门决算" }), "d.txt"),
    ];
    const { series } = groupSeries(inputs);
    expect(series.map((s) => [s.organisation, s.scope, s.reports.map((r) => r.path)])).toEqual([
      ["青山市测试区测试局", "部门", ["c.txt", "d.txt"]],
      ["青山市测试局", "部门", ["a.txt"]],
      ["青山市测试局本级", "本级", ["b.txt"]],
    ]);
    expect(series[0]!.aliases).toEqual(["测试区测试局"]);
  });

  it("a short name that two full names extend joins neither", () => {
    const inputs = [
      rec(final(2023, { org: "测试区测试局", title: "测试区测试局2023年度部门决算" }), "c.txt"),
      rec(final(2024, { org: "青山市测试区测试局", title: "青山市测试区测试局2024年度部门决算" }), "d.txt"),
      rec(final(2024, { org: "绿水市测试区测试局", title: "绿水市测试区测试局2024年度部门决算" }), "e.txt"),
    ];
    expect(groupSeries(inputs).series.map((s) => s.reports.map((r) => r.path))).toEqual([["c.txt"], ["e.txt"], ["d.txt"]]);
  });

  it("two organisations are never compared, however alike their figures", () => {
    const r = crossCheck([rec(final(2023, { ...VALID_2023, gpb: "10.00" }), "x/2023.txt"), rec(final(2024, { org: "绿水市测试局" }), "y/2024.txt")]);
    expect(r.series.map((s) => [s.organisation, s.relationsChecked])).toEqual([["绿水市测试局", 0], ["青山市测试局", 0]]);
    expect(r.findings).toEqual([]);
  });

  it("a file that could not be read is listed among those not placed", async () => {
    const { crossForRun, crossInputOf } = await import("../src/cross/run.js");
    const failed = crossInputOf({ path: "bad.pdf", format: "pdf", status: "failed", error: { code: "corrupt-pdf", message: "…" }, findings: [] })!;
    const run = crossForRun([rec(final(2024), "a.txt"), rec(final(2023, VALID_2023), "b.txt"), failed], "warning");
    expect(run?.result.unplaced).toEqual([{ path: "bad.pdf", reason: "文件无法读取（corrupt-pdf）" }]);
    // one readable file and a failed one: nothing to compare, no section
    expect(crossForRun([rec(final(2024), "a.txt"), failed], "warning")).toBeUndefined();
  });

  it("files it cannot place are listed with the reason", () => {
    const r = crossCheck([rec(final(2024), "a.txt"), rec("上海市XX局\n2024年度部门决算\n本年收入合计1.00万元。", "tmpl.txt")]);
    expect(r.unplaced).toEqual([{ path: "tmpl.txt", reason: "标题「上海市XX局2024年度部门决算」中的单位名称是占位符" }]);
  });
});

describe("relations on a synthetic series (valid and invalid)", () => {
  it("valid: every relation between the two years and the budget holds", () => {
    const r = crossCheck([rec(final(2023, VALID_2023), "2023决算.txt"), rec(final(2024), "2024决算.txt"), rec(budget(2024), "2024预算.txt"), rec(budget(2023, { gpb: "90.00" }), "2023预算.txt")]);
    expect(brief(r)).toEqual([]);
    // 2024 决算 → 2023 决算: gpb, 类/款/项, 三公, 公务接待费 rate, carry-over; 2024 预算 → 2023 预算: gpb, 三公 持平;
    // 决算 年初预算数 → 预算 of the same year: 2023, 2024
    expect(r.series[0]).toMatchObject({ organisation: "青山市测试局", relationsChecked: 9, relationsHeld: 9 });
  });

  const cases: [string, Final, Final, { ruleId: string; severity: string; values: string[] }[]][] = [
    [
      "cross-yoy: 比上年增加 D against last year's printed figure",
      {},
      { gpbDelta: "12.00", gpbRate: "13.64" },
      [{ ruleId: "cross-yoy", severity: "error", values: ["current:100.00@2024.txt", "delta:12.00@2024.txt", "prior:90.00@2023.txt"] }],
    ],
    [
      "cross-yoy: the same 类/款/项 by name",
      { item: "50.00" },
      {},
      [{ ruleId: "cross-yoy", severity: "error", values: ["current:60.00@2024.txt", "delta:5.00@2024.txt", "prior:50.00@2023.txt"] }],
    ],
    [
      "cross-yoy: a rate stated without the change, against last year's figure",
      { reception: "2.40" },
      {},
      [{ ruleId: "cross-yoy", severity: "error", values: ["current:2.00@2024.txt", "prior:2.40@2023.txt", "rate:20.00@2024.txt"] }],
    ],
    [
      "cross-carry-over: 年初结转和结余 = last year's 年末结转和结余",
      { carryOut: "12.00" },
      {},
      [{ ruleId: "cross-carry-over", severity: "error", values: ["carryIn:10.00@2024.txt", "carryOut:12.00@2023.txt"] }],
    ],
  ];
  for (const [name, prev, cur, expected] of cases) {
    it(name, () => {
      const r = crossCheck([rec(final(2023, { ...VALID_2023, ...prev }), "2023.txt"), rec(final(2024, cur), "2024.txt")]);
      expect(brief(r).map(({ path: _p, ...rest }) => rest)).toEqual(expected);
      expect(r.findings.every((f) => f.path === "2024.txt")).toBe(true);
    });
  }

  it("a rate only a truncation explains is a warning, not an error", () => {
    // 200.00 against 255.00: −21.5686…%; printed 21.56 (cut, not rounded)
    const r = crossCheck([rec(final(2023, { ...VALID_2023, reception: "255.00" }), "2023.txt"), rec(final(2024, { reception: "200.00", receptionRate: "21.56" }), "2024.txt")]);
    expect(brief(r).map((f) => [f.ruleId, f.severity])).toEqual([["cross-yoy", "warning"]]);
  });

  it("cross-initial-budget: a 决算's 年初预算数 against that year's 预算", () => {
    const valid = crossCheck([rec(final(2024), "决算.txt"), rec(budget(2024), "预算.txt")]);
    expect(brief(valid)).toEqual([]);
    expect(valid.series[0]!.relationsChecked).toBe(1);
    // a total's 年初预算数 may include 上年结转 in some templates: a warning; a 三公 figure's may not: an error
    const sangong = (initial: string) => `${final(2024, { initial: "96.00" })}“三公”经费财政拨款支出年初预算为${initial}万元，支出决算为5.00万元。\n`;
    expect(brief(crossCheck([rec(sangong("6.00"), "决算.txt"), rec(budget(2024), "预算.txt")])).map((f) => [f.ruleId, f.severity, f.values.join(" ")])).toEqual([
      ["cross-initial-budget", "warning", "initialBudget:96.00@决算.txt budgetReport:95.00@预算.txt"],
    ]);
    expect(brief(crossCheck([rec(sangong("6.50"), "决算.txt"), rec(budget(2024), "预算.txt")])).map((f) => [f.ruleId, f.severity, f.values.join(" ")])).toEqual([
      ["cross-initial-budget", "warning", "initialBudget:96.00@决算.txt budgetReport:95.00@预算.txt"],
      ["cross-initial-budget", "error", "initialBudget:6.50@决算.txt budgetReport:6.00@预算.txt"],
    ]);
  });

  it("cross-initial-budget: the 预算数 column of a 决算's 三公 table, as a warning (年初 or adjusted, the table does not say)", () => {
    const table = (budgetTotal: string) =>
      `青山市测试局2024年度部门决算\n九、“三公”经费\n财政拨款“三公”经费支出决算表\n单位：万元\n预算数\t\t\t\t决算数\n合计\t因公出国（境）费\t公务用车购置及运行费\t公务接待费\t合计\t因公出国（境）费\t公务用车购置及运行费\t公务接待费\n${budgetTotal}\t0.00\t4.00\t2.00\t5.00\t0.00\t3.00\t2.00\n`;
    expect(crossCheck([rec(table("6.00"), "决算.txt"), rec(budget(2024), "预算.txt")]).findings).toEqual([]);
    const r = crossCheck([rec(table("6.50"), "决算.txt"), rec(budget(2024), "预算.txt")]);
    expect(brief(r).map((f) => [f.ruleId, f.severity, f.values.join(" ")])).toEqual([["cross-initial-budget", "warning", "budget:6.50@决算.txt budgetReport:6.00@预算.txt"]]);
    expect(r.findings[0]!.message).toContain("表中预算数也可能是调整后的全年预算数");
  });

  it("a 预算's 比上年决算数 against last year's 决算: a warning (the 预算 was made before that 决算 was published)", () => {
    const b = budget(2024).replace("比2023年预算增加5.00万元", "比2023年决算数增加3.00万元");
    const r = crossCheck([rec(final(2023, VALID_2023), "2023决算.txt"), rec(b, "2024预算.txt")]);
    expect(brief(r).map((f) => [f.ruleId, f.severity, f.values.join(" ")])).toEqual([["cross-yoy", "warning", "current:95.00@2024预算.txt delta:3.00@2024预算.txt prior:90.00@2023决算.txt"]]);
  });

  it("a 预算's total against last year's under another wording (with or without 上年结转) is a warning; under the same wording, an error", () => {
    const withCarry = (y: number, total: string, delta: string) => `青山市测试局${y}年部门预算\n一、收支预算总体情况\n${y}年，青山市测试局收入预算${total}万元，比上年增加${delta}万元。\n`;
    const tableOnly = `青山市测试局2023年部门预算\n一、收支预算总体情况\n本年收入合计80.00万元。\n`;
    expect(brief(crossCheck([rec(tableOnly, "2023.txt"), rec(withCarry(2024, "100.00", "5.00"), "2024.txt")])).map((f) => [f.ruleId, f.severity])).toEqual([["cross-yoy", "warning"]]);
    expect(brief(crossCheck([rec(withCarry(2023, "90.00", "1.00"), "2023.txt"), rec(withCarry(2024, "100.00", "5.00"), "2024.txt")])).map((f) => [f.ruleId, f.severity])).toEqual([["cross-yoy", "error"]]);
  });

  it("a rate after a list is not read as its last item's: 其中…公务接待费2.00万元，比上年增长8% may be the total's", () => {
    const cur = final(2024).replace("公务接待费支出2.00万元，比上年下降20.00%。", "其中：因公出国（境）费支出0.00万元，公务接待费支出2.00万元，比上年增长8.00%。");
    const r = crossCheck([rec(final(2023, VALID_2023), "2023.txt"), rec(cur, "2024.txt")]);
    expect(r.findings).toEqual([]);
  });

  it("cross-initial-budget: a 项's 年初预算数 (Shanghai's wording) against the 预算's 项 of the same name", () => {
    const jue = "青山市测试局2024年度部门决算\n（三）一般公共预算财政拨款支出决算具体情况\n1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：局本部人员经费及公用经费等的基本支出。年初预算为 1560.05 万元，支出决算为1511.89万元。 决算数小于预算数的主要原因：人员进出。\n";
    const yu = (amount: string) => `青山市测试局2024年部门预算\n四、部门预算编制说明\n财政拨款支出主要内容如下：\n1.“一般公共服务支出（类）财政事务（款）行政运行（项）”${amount}万元，主要用于局本级人员经费。\n`;
    const valid = crossCheck([rec(jue, "决算.txt"), rec(yu("1,560.05"), "预算.txt")]);
    expect([valid.findings, valid.series[0]!.relationsChecked]).toEqual([[], 1]);
    expect(brief(crossCheck([rec(jue, "决算.txt"), rec(yu("1,565.00"), "预算.txt")])).map((f) => [f.ruleId, f.severity, f.values.join(" ")])).toEqual([
      ["cross-initial-budget", "error", "initialBudget:1560.05@决算.txt budgetReport:1,565.00@预算.txt"],
    ]);
  });

  it("cross-yoy: a 类 by name", () => {
    const text = (y: number, amount: string, delta: string) =>
      `青山市测试局${y}年度部门决算\n（二）一般公共预算财政拨款支出决算结构情况\n1.一般公共服务支出(类)${amount}万元，比上年增加${delta}万元。\n2.社会保障和就业支出(类)30.00万元。\n`;
    const valid = crossCheck([rec(text(2023, "60.00", "1.00"), "2023.txt"), rec(text(2024, "65.00", "5.00"), "2024.txt")]);
    expect([valid.findings, valid.series[0]!.relationsChecked]).toEqual([[], 1]);
    expect(brief(crossCheck([rec(text(2023, "61.00", "1.00"), "2023.txt"), rec(text(2024, "65.00", "5.00"), "2024.txt")])).map((f) => [f.ruleId, f.severity, f.values.join(" ")])).toEqual([
      ["cross-yoy", "error", "current:65.00@2024.txt delta:5.00@2024.txt prior:61.00@2023.txt"],
    ]);
  });

  it("a change the report says is against a restated figure (按可比口径) is a warning", () => {
    const cur = final(2024, { gpbDelta: "12.00", gpbRate: "13.64" }).replace("与上年相比，", "按可比口径与上年相比，");
    expect(brief(crossCheck([rec(final(2023, VALID_2023), "2023.txt"), rec(cur, "2024.txt")])).map((f) => [f.ruleId, f.severity])).toEqual([["cross-yoy", "warning"]]);
  });

  it("a 预算's 比上年预算 and 与上年持平 against last year's 预算", () => {
    const valid = crossCheck([rec(budget(2023, { gpb: "90.00" }), "2023.txt"), rec(budget(2024), "2024.txt")]);
    expect(brief(valid)).toEqual([]);
    expect(valid.series[0]!.relationsChecked).toBe(2);
    const invalid = crossCheck([rec(budget(2023, { gpb: "91.00", sangong: "6.50" }), "2023.txt"), rec(budget(2024), "2024.txt")]);
    expect(brief(invalid).map((f) => [f.ruleId, f.severity, f.values.join(" ")])).toEqual([
      ["cross-yoy", "error", "current:95.00@2024.txt delta:5.00@2024.txt prior:91.00@2023.txt"],
      ["cross-yoy", "error", "current:6.00@2024.txt prior:6.50@2023.txt"],
    ]);
  });

  it("cross-prior-figure: a 预算's 上年预算数 against last year's 预算", () => {
    const last = "青山市测试局2023年部门预算\n一、“三公”经费预算情况\n2023年“三公”经费预算数为6.00万元。公务接待费预算2.00万元。\n";
    const valid = crossCheck([rec(last, "2023.txt"), rec(budget(2024, { priorSangong: "2.00" }), "2024.txt")]);
    expect(brief(valid).filter((f) => f.ruleId === "cross-prior-figure")).toEqual([]);
    const invalid = crossCheck([rec(last, "2023.txt"), rec(budget(2024, { priorSangong: "2.20" }), "2024.txt")]);
    expect(brief(invalid).filter((f) => f.ruleId === "cross-prior-figure")).toEqual([
      { ruleId: "cross-prior-figure", severity: "error", path: "2024.txt", values: ["prior:2.20@2024.txt", "printed:2.00@2023.txt"] },
    ]);
  });

  it("a 预算's 比上年预算 where only last year's 决算 is at hand: its 年初预算数, as a warning", () => {
    const r = crossCheck([rec(final(2023, { ...VALID_2023, initial: "88.00" }), "2023决算.txt"), rec(budget(2024), "2024预算.txt")]);
    expect(brief(r).map((f) => [f.ruleId, f.severity, f.values.join(" ")])).toEqual([["cross-yoy", "warning", "current:95.00@2024预算.txt delta:5.00@2024预算.txt prior:88.00@2023决算.txt"]]);
  });

  it("a 决算's 比上年 is not compared with last year's 预算 (other kind), nor with a year that is not the one before", () => {
    const otherKind = crossCheck([rec(budget(2023, { gpb: "1.00", sangong: "1.00" }), "2023预算.txt"), rec(final(2024), "2024决算.txt")]);
    expect([otherKind.findings, otherKind.series[0]!.relationsChecked]).toEqual([[], 0]);
    const gap = crossCheck([rec(final(2022, { ...VALID_2023, gpb: "1.00", carryOut: "1.00" }), "2022决算.txt"), rec(final(2024), "2024决算.txt")]);
    expect([gap.findings, gap.series[0]!.relationsChecked]).toEqual([[], 0]);
  });

  it("a fund's figure is not the department's: 一般公共预算财政拨款…本年收入 比上年 is not compared with 本年收入", () => {
    const prev = final(2023, VALID_2023);
    const cur = final(2024).replace("二、一般公共预算财政拨款支出决算情况说明", "（一）一般公共预算财政拨款年初结转结余9.96万元，本年收入50.00万元，比2023年决算数增加3.00万元，增长6.38%。\n二、一般公共预算财政拨款支出决算情况说明");
    expect(crossCheck([rec(prev, "2023.txt"), rec(cur, "2024.txt")]).findings).toEqual([]);
  });

  it("findings within one report do not change with the other reports present", async () => {
    const { lintDocument } = await import("../src/lint.js");
    const alone = lintDocument({ format: "txt", blocks: txtBlocks(final(2024)) }, "2024.txt").findings;
    const r = crossCheck([rec(final(2023, { ...VALID_2023, carryOut: "1.00" }), "2023.txt"), rec(final(2024), "2024.txt")]);
    expect(r.findings.length).toBe(1);
    expect(lintDocument({ format: "txt", blocks: txtBlocks(final(2024)) }, "2024.txt").findings).toEqual(alone);
  });
});

const SHARED = join(import.meta.dirname, "..", "..", "shared");
const SEED = join(SHARED, "seeds", "000_da983fdeaa8df527.txt");

describe.skipIf(!existsSync(SEED))("seed 000 (2024 决算) and a copy of it made the year before", () => {
  /**
   * The copy: every year one back, and the 一般行政管理事务 figure set to what 2024 says of 2023 (21.18 + 24.73 =
   * 45.91). Its other figures stay 2024's, so 2024's other changes do not match them; the test pins which.
   */
  function previousYear(amount: string, carryOut = "16.62"): string {
    const text = readFileSync(SEED, "utf8").replace(/2024/g, "YEAR").replace(/2023/g, "2022").replace(/YEAR/g, "2023");
    return text.replace(/一般行政管理事务\(项\):支出决算数为21\.18万元/, `一般行政管理事务(项):支出决算数为${amount}万元`).replace(/年末结转和结余16\.62万元/g, `年末结转和结余${carryOut}万元`);
  }
  const seed = () => ({ path: "2024.txt", record: crossRecord(reportOf(readFileSync(SEED, "utf8"), "2024.txt")) });
  const itemErrors = (r: CrossDocumentResult) => r.findings.filter((f) => f.values.some((v) => v.label?.includes("一般行政管理事务")));

  it("valid copy: the 类/款/项 the copy was made to agree on holds; the carry-over 0.87 = 0.87 holds", () => {
    const r = crossCheck([{ path: "2023.txt", record: crossRecord(reportOf(previousYear("45.91", "0.87"), "2023.txt")) }, seed()]);
    expect(itemErrors(r)).toEqual([]);
    expect(r.findings.filter((f) => f.ruleId === "cross-carry-over")).toEqual([]);
  });

  it("invalid copy: 45.19 for 45.91 and a carry-out of 16.62 are each reported, citing both files", () => {
    const r = crossCheck([{ path: "2023.txt", record: crossRecord(reportOf(previousYear("45.19"), "2023.txt")) }, seed()]);
    expect(itemErrors(r).map((f) => [f.ruleId, f.severity, f.values.map((v) => `${v.text}@${v.path}`).join(" ")])).toEqual([
      ["cross-yoy", "error", "21.18@2024.txt 24.73@2024.txt 45.19@2023.txt"],
    ]);
    expect(r.findings.filter((f) => f.ruleId === "cross-carry-over").map((f) => f.values.map((v) => `${v.text}@${v.path}`).join(" "))).toEqual(["0.87@2024.txt 16.62@2023.txt"]);
  });
});

const WEB = join(SHARED, "corpus", "web");
const PUTUO = join(SHARED, "samples");

async function recordOf(file: string): Promise<{ path: string; record: CrossRecord }> {
  const doc = await parseDocument(new Uint8Array(readFileSync(file)), file);
  return { path: file.split("/").pop()!, record: crossRecord(readReport(doc, file)) };
}

describe.skipIf(!existsSync(WEB))("the court's real series (../shared/corpus/web: 2015 决算, 2016 预算, 2016 决算)", () => {
  it("one series; the two inconsistencies the printed texts show, and nothing else", async () => {
    const files = ["pt__2015-平潭县人民法院-部门决算说明.txt", "pt__2016-平潭县人民法院-部门预算说明.txt", "pt__2016-平潭县人民法院-部门决算说明.txt"];
    const r = crossCheck(await Promise.all(files.map((f) => recordOf(join(WEB, f)))));
    expect(r.unplaced).toEqual([]);
    expect(r.series.map((s) => [s.organisation, s.scope, s.reports.map((x) => `${x.year}${x.kind}`)])).toEqual([["平潭县人民法院", "部门", ["2015决算", "2016预算", "2016决算"]]]);
    // Judged by reading the texts (each is one line 10 of its page text):
    // 1. 2016 决算: "2016年公共财政拨款支出2209.99万元，比2015年决算数增加281.94万元" puts 2015 at 1928.05; the 2015 决算
    //    prints "2015年公共财政拨款支出1408.68万元" (its own 基本支出 figure). The two reports contradict each other.
    // 2. 2016 决算: "公务用车运行费46.08万元 … 与2015年相比 … 公务用车运行费下降0.38 %"; the 2015 决算 prints
    //    "公务用车运行费47.92万元": 46.08 ÷ 47.92 − 1 = −3.84 %, not −0.38 %.
    // Held: 本年支出 2210 − 281.95 = 1928.05 (2015: 1928.05); 年初结转和结余 100.56 = 2015's 年末 100.56; “三公”经费
    // 57.23 vs 53.56: 增长6.9% (6.85 %); 公务接待费 4.75 vs 3.37: 增长40.95%. The 2016 预算 copies the 决算's 三公 text;
    // it has no 2015 预算 to be compared with, and is never compared with a 决算's figures.
    expect(brief(r).map((f) => [f.ruleId, f.severity, f.path, f.values.join(" ")])).toEqual([
      ["cross-yoy", "error", "pt__2016-平潭县人民法院-部门决算说明.txt", "current:2209.99@pt__2016-平潭县人民法院-部门决算说明.txt delta:281.94@pt__2016-平潭县人民法院-部门决算说明.txt prior:1408.68@pt__2015-平潭县人民法院-部门决算说明.txt"],
      ["cross-yoy", "error", "pt__2016-平潭县人民法院-部门决算说明.txt", "current:46.08@pt__2016-平潭县人民法院-部门决算说明.txt prior:47.92@pt__2015-平潭县人民法院-部门决算说明.txt rate:0.38@pt__2016-平潭县人民法院-部门决算说明.txt"],
    ]);
    expect(r.series[0]).toMatchObject({ relationsChecked: 6, relationsHeld: 4 });
  });
});

describe.skipIf(!existsSync(join(PUTUO, "上海市普陀区财政局-2025-部门预算.pdf")))("the district finance bureau's real 2024 决算 and 2025 预算 (../shared/samples)", () => {
  it("one series; the 2025 预算's 2024 budget against the 2024 决算's 年初预算数 is a warning", async () => {
    const files = ["上海市普陀区财政局-2024-部门决算.pdf", "上海市普陀区财政局-2025-部门预算.pdf", "上海-部门决算模板-2024.pdf"];
    const r = crossCheck(await Promise.all(files.map((f) => recordOf(join(PUTUO, f)))));
    expect(r.series.map((s) => [s.organisation, s.scope, s.reports.map((x) => `${x.year}${x.kind}`)])).toEqual([["上海市普陀区财政局", "部门", ["2024决算", "2025预算"]]]);
    expect(r.unplaced).toEqual([{ path: "上海-部门决算模板-2024.pdf", reason: "标题「上海市XX局2024年度部门决算」中的单位名称是占位符" }]);
    // Judged by reading the texts: 2025 预算 p.7 "一般公共预算拨款支出预算3,121.42万元，比2024年预算增加107.62万元" puts the
    // 2024 budget at 3013.80; the 2024 决算 p.21 prints "一般公共预算财政拨款支出年初预算为2993.92万元" (its eleven 项
    // add up to 2993.93). They disagree by 19.88万元 — but "2024年预算" may be the adjusted budget, so a warning.
    // Held: 2025 “三公”经费预算数0.95万元 "与2024年预算持平" and the 2024 决算's 年初预算 0.95 (p.23).
    expect(brief(r).map((f) => [f.ruleId, f.severity, f.values.join(" ")])).toEqual([
      ["cross-yoy", "warning", "current:3,121.42@上海市普陀区财政局-2025-部门预算.pdf delta:107.62@上海市普陀区财政局-2025-部门预算.pdf prior:2993.92@上海市普陀区财政局-2024-部门决算.pdf"],
    ]);
    expect(r.series[0]).toMatchObject({ relationsChecked: 2, relationsHeld: 1 });
  }, 120_000);
});

describe("gouji merge and the cross-document pass", () => {
  const fileOf = (path: string, crossFacts: unknown) => ({ path, format: "txt", status: "ok", findings: [], crossFacts });
  const runOf = (files: unknown[]) => JSON.stringify({ schemaVersion: 1, tool: { name: "gouji", version: "0" }, files });

  it("runs the pass over the records of all inputs, as one run would", async () => {
    const { mergeRuns } = await import("../src/report/merge.js");
    const a = rec(final(2023, { ...VALID_2023, carryOut: "12.00" }), "2023.txt");
    const b = rec(final(2024), "2024.txt");
    const merged = mergeRuns([
      { source: "s1.json", text: runOf([fileOf(a.path, a.record)]) },
      { source: "s2.json", text: runOf([fileOf(b.path, b.record)]) },
    ]);
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    expect(merged.run.crossDocument!.findings.map((f) => f.ruleId)).toEqual(["cross-carry-over"]);
    expect(merged.run.crossDocument).toEqual(crossCheck([a, b]));
    expect(merged.run.summary.crossDocument).toEqual({ error: 1, warning: 0, info: 0 });
  });

  it("facts that cannot be used (written by hand) leave the merge standing, with a note", async () => {
    const { mergeRuns } = await import("../src/report/merge.js");
    const broken = { facts: [{ concept: "income.carryIn", measure: "actual", label: "x", source: "table" }], statements: [], identity: { organisation: "青山市测试局", key: "青山市测试局", scope: "部门", year: 2024, kind: "决算", source: "" } };
    const other = { ...broken, facts: [{ concept: "expense.carryOut", measure: "actual", label: "y", source: "table" }], identity: { ...broken.identity, year: 2023 } };
    const merged = mergeRuns([{ source: "s.json", text: runOf([fileOf("a.txt", broken), fileOf("b.txt", other)]) }]);
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    expect(merged.run.crossDocument).toBeUndefined();
    expect(merged.note).toMatch(/^跨文件核对所需的数据无法使用/);
  });
});

describe("the cross-document section of the text and HTML outputs", () => {
  it("escapes every text of a document in HTML and prints places with their files in text", async () => {
    const { crossHtml, crossText } = await import("../src/cross/render.js");
    const { highlightSnippet } = await import("../src/report/formatters/html.js");
    const evil = "<script>alert(1)</script>";
    const cross: CrossDocumentResult = {
      series: [{ organisation: `青山市${evil}局`, scope: "部门", reports: [{ path: `a${evil}.txt`, year: 2024, kind: "决算" }], relationsChecked: 1, relationsHeld: 0 }],
      unplaced: [{ path: `b${evil}.txt`, reason: "开头部分没有写明是预算还是决算" }],
      findings: [{
        ruleId: "cross-carry-over", severity: "error", message: `年初结转和结余${evil}`, path: `a${evil}.txt`, location: { line: 3, snippet: `年初结转和结余10.00万元${evil}` },
        values: [{ path: `a${evil}.txt`, text: "10.00", value: "10.00", unit: "万元", role: "carryIn", location: { line: 3, snippet: `年初结转和结余10.00万元${evil}` } }],
        organisation: `青山市${evil}局`,
      }],
    };
    const html = crossHtml(cross, highlightSnippet);
    expect(html).not.toContain("<script>");
    expect(html).toContain("<mark>10.00</mark>");
    const text = crossText(cross, { level: (_s, t) => t, bold: (t) => t, dim: (t) => t });
    expect(text).toContain(`位置：a${evil}.txt 第3行`);
    expect(text).toContain(`10.00万元（a${evil}.txt 第3行）`);
    expect(text).toContain(`b${evil}.txt：开头部分没有写明是预算还是决算`);
  });
});
