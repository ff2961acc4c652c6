import type { Location, Paragraph, Span } from "./schema.js";

export function snippetAround(text: string, start: number, end: number, radius = 24): string {
  const a = Math.max(0, start - radius);
  const b = Math.min(text.length, end + radius);
  return `${a > 0 ? "…" : ""}${text.slice(a, b).replace(/\s*\n\s*/g, " ")}${b < text.length ? "…" : ""}`;
}

export function spanAt(spans: Span[], offset: number): Span {
  let found = spans[0]!;
  for (const s of spans) {
    if (s.offset <= offset) found = s;
    else break;
  }
  return found;
}

/** "第33页", or "第33页（页码31）" when the page prints another number than the viewer's count. */
export function pageText(l: Pick<Location, "page" | "pageLabel">): string {
  return `第${l.page}页${l.pageLabel ? `（页码${l.pageLabel}）` : ""}`;
}

/**
 * A table cell as people find it: "表4「财政拨款收支总表」第3行第2列"; a title that numbers the table itself
 * ("表12 部门预算项目支出预算表") is the name, without gouji's own count before it; a cell of a continuation gouji read
 * as a table of its own is named by the table's first part, its row counted in the continuation ("表4「…」续表第7行第4列").
 */
export function tableCellText(t: NonNullable<Location["table"]>): string {
  const own = t.title && /^表\s*\d/.test(t.title) ? "" : `表${t.firstPart ?? t.index}`;
  return `${own}${t.title ? `「${t.title}」` : ""}${t.firstPart ? "续表" : ""}第${t.row}行第${t.column}列`;
}

/** The location of characters [start, end) of a paragraph. */
export function locationIn(p: Pick<Paragraph, "text" | "spans">, start: number, end: number): Location {
  const s = spanAt(p.spans, start);
  const loc: Location = { snippet: snippetAround(p.text, start, end) };
  if (s.page !== undefined) loc.page = s.page;
  if (s.line !== undefined) loc.line = s.line;
  if (s.paragraph !== undefined) loc.paragraph = s.paragraph;
  return loc;
}
