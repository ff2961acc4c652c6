// Builds tests/fixtures/pdf-from-docx/: the PDFs that LibreOffice makes from the .docx seeds, for the docx/pdf parity
// test (tests/parse-pdf-docx-parity.test.ts). CI has no LibreOffice, so the PDFs are committed; run this after
// changing fixtures/docx or scripts/make-docx-fixtures.mjs.
//
//   npx tsc -p . && node scripts/make-docx-fixtures.mjs && node scripts/make-pdf-from-docx.mjs
//
// For each seed NAME:
//   NAME.pdf        fixtures/docx/NAME.docx converted as it is;
//   NAME-split.docx the same report with every table pushed down its page so that it breaks onto the next one, every
//                   other table repeating its header rows on each page (buildDocx's `split` option);
//   NAME-split.pdf  that .docx converted.
//
// Needs `soffice` (Debian: apt-get install libreoffice-writer-nogui fonts-noto-cjk). LibreOffice stamps each PDF with
// its creation time, a random file ID and a checksum of both; they are overwritten with fixed values of the same
// length, so regenerating unchanged .docx files gives identical PDFs.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildDocx, seedBlocks, seedFiles } from "./make-docx-fixtures.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "tests", "fixtures", "pdf-from-docx");
mkdirSync(outDir, { recursive: true });

/** Converts .docx files to PDFs in `dir` with one soffice run (its start-up is most of the cost). */
export function toPdf(files, dir) {
  // a private profile: a second soffice (another user's, or a stale lock) cannot block this one
  const profile = mkdtempSync(join(tmpdir(), "gouji-soffice-"));
  try {
    execFileSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "pdf", "--outdir", dir, ...files], { stdio: "pipe" });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Overwrites the time, ID and checksum LibreOffice puts in a PDF with constants of the same length (offsets stay). */
export function pinPdf(path) {
  const bytes = readFileSync(path);
  const text = bytes.toString("latin1")
    .replace(/\/CreationDate\(D:\d{14}/g, "/CreationDate(D:20250101000000")
    .replace(/\/ID\s*\[\s*<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*\]/g, (m) => m.replace(/[0-9A-Fa-f](?=[0-9A-Fa-f]*>)/g, "0"))
    .replace(/\/DocChecksum \/[0-9A-F]+/g, (m) => "/DocChecksum /" + "0".repeat(m.length - 14));
  writeFileSync(path, Buffer.from(text, "latin1"));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const work = mkdtempSync(join(tmpdir(), "gouji-pdf-"));
  const inputs = [];
  for (const seed of seedFiles()) {
    const name = basename(seed).replace(/\.txt$/, "");
    const plain = join(work, `${name}.docx`);
    copyFileSync(join(root, "fixtures", "docx", `${name}.docx`), plain);
    const split = join(outDir, `${name}-split.docx`);
    writeFileSync(split, await buildDocx(seedBlocks(seed), { split: true }));
    inputs.push(plain, split);
  }
  toPdf(inputs, outDir);
  rmSync(work, { recursive: true, force: true });
  for (const f of readdirSync(outDir).filter((f) => f.endsWith(".pdf"))) pinPdf(join(outDir, f));
  for (const f of readdirSync(outDir).sort()) console.log(join(outDir, f));
}
