// Measures recall on injected errors in PDFs made from Word: changes one printed amount at a time in a .docx (a table
// cell, or a narrative sentence), converts the changed .docx to PDF with LibreOffice, and counts how often gouji
// reports an error that the unchanged PDF does not have. The same changed .docx is checked too, so the figures say
// how much of what the .docx reveals the PDF reveals.
//
//   npx tsc -p . && node scripts/inject-pdf.mjs fixtures/docx/*.docx [--cells N] [--sentences N] [--verbose] [--keep DIR]
//
// Per file, N table cells (default 12) and N sentence amounts (default 8) are taken evenly spread over the document.
// A table cell is a cell whose whole text is an amount with decimals ("202.74"); a sentence amount is one in 万元 or %
// in a paragraph outside tables, not inside an explanation (主要原因…), as scripts/inject.mjs does for .txt. The k-th
// change of a file adds 0.1, adds 0.30 (30 units of the last digit) or multiplies by 1.1, in turn. The .docx is
// edited in word/document.xml (the generated fixtures keep a cell's or paragraph's text in one run).
//
// Needs `soffice` (see scripts/make-pdf-from-docx.mjs). Takes about two seconds per change on two cores.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import JSZip from "jszip";
import { checkFile } from "../dist/src/runner.js";
import { scanNumbers } from "../dist/src/model/numbers.js";
import { toPdf } from "./make-pdf-from-docx.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const verbose = args.includes("--verbose");
const nCells = Number(opt("--cells", 12));
const nSentences = Number(opt("--sentences", 8));
const keep = opt("--keep", undefined);
const files = args.filter((a, i) => a.endsWith(".docx") && !["--cells", "--sentences", "--keep"].includes(args[i - 1]));

const TABLE_AMOUNT = /^-?[\d,]*\d\.\d+$/;

/** Text runs of the main document: offsets of their text, and whether they lie inside a table. */
function runsOf(xml) {
  const runs = [];
  let depth = 0;
  const re = /<w:tbl>|<\/w:tbl>|<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g;
  for (const m of xml.matchAll(re)) {
    if (m[0] === "<w:tbl>") depth++;
    else if (m[0] === "</w:tbl>") depth--;
    else runs.push({ start: m.index + m[0].indexOf(">") + 1, text: m[1], inTable: depth > 0 });
  }
  return runs;
}

const unescape = (s) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/** Candidate numbers: { offset in the XML, printed text, kind } */
function candidates(xml) {
  const cells = [];
  const sentences = [];
  for (const r of runsOf(xml)) {
    if (r.inTable) {
      const t = r.text.trim();
      if (TABLE_AMOUNT.test(t)) cells.push({ at: r.start + r.text.indexOf(t), text: t, kind: "cell", context: t });
      continue;
    }
    // entities are rare in these texts; skip a run that has any rather than map offsets
    if (r.text.includes("&") || !/万元|%/.test(r.text)) continue;
    for (const n of scanNumbers(r.text)) {
      if (!(n.unit === "万元" || n.unit === "%")) continue;
      const before = r.text.slice(0, n.start);
      const reason = before.lastIndexOf("原因");
      if (reason >= 0 && !/[。；]/.test(before.slice(reason))) continue;
      sentences.push({ at: r.start + n.start, text: n.text, kind: "sentence", context: unescape(r.text.slice(Math.max(0, n.start - 24), n.end + 8)) });
    }
  }
  return { cells, sentences };
}

/** n items spread evenly over a list */
function spread(list, n) {
  if (list.length <= n) return list;
  return Array.from({ length: n }, (_, k) => list[Math.floor(((k + 0.5) * list.length) / n)]);
}

/** The k-th change of a printed number (kept at its decimals), as inject.mjs makes them. */
function mutate(raw, k) {
  const plain = raw.replace(/,/g, "");
  const d = plain.includes(".") ? plain.length - plain.indexOf(".") - 1 : 0;
  const v = Number(plain); // only to build the changed text, never to check anything
  const fmt = (x) => (x < 0 ? "-" : "") + Math.abs(x).toFixed(d);
  const options = [];
  if (d >= 1) options.push(fmt(v + 10 ** -(d - 1)));
  options.push(fmt(v + 10 ** -d * 30 + (d === 0 ? 1 : 0)));
  if (Math.abs(v) >= 1) options.push(fmt(v * 1.1));
  const out = options.filter((m) => m !== plain);
  return out[k % out.length];
}

