import { defineRule } from "../src/engine/rule.js";
import { fundColumnSums, procurementRowSums, subtotalColumnSums, totalColumnSums, totalRowSums } from "../src/tables/structure.js";
import { reportTableSum } from "../src/tables/checks.js";
import { tableViews } from "../src/tables/view.js";

export default defineRule({
  id: "table-total",
  name: "表内合计",
  description: "表格合计行等于各类之和；合计列等于各组成列之和（本年收入合计 = 各收入来源，合计 = 基本支出 + 项目支出，合计 = 人员经费 + 公用经费，总计 = 财政拨款 + 财政专户 + 其他资金 等）；政府采购表按品目大类、单位逐级汇总",
  severity: "error",
  messages: {
    row: "{table}：合计行（{along}列）为{value}{unit}，而各类之和为{expected}{unit}（{parts}），相差{diff}{unit}",
    column: "{table}：“{along}”行的{total}为{value}{unit}，而各组成列之和为{expected}{unit}（{parts}），相差{diff}{unit}",
    group: "{table}：{total}（{along}列）为{value}{unit}，而其下各行之和为{expected}{unit}（{parts}），相差{diff}{unit}",
  },
  example: "表4 一般公共预算支出表\n功能分类科目名称\t合计\t基本支出\t项目支出\n一般公共服务支出\t202.74\t152.74\t50.10",
  check(report, ctx) {
    for (const v of tableViews(report)) {
      for (const s of [...totalRowSums(v), ...totalColumnSums(v), ...fundColumnSums(v), ...subtotalColumnSums(v), ...procurementRowSums(v)]) {
        reportTableSum(ctx, s, s.relation === "totalRow" ? "row" : s.relation === "group" ? "group" : "column");
      }
    }
  },
});
