/**
 * `--format xlsx`: the workbook of the frozen golden run, read back by LibreOffice (`soffice --headless --convert-to
 * csv`, every sheet) and by exceljs: the findings sheet has one row per finding with the columns auditors asked for,
 * the files sheet lists the worst file first, headers are frozen and filtered, files are hyperlinked. Skipped, with a
 * message, where soffice is missing.
 */
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { parseJsonRun } from "../src/report/merge.js";
import { formatRunBytes } from "../src/report/formatters/index.js";
import { XLSX_FILE_COLUMNS, XLSX_FINDING_COLUMNS } from "../src/report/formatters/xlsx.js";
import { summarise, type RunResult } from "../src/report/result.js";
import { fingerprint } from "../src/report/fingerprint.js";

const SOFFICE = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => existsSync(p));
if (!SOFFICE) console.warn("SKIP tests/formatters-xlsx.test.ts (LibreOffice part): soffice not found (apt-get install libreoffice-calc-nogui)");
// soffice without Calc cannot load a workbook ("source file could not be loaded"): the LibreOffice part needs it
const CALC = SOFFICE && ["/usr/lib/libreoffice/program/libsclo.so"].some((p) => existsSync(p));
if (SOFFICE && !CALC) console.warn("SKIP tests/formatters-xlsx.test.ts (LibreOffice part): LibreOffice Calc is not installed (apt-get install libreoffice-calc-nogui)");

function goldenRun(): RunResult {
  const parsed = parseJsonRun(readFileSync(new URL("./golden/run.json", import.meta.url), "utf8"), "run.json");
  if (!parsed.ok) throw new Error(parsed.message);
  return { tool: parsed.tool, files: parsed.files, summary: summarise(parsed.files) };
}

/** RFC 4180 records (LibreOffice writes LF line ends and quotes fields with commas, quotes or line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field), rows.push(row), (row = []), (field = "");
    } else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

describe("xlsx", () => {
  const run = goldenRun();
  const findings = run.files.flatMap((f) => f.findings.map((x) => ({ f, x })));

  it("writes frozen, filtered sheets with hyperlinks to the files (read back with exceljs)", async () => {
    const bytes = await formatRunBytes("xlsx", run);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["问题", "文件", "汇总"]);
    const ws = wb.getWorksheet("问题")!;
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const failed = run.files.filter((f) => f.status === "failed").length;
    expect(ws.autoFilter).toBe(`A1:${String.fromCharCode(64 + XLSX_FINDING_COLUMNS.length)}${findings.length + failed + 1}`);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(XLSX_FINDING_COLUMNS.map(([, h]) => h));
    const cell = ws.getCell(2, 1);
    expect(cell.hyperlink).toBe(run.files.find((f) => f.findings.length)!.path);
    // exceljs reads a column of the default width (9) back without one
    for (let c = 1; c <= XLSX_FINDING_COLUMNS.length; c++) expect(ws.getColumn(c).width ?? 9).toBeGreaterThanOrEqual(8);
    const files = wb.getWorksheet("文件")!;
    expect(files.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(files.autoFilter).toBeTruthy();
  });

  it.skipIf(!CALC)("opens in LibreOffice: every finding a row with file, organisation, year, kind, place, rule, level, group, suggestion, message, cited values and id", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gouji-xlsx-"));
    writeFileSync(join(dir, "run.xlsx"), await formatRunBytes("xlsx", run));
    // the last filter token (-1) writes every sheet to its own csv: run-问题.csv, run-文件.csv, run-汇总.csv
    execFileSync(SOFFICE!, ["--headless", `-env:UserInstallation=file://${join(dir, "profile")}`, "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", dir, join(dir, "run.xlsx")], { stdio: "ignore", timeout: 120_000 });
    const sheets = readdirSync(dir).filter((f) => f.endsWith(".csv"));
    const read = (name: string) => parseCsv(readFileSync(join(dir, sheets.find((s) => s.includes(name))!), "utf8").replace(/^\uFEFF/, ""));
    const rows = read("问题");
    expect(rows[0]).toEqual(XLSX_FINDING_COLUMNS.map(([, h]) => h));
    const failed = run.files.filter((f) => f.status === "failed").length;
    expect(rows.length - 1).toBe(findings.length + failed);
    const col = (key: (typeof XLSX_FINDING_COLUMNS)[number][0]) => XLSX_FINDING_COLUMNS.findIndex(([k]) => k === key);
    for (const [k, { f, x }] of findings.entries()) {
      const r = rows[k + 1]!;
      expect(r[col("file")]).toBe(f.path);
      expect(r[col("rule")]).toBe(x.ruleId);
      expect(r[col("message")]).toBe(x.message);
      expect(r[col("id")]).toBe(x.id ?? fingerprint(x, f.path));
      for (const v of x.values) expect(r[col("values")]).toContain(v.text);
      if (f.organisation) expect(r[col("organisation")]).toBe(f.organisation);
      if (f.year) expect(r[col("year")]).toBe(String(f.year));
    }
    // the 205.68 group: its suggestion and group id on both of its findings
    const g = rows.filter((r) => r[col("suggestion")]!.includes("“205.68”有误：改为255.68万元"));
    expect(g).toHaveLength(2);
    expect(new Set(g.map((r) => r[col("group")]))).toEqual(new Set([g[0]![col("group")]]));
    expect(rows.find((r) => r[col("level")] === "无法读取")?.[col("rule")]).toBe("corrupt-docx");
    const files = read("文件");
    expect(files[0]).toEqual(XLSX_FILE_COLUMNS.map(([, h]) => h));
    const worst = [...run.files].sort((a, b) => b.findings.filter((x) => x.severity === "error").length - a.findings.filter((x) => x.severity === "error").length)[0]!;
    expect(files[1]![0]).toBe(worst.path);
    expect(read("汇总").some((r) => r[1] === "无法读取" && r[2] === String(failed))).toBe(true);
  }, 180_000);
});
