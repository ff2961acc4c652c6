// Builds fixtures/docx/<name>.docx from each fixtures/<name>.txt, with real Word tables.
//
//   npx tsc -p . && node scripts/make-docx-fixtures.mjs
//
// The .txt is read with gouji's own txt parser (dist/src/parse/txt.js), so the .docx holds exactly the blocks the
// .txt does: one Word paragraph per text line (blank lines included, leading spaces kept), one Word table per table,
// one cell per cell (rows keep their own cell count, as the txt exports do; a multi-line cell becomes one Word
// paragraph per line). Two tables that follow each other directly get an empty paragraph between them, because
// Word would otherwise join them into one.
//
// Tables are laid out as a Word author would: 10.5 pt (五号) text (smaller for very wide tables), amounts
// right-aligned, and column widths fitted to their content within the page (numbers and codes never wrap, Chinese
// labels may), instead of a grid of equal columns in which a 16-column table breaks "255.68" over three lines.
// Widths and fonts are invisible to the parsers (mammoth reads cells, not geometry), so the .docx still holds exactly
// the blocks of the .txt; they matter for the PDFs made from these files (scripts/make-pdf-from-docx.mjs, which also
// uses buildDocx for variants whose tables break across pages).
//
// Output is deterministic (fixed zip and core.xml dates), so regenerating without changes gives identical files.
// Needs the dev dependency `docx`.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { basename, join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { AlignmentType, Document, Packer, Paragraph, TextRun, Table, TableRow, TableCell, TableLayoutType, WidthType } from "docx";
import { txtBlocks } from "../dist/src/parse/txt.js";
import { decodeText } from "../dist/src/parse/decode.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const srcDir = join(root, "fixtures");
const outDir = join(srcDir, "docx");

