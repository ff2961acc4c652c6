#!/usr/bin/env node
// Coverage over folders (issue 10): `node scripts/coverage.mjs [folder …]` (after `npm run build`); by default
// ../shared/seeds, ../shared/samples and ../shared/corpus, each apart. For each: the printed amounts and percentages
// (narrative and tables apart) that took part in an evaluated relation, and the relations evaluated and held — the
// sums of the `stats` objects of `gouji check --format json`. Also used by `npm run bench`.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(ROOT, "bin", "gouji.js");

function pct(a, b) {
  return b ? `${((a * 100) / b).toFixed(1)} %` : "—";
}

/** Sums the stats of every file of one `gouji check` over `dir`; returns one line of figures. */
export function coverageLine(dir) {
  const out = execFileSync(process.execPath, [BIN, "check", dir, "-f", "json", "--fail-on", "never", "--no-progress"], { encoding: "utf8", maxBuffer: 1 << 30 });
  const run = JSON.parse(out);
  const t = { amounts: 0, amountsInRelations: 0, tableAmounts: 0, tableAmountsInRelations: 0, relationsChecked: 0, relationsHeld: 0 };
  let files = 0;
  for (const f of run.files) {
    if (!f.stats) continue;
    files++;
    for (const k of Object.keys(t)) t[k] += f.stats[k];
  }
  const narrative = t.amounts - t.tableAmounts;
  const narrativeIn = t.amountsInRelations - t.tableAmountsInRelations;
  return (
    `${relative(ROOT, dir) || "."}: ${files} files read; amounts in a relation — narrative ${narrativeIn}/${narrative} (${pct(narrativeIn, narrative)}), ` +
    `tables ${t.tableAmountsInRelations}/${t.tableAmounts} (${pct(t.tableAmountsInRelations, t.tableAmounts)}); relations checked ${t.relationsChecked}, held ${t.relationsHeld}`
  );
}

/** The default folders that exist. */
export function defaultFolders() {
  return ["seeds", "samples", "corpus"].map((d) => resolve(ROOT, "..", "shared", d)).filter((d) => existsSync(d));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dirs = process.argv.length > 2 ? process.argv.slice(2).map((d) => resolve(d)) : defaultFolders();
  for (const d of dirs) console.log(coverageLine(d));
}
