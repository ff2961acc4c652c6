/**
 * No crash, ever: damaged copies of the real fixtures (txt, docx, pdf), made by seeded mutations (tests/fuzz-inputs.ts),
 * go through checkFile — the function each CLI worker runs — one by one. Every one must end as status "ok" (read as
 * the format it was made from: a damaged PDF is never taken for a text file) or as a failed result with a known code
 * and a Chinese message (corrupt-pdf, corrupt-docx, unknown-encoding, no-text-layer …), never internal-error or
 * out-of-memory, within the per-file time limit, and without an unhandled rejection other than pdfjs's own stray ones
 * (src/parse/pdf/pdfjs.ts).
 *
 * Deterministic: the seed is fixed (GOUJI_FUZZ_SEED overrides it; GOUJI_FUZZ_SCALE multiplies the number of cases, for
 * a longer run). A failure names the seed, the case and the mutation; GOUJI_FUZZ_KEEP=dir writes the failing inputs
 * there; GOUJI_FUZZ_VERBOSE=1 prints every input that is not read as what it is; GOUJI_FUZZ_TRACE=file appends each
 * case to that file before it runs and keeps its bytes beside it (for a crash that takes the process down).
 *
 * The inputs are small, so that 1,000 of them take about a minute: the first 200 lines of each .txt fixture, an
 * excerpt of each .docx fixture (its first paragraphs and first tables with their titles), pages 7, 9 and 21 of the
 * published PDF in fixtures/pdf (as two small PDFs) and four hand-made PDFs.
 *
 * The time limit is checked here after the fact: in one thread a synchronous loop cannot be interrupted, which is why
 * the CLI's pool enforces it from outside (tests/cli-pool.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import * as M from "./fuzz-inputs.js";
import { checkFile } from "../src/runner.js";
import { raisedInPdfjs } from "../src/parse/pdf/pdfjs.js";

const SEED = Number(process.env.GOUJI_FUZZ_SEED ?? 20261129);
const SCALE = Number(process.env.GOUJI_FUZZ_SCALE ?? 1);
const CASES = { txt: Math.round(450 * SCALE), docx: Math.round(250 * SCALE), pdf: Math.round(300 * SCALE) };
/**
 * The limit checkFile is given, and the most any one input may take. The slowest input takes about a second on a
 * quiet machine; the margin is for a busy one (the summary prints the slowest case).
 */
const TIME_LIMIT_MS = 20_000;

/** Every code a damaged file may end with: the file's own fault, said in Chinese. */
const EXPECTED_CODES = new Set([
  "corrupt-pdf",
  "encrypted-pdf",
  "no-text-layer",
  "corrupt-docx",
  "not-docx",
  "docx-too-large",
  "encrypted",
  "legacy-doc",
  "legacy-wps",
  "unsupported-format",
  "unknown-encoding",
  "binary-file",
  "empty-file",
]);

const ROOT = join(import.meta.dirname, "..");
const PDF_FIXTURES = join(ROOT, "tests", "fixtures", "pdf");

interface Case {
  index: number;
  format: "txt" | "docx" | "pdf";
  source: string;
  what: string;
  bytes: Uint8Array;
}

interface Sources {
  txt: { name: string; text: string }[];
  docx: { name: string; bytes: Uint8Array }[];
  pdf: { name: string; bytes: Uint8Array }[];
}

async function loadSources(): Promise<Sources> {
  const fixtures = join(ROOT, "fixtures");
  const shanghai = readdirSync(join(fixtures, "pdf")).find((f) => f.endsWith(".pdf"))!;
  const published = new Uint8Array(readFileSync(join(fixtures, "pdf", shanghai)));
  // pages of the published PDF: 编制说明 and the “三公” table; the 收支总表. Its own fonts, streams and xref, but small
  const excerpts = [
    { name: `${shanghai} pp. 7, 21`, bytes: M.keepPages(published, [7, 21]) },
    { name: `${shanghai} p. 9`, bytes: M.keepPages(published, [9]) },
  ];
  const handMade = ["continued.pdf", "rotated-table.pdf", "per-glyph.pdf", "unmapped-digits.pdf"].map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(PDF_FIXTURES, f))) }));
  const docx = readdirSync(join(fixtures, "docx"))
    .filter((f) => f.endsWith(".docx"))
    .sort();
  return {
    txt: readdirSync(fixtures)
      .filter((f) => f.endsWith(".txt"))
      .sort()
      .map((f) => ({ name: `${f} lines 1–200`, text: readFileSync(join(fixtures, f), "utf8").split("\n").slice(0, 200).join("\n") })),
    docx: await Promise.all(docx.map(async (f) => ({ name: `${f} excerpt`, bytes: await M.docxExcerpt(new Uint8Array(readFileSync(join(fixtures, "docx", f)))) }))),
    // the published excerpts three times as often as each hand-made file
    pdf: [...excerpts, ...excerpts, ...excerpts, ...handMade],
  };
}

