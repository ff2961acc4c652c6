/**
 * The package as users get it: `npm pack`, installed into an empty folder (dependencies from the npm cache, or from
 * the registry when the cache lacks them), then `gouji check` from its bin, `import { check } from "gouji"` from its
 * exports, and a TypeScript file that uses the typed API compiled against the installed package.
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: "1" } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 99) : 0, stdout, stderr });
    });
  });
}

let dir: string;
let consumer: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "gouji-pack-"));
  // dist/ is the build of the current source (tests/support/build.ts): pack it as it is, without running prepare again
  const packed = await run(NPM, ["pack", "--ignore-scripts", "--pack-destination", dir], ROOT);
  expect(packed.stderr).not.toMatch(/npm error/);
  const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"));
  expect(tarball).toMatch(/^gouji-\d+\.\d+\.\d+\.tgz$/);
  consumer = join(dir, "consumer");
  const { mkdirSync } = await import("node:fs");
  mkdirSync(consumer);
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  const args = ["install", "--no-audit", "--no-fund", "--no-package-lock", join(dir, tarball!)];
  let installed = await run(NPM, [...args, "--offline"], consumer);
  // a cache without some dependency (a fresh CI machine): the registry is reachable there
  if (installed.code !== 0) installed = await run(NPM, [...args, "--prefer-offline"], consumer);
  expect(installed.stderr).not.toMatch(/npm error/);
  expect(installed.code).toBe(0);
  copyFileSync(join(ROOT, "fixtures", "002_b4db3b08202be5bf.txt"), join(consumer, "report.txt"));
}, 600_000);

// removing the consumer's node_modules takes more than the default 10 s hook timeout on a loaded machine
afterAll(() => rmSync(dir, { recursive: true, force: true }), 120_000);

describe("the packed package, installed into an empty folder", () => {
  it("holds the build, the README and the output contract, and no tests or sources", async () => {
    const listed = await run(NPM, ["pack", "--dry-run", "--json", "--ignore-scripts"], ROOT);
    const files = (JSON.parse(listed.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    for (const f of ["bin/gouji.js", "dist/src/cli/index.js", "dist/src/index.js", "dist/src/index.d.ts", "dist/rules/index.js", "README.md", "docs/output.md", "docs/output.schema.json", "package.json"]) expect(files).toContain(f);
    expect(files.filter((f) => f.startsWith("tests/") || f.startsWith("src/") || f.endsWith(".tsbuildinfo"))).toEqual([]);
  });

  it("runs `gouji check` from its bin, with exit code 1 on a report with errors", async () => {
    const r = await run(join(consumer, "node_modules", ".bin", "gouji"), ["check", "report.txt", "-f", "json"], consumer);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { files: { path: string; status: string; findings: { ruleId: string }[] }[] };
    expect(out.files.map((f) => [f.path, f.status])).toEqual([["report.txt", "ok"]]);
    expect(out.files[0]!.findings.map((f) => f.ruleId)).toContain("unit-slip");
  });

  it("exports check(): the same result as the CLI's JSON, typed", async () => {
    const script = `import { check } from "gouji";
const r = await check("report.txt");
console.log(JSON.stringify({ schemaVersion: r.schemaVersion, paths: r.files.map((f) => f.path), rules: [...new Set(r.files[0].findings.map((f) => f.ruleId))].sort(), summary: r.summary }));`;
    writeFileSync(join(consumer, "use.mjs"), script);
    const api = await run(process.execPath, ["use.mjs"], consumer);
    expect(api.stderr).toBe("");
    const got = JSON.parse(api.stdout);
    const cli = JSON.parse((await run(join(consumer, "node_modules", ".bin", "gouji"), ["check", "report.txt", "-f", "json"], consumer)).stdout);
    expect(got).toEqual({
      schemaVersion: 1,
      paths: ["report.txt"],
      rules: [...new Set(cli.files[0].findings.map((f: { ruleId: string }) => f.ruleId))].sort(),
      summary: cli.summary,
    });

    // the types: a consumer's TypeScript compiles against the installed declarations, and a wrong use does not
    writeFileSync(
      join(consumer, "use.ts"),
      `import { check, type CheckResult, type Finding } from "gouji";
const r: CheckResult = await check(["report.txt"], { minLevel: "info", rules: { "unit-slip": "off" } });
const first: Finding | undefined = r.files[0]?.findings[0];
const level: "error" | "warning" | "info" | undefined = first?.severity;
export { level };
`,
    );
    writeFileSync(join(consumer, "bad.ts"), `import { check } from "gouji";\nawait check("report.txt", { minLevel: "loud" });\n`);
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    const common = ["--noEmit", "--strict", "--skipLibCheck", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext", "--types", "node", "--typeRoots", join(ROOT, "node_modules", "@types")];
    const good = await run(process.execPath, [tsc, ...common, "use.ts"], consumer);
    expect(good.stdout).toBe("");
    const bad = await run(process.execPath, [tsc, ...common, "bad.ts"], consumer);
    expect(bad.stdout).toContain("bad.ts(2,");
    expect(bad.stdout).toContain('"loud"');
  });
});
