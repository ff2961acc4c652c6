/**
 * Every rule's `example` (shown by `gouji explain` and in the README) breaks its rule: linted on its own, or as a
 * fragment of a disclosure (after a title line, as a sentence quoted from a report would stand), it gives at least one
 * finding of that rule at warning level or above.
 */
import { describe, expect, it } from "vitest";
import { rules } from "../rules/index.js";
import { lintText } from "./helpers.js";

const TITLE = "上海市某局2024年度部门决算\n";

describe("rule examples", () => {
  it("every rule has an example", () => {
    expect(rules.filter((r) => !r.example).map((r) => r.id)).toEqual([]);
  });

  it.each(rules.map((r) => [r.id, r.example ?? ""] as const))("the example of %s breaks it", (id, example) => {
    const hits = (text: string) => lintText(text).filter((f) => f.ruleId === id && f.severity !== "info");
    const alone = hits(example);
    const found = alone.length ? alone : hits(TITLE + example);
    expect(found.map((f) => f.ruleId)).toContain(id);
    // a rule whose default is error proves its example wrong, not only doubtful
    const rule = rules.find((r) => r.id === id)!;
    expect(found.map((f) => f.severity)).toContain(rule.severity);
  });
});
