/**
 * End to end: the built CLI (`node bin/gouji.js`, compiled from the current source by tests/support/build.ts) on real documents,
 * with its exit codes: formats, worker pool order, globs and excludes, shards and merge, baselines, config, init.
 */
import { describe, expect, it, vi } from "vitest";
import { execFile, execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin", "gouji.js");
const F002 = "fixtures/002_b4db3b08202be5bf.txt";
const SMALL = ["000_da983fdeaa8df527.txt", "001_f95c47898c697abf.txt", "004_51fca168845c9e65.txt"];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function gouji(args: string[], cwd = ROOT, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: "1", ...env }, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 99) : 0, stdout, stderr });
    });
  });
}

type JsonRun = { schemaVersion: number; files: ({ path: string; status: string; error?: { code: string }; findings: { ruleId: string; location: { line?: number }; values: { location: { line?: number } }[] }[] } & Record<string, unknown>)[]; summary: Record<string, unknown>; crossDocument?: unknown };
const json = (r: Run) => JSON.parse(r.stdout) as JsonRun;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "gouji-cli-"));
}

// each test starts the CLI a few times; on a busy 2-core machine that takes seconds
vi.setConfig({ testTimeout: 60_000 });

describe("formats on the fixtures", () => {
  it("sarif: valid, with unit-slip at line 1828 of 002, exit 1", async () => {
    const r = await gouji(["check", F002, "-f", "sarif", "-j", "1"]);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout);
    const ajv = new Ajv04.default({ strict: false, unicodeRegExp: false });
    ajvFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, "tests/schemas/sarif-2.1.0-rtm.5.json"), "utf8")));
    expect(validate(sarif)).toBe(true);
    const share = sarif.runs[0].results.filter((x: { ruleId: string }) => x.ruleId === "unit-slip");
    expect(share.map((x: { locations: { physicalLocation: { region: { startLine: number }; artifactLocation: { uri: string } } }[] }) => [
      x.locations[0]!.physicalLocation.artifactLocation.uri,
      x.locations[0]!.physicalLocation.region.startLine,
    ])).toContainEqual([F002, 1828]);
  });

  it("csv, junit and html from one JSON run (via merge) agree with it; check -f csv writes the BOM and the rows", async () => {
    const dir = tempDir();
    const run = await gouji(["check", F002, "-f", "json", "-o", join(dir, "run.json")]);
    expect(run.code).toBe(1);
    const findings = json({ ...run, stdout: readFileSync(join(dir, "run.json"), "utf8") }).files[0]!.findings;
    expect(findings.length).toBeGreaterThanOrEqual(5);

    const csv = (await gouji(["merge", "run.json", "-f", "csv"], dir)).stdout;
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split("\r\n").filter(Boolean);
    // no field of these findings spans lines, so records are lines here
    expect(lines.length - 1).toBe(findings.length);
    expect(lines.filter((l) => l.startsWith(`${F002},,2143,`) && l.includes(",unit-slip,计量单位,警告,"))).toHaveLength(1);

    const junit = (await gouji(["merge", "run.json", "-f", "junit"], dir)).stdout;
    const rulesHit = new Set(findings.map((f) => f.ruleId));
    const suite = /<testsuite name="fixtures\/002_b4db3b08202be5bf.txt" tests="(\d+)" failures="(\d+)" errors="0"/.exec(junit);
    expect(Number(suite?.[2])).toBe(rulesHit.size);
    expect(junit).toMatch(/<testcase classname="fixtures\/002_b4db3b08202be5bf.txt" name="allocation-sum">\n {6}<failure type="error"/);

    const html = (await gouji(["merge", "run.json", "-f", "html"], dir)).stdout;
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html.match(/<div class="f lv-(error|warning|info)"/g)).toHaveLength(findings.length);

    const direct = await gouji(["check", F002, "-f", "csv", "-o", join(dir, "out.csv")]);
    expect(direct.code).toBe(1);
    expect(direct.stdout).toBe("");
    // the report went to a file: the triage is on the terminal all the same
    expect(direct.stderr).toMatch(/^勾稽汇总：共 1 个文件，无法读取 0 个；错误 6 条，警告 1 条，提示 0 条\n另有提示 2 条低于显示级别，未列出（--min-level info 可显示）\n问题最多的文件：\n  fixtures\/002_b4db3b08202be5bf.txt  错误 6，警告 1，可指出应改数字 2 处\n按规则：/);
    expect(direct.stderr.endsWith(`gouji: 结果已写入 ${join(dir, "out.csv")}\n`)).toBe(true);
    const written = readFileSync(join(dir, "out.csv"), "utf8");
    expect(written.charCodeAt(0)).toBe(0xfeff);
    expect(written).toContain(`${F002},,2143,,8 项  目  支  出  绩  效  目  标  表,30,4,unit-slip,计量单位,警告,`);
  });
});

