/** Config loading and validation: lookup from the working folder upwards, zod validation with Chinese messages. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, loadIgnoreFile, parseRuleFlag, validateConfig, writeStarterConfig } from "../src/config/load.js";

const RULES = ["share-of-total", "yoy-change"];
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "gouji-config-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function message(input: unknown): string {
  const r = validateConfig(input, RULES, "gouji.config.json");
  if (r.ok) throw new Error("expected a validation error");
  return r.message;
}

describe("validateConfig", () => {
  it("accepts every documented key", () => {
    const config = { rules: { "yoy-change": "off", "share-of-total": "warning" }, failOn: "warning", minLevel: "info", ignore: ["归档/"], jobs: 2, timeout: 30, format: "sarif", pdfEngine: "pdfjs" };
    expect(validateConfig(config, RULES, "x")).toMatchObject({ ok: true, config });
  });

  it("names an unknown key, an unknown rule and a wrong level in Chinese, one line each", () => {
    expect(message({ failon: "error" })).toBe('gouji.config.json 中有未知的配置项 "failon"；可用的配置项：rules、failOn、minLevel、ignore、jobs、timeout、format、pdfEngine');
    expect(message({ rules: { "yoy-chnage": "off" } })).toBe('gouji.config.json 的 rules 中没有名为 "yoy-chnage" 的规则；用 gouji rules 查看全部规则 id');
    expect(message({ rules: { "yoy-change": "fatal" } })).toBe('gouji.config.json 中 rules.yoy-change 的值 "fatal" 无效：规则级别只能是 off、info、warning、error');
    expect(message({ failOn: "all" })).toBe('gouji.config.json 中 failOn 的值 "all" 无效：应为 info、warning、error、never');
    expect(message({ jobs: 0 })).toContain("jobs 的值 0 无效：应为 1 到 256 的整数");
    expect(message({ pdfEngine: "mupdf" })).toBe('gouji.config.json 中 pdfEngine 的值 "mupdf" 无效：应为 pdfium、pdfjs');
    expect(message([])).toBe("gouji.config.json 应是一个 JSON 对象");
    for (const m of [message({ x: 1 }), message({ rules: { a: "off" } })]) expect(m).not.toContain("\n");
  });
});

describe("loadConfig", () => {
  it("finds gouji.config.json in a folder above the working folder", async () => {
    writeFileSync(join(dir, "gouji.config.json"), JSON.stringify({ minLevel: "info" }));
    mkdirSync(join(dir, "a", "b"), { recursive: true });
    const r = await loadConfig({ cwd: join(dir, "a", "b"), ruleIds: RULES });
    expect(r).toMatchObject({ ok: true, config: { minLevel: "info" }, path: join(dir, "gouji.config.json"), dir });
  });

  it("reads package.json#gouji and skips a package.json without it", async () => {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "x", gouji: { failOn: "never" } }));
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "sub", "package.json"), JSON.stringify({ name: "sub" }));
    expect(await loadConfig({ cwd: join(dir, "sub"), ruleIds: RULES })).toMatchObject({ ok: true, config: { failOn: "never" } });
  });

  it("reports bad JSON and bad keys as a result, not a throw", async () => {
    writeFileSync(join(dir, "gouji.config.json"), "{ minLevel: info }");
    const bad = await loadConfig({ cwd: dir, ruleIds: RULES });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/^配置文件 .*gouji\.config\.json 不是合法的 JSON/);
    writeFileSync(join(dir, "package.json"), JSON.stringify({ gouji: { rule: {} } }));
    const r = await loadConfig({ cwd: dir, ruleIds: RULES, explicit: "package.json" });
    expect(!r.ok && r.message).toContain('package.json#gouji 中有未知的配置项 "rule"');
  });

  it("uses the defaults when there is no config", async () => {
    const r = await loadConfig({ cwd: dir, ruleIds: RULES });
    expect(r).toEqual({ ok: true, config: {}, dir });
  });
});

describe("parseRuleFlag", () => {
  it("parses id=level and rejects unknown rules and levels", () => {
    expect(parseRuleFlag("yoy-change=off", RULES)).toEqual({ ok: true, id: "yoy-change", setting: "off" });
    expect(parseRuleFlag("nope=off", RULES)).toMatchObject({ ok: false, message: expect.stringContaining('没有名为 "nope" 的规则') });
    expect(parseRuleFlag("yoy-change=loud", RULES)).toMatchObject({ ok: false, message: expect.stringContaining("级别只能是") });
    expect(parseRuleFlag("yoy-change", RULES)).toMatchObject({ ok: false });
  });
});

describe("init and .goujiignore", () => {
  it("writes a starter config that validates, and refuses to overwrite it", async () => {
    const first = await writeStarterConfig(dir);
    expect(first.ok).toBe(true);
    const written = JSON.parse(readFileSync(join(dir, "gouji.config.json"), "utf8"));
    expect(validateConfig(written, RULES, "x").ok).toBe(true);
    const second = await writeStarterConfig(dir);
    expect(second).toMatchObject({ ok: false, message: expect.stringContaining("已存在") });
  });

  it("finds the nearest .goujiignore", async () => {
    writeFileSync(join(dir, ".goujiignore"), "草稿/\n*.bak.txt\n");
    mkdirSync(join(dir, "x"));
    expect(await loadIgnoreFile(join(dir, "x"))).toEqual({ dir, patterns: ["草稿/", "*.bak.txt", ""] });
  });
});
