/**
 * The two PDF readers (src/parse/pdf.ts): PDFium (the default) and pdfjs (its fallback, and --pdf-engine pdfjs) must
 * give the same findings on every PDF we have — the hand-made fixtures, the seeds as PDFs LibreOffice made from the
 * Word fixtures, fixtures/pdf, ../shared/samples and ../shared/corpus — and read the same characters, in the same
 * blocks. Differences that are understood are listed in EXPLAINED, each with a check of what it is; any other
 * difference, or an explained one that went away, fails. Then the fallback: files PDFium cannot read are read by
 * pdfjs, and the error codes of unreadable files do not depend on the reader.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parsePdf, pdfReadingOf } from "../src/parse/pdf.js";
import type { PdfEngine } from "../src/parse/engines.js";
import { lintDocument } from "../src/lint.js";
import { InputError, type SourceDocument } from "../src/parse/source.js";
import type { Finding } from "../src/engine/finding.js";

const FIXTURES = join(import.meta.dirname, "fixtures");
const SHARED = join(import.meta.dirname, "..", "..", "shared");
const pdfsIn = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.toLowerCase().endsWith(".pdf"))
        .sort()
        .map((f) => join(dir, f))
    : [];
const OWN = [...pdfsIn(join(FIXTURES, "pdf")), ...pdfsIn(join(FIXTURES, "pdf-from-docx")), ...pdfsIn(join(import.meta.dirname, "..", "fixtures", "pdf"))];
const SHARED_PDFS = [...pdfsIn(join(SHARED, "samples")), ...pdfsIn(join(SHARED, "corpus"))];

type Reading = { doc?: SourceDocument; error?: string; findings: string[] };

async function read(path: string, pdfEngine: PdfEngine): Promise<Reading> {
  try {
    const doc = await parsePdf(new Uint8Array(readFileSync(path)), { timeoutMs: 120_000, pdfEngine });
    return { doc, findings: lintDocument(doc, path).findings.map(key).sort() };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { error: e.code, findings: [] };
  }
}

/** A finding as compared: severity, rule, the cited numbers as printed and the page. */
const key = (f: Finding) => `${f.severity} ${f.ruleId} [${f.values.map((v) => v.text).join(",")}] p${f.location.page ?? "-"}`;

/** every character of the document outside whitespace, in block order (table cells row by row) */
const characters = (doc: SourceDocument | undefined) =>
  (doc?.blocks ?? []).map((b) => (b.kind === "text" ? b.text : b.rows.flat().map((c) => c.text).join(""))).join("").replace(/\s+/g, "");
const shape = (doc: SourceDocument | undefined) => (doc?.blocks ?? []).map((b) => (b.kind === "text" ? "t" : `T${b.rows.length}`)).join("");

function cell(doc: SourceDocument | undefined, page: number, text: string): string[] | undefined {
  for (const b of doc?.blocks ?? []) {
    if (b.kind !== "table" || b.place?.page !== page) continue;
    const row = b.rows.find((r) => r.some((c) => c.text === text));
    if (row) return row.map((c) => c.text);
  }
  return undefined;
}

/**
 * Understood differences of the characters or blocks read (the findings never differ). Each checks what it is in
 * both readings.
 */
const EXPLAINED: Record<string, { why: string; check(pdfjs: Reading, pdfium: Reading): void }> = {
  "rw__珠海__2026年珠海市商务局部门预算.pdf": {
    why:
      "its tables set every cell in its own BT … ET with the same font and no q/Q: pdfjs merges a right-aligned figure " +
      "and the label 0.5 em after it in the next column into one item ('46,402.33 一、一般公共服务支出', one cell); " +
      "PDFium sees two text objects and ends the item between them, so the 收支总体情况表 reads in its four columns",
    check(pdfjs, pdfium) {
      expect(cell(pdfjs.doc, 6, "一、预算拨款")).toEqual(["一、预算拨款", "", "46,402.33 一、一般公共服务支出", "42,753.31"]);
      expect(cell(pdfium.doc, 6, "一、预算拨款")).toEqual(["一、预算拨款", "46,402.33", "一、一般公共服务支出", "42,753.31"]);
    },
  },
};

describe("PDFium and pdfjs give the same findings and read the same characters", () => {
  const files = [...OWN, ...SHARED_PDFS];
  it.each(files.map((f) => [f.split("/").pop()!, f]))("%s", { timeout: 180_000 }, async (name, path) => {
    const [pdfjs, pdfium] = [await read(path, "pdfjs"), await read(path, "pdfium")];
    expect(pdfium.error, "error code").toBe(pdfjs.error);
    expect(pdfium.findings, "findings").toEqual(pdfjs.findings);
    if (pdfium.doc) {
      // a file both read is read by PDFium itself, not by the fallback
      expect(pdfReadingOf(pdfium.doc)).toEqual({ reader: "pdfium" });
      expect(pdfReadingOf(pdfjs.doc!)).toEqual({ reader: "pdfjs" });
    }
    const explained = EXPLAINED[name];
    if (explained) {
      explained.check(pdfjs, pdfium);
      expect(characters(pdfium.doc) === characters(pdfjs.doc) && shape(pdfium.doc) === shape(pdfjs.doc), `${name} is no longer different: remove it from EXPLAINED`).toBe(false);
    } else {
      expect(characters(pdfium.doc), "characters").toBe(characters(pdfjs.doc));
      expect(shape(pdfium.doc), "blocks").toBe(shape(pdfjs.doc));
    }
  });

  it.skipIf(SHARED_PDFS.length > 0)("(../shared/samples and ../shared/corpus are not there: compared on this repository's PDFs only)", () => {});
});

