import { defineRule } from "../src/engine/rule.js";
import { documentLines, notesOf } from "../src/tables/lines.js";
import { EMPTY_SUBJECT, KIND_NAME, kindOfTitle, normalizeTitle, PERF_KINDS, REQUIRED, type TableKind } from "../src/tables/kinds.js";
import { squash } from "../src/tables/text.js";
import { tableViews } from "../src/tables/view.js";

/** "一、《收入支出决算总表》", "1. 2025年部门财务收支预算总表 ……… 12": the table a listing line names. */
function listedKind(line: string): TableKind | undefined {
  const t = squash(line)
    .replace(/[…．.·]{2,}.*$/, "")
    .replace(/[（(]见附表[）)]|[（(]?附后[）)]?$/, "")
    .replace(/[《》]/g, "")
    .replace(/^(?:[一二三四五六七八九十]+[、.．]|\d{1,2}[.．、](?!\d)|[（(][一二三四五六七八九十\d]+[）)])/, "");
  if (t.length > 40 || /[，,。；;：:]/.test(t)) return undefined;
  return kindOfTitle(t);
}

/** The tables no department can leave empty: it always has income and expenditure. */
const CANNOT_BE_EMPTY: ReadonlySet<TableKind> = new Set(["summary", "income", "expense"]);

const DECLARED_EMPTY = /空表|无数据|没有[^。；]*?(?:收入|支出|安排)|无[^。；]{0,20}(?:收入|支出|安排|经费)|未安排|不涉及/;

function subjectOf(kind: TableKind, title: string): RegExp {
  return EMPTY_SUBJECT[kind] ?? new RegExp(normalizeTitle(title).replace(/[()（）“”"]/g, ".").replace(/表$/, "") || "^$");
}

export default defineRule({
  id: "completeness",
  name: "报表齐全",
  description: "报表齐全：决算九张表（预算各表）均已公开或注明为空表；目录所列各表均在报告中出现；空表须有说明",
  severity: "warning",
  messages: {
    missing: "报告公开了报表，但缺少“{name}”，也未说明该表为空表",
    listed: "目录（或报表清单）列有“{name}”，但报告中没有这张表",
    emptyNoNote: "“{table}”为空表，但报告未说明其为空表的原因（如“本单位无…，故本表为空表”）",
    emptyCore: "“{table}”没有填写数字：部门的收支总表、收入表和支出表不会是空表，请补填",
    blank: "报告所列{count}张报表都没有填写数字（{first}等）：像是未填写的模板或未完成的草稿，各表之间和表与正文之间未能核对",
    wrongNote: "“{table}”为空表，但表下说明写的是“{note}”，与表名不符",
  },
  example: "表1 收入支出决算总表\n收入\t决算数\t支出\t决算数\n财政拨款收入\t10.00\t一般公共服务支出\t10.00\n（报告只印了这一张表，其余八张决算表既未公开，也未说明为空表）",
  check(report, ctx) {
    const docKind = report.meta.kind;
    if (docKind === "unknown") return;
    const views = tableViews(report);
    const printed = views.filter((v) => v.kind && !PERF_KINDS.has(v.kind));
    // only a document that prints its tables can be missing one (Xinjiang's 决算 publish them separately: "见附表")
    if (printed.length === 0) return;
    const lines = documentLines(report);
    const narrative = lines.filter((l) => l.role === "line" || l.role === "title").map((l) => l.text).join("\n");
    const declaredEmpty = (kind: TableKind, title: string) => {
      const subject = subjectOf(kind, title);
      return narrative.split(/[。\n]/).some((s) => subject.test(s) && DECLARED_EMPTY.test(s));
    };
    const has = (kind: TableKind) => printed.some((v) => v.kind === kind);
    const reported = new Set<TableKind>();
    const anchor = printed[0]!.table.location;
    for (const kind of REQUIRED[docKind]) {
      if (has(kind) || declaredEmpty(kind, KIND_NAME[kind][docKind])) continue;
      reported.add(kind);
      ctx.report({ messageId: "missing", data: { name: KIND_NAME[kind][docKind] }, location: anchor, values: [] });
    }
    for (const l of lines) {
      if (l.role !== "line" && l.role !== "heading" && l.role !== "title") continue;
      const kind = listedKind(l.text);
      if (!kind || PERF_KINDS.has(kind) || has(kind) || reported.has(kind) || declaredEmpty(kind, l.text)) continue;
      reported.add(kind);
      ctx.report({ messageId: "listed", data: { name: squash(l.text).replace(/[…．.·]{2,}.*$/, "") }, location: l.location, values: [] });
    }
    // every statutory table printed and none with a number: a template or an unfinished draft, said once
    if (printed.length >= 3 && printed.every((v) => v.empty)) {
      ctx.report({ messageId: "blank", data: { count: printed.length, first: squash(printed[0]!.title) }, location: anchor, values: [] });
      return;
    }
    for (const v of printed) {
      if (!v.empty) continue;
      // a department always has income and expenditure: an empty 收支总表, 收入表 or 支出表 was not filled in, and no
      // note could explain it
      if (CANNOT_BE_EMPTY.has(v.kind!)) {
        ctx.report({ messageId: "emptyCore", data: { table: squash(v.title) }, location: v.table.location, values: [] });
        continue;
      }
      const subject = subjectOf(v.kind!, v.title);
      const own = notesOf(report, v).find((n) => DECLARED_EMPTY.test(n.text));
      if (own && !subject.test(own.text) && Object.values(EMPTY_SUBJECT).some((re) => re.test(own.text))) {
        ctx.report({ messageId: "wrongNote", data: { table: squash(v.title), note: own.text }, location: own.location, values: [] });
        continue;
      }
      if (own || declaredEmpty(v.kind!, v.title)) continue;
      ctx.report({ messageId: "emptyNoNote", data: { table: squash(v.title) }, location: v.table.location, values: [] });
    }
  },
});
