import { defineRule } from "../src/engine/rule.js";
import { sumCheck } from "../src/engine/interval.js";
import { evaluateRelations, measureAfter } from "../src/engine/relations.js";
import { sumReport } from "../src/engine/sum-report.js";
import type { PrintedNumber } from "../src/model/schema.js";

const partsKey = (ns: PrintedNumber[]) => ns.map((n) => `${n.text}|${n.location.line}|${n.location.page}|${n.location.paragraph}|${n.location.snippet}`).sort().join(";");

export default defineRule({
  id: "breakdown-sum",
  name: "分项合计",
  description: "总数必须等于其全部组成部分之和（收入总计、支出总计、本年收入、本年支出、基本支出、政府采购、人数等）；未列总计时，年末结转和结余 = 年初结转和结余 + 本年收入 + 使用非财政拨款结余 − 本年支出 − 结余分配",
  severity: "error",
  messages: {
    relation: "{label}{measure}{total}{unit}，而各组成部分之和为{expected}{unit}（{parts}），相差{diff}{unit}",
    listed: "{label}{total}{unit}，其中所列各项（占比合计100%或项数与所述相符）之和为{expected}{unit}（{parts}），相差{diff}{unit}",
    enumerated: "{label}共{total}{unit}，而随后逐项列出的各部分之和为{expected}{unit}（{parts}），相差{diff}{unit}",
    balance: "{label}{total}{unit}，而按收支平衡应为{expected}{unit}（{parts}），相差{diff}{unit}",
  },
  example: "2024年度收入总计216.30万元，其中：本年收入合计215.43万元，使用非财政拨款结余0.00万元，年初结转和结余0.97万元。",
  check(report, ctx) {
    const relations = evaluateRelations(report, (rel) => rel.kind === "sum" && !rel.id.startsWith("sangong")).filter((r) => r.kind === "sum");
    for (const r of relations) {
      if (r.minus.length) {
        // 年末结转和结余 = 年初结转和结余 + 本年收入 + … − 本年支出 − 结余分配: the subtracted figures are cited as such
        const report = sumReport("balance", r.total, r.parts, r.check);
        const minus = r.minus.map((m) => `${m.label}${m.number.text}`).join(" − ");
        ctx.reportCheck(r.check, {
          ...report,
          data: { ...report.data, parts: `${report.data!.parts} − ${minus}` },
          values: [...report.values, ...r.minus.map((m) => ({ number: m.number, role: "minus", label: m.label }))],
        });
        continue;
      }
      ctx.reportCheck(r.check, sumReport("relation", r.total, r.parts, r.check, { measure: measureAfter(r.total.label, r.measure) }));
    }
    // a "其中" list whose parts a known relation already summed is not checked twice
    const seen = new Set(relations.map((r) => partsKey(r.parts.map((p) => p.number))));
    for (const c of report.claims) {
      if (c.kind !== "breakdown" || c.relation !== "sum" || (c.origin !== "其中" && c.origin !== "enumeratedCount")) continue;
      if (seen.has(partsKey(c.parts.map((p) => p.number)))) continue;
      const check = sumCheck(c.total, c.parts.map((p) => p.number));
      ctx.reportCheck(check, sumReport(c.origin === "其中" ? "listed" : "enumerated", { label: c.label, number: c.total }, c.parts, check));
    }
  },
});
