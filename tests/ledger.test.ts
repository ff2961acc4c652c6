/**
 * The reviewed ledger (tests/ledger/reviewed-errors.json): every error gouji reported on the shared real documents
 * (../shared/corpus, samples, seeds), judged against the printed page by a reviewer who did not write the code
 * (../shared/REVIEW.md). The suite fails when a confirmed error disappears, when a rejected one comes back, or when an
 * error appears that nobody has judged yet — judge it and add its row.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { needs } from "./support/skip.js";
import { checkFile } from "../src/runner.js";
import type { Finding } from "../src/engine/finding.js";
import { relationFamily } from "../src/engine/engine.js";

interface Row {
  file: string;
  ruleId: string;
  severity: string;
  values: string[];
  verdict: "REAL" | "FALSE" | "UNCLEAR";
  cause: string | null;
  evidence: string;
}

const SHARED = join(import.meta.dirname, "..", "..", "shared");
const DIRS = ["corpus", "corpus/web", "samples", "seeds"].map((d) => join(SHARED, d));
const ledger = JSON.parse(readFileSync(join(import.meta.dirname, "ledger", "reviewed-errors.json"), "utf8")) as Row[];

const key = (file: string, ruleId: string, values: string[]) => `${file}|${relationFamily(ruleId)}|${[...values].sort().join(",")}`;

const files = DIRS.filter(existsSync).flatMap((d) =>
  readdirSync(d)
    .filter((f) => /\.(pdf|txt|docx)$/i.test(f) && f !== "README.md")
    .map((f) => ({ name: f, path: join(d, f) })),
);

const shared = needs(SHARED, "../shared");
describe.skipIf(shared.skip)(shared.name("the reviewed ledger of errors on the shared real documents"), () => {
  it("keeps every confirmed error, brings back no rejected one, and leaves none unjudged", { timeout: 240_000 }, async () => {
    const errors = new Map<string, Finding & { file: string }>();
    const count = new Map<string, number>();
    for (const f of files) {
      const r = await checkFile(f.path, { timeoutMs: 120_000 });
      expect(r.error?.code ?? "ok", f.name).not.toBe("internal-error");
      for (const x of r.findings) {
        if (x.severity !== "error") continue;
        const k = key(f.name, x.ruleId, x.values.map((v) => v.text));
        errors.set(k, { ...x, file: f.name });
        count.set(k, (count.get(k) ?? 0) + 1);
      }
    }
    // a row judged a duplicate of another has the same numbers as the row it repeats: it holds when that
    // inconsistency is reported once
    const judged = ledger.filter((r) => r.cause !== "duplicate");
    const rows = new Map(judged.map((r) => [key(r.file, r.ruleId, r.values), r]));
    const lost = judged.filter((r) => r.verdict === "REAL" && !errors.has(key(r.file, r.ruleId, r.values)));
    const back = [
      ...judged.filter((r) => r.verdict === "FALSE" && errors.has(key(r.file, r.ruleId, r.values))),
      ...ledger.filter((r) => r.cause === "duplicate" && (count.get(key(r.file, r.ruleId, r.values)) ?? 0) > 1),
    ];
    const unjudged = [...errors.entries()].filter(([k]) => !rows.has(k)).map(([, x]) => `${x.file} ${x.ruleId} [${x.values.map((v) => v.text).join(" ")}] ${x.message}`);
    const real = [...errors.keys()].filter((k) => rows.get(k)?.verdict === "REAL").length;
    console.log(`ledger: ${errors.size} errors on ${files.length} files, ${real} confirmed real (${((100 * real) / Math.max(1, errors.size)).toFixed(1)} %)`);
    expect(lost.map((r) => `${r.file} ${r.ruleId} [${r.values.join(" ")}]`), "confirmed errors no longer reported").toEqual([]);
    expect(back.map((r) => `${r.file} ${r.ruleId} [${r.values.join(" ")}] (${r.cause})`), "rejected errors reported again").toEqual([]);
    expect(unjudged, "errors nobody has judged: review them (../shared/REVIEW.md) and add a row").toEqual([]);
  });
});

if (!existsSync(SHARED)) console.log(`ledger test skipped: ${SHARED} is not there (the shared real documents sit beside the repository)`);
