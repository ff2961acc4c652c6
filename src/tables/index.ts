/**
 * The table layer: recognises the report's tables (决算 nine tables, 预算 表1–表9, performance tables) and adds
 * their numbers to the report as facts (source "table") and claims, so narrative ↔ table and in-table rules can
 * address them by concept.
 */
import type { Report } from "../model/schema.js";

export function extractTableFacts(_report: Report): void {
  // filled in by the table layer
}
