/**
 * The table layer: recognises the report's tables (决算 nine tables, 预算 表1–表9, performance tables) and adds
 * their numbers to the report as facts (source "table"), so narrative ↔ table checks address them by concept.
 * Rules read the typed views (tableViews) for the checks inside tables.
 */
import type { Report } from "../model/schema.js";
import { tableFacts } from "./facts.js";

export function extractTableFacts(report: Report): void {
  report.facts.push(...tableFacts(report));
}

export { tableViews, viewsOf, type TableView } from "./view.js";
export { kindOfTitle, normalizeTitle, KIND_NAME, REQUIRED, PERF_KINDS, type TableKind } from "./kinds.js";
export type { Grid, GridRow, Column, Side } from "./grid.js";
export { valueAt, rowOf } from "./lookup.js";
