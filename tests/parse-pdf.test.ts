/**
 * The PDF parser on the real sample reports (facts checked by reading the PDFs) and on small hand-made PDFs in
 * tests/fixtures/pdf (see make-fixtures.mjs there): lines, page furniture, tables, bad input.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { needs } from "./support/skip.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Decimal } from "decimal.js";
import { parsePdf } from "../src/parse/pdf.js";
import { InputError, type SourceCell, type SourceDocument, type SourceTable, type SourceText } from "../src/parse/source.js";
import { buildLines, type Word } from "../src/parse/pdf/lines.js";
import { isPageNumber, removeFurniture } from "../src/parse/pdf/furniture.js";
import { lintDocument } from "../src/lint.js";
import { loadPdfjs } from "../src/parse/pdf/pdfjs.js";
import { WORKER_PATCHES } from "../src/parse/pdf/worker-patches.js";

const SAMPLES = join(import.meta.dirname, "..", "..", "shared", "samples");
const FIXTURES = join(import.meta.dirname, "fixtures", "pdf");
const samples = needs(join(SAMPLES, "上海市普陀区财政局-2024-部门决算.pdf"), "../shared/samples");

const read = (path: string) => new Uint8Array(readFileSync(path));
const parse = (path: string) => parsePdf(read(path), { timeoutMs: 60_000 });

const texts = (doc: SourceDocument) => doc.blocks.filter((b): b is SourceText => b.kind === "text");
const tables = (doc: SourceDocument) => doc.blocks.filter((b): b is SourceTable => b.kind === "table");
const cellTexts = (row: SourceCell[]) => row.map((c) => c.text);

/** the title line of a table: the nearest text line before it that is not the unit line */
function titleOf(doc: SourceDocument, table: SourceTable): string {
  const i = doc.blocks.indexOf(table);
  for (let k = i - 1; k >= 0; k--) {
    const b = doc.blocks[k]!;
    if (b.kind === "table") return "";
    if (!/单位[:：]/.test(b.text)) return b.text;
  }
  return "";
}

const byTitle = (doc: SourceDocument, title: string) => {
  const t = tables(doc).find((x) => titleOf(doc, x) === title);
  if (!t) throw new Error(`no table titled ${title}`);
  return t;
};

/** the row whose cell `col` reads `label` */
const rowOf = (t: SourceTable, label: string, col = 0) => {
  const r = t.rows.find((row) => row[col]?.text === label);
  if (!r) throw new Error(`no row ${label}`);
  return r;
};

/** an amount cell as a Decimal; an empty cell is no amount (0) */
const amount = (c: SourceCell | undefined) => new Decimal((c?.text ?? "").replace(/,/g, "") || "0");
const sum = (cells: (SourceCell | undefined)[]) => cells.reduce((s, c) => s.plus(amount(c)), new Decimal(0));

/** parts add up to the total within the rounding of 2-decimal figures: every term is ± 0.005 */
function expectSum(parts: (SourceCell | undefined)[], total: SourceCell | undefined) {
  const slack = new Decimal("0.005").times(parts.length + 1);
  const diff = sum(parts).minus(amount(total)).abs();
  expect(diff.lte(slack), `${parts.map((p) => p?.text || "0").join(" + ")} = ${sum(parts)} ≠ ${total?.text}`).toBe(true);
}

async function errorOf(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("no error");
}

// taken before any test loads pdfjs (it is loaded on the first parse)
const NATIVE = { push: Array.prototype.push, parse: JSON.parse, toString: Function.prototype.toString };

