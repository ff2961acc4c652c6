/**
 * The vocabulary: which printed labels name which concept, and which relations hold between concepts.
 * A new region's wording is a new alias here, not a new code path.
 */

export interface ConceptAlias {
  concept: string;
  /** matched against the normalised label (no spaces, no year, no organisation name) */
  label: RegExp;
  /** only inside a section whose heading path matches */
  section?: RegExp;
  /** only outside a section whose heading path matches */
  notSection?: RegExp;
  /** which figure of the concept the label names (default: the year's own figure) */
  measure?: "actual" | "budget" | "initialBudget";
}

/** First match wins: the more specific wordings come first. */
export const CONCEPT_ALIASES: ConceptAlias[] = [
  // 财政拨款收入支出总表 (section 四)
  { concept: "fiscal.income.total", label: /^财政拨款收入(?:支出)?总计$/ },
  // a 预算's 财政拨款收支总预算 is the total of its 财政拨款收支总表, not the department's 收支总预算
  { concept: "fiscal.income.total", label: /^财政拨款收支总预算$/ },
  { concept: "fiscal.expense.total", label: /^财政拨款支出总计$/ },
  { concept: "fiscal.carryIn", label: /^年初财政拨款结转和?结余$/ },
  { concept: "fiscal.carryOut", label: /^年末财政拨款结转和?结余$/ },
  { concept: "fiscal.income.current", label: /^本年财政拨款收入$/ },
  { concept: "fiscal.expense.current", label: /^本年财政拨款支出$/ },
  // 收入支出决算总表 (section 一)
  { concept: "income.total", label: /^(?:部门)?收入(?:支出)?(?:预算)?总计$/ },
  { concept: "expense.total", label: /^(?:部门)?支出(?:预算)?总计$/ },
  { concept: "income.current", label: /^本年收入(?:预算)?(?:合计)?$/ },
  { concept: "expense.current", label: /^本年支出(?:预算)?(?:合计)?$/ },
  { concept: "income.useNonFiscalSurplus", label: /^使用非财政拨款结余/ },
  // its name before the 2019 template: 用事业基金弥补收支差额
  { concept: "income.useNonFiscalSurplus", label: /^(?:用|使用)?事业基金弥补收支差额$/ },
  { concept: "income.carryIn", label: /^年初结转和?结余$/ },
  // a 预算's 收入总计 spelled out (苏州: "收入预算合计92,596.24万元，包括本年收入92,596.24万元，上年结转结余0万元")
  { concept: "income.total", label: /^收入预算合计$/ },
  { concept: "income.carryIn", label: /^上年结转和?结余$/ },
  { concept: "expense.surplusDistribution", label: /^结余分配$/ },
  { concept: "expense.carryOut", label: /^年末结转和?结余$/ },
  // 收入决算表 (section 二)
  { concept: "income.fiscal", label: /^财政拨款收入$/ },
  { concept: "income.superior", label: /^上级补助收入$/ },
  { concept: "income.business", label: /^事业收入$/ },
  { concept: "income.operating", label: /^(?:事业单位)?经营收入$/ },
  { concept: "income.specialAccount", label: /^财政专户(?:管理资金)?收入$/ },
  { concept: "income.affiliated", label: /^附属单位上缴收入$/ },
  { concept: "income.other", label: /^其他收入$/ },
  // 支出决算表 (section 三) and the 一般公共预算 basic spending (section 六)
  { concept: "gpb.basic", label: /^一般公共预算(?:财政)?(?:拨款)?基本支出$/ },
  { concept: "gpb.basic", label: /^基本支出$/, section: /一般公共预算/ },
  { concept: "expense.basic", label: /^基本支出$/ },
  { concept: "gpb.project", label: /^项目支出$/, section: /一般公共预算/ },
  { concept: "expense.project", label: /^项目支出$/ },
  { concept: "expense.toSuperior", label: /^上缴上级支出$/ },
  { concept: "expense.operating", label: /^经营支出$/ },
  { concept: "expense.toAffiliated", label: /^对附属单位补助支出$/ },
  { concept: "gpb.basic.personnel", label: /^人员经费$/, section: /基本支出/ },
  { concept: "gpb.basic.public", label: /^公用经费$/, section: /基本支出/ },
  // the 基本支出 of all funds and its two parts, where no 一般公共预算 section scopes them
  { concept: "expense.basic.personnel", label: /^人员(?:经费|支出)$/, notSection: /一般公共预算|财政拨款|三公|机关运行/ },
  { concept: "expense.basic.public", label: /^公用(?:经费|支出)$/, notSection: /一般公共预算|财政拨款|三公|机关运行/ },
  // 一般公共预算财政拨款支出 (section 五)
  { concept: "gpb.expense", label: /^一般公共预算(?:财政)?拨款(?:支出)?(?:合计)?$/ },
  // 公共财政预算: the 一般公共预算's name before 2015 ("2015年公共财政拨款支出1408.68万元")
  { concept: "gpb.expense", label: /^公共财政(?:预算)?拨款支出(?:合计)?$/ },
  // 三公 (section 九)
  // "一般公共预算拨款安排的“三公”经费支出预算" (苏州 预算)
  { concept: "sangong.total", label: /^(?:财政拨款|一般公共预算(?:财政)?(?:拨款)?)?(?:安排(?:的)?)?[“"]?三公[”"]?经费(?:公共财政拨款|财政拨款)?(?:支出|预算|支出预算)?(?:数|决算数?)?(?:合计)?$/ },
  { concept: "sangong.abroad", label: /^因公出国[（(]境[）)](?:费用?|经费)(?:预算)?(?:支出)?$/ },
  { concept: "sangong.vehicle", label: /^公务用?车购置及运行(?:维护)?费用?(?:预算)?(?:支出)?$/ },
  { concept: "sangong.vehicle.purchase", label: /^公务用?车购置(?:费)?(?:预算)?(?:支出)?$/ },
  { concept: "sangong.vehicle.operation", label: /^公务用?车(?:用车)?运行(?:维护)?费(?:预算)?(?:支出)?$/ },
  { concept: "sangong.reception", label: /^公务接待费用?(?:预算)?(?:支出)?$/ },
  // 其他重要事项 (section 十)
  { concept: "operating.expense", label: /^(?:财政拨款的?)?机关运行经费(?:财政拨款)?(?:预算|支出)?$/ },
  { concept: "operating.expense", label: /^公用经费支出$/, section: /其他重要事项/ },
  { concept: "procurement.total", label: /^政府采购(?:支出总额|预算(?:总额)?|合同总额|金额)(?:[（(][^）)]*[）)])?$/ },
  { concept: "procurement.goods", label: /^(?:政府采购货物(?:支出|预算)|货物采购金额)$/ },
  { concept: "procurement.works", label: /^(?:政府采购工程(?:支出|预算)|工程采购金额)$/ },
  { concept: "procurement.services", label: /^(?:政府采购服务(?:支出|预算)|服务采购金额)$/ },
  { concept: "procurement.sme", label: /^(?:授予|面向)中小企业(?:合同金额|预留政府采购项目预算金额)$/ },
  { concept: "procurement.smallMicro", label: /^(?:授予|面向)小微企业(?:合同金额|预留政府采购项目预算金额)$/ },
  // 机构设置及人员情况
  { concept: "staff.total", label: /^(?:实有人数|实有人员)$/ },
  { concept: "staff.active", label: /^在职(?:人员)?$/ },
  { concept: "staff.lixiu", label: /^离休(?:人员)?$/ },
  { concept: "staff.retired", label: /^退休(?:人员)?$/ },
  // 预算绩效 (section 十一): the overall self-assessment table and the evaluated projects
  { concept: "perf.overall", label: /^全年预算总额$/, section: /绩效/, measure: "budget" },
  { concept: "perf.overall", label: /^实际执行总额$/, section: /绩效/, measure: "actual" },
  { concept: "perf.projects", label: /^全年预算数$/, section: /绩效/, measure: "budget" },
  { concept: "perf.projects", label: /^全年执行数$/, section: /绩效/, measure: "actual" },
  // 预算 documents
  { concept: "budget.total", label: /^(?:部门)?收支总预算$/ },
  { concept: "income.current", label: /^收入预算$/ },
  { concept: "expense.current", label: /^支出预算$/ },
];

