/**
 * Which table a title names. Regions title the same table differently (收入支出决算总表 / 部门收支决算总表 /
 * 收支决算总表; 表1 部门收支总体情况表 / 2025年部门财务收支预算总表 …): a new wording is a new alias here.
 */
import { squash } from "./text.js";

export type TableKind =
  | "summary" // 收入支出决算总表 / 部门收支总体情况表
  | "income" // 收入决算表 / 部门收入总体情况表
  | "expense" // 支出决算表 / 部门支出总体情况表
  | "fiscalSummary" // 财政拨款收入支出决算总表 / 财政拨款收支预算总体情况表
  | "fiscalExpense" // 财政拨款支出预算表 (Jiangsu)
  | "gpbExpense" // 一般公共预算财政拨款支出决算表 / 一般公共预算支出情况表
  | "gpbBasic" // 一般公共预算财政拨款基本支出决算表 / 一般公共预算基本支出情况表
  | "gpbProject" // 一般公共预算项目支出情况表
  | "projectExpense" // 项目支出预算表 of all funds (columns 一般公共预算 | 政府性基金 | … | 单位资金): no narrative total
  | "sangong" // 财政拨款“三公”经费支出决算表 / 一般公共预算“三公”经费支出情况表
  | "govFund" // 政府性基金预算财政拨款收入支出决算表 / 政府性基金预算支出情况表
  | "stateCapital" // 国有资本经营预算财政拨款收入支出决算表
  | "operating" // 机关运行经费支出预算表
  | "procurement" // 政府采购支出预算表
  | "perfOverall" // 整体支出绩效自评表
  | "perfProject" // 项目支出绩效自评表
  | "perfTarget"; // 项目支出绩效目标表

/** First match wins: the more specific titles come first. Tested against the squashed, de-numbered title. */
const ALIASES: { kind: TableKind; title: RegExp }[] = [
  { kind: "perfOverall", title: /整体(?:支出)?绩效(?:自评|评价)/ },
  { kind: "perfProject", title: /项目(?:支出)?绩效(?:自评|评价)/ },
  { kind: "perfTarget", title: /绩效目标(?:申报)?表|项目支出绩效$/ },
  { kind: "sangong", title: /三公/ },
  { kind: "govFund", title: /政府性基金/ },
  { kind: "stateCapital", title: /国有资本经营/ },
  { kind: "operating", title: /^(?:一般公共预算)?机关运行经费/ },
  { kind: "procurement", title: /政府采购/ },
  { kind: "gpbBasic", title: /基本支出/ },
  { kind: "gpbProject", title: /一般公共预算项目支出/ },
  { kind: "projectExpense", title: /^(?:部门)?(?:预算)?项目支出(?:及其他支出)?(?:情况|预算|总体情况)?(?:明细)?表/ },
  { kind: "fiscalSummary", title: /财政拨款收(?:入)?支(?:出)?(?:决算|预算)?总(?:体情况)?表/ },
  { kind: "gpbExpense", title: /一般公共预算.*支出/ },
  // "财政拨款支出表（功能科目）" (苏州)
  { kind: "fiscalExpense", title: /^财政拨款支出(?:决算|预算)?表/ },
  { kind: "summary", title: /收(?:入)?支(?:出)?(?:决算|预算)?总(?:体情况)?表|收支总表/ },
  { kind: "income", title: /收入(?:决算|预算)?(?:总体情况)?(?:总)?表/ },
  { kind: "expense", title: /支出(?:决算|预算)?(?:总体情况)?(?:总)?表/ },
];

/** "表5 一般公共预算支出情况表" → "一般公共预算支出情况表"; "2025年部门收入预算总表" → "收入预算总表". */
export function normalizeTitle(title: string): string {
  let t = squash(title)
    .replace(/[《》〈〉]/g, "")
    .replace(/^(?:附表|表|公开)(?:\d{1,2}(?=(?:19|20)\d\d年)|\d+|[一二三四五六七八九十]+(?=[-—:：.．、]))(?:表)?[-—:：.．、]?/, "")
    .replace(/^部门预算公开\d+表/, "")
    .replace(/^[一二三四五六七八九十]+[、.．]/, "")
    .replace(/^\d{1,2}[.．、](?!\d)/, "");
  t = t.replace(/^.*?\d{4}年度?/, "").replace(/^(?:[省市区县]级)?(?:部门|单位)/, "");
  return t;
}

export function kindOfTitle(title: string): TableKind | undefined {
  const t = normalizeTitle(title);
  if (!t || t.length > 40 || !/表|绩效/.test(t) || /[，,。；;：:]/.test(t)) return undefined;
  return ALIASES.find((a) => a.title.test(t))?.kind;
}

export const PERF_KINDS: ReadonlySet<TableKind> = new Set(["perfOverall", "perfProject", "perfTarget"]);

/** The statutory tables each kind of document must print (or declare empty) when it prints its tables at all. */
export const REQUIRED: Record<"决算" | "预算", TableKind[]> = {
  决算: ["summary", "income", "expense", "fiscalSummary", "gpbExpense", "gpbBasic", "sangong", "govFund", "stateCapital"],
  预算: ["summary", "income", "expense", "fiscalSummary", "gpbExpense", "gpbBasic", "sangong", "govFund"],
};

/** How the findings name a kind of table. */
export const KIND_NAME: Record<TableKind, { 决算: string; 预算: string }> = {
  summary: { 决算: "收入支出决算总表", 预算: "部门收支总体情况表" },
  income: { 决算: "收入决算表", 预算: "部门收入总体情况表" },
  expense: { 决算: "支出决算表", 预算: "部门支出总体情况表" },
  fiscalSummary: { 决算: "财政拨款收入支出决算总表", 预算: "财政拨款收支总体情况表" },
  fiscalExpense: { 决算: "财政拨款支出决算表", 预算: "财政拨款支出预算表" },
  gpbExpense: { 决算: "一般公共预算财政拨款支出决算表", 预算: "一般公共预算支出情况表" },
  gpbBasic: { 决算: "一般公共预算财政拨款基本支出决算表", 预算: "一般公共预算基本支出情况表" },
  gpbProject: { 决算: "一般公共预算项目支出决算表", 预算: "一般公共预算项目支出情况表" },
  projectExpense: { 决算: "项目支出决算表", 预算: "项目支出预算表" },
  sangong: { 决算: "财政拨款“三公”经费支出决算表", 预算: "一般公共预算“三公”经费支出情况表" },
  govFund: { 决算: "政府性基金预算财政拨款收入支出决算表", 预算: "政府性基金预算支出情况表" },
  stateCapital: { 决算: "国有资本经营预算财政拨款收入支出决算表", 预算: "国有资本经营预算支出情况表" },
  operating: { 决算: "机关运行经费支出决算表", 预算: "机关运行经费支出预算表" },
  procurement: { 决算: "政府采购支出决算表", 预算: "政府采购支出预算表" },
  perfOverall: { 决算: "整体支出绩效自评表", 预算: "整体支出绩效目标表" },
  perfProject: { 决算: "项目支出绩效自评表", 预算: "项目支出绩效目标表" },
  perfTarget: { 决算: "项目支出绩效目标表", 预算: "项目支出绩效目标表" },
};

/** The words a 空表 note uses for a fund whose table is empty. */
export const EMPTY_SUBJECT: Partial<Record<TableKind, RegExp>> = {
  govFund: /政府性基金/,
  stateCapital: /国有资本经营/,
  sangong: /三公/,
};
