import { defineRule } from "../src/engine/rule.js";
import { codeSums } from "../src/tables/structure.js";
import { reportTableSum } from "../src/tables/checks.js";
import { tableViews } from "../src/tables/view.js";

export default defineRule({
  id: "table-code-sum",
  name: "科目编码汇总",
  description: "表格按科目编码汇总：类 = Σ款 = Σ项（功能分类 201 / 20103 / 2010302），经济分类 301 = Σ30101…",
  severity: "error",
  messages: {
    code: "{table}：{total}（{along}列）为{value}{unit}，而其下各科目之和为{expected}{unit}（{parts}），相差{diff}{unit}",
  },
  example: "201\t\t\t一般公共服务支出\t202.74\n201\t03\t02\t一般行政管理事务\t50.00\n201\t03\t50\t事业运行\t152.64",
  check(report, ctx) {
    for (const v of tableViews(report)) {
      for (const s of codeSums(v)) reportTableSum(ctx, s, "code");
    }
  },
});