/**
 * Items that standard classifications place inside another item of the same list: "人员支出1045.99万元，对个人和家庭
 * 补助支出137.84万元，公用支出158.92万元" lists 对个人和家庭补助 although 人员支出 already contains it (人员经费 =
 * 工资福利支出 + 对个人和家庭的补助, 《政府收支分类科目》). When both stand in one list, the contained one is not a
 * part of the list's total.
 */
export const CONTAINED_IN: { part: RegExp; container: RegExp }[] = [
  { part: /对个人和家庭(?:的)?补助/, container: /人员(?:支出|经费)/ },
  { part: /工资福利/, container: /人员(?:支出|经费)/ },
  { part: /商品和服务支出/, container: /公用(?:支出|经费)/ },
  { part: /公务用车(?:购置|运行)(?!及)/, container: /公务用车购置及运行/ },
];

/**
 * Scopes of one kind of quantity that read alike but are different figures (DOMAIN.md: compare only quantities that
 * mean the same thing). 人员编制 (establishment posts) and 实有人员 (people on the payroll) are both counted in 人;
 * so are 编制 and 实有 vehicles. A list's parts must be of its total's scope. Matched against a normalised label;
 * first match wins, so "实有在编人员" and "编制内人员" (people, on the establishment) are 实有.
 */
