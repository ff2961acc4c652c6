#!/usr/bin/env node
/**
 * Parser speed against the libraries underneath, in one process:
 *   node scripts/bench-parse.mjs [pdfDir=../shared/samples] [docxDir] [--runs=N] [--engine=pdfium|pdfjs|both]
 * For every .pdf: bare pdf-parse `new PDFParse({data}).getText()` vs our parsePdf (dist/, build first) reading with
 * PDFium, with pdfjs, or (default) each in turn.
 * For every .docx in docxDir (if dist/src/parse/docx.js exists): mammoth.convertToHtml vs our parseDocx.
 * Each measurement is the median of N runs (default 5) after one warm-up run of both; the two are interleaved (and
 * take turns going first) so neither profits from a warmer JIT. Prints wall and CPU ms, pages/s, MB/s and the ratios
 * ours / library. On a busy machine trust the CPU ratio more than the wall-clock one.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const runsArg = args.find((a) => a.startsWith("--runs="));
const runs = runsArg ? Math.max(1, Number(runsArg.slice(7))) : 5;
const engineArg = args.find((a) => a.startsWith("--engine="))?.slice(9) ?? "both";
const engines = engineArg === "both" ? ["pdfium", "pdfjs"] : [engineArg];
const [pdfDir = resolve(root, "../shared/samples"), docxDir] = args.filter((a) => !a.startsWith("--"));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** wall-clock and CPU milliseconds of one call (CPU time is what a busy machine distorts least) */
const time = async (fn) => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = await fn();
  const c = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpu: (c.user + c.system) / 1000, out };
};
const filesIn = (dir, ext) =>
  dir && existsSync(dir) && statSync(dir).isDirectory()
    ? readdirSync(dir).filter((f) => f.toLowerCase().endsWith(ext)).sort().map((f) => join(dir, f))
    : [];
const fmt = (n, d = 0) => n.toFixed(d).padStart(8);
const name = (f) => f.split("/").pop();

async function bench(label, files, base, ours, pagesOf) {
  if (!files.length) return;
  console.log(`\n${label}: ${runs} runs each, median; ratio = ours / base (wall, CPU)`);
  console.log(
    `${"file".padEnd(40)} ${"pages".padStart(5)} ${"MB".padStart(5)} ${"base ms".padStart(8)} ${"ours ms".padStart(8)} ${"base cpu".padStart(8)} ${"ours cpu".padStart(8)} ${"pages/s".padStart(7)} ${"MB/s".padStart(5)} ${"ratio".padStart(5)} ${"cpu r.".padStart(6)}`,
  );
  const tot = { b: 0, o: 0, bc: 0, oc: 0 };
  for (const f of files) {
    const buf = readFileSync(f);
    const mb = buf.length / 1048576;
    let pages = 0;
    try {
      await base(buf);
      pages = pagesOf(await ours(buf));
    } catch (e) {
      console.log(`${name(f).padEnd(40)} skipped: ${e.code ?? ""} ${e.message}`);
      continue;
    }
    const tb = [];
    const to = [];
    for (let i = 0; i < runs; i++) {
      // alternate which goes first, so neither always runs on a warmer heap
      if (i % 2) {
        to.push(await time(() => ours(buf)));
        tb.push(await time(() => base(buf)));
      } else {
        tb.push(await time(() => base(buf)));
        to.push(await time(() => ours(buf)));
      }
    }
    const b = median(tb.map((t) => t.ms));
    const o = median(to.map((t) => t.ms));
    const bc = median(tb.map((t) => t.cpu));
    const oc = median(to.map((t) => t.cpu));
    tot.b += b;
    tot.o += o;
    tot.bc += bc;
    tot.oc += oc;
    console.log(
      `${name(f).slice(0, 40).padEnd(40)} ${String(pages || "-").padStart(5)} ${mb.toFixed(2).padStart(5)} ${fmt(b, 1)} ${fmt(o, 1)} ${fmt(bc, 1)} ${fmt(oc, 1)} ${(pages ? ((pages / o) * 1000).toFixed(0) : "-").padStart(7)} ${((mb / o) * 1000).toFixed(1).padStart(5)} ${(o / b).toFixed(2).padStart(5)} ${(oc / bc).toFixed(2).padStart(6)}`,
    );
  }
  if (tot.b) {
    console.log(
      `${"total".padEnd(40)} ${"".padStart(5)} ${"".padStart(5)} ${fmt(tot.b, 1)} ${fmt(tot.o, 1)} ${fmt(tot.bc, 1)} ${fmt(tot.oc, 1)} ${"".padStart(7)} ${"".padStart(5)} ${(tot.o / tot.b).toFixed(2).padStart(5)} ${(tot.oc / tot.bc).toFixed(2).padStart(6)}`,
    );
  }
}

const pdfFiles = filesIn(pdfDir, ".pdf");
if (!pdfFiles.length) console.log(`no .pdf files in ${pdfDir}`);
else {
  const { PDFParse } = await import("pdf-parse");
  const { parsePdf } = await import(join(root, "dist/src/parse/pdf.js"));
  for (const pdfEngine of engines) {
    await bench(
      `PDF: pdf-parse getText() vs parsePdf reading with ${pdfEngine}`,
      pdfFiles,
      async (buf) => {
        const p = new PDFParse({ data: new Uint8Array(buf) });
        try {
          return await p.getText();
        } finally {
          await p.destroy();
        }
      },
      (buf) => parsePdf(new Uint8Array(buf), { timeoutMs: 120_000, pdfEngine }),
      (doc) => doc.pages ?? 0,
    );
  }
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
