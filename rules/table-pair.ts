import { defineRule, type RuleContext } from "../src/engine/rule.js";
import { Decimal } from "decimal.js";
import { equalCheck, Interval, subsetCheck, sumCheck } from "../src/engine/interval.js";
import type { Location, PrintedNumber, Report } from "../src/model/schema.js";
import { shown } from "../src/model/numbers.js";
import { notesOf } from "../src/tables/lines.js";
import { EMPTY_SUBJECT } from "../src/tables/kinds.js";
import { kindName, pairMatches, type PairCell, type PairMatch } from "../src/tables/pairings.js";
import { inWanyuan, squash } from "../src/tables/text.js";
import { tableViews } from "../src/tables/view.js";

const at = (c: PairCell) => (c.column ? `${c.column}列` : "");

/** A note that says the table is empty ("本单位无政府性基金收入，故本表为空表"). */
const EMPTY_NOTE = /空表|本表无数据|(?:没有|无)[^。；，,]{0,16}(?:收入|支出|安排|经费)[^。；]{0,10}(?:故|因此|所以)?[^。；]{0,6}(?:空表|无数据|未列示)/;

export default defineRule({
  id: "table-pair",
  name: "表间核对",
  description:
    "各张报表之间同一数字一致：收支总表、支出表、财政拨款收支总表、一般公共预算支出表、政府性基金表各功能分类科目与合计按同一口径相等，按资金来源口径（一般公共预算 ⊆ 财政拨款 ⊆ 全部资金）不大于；注明为空表的表不得列有金额",
  severity: "error",
  messages: {
    equal: "“{row}”在{tableA}（{colA}，{fundsA}）为{a}，在{tableB}（{colB}，{fundsB}）为{b}，同一口径应相等{doubt}",
    within: "“{row}”在{tableA}（{colA}，{fundsA}）为{a}，大于{tableB}（{colB}，{fundsB}）的{b}；前者是后者中由{fundsA}安排的部分，不应更大",
    withinWhole: "{tableA}的年度预算安排中“{row}”为{a}，大于{tableB}（{colB}，{fundsB}）的合计{b}；部门整体绩效目标的预算安排不能超过部门预算本身",
    gap: "“{row}”在{tableB}（{fundsB}）为{b}，在{tableA}（{fundsA}）为{a}，相差{diff}万元，大于两表合计之差{totalDiff}万元（{totalB} − {totalA}）；每一科目{fundsA}以外的资金不能多于全部{fundsA}以外的资金{hint}",
    sumEqual: "“{row}”在{tableB}（{colB}，{fundsB}）为{b}，而{tableA}（{colA}，{fundsA}）未列该类，其下各科目之和为{sum}万元（{parts}），同一口径应相等",
    sumWithin: "“{row}”在{tableA}（{colA}，{fundsA}）未列该类，其下各科目之和为{sum}万元（{parts}），大于{tableB}（{colB}，{fundsB}）的{b}；前者是后者中由{fundsA}安排的部分，不应更大",
    emptyButFilled: "{table}的说明称“{note}”，但表中列有金额（如{value}）",
    saidNone: "正文称“{note}”，但{table}列有金额（如{value}）",
  },
  example:
    "支出决算表\n科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出\n201\t一般公共服务支出\t100.00\t80.00\t20.00\n\n一般公共预算财政拨款支出决算表\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n201\t一般公共服务支出\t110.00\t90.00\t20.00",
  check(report, ctx) {
    const docKind = report.meta.kind;
    for (const m of pairMatches(report)) {
      const { pairing: p, a, b } = m;
      const data = {
        row: a.cell.name,
        tableA: kindName(a.view, docKind),
        tableB: kindName(b.view, docKind),
        colA: at(a.cell) || "金额",
        colB: at(b.cell) || "金额",
        fundsA: p.a.funds,
        fundsB: p.b.funds,
        a: shown(a.cell.number),
        b: shown(b.cell.number),
      };
      if (a.cell.sum || b.cell.sum) {
        sumPair(m, data, ctx);
        continue;
      }
      const values = [
        { number: a.cell.number, role: "stated", label: `${data.tableA}${a.cell.name}` },
        { number: b.cell.number, role: "restated", label: `${data.tableB}${b.cell.name}` },
      ];
      if (p.relation === "equal") {
        const check = equalCheck(b.cell.number, a.cell.number);
        const input = { messageId: "equal", data: { ...data, doubt: p.doubt ?? "" }, location: a.cell.number.location, values, actual: fixed(a.cell.number) };
        if (p.doubt && check.verdict === "violated") {
          // the narrower scope the doubt names, printed in b's own row: a = b + those cells, and nothing to report
          const others = p.explainedBy ? rowCells(b.view, b.cell.number, p.explainedBy) : [];
          if (others.length && sumCheck(a.cell.number, [b.cell.number, ...others]).verdict !== "violated") {
            ctx.evaluated([a.cell.number, b.cell.number, ...others], true);
            continue;
          }
          // the same quantity by its labels, but a template may print a narrower scope: a warning
          ctx.evaluated(values.map((v) => v.number), false);
          ctx.report({ ...input, severity: "warning", expected: fixed(b.cell.number) });
        } else ctx.reportCheck(check, input, fixed(b.cell.number));
        continue;
      }
      // within: the fund's share never exceeds the whole
      const check = subsetCheck(b.cell.number, [a.cell.number]);
      ctx.reportCheck(check, { messageId: p.withinMessage ?? "within", data, location: a.cell.number.location, values, actual: fixed(a.cell.number) }, fixed(b.cell.number));
      if (check.verdict === "violated" || !m.totals) continue;
      // and no row's other money exceeds the tables' other money: b − a ≤ B − A (every row's gap is ≥ 0, and the
      // rows of one level add up to the 合计). Inferred through both tables' sums, so at most a warning.
      const T = m.totals;
      const rowGap = Interval.of(b.cell.number).minus(Interval.of(a.cell.number));
      const totalGap = Interval.of(T.b.number).minus(Interval.of(T.a.number));
      const all = [...values, { number: T.a.number, role: "total", label: `${data.tableA}${T.a.name}` }, { number: T.b.number, role: "total", label: `${data.tableB}${T.b.name}` }];
      const held = !rowGap.lo.gt(totalGap.hi);
      ctx.evaluated(all.map((v) => v.number), held);
      if (held) continue;
      const same = T.a.number.value.eq(T.b.number.value);
      ctx.report({
        messageId: "gap",
        severity: "warning",
        data: {
          ...data,
          diff: b.cell.number.value.minus(a.cell.number.value).toFixed(Math.max(a.cell.number.decimals, b.cell.number.decimals)),
          totalDiff: T.b.number.value.minus(T.a.number.value).toFixed(Math.max(T.a.number.decimals, T.b.number.decimals)),
          totalA: shown(T.a.number),
          totalB: shown(T.b.number),
          hint: same ? `；两表合计相同，可见这部分支出全部由${p.a.funds}安排，两表该科目应相等` : "",
        },
        location: a.cell.number.location,
        values: all,
      });
    }
    emptyNotes(report, ctx);
  },
});

