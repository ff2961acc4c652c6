/**
 * No crash, ever: a rule or a table that throws costs only itself. The file keeps every other finding and gets one
 * `incomplete-reading` warning that names what was not checked.
 */
import { describe, expect, it } from "vitest";
import { txtBlocks } from "../src/parse/txt.js";
import { lintDocument } from "../src/lint.js";
import { defineRule } from "../src/engine/rule.js";
import { rules } from "../rules/index.js";

const TEXT = "某某市测试局2024年度部门决算\n第二部分 部门决算情况说明\n一、收入支出决算总体情况说明\n2024年度收入总计216.30万元，其中：本年收入合计215.43万元，使用非财政拨款结余（含专用结余）0.00万元，年初结转和结余0.97万元。";

const broken = defineRule({
  id: "broken-for-test",
  name: "测试用规则",
  description: "测试用：总是抛出异常",
  severity: "error",
  messages: { never: "不会出现" },
  check() {
    throw new Error("unexpected shape");
  },
});

describe("containment", () => {
  it("a rule that throws leaves one incomplete-reading warning and the other findings", () => {
    const { findings } = lintDocument({ format: "txt", blocks: txtBlocks(TEXT) }, "t.txt", { rules: [broken, ...rules] });
    const notes = findings.filter((f) => f.ruleId === "incomplete-reading");
    expect(notes).toHaveLength(1);
    expect(notes[0]!.severity).toBe("warning");
    expect(notes[0]!.message).toContain("broken-for-test");
    expect(notes[0]!.message).toContain("unexpected shape");
    const sum = findings.filter((f) => f.ruleId === "breakdown-sum" && f.severity === "error");
    expect(sum.map((f) => f.values.map((v) => v.text))).toEqual([["216.30", "215.43", "0.00", "0.97"]]);
  });

  it("a table whose layout throws is named in a notice, not a crash", () => {
    const doc = {
      format: "txt" as const,
      blocks: [
        ...txtBlocks(TEXT),
        // a table block whose rows are not arrays: the table layer throws on it
        { kind: "table" as const, rows: [null as unknown as never], place: { line: 9 } },
      ],
    };
    const { findings } = lintDocument(doc as never, "t.txt");
    expect(findings.some((f) => f.ruleId === "breakdown-sum" && f.severity === "error")).toBe(true);
    expect(findings.filter((f) => f.ruleId === "incomplete-reading").length).toBeGreaterThanOrEqual(1);
  });
});
