/**
 * Damaged stretches of a document: where U+FFFD stands for a byte that could not be decoded (txt) or a glyph without
 * a Unicode mapping (pdf). A number there may have lost digits, and a list may have lost an item's amount, so every
 * relation that touches such a stretch is unreliable: "各类之和" without the class whose amount is unreadable is a
 * false error. Findings that cite a number, or stand, in a damaged stretch are withheld; the parser's notice (one
 * `incomplete-reading` warning) names the damaged lines or pages and says their sections were not checked.
 *
 * A stretch is the whole section (heading to heading) of a paragraph holding U+FFFD — a list and its total are
 * within one section — and every table with such a cell. In a PDF, locations carry only a page, so the pages of
 * those sections are the stretch.
 */
import type { Location, Report } from "../model/schema.js";
import type { Finding } from "./finding.js";

const REPLACEMENT = "\uFFFD";

export interface DamagedPlaces {
  /** the location lies in a damaged stretch */
  has(loc: Location): boolean;
}

/** The damaged stretches of a report, or undefined when there are none (the common case: nothing to withhold). */
export function damagedPlaces(report: Report): DamagedPlaces | undefined {
  const sections = new Set(report.paragraphs.filter((p) => p.text.includes(REPLACEMENT)).map((p) => p.sectionId));
  const tables = new Set(report.tables.filter((t) => t.rows.some((r) => r.some((c) => c.text.includes(REPLACEMENT)))).map((t) => t.index));
  if (sections.size === 0 && tables.size === 0) return undefined;
  const keys = new Set<string>();
  for (const p of report.paragraphs) {
    if (!sections.has(p.sectionId)) continue;
    for (const s of p.spans) keys.add(spanKey(s));
  }
  return {
    has(loc) {
      if (loc.table && tables.has(loc.table.index)) return true;
      // a table cell's own line/page is its place in the text; only narrative stretches are keyed by it
      if (loc.table) return false;
      return keys.has(spanKey(loc));
    },
  };
}

function spanKey(s: { line?: number; paragraph?: number; page?: number }): string {
  if (s.line !== undefined) return `line ${s.line}`;
  if (s.paragraph !== undefined) return `paragraph ${s.paragraph}`;
  return `page ${s.page ?? 0}`;
}

/** Drops the findings that stand in, or cite a number from, a damaged stretch. */
export function withholdDamaged(findings: Finding[], damaged: DamagedPlaces): Finding[] {
  return findings.filter((f) => !damaged.has(f.location) && !f.values.some((v) => damaged.has(v.location)));
}
