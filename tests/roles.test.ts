/**
 * Every role a cited number can play has a Chinese name (src/report/roles.ts): the text, CSV, HTML and xlsx reports
 * print it beside the number, and a newcomer found "（deviation）", "（initialBudget）" and "（prior）" there. The role
 * ids are read from the sources: `role: "…"` in the rules and the engine, and the role argument of the cross-document
 * `cite(path, number, "…", label)`.
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { ROLE_LABELS, roleLabel } from "../src/report/roles.js";

const ROOT = join(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith(".ts") ? [p] : [];
  });
}

describe("cited numbers' roles", () => {
  const roles = new Set<string>();
  for (const file of [...sources(join(ROOT, "src")), ...sources(join(ROOT, "rules"))]) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/\brole:\s*"([a-zA-Z]+)"/g)) roles.add(m[1]!);
    // the cross-document cite(path, number, role, label): every quoted id in its arguments is a role (a ternary too)
    for (const call of text.matchAll(/\bcite\(([^;]*?)\)[,\]\s)]/g)) for (const m of call[1]!.matchAll(/"([a-zA-Z]+)"/g)) roles.add(m[1]!);
  }
  it("are found in the sources (the scan works)", () => {
    expect(roles.size).toBeGreaterThan(30);
    expect([...roles]).toEqual(expect.arrayContaining(["part", "total", "prior", "initialBudget", "deviation"]));
  });
  it("each have a Chinese name", () => {
    expect([...roles].filter((r) => !(r in ROLE_LABELS))).toEqual([]);
    for (const r of roles) expect(roleLabel(r)).toMatch(/^[\u4e00-\u9fa5（）]+$/);
  });
});
