/**
 * Who a report is about, read from its own text: the organisation (normalised, with its scope 部门 / 本级 / 单位),
 * the year and the kind (预算 / 决算). Only the title block is trusted (the first lines, the 编制部门 / 预算主管部门 /
 * 发布机构 line), and a report whose identity is not certain is not placed at all: a wrong identity would compare two
 * organisations' figures, so "not placed, and why" is the safe answer.
 */
import type { Report } from "../model/schema.js";
import { normalizeDigits } from "../model/numbers.js";

/** 部门: the department with its units; 本级: the department's own accounts only; 单位: one budget unit. */
export type EntityScope = "部门" | "本级" | "单位";

export interface ReportIdentity {
  /** the organisation's name as the report prints it (spaces removed) */
  organisation: string;
  /** the name normalised for comparison (see normaliseOrganisation); two reports of one organisation share it */
  key: string;
  /** whose accounts: a 部门 and its 本级 are different entities; undefined when the title does not say */
  scope?: EntityScope;
  year: number;
  kind: "预算" | "决算";
  /** where the identity was read, for people: "标题「…」" */
  source: string;
}

export type IdentityResult = { ok: true; identity: ReportIdentity } | { ok: false; reason: string };

/** Institution names end in one of these; a region ("上海市普陀区") or a phrase does not. */
const INSTITUTION = /(?:局|厅|委员会|委|办公室|办|院|中心|所|站|处|部|队|校|学|馆|会|室|团|社|署|庭|台|园|场|行|协|狱|镇|乡|街道|政府|法院|检察院|党校|联合会|协会|总工会|机关|事务局|管委会|管理委员会|服务中心)$/;
/** Placeholders of a template and words a pattern can catch that are no name. */
const NOT_A_NAME = /XX|ＸＸ|××|xx|某某|^(?:第.{1,3}部分|关于|本|我|各|全)|部分$|^(?:部门|单位|区级|市级|县级|省级)$/;
const REGION_LEVEL = /(?:区级|市级|县级|省级|州级|旗级|市本级|区本级)$/;
const ORG = String.raw`[\u4e00-\u9fa5（）()“”]{2,40}?`;
const KIND = String.raw`(?:(?:区级|市级|县级|省级|州级)?(部门|单位)?)(预算|决算)`;
/** "平潭县人民法院2015年度部门决算", "上海市普陀区2025年区级部门预算" */
const ORG_YEAR = new RegExp(`^(${ORG})(\\d{4})年度?${KIND}`);
/** "2015年度平潭县人民法院部门决算说明", "2026年度苏州市水务局单位预算公开" */
const YEAR_ORG = new RegExp(`^(\\d{4})年度?(${ORG})${KIND}`);
/** A template's title: "上海市XX局2024年度部门决算". */
const PLACEHOLDER_TITLE = /(?:XX|ＸＸ|××|某某)[\u4e00-\u9fa5]{0,10}\d{4}年度?(?:部门|单位)?(?:预算|决算)/i;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The lines that name the organisation outright. */
const NAMED_BY = /^(?:预算主管部门|主管部门|编制部门|编制单位|部门名称|单位名称|发布机构)[:：]([\u4e00-\u9fa5（）()]{2,40}?)(?:单位[:：].*|[:：].*)?$/;

/**
 * The name as compared: no spaces, half-width brackets made full-width, "（本级）" and a trailing 本级 dropped (they
 * are the scope, not the name), "中国共产党" shortened to "中共" and "其它" read as "其他".
 */
