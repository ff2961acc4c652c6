import { defineRule } from "../src/engine/rule.js";
import { shareCheck } from "../src/engine/interval.js";
import type { PrintedNumber } from "../src/model/schema.js";

/** The same printed whole: its text where it stands. */
const wholeKey = (n: PrintedNumber) => `${n.text}|${n.unit}|${n.location.page}|${n.location.line}|${n.location.paragraph}|${n.location.snippet}`;

export default defineRule({
  id: "share-of-total",
  description: "“占p%”必须等于该项金额除以其所属总数",
  severity: "error",
  messages: {
    share: "{label}{part}{unit}占{whole}（{wholeValue}{unit}）的比例应为{expected}%，报告写{actual}%",
  },
  example: "本年收入215.43万元，其中：财政拨款收入191.80万元，占89.30%；其他收入23.63万元，占10.97%。",
  check(report, ctx) {
    // the shares of one whole, which may total 100 % by nudging one of them (interval.ts, percentCheck)
    const sharesOf = new Map<string, PrintedNumber[]>();
    for (const c of report.claims) {
      if (c.kind === "share" && c.whole) sharesOf.set(wholeKey(c.whole), [...(sharesOf.get(wholeKey(c.whole)) ?? []), c.share]);
    }
    for (const c of report.claims) {
      if (c.kind !== "share" || !c.whole || c.whole.unit !== c.part.unit) continue;
      const check = shareCheck(c.part, c.whole, c.share, sharesOf.get(wholeKey(c.whole)));
      ctx.reportCheck(check, {
        messageId: "share",
        data: {
          label: c.label,
          part: c.part.text,
          unit: c.part.unit,
          whole: c.wholeLabel ?? "总数",
          wholeValue: c.whole.text,
          expected: check?.expected.toFixed(c.share.decimals) ?? "",
          actual: c.share.text,
        },
        location: c.share.location,
        values: [
          { number: c.part, role: "part", label: c.label },
          { number: c.whole, role: "whole", label: c.wholeLabel ?? "" },
          { number: c.share, role: "share" },
        ],
        actual: c.share.value.toFixed(c.share.decimals),
      });
    }
  },
});