describe("lines from positioned text items", () => {
  const w = (text: string, x0: number, x1: number, y = 100, h = 10): Word => ({ text, x0, x1, y, h });

  it("keeps two numbers 0.5 em apart apart, and glues the pieces of one number", () => {
    const [line] = buildLines([w("12.00", 0, 25), w("3.50", 30, 48)], 1);
    expect(line!.text).toBe("12.00 3.50");
    expect(line!.segs.map((s) => s.text)).toEqual(["12.00", "3.50"]);
    expect(buildLines([w("13", 0, 10), w(",", 10, 13), w("377.11", 13, 40)], 1)[0]!.text).toBe("13,377.11");
  });

  it("puts nothing between CJK glyph runs, even letter-spaced ones", () => {
    expect(buildLines([w("项", 0, 10), w("目", 16, 26), w("支出", 32, 52)], 1)[0]!.text).toBe("项目支出");
    expect(buildLines([w("增加", 0, 20), w("3,226.63", 24, 60), w("万元", 64, 84)], 1)[0]!.text).toBe("增加3,226.63万元");
  });

  it("cuts a cell after a number at a small gap unless its unit follows", () => {
    const [tight] = buildLines([w("31,214,205.80", 0, 69), w("一、一般公共服务支出", 73, 193)], 1);
    expect(tight!.segs.map((s) => s.text)).toEqual(["31,214,205.80", "一、一般公共服务支出"]);
    const [unit] = buildLines([w("98.50", 0, 25), w("万元", 28, 48)], 1);
    expect(unit!.segs).toHaveLength(1);
  });

  it("cuts after an amount of two decimals at any visible gap before a Chinese word, not before its unit or in prose", () => {
    // 珠海's last figure column 0.8 pt from its goal column: "0.00企业增长信心活力…" was one cell
    const [cells] = buildLines([w("0.00", 528, 548.02), w("企业增长信心活力", 548.78, 628.78)], 1);
    expect(cells!.segs.map((s) => s.text)).toEqual(["0.00", "企业增长信心活力"]);
    expect(buildLines([w("20.00", 0, 25), w("万元", 25.8, 45.8)], 1)[0]!.segs).toHaveLength(1);
    expect(buildLines([w("2026", 0, 20), w("年预算", 20.8, 50.8)], 1)[0]!.segs).toHaveLength(1);
    expect(buildLines([w("减少", 0, 20), w("3.5", 20, 35), w("个百分点", 35.8, 75.8)], 1)[0]!.segs).toHaveLength(1);
  });

  it("groups items by baseline within 0.4 × font height", () => {
    expect(buildLines([w("甲", 0, 10, 100), w("乙", 12, 22, 103.5)], 1)).toHaveLength(1);
    expect(buildLines([w("甲", 0, 10, 100), w("乙", 12, 22, 105)], 1)).toHaveLength(2);
  });

  it("drops running heads that carry the page number, whatever else they say", () => {
    const pages = [1, 2, 3, 4].map((n) => ({
      page: n,
      height: 800,
      lines: buildLines(
        [w(n < 3 ? `第一章 概况 ${n + 2}` : `第二章 说明 ${n + 2}`, 300, 400, 30), w(["甲", "乙", "丙", "丁"][n - 1]! + "页正文。", 60, 400, 120)],
        n,
      ),
    }));
    removeFurniture(pages);
    expect(pages.map((p) => p.lines.map((l) => l.text))).toEqual([["甲页正文。"], ["乙页正文。"], ["丙页正文。"], ["丁页正文。"]]);
  });

  it("remembers the page number a page prints where it drops it: a paper reader names the page by it", () => {
    // a cover and a contents page unnumbered, then "- 1 -", "- 2 -" printed on the 3rd and 4th pages
    const pages = [1, 2, 3, 4].map((n) => ({ page: n, height: 800, lines: buildLines([w("正文。", 60, 120, 120), ...(n > 2 ? [w(`- ${n - 2} -`, 290, 310, 780)] : [])], n) }));
    expect([...removeFurniture(pages)]).toEqual([[3, "1"], [4, "2"]]);
    expect(pages.map((p) => p.lines.map((l) => l.text))).toEqual([["正文。"], ["正文。"], ["正文。"], ["正文。"]]);
  });

  it("keeps a table's code at the foot of a page, drops a page number standing apart", () => {
    // a narrow column's "219" / "援助" run down to the page's last lines, 10 pt apart (a PDF without page numbers)
    const cells = [w("217", 140, 152, 721, 7.5), w("金融", 140, 156, 731, 7.5), w("219", 140, 152, 752, 7.5), w("援助", 140, 156, 762, 7.5)];
    const table = { page: 6, height: 842, lines: buildLines(cells, 6) };
    removeFurniture([table]);
    expect(table.lines.map((l) => l.text)).toEqual(["217", "金融", "219", "援助"]);
    const numbered = { page: 6, height: 842, lines: buildLines([...cells.slice(0, 2), w("6", 295, 300, 800, 9)], 6) };
    removeFurniture([numbered]);
    expect(numbered.lines.map((l) => l.text)).toEqual(["217", "金融"]);
  });

  it("knows page numbers", () => {
    for (const s of ["- 3 -", "3", "第 3 页", "第3页 共18页", "3/18", "— 12 —"]) expect(isPageNumber(s), s).toBe(true);
    for (const s of ["2024年", "3.50", "合计"]) expect(isPageNumber(s), s).toBe(false);
  });
});

