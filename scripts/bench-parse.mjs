#!/usr/bin/env node
/**
 * Parser speed against the libraries underneath, in one process:
 *   node scripts/bench-parse.mjs [pdfDir=../shared/samples] [docxDir] [--runs=N]
 * For every .pdf: bare pdf-parse `new PDFParse({data}).getText()` vs our parsePdf (dist/, build first).
 * For every .docx in docxDir (if dist/src/parse/docx.js exists): mammoth.convertToHtml vs our parseDocx.
 * Each measurement is the median of N runs (default 5) after one warm-up run of both; the two are interleaved so
 * neither profits from a warmer JIT. Prints ms, pages/s, MB/s and the ratio ours / library.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const runsArg = args.find((a) => a.startsWith("--runs="));
const runs = runsArg ? Math.max(1, Number(runsArg.slice(7))) : 5;
const [pdfDir = resolve(root, "../shared/samples"), docxDir] = args.filter((a) => !a.startsWith("--"));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (fn) => {
  const t0 = performance.now();
  const out = await fn();
  return { ms: performance.now() - t0, out };
};
const filesIn = (dir, ext) =>
  dir && existsSync(dir) && statSync(dir).isDirectory()
    ? readdirSync(dir).filter((f) => f.toLowerCase().endsWith(ext)).sort().map((f) => join(dir, f))
    : [];
const fmt = (n, d = 0) => n.toFixed(d).padStart(8);
const name = (f) => f.split("/").pop();

async function bench(label, files, base, ours, pagesOf) {
  if (!files.length) return;
  console.log(`\n${label}: ${runs} runs each, median`);
  console.log(`${"file".padEnd(44)} ${"pages".padStart(5)} ${"MB".padStart(6)} ${"base ms".padStart(8)} ${"ours ms".padStart(8)} ${"pages/s".padStart(8)} ${"MB/s".padStart(8)} ${"ratio".padStart(6)}`);
  let sumBase = 0;
  let sumOurs = 0;
  for (const f of files) {
    const buf = readFileSync(f);
    const mb = buf.length / 1048576;
    let pages = 0;
    try {
      await base(buf);
      pages = pagesOf(await ours(buf));
    } catch (e) {
      console.log(`${name(f).padEnd(44)} skipped: ${e.code ?? ""} ${e.message}`);
      continue;
    }
    const tb = [];
    const to = [];
    for (let i = 0; i < runs; i++) {
      tb.push((await time(() => base(buf))).ms);
      to.push((await time(() => ours(buf))).ms);
    }
    const b = median(tb);
    const o = median(to);
    sumBase += b;
    sumOurs += o;
    console.log(
      `${name(f).slice(0, 44).padEnd(44)} ${String(pages || "-").padStart(5)} ${mb.toFixed(2).padStart(6)} ${fmt(b, 1)} ${fmt(o, 1)} ${fmt(pages ? (pages / o) * 1000 : 0)} ${fmt((mb / o) * 1000, 1)} ${(o / b).toFixed(2).padStart(6)}`,
    );
  }
  if (sumBase) console.log(`${"total".padEnd(44)} ${"".padStart(5)} ${"".padStart(6)} ${fmt(sumBase, 1)} ${fmt(sumOurs, 1)} ${"".padStart(8)} ${"".padStart(8)} ${(sumOurs / sumBase).toFixed(2).padStart(6)}`);
}

const pdfFiles = filesIn(pdfDir, ".pdf");
if (!pdfFiles.length) console.log(`no .pdf files in ${pdfDir}`);
else {
  const { PDFParse } = await import("pdf-parse");
  const { parsePdf } = await import(join(root, "dist/src/parse/pdf.js"));
  await bench(
    "PDF: pdf-parse getText() vs parsePdf",
    pdfFiles,
    async (buf) => {
      const p = new PDFParse({ data: new Uint8Array(buf) });
      try {
        return await p.getText();
      } finally {
        await p.destroy();
      }
    },
    (buf) => parsePdf(new Uint8Array(buf), { timeoutMs: 120_000 }),
    (doc) => doc.pages ?? 0,
  );
}

const docxJs = join(root, "dist/src/parse/docx.js");
const docxFiles = filesIn(docxDir, ".docx");
if (!existsSync(docxJs)) console.log("\n(docx: dist/src/parse/docx.js not built, skipped)");
else if (!docxFiles.length) console.log(`\n(docx: no .docx files${docxDir ? ` in ${docxDir}` : "; pass a folder as the second argument"}, skipped)`);
else {
  const { default: mammoth } = await import("mammoth");
  const { parseDocx } = await import(docxJs);
  await bench(
    "DOCX: mammoth.convertToHtml vs parseDocx",
    docxFiles,
    (buf) => mammoth.convertToHtml({ buffer: buf }),
    (buf) => parseDocx(new Uint8Array(buf), { timeoutMs: 120_000 }),
    () => 0,
  );
}