/**
 * The printed figures of `number`'s row in the view's grid under columns of the given roles (none: not found). The pair
 * cell may be a copy in 万元 (pairings.ts inWanyuan): its cell is found by its place, and the figures found are
 * converted alike.
 */
function rowCells(view: PairMatch["b"]["view"], number: PrintedNumber, roles: readonly string[]): PrintedNumber[] {
  const grid = view.grid;
  const at = number.location.table;
  if (!grid || !at) return [];
  const same = (v: PrintedNumber | undefined) => !!v?.location.table && v.location.table.index === at.index && v.location.table.row === at.row && v.location.table.column === at.column;
  const row = grid.rows.find((r) => r.values.some(same));
  if (!row) return [];
  const cols = grid.columns.find((c) => c[0]?.side === row.side) ?? [];
  return row.values
    .filter((v, k): v is PrintedNumber => !!v && !same(v) && roles.includes(cols[k]?.role ?? ""))
    .map(inWanyuan);
}

/**
 * A pair one side of which is a 类 the table does not print (the sum of its 款 or 项): equal → 类 = Σ; within → Σ of
 * the fund-restricted side ≤ the whole. Two sums, or a sum on the larger side of a within, are not compared.
 */
function sumPair(m: PairMatch, data: Record<string, string>, ctx: RuleContext): void {
  const { pairing: p, a, b } = m;
  if (a.cell.sum && b.cell.sum) return;
  const [sumSide, single] = a.cell.sum ? [a, b] : [b, a];
  const parts = sumSide.cell.sum!;
  if (p.relation === "within" && sumSide === b) return;
  const total = parts.reduce((acc, x) => acc.plus(x.number.value), new Decimal(0));
  const d: Record<string, string> = { ...data, row: single.cell.name, b: shown(single.cell.number), sum: total.toFixed(Math.max(...parts.map((x) => x.number.decimals))), parts: parts.map((x) => `${x.name} ${x.number.text}`).join(" + ") };
  if (sumSide === b) Object.assign(d, { tableA: data.tableB, tableB: data.tableA, colA: data.colB, colB: data.colA, fundsA: data.fundsB, fundsB: data.fundsA });
  const values = [{ number: single.cell.number, role: "total", label: `${d.tableB}${single.cell.name}` }, ...parts.map((x) => ({ number: x.number, role: "part", label: x.name }))];
  const check = p.relation === "equal" ? sumCheck(single.cell.number, parts.map((x) => x.number)) : subsetCheck(single.cell.number, parts.map((x) => x.number));
  const input = { messageId: p.relation === "equal" ? "sumEqual" : "sumWithin", data: d, location: single.cell.number.location, values, actual: fixed(single.cell.number) };
  if (p.doubt && check.verdict === "violated") {
    ctx.evaluated(values.map((v) => v.number), false);
    ctx.report({ ...input, severity: "warning" });
  } else ctx.reportCheck(check, input);
}