export function normaliseOrganisation(name: string): string {
  return normalizeDigits(name)
    .replace(/\s+/g, "")
    .replace(/\(/g, "（")
    .replace(/\)/g, "）")
    .replace(/[“”"]/g, "")
    .replace(/^中国共产党/, "中共")
    .replace(/其它/g, "其他")
    .replace(/（本级）$|本级$/, "");
}

function squash(s: string): string {
  return normalizeDigits(s).replace(/\s+/g, "").replace(/^标题[:：]/, "");
}

function validName(name: string): boolean {
  const n = normaliseOrganisation(name);
  return n.length >= 3 && !NOT_A_NAME.test(n) && INSTITUTION.test(n);
}

/**
 * The report's identity, or why it has none. Reads the first lines of the document (a title broken over several
 * short lines is joined) and the line that names the organisation; the title must give the year and the kind, and
 * the organisation must be a name of an institution (not a region, not a template's "XX局").
 */
export function identify(report: Report): IdentityResult {
  const head = report.paragraphs.slice(0, 12).map((p) => squash(p.text)).filter(Boolean);
  // a title printed over two or three short lines ("2026年度 / 泉州市公安局 / 部门预算")
  const candidates: string[] = [];
  for (let i = 0; i < head.length; i++) {
    candidates.push(head[i]!);
    if (head[i]!.length <= 30 && head[i + 1] && head[i + 1]!.length <= 30) {
      candidates.push(head[i]! + head[i + 1]!);
      if (head[i + 2] && head[i + 2]!.length <= 30) candidates.push(head[i]! + head[i + 1]! + head[i + 2]!);
    }
  }
  let named: string | undefined;
  for (const line of head) {
    const m = NAMED_BY.exec(line);
    if (m && validName(m[1]!)) {
      named = m[1]!;
      break;
    }
  }
  let placeholder: string | undefined;
  for (const c of candidates) {
    if (!placeholder && PLACEHOLDER_TITLE.test(c)) placeholder = c.length > 60 ? `${c.slice(0, 60)}…` : c;
  }
  for (const c of candidates) {
    const a = ORG_YEAR.exec(c);
    const b = a ? undefined : YEAR_ORG.exec(c);
    if (!a && !b) continue;
    const [org, year, unitWord, kind] = a ? [a[1]!, a[2]!, a[3], a[4]!] : [b![2]!, b![1]!, b![3], b![4]!];
    const title = c.length > 60 ? `${c.slice(0, 60)}…` : c;
    if (/XX|ＸＸ|××|某某/i.test(org)) {
      placeholder = title;
      continue;
    }
    let organisation = org.replace(REGION_LEVEL, "");
    if (!validName(organisation)) {
      // "上海市普陀区2025年区级部门预算" names the region; the 预算主管部门 line names the department
      if (!named) continue;
      organisation = named;
    }
    const y = Number(year);
    if (y < 1990 || y > 2100) continue;
    if (report.meta.kind !== "unknown" && report.meta.kind !== kind) {
      return { ok: false, reason: `标题「${title}」说是${kind}，正文读作${report.meta.kind}，无法确定报告类型` };
    }
    const bare = normaliseOrganisation(organisation);
    const scope: EntityScope | undefined = /本级/.test(organisation) || /本级(?:部门|单位)?(?:预算|决算)/.test(c) ? "本级" : unitWord === "部门" ? "部门" : unitWord === "单位" ? "单位" : undefined;
    return {
      ok: true,
      identity: { organisation: organisation.replace(/\s+/g, ""), key: bare, ...(scope ? { scope } : {}), year: y, kind: kind as "预算" | "决算", source: `标题「${title}」` },
    };
  }
  if (placeholder) return { ok: false, reason: `标题「${placeholder}」中的单位名称是占位符` };
  // no title (a cover printed as an image): the name and year the narrative's sentences open with, as the model read
  // them ("江苏省政协办公厅2019年度收入、支出预算总计…" in two paragraphs or more), and the kind of the headings
  const org = report.meta.organisation;
  if (org && report.meta.year && report.meta.kind !== "unknown" && validName(org)) {
    const opening = new RegExp(`^${escape(org.replace(/\s+/g, ""))}${report.meta.year}年`);
    const opened = report.paragraphs.filter((p) => opening.test(squash(p.text)));
    if (opened.length >= 2) {
      const first = squash(opened[0]!.text).slice(0, 40);
      return { ok: true, identity: { organisation: org.replace(/\s+/g, ""), key: normaliseOrganisation(org), year: report.meta.year, kind: report.meta.kind, source: `正文「${first}…」等${opened.length}段` } };
    }
  }
  if (report.meta.kind === "unknown") return { ok: false, reason: "开头部分没有写明是预算还是决算" };
  return { ok: false, reason: "开头部分没有同时写明单位名称、年度和报告类型（如“某局2024年度部门决算”）的标题" };
}

/**
 * Whether two normalised names are surely one organisation: equal, or one is the other without the names of the
 * regions it lies in ("普陀区财政局" in "上海市普陀区财政局"), provided the shorter still begins with a region of its
 * own (so "财政局" alone matches nothing). The caller also requires the match to be unique in the archive.
 */
export function shortNameOf(full: string, short: string): boolean {
  if (full === short || !full.endsWith(short) || short.length < 5) return false;
  const prefix = full.slice(0, full.length - short.length);
  const REGION = /^(?:[\u4e00-\u9fa5]{1,12}?(?:省|市|自治区|自治州|地区|盟|县|区|旗|州))+$/;
  return REGION.test(prefix) && /^[\u4e00-\u9fa5]{1,8}?(?:省|市|自治区|自治州|地区|盟|县|区|旗|州)/.test(short);
}
