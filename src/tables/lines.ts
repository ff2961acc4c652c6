/**
 * The document's lines with their roles, for the checks that read titles and headings rather than figures:
 * the title lines before the first heading, the headings, the table titles and their 编制单位 / year cells, and
 * every other source line of the narrative.
 */
import type { Location, Report } from "../model/schema.js";
import { squash } from "./text.js";
import { tableViews, type TableView } from "./view.js";

export interface DocLine {
  text: string;
  location: Location;
  role: "title" | "heading" | "tableTitle" | "tableIdentity" | "line" | "cell";
}

function loc(base: Location, text: string): Location {
  return Object.assign({}, base, { snippet: text.length > 60 ? `${text.slice(0, 60)}…` : text });
}

export function documentLines(report: Report): DocLine[] {
  const out: DocLine[] = [];
  for (const p of report.paragraphs) {
    p.spans.forEach((s, k) => {
      const end = p.spans[k + 1]?.offset ?? p.text.length;
      const text = p.text.slice(s.offset, end);
      const { offset: _o, ...place } = s;
      const l = loc(Object.assign({}, place, { snippet: "" }), text);
      out.push({ text, location: l, role: p.index < 6 && p.sectionId === "root" ? "title" : "line" });
    });
  }
  for (const s of report.sections.slice(1)) out.push({ text: `${s.numbering}${s.title}`, location: s.location, role: "heading" });
  for (const v of tableViews(report)) {
    if (v.title) out.push({ text: v.title, location: Object.assign({}, v.table.location, { snippet: v.title }), role: "tableTitle" });
    for (const c of v.segment.identity) out.push({ text: c.text, location: c.location, role: "tableIdentity" });
    for (const row of v.segment.rows) {
      for (let k = 0; k + 1 < row.length; k++) {
        if (/^(?:单位名称|部门名称|预算单位|填报单位|编制单位|编制部门)[:：]?$/.test(squash(row[k]!.text))) {
          out.push({ text: `${squash(row[k]!.text)}：${row[k + 1]!.text}`, location: row[k + 1]!.location, role: "tableIdentity" });
        }
      }
      for (const c of row) if (c.text && !c.number) out.push({ text: c.text, location: c.location, role: "cell" });
    }
  }
  return out;
}

const NOTE = /^(?:注|说明|备注)\s*\d*\s*[:：]/;

/** The notes printed with a table: its own 注 rows and a 注/说明 paragraph right under it (same page, or within a few lines). */
export function notesOf(report: Report, view: TableView): { text: string; location: Location }[] {
  const out = view.segment.notes.map((c) => ({ text: squash(c.text), location: c.location }));
  const lastRow = view.segment.rows[view.segment.rows.length - 1] ?? [];
  const last = lastRow[lastRow.length - 1]?.location ?? view.table.location;
  const next = report.tables.find((t) => t.index === view.table.index + 1)?.location;
  for (const p of report.paragraphs) {
    if (!NOTE.test(p.text.trim())) continue;
    const s = p.spans[0]!;
    const near =
      (last.line !== undefined && s.line !== undefined && s.line > last.line && s.line <= last.line + 4) ||
      (last.page !== undefined && s.line === undefined && s.page === last.page && !(next?.page === last.page));
    if (near) out.push({ text: squash(p.text), location: Object.assign({}, s, { snippet: p.text.slice(0, 60) }) });
  }
  return out;
}
