/** The README's rules section is generated from rule metadata (`npm run docs`); this fails when it is stale. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { rules } from "../rules/index.js";
import { renderRulesSection } from "../src/report/rules-doc.js";

describe("README", () => {
  it("lists every rule exactly as its metadata says", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    expect(readme).toContain(renderRulesSection(rules));
    for (const r of rules) expect(readme).toContain(`| \`${r.id}\` | ${r.name} | ${r.severity} |`);
  });
  it("rules are listed once, sorted by id, each with Chinese messages", () => {
    const ids = rules.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of rules) {
      expect(r.description).toMatch(/[\u4e00-\u9fa5]/);
      expect(r.name).toMatch(/^[\u4e00-\u9fa5“”（）]{2,10}$/);
      for (const m of Object.values(r.messages)) expect(m).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});