const errorKeys = (result) => result.findings.filter((f) => f.severity === "error").map((f) => `${f.ruleId}|${f.message}`);
/** errors of `after` that `before` does not have (as many times as they appear) */
function newErrors(before, after) {
  const left = [...before];
  return after.filter((k) => {
    const i = left.indexOf(k);
    if (i >= 0) {
      left.splice(i, 1);
      return false;
    }
    return true;
  });
}

const totals = { cell: { n: 0, docx: 0, pdf: 0, both: 0 }, sentence: { n: 0, docx: 0, pdf: 0, both: 0 } };
for (const file of files) {
  const work = keep ? join(keep, basename(file, ".docx")) : mkdtempSync(join(tmpdir(), "gouji-inject-"));
  mkdirSync(work, { recursive: true });
  const bytes = readFileSync(file);
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file("word/document.xml").async("string");
  const { cells, sentences } = candidates(xml);
  const chosen = [...spread(cells, nCells), ...spread(sentences, nSentences)];
  const mutants = [];
  for (const [k, c] of chosen.entries()) {
    const to = mutate(c.text, k);
    if (!to) continue;
    const changed = xml.slice(0, c.at) + to + xml.slice(c.at + c.text.length);
    zip.file("word/document.xml", changed);
    const path = join(work, `m${String(k).padStart(3, "0")}.docx`);
    writeFileSync(path, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    mutants.push({ ...c, to, path });
  }
  const base = join(work, "base.docx");
  writeFileSync(base, bytes);
  toPdf([base, ...mutants.map((m) => m.path)], work);
  const baseDocx = errorKeys(await checkFile(base));
  const basePdf = errorKeys(await checkFile(base.replace(/\.docx$/, ".pdf")));
  const per = { cell: { n: 0, docx: 0, pdf: 0, both: 0 }, sentence: { n: 0, docx: 0, pdf: 0, both: 0 } };
  for (const m of mutants) {
    const inDocx = newErrors(baseDocx, errorKeys(await checkFile(m.path))).length > 0;
    const inPdf = newErrors(basePdf, errorKeys(await checkFile(m.path.replace(/\.docx$/, ".pdf")))).length > 0;
    const t = per[m.kind];
    t.n++;
    if (inDocx) t.docx++;
    if (inPdf) t.pdf++;
    if (inDocx && inPdf) t.both++;
    if (verbose && inDocx !== inPdf) console.log(`  ${inPdf ? "PDF ONLY " : "PDF MISS "} ${m.kind} ${m.text} → ${m.to}: ${m.context}`);
    else if (verbose && !inDocx) console.log(`  MISS BOTH ${m.kind} ${m.text} → ${m.to}: ${m.context}`);
  }
  const line = (k) => `${per[k].pdf}/${per[k].n} (docx ${per[k].docx}/${per[k].n}, pdf finds ${per[k].both} of the docx's ${per[k].docx})`;
  console.log(`${file}: table cells ${line("cell")}; sentences ${line("sentence")}`);
  for (const k of ["cell", "sentence"]) for (const f of ["n", "docx", "pdf", "both"]) totals[k][f] += per[k][f];
  if (!keep) rmSync(work, { recursive: true, force: true });
}
const pct = (a, b) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
for (const [k, name] of [["cell", "table cells"], ["sentence", "sentences"]]) {
  const t = totals[k];
  console.log(`ALL ${name}: pdf ${t.pdf}/${t.n} (${pct(t.pdf, t.n)}), docx ${t.docx}/${t.n} (${pct(t.docx, t.n)}), pdf finds ${t.both} of the docx's ${t.docx} (${pct(t.both, t.docx)})`);
}
const all = { n: totals.cell.n + totals.sentence.n, pdf: totals.cell.pdf + totals.sentence.pdf, docx: totals.cell.docx + totals.sentence.docx };
console.log(`ALL: pdf ${all.pdf}/${all.n} (${pct(all.pdf, all.n)}), docx ${all.docx}/${all.n} (${pct(all.docx, all.n)})`);