/** Negation right before the fund's name in one clause ("本单位无政府性基金预算拨款"), or the fund's table called empty. */
const NONE_BEFORE: Partial<Record<string, RegExp>> = {
  govFund: /(?:无|没有|未安排|不涉及)(?:使用)?[^，,。；;：:]{0,8}?政府性基金|政府性基金[^，,。；;]{0,24}(?:为空表|无数据)/,
  stateCapital: /(?:无|没有|未安排|不涉及)(?:使用)?[^，,。；;：:]{0,8}?国有资本经营|国有资本经营[^，,。；;]{0,24}(?:为空表|无数据)/,
};

/** The narrative clause that says the unit has none of a fund, if one does. */
function saysNone(report: Report, kind: string): { text: string; location: Location } | undefined {
  const re = NONE_BEFORE[kind];
  if (!re) return undefined;
  for (const p of report.paragraphs) {
    for (const m of p.text.matchAll(/[^，,。；;]+/g)) {
      if (!re.test(m[0]) || /上年|去年|结转|年初/.test(m[0])) continue;
      const span = [...p.spans].reverse().find((s) => s.offset <= m.index!) ?? p.spans[0]!;
      const { offset: _o, ...place } = span;
      const text = m[0].trim();
      return { text, location: { ...place, snippet: text.slice(0, 60) } };
    }
  }
  return undefined;
}

function fixed(n: PrintedNumber): string {
  return n.value.toFixed(n.decimals);
}

/**
 * A fund table whose own note says it is empty ("本单位无政府性基金收入，故本表为空表") while it prints a non-zero
 * amount: the note or the figures are wrong. A warning: a note is attributed to its table by place, which a layout
 * can mislead.
 */
function emptyNotes(report: Report, ctx: RuleContext): void {
  for (const v of tableViews(report)) {
    if (!v.kind || !EMPTY_SUBJECT[v.kind] || v.empty) continue;
    const figures: PrintedNumber[] = v.grid
      ? v.grid.rows.flatMap((r) => r.values.filter((x): x is PrintedNumber => !!x))
      : (v.sangong?.slots.map((s) => s.number).filter((x): x is PrintedNumber => !!x) ?? []);
    const nonZero = figures.find((n) => !n.value.isZero());
    if (!nonZero) continue;
    const note = notesOf(report, v).find((n) => EMPTY_NOTE.test(n.text) && EMPTY_SUBJECT[v.kind!]!.test(n.text));
    if (!note) {
      const said = v.kind === "sangong" ? undefined : saysNone(report, v.kind!);
      if (said) {
        ctx.report({
          messageId: "saidNone",
          severity: "warning",
          data: { table: squash(v.title) || `表${v.table.index}`, note: said.text, value: shown(nonZero) },
          location: said.location,
          values: [{ number: nonZero, role: "stated", label: squash(v.title) }],
        });
      }
      continue;
    }
    ctx.report({
      messageId: "emptyButFilled",
      severity: "warning",
      data: { table: squash(v.title) || `表${v.table.index}`, note: note.text.length > 40 ? `${note.text.slice(0, 40)}…` : note.text, value: shown(nonZero) },
      location: note.location,
      values: [{ number: nonZero, role: "stated", label: squash(v.title) }],
    });
  }
}
