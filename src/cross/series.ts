/**
 * Reports → series: one series per organisation (normalised name and scope), its reports by year and kind. Two
 * reports are put together only when they are surely the same entity: the same normalised name and the same scope
 * (部门, 本级 or 单位; a report whose title names none is a series of its own kind, "范围未注明"), or a short name
 * that exactly one full name of the archive extends by the names of its regions.
 */
import { shortNameOf, type EntityScope } from "./identity.js";
import type { CrossRecord } from "./record.js";

export interface SeriesReport {
  path: string;
  year: number;
  kind: "预算" | "决算";
  record: CrossRecord;
}

export interface Series {
  /** the organisation's name as its reports print it (the longest form) */
  organisation: string;
  key: string;
  scope?: EntityScope;
  /** the other names the series' reports print ("普陀区财政局" beside "上海市普陀区财政局") */
  aliases: string[];
  reports: SeriesReport[];
}

export interface Unplaced {
  path: string;
  reason: string;
}

/** Groups placed reports into series, sorted by organisation; each series' reports by year, 预算 before 决算, path. */
export function groupSeries(inputs: { path: string; record: CrossRecord }[]): { series: Series[]; unplaced: Unplaced[] } {
  const unplaced: Unplaced[] = [];
  const groups = new Map<string, Series>();
  const placed: { path: string; record: CrossRecord }[] = [];
  for (const i of inputs) {
    if (!i.record.identity) unplaced.push({ path: i.path, reason: i.record.unplaced ?? "未能识别单位名称、年度和报告类型" });
    else placed.push(i);
  }
  const scopeKey = (s?: EntityScope) => s ?? "未注明";
  // full names first, so that a short name finds the full one it belongs to
  const keys = [...new Set(placed.map((i) => `${scopeKey(i.record.identity!.scope)}|${i.record.identity!.key}`))];
  const target = new Map<string, string>();
  for (const k of keys) {
    const [scope, name] = k.split("|") as [string, string];
    const fuller = keys.filter((o) => o !== k && o.startsWith(`${scope}|`) && shortNameOf(o.slice(scope.length + 1), name));
    // a short name that two full names extend ("普陀区财政局": 上海市 or 舟山市) is not surely either
    target.set(k, fuller.length === 1 ? fuller[0]! : k);
  }
  for (const i of placed) {
    const id = i.record.identity!;
    const k = target.get(`${scopeKey(id.scope)}|${id.key}`)!;
    let s = groups.get(k);
    if (!s) {
      s = { organisation: id.organisation, key: k.slice(k.indexOf("|") + 1), aliases: [], reports: [] };
      if (id.scope) s.scope = id.scope;
      groups.set(k, s);
    }
    if (id.organisation.length > s.organisation.length) {
      if (!s.aliases.includes(s.organisation)) s.aliases.push(s.organisation);
      s.organisation = id.organisation;
    } else if (id.organisation !== s.organisation && !s.aliases.includes(id.organisation)) s.aliases.push(id.organisation);
    s.reports.push({ path: i.path, year: id.year, kind: id.kind, record: i.record });
  }
  const series = [...groups.values()];
  for (const s of series) {
    s.aliases = s.aliases.filter((a) => a !== s.organisation);
    s.reports.sort((a, b) => a.year - b.year || (a.kind === b.kind ? 0 : a.kind === "预算" ? -1 : 1) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
  series.sort((a, b) => (a.organisation < b.organisation ? -1 : a.organisation > b.organisation ? 1 : (a.scope ?? "") < (b.scope ?? "") ? -1 : 1));
  unplaced.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { series, unplaced };
}
