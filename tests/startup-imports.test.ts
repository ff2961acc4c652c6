/**
 * Start-up cost: the modules a check loads before it reads its first file. Heavy packages that only some runs need
 * (zod for a config or baseline, exceljs for .xlsx, mammoth for .docx, pdf-parse for the pdfjs reader) must be
 * reached through a dynamic import() or createRequire, never through a static import chain from the entry points:
 * one static `import { shown } from "../src/model/schema.js"` in a rule once loaded zod in every worker and in the
 * main thread (about 25 ms of CPU each, on the single PDF's critical path).
 *
 * The test walks the static (non-type) imports of the TypeScript sources, so it fails on the source line that
 * brings a package in, with the chain that leads there.
 */
import { describe, expect, it } from "vitest";
import { readFileSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const ROOT = resolve(__dirname, "..");

/** static value imports and re-exports of one source file: relative paths resolved to .ts files, packages by name */
function staticImports(file: string): string[] {
  const src = readFileSync(file, "utf8");
  const out: string[] = [];
  // `import x from "y"`, `import { a, type B } from "y"`, `export { a } from "y"`, `import "y"`; not `import type`
  const re = /^(?:import|export)\s+(?!type\b)(?:[^;]*?\bfrom\s+)?"([^"]+)"/gms;
  for (const m of src.matchAll(re)) {
    // `import { type A, type B } from "y"` brings no value in
    const named = /^import\s*\{([^}]*)\}\s*from/.exec(m[0])?.[1];
    if (named !== undefined && named.split(",").map((s) => s.trim()).filter(Boolean).every((p) => p.startsWith("type "))) continue;
    const spec = m[1]!;
    if (spec.startsWith(".")) {
      const ts = resolve(dirname(file), spec.replace(/\.js$/, ".ts"));
      out.push(existsSync(ts) ? ts : resolve(dirname(file), spec));
    } else out.push(spec.startsWith("node:") ? spec : spec.split("/").slice(0, spec.startsWith("@") ? 2 : 1).join("/"));
  }
  return out;
}

/** every package reachable by static imports from `entry`, each with the chain of files that reaches it */
function reachablePackages(entry: string): Map<string, string[]> {
  const from = new Map<string, string | undefined>([[entry, undefined]]);
  const queue = [entry];
  const packages = new Map<string, string[]>();
  while (queue.length) {
    const file = queue.shift()!;
    for (const dep of staticImports(file)) {
      if (dep.startsWith("/")) {
        if (!from.has(dep)) {
          from.set(dep, file);
          if (existsSync(dep)) queue.push(dep);
        }
      } else if (!dep.startsWith("node:") && !packages.has(dep)) {
        const chain: string[] = [];
        for (let f: string | undefined = file; f; f = from.get(f)) chain.unshift(relative(ROOT, f));
        packages.set(dep, chain);
      }
    }
  }
  return packages;
}

const LAZY = ["zod", "exceljs", "mammoth", "pdf-parse", "@embedpdf/pdfium", "iconv-lite", "tinyglobby"];

describe("start-up imports", () => {
  const entries = {
    "the worker's runner": "src/runner.ts",
    "the command line": "src/cli/index.ts",
    "gouji check's main thread": "src/cli/check.ts",
    "the rules": "rules/index.ts",
  };
  for (const [what, entry] of Object.entries(entries)) {
    it(`${what} (${entry}) loads none of ${LAZY.join(", ")} statically`, () => {
      const reached = reachablePackages(join(ROOT, entry));
      const heavy = LAZY.filter((p) => reached.has(p)).map((p) => `${p} via ${reached.get(p)!.join(" → ")}`);
      expect(heavy).toEqual([]);
      // the walk itself works: the runner does reach decimal.js statically
      if (entry === "src/runner.ts") expect(reached.has("decimal.js")).toBe(true);
    });
  }

  it("finds a static chain to zod when a module imports it by value (the walk can fail)", () => {
    const reached = reachablePackages(join(ROOT, "src/model/schema.ts"));
    expect(reached.get("zod")).toEqual(["src/model/schema.ts"]);
  });
});
