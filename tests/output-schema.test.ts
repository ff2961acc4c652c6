/**
 * The JSON contract in the repository: docs/output.schema.json validates every golden JSON output (tests/golden) and the
 * live output of the CLI on a run with every kind of file (ok, failed, skipped, docx, html), and it rejects outputs
 * that break the contract.
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import AjvModule from "ajv";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const schema = JSON.parse(readFileSync(join(ROOT, "docs", "output.schema.json"), "utf8"));
const ajv = new AjvModule.default({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
const validate = ajv.compile(schema);
const errors = (doc: unknown) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

describe("docs/output.schema.json", () => {
  const goldens = readdirSync(join(ROOT, "tests", "golden")).filter((f) => f.endsWith(".json") && f !== "rules.json");

  it("there is a golden JSON output to validate", () => {
    expect(goldens).toEqual(["run.json"]);
  });

  it.each(goldens)("validates tests/golden/%s", (name) => {
    expect(errors(JSON.parse(readFileSync(join(ROOT, "tests", "golden", name), "utf8")))).toEqual([]);
  });

  it("validates the live output of a run with read, failed and skipped files in every input format", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gouji-schema-"));
    copyFileSync(join(ROOT, "fixtures", "002_b4db3b08202be5bf.txt"), join(dir, "a.txt"));
    copyFileSync(join(ROOT, "fixtures", "docx", "000_da983fdeaa8df527.docx"), join(dir, "b.docx"));
    copyFileSync(join(ROOT, "tests", "fixtures", "html", "001_f95c47898c697abf.html"), join(dir, "c.html"));
    writeFileSync(join(dir, "d.txt"), "");
    writeFileSync(join(dir, "e.xls"), "not read");
    const out = await new Promise<string>((resolve) => {
      execFile(process.execPath, [join(ROOT, "bin", "gouji.js"), "check", ".", "-f", "json", "--min-level", "info"], { cwd: dir, maxBuffer: 64 << 20 }, (_e, stdout) => resolve(stdout));
    });
    const doc = JSON.parse(out);
    expect(doc.files.map((f: { format: string; status: string }) => `${f.format} ${f.status}`)).toEqual(["txt ok", "docx ok", "html ok", "txt failed"]);
    expect(doc.skipped).toEqual([{ path: "e.xls", reason: "unsupported-format" }]);
    expect(errors(doc)).toEqual([]);
  });

  it("rejects what breaks the contract", () => {
    const good = JSON.parse(readFileSync(join(ROOT, "tests", "golden", "run.json"), "utf8"));
    const broken = (change: (d: typeof good) => void) => {
      const d = structuredClone(good);
      change(d);
      return errors(d).length;
    };
    expect(good.files[1].findings.length).toBeGreaterThan(0);
    expect(broken(() => undefined)).toBe(0);
    expect(broken((d) => (d.schemaVersion = 2))).toBeGreaterThan(0);
    expect(broken((d) => (d.files[1].findings[0].values[0].value = 21.18))).toBeGreaterThan(0);
    expect(broken((d) => (d.files[1].findings[0].severity = "fatal"))).toBeGreaterThan(0);
    expect(broken((d) => delete d.files[1].findings[0].location.snippet)).toBeGreaterThan(0);
    expect(broken((d) => (d.files[0].status = "failed"))).toBeGreaterThan(0);
    expect(broken((d) => (d.summary.errors = 1))).toBeGreaterThan(0);
  });
});
