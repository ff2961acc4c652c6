/** The JSON files people hand to gouji: what is wrong, in Chinese, at which line and column. */
import { describe, expect, it } from "vitest";
import { parseJsonText } from "../src/report/json-text.js";

describe("parseJsonText", () => {
  it("parses JSON, a leading BOM ignored", () => {
    expect(parseJsonText('\uFEFF{"failOn": "error"}')).toEqual({ ok: true, value: { failOn: "error" } });
  });
  it("a trailing comma: the line and column of the brace after it, and what is expected there", () => {
    expect(parseJsonText('{\n  "failOn": "error",\n}\n')).toEqual({ ok: false, problem: "第3行第1列：应为带引号的属性名或“}”（属性名须用双引号，最后一项后不能有逗号）" });
  });
  it("a text that is no JSON at all, an empty file, a file cut short", () => {
    expect(parseJsonText("\n\n中共乌鲁木齐市委")).toEqual({ ok: false, problem: "出现了不应有的字符“中”（文件不是 JSON 格式）" });
    expect(parseJsonText("  ")).toMatchObject({ ok: false, problem: expect.stringContaining("文件是空的") });
    expect(parseJsonText('{"a": [1, 2')).toMatchObject({ ok: false, problem: expect.stringMatching(/中断|缺少逗号或右括号/) });
  });
});
