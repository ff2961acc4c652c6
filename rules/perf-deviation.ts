import { defineRule } from "../src/engine/rule.js";
import { cornerRange, Interval, percentCheck, type Check } from "../src/engine/interval.js";
import { perfTableName } from "../src/tables/checks.js";
import { indicatorFigure, textRuns } from "../src/tables/perf.js";
import { tableViews } from "../src/tables/view.js";
import type { PrintedNumber } from "../src/model/schema.js";
import { printedNumber } from "../src/model/numbers.js";
import { Decimal } from "decimal.js";

/** "实际超出 25%", "偏差率－5%", "低于目标值10%": the stated gap between an indicator's actual and its target. */
const DEVIATION = /(?:实际|完成值?|业绩值?)?(超出|超过|高于|低于|少于|偏差率?|偏离率?)(?:了)?(?:目标值?|预期值?|年度指标值?)?(?:约|为|了)?\s*([－\-−]?\s*\d+(?:\.\d+)?)\s*[%％]/;

const HUNDRED = new Decimal(100);

/** A count (份, 人, 次 …) printed whole is exact; a measure (%, 万元, 公里 …) stands for its rounding interval. */
function truthOf(n: PrintedNumber): Interval {
  return n.decimals === 0 && !/^(?:%|万元|元|亿元|千元|公里|米|平方米|吨|小时|天|年|月)$/.test(n.unit) && n.unit !== "" ? Interval.exact(n.value) : Interval.of(n);
}

/**
 * 绩效自评表: a gap stated in an indicator's row ("偏差原因分析": "实际超出25%") against its 目标值 and 业绩值. Read
 * every way the forms use: relative to the target (|业绩 − 目标| ÷ 目标), relative to the actual, and, for targets in
 * %, in percentage points; wrong only when none of them gives the printed gap within rounding.
 */
export default defineRule({
  id: "perf-deviation",
  name: "偏差说明",
  description: "绩效自评表：偏差原因中写明的偏差（“实际超出X%”“偏差率X%”）必须与目标值、业绩值相符",
  severity: "error",
  messages: {
    deviation: "{table}：“{name}”目标值{target}、业绩值{actual}，偏差应约为{expected}%（相对目标值），说明中写“{words}{gap}%”",
  },
  example: "培训项目支出绩效自评表\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n产出指标\t数量指标\t出具专项检查报告\t>=20 份\t=28 份\t15\t15\t实际超出 25%。",
  check(report, ctx) {
    for (const v of tableViews(report)) {
      if (!v.perf || v.misread || v.unjoinable) continue;
      const runs = textRuns(v.segment.rows);
      for (const ind of v.perf.indicators) {
        const target = indicatorFigure(ind.targetCell);
        const actual = indicatorFigure(ind.actualCell);
        if (!target || !actual || target.number.unit !== actual.number.unit || target.number.value.isZero()) continue;
        const row = v.segment.rows[ind.index] ?? [];
        const after = Math.max(ind.targetCell!.column, ind.actualCell!.column);
        // a long explanation wraps into rows of its own under the indicator's: its run of text (textRuns)
        for (const run of runs.filter((r) => row.includes(r.first) && r.first.column > after)) {
          const m = DEVIATION.exec(run.text);
          if (!m) continue;
          const place = run.at(m.index);
          // the sign is dropped: the words carry the direction
          const gap = printedNumber(m[2]!.replace(/[－\-−\s]/g, ""), "%", place)!;
          const t = target.number;
          const a = actual.number;
          const args = [truthOf(a), truthOf(t)];
          const diff = a.value.minus(t.value).abs();
          const readings: Check[] = [
            percentCheck(cornerRange(args, (x, y) => x.minus(y).abs().div(y).times(HUNDRED)), gap, diff.div(t.value).times(HUNDRED)),
          ];
          if (!a.value.isZero()) readings.push(percentCheck(cornerRange(args, (x, y) => x.minus(y).abs().div(x).times(HUNDRED)), gap, diff.div(a.value).times(HUNDRED)));
          if (t.unit === "%") readings.push(percentCheck(cornerRange(args, (x, y) => x.minus(y).abs()), gap, diff));
          const values = [
            { number: t, role: "target", label: `${ind.name}目标值` },
            { number: a, role: "actual", label: `${ind.name}业绩值` },
            { number: gap, role: "deviation", label: "说明中的偏差" },
          ];
          if (readings.some((r) => r.verdict !== "violated")) {
            ctx.evaluated(values.map((x) => x.number), true);
            continue;
          }
          ctx.reportCheck(readings[0], {
            messageId: "deviation",
            data: {
              table: perfTableName(v),
              name: ind.name || ind.level2,
              target: `${t.text}${t.unit}`,
              actual: `${a.text}${a.unit}`,
              expected: readings[0]!.expected.toFixed(gap.decimals),
              words: m[1]!,
              gap: gap.text,
            },
            location: place,
            values,
            actual: gap.value.toFixed(gap.decimals),
          });
        }
      }
    }
  },
});