// zip entry dates come from Date.now(); pinned while packing so the fixtures do not change on every run
const FIXED = Date.UTC(2025, 0, 1);
const CORE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>gouji make-docx-fixtures</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2025-01-01T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2025-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>`;

const para = (text) => new Paragraph({ children: text ? [new TextRun(text)] : [] });

/**
 * Table text size (half-points) and cell margin (twips, each side), tried in turn until the table fits: 10.5 pt (五号),
 * then 9 pt, then 7.5 pt, always with Word's default 0.08-inch margins (narrower ones would run the texts of
 * neighbouring cells together, which no author sees as a table either).
 */
const TABLE_STYLES = [
  { size: 21, margin: 115 },
  { size: 18, margin: 115 },
  { size: 15, margin: 115 },
];
/** A4 portrait less the docx package's default 1-inch margins. */
const PAGE_TEXT_TWIPS = 11906 - 2 * 1440;
/** an amount or a rate, right-aligned (codes such as "201" or "03" stay left) */
const AMOUNT = /^[-−]?[\d,]*\d(?:\.\d+%?|%)$|^[-−]?\d{1,3}(?:,\d{3})+$/;
const HAN = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’…—（）]/;

/** Width of a text in ems: Chinese glyphs one em, Latin letters and digits half of one. */
function ems(text) {
  let w = 0;
  for (const ch of text) w += HAN.test(ch) ? 1 : 0.5;
  return w;
}

/**
 * Column widths fitted to the content, as an author would drag them: a number, code or Latin word never breaks, so
 * each grid column gets at least its widest one ("hard" width); Chinese text may wrap, down to two characters a line
 * ("soft" width). What the page has left goes to the columns by how much wider their longest lines (up to 16
 * characters) would like to be, weighted by how many rows fill them (a column only a header row reaches gets
 * little). A table whose hard widths do not fit at 10.5 pt is set smaller (TABLE_STYLES). Rows keep their own cell
 * count (cell k of a row lies on grid column k). Returns the text size, the cell margin and the widths in twips.
 */
function layout(block) {
  const n = Math.max(...block.rows.map((r) => r.reduce((k, c) => k + (c.colSpan ?? 1), 0)));
  const hard = Array(n).fill(1);
  const soft = Array(n).fill(0);
  const want = Array(n).fill(1);
  const used = Array(n).fill(0);
  for (const row of block.rows) {
    let col = 0;
    for (const c of row) {
      const span = c.colSpan ?? 1;
      if (span === 1) {
        for (const line of c.text.split("\n")) {
          const t = line.trim();
          const w = ems(t);
          if (HAN.test(t)) soft[col] = Math.max(soft[col], Math.min(w, 2));
          else hard[col] = Math.max(hard[col], w);
          want[col] = Math.max(want[col], Math.min(w, 16));
        }
        if (c.text.trim()) used[col]++;
      }
      col += span;
    }
  }
  const need = hard.map((h, i) => Math.max(h, soft[i]));
  const style = TABLE_STYLES.find((t) => need.reduce((a, b) => a + b, 0) * t.size * 10 <= PAGE_TEXT_TWIPS - 2 * n * t.margin) ?? TABLE_STYLES[TABLE_STYLES.length - 1];
  const em = style.size * 10;
  const room = PAGE_TEXT_TWIPS - 2 * n * style.margin;
  const base = need.map((w) => w * em);
  const sumBase = base.reduce((a, b) => a + b, 0);
  const extra = want.map((w, i) => Math.max(0, w * em - base[i]) * used[i]);
  const sumExtra = extra.reduce((a, b) => a + b, 0);
  const left = room - sumBase;
  const widths =
    left <= 0
      ? base.map((w) => (w * room) / sumBase)
      : base.map((w, i) => w + (sumExtra > 0 ? (left * extra[i]) / sumExtra : left / n));
  return { ...style, widths: widths.map((w) => Math.round(w + 2 * style.margin)) };
}

/** The rows above a table's first figure (at most four): what Word repeats on each page when asked to. */
function headerRowCount(block) {
  const first = block.rows.findIndex((r) => r.some((c) => /\d\.\d/.test(c.text)));
  return first < 0 ? 0 : Math.min(first, 4);
}

function table(block, repeatHeader = false) {
  const { size, margin, widths } = layout(block);
  const headerRows = repeatHeader ? headerRowCount(block) : 0;
  const rows = block.rows.map((cells, r) => {
    let col = 0;
    return new TableRow({
      ...(r < headerRows ? { tableHeader: true } : {}),
      children: cells.map((c) => {
        const span = c.colSpan ?? 1;
        const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
        col += span;
        const amount = AMOUNT.test(c.text.trim());
        return new TableCell({
          width: { size: width, type: WidthType.DXA },
          children: (c.text === "" ? [""] : c.text.split("\n")).map(
            (t) => new Paragraph({ alignment: amount ? AlignmentType.RIGHT : AlignmentType.LEFT, children: t ? [new TextRun({ text: t, size })] : [] }),
          ),
          ...(c.colSpan > 1 ? { columnSpan: c.colSpan } : {}),
          ...(c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}),
        });
      }),
    });
  });
  return new Table({
    rows,
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins: { left: margin, right: margin, marginUnitType: WidthType.DXA },
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
  });
}

/** Space above the title of a table in the split variant, in turn (twips; the page holds about 13,950). */
const SPLIT_SPACING = [8200, 9600, 7400, 10400, 8800];

/**
 * A .docx (bytes) holding the blocks of a seed. With `split`, every table is pushed down its page so that it breaks
 * onto the next one: an empty paragraph with a page break and a large space before it goes in front of the table's
 * title lines (up to three short lines right above it), and every other table repeats its header rows (the rows
 * before its first figure) at the top of each page, as Word's "重复标题行" does. Empty paragraphs change no finding:
 * the model skips blank lines.
 */
export async function buildDocx(blocks, { split = false } = {}) {
  const children = [];
  let prev;
  let tableNo = 0;
  blocks.forEach((b, i) => {
    if (b.kind === "table") {
      if (prev?.kind === "table") children.push(para(""));
      if (split) {
        let k = children.length;
        for (let j = i - 1, n = 0; j >= 0 && n < 3 && blocks[j].kind === "text" && blocks[j].text.trim().length <= 60; j--) {
          k--;
          if (blocks[j].text.trim()) n++;
        }
        const spacer = new Paragraph({ pageBreakBefore: true, spacing: { before: SPLIT_SPACING[tableNo % SPLIT_SPACING.length] }, children: [] });
        children.splice(k, 0, spacer);
      }
      children.push(table(b, split && tableNo % 2 === 1));
      tableNo++;
    } else children.push(para(b.text));
    prev = b;
  });
  // Word requires a paragraph after a final table
  if (prev?.kind === "table") children.push(para(""));
  const doc = new Document({
    creator: "gouji make-docx-fixtures",
    styles: { default: { document: { run: { font: { eastAsia: "宋体", ascii: "Times New Roman", hAnsi: "Times New Roman" }, size: 24 } } } },
    sections: [{ children }],
  });
  const now = Date.now;
  Date.now = () => FIXED;
  try {
    return await Packer.toBuffer(doc, false, [{ path: "docProps/core.xml", data: CORE }]);
  } finally {
    Date.now = now;
  }
}

/** The blocks of a seed text, as gouji's txt parser reads them. */
export function seedBlocks(path) {
  return txtBlocks(decodeText(readFileSync(path)).text);
}

/** The seed texts, sorted. */
export const seedFiles = () => readdirSync(srcDir).filter((f) => f.endsWith(".txt")).sort().map((f) => join(srcDir, f));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(outDir, { recursive: true });
  for (const f of seedFiles()) {
    const buf = await buildDocx(seedBlocks(f));
    const out = join(outDir, basename(f).replace(/\.txt$/, ".docx"));
    writeFileSync(out, buf);
    console.log(`${out}  ${buf.length} bytes`);
  }
}
