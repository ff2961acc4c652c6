/**
 * Comparison words against the numbers they describe (issue 10): "与上年持平" after a printed change, and
 * 大于 / 小于 / 等于 / 高于 / 低于 / 超过 / 不足 …的 X between two figures. Valid and invalid sentences, and the real
 * instances in ../shared/corpus.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { lintText } from "./helpers.js";
import { parseDocument } from "../src/parse/index.js";
import { lintDocument } from "../src/lint.js";

const TITLE = "某市某局2026年部门预算\n";
const hits = (text: string) => lintText(TITLE + text).filter((f) => f.ruleId === "comparison-words");
const brief = (text: string) => hits(text).map((f) => `${f.severity}:${f.values.map((v) => v.text).join(",")}`);

describe("comparison-words: 持平 against the change printed with it", () => {
  it("与上年持平 with a zero change holds", () => {
    expect(hits("公务用车运行费32.00万元，比上年增加0.00万元，增长0.00%，与上年持平。")).toEqual([]);
  });

  it("与上年持平 with a non-zero change is an error citing the change", () => {
    expect(brief("公务用车运行费32.00万元，比上年增加3.00万元，增长10.34%，与上年持平。")).toEqual(["error:32.00,3.00,10.34"]);
    expect(brief("差旅费预算34.10万元，比上年减少0.50万元，与上年预算数相同。")).toEqual(["error:34.10,0.50"]);
  });

  it("a change that rounds to zero (0.00) is no proof", () => {
    expect(hits("公务接待费5.80万元，比上年增加0.00万元，与上年持平。")).toEqual([]);
  });

  it("基本持平 admits a small change; a large one is at most a warning", () => {
    expect(hits("公用经费9.86万元，比上年增加0.10万元，增长1.02%，与上年基本持平。")).toEqual([]);
    expect(brief("公用经费9.86万元，比上年增加4.36万元，增长79.27%，与上年基本持平。")).toEqual(["warning:9.86,4.36,79.27"]);
  });

  it("持平 in an explanation speaks of a part and is not read", () => {
    expect(hits("公用经费9.86万元，比上年增加4.36万元，增长79.27%，主要原因是：人员经费与上年持平，公用经费增加。")).toEqual([]);
  });

  it("持平 said of another subject in the next clause is not this change's", () => {
    expect(hits("公用经费9.86万元，比上年增加4.36万元，增长79.27%；人员经费与上年持平。")).toEqual([]);
  });
});

describe("comparison-words: two figures and the word between them", () => {
  it("低于上年的 X holds when the first figure is lower", () => {
    expect(hits("公用经费支出9.86万元，低于上年的14.22万元。")).toEqual([]);
  });

  it("低于上年的 X is an error when the first figure is higher", () => {
    expect(brief("公用经费支出19.86万元，低于上年的14.22万元。")).toEqual(["error:19.86,14.22"]);
  });

  it("大于 / 等于 without 的, and shares", () => {
    expect(brief("基本支出占20.00%，大于项目支出的80.00%。")).toEqual(["error:20.00,80.00"]);
    expect(brief("决算支出100.00万元，等于100.02万元。")).toEqual(["error:100.00,100.02"]);
    // 100.00 and 100.01 may both stand for 100.005: rounding, no proof
    expect(hits("决算支出100.00万元，等于100.01万元。")).toEqual([]);
    expect(hits("决算支出100.00万元，等于100.00万元。")).toEqual([]);
  });

  it("高于上年X万元 states a difference, a bound (不低于) is no comparison: neither is read", () => {
    expect(hits("公用经费支出19.86万元，高于上年4.36万元。")).toEqual([]);
    expect(hits("完成率95.00%，不低于目标值的98.00%。")).toEqual([]);
  });

  it("figures in different units are not compared", () => {
    expect(hits("公用经费支出19.86万元，低于上年的142200元。")).toEqual([]);
  });
});

const QUANZHOU = "../shared/corpus/rw__泉州__2026年泉州市人民政府办公室部门预算.pdf";
describe.skipIf(!existsSync(QUANZHOU))("comparison-words on a real report (skipped when ../shared/corpus is absent)", () => {
  it("泉州 政府办公室: “比上年增加0.00万元，增长0.00%，与上年持平” is read and holds", async () => {
    const buf = await readFile(QUANZHOU);
    const doc = await parseDocument(new Uint8Array(buf), QUANZHOU);
    const { report, findings } = lintDocument(doc, QUANZHOU);
    const flat = report.claims.filter((c) => c.kind === "comparison");
    expect(flat.length).toBeGreaterThanOrEqual(3);
    expect(flat.every((c) => c.kind === "comparison" && c.relation === "equal" && c.delta?.text === "0.00" && c.rate?.text === "0.00")).toBe(true);
    expect(findings.filter((f) => f.ruleId === "comparison-words")).toEqual([]);
  }, 60_000);
});