export const QUANTITY_SCOPES: { scope: string; label: RegExp }[] = [
  { scope: "实有", label: /实有|在职|在编|编制[内外]|离休|退休|离退/ },
  { scope: "编制", label: /编制/ },
];

/** Subjects named without an amount ("收入支出总体与上年相比，减少144.63万元"): the concept whose figure is meant. */
export const SUBJECT_ALIASES: { subject: RegExp; concept: string }[] = [
  { subject: /财政拨款收入支出总[体计]/, concept: "fiscal.income.total" },
  { subject: /收入支出总[体计]/, concept: "income.total" },
  // "收入、支出预算总计…与上年相比收、支预算总计各增加…": the label is cut at "、"
  { subject: /^(?:收、)?支(?:出)?预算总计各?$/, concept: "expense.total" },
];

export type RelationPart = string | string[];

export interface Relation {
  id: string;
  /** sum: total = Σ parts; subset: Σ parts ≤ total; equal: a = b */
  kind: "sum" | "subset" | "equal";
  total: string;
  /** a part may be a list of concepts that stand in for it when it is not stated itself */
  parts: RelationPart[];
  /** only for reports of this kind */
  reportKind?: "决算" | "预算";
  /** only when the report declares these funds empty */
  when?: "noGovFundOrStateCapital";
  /** the measures it holds for (default: actual) */
  measures?: ("actual" | "budget")[];
  /**
   * sum relations only: concepts subtracted from the parts (total = Σ parts − Σ minus). Every one must be stated,
   * and a relation with them is never weakened to a subset (with signs mixed, missing parts bound nothing).
   */
  minus?: string[];
  /** not evaluated when any of these concepts is stated in the narrative (its own relations already tie the figures) */
  unlessStated?: string[];
}

