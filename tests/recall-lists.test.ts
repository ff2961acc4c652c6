/**
 * Lists of parts the narrative opens with 包括 right after a total, or with "其中：" at the start of the paragraph after
 * the total's (a PDF line break), issue 10. Valid and invalid, and the real instances in ../shared/corpus.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { txtBlocks } from "../src/parse/txt.js";
import { lintDocument } from "../src/lint.js";
import { parseDocument } from "../src/parse/index.js";
import type { Report } from "../src/model/schema.js";

const TITLE = "某市某局2026年部门预算\n一、收入预算情况说明\n";
const lint = (text: string) => lintDocument({ format: "txt", blocks: txtBlocks(TITLE + text) }, "t.txt");
const breakdowns = (r: Report) => r.claims.flatMap((c) => (c.kind === "breakdown" ? [`${c.relation} ${c.total.text}: ${c.parts.map((p) => p.number.text).join("+")}`] : []));
const errors = (text: string) => lint(text).findings.filter((f) => f.severity === "error").map((f) => `${f.ruleId}:${f.values.map((v) => v.text).join(",")}`);

describe("包括 right after a total opens its parts", () => {
  it("收入预算合计X万元，包括本年收入A万元，上年结转结余B万元", () => {
    const { report } = lint("某局2026年收入预算合计4,651.67万元，包括本年收入4,651.67万元，上年结转结余0万元。\n");
    expect(breakdowns(report)).toEqual(["subset 4,651.67: 4,651.67+0"]);
    expect(errors("某局2026年收入预算合计4,651.67万元，包括本年收入4,651.67万元，上年结转结余0万元。\n")).toEqual([]);
  });

  it("parts that exceed the total are an error", () => {
    expect(errors("某局2026年收入预算合计4,651.67万元，包括本年收入4,661.67万元，上年结转结余0万元。\n")).toEqual(["breakdown-subset:4,651.67,4,661.67,0"]);
  });

  it("“支出包括：” after another subject's figure names its own subject: no list of that figure", () => {
    const { report } = lint("收入包括政府性基金当年拨款收入139963.40万元；支出包括：一般公共服务支出0.64万元、交通运输支出106247.07万元。\n");
    expect(breakdowns(report)).toEqual([]);
  });
});

describe("“其中：” opening the paragraph after the total's", () => {
  const text = (share: string) =>
    "2026年部门收入预算201286.11万元，比上年执行数增加81487.86万元，增长68.02%。\n" +
    `其中：一般公共预算拨款收入52244.36万元，占${share}%；政府性基金收入139963.40万元，占69.5%。\n`;
  it("takes the previous paragraph's one amount as the total of its parts and shares", () => {
    const { report } = lint(text("26.0"));
    expect(breakdowns(report)).toEqual(["subset 201286.11: 52244.36+139963.40"]);
    expect(report.claims.filter((c) => c.kind === "share").map((c) => (c.kind === "share" ? c.whole?.text : ""))).toEqual(["201286.11", "201286.11"]);
    expect(errors(text("26.0"))).toEqual([]);
  });

  it("a share that does not fit that total is an error", () => {
    expect(errors(text("36.0"))).toEqual(["share-of-total:52244.36,201286.11,36.0"]);
  });

  it("a previous paragraph with two amounts names no total", () => {
    const { report } = lint("收入预算201286.11万元，支出预算201286.11万元。\n其中：一般公共预算拨款收入52244.36万元，占26.0%。\n");
    expect(breakdowns(report)).toEqual([]);
  });
});

const HUZHOU = "../shared/corpus/rw__湖州__2026年湖州市交通运输局部门预算.pdf";
describe.skipIf(!existsSync(HUZHOU))("real document (skipped when ../shared/corpus is absent)", () => {
  it("湖州 交通运输局: the sources listed under the 收入预算 paragraph are its parts, their shares hold", async () => {
    const doc = await parseDocument(new Uint8Array(await readFile(HUZHOU)), HUZHOU);
    const { report, findings } = lintDocument(doc, HUZHOU);
    // the shares add up to 100 %: the list is complete
    expect(breakdowns(report)).toContain("sum 201286.11: 52244.36+139963.40+432.00+200.00+8446.35");
    expect(findings.filter((f) => f.ruleId === "share-of-total" || f.ruleId === "breakdown-subset").filter((f) => f.severity === "error")).toEqual([]);
  }, 60_000);
});

describe("a 项 named by its code in the 一般公共预算 section, against the table's row of that code (泉州)", () => {
  const doc = (narrative: string) =>
    "某市某局2026年部门预算\n二、一般公共预算拨款支出情况\n" +
    narrative +
    "\n2026年度一般公共预算拨款支出预算表\n单位：万元\n" +
    ["科目编码\t科目名称\t小计\t基本支出\t项目支出", "\t合计\t34576.51\t34148.58\t427.93", "2040101\t武装警察部队\t427.93\t0.00\t427.93", "2040201\t行政运行\t34148.58\t34148.58\t0.00"].join("\n") +
    "\n";
  const run = (narrative: string) => lintDocument({ format: "txt", blocks: txtBlocks(doc(narrative)) }, "t.txt");
  it("the same figure holds", () => {
    const { report, findings } = run("（一）2040101-武装警察部队427.93万元。主要用于武警支队装备购置支出。\n（二）2040201-行政运行34148.58万元。主要用于人员经费。");
    expect(report.facts.filter((f) => f.concept === "gpb.code").map((f) => `${f.source} ${f.label}=${f.number.text}`)).toEqual([
      "narrative 2040101=427.93",
      "narrative 2040201=34148.58",
      "table 2040101=427.93",
      "table 2040201=34148.58",
    ]);
    expect(findings.filter((f) => f.ruleId === "same-figure" && f.severity !== "info")).toEqual([]);
  });
  it("a different figure is an error citing both", () => {
    const { findings } = run("（二）2040201-行政运行34184.58万元。主要用于人员经费。");
    expect(findings.filter((f) => f.ruleId === "same-figure" && f.severity === "error").map((f) => f.values.map((v) => v.text).join(","))).toEqual(["34148.58,34184.58"]);
  });
  it("a code outside the 一般公共预算 section, or not at the item's start, states nothing", () => {
    const { report } = lintDocument({ format: "txt", blocks: txtBlocks("某市某局2026年部门预算\n一、支出预算总表说明\n（二）2040201-行政运行34323.58万元。\n") }, "t.txt");
    expect(report.facts.filter((f) => f.concept === "gpb.code")).toEqual([]);
  });
});

const QUANZHOU_POLICE = "../shared/corpus/rw__泉州__2026年泉州市公安局部门预算.pdf";
describe.skipIf(!existsSync(QUANZHOU_POLICE))("泉州 公安局 (skipped when ../shared/corpus is absent)", () => {
  it("each 项 the narrative names by code is the table's figure of that code", async () => {
    const doc = await parseDocument(new Uint8Array(await readFile(QUANZHOU_POLICE)), QUANZHOU_POLICE);
    const { report, findings } = lintDocument(doc, QUANZHOU_POLICE);
    const narrative = report.facts.filter((f) => f.concept === "gpb.code" && f.source === "narrative");
    expect(narrative.length).toBeGreaterThanOrEqual(10);
    expect(narrative.find((f) => f.label === "2040201")?.number.text).toBe("34148.58");
    expect(findings.filter((f) => f.ruleId === "same-figure" && f.severity !== "info")).toEqual([]);
  }, 60_000);
});