describe("hand-made PDFs", () => {
  // rotated-table: /Rotate 90 with the text drawn turned, upright on screen; sideways-table: /Rotate 270 with the
  // text drawn plainly, so on screen it runs upwards and the page has to be turned to be read
  it.each(["rotated-table.pdf", "sideways-table.pdf"])("reads %s upright and keeps the empty middle cell empty", async (file) => {
    const doc = await parse(join(FIXTURES, file));
    expect(doc.pages).toBe(1);
    const [t] = tables(doc);
    expect(t).toBeDefined();
    expect(t!.rows.map(cellTexts)).toEqual([
      ["项目", "预算数", "决算数", "差额"],
      ["一般公共服务支出", "100.00", "98.50", "1.50"],
      ["教育支出", "20.00", "", "20.00"],
      ["合计", "120.00", "98.50", "21.50"],
    ]);
    expect(titleOf(doc, t!)).toBe("测试收支决算表");
    expect(texts(doc).map((b) => b.text)).toEqual(["测试收支决算表", "单位：万元", "本年支出合计98.50万元，比上年增加1.50万元，增长1.55%。"]);
  });

  // 珠海's 项目支出表: cells centred vertically, a project's name and goal wrapped over several lines around its figures,
  // each first line indented; one-line rows between. Before, the name's halves were rows of their own beside a nameless
  // figure row, and a goal's line ending in "。" (prose to the line classifier) ended the table.
  it.each(["pdfium", "pdfjs"] as const)("joins cells wrapped around their row's figures into that row (%s)", async (pdfEngine) => {
    const doc = await parsePdf(read(join(FIXTURES, "centred-labels.pdf")), { timeoutMs: 60_000, pdfEngine });
    expect(tables(doc)).toHaveLength(1);
    const [t] = tables(doc);
    expect(t!.rows.map(cellTexts)).toEqual([
      ["项目名称", "合计", "财政拨款", "其他资金", "绩效目标"],
      ["合计", "1,589.34", "1,586.20", "3.14", ""],
      ["市特色会展产业链党委党建工作经费", "0.84", "0.00", "0.84", "通过配置辅助人员保障海关监管需要，更好助力服务地方经济发展，促进外贸保稳提质。"],
      ["口岸现场水电费", "1,205.22", "1,205.22", "0.00", ""],
      [
        "单位购置纳入固定资产核算范围的常用办公设备和家具",
        "2.30",
        "0.00",
        "2.30",
        "为了确保大桥口岸及大桥通关、通行安全、顺畅，预计开展对出境旅客通关安全检查工作，工作内容包括按照有关规定对出境旅客及行李物品实行安全检查，预计达到大桥口岸及大桥通关、通行安全的目的。",
      ],
      ["查验配套服务费", "50.00", "50.00", "0.00", "保障查验工作。"],
      ["珠海市内外经贸发展专项资金（加快港珠澳大桥经贸新通道建设促进现代物流业高质量发展事项）", "330.98", "330.98", "0.00", "保障口岸运转。"],
    ]);
  });

  // 湖州's “三公” table: header cells and the line numbering the columns centred in their cells, the figures flush
  // right, none overlapping the figures under it. Before, each number and header cell opened a column of its own
  // beside the figures' ("** | 1 | | 2 | 3 | | 4 …") and the 三公 items could not be told apart.
  it.each(["pdfium", "pdfjs"] as const)("puts a column-number line and centred header cells over the figures they head (%s)", async (pdfEngine) => {
    const doc = await parsePdf(read(join(FIXTURES, "numbered-columns.pdf")), { timeoutMs: 60_000, pdfEngine });
    const [t] = tables(doc);
    expect(t!.rows.map(cellTexts)).toEqual([
      ["单位名称", "“三公”经费", "因公出国(境)费", "公务用车购置及运行费", "公务接待费"],
      ["", "合计", "用", "", "公务用车购置", "公务用车运行", ""],
      ["", "", "", "小计", "费", "维护费", ""],
      ["**", "1", "2", "3", "4", "5", "6"],
      ["合计", "749.83", "", "698.30", "171.80", "526.50", "51.53"],
      ["湖州市交通运输局", "1.00", "", "", "", "", "1.00"],
      ["湖州市公路与运输管理中心", "748.83", "", "698.30", "171.80", "526.50", "50.53"],
    ]);
    expect(t!.rows[0]![3]!.colSpan).toBe(3);
  });

  it("drops running headers and page numbers and joins a table across a page break", async () => {
    const doc = await parse(join(FIXTURES, "continued.pdf"));
    expect(doc.pages).toBe(3);
    const all = texts(doc).map((b) => b.text);
    expect(all.some((s) => s.includes("测试单位2024年度部门决算"))).toBe(false);
    expect(all.some((s) => isPageNumber(s))).toBe(false);
    const ts = tables(doc);
    expect(ts).toHaveLength(1);
    const t = ts[0]!;
    // one header row (the one repeated on page 2 is dropped), 40 items, 合计
    expect(t.rows).toHaveLength(42);
    expect(t.rows.filter((r) => r[0]!.text === "科目编码")).toHaveLength(1);
    expect(t.rows[1]![0]!.place.page).toBe(1);
    expect(t.rows[41]![1]!.text).toBe("合计");
    expect(t.rows[41]![1]!.place.page).toBe(2);
    // every fourth item has no 项目支出: still five cells, the empty one empty
    expect(cellTexts(t.rows[1]!)).toEqual(["2010001", "测试项目1", "10.00", "10.00", ""]);
    const items = t.rows.slice(1, 41);
    for (const col of [2, 3, 4]) expectSum(items.map((r) => r[col]), t.rows[41]![col]);
    for (const r of items) expectSum([r[3], r[4]], r[2]);
    // a sentence broken by the page break: two lines, in order, nothing between, the first marked as wrapped
    const i = doc.blocks.findIndex((b) => b.kind === "text" && b.text.endsWith("支出决算为"));
    const [a, b] = [doc.blocks[i] as SourceText, doc.blocks[i + 1] as SourceText];
    expect([a.place.page, b.place.page]).toEqual([2, 3]);
    expect(b.text).toBe("1,285.50万元，完成年初预算的107.13%。");
    expect(a.wrapped).toBe(true);
  });

  it("refuses an encrypted PDF", async () => {
    const e = await errorOf(parse(join(FIXTURES, "encrypted.pdf")));
    expect(e.code).toBe("encrypted-pdf");
    expect(e.message).toMatch(/密码/);
  });

  it("refuses a scan without a text layer instead of guessing", async () => {
    const e = await errorOf(parse(join(FIXTURES, "scanned.pdf")));
    expect(e.code).toBe("no-text-layer");
    expect(e.message).toMatch(/OCR/);
  });

  it("refuses corrupt and truncated PDFs", async () => {
    expect((await errorOf(parse(join(FIXTURES, "corrupt.pdf")))).code).toBe("corrupt-pdf");
    expect((await errorOf(parse(join(FIXTURES, "truncated.pdf")))).code).toBe("corrupt-pdf");
    // the reader's English is not shown as it is: a known cause in Chinese, else quoted as the reader's words
    for (const f of ["corrupt.pdf", "truncated.pdf"]) expect((await errorOf(parse(join(FIXTURES, f)))).message).toMatch(/^PDF 文件已损坏[^A-Za-z]*(?:读取器原文：.*)?）$/);
  });

  it("puts back the built-ins pdfjs's core-js replaced, and keeps the ones it added", async () => {
    await parse(join(FIXTURES, "rotated-table.pdf"));
    expect(Array.prototype.push).toBe(NATIVE.push);
    expect(JSON.parse).toBe(NATIVE.parse);
    expect(Function.prototype.toString).toBe(NATIVE.toString);
    // Node 20 lacks these; pdfjs needs them
    expect(typeof (Promise as unknown as { withResolvers?: unknown }).withResolvers).toBe("function");
    expect(typeof (Uint8Array as unknown as { fromBase64?: unknown }).fromBase64).toBe("function");
  });

  // pdf.js bug reports: an Identity-H font without ToUnicode; pdfjs returns the glyph ids as control characters
  it("keeps digits without a Unicode mapping as U+FFFD and says so: one warning, never a clean-looking file", async () => {
    const doc = await parse(join(FIXTURES, "unmapped-digits.pdf"));
    expect(texts(doc).map((b) => b.text)).toContain("收入总计\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD万元，其中：本年收入合计\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD万元，");
    expect(doc.notices).toEqual([
      {
        code: "unmapped-glyphs",
        message: "第1页共有 24 个字符没有 Unicode 映射（PDF 字体缺少 ToUnicode 表），已以�代替；这些位置的数字无法读取，所在小节未参与核对",
        place: { page: 1 },
        snippet: "测试单位\uFFFD\uFFFD\uFFFD\uFFFD年度部门决算",
      },
    ]);
    // the sum printed there is wrong (216.30 ≠ 215.43 + 0.97 + 0.10), but no digit of it can be read: a warning
    // that says so, and no finding made of the parts that happen to be readable
    const { findings } = lintDocument(doc, "unmapped-digits.pdf");
    expect(findings.map((f) => [f.ruleId, f.severity, f.location.page])).toEqual([["incomplete-reading", "warning", 1]]);
  });

  it("refuses a text layer made of unmapped glyphs as no-text-layer, saying why", async () => {
    const e = await errorOf(parse(join(FIXTURES, "unmapped-text.pdf")));
    expect(e.code).toBe("no-text-layer");
    expect(e.message).toMatch(/没有 Unicode 映射.*37 个字符中有 37 个无法识别/);
  });

  it("reads a PDF that places every glyph on its own into whole lines, numbers and a table", async () => {
    const doc = await parse(join(FIXTURES, "per-glyph.pdf"));
    expect(texts(doc).map((b) => b.text)).toEqual([
      "测试单位2024年度部门决算",
      "第二部分 部门决算情况说明",
      "一、收入支出决算总体情况说明",
      "2024年度收入总计216.30万元，其中：本年收入合计215.43万元，",
      "使用非财政拨款结余0.00万元，年初结转和结余0.97万元。",
      "二、“三公”经费支出决算情况说明",
      "“三公”经费支出1,612.98万元，比上年减少20.50万元，下降1.26%。",
      "收入支出决算表",
      "单位：万元",
    ]);
    expect(tables(doc).map((t) => t.rows.map(cellTexts))).toEqual([
      [["项目", "金额"], ["财政拨款收入", "191.80"], ["其他收入", "23.63"], ["本年收入合计", "215.43"]],
    ]);
    // the numbers are read whole: the planted sum error is found, with the printed figures
    const { findings } = lintDocument(doc, "per-glyph.pdf");
    const sum = findings.filter((f) => f.ruleId === "breakdown-sum");
    expect(sum.map((f) => [f.severity, f.values.map((v) => v.text)])).toEqual([["error", ["216.30", "215.43", "0.00", "0.97"]]]);
    expect(findings.filter((f) => f.ruleId === "yoy-change").map((f) => f.values.map((v) => v.text))).toEqual([["1,612.98", "20.50", "1.26"]]);
  });

  it("applies every fix to pdfjs's worker bundle (a pdfjs upgrade that moves their code fails here)", async () => {
    const { workerPatches } = await loadPdfjs();
    expect(workerPatches).toEqual(WORKER_PATCHES.map((p) => p.id));
  });

  // unpatched, pdfjs spends 50 s and a quarter of a gigabyte on this 3 KB file (a damaged 4 MB font: minutes, OOM)
  it("gives up a damaged embedded CFF font at once and reads the text by its ToUnicode map", async () => {
    const started = Date.now();
    const doc = await parse(join(FIXTURES, "damaged-font.pdf"));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(texts(doc).map((b) => b.text)).toEqual(["测试单位2024年度部门决算", "收入总计216.30万元。"]);
  });

  // unpatched, V8 grows an array of widths for CIDs 1 … 1e308 until it aborts the whole process (no try/catch helps)
  it("reads a font whose /W and /W2 give a width to CIDs 1 … 1e308", async () => {
    const doc = await parse(join(FIXTURES, "huge-width-range.pdf"));
    expect(texts(doc).map((b) => b.text)).toEqual(["测试单位2024年度部门决算", "收入总计216.30万元。", "竖排"]);
  });

  it("leaves the caller's buffer intact", async () => {
    const buf = read(join(FIXTURES, "rotated-table.pdf"));
    const n = buf.byteLength;
    await parsePdf(buf);
    expect(buf.byteLength).toBe(n);
  });
});

