// Measures recall on injected errors: changes one printed number at a time in a seed's narrative and checks that
// gouji reports a new error. Usage: node scripts/inject.mjs fixtures/*.txt [--verbose]
import { readFileSync } from "node:fs";
import { txtBlocks } from "../dist/src/parse/txt.js";
import { lintDocument } from "../dist/src/lint.js";
import { scanNumbers } from "../dist/src/model/numbers.js";

const verbose = process.argv.includes("--verbose");
const files = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const errorsOf = (text, path) => lintDocument({ format: "txt", blocks: txtBlocks(text) }, path).findings.filter((f) => f.severity === "error");
const key = (f) => `${f.ruleId}|${f.message}`;

function mutations(raw) {
  const out = [];
  const plain = raw.replace(/,/g, "");
  const d = plain.includes(".") ? plain.length - plain.indexOf(".") - 1 : 0;
  const v = Number(plain); // only to build the mutated text, never to check anything
  const fmt = (x) => (x < 0 ? "-" : "") + Math.abs(x).toFixed(d);
  if (d >= 1) out.push(fmt(v + 10 ** -(d - 1) * 1)); // +0.1 on a 2-decimal number
  out.push(fmt(v + 10 ** -d * 30 + (d === 0 ? 1 : 0)));
  if (Math.abs(v) >= 1) out.push(fmt(v * 1.1));
  return [...new Set(out)].filter((m) => m !== plain);
}

let total = 0, caught = 0;
for (const f of files) {
  const text = readFileSync(f, "utf8");
  const base = new Set(errorsOf(text, f).map(key));
  const lines = text.split("\n");
  let ft = 0, fc = 0;
  lines.forEach((line, i) => {
    if (line.includes("\t") || !/万元|%/.test(line)) return;
    for (const n of scanNumbers(line)) {
      if (!(n.unit === "万元" || n.unit === "%")) continue;
      // skip numbers inside explanations (主要原因…), which carry no relation
      const before = line.slice(0, n.start);
      const lastReason = before.lastIndexOf("原因");
      if (lastReason >= 0 && !/[。；]/.test(before.slice(lastReason))) continue;
      for (const m of mutations(n.text)) {
        const mutated = [...lines];
        mutated[i] = line.slice(0, n.start) + m + line.slice(n.start + n.text.length);
        const errs = errorsOf(mutated.join("\n"), f).filter((x) => !base.has(key(x)));
        ft++;
        if (errs.length) fc++;
        else if (verbose) console.log(`  MISS ${f}:${i + 1} ${n.text}${n.unit} → ${m}: …${line.slice(Math.max(0, n.start - 30), n.end + 10)}…`);
      }
    }
  });
  console.log(`${f}: ${fc}/${ft} caught (${((100 * fc) / Math.max(1, ft)).toFixed(1)}%)`);
  total += ft; caught += fc;
}
console.log(`ALL: ${caught}/${total} caught (${((100 * caught) / Math.max(1, total)).toFixed(1)}%)`);
