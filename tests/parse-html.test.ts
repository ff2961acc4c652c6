/**
 * Saved web pages: read into the same model as the .docx of the same text (tests/fixtures/html, made from
 * fixtures/docx by scripts/make-html-fixtures.mjs, in UTF-8 and in GB18030), with the page's furniture left out.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import iconv from "iconv-lite";
import { checkFile } from "../src/runner.js";
import { parseDocument } from "../src/parse/index.js";
import { declaredCharset, decodeHtml } from "../src/parse/html.js";
import type { SourceDocument, SourceTable } from "../src/parse/source.js";
import type { Finding } from "../src/engine/finding.js";

const ROOT = join(import.meta.dirname, "..");
const SEEDS = ["000_da983fdeaa8df527", "001_f95c47898c697abf", "002_b4db3b08202be5bf", "003_e112f6c15a12741b", "004_51fca168845c9e65"];
const html = (seed: string) => join(ROOT, "tests", "fixtures", "html", `${seed}.html`);
const docx = (seed: string) => join(ROOT, "fixtures", "docx", `${seed}.docx`);

/** a finding as rule, level and the cited numbers as printed: what must not depend on the file format */
const key = (f: Finding) => `${f.ruleId} ${f.severity} ${f.values.map((v) => `${v.role}=${v.text}${v.unit}`).join(" ")}`;
const texts = (d: SourceDocument) => d.blocks.flatMap((b) => (b.kind === "text" ? [b.text] : b.rows.flatMap((r) => r.map((c) => c.text))));
const tables = (d: SourceDocument) => d.blocks.filter((b): b is SourceTable => b.kind === "table");
const parse = async (file: string, bytes?: Uint8Array) => parseDocument(bytes ?? new Uint8Array(readFileSync(file)), file);

describe("a saved web page gives the findings of the .docx of the same text", () => {
  it.each(SEEDS)("%s", async (seed) => {
    const [fromHtml, fromDocx] = await Promise.all([checkFile(html(seed)), checkFile(docx(seed))]);
    expect(fromHtml.status).toBe("ok");
    expect(fromHtml.format).toBe("html");
    const shown = (fs: Finding[]) => fs.filter((f) => f.severity !== "info").map(key).sort();
    expect(shown(fromHtml.findings)).toEqual(shown(fromDocx.findings));
    expect(fromHtml.findings.length).toBeGreaterThan(0);
    expect([fromHtml.organisation, fromHtml.year, fromHtml.kind]).toEqual([fromDocx.organisation, fromDocx.year, fromDocx.kind]);
  });

  it("a page LibreOffice saved from the .docx (File › Save As › HTML, tests/fixtures/html/libreoffice) gives its findings too", async () => {
    const seed = "004_51fca168845c9e65";
    const [fromHtml, fromDocx] = await Promise.all([checkFile(join(ROOT, "tests", "fixtures", "html", "libreoffice", `${seed}.html`)), checkFile(docx(seed))]);
    const shown = (fs: Finding[]) => fs.filter((f) => f.severity !== "info").map(key).sort();
    expect(shown(fromHtml.findings)).toEqual(shown(fromDocx.findings));
    expect(fromHtml.findings.map((f) => f.ruleId)).toContain("perf-cost");
  });

  it("reads the tables as tables, cell for cell, and leaves the page's furniture out", async () => {
    for (const seed of SEEDS) {
      const [h, d] = await Promise.all([parse(html(seed)), parse(docx(seed))]);
      // a browser shows a run of spaces as one ("收     入" in Word is "收 入" on the page)
      const cells = (x: SourceDocument) => tables(x).map((t) => t.rows.map((r) => r.map((c) => c.text.replace(/ +/g, " "))));
      expect(cells(h)).toEqual(cells(d));
      const all = texts(h).join("\n");
      for (const furniture of ["首页", "搜索", "当前位置", "相关链接", "版权所有", "本站共访问", "siteId", "stat.js", "font-size"]) expect(all).not.toContain(furniture);
      // the body's text, line for line
      expect(texts(h).map((t) => t.replace(/ +/g, " ")).filter((t) => t.trim())).toEqual(texts(d).map((t) => t.replace(/ +/g, " ").trim()).filter(Boolean));
    }
  });
});

