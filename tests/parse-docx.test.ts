import { describe, it, expect } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Document, Packer, Paragraph, TextRun, HeadingLevel, LevelFormat, Table, TableRow, TableCell } from "docx";
import { parseDocument } from "../src/parse/index.js";
import { parseDocx, chineseNumber } from "../src/parse/docx.js";
import type { SourceBlock, SourceDocument } from "../src/parse/source.js";
import { readReport } from "../src/lint.js";
import { lintDocument } from "../src/lint.js";
import type { Finding } from "../src/engine/finding.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures");
const seeds = readdirSync(FIXTURES).filter((f) => f.endsWith(".txt")).sort();

const loaded = new Map<string, Promise<SourceDocument>>();
/** Parses a fixture once per test file (the returned documents are only read). */
function load(name: string, dir = FIXTURES): Promise<SourceDocument> {
  const path = join(dir, name);
  if (!loaded.has(path)) loaded.set(path, parseDocument(new Uint8Array(readFileSync(path)), name));
  return loaded.get(path)!;
}
const docxName = (txt: string) => txt.replace(/\.txt$/, ".docx");

/** Blocks without places; blank text lines dropped (the builder skips them, and Word needs a paragraph between two tables). */
function shape(doc: SourceDocument) {
  return doc.blocks
    .filter((b) => b.kind === "table" || b.text.trim() !== "")
    .map((b) => (b.kind === "text" ? b.text : { rows: b.rows.map((r) => r.map((c) => ({ text: c.text, colSpan: c.colSpan ?? 1, rowSpan: c.rowSpan ?? 1 }))) }));
}

/** What must agree between the txt and docx forms of a seed: rule, message and the printed values cited. */
function comparable(f: Finding) {
  return { ruleId: f.ruleId, severity: f.severity, message: f.message, values: f.values.map((v) => `${v.role}:${v.text}${v.unit}`) };
}

describe("generated .docx fixtures", () => {
  it("exist for every seed", () => {
    const docx = readdirSync(join(FIXTURES, "docx"));
    expect(seeds.length).toBe(5);
    for (const s of seeds) expect(docx).toContain(docxName(s));
  });

  for (const seed of seeds) {
    describe(seed, () => {
      it("gives the same paragraphs and tables as the .txt", async () => {
        const txt = await load(seed);
        const docx = await load(docxName(seed), join(FIXTURES, "docx"));
        expect(docx.format).toBe("docx");
        expect(shape(docx)).toEqual(shape(txt));
        expect(docx.blocks.filter((b) => b.kind === "table").length).toBeGreaterThan(0);
      });

      it("places every block and cell by body paragraph, in reading order", async () => {
        const docx = await load(docxName(seed), join(FIXTURES, "docx"));
        let last = 0;
        const places: number[] = [];
        for (const b of docx.blocks) {
          expect(b.place.line).toBeUndefined();
          places.push(b.place.paragraph!);
          if (b.kind === "table") for (const row of b.rows) for (const c of row) places.push(c.place.paragraph!);
        }
        for (const p of places) {
          expect(Number.isInteger(p) && p >= 1).toBe(true);
          expect(p).toBeGreaterThanOrEqual(last);
          last = p;
        }
      });

      it("gives the same findings as the .txt, located by paragraph", async () => {
        const txt = lintDocument(await load(seed), seed);
        const docx = lintDocument(await load(docxName(seed), join(FIXTURES, "docx")), docxName(seed));
        expect(docx.findings.map(comparable)).toEqual(txt.findings.map(comparable));
        expect({ ...docx.report.meta, path: "", format: "" }).toEqual({ ...txt.report.meta, path: "", format: "" });
        for (const f of docx.findings) {
          for (const loc of [f.location, ...f.values.map((v) => v.location)]) {
            expect(loc.line).toBeUndefined();
            expect(loc.paragraph).toBeGreaterThan(0);
          }
        }
      });
    });
  }
});

