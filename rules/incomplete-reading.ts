import { defineRule } from "../src/engine/rule.js";

/**
 * Every part of the document that gouji could not read or check, one warning each (Report.notices: a table whose
 * layout failed, a stage or rule that stopped on an unexpected shape). Nothing is skipped silently: a file with such a
 * notice was checked only in part.
 */
export default defineRule({
  id: "incomplete-reading",
  description: "未能读取或核对的部分须明示：某张表、某段正文或某条规则未能完成时，报告其位置和原因，其余部分照常核对",
  severity: "warning",
  messages: {
    notice: "未能完整核对：{message}",
  },
  example: "（一张表的列无法识别：表3「支出预算表」无法可靠读取，该表未参与核对）",
  reportsNotices: true,
  check(report, ctx) {
    for (const n of report.notices) {
      ctx.report({ messageId: "notice", data: { message: n.message }, location: n.location ?? { snippet: n.message }, values: [] });
    }
  },
});
