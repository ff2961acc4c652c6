/**
 * Row labels of the 总表s → concepts (the same ids the narrative uses, src/claims/concepts.ts), as data.
 * "fund.*" rows are the 一般公共预算 / 政府性基金 / 国有资本经营 split of a 财政拨款 row (or of a 结转 row): they
 * are children, not parts of the side's total.
 */
import type { TableKind } from "./kinds.js";

export interface RowConcept {
  re: RegExp;
  concept: string;
  /** how the row takes part in the side's sums */
  role: "part" | "current" | "adjust" | "total" | "fund";
}

const FUND_ROWS: RowConcept[] = [
  { re: /^一般公共预算(?:财政)?(?:拨款)?(?:收入|资金|拨款)?$/, concept: "fund.gpb", role: "fund" },
  { re: /^政府性基金(?:预算)?(?:财政)?(?:拨款)?(?:收入|资金|拨款)?$/, concept: "fund.govFund", role: "fund" },
  { re: /^国有资本经营(?:预算)?(?:财政)?(?:拨款)?(?:收入|资金|拨款)?$/, concept: "fund.stateCapital", role: "fund" },
];

const INCOME_ROWS: RowConcept[] = [
  { re: /^财政拨款(?:收入)?(?:[（(]补助[）)])?$/, concept: "income.fiscal", role: "part" },
  ...FUND_ROWS,
  { re: /^财政专户/, concept: "income.specialAccount", role: "part" },
  { re: /^上级补助收入$/, concept: "income.superior", role: "part" },
  { re: /^事业单位经营收入$/, concept: "income.unitOperating", role: "part" },
  { re: /^事业收入$/, concept: "income.business", role: "part" },
  { re: /^经营收入$/, concept: "income.operating", role: "part" },
  { re: /^附属单位上缴收入$/, concept: "income.affiliated", role: "part" },
  { re: /^(?:单位)?其他(?:资金)?收入$/, concept: "income.other", role: "part" },
  { re: /^本年收入(?:合计)?$/, concept: "income.current", role: "current" },
  { re: /^使用非财政拨款结余/, concept: "income.useNonFiscalSurplus", role: "adjust" },
  { re: /^(?:年初结转和?结余|上年结转(?:结余)?(?:资金)?)$/, concept: "income.carryIn", role: "adjust" },
  { re: /^(?:收入)?总计$/, concept: "income.total", role: "total" },
];

const EXPENSE_ROWS: RowConcept[] = [
  { re: /^基本支出$/, concept: "expense.basic", role: "part" },
  { re: /^项目支出$/, concept: "expense.project", role: "part" },
  { re: /^上缴上级支出$/, concept: "expense.toSuperior", role: "part" },
  { re: /^经营支出$/, concept: "expense.operating", role: "part" },
  { re: /^对附属单位补助支出$/, concept: "expense.toAffiliated", role: "part" },
  { re: /^本年支出(?:合计)?$/, concept: "expense.current", role: "current" },
  { re: /^结余分配$/, concept: "expense.surplusDistribution", role: "adjust" },
  { re: /^(?:年末结转和?结余|结转下年(?:资金)?)$/, concept: "expense.carryOut", role: "adjust" },
  { re: /^(?:支出)?总计$/, concept: "expense.total", role: "total" },
];

const FISCAL_INCOME_ROWS: RowConcept[] = [
  // a 预算's 财政拨款收支总表 prints this year's 财政拨款 as one row ("财政拨款（补助）")
  { re: /^财政拨款(?:收入)?(?:[（(]补助[）)])?$/, concept: "fiscal.income.current", role: "part" },
  ...FUND_ROWS,
  { re: /^本年收入(?:合计)?$/, concept: "fiscal.income.current", role: "current" },
  { re: /^(?:年初财政拨款结转和?结余|年初结转和?结余|上年结转(?:结余)?(?:资金)?)$/, concept: "fiscal.carryIn", role: "adjust" },
  { re: /^(?:收入)?总计$/, concept: "fiscal.income.total", role: "total" },
];

const FISCAL_EXPENSE_ROWS: RowConcept[] = [
  { re: /^本年支出(?:合计)?$/, concept: "fiscal.expense.current", role: "current" },
  { re: /^(?:年末财政拨款结转和?结余|年末结转和?结余|结转下年(?:资金)?)$/, concept: "fiscal.carryOut", role: "adjust" },
  { re: /^(?:支出)?总计$/, concept: "fiscal.expense.total", role: "total" },
];

export function summaryRows(kind: TableKind, side: number): RowConcept[] {
  if (kind === "fiscalSummary") return side === 0 ? FISCAL_INCOME_ROWS : FISCAL_EXPENSE_ROWS;
  return side === 0 ? INCOME_ROWS : EXPENSE_ROWS;
}

export function rowConcept(kind: TableKind, side: number, label: string): RowConcept | undefined {
  return summaryRows(kind, side).find((r) => r.re.test(label));
}

/** Column roles of the code tables → the concept of their 合计 row. */
/**
 * The 类 of the government functional classification (政府收支分类科目, 支出功能分类), as 总表 print them without
 * codes. A 总表 that lists spending by name only, indenting 款 and 项 under their 类, is summed over these names
 * alone; a name outside the list is a 款 or 项 whose level the text cannot show.
 */
