import { defineRule } from "../src/engine/rule.js";

/**
 * Every part of the document that gouji could not read or check, one warning each (Report.notices: a table whose
 * layout failed, a stage or rule that stopped on an unexpected shape). Nothing is skipped silently: a file with such a
 * notice was checked only in part.
 */
export default defineRule({
  id: "incomplete-reading",
  name: "未能核对的部分",
  description: "未能读取或核对的部分须明示：某张表、某段正文或某条规则未能完成时，报告其位置和原因，其余部分照常核对",
  severity: "warning",
  messages: {
    notice: "未能完整核对：{message}",
    // the whole file went unchecked because it is not a disclosure (a notice, a form): "未能完整核对" would say it
    // was half read
    notDisclosure: "未识别为部门预算或决算公开文件{detail}",
  },
  example: "珠海市教育局关于体育考试的通知\n每学年满分为3分，成绩达到优良等级3分，及格2分，不及格1分，合计6分。",
  reportsNotices: true,
  check(report, ctx) {
    for (const n of report.notices) {
      const location = n.location ?? { snippet: n.message };
      if (n.code === "not-a-disclosure") ctx.report({ messageId: "notDisclosure", data: { detail: n.message.replace(/^未识别为部门预算或决算公开文件/, "") }, location, values: [] });
      else ctx.report({ messageId: "notice", data: { message: n.message }, location, values: [] });
    }
  },
});
