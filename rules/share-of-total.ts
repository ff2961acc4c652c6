import { defineRule } from "../src/engine/rule.js";
import { shareCheck, shareOfSumCheck, sharesCoverWhole } from "../src/engine/interval.js";
import type { PrintedNumber, ShareClaim } from "../src/model/schema.js";
import { Decimal } from "decimal.js";

/** The same printed whole: its text where it stands. */
const wholeKey = (n: PrintedNumber) => `${n.text}|${n.unit}|${n.location.page}|${n.location.line}|${n.location.paragraph}|${n.location.snippet}`;

export default defineRule({
  id: "share-of-total",
  description: "“占p%”必须等于该项金额除以其所属总数（总数未列出而各项占比合计为100%时，以各项之和为总数）",
  severity: "error",
  messages: {
    share: "{label}{part}{unit}占{whole}（{wholeValue}{unit}）的比例应为{expected}%，报告写{actual}%",
    shareOfSum: "{label}{part}{unit}占{whole}的比例：此处未列出{whole}总数，所列各项占比合计为100%，按各项之和{sum}{unit}计算应为{expected}%，报告写{actual}%",
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
    // "因公出国（境）费106万元，占“三公”经费的16.06%；公务用车…156.6万元，占23.72%；公务接待费397.5万元，占60.22%":
    // the whole is named, not printed; shares that total 100 % say the listed parts are all of it
    const groups = new Map<string, ShareClaim[]>();
    for (const c of report.claims) {
      if (c.kind !== "share" || c.whole || !c.wholeLabel) continue;
      const key = `${c.paragraph}|${c.wholeLabel}`;
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    for (const list of groups.values()) {
      const shares = list.map((c) => c.share);
      if (new Set(list.map((c) => c.part.unit)).size !== 1 || !sharesCoverWhole(shares)) continue;
      const sum = list.reduce((s, c) => s.plus(c.part.value), new Decimal(0));
      const decimals = Math.max(...list.map((c) => c.part.decimals));
      for (const c of list) {
        const check = shareOfSumCheck(c.part, list.filter((o) => o !== c).map((o) => o.part), c.share, shares);
        ctx.reportCheck(check, {
          messageId: "shareOfSum",
          data: { label: c.label, part: c.part.text, unit: c.part.unit, whole: c.wholeLabel!, sum: sum.toFixed(decimals), expected: check?.expected.toFixed(c.share.decimals) ?? "", actual: c.share.text },
          location: c.share.location,
          values: [
            ...list.map((o) => ({ number: o.part, role: o === c ? "part" : "otherPart", label: o.label })),
            { number: c.share, role: "share" },
          ],
          actual: c.share.value.toFixed(c.share.decimals),
        });
      }
    }
  },
});
