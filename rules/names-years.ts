import { Decimal } from "decimal.js";
import { defineRule } from "../src/engine/rule.js";
import type { Location, PrintedNumber } from "../src/model/schema.js";
import { normalizeDigits } from "../src/model/numbers.js";
import { documentLines } from "../src/tables/lines.js";
import { squash } from "../src/tables/text.js";

const PLACEHOLDER = /[XＸ]{2,}|[×✕＊*]{2,}|某某|[○〇]{2,}/;
/** what follows a placeholder that stands for an amount or a count, not a name: "XX万元", "XX%", "XX个" */
const AMOUNT_AFTER = /^\s*(?:万元|元|亿元|%|％|个|人|辆|次|项)/;

/**
 * A placeholder with the characters around it, as a name shows it in every heading: "上海市XX局概况" → "市XX局"
 * (up to two letters before, one after; digits and punctuation end it).
 */
function placeholderStem(text: string, at: number, length: number): string {
  const before = /[\p{Script=Han}A-Za-z]{0,2}$/u.exec(text.slice(0, at))![0];
  const after = /^[\p{Script=Han}A-Za-z]?/u.exec(text.slice(at + length))![0];
  return `${before}${text.slice(at, at + length)}${after}`;
}
/** a name that can be an organisation's: it ends as one does and is not a column header ("项目名称", "“三公”经费合计") */
const ORGANISATION_NAME = /^(?!.*(?:名称|经费|合计|金额|项目|科目)).*(?:局|委员会|委|办公室|办|厅|院|中心|所|站|馆|校|会|处|队|室|部|署|集团|公司|政府|法院|检察院)$/;

function yearNumber(text: string, location: Location): PrintedNumber {
  return { text, value: new Decimal(text), decimals: 0, unit: "年", location };
}

/** "某某局2023年度部门决算" → the organisation as the identity cells name it: without 本级 and spaces. */
function orgKey(s: string): string {
  return squash(s).replace(/[（(]本级[）)]|本级$/g, "").replace(/[（(][^）)]*[）)]$/, "");
}

