/**
 * Pages of positioned lines → the document's blocks, in reading order: every visual line that is not page furniture
 * and not part of a table becomes one SourceText; every table one SourceTable, placed where its first line is (so a
 * title and a "单位：万元" line above it come just before it). A table that ends a page and continues at the top of
 * the next is one table.
 */
import type { SourceBlock } from "../source.js";
import { removeFurniture, type PageLines } from "./furniture.js";
import { classify, extendEnd, findTable, isBodyLine, PdfTable, squash, type LineInfo } from "./tables.js";

export interface LaidOutPage extends PageLines {
  width: number;
}

export function layoutPages(pages: LaidOutPage[]): SourceBlock[] {
  removeFurniture(pages);
  const blocks: SourceBlock[] = [];
  let open: PdfTable | undefined;
  for (const p of pages) {
    const infos = p.lines.map((l) => classify(l, p.width));
    let i = 0;
    let lastWasTable = false;
    if (open) {
      const used = continueTable(open, infos);
      if (used > 0) {
        i = used;
        lastWasTable = true;
      } else open = undefined;
    }
    const text = (li: LineInfo) => {
      blocks.push({ kind: "text", text: li.line.text, place: { page: li.line.page } });
      lastWasTable = false;
    };
    while (i < infos.length) {
      if (infos[i]!.stop) {
        text(infos[i]!);
        i++;
        continue;
      }
      let j = i;
      while (j < infos.length && !infos[j]!.stop) j++;
      // a run may hold more than one table: take them in turn
      let run = infos.slice(i, j);
      while (run.length) {
        const span = findTable(run);
        if (!span) {
          run.forEach(text);
          break;
        }
        run.slice(0, span.start).forEach(text);
        const table = new PdfTable(run.slice(span.start, span.bodyStart), run.slice(span.bodyStart, span.end + 1), p.page);
        blocks.push(table.block);
        open = table;
        lastWasTable = true;
        run = run.slice(span.end + 1);
      }
      i = j;
    }
    if (!lastWasTable) open = undefined;
  }
  return blocks;
}

/**
 * Lines at the top of a page that carry on the table left open by the previous page: repeated header lines are
 * dropped, the rest must fit the table's columns. Returns how many lines were used (0: not a continuation).
 */
function continueTable(table: PdfTable, infos: LineInfo[]): number {
  let k = 0;
  while (k < infos.length && !infos[k]!.stop && table.headerKeys.has(squash(infos[k]!.line.text))) k++;
  let j = k;
  while (j < infos.length && !infos[j]!.stop) j++;
  const run = infos.slice(k, j);
  if (!run.length || infos[0]!.stop) return 0;
  let last = -1;
  for (let i = run.length - 1; i >= 0; i--) {
    if (run[i]!.cells.length >= 2 || isBodyLine(run[i]!)) {
      last = i;
      break;
    }
  }
  if (last < 0) return 0;
  const end = extendEnd(run, 0, 0, last);
  const part = run.slice(0, end + 1);
  if (!table.fits(part)) return 0;
  table.addBody(part);
  return k + end + 1;
}
