/**
 * No crash, ever, at the level of processes and threads: a rejection that pdfjs leaves unobserved on a damaged PDF
 * kills neither a plain `node` process that calls checkFile nor a worker of the CLI's pool. Both run the compiled
 * code (dist/, compiled from the current source by tests/support/build.ts before the run), as the CLI does.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { runPool } from "../src/cli/pool.js";
import type { FileResult } from "../src/runner.js";

const ROOT = join(import.meta.dirname, "..");
const DIST = join(ROOT, "dist", "src");

/**
 * continued.pdf (three pages) with the cross-reference entries of its first two page objects pointing at the
 * catalog. pdfjs prefetches every page dictionary while it checks the first page; both fetches fail, it rebuilds the
 * cross-reference table and reads all three pages, but the failed prefetch of page 2 is left unobserved — an
 * unhandled rejection (XRefEntryException "Bad (uncompressed) XRef entry: 9R") that Node turns into a crash.
 */
function brokenPageTree(): Buffer {
  const s = readFileSync(join(ROOT, "tests", "fixtures", "pdf", "continued.pdf")).toString("latin1");
  const at = s.lastIndexOf("\nxref\n") + 1;
  const rows = s.slice(at).split("\n");
  // rows: "xref", "0 13", then object 0, 1, 2 …; pages are objects 7, 9 and 11
  expect(s).toMatch(/\n7 0 obj\n<< \/Type \/Page\b/);
  expect(s).toMatch(/\n9 0 obj\n<< \/Type \/Page\b/);
  rows[2 + 7] = rows[2 + 1]!;
  rows[2 + 9] = rows[2 + 1]!;
  return Buffer.from(s.slice(0, at) + rows.join("\n"), "latin1");
}

let dir: string;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "gouji-no-crash-"));
  file = join(dir, "broken-page-tree.pdf");
  writeFileSync(file, brokenPageTree());
  return () => rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe("pdfjs's stray rejections", () => {
  // each spawns a process or a worker that loads PDFium and then pdfjs (PDFium cannot load the broken page): seconds
  // on a busy machine
  it("do not end a node process that calls checkFile; the pages are read", { timeout: 60_000 }, () => {
    const script = `const { checkFile } = await import(${JSON.stringify(pathToFileURL(join(DIST, "runner.js")).href)});
      const r = await checkFile(${JSON.stringify(file)});
      await new Promise((done) => setTimeout(done, 200));
      console.log(JSON.stringify({ status: r.status, pages: r.pages, code: r.error?.code }));`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 60_000 });
    expect(run.stderr).not.toMatch(/Unhandled|XRefEntryException/);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ status: "ok", pages: 3 });
  });

  it("do not kill a worker of the pool: the file is ok, not internal-error", { timeout: 60_000 }, async () => {
    const results: FileResult[] = [];
    const workerUrl = pathToFileURL(join(DIST, "cli", "worker.js"));
    for await (const r of runPool([file, file], { jobs: 1, timeoutMs: 60_000, workerUrl })) results.push(r);
    expect(results.map((r) => [r.status, r.error?.code, r.pages])).toEqual([
      ["ok", undefined, 3],
      ["ok", undefined, 3],
    ]);
  });
});
