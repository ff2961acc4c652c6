/** The README's rules section, generated from rule metadata (`npm run docs`; a test fails when it is stale). */
import type { Rule } from "../engine/rule.js";

export const RULES_START = "<!-- rules:start -->";
export const RULES_END = "<!-- rules:end -->";

export function renderRulesSection(rules: readonly Rule[]): string {
  const rows = rules.map((r) => `| \`${r.id}\` | ${r.name} | ${r.severity} | ${r.description.replace(/\|/g, "\\|")} |`);
  const examples = rules
    .filter((r) => r.example)
    .map((r) => `- \`${r.id}\`: ${r.example!.replace(/\n/g, " ⏎ ")}`);
  return [
    RULES_START,
    "_Generated from the rules' metadata by `npm run docs`; do not edit by hand._",
    "",
    "| rule | name (规则名称) | default severity | what must hold |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
    "Examples that break each rule (`gouji explain <rule>` prints them too):",
    "",
    ...examples,
    RULES_END,
  ].join("\n");
}

export function replaceRulesSection(readme: string, rules: readonly Rule[]): string {
  const a = readme.indexOf(RULES_START);
  const b = readme.indexOf(RULES_END);
  if (a < 0 || b < 0) throw new Error("README has no rules markers");
  return readme.slice(0, a) + renderRulesSection(rules) + readme.slice(b + RULES_END.length);
}