describe("encodings", () => {
  it("reads the charset a page declares, in either meta form or an XML declaration", () => {
    expect(declaredCharset('<meta charset="GBK">')).toBe("gb18030");
    expect(declaredCharset('<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />')).toBe("gb18030");
    expect(declaredCharset("<?xml version='1.0' encoding='UTF-8'?>")).toBe("utf-8");
    expect(declaredCharset('<meta charset="big5">')).toBe("big5");
    expect(declaredCharset("<p>no charset</p>")).toBeUndefined();
  });

  it("decodes GB18030 with and without a declaration, UTF-8 with a BOM, and a page whose declaration is wrong", () => {
    const page = "<html><body><p>2024年部门决算：本年收入215.43万元。</p></body></html>";
    const gb = iconv.encode(page, "gb18030");
    expect(decodeHtml(gb).text).toBe(page);
    const declared = iconv.encode(page.replace("<body>", '<head><meta charset="gb2312"></head><body>'), "gb18030");
    expect(decodeHtml(declared).text).toContain("本年收入215.43万元");
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page)]);
    expect(decodeHtml(bom).text).toBe(page);
    // says UTF-8, is GBK: the bytes decide
    const lying = iconv.encode(page.replace("<body>", '<head><meta charset="utf-8"></head><body>'), "gb18030");
    expect(decodeHtml(lying).text).toContain("本年收入215.43万元");
  });
});

describe("html structure", () => {
  const doc = (body: string) => parse("t.html", new Uint8Array(Buffer.from(`<!DOCTYPE html><html><body>${body}</body></html>`)));

  it("keeps spans, unclosed cells and <br> lines as a browser shows them", async () => {
    const d = await doc(
      "<p>一、收入<br>本年收入215.43万元</p><table><tr><td rowspan=2>项目<td colspan=2>金额<tr><td>1.00<td>2.00</table><div>合计  3.00&nbsp;万元</div>",
    );
    expect(d.blocks.filter((b) => b.kind === "text").map((b) => [b.kind === "text" && b.text, b.place.paragraph])).toEqual([
      ["一、收入", 1],
      ["本年收入215.43万元", 1],
      ["合计 3.00 万元", 6],
    ]);
    const [t] = tables(d);
    expect(t!.rows.map((r) => r.map((c) => [c.text, c.colSpan ?? 1, c.rowSpan ?? 1, c.place.paragraph]))).toEqual([
      [["项目", 1, 2, 2], ["金额", 2, 1, 3]],
      [["1.00", 1, 1, 4], ["2.00", 1, 1, 5]],
    ]);
  });

  it("reads a layout table's cells as paragraphs, and a caption as the title above its table", async () => {
    const d = await doc("<table><tr><td><p>标题</p><table><caption>表1 收入表</caption><tr><td>a</td><td>1.00</td></tr></table></td></tr></table>");
    expect(d.blocks.map((b) => (b.kind === "text" ? b.text : `table ${b.rows.length}x${b.rows[0]!.length}`))).toEqual(["标题", "表1 收入表", "table 1x2"]);
  });

  it("leaves out scripts, styles, navigation, hidden text and page headers and footers, but not an article's own header", async () => {
    const d = await doc(
      '<header>网站头部</header><nav>导航</nav><div class="main-menu">菜单</div><div style="display: none">隐藏</div><div role="navigation">角色</div>' +
        "<article><header><h1>某局2024年度部门决算</h1></header><p>正文</p><footer>文末说明</footer></article><footer>版权所有</footer><script>脚本()</script><style>p{}</style>",
    );
    expect(texts(d)).toEqual(["某局2024年度部门决算", "正文", "文末说明"]);
  });
});
