/**
 * The reviewed ledger (tests/ledger/reviewed-errors.json): every error gouji reported on the shared real documents
 * (../shared/corpus, samples, seeds), judged against the printed page by a reviewer who did not write the code
 * (../shared/REVIEW.md). The suite fails when a confirmed error disappears, when a rejected one comes back, or when an
 * error appears that nobody has judged yet — judge it and add its row. Beside it, the warnings a reviewer judged on
 * 2026-11-29 (tests/ledger/reviewed-warnings.json, 46 rows): none judged noise may come back, none judged useful may
 * be lost.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
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

/** A warning judged against the printed page (REVIEW.md): useful (an inconsistency or a true gap) or noise. */
interface WarningRow {
  id: string;
  file: string;
  crossDocument: boolean;
  ruleId: string;
  values: string[];
  message: string;
  verdict: "USEFUL-INCONSISTENCY" | "USEFUL-GAP" | "NOISE";
  reason: string;
  /** a noise verdict the project keeps on purpose, and why */
  kept?: string;
}
const warningLedger = JSON.parse(readFileSync(join(import.meta.dirname, "ledger", "reviewed-warnings.json"), "utf8")) as WarningRow[];

const key = (file: string, ruleId: string, values: string[]) => `${file}|${relationFamily(ruleId)}|${[...values].sort().join(",")}`;

const files = DIRS.filter(existsSync).flatMap((d) =>
  readdirSync(d)
    .filter((f) => /\.(pdf|txt|docx)$/i.test(f) && f !== "README.md")
    .map((f) => ({ name: f, path: join(d, f) })),
);

const shared = needs(SHARED, "../shared");
/** Every file's findings, checked once for both ledgers. */
const results: { name: string; findings: Finding[] }[] = [];

describe.skipIf(shared.skip)(shared.name("the reviewed ledger of errors on the shared real documents"), () => {
  beforeAll(async () => {
    for (const f of files) {
      const r = await checkFile(f.path, { timeoutMs: 120_000 });
      expect(r.error?.code ?? "ok", f.name).not.toBe("internal-error");
      results.push({ name: f.name, findings: r.findings });
    }
  }, 240_000);

  it("keeps every confirmed error, brings back no rejected one, and leaves none unjudged", () => {
    const errors = new Map<string, Finding & { file: string }>();
    const count = new Map<string, number>();
    for (const { name, findings } of results) {
      for (const x of findings) {
        if (x.severity !== "error") continue;
        const k = key(name, x.ruleId, x.values.map((v) => v.text));
        errors.set(k, { ...x, file: name });
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

  it("brings back no warning a reviewer judged noise, and loses no useful one (tests/ledger/reviewed-warnings.json)", () => {
    // a warning is found again by its numbers, or, when it cites none (a missing table, a placeholder), by its message
    const wkey = (file: string, ruleId: string, values: string[], message: string) => `${file}|${ruleId}|${values.length ? [...values].sort().join(",") : message}`;
    const shown = new Set<string>();
    for (const { name, findings } of results) {
      for (const x of findings) if (x.severity !== "info") shown.add(wkey(name, x.ruleId, x.values.map((v) => v.text), x.message));
    }
    const single = warningLedger.filter((r) => !r.crossDocument);
    const back = single.filter((r) => r.verdict === "NOISE" && !r.kept && shown.has(wkey(r.file, r.ruleId, r.values, r.message)));
    const lost = single.filter((r) => r.verdict !== "NOISE" && !shown.has(wkey(r.file, r.ruleId, r.values, r.message)));
    const noise = single.filter((r) => r.verdict === "NOISE" && !r.kept);
    console.log(`warning ledger: ${single.length} judged, ${noise.length} noise (and ${single.filter((r) => r.kept).length} kept on purpose), ${noise.length - back.length} of them no longer reported`);
    expect(back.map((r) => `${r.id} ${r.file} ${r.ruleId} ${r.message}`), "warnings judged noise reported again").toEqual([]);
    expect(lost.map((r) => `${r.id} ${r.file} ${r.ruleId} ${r.message}`), "warnings judged useful no longer reported").toEqual([]);
  });
});

if (!existsSync(SHARED)) console.log(`ledger test skipped: ${SHARED} is not there (the shared real documents sit beside the repository)`);