async function docxOf(children: (Paragraph | Table)[], numbering = false): Promise<SourceDocument> {
  const doc = new Document({
    ...(numbering
      ? {
          numbering: {
            config: [
              {
                reference: "cn",
                levels: [
                  { level: 0, format: LevelFormat.CHINESE_COUNTING, text: "%1、" },
                  { level: 1, format: LevelFormat.CHINESE_COUNTING, text: "（%2）" },
                  { level: 2, format: LevelFormat.DECIMAL, text: "%3." },
                ],
              },
            ],
          },
        }
      : {}),
    sections: [{ children }],
  });
  return parseDocx(new Uint8Array(await Packer.toBuffer(doc)));
}
const texts = (blocks: SourceBlock[]) => blocks.flatMap((b) => (b.kind === "text" ? [b.text] : []));
const cell = (text: string, o: { columnSpan?: number; rowSpan?: number } = {}) =>
  new TableCell({ children: text.split("\n").map((t) => new Paragraph(t)), ...o });

describe("parseDocx", () => {
  it("keeps merged cells as colSpan/rowSpan and drops the cells a vertical merge covers", async () => {
    const doc = await docxOf([
      new Paragraph("表1"),
      new Table({
        rows: [
          new TableRow({ children: [cell("项目", { rowSpan: 2 }), cell("金额", { columnSpan: 2 })] }),
          new TableRow({ children: [cell("预算"), cell("决算")] }),
          new TableRow({ children: [cell("合计"), cell("1,612.98"), cell("1,511.90")] }),
        ],
      }),
    ]);
    const table = doc.blocks.find((b) => b.kind === "table")!;
    expect(table.kind).toBe("table");
    if (table.kind !== "table") return;
    expect(table.rows.map((r) => r.map((c) => [c.text, c.colSpan ?? 1, c.rowSpan ?? 1]))).toEqual([
      [["项目", 1, 2], ["金额", 2, 1]],
      [["预算", 1, 1], ["决算", 1, 1]],
      [["合计", 1, 1], ["1,612.98", 1, 1], ["1,511.90", 1, 1]],
    ]);
    // the model builder puts the second row's cells under 金额, not under 项目
    const report = readReport(doc, "t.docx");
    expect(report.tables[0]!.rows[1]!.map((c) => c.column)).toEqual([2, 3]);
    expect(report.tables[0]!.rows[2]![1]!.number?.value.toFixed()).toBe("1612.98");
  });

  /**
   * A table as Word draws it in a 决算 report, with merged cells around its 合计 row: a vertical group label on the
   * left (vMerge) that covers the 合计 row too, the code header spanning 类/款/项 (gridSpan), headers merged down two
   * rows, and 合计 spanning the four code and name columns.
   */
  async function mergedTotalTable(total: string) {
    const n = (t: string) => cell(t);
    return docxOf([
      new Paragraph("测试单位2024年度部门决算"),
      new Paragraph("第四部分 决算报表"),
      new Paragraph("一般公共预算财政拨款支出决算表"),
      new Paragraph("单位：万元"),
      new Table({
        rows: [
          new TableRow({ children: [cell("分组", { rowSpan: 2 }), cell("科目编码", { columnSpan: 3 }), cell("科目名称", { rowSpan: 2 }), cell("合计", { rowSpan: 2 }), cell("基本支出", { rowSpan: 2 }), cell("项目支出", { rowSpan: 2 })] }),
          new TableRow({ children: [n("类"), n("款"), n("项")] }),
          new TableRow({ children: [cell("一般公共预算", { rowSpan: 6 }), n("201"), n(""), n(""), n("一般公共服务支出"), n("139.99"), n("120.00"), n("19.99")] }),
          new TableRow({ children: [n("201"), n("03"), n("01"), n("行政运行"), n("120.00"), n("120.00"), n("")] }),
          new TableRow({ children: [n("201"), n("03"), n("02"), n("一般行政管理事务"), n("19.99"), n(""), n("19.99")] }),
          new TableRow({ children: [n("208"), n(""), n(""), n("社会保障和就业支出"), n("32.50"), n("32.50"), n("")] }),
          new TableRow({ children: [n("208"), n("05"), n("05"), n("机关事业单位基本养老保险缴费支出"), n("32.50"), n("32.50"), n("")] }),
          new TableRow({ children: [cell("合计", { columnSpan: 4 }), n(total), n("152.50"), n("19.99")] }),
        ],
      }),
    ]);
  }

  it("reads merged cells around a 合计 row into the right columns, with no false error", async () => {
    const doc = await mergedTotalTable("172.49");
    const table = doc.blocks.find((b) => b.kind === "table")!;
    if (table.kind !== "table") throw new Error("no table");
    // the group label's vertical merge covers rows 3–8: those rows carry one cell fewer
    expect(table.rows.map((r) => r.length)).toEqual([6, 3, 8, 7, 7, 7, 7, 4]);
    expect(table.rows[2]![0]).toMatchObject({ text: "一般公共预算", rowSpan: 6 });
    expect(table.rows[7]!.map((c) => [c.text, c.colSpan ?? 1])).toEqual([["合计", 4], ["172.49", 1], ["152.50", 1], ["19.99", 1]]);
    const { report, findings } = lintDocument(doc, "t.docx");
    const t = report.tables[0]!;
    const at = (row: number) => t.rows[row - 1]!.map((c) => [c.column, c.text]);
    expect(at(1)).toEqual([[1, "分组"], [2, "科目编码"], [5, "科目名称"], [6, "合计"], [7, "基本支出"], [8, "项目支出"]]);
    expect(at(2)).toEqual([[2, "类"], [3, "款"], [4, "项"]]);
    expect(at(4)).toEqual([[2, "201"], [3, "03"], [4, "01"], [5, "行政运行"], [6, "120.00"], [7, "120.00"], [8, ""]]);
    expect(at(8)).toEqual([[2, "合计"], [6, "172.49"], [7, "152.50"], [8, "19.99"]]);
    expect(t.rows[7]![1]!.number?.value.toFixed(2)).toBe("172.49");
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(findings.filter((f) => f.ruleId === "incomplete-reading")).toEqual([]);
  });

  it("checks that table: a wrong 合计 is an error that cites the 合计 cell in its column", async () => {
    const { findings } = lintDocument(await mergedTotalTable("172.59"), "t.docx");
    const errors = findings.filter((f) => f.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    // the header stands over its own columns (科目名称 is the side's second label column, after the merged 分组): the
    // 合计 column is named, and the 合计 = 基本支出 + 项目支出 relation catches the same slip
    expect(errors.map((f) => f.message)).toEqual([
      "一般公共预算财政拨款支出决算表：合计行（合计列）为172.59万元，而各类之和为172.49万元（201 一般公共服务支出 139.99 + 208 社会保障和就业支出 32.50），相差0.10万元",
      "一般公共预算财政拨款支出决算表：“合计”行的合计为172.59万元，而各组成列之和为172.49万元（基本支出 152.50 + 项目支出 19.99），相差0.10万元",
    ]);
    for (const f of errors) {
      const total = f.values.find((v) => v.text === "172.59");
      expect(total?.location.table).toMatchObject({ row: 8, column: 6 });
    }
  });

  it("returns text as written, not HTML-escaped, and joins a cell's paragraphs with line breaks", async () => {
    const doc = await docxOf([
      new Paragraph("A&B <c> “引号” >=1次"),
      new Table({ rows: [new TableRow({ children: [cell(">=1次"), cell("第一行\n第二行"), cell("")] })] }),
      new Paragraph({ children: [new TextRun("软回车前"), new TextRun({ text: "软回车后", break: 1 })] }),
    ]);
    expect(texts(doc.blocks)).toContain("A&B <c> “引号” >=1次");
    const table = doc.blocks.find((b) => b.kind === "table");
    expect(table?.kind === "table" && table.rows[0]!.map((c) => c.text)).toEqual([">=1次", "第一行\n第二行", ""]);
    // a soft line break splits the paragraph into two lines with the same paragraph number
    const lines = doc.blocks.filter((b) => b.kind === "text" && b.text.startsWith("软回车"));
    expect(lines.map((b) => (b.kind === "text" ? b.text : ""))).toEqual(["软回车前", "软回车后"]);
    expect(lines[0]!.place).toEqual(lines[1]!.place);
  });

  it("numbers paragraphs through table cells", async () => {
    const doc = await docxOf([
      new Paragraph("一"),
      new Paragraph(""),
      new Table({ rows: [new TableRow({ children: [cell("a\nb"), cell("c")] })] }),
      new Paragraph("二"),
    ]);
    const places = doc.blocks.map((b) => (b.kind === "text" ? `${b.text}@${b.place.paragraph}` : b.rows[0]!.map((c) => `${c.text}@${c.place.paragraph}`).join(",")));
    expect(places).toEqual(["一@1", "@2", "a\nb@3,c@5", "二@6"]);
  });

  it("synthesises the numbering Word generates for heading styles, so sections come out right", async () => {
    const doc = await docxOf([
      new Paragraph({ text: "某某局2024年度部门决算", heading: HeadingLevel.TITLE }),
      new Paragraph({ text: "单位概况", heading: HeadingLevel.HEADING_1 }),
      new Paragraph({ text: "主要职能", heading: HeadingLevel.HEADING_2 }),
      new Paragraph("负责全市金融工作。"),
      new Paragraph({ text: "部门决算情况说明", heading: HeadingLevel.HEADING_1 }),
      new Paragraph({ text: "收入支出决算总体情况", heading: HeadingLevel.HEADING_2 }),
      new Paragraph({ text: "二、收入决算情况说明", heading: HeadingLevel.HEADING_2 }),
      new Paragraph({ text: "财政拨款收入", heading: HeadingLevel.HEADING_3 }),
      new Paragraph({ text: "支出决算情况说明", heading: HeadingLevel.HEADING_2 }),
      new Paragraph({ text: "基本支出", heading: HeadingLevel.HEADING_3 }),
    ]);
    expect(texts(doc.blocks)).toEqual([
      "某某局2024年度部门决算",
      "第一部分 单位概况",
      "一、主要职能",
      "负责全市金融工作。",
      "第二部分 部门决算情况说明",
      "一、收入支出决算总体情况",
      "二、收入决算情况说明",
      "（一）财政拨款收入",
      "三、支出决算情况说明",
      "（一）基本支出",
    ]);
    const report = readReport(doc, "t.docx");
    expect(report.sections.slice(1).map((s) => `${s.level}${s.numbering}${s.title}`)).toEqual([
      "1第一部分单位概况",
      "2一、主要职能",
      "1第二部分部门决算情况说明",
      "2一、收入支出决算总体情况",
      "2二、收入决算情况说明",
      "3（一）财政拨款收入",
      "2三、支出决算情况说明",
      "3（一）基本支出",
    ]);
  });

  it("labels heading styles 一、/（一）/1. when the top headings are not parts", async () => {
    const doc = await docxOf([
      new Paragraph({ text: "部门职责", heading: HeadingLevel.HEADING_1 }),
      new Paragraph({ text: "主要职能", heading: HeadingLevel.HEADING_2 }),
      new Paragraph({ text: "职能一", heading: HeadingLevel.HEADING_3 }),
      new Paragraph({ text: "收支预算", heading: HeadingLevel.HEADING_1 }),
    ]);
    expect(texts(doc.blocks)).toEqual(["一、部门职责", "（一）主要职能", "1.职能一", "二、收支预算"]);
  });

  it("labels automatically numbered list paragraphs by level, but not text that already shows a number, nor cells", async () => {
    const doc = await docxOf(
      [
        new Paragraph({ text: "收入支出决算总体情况", numbering: { reference: "cn", level: 0 } }),
        new Paragraph({ text: "收入决算情况", numbering: { reference: "cn", level: 0 } }),
        new Paragraph({ text: "财政拨款收入", numbering: { reference: "cn", level: 1 } }),
        new Paragraph({ text: "一般公共预算", numbering: { reference: "cn", level: 2 } }),
        new Paragraph({ text: "（二）其他收入", numbering: { reference: "cn", level: 1 } }),
        new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph({ text: "100.00", numbering: { reference: "cn", level: 2 } })] })] })] }),
      ],
      true,
    );
    expect(texts(doc.blocks)).toEqual(["一、收入支出决算总体情况", "二、收入决算情况", "（一）财政拨款收入", "1.一般公共预算", "（二）其他收入"]);
    const table = doc.blocks.find((b) => b.kind === "table");
    expect(table?.kind === "table" && table.rows[0]![0]!.text).toBe("100.00");
  });

  it("writes Chinese numerals for labels", () => {
    expect([1, 9, 10, 11, 20, 21, 99].map(chineseNumber)).toEqual(["一", "九", "十", "十一", "二十", "二十一", "九十九"]);
  });
});
