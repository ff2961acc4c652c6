import { checkFile } from "../dist/src/runner.js";
const all = process.argv.includes("--all");
for (const f of process.argv.slice(2).filter(a => !a.startsWith("--"))) {
  const r = await checkFile(f);
  console.log("==", f, r.status, r.error?.message ?? "");
  for (const x of r.findings) if (all || x.severity !== "info") console.log(` ${x.severity} ${x.ruleId} L${x.location.line ?? ""}P${x.location.page ?? ""} ${x.message}`);
}
