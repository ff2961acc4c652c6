/** Messages people read: amounts in one unit, and a docx/html place that names its section. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintText } from "./helpers.js";
import { readableAmount } from "../src/engine/rule.js";
import { checkFile } from "../src/runner.js";
import { placeText } from "../src/report/formatters/text.js";

const ROOT = join(import.meta.dirname, "..");

describe("amounts in 元 and 万元", () => {
  it("are compared in 万元 and shown in 万元, without the conversion's trailing zeros; the cited number keeps its print", () => {
    const [f] = lintText("上海市某局2024年度部门决算\n本年收入2,154,300.00元，其中：财政拨款收入191.80万元，其他收入33.63万元。").filter((x) => x.severity === "error");
    expect(f!.message).toBe("本年收入为215.43万元，但其中所列各项之和已达225.43万元（财政拨款收入191.80 + 其他收入33.63），超出10.00万元");
    expect(f!.values.map((v) => `${v.text}${v.unit}`)).toEqual(["2,154,300.00元", "191.80万元", "33.63万元"]);
  });

  it("readableAmount trims only the zeros a conversion added", () => {
    expect(readableAmount("215.430000")).toBe("215.43");
    expect(readableAmount("0.000100")).toBe("0.0001");
    expect(readableAmount("10.000000")).toBe("10.00");
    expect(readableAmount("53.870")).toBe("53.870");
    expect(readableAmount("255.68")).toBe("255.68");
  });
});

describe("a docx or html place names its section", () => {
  it.each(["fixtures/docx/002_b4db3b08202be5bf.docx", "tests/fixtures/html/002_b4db3b08202be5bf.html"])("%s", async (file) => {
    const r = await checkFile(join(ROOT, file));
    const share = r.findings.find((f) => f.ruleId === "share-of-total")!;
    expect(share.location.section).toBe("第三部分 2022年昌吉回族自治州金融工作办公室… › 五、关于昌吉回族自治州金融工作办公室2022年一… › （二）一般公共预算当年拨款结构情况");
    expect(placeText(share.location)).toBe(`第${share.location.paragraph}段（${share.location.section}）`);
    // txt lines and pdf pages are found directly: no section there
    const txt = await checkFile(join(ROOT, "fixtures", "002_b4db3b08202be5bf.txt"));
    expect(txt.findings.every((f) => f.location.section === undefined)).toBe(true);
    expect(txt.findings.length).toBeGreaterThan(0);
  });
});