describe("batch", () => {
  it("gives the same output with one worker and with two, and no progress bar when stderr is not a terminal", async () => {
    const one = await gouji(["check", "fixtures", "--ignore", "docx/", "--ignore", "pdf/", "-f", "json", "-j", "1"]);
    const two = await gouji(["check", "fixtures", "--ignore", "docx/", "--ignore", "pdf/", "-f", "json", "-j", "2"]);
    expect(two.stdout).toBe(one.stdout);
    expect(json(one).files.map((f) => f.path)).toEqual([...SMALL, "002_b4db3b08202be5bf.txt", "003_e112f6c15a12741b.txt"].sort().map((f) => `fixtures/${f}`));
    expect(one.stderr).toBe("");
    expect(two.stderr).toBe("");
  });

  it("expands globs and applies --ignore and .goujiignore", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "reports", "草稿"), { recursive: true });
    mkdirSync(join(dir, "reports", "2024"), { recursive: true });
    copyFileSync(join(ROOT, "fixtures", SMALL[0]!), join(dir, "reports", "2024", "a.txt"));
    copyFileSync(join(ROOT, "fixtures", SMALL[1]!), join(dir, "reports", "2024", "b.bak.txt"));
    copyFileSync(join(ROOT, "fixtures", SMALL[2]!), join(dir, "reports", "草稿", "c.txt"));
    copyFileSync(join(ROOT, "fixtures", SMALL[2]!), join(dir, "reports", "d.txt"));
    writeFileSync(join(dir, ".goujiignore"), "# drafts\n草稿/\n");
    const r = await gouji(["check", "reports/**/*.txt", "--ignore", "*.bak.txt", "-f", "json", "--fail-on", "never"], dir);
    expect(r.code).toBe(0);
    expect(json(r).files.map((f) => f.path)).toEqual(["reports/2024/a.txt", "reports/d.txt"]);
    const none = await gouji(["check", "reports/草稿"], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^gouji: .*没有找到要检查的/);
    // a glob that leaves the current folder ("..") or is absolute; hidden folders it reaches stay out
    mkdirSync(join(dir, "reports", ".cache"));
    copyFileSync(join(ROOT, "fixtures", SMALL[0]!), join(dir, "reports", ".cache", "e.txt"));
    const up = await gouji(["check", "../../reports/**/*.txt", "--ignore", "*.bak.txt", "-f", "json", "--fail-on", "never"], join(dir, "reports", "2024"));
    expect(json(up).files.map((f) => f.path)).toEqual(["../../reports/2024/a.txt", "../../reports/d.txt"]);
    const abs = await gouji(["check", join(dir, "reports", "*.txt"), "-f", "json", "--fail-on", "never"], ROOT);
    expect(json(abs).files.map((f) => f.path)).toEqual([join(dir, "reports", "d.txt")]);
  });
});

