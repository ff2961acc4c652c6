/**
 * A table is a reference only after its own structure holds: before its cells are trusted (by the table rules and as
 * the narrative's counterpart), the sums its layout implies are checked. A misprint breaks the few relations that
 * share its cell; a misread table (columns shifted, a page joined wrongly, a header row read as data) breaks many
 * relations that no one or two cells explain. Such a table is set aside with one notice instead of a stream of errors.
 */
import { sumCheck } from "../engine/interval.js";
import { codeSums, fundColumnSums, procurementRowSums, subtotalColumnSums, summarySums, totalColumnSums, totalRowSums } from "./structure.js";
import type { TableView } from "./view.js";
import type { Location } from "../model/schema.js";

/** At most this many misprinted cells may explain a table's failed sums. */
const MAX_MISPRINTS = 2;
/** A large table whose failed sums are at most this share of its sums is read well enough, whatever explains them. */
const TOLERATED_SHARE = 0.1;

/**
 * Why the table's own sums say it was misread (Chinese, for the notice), or undefined when they hold — or fail only
 * where at most two printed cells, each a candidate misprint, explain every failure (greedy hitting set over the cells
 * each failed sum cites).
 */
export function misreadReason(view: TableView): string | undefined {
  const sums = [...codeSums(view), ...totalRowSums(view), ...totalColumnSums(view), ...fundColumnSums(view), ...subtotalColumnSums(view), ...procurementRowSums(view), ...summarySums(view)];
  const failed: string[][] = [];
  let checked = 0;
  for (const s of sums) {
    // sumFinding's check and cited cells (its total and printed parts), without the message data it also builds
    const total = s.total.number;
    const parts = s.parts.flatMap((p) => (p.number ? [p.number] : []));
    if (!total || parts.length === 0) continue;
    checked++;
    if (sumCheck(total, parts).verdict === "violated") failed.push([total, ...parts].map((n) => cellKey(n.location)));
  }
  if (failed.length <= MAX_MISPRINTS || failed.length <= TOLERATED_SHARE * checked) return undefined;
  let rest = failed;
  for (let picks = 0; picks < MAX_MISPRINTS && rest.length; picks++) {
    const count = new Map<string, number>();
    for (const cells of rest) for (const c of new Set(cells)) count.set(c, (count.get(c) ?? 0) + 1);
    const best = [...count.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    rest = rest.filter((cells) => !cells.includes(best));
  }
  if (rest.length === 0) return undefined;
  return `其自身的合计关系有${failed.length}处不成立（共核对${checked}处），无法用一两个印错的数字解释，可能是列、层级或跨页续表未能正确识别`;
}

function cellKey(l: Location): string {
  return l.table ? `${l.table.index}:${l.table.row}:${l.table.column}` : `${l.page ?? ""}:${l.line ?? ""}:${l.snippet}`;
}
