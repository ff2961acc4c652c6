import { defineRule } from "../src/engine/rule.js";
import { Interval } from "../src/engine/interval.js";
import type { ComparisonClaim, PrintedNumber } from "../src/model/schema.js";
import { Decimal } from "decimal.js";

/** "基本持平" admits a small change; a change of at least this many percent is worth a look (never an error). */
const ROUGHLY_FLAT_LIMIT = new Decimal(10);

const RELATION_WORD = { equal: "等于", greater: "大于", less: "小于" } as const;

/** Whether the printed figure cannot be zero: its rounding interval excludes 0 ("0.01" can not, "0.00" can). */
function nonZero(n: PrintedNumber): boolean {
  const iv = Interval.of(n);
  return iv.lo.gt(0) || iv.hi.lt(0);
}

/** What the two figures' rounding intervals allow: undefined when the word can hold. */
function contradiction(c: ComparisonClaim & { a: PrintedNumber; b: PrintedNumber }): "equal" | "greater" | "less" | undefined {
  const a = Interval.of(c.a);
  const b = Interval.of(c.b);
  if (c.relation === "equal") return a.meets(b) ? undefined : a.lo.gt(b.hi) ? "greater" : "less";
  if (c.relation === "greater") return a.hi.gt(b.lo) ? undefined : a.hi.lt(b.lo) ? "less" : "equal";
  return a.lo.lt(b.hi) ? undefined : a.lo.gt(b.hi) ? "greater" : "equal";
}

export default defineRule({
  id: "comparison-words",
  name: "比较用词",
  description: "比较用词必须与所比较的数字一致：“与上年持平”不能同时写明非零的增减额或增减率；“大于/小于/等于/高于/低于/超过/不足…的X”须与前后两个数字的大小相符（“基本持平”允许小幅差异，变化较大时仅提示）",
  severity: "error",
  messages: {
    flat: "{label}称“{word}”，但同句写明比上年{change}，增减额不为零",
    roughlyFlat: "{label}称“{word}”，但同句写明比上年{change}，变化幅度达{rate}%（“基本持平”允许小幅差异，请核实用词）",
    compare: "{label}{a}{unit}，称其“{word}”{bLabel}{b}{unit}，但按印出的数字前者{actual}后者",
  },
  example: "公务用车运行费32.00万元，比上年增加3.00万元，增长10.34%，与上年持平。",
  check(report, ctx) {
    for (const c of report.claims) {
      if (c.kind !== "comparison") continue;
      if (c.a && c.b) {
        const a = c.a;
        const b = c.b;
        const actual = contradiction({ ...c, a, b });
        ctx.evaluated([a, b], !actual);
        if (!actual) continue;
        ctx.report({
          messageId: "compare",
          data: { label: c.label, a: a.text, b: b.text, unit: a.unit, word: c.word, bLabel: c.bLabel ?? "", actual: RELATION_WORD[actual] },
          location: b.location,
          values: [{ number: a, role: "compared", label: c.label }, { number: b, role: "comparand", ...(c.bLabel ? { label: c.bLabel } : {}) }],
          expected: c.word,
          actual: RELATION_WORD[actual],
        });
        continue;
      }
      const printed = [c.delta, c.rate].filter((n): n is PrintedNumber => !!n);
      if (printed.length === 0) continue;
      const change = [
        ...(c.delta ? [`${c.amountWord ?? "增加"}${c.delta.text}${c.delta.unit}`] : []),
        ...(c.rate ? [`${c.amountWord === "减少" ? "下降" : "增长"}${c.rate.text}%`] : []),
      ].join("，");
      const values = [
        ...(c.current ? [{ number: c.current, role: "current", label: c.label }] : []),
        ...printed.map((n) => ({ number: n, role: n === c.rate ? "rate" : "delta" })),
      ];
      const location = printed[printed.length - 1]!.location;
      if (!c.roughly) {
        // 持平 asserts no change at all: a printed change that cannot be zero contradicts it
        const moved = printed.some(nonZero);
        ctx.evaluated(printed, !moved);
        if (moved) ctx.report({ messageId: "flat", data: { label: c.label || "该项", word: c.word, change }, location, values, expected: "0", actual: change });
        continue;
      }
      // 基本持平 admits a small change: only a large printed rate is worth a look, and only as a warning
      if (!c.rate) continue;
      const r = Interval.of(c.rate);
      const large = r.lo.gte(ROUGHLY_FLAT_LIMIT) || r.hi.lte(ROUGHLY_FLAT_LIMIT.neg());
      ctx.evaluated([c.rate], !large);
      if (large) {
        ctx.report({ messageId: "roughlyFlat", severity: "warning", data: { label: c.label || "该项", word: c.word, change, rate: c.rate.text }, location, values, actual: change });
      }
    }
  },
});