export default defineRule({
  id: "names-years",
  name: "单位名称与年度",
  description: "单位名称与年度前后一致：标题、各级标题、表名和编制单位不得留有占位符（XX、××、某某），不得写成其他年度；决算中“截至…12月31日”应为本年度",
  severity: "warning",
  messages: {
    placeholder: "{where}中留有占位符“{mark}”：{text}",
    placeholderAlso: "{where}中留有占位符“{mark}”：{text}（另有{more}处标题、表名留有同样的占位符）",
    placeholderBody: "正文或表格中有{count}处留有占位符（首处“{mark}”：{text}）",
    year: "{where}写的是{found}年，而本报告为{year}年度{kind}：{text}",
    asOf: "决算中写“截至{found}年12月31日”，而本报告为{year}年度决算",
    name: "{where}中的单位名称为“{found}”，与报告标题的“{org}”不一致",
  },
  example: "上海市XX局2024年度部门决算\n第二部分 上海市XX局2023年度部门决算表",
  check(report, ctx) {
    const { year, organisation, kind } = report.meta;
    const lines = documentLines(report);
    const where = { title: "报告标题", heading: "标题", tableTitle: "表名", tableIdentity: "表头", line: "正文", cell: "表格" } as const;
    // the same placeholder name ("上海市XX局") in the title and every heading of a template is one finding
    const inNames = new Map<string, { text: string; mark: string; role: keyof typeof where; location: Location; more: Set<string> }>();
    const inBody: { text: string; mark: string; location: Location }[] = [];
    for (const l of lines) {
      const text = normalizeDigits(l.text).replace(/\s+/g, " ").trim();
      // "**" alone in a cell marks the 栏次 row under a table header ("** ** 1 2 3"), not a placeholder
      const found = l.role === "cell" && /^[＊*\s]+$/.test(text) ? undefined : PLACEHOLDER.exec(text);
      const mark = found?.[0];
      const identity = l.role === "title" || l.role === "heading" || l.role === "tableTitle" || l.role === "tableIdentity";
      // "2、公务用车购置及运行维护费支出XX万元" is a numbered sentence with an amount left blank, not a name
      const amount = found && AMOUNT_AFTER.test(text.slice(found.index + found[0].length));
      if (found && mark && (!identity || amount)) inBody.push({ text, mark, location: l.location });
      else if (found && mark) {
        const stem = placeholderStem(text, found.index, mark.length);
        const first = inNames.get(stem);
        if (first) {
          if (text !== first.text) first.more.add(text);
        } else inNames.set(stem, { text, mark, role: l.role as keyof typeof where, location: l.location, more: new Set() });
      }
      if (!year) continue;
      if (l.role === "title" || l.role === "heading" || l.role === "tableTitle" || l.role === "tableIdentity") {
        // comparisons ("与2023年度相比"), ranges ("2021-2023") and document names (《…》) legitimately name other years
        const stripped = text.replace(/《[^》]*》/g, "").replace(/\d{4}\s*[-—~至]\s*\d{4}/g, "");
        if (/上年|相比|比较|对比|同比|较\d{4}|与\d{4}|执行情况|完成情况|回顾/.test(stripped)) continue;
        if (l.role === "heading" && !/决算|预算|部门|单位|表|年度/.test(stripped)) continue;
        const m = /(?<!\d)(\d{4})\s*年/.exec(stripped);
        if (m && Number(m[1]) !== year && Number(m[1]) > 1990 && Number(m[1]) < 2100) {
          ctx.report({
            messageId: "year",
            data: { where: where[l.role], found: m[1]!, year, kind: kind === "unknown" ? "报告" : kind, text: text.length > 40 ? `${text.slice(0, 40)}…` : text },
            location: l.location,
            values: [yearNumber(m[1]!, l.location)].map((n) => ({ number: n, role: "year" })),
          });
        }
      }
      if (kind === "决算" && (l.role === "line" || l.role === "cell")) {
        for (const m of text.matchAll(/截[至止]\s*(\d{4})\s*年\s*12\s*月\s*31\s*日/g)) {
          if (Number(m[1]) === year) continue;
          ctx.report({ messageId: "asOf", data: { found: m[1]!, year }, location: l.location, values: [{ number: yearNumber(m[1]!, l.location), role: "year" }] });
        }
      }
      if (organisation && l.role === "tableIdentity") {
        const m = /^(?:编制(?:单位|部门)|单位名称|部门名称|预算单位|填报单位)[:：]\s*(.+)$/.exec(squash(l.text));
        const found = m ? orgKey(m[1]!.replace(/单位[:：].*$/, "")) : "";
        const org = orgKey(organisation);
        if (found && found.length >= 4 && ORGANISATION_NAME.test(found) && !PLACEHOLDER.test(found) && !found.includes(org) && !org.includes(found)) {
          ctx.report({ messageId: "name", data: { where: where[l.role], found, org: organisation }, location: l.location, values: [] });
        }
      }
    }
    for (const p of inNames.values()) {
      const data = { where: where[p.role], mark: p.mark, text: p.text.length > 40 ? `${p.text.slice(0, 40)}…` : p.text };
      if (p.more.size) ctx.report({ messageId: "placeholderAlso", data: { ...data, more: p.more.size }, location: p.location, values: [] });
      else ctx.report({ messageId: "placeholder", data, location: p.location, values: [] });
    }
    // a draft's body full of "XXX万元" is one finding, not one per line
    if (inBody.length > 0) {
      const first = inBody[0]!;
      ctx.report({
        messageId: "placeholderBody",
        data: { count: inBody.length, mark: first.mark, text: first.text.length > 40 ? `${first.text.slice(0, 40)}…` : first.text },
        location: first.location,
        values: [],
      });
    }
  },
});
