/**
 * The part a cited number plays in a failed relation (`CitedValue.role`, kebab/camel-case ids in the JSON), as people
 * read it in the text, CSV and HTML reports. An id without a label here is shown as it is.
 */
export const ROLE_LABELS: Readonly<Record<string, string>> = {
  total: "总数",
  part: "组成部分",
  whole: "总数",
  share: "占比",
  amount: "金额",
  current: "本年数",
  delta: "增减额",
  totalDelta: "总数增减额",
  partDelta: "组成部分增减额",
  rate: "比率",
  completion: "完成预算比例",
  budget: "预算数",
  actual: "决算数（执行数）",
  target: "目标值",
  adjust: "调整项",
  fund: "资金来源",
  stated: "此处所写",
  restated: "他处所写",
  table: "表中数",
  weight: "分值",
  score: "得分",
  count: "个数",
  cell: "单元格",
  year: "年度",
  title: "标题",
  heading: "标题",
  tableTitle: "表名",
  tableIdentity: "表头单位",
  // cross-document and performance-table roles (src/cross/check.ts, rules/perf-*.ts, comparison-words, balance)
  prior: "上年数",
  printed: "上年报告所列",
  initialBudget: "年初预算数",
  budgetReport: "预算报告所列",
  carryIn: "年初结转结余",
  carryOut: "年末结转结余",
  deviation: "所写偏差",
  comparand: "比较对象",
  compared: "被比较数",
  minus: "减项",
  otherPart: "其他组成部分",
  balance: "结余",
};

/** The Chinese name of a role id ("part" → "组成部分"). */
export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role;
}