export const FUNCTION_CLASSES: ReadonlySet<string> = new Set([
  "一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出", "文化旅游体育与传媒支出",
  "文化体育与传媒支出", "社会保障和就业支出", "社会保险基金支出", "卫生健康支出", "医疗卫生与计划生育支出", "节能环保支出",
  "城乡社区支出", "农林水支出", "交通运输支出", "资源勘探工业信息等支出", "资源勘探信息等支出", "商业服务业等支出",
  "金融支出", "援助其他地区支出", "自然资源海洋气象等支出", "国土海洋气象等支出", "住房保障支出", "粮油物资储备支出",
  "国有资本经营预算支出", "灾害防治及应急管理支出", "预备费", "其他支出", "转移性支出", "债务还本支出", "债务付息支出",
  "债务发行费用支出", "抗疫特别国债安排的支出",
]);

/**
 * The 类 of the 支出功能分类 by code (政府收支分类科目; an older name second), so that a table that lists only 款 or 项
 * codes still meets a 总表 that lists the 类 by name.
 */
export const CLASS_NAMES: Readonly<Record<string, readonly string[]>> = {
  "201": ["一般公共服务支出"], "202": ["外交支出"], "203": ["国防支出"], "204": ["公共安全支出"], "205": ["教育支出"],
  "206": ["科学技术支出"], "207": ["文化旅游体育与传媒支出", "文化体育与传媒支出"], "208": ["社会保障和就业支出"],
  "209": ["社会保险基金支出"], "210": ["卫生健康支出", "医疗卫生与计划生育支出"], "211": ["节能环保支出"], "212": ["城乡社区支出"],
  "213": ["农林水支出"], "214": ["交通运输支出"], "215": ["资源勘探工业信息等支出", "资源勘探信息等支出"], "216": ["商业服务业等支出"],
  "217": ["金融支出"], "219": ["援助其他地区支出"], "220": ["自然资源海洋气象等支出", "国土海洋气象等支出"], "221": ["住房保障支出"],
  "222": ["粮油物资储备支出"], "223": ["国有资本经营预算支出"], "224": ["灾害防治及应急管理支出"], "227": ["预备费"], "229": ["其他支出"],
  "230": ["转移性支出"], "231": ["债务还本支出"], "232": ["债务付息支出"], "233": ["债务发行费用支出"], "234": ["抗疫特别国债安排的支出"],
};

export const TOTAL_ROW_CONCEPTS: Partial<Record<TableKind, Record<string, string>>> = {
  income: {
    incomeCurrent: "income.current", total: "income.current", fiscal: "income.fiscal", superior: "income.superior", business: "income.business",
    operating: "income.operating", affiliated: "income.affiliated", other: "income.other",
  },
  expense: {
    expenseCurrent: "expense.current", total: "expense.current", basic: "expense.basic", project: "expense.project", toSuperior: "expense.toSuperior",
    operatingExp: "expense.operating", toAffiliated: "expense.toAffiliated",
  },
  gpbExpense: { total: "gpb.expense", basic: "gpb.basic", project: "gpb.project" },
  gpbBasic: { total: "gpb.basic", personnel: "gpb.basic.personnel", public: "gpb.basic.public" },
  gpbProject: { total: "gpb.project" },
};

/** How a fact from a table is labelled in findings. */
export const CONCEPT_LABEL: Record<string, string> = {
  "income.total": "收入总计",
  "income.current": "本年收入合计",
  "income.fiscal": "财政拨款收入",
  "income.superior": "上级补助收入",
  "income.business": "事业收入",
  "income.operating": "经营收入",
  "income.affiliated": "附属单位上缴收入",
  "income.other": "其他收入",
  "income.useNonFiscalSurplus": "使用非财政拨款结余",
  "income.carryIn": "年初结转和结余",
  "expense.total": "支出总计",
  "expense.current": "本年支出合计",
  "expense.basic": "基本支出",
  "expense.project": "项目支出",
  "expense.toSuperior": "上缴上级支出",
  "expense.operating": "经营支出",
  "expense.toAffiliated": "对附属单位补助支出",
  "expense.surplusDistribution": "结余分配",
  "expense.carryOut": "年末结转和结余",
  "fiscal.income.total": "财政拨款收入总计",
  "fiscal.income.current": "本年财政拨款收入",
  "fiscal.carryIn": "年初财政拨款结转和结余",
  "fiscal.expense.total": "财政拨款支出总计",
  "fiscal.expense.current": "本年财政拨款支出",
  "fiscal.carryOut": "年末财政拨款结转和结余",
  "gpb.expense": "一般公共预算财政拨款支出",
  "gpb.basic": "一般公共预算财政拨款基本支出",
  "gpb.project": "一般公共预算财政拨款项目支出",
  "gpb.basic.personnel": "人员经费",
  "gpb.basic.public": "公用经费",
  "budget.total": "收支总预算",
  "perf.overall": "整体支出绩效自评表资金合计",
};
