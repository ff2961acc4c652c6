import { readFileSync } from "node:fs";
import { parseDocument } from "../dist/src/parse/index.js";
import { readReport } from "../dist/src/lint.js";
const f = process.argv[2];
const doc = await parseDocument(readFileSync(f), f);
const r = readReport(doc, f);
const s = (n) => n ? `${n.text}${n.unit}@${n.location.line ?? n.location.page}` : "-";
console.log(JSON.stringify(r.meta));
for (const c of r.claims) {
  if (c.kind === "breakdown") console.log("BRK", c.origin, c.relation, c.label, s(c.total), "=", c.parts.map(p => p.label + ":" + s(p.number)).join(" + "));
  else if (c.kind === "share") console.log("SHR", c.label, s(c.part), "/", c.wholeLabel, s(c.whole), "=", s(c.share));
  else if (c.kind === "yoy") console.log("YOY", c.label, s(c.current), c.amountWord, s(c.delta), c.rateWord, s(c.rate));
  else if (c.kind === "variance") console.log("VAR", c.label, s(c.budget), s(c.actual), s(c.rate), s(c.completion), c.comparison ?? "");
  else console.log("UNI", c.problem, s(c.number));
}
if (process.argv[3]) for (const f of r.facts) console.log("FACT", f.concept, f.measure, f.label, s(f.number));
console.log("tables", r.tables.length, r.tables.map(t => t.title + ":" + t.rows.length).join(" | "));
