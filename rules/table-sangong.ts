import { defineRule } from "../src/engine/rule.js";
import { MEASURE_WORD } from "../src/engine/relations.js";
import { checkSum, tableName } from "../src/tables/checks.js";
import { SANGONG_NAME, type SangongItem, type SangongSlot } from "../src/tables/sangong.js";
import { tableViews } from "../src/tables/view.js";

const RELATIONS: { total: SangongItem; parts: SangongItem[] }[] = [
  { total: "total", parts: ["abroad", "vehicle", "reception"] },
  { total: "vehicle", parts: ["purchase", "operation"] },
];

export default defineRule({
  id: "table-sangong",
  name: "“三公”经费表",
  description: "“三公”经费表：合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费；公务用车 = 购置费 + 运行费（预算数、决算数分别成立）",
  severity: "error",
  messages: {
    sum: "{table}：{total}{measure}为{value}{unit}，而{partsName}之和为{expected}{unit}（{parts}），相差{diff}{unit}",
  },
  example: "表7 “三公”经费支出决算表\n合计\t因公出国（境）费\t公务用车购置及运行费\t公务接待费\n5.41\t0.00\t5.36\t0.15",
  check(report, ctx) {
    for (const v of tableViews(report)) {
      const slots = v.sangong?.slots ?? [];
      for (const measure of new Set(slots.map((s) => s.measure))) {
        const at = (item: SangongItem): SangongSlot | undefined => slots.find((s) => s.item === item && s.measure === measure);
        for (const rel of RELATIONS) {
          const total = at(rel.total);
          const parts = rel.parts.map(at);
          if (!total || parts.some((p) => !p)) continue;
          const f = checkSum(
            { label: SANGONG_NAME[rel.total], number: total.number },
            parts.map((p) => ({ label: SANGONG_NAME[p!.item], number: p!.number })),
          );
          if (!f) continue;
          ctx.reportCheck(f.check, {
            messageId: "sum",
            data: { ...f.data, table: tableName(v), measure: MEASURE_WORD[measure] ? `（${MEASURE_WORD[measure]}）` : "", partsName: rel.parts.map((p) => SANGONG_NAME[p]).join("、") },
            location: f.total.location,
            values: f.values,
            actual: f.total.value.toFixed(f.total.decimals),
          });
        }
      }
    }
  },
});
