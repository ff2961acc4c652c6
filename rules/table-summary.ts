import { defineRule } from "../src/engine/rule.js";
import { equalCheck } from "../src/engine/interval.js";
import { summaryBalance, summarySums } from "../src/tables/structure.js";
import { reportTableSum, tableName } from "../src/tables/checks.js";
import { tableViews } from "../src/tables/view.js";

export default defineRule({
  id: "table-summary",
  name: "收支总表",
  description: "收支总表：本年收入（支出）合计 = 各项之和，总计 = 本年合计 + 结转结余，收入总计 = 支出总计；财政拨款 = 一般公共预算 + 政府性基金 + 国有资本经营",
  severity: "error",
  messages: {
    sum: "{table}：{total}（{along}列）为{value}{unit}，而各项之和为{expected}{unit}（{parts}），相差{diff}{unit}",
    balance: "{table}：{labelA}为{a}{unit}，{labelB}为{b}{unit}，两者应相等",
  },
  example: "表1 收支总表\n收入\t预算数\t支出\t预算数\n财政拨款\t255.68\t一般公共服务支出\t202.74\n收入总计\t255.68\t支出总计\t245.68",
  check(report, ctx) {
    for (const v of tableViews(report)) {
      for (const s of summarySums(v)) reportTableSum(ctx, s, "sum");
      const b = summaryBalance(v);
      if (!b) continue;
      const a = b.a.number!;
      const c = b.b.number!;
      ctx.reportCheck(
        equalCheck(a, c),
        {
          messageId: "balance",
          data: { table: tableName(v), labelA: b.a.label, labelB: b.b.label, a: a.text, b: c.text, unit: c.unit },
          location: c.location,
          values: [
            { number: a, role: "stated", label: b.a.label },
            { number: c, role: "restated", label: b.b.label },
          ],
          actual: c.value.toFixed(c.decimals),
        },
        a.value.toFixed(a.decimals),
      );
    }
  },
});
