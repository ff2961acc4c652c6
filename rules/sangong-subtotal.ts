import { defineRule } from "../src/engine/rule.js";
import { evaluateRelations, measureAfter } from "../src/engine/relations.js";
import { sumReport } from "../src/engine/sum-report.js";

export default defineRule({
  id: "sangong-subtotal",
  name: "“三公”经费合计",
  description: "“三公”经费 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费；公务用车 = 购置费 + 运行维护费（决算数与预算数分别成立）",
  severity: "error",
  messages: {
    sum: "{label}{measure}{total}{unit}，而{parts}之和为{expected}{unit}，相差{diff}{unit}",
  },
  example: "“三公”经费支出5.41万元。其中：因公出国（境）费0.00万元，公务用车购置及运行维护费5.36万元，公务接待费0.15万元。",
  check(report, ctx) {
    for (const r of evaluateRelations(report, (rel) => rel.id.startsWith("sangong"))) {
      if (r.kind !== "sum") continue;
      ctx.reportCheck(r.check, sumReport("sum", r.total, r.parts, r.check, { measure: measureAfter(r.total.label, r.measure) }));
    }
  },
});