export const RELATIONS: Relation[] = [
  { id: "income-total", kind: "sum", total: "income.total", parts: ["income.current", "income.useNonFiscalSurplus", "income.carryIn"] },
  { id: "expense-total", kind: "sum", total: "expense.total", parts: ["expense.current", "expense.surplusDistribution", "expense.carryOut"] },
  { id: "income-equals-expense", kind: "equal", total: "income.total", parts: ["expense.total"] },
  // the year's balance where the 总计 lines are not stated (web-page 决算说明: "年初结转和结余零万元，本年收入2028.61万元，
  // 本年支出1928.05万元，事业基金弥补收支差额零万元，结余分配零万元，年末结转和结余100.56万元"): 收入总计 = 支出总计 of the
  // 收入支出决算总表 (财政部 部门决算报表 表1) with both sides spelled out
  {
    id: "carry-over-balance",
    kind: "sum",
    total: "expense.carryOut",
    parts: ["income.carryIn", "income.current", "income.useNonFiscalSurplus"],
    minus: ["expense.current", "expense.surplusDistribution"],
    reportKind: "决算",
    unlessStated: ["income.total", "expense.total"],
  },
  {
    id: "income-current",
    kind: "sum",
    total: "income.current",
    parts: ["income.fiscal", "income.superior", "income.business", "income.operating", "income.affiliated", "income.other"],
    reportKind: "决算",
  },
  {
    id: "expense-current",
    kind: "sum",
    total: "expense.current",
    parts: ["expense.basic", "expense.project", "expense.toSuperior", "expense.operating", "expense.toAffiliated"],
    reportKind: "决算",
  },
  { id: "fiscal-income-total", kind: "sum", total: "fiscal.income.total", parts: ["fiscal.carryIn", "fiscal.income.current"] },
  { id: "fiscal-expense-total", kind: "sum", total: "fiscal.expense.total", parts: ["fiscal.carryOut", "fiscal.expense.current"] },
  { id: "fiscal-income-equals-expense", kind: "equal", total: "fiscal.income.total", parts: ["fiscal.expense.total"] },
  { id: "fiscal-income-stated-twice", kind: "equal", total: "income.fiscal", parts: ["fiscal.income.current"] },
  { id: "fiscal-income-within-total", kind: "subset", total: "fiscal.income.total", parts: ["income.fiscal"] },
  { id: "gpb-within-fiscal", kind: "subset", total: "fiscal.expense.current", parts: ["gpb.expense"] },
  { id: "gpb-equals-fiscal", kind: "equal", total: "fiscal.expense.current", parts: ["gpb.expense"], when: "noGovFundOrStateCapital" },
  { id: "operating-equals-public", kind: "equal", total: "operating.expense", parts: ["gpb.basic.public"], when: "noGovFundOrStateCapital" },
  { id: "gpb-basic", kind: "sum", total: "gpb.basic", parts: ["gpb.basic.personnel", "gpb.basic.public"] },
  // 基本支出 = 人员经费 + 公用经费 by definition (《政府收支分类科目》), for all funds as for the 一般公共预算
  { id: "basic", kind: "sum", total: "expense.basic", parts: ["expense.basic.personnel", "expense.basic.public"] },
  { id: "gpb-basic-within-gpb", kind: "subset", total: "gpb.expense", parts: ["gpb.basic"] },
  { id: "gpb-basic-within-basic", kind: "subset", total: "expense.basic", parts: ["gpb.basic"], reportKind: "决算" },
  {
    id: "sangong",
    kind: "sum",
    total: "sangong.total",
    parts: ["sangong.abroad", ["sangong.vehicle", "sangong.vehicle.purchase", "sangong.vehicle.operation"], "sangong.reception"],
    measures: ["actual", "budget"],
  },
  {
    id: "sangong-vehicle",
    kind: "sum",
    total: "sangong.vehicle",
    parts: ["sangong.vehicle.purchase", "sangong.vehicle.operation"],
    measures: ["actual", "budget"],
  },
  { id: "procurement", kind: "sum", total: "procurement.total", parts: ["procurement.goods", "procurement.works", "procurement.services"] },
  { id: "procurement-sme", kind: "subset", total: "procurement.total", parts: ["procurement.sme"] },
  { id: "procurement-small-micro", kind: "subset", total: "procurement.sme", parts: ["procurement.smallMicro"] },
  { id: "staff", kind: "sum", total: "staff.total", parts: ["staff.active", "staff.lixiu", "staff.retired"] },
  {
    id: "income-current-budget",
    kind: "sum",
    total: "income.current",
    parts: ["income.fiscal", "income.specialAccount", "income.business", "income.operating", "income.other"],
    reportKind: "预算",
  },
  { id: "budget-total", kind: "equal", total: "budget.total", parts: ["income.current"], reportKind: "预算" },
];

/** Sections whose numbered list items are the parts of one total (structure by 类). */
export const LIST_BREAKDOWNS: { section: RegExp; total: string; partConcept: string }[] = [
  { section: /结构情况/, total: "gpb.expense", partConcept: "gpb.class" },
];