describe("exit codes", () => {
  it("0 with --fail-on never, 1 for a file that cannot be read (an error, OUTPUT.md), 2 with one clean line for usage errors", async () => {
    expect((await gouji(["check", F002, "--fail-on", "never", "-f", "json"])).code).toBe(0);
    const dir = tempDir();
    writeFileSync(join(dir, "empty.txt"), "");
    copyFileSync(join(ROOT, "fixtures", SMALL[0]!), join(dir, "ok.txt"));
    const failed = await gouji(["check", dir, "-f", "json"]);
    expect(failed.code).toBe(1);
    expect(json(failed).files.map((f) => [f.status, f.error?.code])).toEqual([["failed", "empty-file"], ["ok", undefined]]);
    expect((await gouji(["check", dir, "-f", "json", "--fail-on", "never"])).code).toBe(0);
    for (const args of [["check", "no-such-file.txt"], ["check", F002, "--jobs", "0"], ["check", F002, "--rule", "nope=off"], ["check", F002, "--shard", "3/2"]]) {
      const r = await gouji(args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/^gouji: /);
    }
  });
});

describe("shards and merge", () => {
  it("shard 1/2 and 2/2 are disjoint and cover all files; merging them equals the unsharded run", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "in"));
    for (const [i, f] of [...SMALL, ...SMALL].entries()) copyFileSync(join(ROOT, "fixtures", f), join(dir, "in", `${i}-${f}`));
    writeFileSync(join(dir, "in", "notes.md"), "skipped by every shard, listed once after the merge\n");
    const allRun = await gouji(["check", "in", "-f", "json", "--fail-on", "never"], dir);
    // --facts: the shards carry what the cross-document pass needs, so the merge makes it as the whole run did
    const s1 = await gouji(["check", "in", "-f", "json", "--shard", "1/2", "-o", "s1.json", "--fail-on", "never", "--facts"], dir);
    const s2 = await gouji(["check", "in", "-f", "json", "--shard", "2/2", "-o", "s2.json", "--fail-on", "never", "--facts"], dir);
    expect([s1.code, s2.code]).toEqual([0, 0]);
    const p1 = json({ ...s1, stdout: readFileSync(join(dir, "s1.json"), "utf8") }).files.map((f) => f.path);
    const p2 = json({ ...s2, stdout: readFileSync(join(dir, "s2.json"), "utf8") }).files.map((f) => f.path);
    const all = json(allRun).files.map((f) => f.path);
    expect(p1.length).toBe(3);
    expect(p1.filter((p) => p2.includes(p))).toEqual([]);
    expect([...p1, ...p2].sort()).toEqual(all);
    const merged = await gouji(["merge", "s2.json", "s1.json", "--fail-on", "never"], dir);
    expect(merged.code).toBe(0);
    const withoutFacts = (files: Record<string, unknown>[]) => files.map(({ crossFacts: _facts, ...rest }) => rest);
    expect(withoutFacts(json(merged).files)).toEqual(json(allRun).files);
    expect(json(merged).summary).toEqual(json(allRun).summary);
    expect(json(merged).crossDocument).toEqual(json(allRun).crossDocument);
    expect(json(merged).summary.skipped).toBe(1);
    writeFileSync(join(dir, "v2.json"), JSON.stringify({ schemaVersion: 2, tool: { name: "gouji", version: "9" }, files: [] }));
    const refused = await gouji(["merge", "s1.json", "v2.json"], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("schemaVersion");
  });
});

describe("findings below --min-level", () => {
  it("are counted in summary.hidden and said in one line, not listed", async () => {
    const all = await gouji(["check", F002, "-f", "json", "--min-level", "info"]);
    const infos = json(all).files[0]!.findings.filter((f) => (f as { severity?: string }).severity === "info").length;
    expect(infos).toBeGreaterThan(0);
    expect(json(all).summary.hidden).toBeUndefined();
    const shown = await gouji(["check", F002, "-f", "json"]);
    expect(json(shown).summary.hidden).toEqual({ warning: 0, info: infos });
    const text = await gouji(["check", F002, "--no-progress"]);
    expect(text.stdout).toContain(`另有提示 ${infos} 条低于显示级别，未列出（--min-level info 可显示）`);
  });
});

