/**
 * End to end: the built CLI (`node bin/gouji.js`, compiled by `npm install` / `npx tsc -p .`) on real documents,
 * with its exit codes: formats, worker pool order, globs and excludes, shards and merge, baselines, config, init.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { execFile, execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin", "gouji.js");
const F002 = "fixtures/002_b4db3b08202be5bf.txt";
const SMALL = ["000_da983fdeaa8df527.txt", "001_f95c47898c697abf.txt", "004_51fca168845c9e65.txt"];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function gouji(args: string[], cwd = ROOT): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 99) : 0, stdout, stderr });
    });
  });
}

type JsonRun = { schemaVersion: number; files: { path: string; status: string; error?: { code: string }; findings: { ruleId: string; location: { line?: number }; values: { location: { line?: number } }[] }[] }[]; summary: Record<string, number> };
const json = (r: Run) => JSON.parse(r.stdout) as JsonRun;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "gouji-cli-"));
}

// each test starts the CLI a few times; on a busy 2-core machine that takes seconds
vi.setConfig({ testTimeout: 60_000 });

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist", "src", "cli", "check.js"))) execFileSync("npx", ["tsc", "-p", "."], { cwd: ROOT, stdio: "inherit" });
}, 120_000);

describe("formats on the fixtures", () => {
  it("sarif: valid, with share-of-total at line 1840 of 002, exit 1", async () => {
    const r = await gouji(["check", F002, "-f", "sarif", "-j", "1"]);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout);
    const ajv = new Ajv({ strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, "tests/schemas/sarif-2.1.0-rtm.5.json"), "utf8")));
    expect(validate(sarif)).toBe(true);
    const share = sarif.runs[0].results.filter((x: { ruleId: string }) => x.ruleId === "share-of-total");
    expect(share.map((x: { locations: { physicalLocation: { region: { startLine: number }; artifactLocation: { uri: string } } }[] }) => [
      x.locations[0]!.physicalLocation.artifactLocation.uri,
      x.locations[0]!.physicalLocation.region.startLine,
    ])).toContainEqual([F002, 1840]);
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
    expect(lines.filter((l) => l.startsWith(`${F002},,1840,`) && l.includes(",share-of-total,warning,"))).toHaveLength(1);

    const junit = (await gouji(["merge", "run.json", "-f", "junit"], dir)).stdout;
    const rulesHit = new Set(findings.map((f) => f.ruleId));
    const suite = /<testsuite name="fixtures\/002_b4db3b08202be5bf.txt" tests="(\d+)" failures="(\d+)" errors="0"/.exec(junit);
    expect(Number(suite?.[2])).toBe(rulesHit.size);
    expect(junit).toMatch(/<testcase classname="fixtures\/002_b4db3b08202be5bf.txt" name="share-of-total">\n {6}<failure type="warning"/);

    const html = (await gouji(["merge", "run.json", "-f", "html"], dir)).stdout;
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html.match(/<tr class="(error|warning|info)">/g)).toHaveLength(findings.length);

    const direct = await gouji(["check", F002, "-f", "csv", "-o", join(dir, "out.csv")]);
    expect(direct.code).toBe(1);
    expect(direct.stdout).toBe("");
    const written = readFileSync(join(dir, "out.csv"), "utf8");
    expect(written.charCodeAt(0)).toBe(0xfeff);
    expect(written).toContain(`${F002},,1840,,,,,share-of-total,warning,`);
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
    for (const [i, f] of [...SMALL, ...SMALL].entries()) copyFileSync(join(ROOT, "fixtures", f), join(dir, `${i}-${f}`));
    const allRun = await gouji(["check", ".", "-f", "json", "--fail-on", "never"], dir);
    const s1 = await gouji(["check", ".", "-f", "json", "--shard", "1/2", "-o", "s1.json", "--fail-on", "never"], dir);
    const s2 = await gouji(["check", ".", "-f", "json", "--shard", "2/2", "-o", "s2.json", "--fail-on", "never"], dir);
    expect([s1.code, s2.code]).toEqual([0, 0]);
    const p1 = json({ ...s1, stdout: readFileSync(join(dir, "s1.json"), "utf8") }).files.map((f) => f.path);
    const p2 = json({ ...s2, stdout: readFileSync(join(dir, "s2.json"), "utf8") }).files.map((f) => f.path);
    const all = json(allRun).files.map((f) => f.path);
    expect(p1.length).toBe(3);
    expect(p1.filter((p) => p2.includes(p))).toEqual([]);
    expect([...p1, ...p2].sort()).toEqual(all);
    const merged = await gouji(["merge", "s2.json", "s1.json", "--fail-on", "never"], dir);
    expect(merged.code).toBe(0);
    expect(json(merged).files).toEqual(json(allRun).files);
    expect(json(merged).summary).toEqual(json(allRun).summary);
    writeFileSync(join(dir, "v2.json"), JSON.stringify({ schemaVersion: 2, tool: { name: "gouji", version: "9" }, files: [] }));
    const refused = await gouji(["merge", "s1.json", "v2.json"], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("schemaVersion");
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
    expect(write.stderr).toContain(`已把 ${recorded.findings.length} 条问题记录到基线`);
    const lines = original.split("\n");
    lines.splice(10, 0, "插入的一行说明", "", "公务接待费支出0.05万元，比上年减少0.08万元，增长61.54%。");
    writeFileSync(join(dir, "r.txt"), lines.join("\n"));
    const r = await gouji(["check", "r.txt", "--baseline", "baseline.json", "-f", "json"], dir);
    expect(r.code).toBe(1);
    const fresh = json(r).files[0]!.findings;
    expect(fresh.length).toBeGreaterThan(0);
    // what is reported is what the inserted line brought in; the five recorded findings, now 3 lines lower, are not
    expect(fresh.every((f) => f.values.some((v) => v.location.line === 13))).toBe(true);
    expect(fresh.map((f) => f.ruleId)).not.toContain("share-of-total");
    expect(fresh.map((f) => f.ruleId)).toContain("yoy-direction");
  });
});

describe("config and init", () => {
  it("applies gouji.config.json and --rule, and rejects a bad key with one Chinese line", async () => {
    const dir = tempDir();
    copyFileSync(join(ROOT, F002), join(dir, "r.txt"));
    writeFileSync(join(dir, "gouji.config.json"), JSON.stringify({ rules: { "share-of-total": "off" }, format: "json" }));
    const off = await gouji(["check", "r.txt"], dir);
    const ids = json(off).files[0]!.findings.map((f) => f.ruleId);
    expect(ids).not.toContain("share-of-total");
    expect(ids).toContain("unit-slip");
    const back = await gouji(["check", "r.txt", "--rule", "share-of-total=warning", "--rule", "unit-slip=off", "--fail-on", "warning"], dir);
    const after = json(back).files[0]!.findings as { ruleId: string; severity?: string }[];
    expect(after.filter((f) => f.ruleId === "share-of-total").map((f) => f.severity)).toEqual(["warning"]);
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
