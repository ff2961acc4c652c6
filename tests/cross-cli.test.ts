/**
 * The cross-document pass end to end: `gouji check` over a folder prints the series it formed and the findings between
 * reports in every format, and `gouji merge` over `--shard` results made with `--facts` gives the same crossDocument
 * as one run (map-reduce). On the court's real series (../shared/corpus/web), skipped when it is absent.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { execFile, execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import ExcelJS from "exceljs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin", "gouji.js");
const WEB = join(ROOT, "..", "shared", "corpus", "web");

function gouji(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 99) : 0, stdout, stderr });
    });
  });
}

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist", "src", "cross", "check.js"))) execFileSync("npx", ["tsc", "-p", "."], { cwd: ROOT, stdio: "inherit" });
}, 120_000);

describe.skipIf(!existsSync(WEB))("gouji check and merge on the court's real series (../shared/corpus/web)", () => {
  it("text, JSON, CSV, SARIF, JUnit, HTML and xlsx carry the series and the two cross-document errors; shards merged = one run", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gouji-cross-"));
    for (const f of readdirSync(WEB)) copyFileSync(join(WEB, f), join(dir, f));

    const text = await gouji(["check", "."], dir);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("跨文件核对：1 个系列，0 个文件未归入系列");
    expect(text.stdout).toContain("平潭县人民法院（部门）：3 份报告，核对跨文件关系 6 条，成立 4 条");
    expect(text.stdout).toContain("2015年决算  pt__2015-平潭县人民法院-部门决算说明.txt");
    expect(text.stdout).toContain("公务用车运行费：本年46.08万元，2015年决算（pt__2015-平潭县人民法院-部门决算说明.txt）所列数为47.92万元，应为下降3.84%，报告写下降0.38%");
    expect(text.stdout).toMatch(/跨文件：错误 2 条，警告 0 条，提示 0 条/);

    const one = JSON.parse((await gouji(["check", ".", "-f", "json", "--fail-on", "never"], dir)).stdout);
    expect(one.summary.crossDocument).toEqual({ error: 2, warning: 0, info: 0 });
    expect(one.crossDocument.findings.map((f: { ruleId: string; values: { path: string; text: string }[] }) => [f.ruleId, f.values.map((v) => `${v.text}@${v.path}`).join(" ")])).toEqual([
      ["cross-yoy", "2209.99@pt__2016-平潭县人民法院-部门决算说明.txt 281.94@pt__2016-平潭县人民法院-部门决算说明.txt 1408.68@pt__2015-平潭县人民法院-部门决算说明.txt"],
      ["cross-yoy", "46.08@pt__2016-平潭县人民法院-部门决算说明.txt 47.92@pt__2015-平潭县人民法院-部门决算说明.txt 0.38@pt__2016-平潭县人民法院-部门决算说明.txt"],
    ]);
    // plain JSON stays small: the facts only with --facts
    expect(one.files.some((f: Record<string, unknown>) => "crossFacts" in f)).toBe(false);

    // each shard sees one or two files; their facts let the merge make the pass over all three
    // (the glob names the three reports: a folder scan would also list the first shard's s1.json as skipped)
    for (const i of [1, 2]) expect((await gouji(["check", "*.txt", "-f", "json", "--facts", "--shard", `${i}/2`, "-o", `s${i}.json`, "--fail-on", "never"], dir)).code).toBe(0);
    const merged = await gouji(["merge", "s1.json", "s2.json", "--fail-on", "never"], dir);
    const m = JSON.parse(merged.stdout);
    expect(m.crossDocument).toEqual(one.crossDocument);
    expect(m.summary).toEqual(one.summary);
    // without the facts the merge says why it cannot make the pass
    for (const i of [1, 2]) await gouji(["check", ".", "-f", "json", "--shard", `${i}/2`, "-o", `p${i}.json`, "--fail-on", "never"], dir);
    const plain = await gouji(["merge", "p1.json", "p2.json", "--fail-on", "never"], dir);
    expect(JSON.parse(plain.stdout).crossDocument).toBeUndefined();
    expect(plain.stderr).toContain("没有跨文件核对所需的数据");

    const csv = (await gouji(["merge", "s1.json", "s2.json", "-f", "csv", "--fail-on", "never"], dir)).stdout;
    expect(csv.split("\r\n").filter((l) => l.includes("cross-yoy")).length).toBe(2);
    const sarif = JSON.parse((await gouji(["merge", "s1.json", "s2.json", "-f", "sarif", "--fail-on", "never"], dir)).stdout);
    const ajv = new Ajv.default({ strict: false, unicodeRegExp: false });
    addFormats.default(ajv);
    expect(ajv.compile(JSON.parse(readFileSync(join(ROOT, "tests/schemas/sarif-2.1.0-rtm.5.json"), "utf8")))(sarif)).toBe(true);
    const crossResults = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === "cross-yoy");
    expect(crossResults.length).toBe(2);
    expect(crossResults[0].relatedLocations.map((l: { physicalLocation: { artifactLocation: { uri: string } } }) => decodeURIComponent(l.physicalLocation.artifactLocation.uri))).toEqual([
      "pt__2016-平潭县人民法院-部门决算说明.txt",
      "pt__2016-平潭县人民法院-部门决算说明.txt",
      "pt__2015-平潭县人民法院-部门决算说明.txt",
    ]);
    const junit = (await gouji(["merge", "s1.json", "s2.json", "-f", "junit", "--fail-on", "never"], dir)).stdout;
    expect(junit).toContain(`<testsuite name="跨文件核对" tests="1" failures="1"`);
    // the workbook: each cross-document finding a row of the 问题 sheet, its place marked 跨文件
    expect((await gouji(["merge", "s1.json", "s2.json", "-o", "cross.xlsx", "--fail-on", "never"], dir)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(dir, "cross.xlsx")) as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.getWorksheet("问题")!.eachRow((r, n) => n > 1 && rows.push((r.values as unknown[]).slice(1).map((v) => (typeof v === "object" && v && "text" in v ? String((v as { text: string }).text) : String(v ?? "")))));
    const crossRows = rows.filter((r) => r[5] === "cross-yoy");
    expect(crossRows.map((r) => [r[0], r[4].startsWith("跨文件："), r[6], r[7]])).toEqual([
      ["pt__2016-平潭县人民法院-部门决算说明.txt", true, "跨年增减", "错误"],
      ["pt__2016-平潭县人民法院-部门决算说明.txt", true, "跨年增减", "错误"],
    ]);
    expect(crossRows[0]![10]).toContain("pt__2015-平潭县人民法院-部门决算说明.txt");
    const html = (await gouji(["merge", "s1.json", "s2.json", "-f", "html", "--fail-on", "never"], dir)).stdout;
    expect(html).toContain(`<section id="cross">`);
    expect(html).toContain("平潭县人民法院（部门）");
    expect(html.match(/<code>cross-yoy<\/code>/g)?.length).toBe(2);
    // the merged result fails as the run did: the cross-document errors count
    expect((await gouji(["merge", "s1.json", "s2.json"], dir)).code).toBe(1);

    // a baseline records the cross-document findings too: adopted, the archive passes; a new one fails again
    expect((await gouji(["check", ".", "--write-baseline", "base.json"], dir)).code).toBe(0);
    const base = JSON.parse(readFileSync(join(dir, "base.json"), "utf8"));
    expect(base.findings.filter((e: { ruleId: string }) => e.ruleId === "cross-yoy").length).toBe(2);
    const adopted = await gouji(["check", ".", "--baseline", "base.json", "-f", "json"], dir);
    expect(JSON.parse(adopted.stdout).crossDocument.findings).toEqual([]);
    expect(adopted.code).toBe(0);
  }, 180_000);

  it("--rule and the config's rules set a cross-document rule like any other: off, or another level", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gouji-cross-rule-"));
    for (const f of readdirSync(WEB)) copyFileSync(join(WEB, f), join(dir, f));
    const run = async (...extra: string[]) => {
      const r = await gouji(["check", ".", "-f", "json", ...extra], dir);
      const j = JSON.parse(r.stdout);
      return { code: r.code, counts: j.summary.crossDocument, rules: j.crossDocument.findings.map((f: { ruleId: string; severity: string }) => `${f.ruleId}:${f.severity}`) };
    };
    // a report written to a file: the summary on the terminal counts the cross-document findings too
    const toFile = await gouji(["check", ".", "-o", "out.json"], dir);
    expect(toFile.stderr).toMatch(/^勾稽汇总：共 3 个文件，无法读取 0 个；错误 \d+ 条，警告 \d+ 条，提示 0 条\n(?:另有提示 \d+ 条低于显示级别，未列出（--min-level info 可显示）\n)?跨文件：错误 2 条，警告 0 条，提示 0 条\n/);
    expect(toFile.stderr.endsWith("gouji: 结果已写入 out.json\n")).toBe(true);
    const off = await run("--rule", "cross-yoy=off");
    expect(off.counts).toEqual({ error: 0, warning: 0, info: 0 });
    expect(off.rules).toEqual([]);
    // a rule set off is not run: its relations are not counted as checked either (a newcomer read "6 条，成立 4 条"
    // with no finding as two failures hidden)
    const offText = await gouji(["check", ".", "--rule", "cross-yoy=off"], dir);
    expect(offText.stdout).toContain("平潭县人民法院（部门）：3 份报告，核对跨文件关系 1 条，成立 1 条");
    const warned = await run("--rule", "cross-yoy=warning", "--fail-on", "error");
    expect(warned.rules).toEqual(["cross-yoy:warning", "cross-yoy:warning"]);
    expect(warned.counts).toEqual({ error: 0, warning: 2, info: 0 });
    // the files' own findings still fail the run (the court's 2015 and 2016 reports have errors of their own)
    expect(warned.code).toBe(1);
    // a misspelt cross rule is refused like any other
    const typo = await gouji(["check", ".", "--rule", "cross-yoz=off"], dir);
    expect([typo.code, typo.stderr]).toEqual([2, 'gouji: --rule：没有名为 "cross-yoz" 的规则；用 gouji rules 查看全部规则 id\n']);
    // the config file takes them too, and --print-config lists them with their defaults
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(dir, "gouji.config.json"), JSON.stringify({ rules: { "cross-yoy": "off" } }));
    expect((await run()).rules).toEqual([]);
    const printed = JSON.parse((await gouji(["check", ".", "--print-config"], dir)).stdout);
    expect(printed.rules["cross-yoy"]).toBe("off");
    expect(printed.rules["cross-carry-over"]).toBe("error");
  }, 180_000);
});
