/**
 * The typed view rules address: the figure at (row, column) of a table. A row is named by its code ("2010302"),
 * its concept in a 总表 ("income.current", "expense.total") or its label ("合计", "一般公共服务支出"); a column by its
 * role ("total", "basic", "project", "gpb" …, see COLUMN_ROLES) or its header text. Without a column, the side's
 * first value column.
 */
import type { PrintedNumber } from "../model/schema.js";
import { rowConcept } from "./concepts.js";
import type { GridRow } from "./grid.js";
import { squash } from "./text.js";
import type { TableView } from "./view.js";

export function rowOf(view: TableView, row: string): GridRow | undefined {
  const g = view.grid;
  if (!g) return undefined;
  const key = squash(row);
  return (
    g.rows.find((r) => r.code === key) ??
    g.rows.find((r) => view.kind && rowConcept(view.kind, r.side, r.label)?.concept === key) ??
    g.rows.find((r) => r.label === key)
  );
}

export function valueAt(view: TableView, row: string, column?: string): PrintedNumber | undefined {
  const r = rowOf(view, row);
  if (!r) return undefined;
  const cols = view.grid!.columns[r.side]!;
  const j = column === undefined ? 0 : cols.findIndex((c) => c.role === column || c.leaf === squash(column));
  return j < 0 ? undefined : r.values[j];
}