describe("baseline", () => {
  it("suppresses unchanged findings after lines were inserted above them and reports a new one", async () => {
    const dir = tempDir();
    const original = readFileSync(join(ROOT, F002), "utf8");
    writeFileSync(join(dir, "r.txt"), original);
    const write = await gouji(["check", "r.txt", "--write-baseline", "baseline.json", "-f", "json", "--min-level", "info"], dir);
    expect(write.code).toBe(0);
    const recorded = JSON.parse(readFileSync(join(dir, "baseline.json"), "utf8"));
    // every finding is recorded, whatever its level
    expect(recorded.findings.length).toBe(json(write).files[0]!.findings.length);
    const levels = (["error", "warning", "info"] as const).map((l) => (json(write).files[0]!.findings as { severity?: string }[]).filter((f) => f.severity === l).length);
    expect(write.stderr).toBe(`gouji: 记录了 1 个文件的 ${recorded.findings.length} 条问题（错误 ${levels[0]}、警告 ${levels[1]}、提示 ${levels[2]}），已写入基线 baseline.json\n`);
    const lines = original.split("\n");
    lines.splice(10, 0, "插入的一行说明", "", "公务接待费支出0.05万元，比上年减少0.08万元，增长61.54%。");
    writeFileSync(join(dir, "r.txt"), lines.join("\n"));
    const r = await gouji(["check", "r.txt", "--baseline", "baseline.json", "-f", "json"], dir);
    expect(r.code).toBe(1);
    const fresh = json(r).files[0]!.findings;
    expect(fresh.length).toBeGreaterThan(0);
    // what is reported is what the inserted line brought in; the five recorded findings, now 3 lines lower, are not
    expect(fresh.every((f) => f.values.some((v) => v.location.line === 13))).toBe(true);
    expect(fresh.map((f) => f.ruleId)).not.toContain("same-figure");
    expect(fresh.map((f) => f.ruleId)).toContain("yoy-direction");
    expect(r.stderr).not.toContain("无一相同");
    // from the parent folder the same file is "<dir>/r.txt": the baseline's "r.txt" names none of the checked files
    const away = await gouji(["check", join(dir, "r.txt"), "--baseline", join(dir, "baseline.json"), "-f", "json"], ROOT);
    expect(away.stderr).toContain("基线记录的文件与本次检查的文件路径无一相同");
  });
});

describe("config and init", () => {
  it("applies gouji.config.json and --rule, and rejects a bad key with one Chinese line", async () => {
    const dir = tempDir();
    copyFileSync(join(ROOT, F002), join(dir, "r.txt"));
    writeFileSync(join(dir, "gouji.config.json"), JSON.stringify({ rules: { "same-figure": "off" }, format: "json" }));
    const off = await gouji(["check", "r.txt"], dir);
    const ids = json(off).files[0]!.findings.map((f) => f.ruleId);
    expect(ids).not.toContain("same-figure");
    expect(ids).toContain("unit-slip");
    const back = await gouji(["check", "r.txt", "--rule", "same-figure=warning", "--rule", "unit-slip=off", "--fail-on", "warning"], dir);
    const after = json(back).files[0]!.findings as { ruleId: string; severity?: string }[];
    expect(after.filter((f) => f.ruleId === "same-figure").map((f) => f.severity)).toEqual(["warning", "warning"]);
    expect(after.map((f) => f.ruleId)).not.toContain("unit-slip");
    expect(back.code).toBe(1);
    writeFileSync(join(dir, "gouji.config.json"), JSON.stringify({ rules: { "share-of-totl": "off" } }));
    const bad = await gouji(["check", "r.txt"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('gouji: gouji.config.json 的 rules 中没有名为 "share-of-totl" 的规则；用 gouji rules 查看全部规则 id\n');
  });

  it("init writes a starter config once and refuses to overwrite it", async () => {
    const dir = tempDir();
    const first = await gouji(["init"], dir);
    expect(first.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "gouji.config.json"), "utf8"))).toMatchObject({ failOn: "error", minLevel: "warning" });
    const second = await gouji(["init"], dir);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain("已存在");
    // the folder's own config is read, not listed among the skipped files; a stray .json still is
    copyFileSync(join(ROOT, "fixtures", SMALL[0]!), join(dir, "a.txt"));
    writeFileSync(join(dir, "notes.json"), "{}");
    const run = await gouji(["check", ".", "-f", "json", "--fail-on", "never"], dir);
    expect((JSON.parse(run.stdout) as { skipped: { path: string }[] }).skipped.map((x) => x.path)).toEqual(["notes.json"]);
  });
});

