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
// Output is deterministic (fixed zip and core.xml dates), so regenerating without changes gives identical files.
// Needs the dev dependency `docx`.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Document, Packer, Paragraph, TextRun, Table, TableRow, TableCell, WidthType } from "docx";
import { txtBlocks } from "../dist/src/parse/txt.js";
import { decodeText } from "../dist/src/parse/decode.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const srcDir = join(root, "fixtures");
const outDir = join(srcDir, "docx");
mkdirSync(outDir, { recursive: true });

// zip entry dates come from Date.now(); pin them so the fixtures do not change on every run
const FIXED = Date.UTC(2025, 0, 1);
Date.now = () => FIXED;
const CORE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>gouji make-docx-fixtures</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2025-01-01T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2025-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>`;

const para = (text) => new Paragraph({ children: text ? [new TextRun(text)] : [] });

function table(block) {
  const rows = block.rows.map(
    (cells) =>
      new TableRow({
        children: cells.map(
          (c) =>
            new TableCell({
              children: (c.text === "" ? [""] : c.text.split("\n")).map(para),
              ...(c.colSpan > 1 ? { columnSpan: c.colSpan } : {}),
              ...(c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}),
            }),
        ),
      }),
  );
  return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
}

const files = readdirSync(srcDir).filter((f) => f.endsWith(".txt")).sort();
for (const f of files) {
  const { text } = decodeText(readFileSync(join(srcDir, f)));
  const children = [];
  let prev;
  for (const b of txtBlocks(text)) {
    if (b.kind === "table") {
      if (prev?.kind === "table") children.push(para(""));
      children.push(table(b));
    } else children.push(para(b.text));
    prev = b;
  }
  // Word requires a paragraph after a final table
  if (prev?.kind === "table") children.push(para(""));
  const doc = new Document({
    creator: "gouji make-docx-fixtures",
    styles: { default: { document: { run: { font: { eastAsia: "宋体", ascii: "Times New Roman", hAnsi: "Times New Roman" }, size: 24 } } } },
    sections: [{ children }],
  });
  const buf = await Packer.toBuffer(doc, false, [{ path: "docProps/core.xml", data: CORE }]);
  const out = join(outDir, f.replace(/\.txt$/, ".docx"));
  writeFileSync(out, buf);
  console.log(`${out}  ${buf.length} bytes`);
}
