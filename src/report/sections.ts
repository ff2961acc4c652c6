/**
 * Names the section a docx or html finding stands in. Those formats have no pages or lines, and "第352段" alone is
 * hard to find in a long document: the headings above the paragraph ("第二部分 … › 三、支出决算情况说明") are what a
 * reader looks for. PDF pages and txt lines are found directly and get no section.
 */
import type { Finding } from "../engine/finding.js";
import type { Location, Report } from "../model/schema.js";

/** Longest heading text kept in a path (a heading can be a whole sentence). */
const HEADING_CHARS = 24;

/**
 * Sets `location.section` (and that of `alsoAt`) on findings placed by paragraph only: the headings the place stands
 * under, outermost first, joined by " › ". Returns the same findings (modified in place).
 */
export function addSectionPaths(report: Report, findings: Finding[]): Finding[] {
  const byId = new Map(report.sections.map((s) => [s.id, s]));
  const paths = new Map<string, string>();
  const pathOf = (id: string): string => {
    const hit = paths.get(id);
    if (hit !== undefined) return hit;
    const names: string[] = [];
    for (let s = byId.get(id); s && s.parentId !== null; s = s.parentId ? byId.get(s.parentId) : undefined) {
      const name = `${s.numbering}${s.numbering && /[\p{L}\p{N}]$/u.test(s.numbering) ? " " : ""}${s.title}`.trim();
      if (name) names.unshift(name.length > HEADING_CHARS ? `${name.slice(0, HEADING_CHARS)}…` : name);
    }
    const path = names.join(" › ");
    paths.set(id, path);
    return path;
  };
  const sectionOfParagraph = new Map<number, string>();
  for (const p of report.paragraphs) {
    for (const s of p.spans) if (s.paragraph !== undefined && !sectionOfParagraph.has(s.paragraph)) sectionOfParagraph.set(s.paragraph, p.sectionId);
  }
  const sectionOfTable = new Map(report.tables.map((t) => [t.index, t.sectionId]));
  const name = (l: Location) => {
    if (l.page !== undefined || l.line !== undefined || l.paragraph === undefined) return;
    const id = l.table ? sectionOfTable.get(l.table.index) : sectionOfParagraph.get(l.paragraph);
    const path = id ? pathOf(id) : "";
    if (path) l.section = path;
  };
  for (const f of findings) {
    name(f.location);
    for (const l of f.alsoAt ?? []) name(l);
  }
  return findings;
}
