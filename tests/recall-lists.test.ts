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
