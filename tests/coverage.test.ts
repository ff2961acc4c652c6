/**
 * Coverage (issue 10): every run counts the printed amounts and percentages that took part in an evaluated relation,
 * and `gouji extract FILE --uncovered` lists the rest with their class.
 */
import { describe, it, expect } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { txtBlocks } from "../src/parse/txt.js";
import { lintDocument } from "../src/lint.js";
import { uncoveredNumbers } from "../src/engine/coverage.js";
import { parseJsonRun } from "../src/report/merge.js";
import { toJsonObject } from "../src/report/formatters/json.js";
import { summarise } from "../src/report/result.js";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "gouji.js");

const REPORT = [
  "测试局2024年部门决算",
  "一、收入支出决算总体情况说明",
  "2024年度本年收入合计100.00万元，其中：财政拨款收入60.00万元，其他收入40.00万元。",
  "二、国有资产占用情况说明",
  "截至2024年12月31日，房屋价值50.00万元，车辆2辆。",
  "三、预算绩效情况说明",
  "（1）项目完成率达到95%。",
].join("\n");

function lint(text: string) {
  return lintDocument({ format: "txt", blocks: txtBlocks(text) }, "cov.txt");
}

describe("stats: printed amounts in an evaluated relation", () => {
  it("counts the amounts of a held breakdown as covered and an isolated amount as not", () => {
    const { stats } = lint(REPORT);
    // 100.00, 60.00, 40.00, 50.00 (amounts) and 95% (percent); years, dates, 2辆 and （1） are not amounts
    expect(stats.amounts).toBe(5);
    expect(stats.amountsInRelations).toBe(3);
    expect(stats.tableAmounts).toBe(0);
    expect(stats.relationsChecked).toBeGreaterThanOrEqual(1);
    expect(stats.relationsHeld).toBe(stats.relationsChecked);
  });

  it("counts a failed relation as checked but not held, its numbers still covered", () => {
    const { stats, findings } = lint(REPORT.replace("40.00万元", "50.00万元"));
    expect(findings.some((f) => f.ruleId.startsWith("breakdown-") && f.severity === "error")).toBe(true);
    expect(stats.relationsHeld).toBeLessThan(stats.relationsChecked);
    expect(stats.amountsInRelations).toBe(3);
  });

  it("a word checked against two numbers (决算数小于预算数) puts both in a relation", () => {
    const text = "测试局2024年部门决算\n一、一般公共预算财政拨款支出决算具体情况\n1、一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为20.00万元，支出决算为18.00万元。决算数小于预算数的主要原因：人员减少。";
    const { stats } = lint(text);
    expect(stats.amountsInRelations).toBe(2);
    const wrong = lint(text.replace("小于", "大于"));
    expect(wrong.findings.map((f) => `${f.ruleId}:${f.messageId}`)).toContain("budget-variance:comparison");
    expect(wrong.stats.relationsHeld).toBe(wrong.stats.relationsChecked - 1);
  });

  it("lists the uncovered numbers with their class, grouped by section", () => {
    const { report, coverage } = lint(REPORT);
    const listed = uncoveredNumbers(report, coverage).map((e) => `${e.group}|${e.number.text}${e.number.unit}|${e.cls}`);
    expect(listed).toEqual(
      expect.arrayContaining([
        "国有资产占用情况说明|50.00万元|amount",
        "国有资产占用情况说明|2024|year",
        "国有资产占用情况说明|12|date",
        "国有资产占用情况说明|2辆|quantity",
        "预算绩效情况说明|1|numbering",
        "预算绩效情况说明|95%|percent",
      ]),
    );
    expect(listed.some((l) => l.includes("60.00万元"))).toBe(false);
  });

  it("stats are in the JSON of each file and survive `gouji merge`", () => {
    const { stats, findings } = lint(REPORT);
    const file = { path: "cov.txt", format: "txt" as const, status: "ok" as const, findings, stats };
    const json = JSON.stringify(toJsonObject({ tool: { name: "gouji", version: "0" }, files: [file], summary: summarise([file]) }));
    expect(JSON.parse(json).files[0].stats).toEqual(stats);
    const back = parseJsonRun(json, "x.json");
    expect(back.ok && back.files[0]!.stats).toEqual(stats);
  });
});

describe("gouji extract --uncovered", () => {
  it("prints the coverage line and the uncovered numbers of a file, amounts first in each group", () => {
    const dir = mkdtempSync(join(tmpdir(), "gouji-cov-"));
    const file = join(dir, "r.txt");
    writeFileSync(file, REPORT);
    const out = execFileSync(process.execPath, [BIN, "extract", file, "--uncovered"], { encoding: "utf8" });
    expect(out).toContain("正文 5 个，其中 3 个参与勾稽（60.0%）");
    const section = out.slice(out.indexOf("■ 国有资产占用情况说明"));
    expect(section.indexOf("50.00万元")).toBeLessThan(section.indexOf("2辆"));
    expect(section).toMatch(/50\.00万元\s+金额/);
    const json = JSON.parse(execFileSync(process.execPath, [BIN, "extract", file, "--uncovered", "-f", "json"], { encoding: "utf8" }));
    expect(json.stats.amounts).toBe(5);
    expect(json.groups.find((g: { group: string }) => g.group === "国有资产占用情况说明").numbers[0]).toMatchObject({ text: "2024", class: "year" });
  });
});

const SHARED = join(ROOT, "..", "shared");
describe.skipIf(!existsSync(join(SHARED, "seeds")) || !existsSync(join(SHARED, "samples")))("coverage on the seeds and samples (skipped: ../shared/seeds or samples absent)", () => {
  it("at least 90 % of table amounts and 75 % of narrative amounts are in a relation, over seeds and samples", async () => {
    const { readFileSync } = await import("node:fs");
    const { parseDocument } = await import("../src/parse/index.js");
    let narrative = 0, narrativeIn = 0, table = 0, tableIn = 0;
    for (const dir of ["seeds", "samples"]) {
      for (const name of readdirSync(join(SHARED, dir)).filter((n) => /\.(txt|pdf)$/.test(n))) {
        const path = join(SHARED, dir, name);
        const { stats } = lintDocument(await parseDocument(new Uint8Array(readFileSync(path)), path), path);
        narrative += stats.amounts - stats.tableAmounts;
        narrativeIn += stats.amountsInRelations - stats.tableAmountsInRelations;
        table += stats.tableAmounts;
        tableIn += stats.tableAmountsInRelations;
      }
    }
    expect(narrativeIn / narrative).toBeGreaterThanOrEqual(0.75);
    expect(tableIn / table).toBeGreaterThanOrEqual(0.9);
  }, 60_000);
});
