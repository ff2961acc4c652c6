import { defineRule } from "../src/engine/rule.js";
import { sumCheck } from "../src/engine/interval.js";
import { sumReport } from "../src/engine/sum-report.js";
import type { Fact } from "../src/model/schema.js";

export default defineRule({
  id: "structure-by-class",
  name: "支出结构",
  description: "支出结构：各“类”之和等于一般公共预算财政拨款支出；每个“类”等于其下各“项”之和",
  severity: "error",
  messages: {
    classes: "各类支出之和为{expected}{unit}（{parts}），而{label}为{total}{unit}，相差{diff}{unit}",
    items: "{cls}（类）为{total}{unit}，而其下各项之和为{expected}{unit}（{parts}），相差{diff}{unit}",
  },
  example: "（二）一般公共预算财政拨款支出决算结构情况\n一般公共预算财政拨款支出181.80万元，主要用于以下方面：\n1.一般公共服务支出(类)139.99万元；\n2.社会保障和就业支出(类)32.50万元。",
  check(report, ctx) {
    for (const c of report.claims) {
      if (c.kind !== "breakdown" || c.origin !== "structure" || c.total.unit !== c.parts[0]?.number.unit) continue;
      const check = sumCheck(c.total, c.parts.map((p) => p.number));
      ctx.reportCheck(check, sumReport("classes", { label: c.label, number: c.total }, c.parts, check));
    }
    // the narrative's own statements (tables are summed by code in table-code-sum); each 项 once
    const narrative = report.facts.filter((f) => f.source === "narrative" && f.measure === "actual");
    const classes = new Map<string, Fact>();
    for (const f of narrative) if (f.concept === "gpb.class" && !classes.has(f.label)) classes.set(f.label, f);
    const items = new Map<string, Fact[]>();
    const seenItems = new Set<string>();
    for (const f of narrative) {
      if (f.concept !== "gpb.item" || seenItems.has(f.label)) continue;
      seenItems.add(f.label);
      const cls = f.label.split("/")[0]!;
      items.set(cls, [...(items.get(cls) ?? []), f]);
    }
    for (const [cls, parts] of items) {
      const total = classes.get(cls);
      if (!total || parts.some((p) => p.number.unit !== total.number.unit)) continue;
      const check = sumCheck(total.number, parts.map((p) => p.number));
      const named = parts.map((p) => ({ label: p.label.split("/").pop()!, number: p.number }));
      ctx.reportCheck(check, sumReport("items", { label: cls, number: total.number }, named, check, { cls }));
    }
  },
});