describe("the PDF reader", () => {
  const PDF = "fixtures/pdf/上海市普陀区财政局-2025-部门预算.pdf";
  it("--pdf-engine pdfium and pdfjs give the same JSON; a bad engine is a usage error; pdfEngine in the config", async () => {
    const [a, b] = await Promise.all([gouji(["check", PDF, "-f", "json", "--pdf-engine", "pdfium"]), gouji(["check", PDF, "-f", "json", "--pdf-engine", "pdfjs"])]);
    expect(a.code).toBe(1);
    expect(b.code).toBe(1);
    const files = (r: Run) => (JSON.parse(r.stdout) as { files: unknown[] }).files;
    expect(files(a)).toEqual(files(b));
    expect((files(a)[0] as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
    const bad = await gouji(["check", PDF, "--pdf-engine", "mupdf"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/pdf-engine.*mupdf/);
    const dir = mkdtempSync(join(tmpdir(), "gouji-engine-"));
    writeFileSync(join(dir, "gouji.config.json"), JSON.stringify({ pdfEngine: "pdfium-x" }));
    const badConfig = await gouji(["check", join(ROOT, PDF)], dir);
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toContain('pdfEngine 的值 "pdfium-x" 无效：应为 pdfium、pdfjs');
  });
  it("runs large PDFs one at a time from 2 MB with pdfjs, from 32 MB with PDFium (GOUJI_HEAVY_MB moves it)", async () => {
    const { heavyThreshold } = await import("../src/cli/check.js");
    vi.stubEnv("GOUJI_HEAVY_MB", undefined);
    vi.stubEnv("GOUJI_PDF_ENGINE", undefined);
    expect([heavyThreshold("pdfjs"), heavyThreshold("pdfium"), heavyThreshold(undefined)]).toEqual([2 << 20, 32 << 20, 32 << 20]);
    vi.stubEnv("GOUJI_PDF_ENGINE", "pdfjs");
    expect(heavyThreshold(undefined)).toBe(2 << 20);
    vi.stubEnv("GOUJI_HEAVY_MB", "0");
    expect(heavyThreshold("pdfium")).toBe(Infinity);
    vi.unstubAllEnvs();
  });
});

describe("a reader that stops early", () => {
  it("`gouji extract … | head` ends quietly: no EPIPE stack trace", () => {
    const err = join(mkdtempSync(join(tmpdir(), "gouji-pipe-")), "stderr.txt");
    const out = execFileSync("sh", ["-c", `"${process.execPath}" "${BIN}" extract fixtures/000_da983fdeaa8df527.txt 2>"${err}" | head -c 20; echo; cat "${err}"`], { cwd: ROOT, encoding: "utf8" });
    expect(out).toContain('"meta"');
    expect(out).not.toMatch(/EPIPE|Unhandled/);
  });
});

/** An Office 97-2003 compound file whose directory names the given stream (enough for gouji to tell what it is). */
function oleFile(stream: string): Buffer {
  const b = Buffer.alloc(2048);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b);
  Buffer.from(stream, "utf16le").copy(b, 1024);
  return b;
}

/** Terminal columns of a line (CJK and full-width characters take two). */
const columns = (line: string) => [...line].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);

describe("conventions people expect of a linter", () => {
  it("a baseline accepts a file that cannot be read: the run goes green, and a new unreadable file fails it again", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "empty.txt"), "");
    copyFileSync(join(ROOT, F002), join(dir, "r.txt"));
    expect((await gouji(["check", ".", "-f", "json"], dir)).code).toBe(1);
    const write = await gouji(["check", ".", "--write-baseline", "b.json", "-f", "json"], dir);
    expect(write.code).toBe(0);
    const entries = JSON.parse(readFileSync(join(dir, "b.json"), "utf8")).findings as { ruleId: string; path: string }[];
    expect(entries.filter((e) => e.ruleId === "file-failed").map((e) => e.path)).toEqual(["empty.txt"]);
    const findings = entries.filter((e) => e.ruleId !== "file-failed").length;
    expect(write.stderr).toMatch(new RegExp(`^gouji: 记录了 1 个文件的 ${findings} 条问题（错误 \\d+、警告 \\d+、提示 \\d+）和 1 个无法读取的文件，已写入基线 b\\.json\n$`));
    const use = await gouji(["check", ".", "--baseline", "b.json", "-f", "json"], dir);
    expect(use.code).toBe(0);
    expect(json(use).files.map((f) => f.status)).toEqual(["failed", "ok"]);
    expect(use.stderr).toBe(`gouji: 基线 b.json 隐藏了 ${findings} 条已知问题和 1 个已知无法读取的文件；新问题 0 条\n`);
    writeFileSync(join(dir, "empty2.txt"), "");
    expect((await gouji(["check", ".", "--baseline", "b.json", "-f", "json"], dir)).code).toBe(1);
  });

  it("lists and counts the files a folder scan skipped, in text, JSON and HTML", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "reports", "附件"), { recursive: true });
    copyFileSync(join(ROOT, "fixtures", SMALL[0]!), join(dir, "reports", "a.txt"));
    writeFileSync(join(dir, "reports", "预算表.xls"), oleFile("Workbook"));
    writeFileSync(join(dir, "reports", "附件", "图.jpg"), Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    writeFileSync(join(dir, "reports", "附件", "说明.md"), "# 说明\n");
    const j = await gouji(["check", "reports", "-f", "json", "--fail-on", "never"], dir);
    expect(j.code).toBe(0);
    const run = JSON.parse(j.stdout) as { files: { path: string }[]; skipped: { path: string; reason: string }[]; summary: { skipped: number } };
    expect(run.files.map((f) => f.path)).toEqual(["reports/a.txt"]);
    expect(run.skipped).toEqual([
      { path: "reports/附件/图.jpg", reason: "unsupported-format" },
      { path: "reports/附件/说明.md", reason: "unsupported-format" },
      { path: "reports/预算表.xls", reason: "unsupported-format" },
    ]);
    expect(run.summary.skipped).toBe(3);
    const text = await gouji(["check", "reports", "--fail-on", "never"], dir);
    expect(text.stdout).toContain("跳过 3 个文件：.jpg ×1，.md ×1，.xls ×1\n  reports/附件/图.jpg（不支持的格式）\n");
    const html = await gouji(["check", "reports", "-f", "html", "--fail-on", "never"], dir);
    expect(html.stdout).toContain('<details class="skipped"><summary>跳过 3 个文件：.jpg ×1，.md ×1，.xls ×1</summary>');
    expect(html.stdout).toContain("<li>reports/预算表.xls（不支持的格式）</li>");
  });

  it("a file named explicitly in a format gouji cannot read is a failed result with its own code; a saved web page is read as one", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "预算表.xls"), oleFile("Workbook"));
    writeFileSync(join(dir, "旧.doc"), oleFile("WordDocument"));
    writeFileSync(join(dir, "数据.csv"), "a,b\n1,2\n");
    copyFileSync(join(ROOT, "tests", "fixtures", "html", "002_b4db3b08202be5bf.html"), join(dir, "page.txt"));
    const r = await gouji(["check", "预算表.xls", "旧.doc", "数据.csv", "page.txt", "-f", "json"], dir);
    expect(r.code).toBe(1);
    const byPath = Object.fromEntries(json(r).files.map((f) => [f.path, f]));
    expect(byPath["预算表.xls"]!.error?.code).toBe("unsupported-format");
    expect(JSON.stringify(byPath["预算表.xls"]!.error)).toContain("Excel");
    expect(byPath["旧.doc"]!.error?.code).toBe("legacy-doc");
    expect(byPath["数据.csv"]!.error?.code).toBe("unsupported-format");
    // named .txt but a web page: read as HTML, with the .docx's findings (tests/parse-html.test.ts)
    expect(byPath["page.txt"]!.status).toBe("ok");
    expect((byPath["page.txt"] as unknown as { format: string }).format).toBe("html");
    expect(byPath["page.txt"]!.findings.map((f) => f.ruleId)).toContain("same-figure");
  });

  it("help is in Chinese: headings, choices and defaults (commander's own are English)", async () => {
    const top = await gouji(["--help"]);
    expect(top.code).toBe(0);
    expect(top.stdout.split("\n").filter((l) => /^\S/.test(l))).toEqual([
      "用法：gouji [options] [command]",
      "勾稽：检查部门预算/决算公开文件中数字之间的勾稽关系",
      "选项：",
      "命令：",
    ]);
    const check = await gouji(["check", "--help"]);
    expect(check.stdout).toContain("参数：\n  paths ");
    expect(check.stdout).toMatch(/--min-level <level>\s+显示的最低级别（默认 warning）（可选：info、warning、error）/);
    const rulesHelp = await gouji(["rules", "--help"]);
    expect(rulesHelp.stdout).toMatch(/-f, --format <format>\s+输出格式（可选：text、json；默认：text）/);
    for (const r of [top, check, rulesHelp]) expect(r.stdout).not.toMatch(/Usage:|Options:|Commands:|Arguments:|choices:|default:/);
  });

  it("usage errors are one Chinese line with a hint; a file given twice is checked once; -o takes the format from its extension", async () => {
    for (const [args, line] of [
      [["check", F002, "--fromat", "json"], "gouji: 未知选项 --fromat，是否想用 --format？（用 gouji check --help 查看用法）\n"],
      [["chek", F002], "gouji: 未知命令 chek，是否想用 check？（用 gouji --help 查看用法）\n"],
      [["check", F002, "-f", "xml"], 'gouji: 选项 -f, --format 的值 "xml" 无效，只能是 text、json、sarif、junit、csv、html、xlsx（用 gouji check --help 查看用法）\n'],
      [["check", F002, "--jobs", "0"], "gouji: --jobs 需要一个正整数，收到 0（用 gouji check --help 查看用法）\n"],
    ] as const) {
      const r = await gouji([...args]);
      expect([r.code, r.stderr, r.stdout]).toEqual([2, line, ""]);
    }
    const dir = tempDir();
    copyFileSync(join(ROOT, F002), join(dir, "r.txt"));
    const twice = await gouji(["check", "r.txt", "./r.txt", join(dir, "r.txt"), "-f", "json"], dir);
    expect(json(twice).files.map((f) => f.path)).toEqual(["r.txt"]);
    for (const [file, start] of [["out.csv", "\uFEFF文件,页,行"], ["out.sarif", '{\n  "$schema"'], ["out.json", '{\n  "schemaVersion": 1'], ["out.xml", '<?xml version="1.0"'], ["out.html", "<!DOCTYPE html>"]] as const) {
      const r = await gouji(["check", "r.txt", "-o", file], dir);
      expect(r.code).toBe(1);
      expect(readFileSync(join(dir, file), "utf8").startsWith(start)).toBe(true);
    }
  });

  it("a folder outside the working folder: --ignore and .goujiignore relative to it, its config found from it, --print-config", async () => {
    const outside = tempDir();
    const cwd = tempDir();
    mkdirSync(join(outside, "reports", "草稿"), { recursive: true });
    copyFileSync(join(ROOT, F002), join(outside, "reports", "a.txt"));
    copyFileSync(join(ROOT, F002), join(outside, "reports", "草稿", "b.txt"));
    copyFileSync(join(ROOT, F002), join(outside, "reports", "c.bak.txt"));
    writeFileSync(join(outside, "reports", ".goujiignore"), "*.bak.txt\n");
    writeFileSync(join(outside, "gouji.config.json"), JSON.stringify({ rules: { "same-figure": "off" } }));
    const target = join(outside, "reports");
    const r = await gouji(["check", target, "--ignore", "草稿/", "-f", "json"], cwd);
    expect(json(r).files.map((f) => f.path)).toEqual([join(target, "a.txt")]);
    expect(json(r).files[0]!.findings.map((f) => f.ruleId)).not.toContain("same-figure");
    expect((JSON.parse(r.stdout) as { skipped: unknown[] }).skipped).toEqual([
      { path: join(target, "c.bak.txt"), reason: "ignored" },
      { path: `${join(target, "草稿")}/`, reason: "ignored" },
    ]);
    const printed = await gouji(["check", target, "--print-config", "--rule", "yoy-change=warning"], cwd);
    expect(printed.code).toBe(0);
    const config = JSON.parse(printed.stdout);
    expect(config).toMatchObject({ configFile: join(outside, "gouji.config.json"), format: "text", failOn: "error", minLevel: "warning" });
    expect(config.rules["same-figure"]).toBe("off");
    expect(config.rules["yoy-change"]).toBe("warning");
    expect(config.rules["unit-slip"]).toBe("error");
  });

  it("--shard takes the index forms of the common schedulers", async () => {
    const dir = tempDir();
    for (const [i, f] of SMALL.entries()) copyFileSync(join(ROOT, "fixtures", f), join(dir, `${i}.txt`));
    const paths = async (args: string[], env: Record<string, string> = {}) => {
      const r = await gouji(["check", ".", "-f", "json", "--fail-on", "never", ...args], dir, env);
      expect(r.stderr).toBe("");
      return json(r).files.map((f) => f.path);
    };
    const second = await paths(["--shard", "2/2"]);
    expect(second).toEqual(["1.txt"]);
    expect(await paths(["--shard-index", "1", "--shard-count", "2"])).toEqual(second);
    expect(await paths(["--shard", "auto"], { CI_NODE_INDEX: "2", CI_NODE_TOTAL: "2" })).toEqual(second);
    expect(await paths(["--shard-count", "2"], { JOB_COMPLETION_INDEX: "1" })).toEqual(second);
    expect(await paths(["--shard", "auto", "--shard-count", "2"], { JOB_COMPLETION_INDEX: "1" })).toEqual(second);
    const bad = await gouji(["check", ".", "--shard-index", "2", "--shard-count", "2"], dir);
    expect([bad.code, bad.stderr.split("\n").length]).toEqual([2, 2]);
  });

  it("the terminal summary fits 80 columns, long paths wrapped, not cut", async () => {
    const dir = tempDir();
    const deep = join(dir, "一个很长的文件夹名称用来测试表格的宽度", "another-very-long-folder-name-for-the-test");
    mkdirSync(deep, { recursive: true });
    copyFileSync(join(ROOT, F002), join(deep, "2024年某某单位部门决算公开报告最终版.txt"));
    const r = await gouji(["check", "."], dir);
    const summary = r.stdout.slice(r.stdout.indexOf("┌"));
    expect(Math.max(...summary.split("\n").map(columns))).toBeLessThanOrEqual(80);
    const firstColumn = summary.split("\n").filter((l) => l.startsWith("│")).slice(1).map((l) => l.split("│")[1]!.trim()).join("");
    expect(firstColumn).toBe("一个很长的文件夹名称用来测试表格的宽度/another-very-long-folder-name-for-the-test/2024年某某单位部门决算公开报告最终版.txt");
  });
});