/** The cases of one format, from their own stream of the seed (adding cases of one format leaves the others alone). */
async function* casesOf(format: Case["format"], sources: Sources, first: number): AsyncGenerator<Case> {
  const rng = M.prng(SEED ^ { txt: 0x7478, docx: 0x646f, pdf: 0x7064 }[format]);
  for (let i = 0; i < CASES[format]; i++) {
    const index = first + i;
    if (format === "txt") {
      const src = rng.pick(sources.txt);
      let text = src.text;
      const steps: string[] = [];
      if (rng.next() < 0.3) {
        const t = M.damageTextTable(rng, text);
        text = t.text;
        steps.push(t.what);
      }
      const enc = M.encodeText(rng, text);
      const m = rng.next() < 0.7 ? M.flipBytes(rng, enc.bytes, 40) : rng.pick(M.BYTE_MUTATIONS)(rng, enc.bytes);
      yield { index, format, source: src.name, what: [...steps, enc.encoding, m.what].join("; "), bytes: m.bytes };
    } else if (format === "docx") {
      const src = rng.pick(sources.docx);
      const m = rng.next() < 0.3 ? rng.pick(M.BYTE_MUTATIONS)(rng, src.bytes) : await rng.pick(M.DOCX_MUTATIONS)(rng, src.bytes);
      yield { index, format, source: src.name, what: m.what, bytes: m.bytes };
    } else {
      const src = rng.pick(sources.pdf);
      const m = rng.next() < 0.35 ? rng.pick(M.BYTE_MUTATIONS)(rng, src.bytes) : rng.pick(M.PDF_MUTATIONS)(rng, src.bytes);
      yield { index, format, source: src.name, what: m.what, bytes: m.bytes };
    }
  }
}

let dir: string;
let sources: Sources;
const outcomes = new Map<string, number>();
const times: Record<Case["format"], number> = { txt: 0, docx: 0, pdf: 0 };
let slowest = { ms: 0, what: "" };
let strayPdfjs = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "gouji-fuzz-"));
  sources = await loadSources();
  // load the parsers (pdfjs, mammoth) before the clock runs: the limit is per file, as in a CLI worker
  for (const [format, bytes] of [["docx", sources.docx[0]!.bytes], ["pdf", sources.pdf[0]!.bytes]] as const) {
    const path = join(dir, `warm-up.${format}`);
    writeFileSync(path, bytes);
    expect((await checkFile(path)).status).toBe("ok");
  }
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  const byCode = [...outcomes].sort((a, b) => a[0].localeCompare(b[0])).map(([k, n]) => `${k} ${n}`);
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `fuzz seed ${SEED}: ${byCode.join(", ")}; txt ${seconds(times.txt)}, docx ${seconds(times.docx)}, pdf ${seconds(times.pdf)}; ` +
      `slowest ${Math.round(slowest.ms)} ms (${slowest.what}); pdfjs stray rejections ignored: ${strayPdfjs}`,
  );
});

describe(`fuzz (seed ${SEED}: ${CASES.txt} txt, ${CASES.docx} docx, ${CASES.pdf} pdf damaged inputs)`, () => {
  it.each(["txt", "docx", "pdf"] as const)("%s: every damaged input ends ok or with a known code, in time", async (format) => {
    const problems: string[] = [];
    let current: Case | undefined;
    const ours: string[] = [];
    const onRejection = (reason: unknown) => {
      if (raisedInPdfjs(reason)) strayPdfjs++;
      else ours.push(`case ${current?.index}: ${(reason as Error)?.stack ?? String(reason)}`);
    };
    process.on("unhandledRejection", onRejection);
    const first = { txt: 0, docx: CASES.txt, pdf: CASES.txt + CASES.docx }[format];
    try {
      for await (const c of casesOf(format, sources, first)) {
        current = c;
        const path = join(dir, `case.${format}`);
        writeFileSync(path, c.bytes);
        // a crash of the whole process (a V8 fatal error) leaves no result: the trace names the case it died on
        if (process.env.GOUJI_FUZZ_TRACE) {
          appendFileSync(process.env.GOUJI_FUZZ_TRACE, `case ${c.index} (${format}, ${c.source}: ${c.what})\n`);
          writeFileSync(`${process.env.GOUJI_FUZZ_TRACE}.${format}`, c.bytes);
        }
        const started = performance.now();
        const r = await checkFile(path, { timeoutMs: TIME_LIMIT_MS });
        const ms = performance.now() - started;
        times[format] += ms;
        if (ms > slowest.ms) slowest = { ms, what: `case ${c.index}, ${c.source}: ${c.what}` };
        const outcome = r.status === "ok" ? "ok" : (r.error?.code ?? "no code");
        outcomes.set(`${format} ${outcome}`, (outcomes.get(`${format} ${outcome}`) ?? 0) + 1);
        if (process.env.GOUJI_FUZZ_VERBOSE && (r.status !== "ok" || r.format !== format)) console.log(`case ${c.index} (${c.source}: ${c.what}) → ${r.format} ${outcome}: ${r.error?.message ?? ""}`);
        // a damaged file of one format is never taken for another: a PDF whose header is broken is no text file
        const misread = r.status === "ok" && r.format !== format;
        const unexpected = r.status === "failed" && (!EXPECTED_CODES.has(outcome) || !/[\u4e00-\u9fff]/.test(r.error?.message ?? ""));
        if (unexpected || misread || (r.status === "ok" && r.error) || ms > TIME_LIMIT_MS) {
          problems.push(`seed ${SEED} case ${c.index} (${format}, ${c.source}: ${c.what}) → ${outcome} in ${Math.round(ms)} ms: ${r.error?.message ?? ""}`);
          if (process.env.GOUJI_FUZZ_KEEP) {
            mkdirSync(process.env.GOUJI_FUZZ_KEEP, { recursive: true });
            writeFileSync(join(process.env.GOUJI_FUZZ_KEEP, `${SEED}-${c.index}-${basename(c.source)}.${format}`), c.bytes);
          }
        }
      }
      // a rejection may surface a tick after its case
      await new Promise((done) => setTimeout(done, 50));
    } finally {
      process.off("unhandledRejection", onRejection);
    }
    expect(problems).toEqual([]);
    expect(ours).toEqual([]);
  }, 300_000);
});
