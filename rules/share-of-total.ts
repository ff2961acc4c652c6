import { defineRule } from "../src/engine/rule.js";
import { Interval, shareCheck, shareOfSumCheck, sharesCoverWhole, sumCheck, type Check } from "../src/engine/interval.js";
import type { PrintedNumber, ShareClaim } from "../src/model/schema.js";
import { Decimal } from "decimal.js";

/** The same printed whole: its text where it stands. */
const wholeKey = (n: PrintedNumber) => `${n.text}|${n.unit}|${n.location.page}|${n.location.line}|${n.location.paragraph}|${n.location.snippet}`;

export default defineRule({
  id: "share-of-total",
  name: "占比",
  description: "“占p%”必须等于该项金额除以其所属总数（总数未列出而各项占比合计为100%时，以各项之和为总数）；同一总数各组成部分的占比合计不能超过100%",
  severity: "error",
  messages: {
    share: "{label}{part}{unit}占{whole}（{wholeValue}{unit}）的比例应为{expected}%，报告写{actual}%",
    sharesOverHundred: "{whole}{wholeValue}{unit}由{parts}组成，所列占比合计为{sum}%（{shares}），超过100%：同一总数各组成部分的占比之和不能超过100%，按各占比的尾差计算也至少为{least}%，占比有误",
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
    // the shares of one printed whole whose parts add up to it (within rounding: the list is the whole's breakdown, no
    // part inside another, as 小微企业 inside 中小企业) cannot total more than 100 % (seed 003: 三公 26.66, shares of
    // 0.00 + 25.66 + 1.01 printed 0.00 % + 96.25 % + 3.79 % = 100.04 %); each share alone may pass within rounding
    const listOf = new Map<string, ShareClaim[]>();
    for (const c of report.claims) {
      if (c.kind === "share" && c.whole && c.whole.unit === c.part.unit) listOf.set(wholeKey(c.whole), [...(listOf.get(wholeKey(c.whole)) ?? []), c]);
    }
    for (const list of listOf.values()) {
      const whole = list[0]!.whole!;
      if (list.length < 2 || sumCheck(whole, list.map((c) => c.part)).verdict === "violated") continue;
      // a share that is wrong by itself is its own finding above; the excess it causes is not a second one
      if (list.some((c) => shareCheck(c.part, whole, c.share, sharesOf.get(wholeKey(whole)))?.verdict === "violated")) continue;
      const check = sharesTotalCheck(list.map((c) => c.share));
      const unit = whole.unit;
      ctx.reportCheck(check, {
        messageId: "sharesOverHundred",
        data: {
          whole: list[0]!.wholeLabel ?? "总数",
          wholeValue: whole.text,
          unit,
          parts: list.map((c) => `${c.label}${c.part.text}`).join(" + "),
          least: check.range.lo.toFixed(),
          sum: check.expected.toFixed(),
          shares: list.map((c) => `${c.share.text}%`).join(" + "),
        },
        location: list.reduce((a, c) => (c.share.value.gt(a.value) ? c.share : a), list[0]!.share).location,
        values: [
          { number: whole, role: "whole", label: list[0]!.wholeLabel ?? "" },
          ...list.flatMap((c) => [
            { number: c.part, role: "part", label: c.label },
            { number: c.share, role: "share", label: c.label },
          ]),
        ],
        actual: check.expected.toFixed(),
      }, "[0, 100]");
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

/**
 * Shares (%) of disjoint parts of one whole total at most 100 %: violated when even the lowest true values behind the
 * printed shares (each printed share ± half a unit of its last digit, or truncated: never below it minus half a unit)
 * add up to more than 100. `expected` is the printed shares' sum, exact. Only an excess is provable: a list may leave
 * parts out, so a total under 100 % proves nothing.
 */
function sharesTotalCheck(shares: PrintedNumber[]): Check {
  let lo = new Decimal(0);
  let sum = new Decimal(0);
  for (const s of shares) {
    lo = lo.plus(Interval.of(s).lo);
    sum = sum.plus(s.value);
  }
  const hundred = new Decimal(100);
  const verdict = lo.gt(hundred) ? "violated" : sum.gt(hundred) ? "rounding" : "holds";
  return {
    verdict,
    expected: sum,
    range: new Interval(lo, new Decimal(Infinity)),
    decimals: Math.max(...shares.map((s) => s.decimals)),
    // no form: a bound against the constant 100 is not a relation root-cause analysis can weigh (interval.ts Form)
  };
}