describe.skipIf(samples.skip)(samples.name("上海市普陀区财政局 2024 部门决算"), () => {
  let doc: SourceDocument;
  beforeAll(async () => {
    doc = await parse(join(SAMPLES, "上海市普陀区财政局-2024-部门决算.pdf"));
  });

  it("has 25 pages and its sentences line by line, on the right page", () => {
    expect(doc.format).toBe("pdf");
    expect(doc.pages).toBe(25);
    const at = (text: string) => texts(doc).find((b) => b.text === text)?.place.page;
    expect(at("本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他")).toBe(21);
    expect(at("机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%。主要原因是")).toBe(24);
    // the table of contents on page 3 names it too
    expect(texts(doc).filter((b) => b.text === "第四部分名词解释").map((b) => b.place.page)).toEqual([3, 25]);
    // pdftotext puts the second line first; the lines come in reading order and the first one wraps
    const i = doc.blocks.findIndex((b) => b.kind === "text" && b.text === "本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；项目支出");
    expect((doc.blocks[i + 1] as SourceText).text).toBe("603.14万元，占20.51%；");
    expect((doc.blocks[i] as SourceText).wrapped).toBe(true);
  });

  it("finds the nine tables of 第二部分 with their titles and the unit line before each", () => {
    const nine = [
      "收入支出决算总表",
      "收入决算表",
      "支出决算表",
      "财政拨款收入支出决算总表",
      "一般公共预算财政拨款支出决算表",
      "一般公共预算财政拨款基本支出决算表",
      "财政拨款“三公”经费支出决算表",
      "政府性基金预算财政拨款收入支出决算表",
      "国有资本经营预算财政拨款收入支出决算表",
    ];
    const ts = tables(doc);
    // plus the small 单位构成 table on page 5
    expect(ts).toHaveLength(10);
    expect(ts.slice(1).map((t) => titleOf(doc, t))).toEqual(nine);
    expect(ts.slice(1).map((t) => t.place.page)).toEqual([6, 8, 10, 12, 15, 16, 18, 19, 20]);
    for (const t of ts.slice(1)) expect((doc.blocks[doc.blocks.indexOf(t) - 1] as SourceText).text).toBe("单位：万元");
    expect(ts[0]!.rows.map(cellTexts)).toEqual([
      ["序号", "单位名称", "备注"],
      ["1", "上海市普陀区财政局（本级）", ""],
      ["2", "上海市普陀区财政局财政所", "预算不单列，并入本级"],
      ["3", "上海市普陀区国库收付中心", "预算不单列，并入本级"],
    ]);
    // table rows are not text lines as well
    expect(texts(doc).some((b) => b.text.includes("一般行政管理事务") && b.text.includes("10.00") && b.place.page === 15)).toBe(false);
  });

  it("收入支出决算总表 (pages 6–7): totals add up, empty cells stay in place", () => {
    const t = byTitle(doc, "收入支出决算总表");
    expect(t.rows.every((r) => r.length === 4)).toBe(true);
    expect(t.rows[t.rows.length - 1]![0]!.place.page).toBe(7);
    const income = t.rows.filter((r) => /^[一二三四五六七八]、/.test(r[0]!.text));
    expect(income).toHaveLength(8);
    const spending = t.rows.filter((r) => /^[一二三四五六七八九十]+、/.test(r[2]!.text));
    expect(spending).toHaveLength(26);
    const incomeTotal = rowOf(t, "本年收入合计");
    expect(cellTexts(incomeTotal)).toEqual(["本年收入合计", "2,946.25", "本年支出合计", "2,940.05"]);
    expectSum(income.map((r) => r[1]), incomeTotal[1]);
    expectSum(spending.map((r) => r[3]), incomeTotal[3]);
    const grand = rowOf(t, "总计");
    expect(cellTexts(grand)).toEqual(["总计", "2,995.39", "总计", "2,995.39"]);
    expectSum([incomeTotal[1], rowOf(t, "使用非财政拨款结余（含专用结余）")[1], rowOf(t, "年初结转和结余")[1]], grand[1]);
    expectSum([incomeTotal[3], rowOf(t, "结余分配", 2)[3], rowOf(t, "年末结转和结余", 2)[3]], grand[3]);
    expect(cellTexts(rowOf(t, "二、政府性基金预算财政拨款收入"))).toEqual(["二、政府性基金预算财政拨款收入", "", "二、外交支出", ""]);
    expect(cellTexts(rowOf(t, "九、卫生健康支出", 2))).toEqual(["", "", "九、卫生健康支出", "60.99"]);
  });

  it("收入决算表 (pages 8–9): eleven columns, 本年收入合计 = 财政拨款收入 + 其他收入 on every row", () => {
    const t = byTitle(doc, "收入决算表");
    const header = t.rows[0]!.map((c) => c.text);
    expect(header.slice(4)).toEqual(["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]);
    const body = t.rows.filter((r) => /^\d{3}$/.test(r[0]!.text));
    expect(body).toHaveLength(19);
    for (const r of body) {
      expect(r).toHaveLength(11);
      expectSum([r[5], r[6], r[7], r[8], r[9], r[10]], r[4]);
    }
    expect(cellTexts(rowOf(t, "行政运行", 3))).toEqual(["201", "06", "01", "行政运行", "1,511.90", "1,511.89", "", "", "", "", "0.01"]);
    // a label on two lines is one cell
    expect(rowOf(t, "机关事业单位基本养老保险缴费支出", 3)[4]!.text).toBe("160.75");
    expect(rowOf(t, "购房补贴", 3)[0]!.place.page).toBe(9);
    const total = rowOf(t, "合计", 3);
    const classes = body.filter((r) => r[1]!.text === "");
    expect(classes.map((r) => r[0]!.text)).toEqual(["201", "208", "210", "221"]);
    for (const col of [4, 5, 10]) expectSum(classes.map((r) => r[col]), total[col]);
  });

  it("支出决算表 (pages 10–11): numbers printed half a line high still land in their row and column", () => {
    const t = byTitle(doc, "支出决算表");
    const body = t.rows.filter((r) => /^\d{3}$/.test(r[0]!.text));
    expect(body).toHaveLength(19);
    for (const r of [...body, rowOf(t, "合计", 3)]) expectSum([r[5], r[6], r[7], r[8], r[9]], r[4]);
    expect(cellTexts(rowOf(t, "行政运行", 3)).slice(4, 7)).toEqual(["1,511.89", "1,503.52", "8.37"]);
    expect(cellTexts(rowOf(t, "一般行政管理事务", 3)).slice(4, 7)).toEqual(["10.00", "", "10.00"]);
    expect(cellTexts(rowOf(t, "合计", 3)).slice(4, 7)).toEqual(["2,940.05", "2,336.91", "603.14"]);
  });

  it("财政拨款收入支出决算总表 (pages 12–13): 总计 = 本年收入合计 + 年初结转和结余", () => {
    const t = byTitle(doc, "财政拨款收入支出决算总表");
    const total = rowOf(t, "本年收入合计");
    const carried = rowOf(t, "年初财政拨款结转和结余");
    const grand = rowOf(t, "总计");
    expectSum([total[1], carried[1]], grand[1]);
    expectSum([total[3], carried[3]], grand[3]);
    // a label the page width wrapped is one cell
    expect(t.rows.some((r) => r[2]!.text === "二十六、抗疫特别国债安排的支出")).toBe(true);
    expect(grand[0]!.place.page).toBe(13);
  });

  it("一般公共预算财政拨款支出决算表 (page 15): 合计 = 基本支出 + 项目支出 and Σ 类 = 合计", () => {
    const t = byTitle(doc, "一般公共预算财政拨款支出决算表");
    const header = t.rows.find((r) => r.some((c) => c.text === "科目名称"))!;
    expect(header.map((c) => c.text).slice(4)).toEqual(["合计", "基本支出", "项目支出"]);
    const body = t.rows.filter((r) => /^\d{3}$/.test(r[0]!.text));
    for (const r of body) expectSum([r[5], r[6]], r[4]);
    const total = rowOf(t, "合计", 3);
    expectSum(body.filter((r) => !r[1]!.text).map((r) => r[4]), total[4]);
    expect(cellTexts(rowOf(t, "信息化建设", 3)).slice(4)).toEqual(["135.25", "", "135.25"]);
  });

  it("基本支出决算表 (pages 16–17): two halves side by side, 人员经费 and 公用经费 add up", () => {
    const t = byTitle(doc, "一般公共预算财政拨款基本支出决算表");
    expect(t.rows.every((r) => r.reduce((n, c) => n + (c.colSpan ?? 1), 0) === 8)).toBe(true);
    expect(t.rows[0]![0]).toMatchObject({ text: "经济分类", colSpan: 2 });
    const staff = t.rows.filter((r) => /^30[13]$/.test(r[0]!.text) && !r[1]!.text);
    const office = t.rows.filter((r) => /^3(02|10)$/.test(r[4]!.text) && !r[5]!.text);
    expect(staff.map((r) => r[2]!.text)).toEqual(["工资福利支出", "对个人和家庭的补助"]);
    expect(office.map((r) => r[6]!.text)).toEqual(["商品和服务支出", "资本性支出"]);
    const last = t.rows[t.rows.length - 1]!;
    expect(cellTexts(last)).toEqual(["", "", "人员经费合计", "2,152.26", "", "", "公用经费合计", "184.65"]);
    expect(last[0]!.place.page).toBe(17);
    expectSum(staff.map((r) => r[3]), last[3]);
    expectSum(office.map((r) => r[7]), last[7]);
    expect(cellTexts(rowOf(t, "因公出国（境）费用", 6))).toEqual(["301", "13", "住房公积金", "187.19", "302", "12", "因公出国（境）费用", ""]);
  });

  it("“三公”经费表 (page 18): twelve columns, the two 0.95 under 合计 预算数 and 公务接待费 预算数", () => {
    const t = byTitle(doc, "财政拨款“三公”经费支出决算表");
    const last = t.rows[t.rows.length - 1]!;
    expect(last).toHaveLength(12);
    expect(cellTexts(last)).toEqual(["0.95", "", "", "", "", "", "", "", "", "", "0.95", ""]);
    expect(cellTexts(t.rows[t.rows.length - 2]!)).toEqual(Array.from({ length: 6 }, () => ["预算数", "决算数"]).flat());
  });

  it("the two empty tables keep their 合计 row and the note after them", () => {
    for (const title of ["政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款收入支出决算表"]) {
      const t = byTitle(doc, title);
      const total = t.rows[t.rows.length - 1]!;
      expect(total.filter((c) => c.text).map((c) => c.text)).toEqual(["合计"]);
      const after = doc.blocks[doc.blocks.indexOf(t) + 1] as SourceText;
      expect(after.text).toMatch(/^注：.*故本表无数据。$/);
    }
  });
});

describe.skipIf(samples.skip)(samples.name("上海市普陀区财政局 2025 部门预算"), () => {
  let doc: SourceDocument;
  beforeAll(async () => {
    doc = await parse(join(SAMPLES, "上海市普陀区财政局-2025-部门预算.pdf"));
  });

  it("has 24 pages and nine tables, each after its title and 编制部门/单位 line", () => {
    expect(doc.pages).toBe(24);
    const ts = tables(doc);
    expect(ts.map((t) => titleOf(doc, t))).toEqual([
      "2025年部门财务收支预算总表",
      "2025年部门收入预算总表",
      "2025年部门支出预算总表",
      "2025年部门财政拨款收支预算总表",
      "2025年部门一般公共预算支出功能分类预算表",
      "2025年部门政府性基金预算支出功能分类预算表",
      "2025年部门国有资本经营预算支出功能分类预算表",
      "2025年部门一般公共预算基本支出部门预算经济分类预算表",
      "2025年部门“三公”经费和机关运行经费预算表",
    ]);
    for (const t of ts) expect((doc.blocks[doc.blocks.indexOf(t) - 1] as SourceText).text).toMatch(/^编制部门：上海市普陀区财政局 单位[:：](元|万元)$/);
    const at = (text: string) => texts(doc).find((b) => b.text === text)?.place.page;
    expect(at("2025年“三公”经费预算数为0.95万元，与2024年预算持平。其中：")).toBe(22);
  });

  it("财务收支预算总表: 收入总计 and 支出总计 add up", () => {
    const t = byTitle(doc, "2025年部门财务收支预算总表");
    const grand = rowOf(t, "收入总计");
    expect(cellTexts(grand)).toEqual(["收入总计", "31,214,205.80", "支出总计", "31,214,205.80"]);
    expectSum(t.rows.filter((r) => /^[一二三四]、/.test(r[0]!.text)).map((r) => r[1]), grand[1]);
    expectSum(t.rows.filter((r) => /^[一二三四]、/.test(r[2]!.text)).map((r) => r[3]), grand[3]);
    expect(cellTexts(rowOf(t, "2.政府性基金"))).toEqual(["2.政府性基金", "", "三、卫生健康支出", "782,164.00"]);
  });

  it("支出预算总表 (pages 12–13): one table, the repeated header dropped, 合计 = 基本支出 + 项目支出", () => {
    const t = byTitle(doc, "2025年部门支出预算总表");
    expect(t.rows.filter((r) => r.some((c) => c.text === "功能分类科目名称"))).toHaveLength(1);
    const body = t.rows.filter((r) => /^\d{3}$/.test(r[0]!.text));
    expect(body).toHaveLength(19);
    expect(body[body.length - 1]![0]!.place.page).toBe(13);
    for (const r of body) expectSum([r[5], r[6]], r[4]);
    const total = rowOf(t, "合计", 3);
    expect(cellTexts(total).slice(4)).toEqual(["31,214,205.80", "25,121,091.00", "6,093,114.80"]);
    expectSum(body.filter((r) => !r[1]!.text).map((r) => r[4]), total[4]);
    expect(cellTexts(rowOf(t, "一般行政管理事务", 3)).slice(4)).toEqual(["100,000.00", "", "100,000.00"]);
  });

  it("基本支出经济分类预算表 (pages 19–20): 合计 = Σ 类 = 人员经费 + 公用经费", () => {
    const t = byTitle(doc, "2025年部门一般公共预算基本支出部门预算经济分类预算表");
    const classes = t.rows.filter((r) => /^3\d\d$/.test(r[0]!.text) && !r[1]!.text);
    expect(classes.map((r) => r[0]!.text)).toEqual(["301", "302", "303", "310"]);
    const total = rowOf(t, "合计", 2);
    expect(total[0]!.place.page).toBe(20);
    for (const col of [3, 4, 5]) expectSum(classes.map((r) => r[col]), total[col]);
    expectSum([total[4], total[5]], total[3]);
  });

  it("“三公”经费 table: the amounts under 合计, 公务接待费 and 机关运行经费", () => {
    const t = byTitle(doc, "2025年部门“三公”经费和机关运行经费预算表");
    expect(cellTexts(t.rows[t.rows.length - 1]!)).toEqual(["0.95", "", "0.95", "", "", "", "229.43"]);
    expect(t.rows.some((r) => r[0]!.text === "合计")).toBe(true);
  });
});

describe.skipIf(samples.skip)(samples.name("江苏省政协办公厅 2019 部门预算"), () => {
  let doc: SourceDocument;
  beforeAll(async () => {
    doc = await parse(join(SAMPLES, "江苏省政协办公厅-2019-部门预算.pdf"));
  });

  it("has 18 pages, no page numbers in the text, and its lines whole", () => {
    expect(doc.pages).toBe(18);
    expect(texts(doc).some((b) => /^-\s*\d+\s*-$/.test(b.text))).toBe(false);
    const at = (text: string) => texts(doc).find((b) => b.text === text)?.place.page;
    // two runs overlap on this line; pdftotext splits it in two
    expect(at("江苏省政协办公厅2019年度收入、支出预算总计13,377.11")).toBe(9);
    // letter-spaced justified text
    expect(at("项目支出预算数为4,968.34万元。与上年相比增加")).toBe(10);
    expect(at("一般公共预算收入13,297.11万元，占99.4%；")).toBe(11);
  });

  it("prints no tables (its 第二部分 says they are attached separately)", () => {
    expect(tables(doc)).toHaveLength(0);
    expect(texts(doc).some((b) => b.text === "2019年度部门预算公开表附后。")).toBe(true);
  });
});

describe.skipIf(samples.skip)(samples.name("上海 部门决算 template 2024 and the time limit"), () => {
  it("reads the empty template tables as tables", async () => {
    const doc = await parse(join(SAMPLES, "上海-部门决算模板-2024.pdf"));
    expect(doc.pages).toBe(23);
    const t = byTitle(doc, "收入支出决算总表");
    expect(t.rows.every((r) => r.length === 4)).toBe(true);
    const body = t.rows.filter((r) => /^[一二三四五六七八九十]+、|合计|总计|结余|结转/.test(r[0]!.text + r[2]!.text));
    expect(body.length).toBeGreaterThanOrEqual(25);
    expect(body.every((r) => !r[1]!.text && !r[3]!.text)).toBe(true);
    expect(rowOf(t, "二十四、抗疫特别国债安排的支出", 2).map((c) => c.text)).toEqual(["", "", "二十四、抗疫特别国债安排的支出", ""]);
    expect(tables(doc).map((x) => titleOf(doc, x))).toContain("财政拨款“三公”经费支出决算表");
  });

  it("gives up at the time limit and still works afterwards", async () => {
    const buf = read(join(SAMPLES, "上海市普陀区财政局-2024-部门决算.pdf"));
    const e = await errorOf(parsePdf(buf, { timeoutMs: 1 }));
    expect(e.code).toBe("timeout");
    const doc = await parsePdf(read(join(FIXTURES, "rotated-table.pdf")), { timeoutMs: 30_000 });
    expect(tables(doc)).toHaveLength(1);
  });
});