/** fixtures/pdf/continued.pdf with the cross-reference entries of its first two pages pointing at the catalog */
function brokenPageTree(): Buffer {
  const s = readFileSync(join(FIXTURES, "pdf", "continued.pdf")).toString("latin1");
  const at = s.lastIndexOf("\nxref\n") + 1;
  const rows = s.slice(at).split("\n");
  rows[2 + 7] = rows[2 + 1]!;
  rows[2 + 9] = rows[2 + 1]!;
  return Buffer.from(s.slice(0, at) + rows.join("\n"), "latin1");
}

describe("pdfjs reads what PDFium cannot", () => {
  afterEach(() => {
    vi.doUnmock("../src/parse/pdf/pdfium.js");
    vi.doUnmock("../src/parse/pdf/pdfjs.js");
    vi.resetModules();
  });

  it("a page PDFium cannot load (its cross-reference entry is wrong): pdfjs rebuilds the table and reads all pages", async () => {
    const doc = await parsePdf(brokenPageTree(), { timeoutMs: 60_000 });
    expect(pdfReadingOf(doc)).toEqual({ reader: "pdfjs", fallbackFrom: { code: "corrupt-pdf", message: "PDF 文件已损坏：第 1 页无法读取" } });
    expect(doc.pages).toBe(3);
    expect(characters(doc)).toBe(characters(await parsePdf(readFileSync(join(FIXTURES, "pdf", "continued.pdf")), { pdfEngine: "pdfjs" })));
  });

  it("PDFium that cannot be loaded at all (its WebAssembly missing): every PDF is read by pdfjs", async () => {
    vi.doMock("../src/parse/pdf/pdfium.js", async (original) => ({
      ...(await original<typeof import("../src/parse/pdf/pdfium.js")>()),
      loadPdfium: () => Promise.reject(new Error("ENOENT: pdfium.wasm")),
    }));
    const { parsePdf: parse, pdfReadingOf: readingOf } = await import("../src/parse/pdf.js");
    const doc = await parse(readFileSync(join(FIXTURES, "pdf", "rotated-table.pdf")));
    expect(readingOf(doc)).toEqual({ reader: "pdfjs", fallbackFrom: { code: "corrupt-pdf", message: "PDFium 无法加载（读取器原文：ENOENT: pdfium.wasm）" } });
    expect(doc.blocks.some((b) => b.kind === "table")).toBe(true);
  });

  it("a scan (every page an image, no text object) is no-text-layer without pdfjs; a text layer of unmapped glyphs asks pdfjs", async () => {
    vi.doMock("../src/parse/pdf/pdfjs.js", async (original) => ({
      ...(await original<typeof import("../src/parse/pdf/pdfjs.js")>()),
      loadPdfjs: () => Promise.reject(new Error("pdfjs must not be loaded")),
    }));
    const { parsePdf: parse } = await import("../src/parse/pdf.js");
    await expect(parse(readFileSync(join(FIXTURES, "pdf", "scanned.pdf")))).rejects.toMatchObject({ code: "no-text-layer" });
    // unmapped-text.pdf has text objects: PDFium's no-text-layer goes to pdfjs, here unable to load
    await expect(parse(readFileSync(join(FIXTURES, "pdf", "unmapped-text.pdf")))).rejects.toThrow("pdfjs must not be loaded");
  });

  it("PDFium failing inside a page (a trap of its WebAssembly): pdfjs reads the file, the next file gets a fresh PDFium", async () => {
    let calls = 0;
    vi.doMock("../src/parse/pdf/pdfium.js", async (original) => {
      const real = await original<typeof import("../src/parse/pdf/pdfium.js")>();
      return {
        ...real,
        openPdfium: (p: Parameters<typeof real.openPdfium>[0], bytes: Uint8Array) => {
          const doc = real.openPdfium(p, bytes);
          if (calls++ > 0) return doc;
          return { ...doc, readPage: () => { throw new WebAssembly.RuntimeError("unreachable"); } };
        },
      };
    });
    const { parsePdf: parse, pdfReadingOf: readingOf } = await import("../src/parse/pdf.js");
    const file = readFileSync(join(FIXTURES, "pdf", "continued.pdf"));
    const first = await parse(file);
    expect(readingOf(first)).toEqual({ reader: "pdfjs", fallbackFrom: { code: "corrupt-pdf", message: "PDF 文件已损坏：第 1 页无法读取（读取器原文：unreachable）" } });
    const second = await parse(file);
    expect(readingOf(second)).toEqual({ reader: "pdfium" });
    expect(characters(second)).toBe(characters(first));
  });
});

describe("unreadable PDFs keep their error codes with either reader", () => {
  const cases: [string, string][] = [
    ["encrypted.pdf", "encrypted-pdf"],
    ["corrupt.pdf", "corrupt-pdf"],
    ["truncated.pdf", "corrupt-pdf"],
    ["scanned.pdf", "no-text-layer"],
    ["unmapped-text.pdf", "no-text-layer"],
  ];
  for (const engine of ["pdfium", "pdfjs"] as const) {
    it.each(cases)(`${engine}: %s is %s`, { timeout: 60_000 }, async (file, code) => {
      const e = await parsePdf(readFileSync(join(FIXTURES, "pdf", file)), { pdfEngine: engine, timeoutMs: 60_000 }).then(
        () => undefined,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).code).toBe(code);
    });
  }

  it("an empty buffer and a PDF header with nothing after it are corrupt-pdf with either reader", async () => {
    for (const engine of ["pdfium", "pdfjs"] as const) {
      for (const bytes of [Buffer.alloc(0), Buffer.from("%PDF-1.7\n%%EOF\n", "latin1")]) {
        await expect(parsePdf(bytes, { pdfEngine: engine })).rejects.toMatchObject({ code: "corrupt-pdf" });
      }
    }
  });
});
