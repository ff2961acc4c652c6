/**
 * Performance tables: 整体支出绩效自评表, 项目支出绩效自评表 (决算) and 项目支出绩效目标表 (预算).
 * Read by header words: the fund block (资金来源 × 年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分), the
 * indicator block (一级/二级/三级指标 × 权重 / 目标值 / 业绩值 / 得分) and the 总分 row. Scoring formulas differ between
 * tables and regions; this module only reads what is printed.
 */
import type { PrintedNumber, TableCell } from "../model/schema.js";
import { printedNumber } from "../model/numbers.js";
import { amountInText, amountOf, cellAt, isBlank, numberOf, relocate, squash, stripNumbering } from "./text.js";

export type FundField = "initialBudget" | "budget" | "actual" | "weight" | "rate" | "score";

export interface FundRow {
  label: string;
  isTotal: boolean;
  cells: Partial<Record<FundField, TableCell>>;
  values: Partial<Record<FundField, PrintedNumber>>;
}

export interface Indicator {
  /** 0-based index in the segment's rows */
  index: number;
  level1: string;
  level2: string;
  name: string;
  weight?: PrintedNumber;
  score?: PrintedNumber;
  targetCell?: TableCell;
  actualCell?: TableCell;
  /** 完成率 (%): the printed share of the target that was reached */
  completion?: PrintedNumber;
}

/** An indicator's figure: "≥8人" → comparison "≥", 8 in 人; "=100%" → "=", 100 in %. Dates and words have none. */
export interface IndicatorFigure {
  /** "≥" (at least), "≤" (at most) or "=" (exactly, or no sign) */
  comparison: "≥" | "≤" | "=";
  number: PrintedNumber;
}

const AT_LEAST = /^(?:≥|>=|＞=|＞|>|不低于|不少于|大于等于|达到)$/;
const AT_MOST = /^(?:≤|<=|＜=|＜|<|不高于|不超过|小于等于|控制在)$/;

/**
 * The figure of a 目标值 / 业绩值 cell: an optional comparison, one number and a short unit (人, 次, 个, %, 万元 …).
 * Undefined for anything else (a date, a word, two numbers), so that only like is compared with like.
 */
export function indicatorFigure(cell: TableCell | undefined): IndicatorFigure | undefined {
  if (!cell) return undefined;
  const t = squash(cell.text).replace(/（/g, "(").replace(/）/g, ")");
  const m = /^(≥|>=|＞=|≤|<=|＜=|=|＝|＞|>|＜|<|不低于|不少于|大于等于|达到|不高于|不超过|小于等于|控制在)?(\d[\d,]*(?:\.\d+)?)(%|％|[\u4e00-\u9fff]{1,3})?$/.exec(t);
  if (!m || /年|月|日|天前/.test(m[3] ?? "")) return undefined;
  const sign = m[1] ?? "=";
  const comparison = AT_LEAST.test(sign) ? "≥" : AT_MOST.test(sign) ? "≤" : "=";
  const number = printedNumber(m[2]!, (m[3] ?? "").replace("％", "%"), cell.location);
  return number && { comparison, number };
}

export interface Perf {
  funds: FundRow[];
  /** the fund block's unit (万元 unless its header says otherwise) */
  unit: string;
  indicators: Indicator[];
  /** false when a row of the indicator block is broken (merged cells lost, text where a figure belongs) */
  indicatorsReadable: boolean;
  totalWeight?: PrintedNumber;
  totalScore?: PrintedNumber;
  /** 项目名称 */
  project?: string;
}

const FUND_HEADERS: [RegExp, FundField][] = [
  [/^年初预算数?$/, "initialBudget"],
  [/^全年预算数?$|^调整后预算数?$/, "budget"],
  [/^全年执行数$|^执行数$|^实际执行数?$/, "actual"],
  [/^(?:分值|分值权重|权重)$/, "weight"],
  [/^执行率$/, "rate"],
  [/^得分$/, "score"],
];

const FUND_TOTAL = /^(?:合计|总计|年度总资金|年度资金总额|资金总额)/;

export function readPerf(rows: TableCell[][], title: string): Perf {
  const perf: Perf = { funds: [], unit: "万元", indicators: [], indicatorsReadable: true };
  // the fund block
  const fh = rows.findIndex((r) => r.some((c) => /^年初预算数?$/.test(squash(c.text))) && r.some((c) => /^全年预算数?$/.test(squash(c.text))));
  let after = 0;
  if (fh >= 0) {
    const head = rows[fh]!;
    if (head.some((c) => /元[）)]?$/.test(squash(c.text)) && !/万元/.test(squash(c.text)))) perf.unit = "元";
    const cols = new Map<FundField, number>();
    for (const c of head) {
      const f = FUND_HEADERS.find(([re]) => re.test(squash(c.text)))?.[1];
      if (f && !cols.has(f)) cols.set(f, c.column);
    }
    const first = cols.get("initialBudget")!;
    let k = fh + 1;
    for (; k < rows.length; k++) {
      const r = rows[k]!;
      if (!cellAt(r, first)?.number && !r.some((c) => c.column >= first && c.number)) break;
      let label = "";
      for (const c of r) if (c.column < first && !isBlank(c.text) && !c.number) label = stripNumbering(c.text).replace(/[（(](?:万元|元)[）)]$/, "");
      const row: FundRow = { label, isTotal: FUND_TOTAL.test(label), cells: {}, values: {} };
      // a figure right of the header's last column is that column's: its cell was merged to the table's edge and the
      // figure right-aligned in it (a PDF reads it under the columns of the indicator block below)
      const lastField = [...cols.entries()].sort((a, b) => b[1] - a[1])[0];
      const beyond = lastField && !cellAt(r, lastField[1])?.number ? r.find((c) => c.column > lastField[1] && c.number) : undefined;
      for (const [f, col] of cols) {
        const cell = beyond && f === lastField![0] ? beyond : cellAt(r, col);
        if (!cell || (cell.column !== col && cell !== beyond)) continue;
        row.cells[f] = cell;
        const n = f === "initialBudget" || f === "budget" || f === "actual" ? amountOf(cell, perf.unit, title) : numberOf(cell, title);
        if (n) row.values[f] = n;
      }
      perf.funds.push(row);
    }
    after = k;
  }
  for (const r of rows.slice(0, Math.max(after, 1) + 2)) {
    const i = r.findIndex((c) => /^项目名称$/.test(squash(c.text)));
    if (i >= 0 && r[i + 1]) perf.project = squash(r[i + 1]!.text);
  }

  // the indicator block
  const ih = rows.findIndex((r, k) => k >= after && r.some((c) => /^一级指标$/.test(squash(c.text))) && r.some((c) => /^(?:二级|三级)指标$/.test(squash(c.text))));
  if (ih < 0) return perf;
  const head = rows[ih]!;
  const colOf = (re: RegExp) => head.find((c) => re.test(squash(c.text)))?.column;
  const l1 = colOf(/^一级指标$/);
  const l2 = colOf(/^二级指标$/);
  const l3 = colOf(/^三级指标$/);
  const wCol = colOf(/^(?:分值|权重|分值权重|指标分值)$/);
  const sCol = colOf(/^(?:得分|指标得分|实际得分)$/);
  const tCol = colOf(/^(?:年度)?(?:预期)?(?:指标值|目标值)|^指标值/);
  const aCol = colOf(/^(?:实际完成(?:指标)?值|业绩值|实际完成值|全年实际值)/);
  const cCol = colOf(/^(?:指标)?完成(?:率|比例|比率)(?:[(（]%[)）])?$/);
  const headLast = Math.max(...head.map((c) => c.column + c.colSpan - 1));
  let level1 = "";
  let level2 = "";
  for (let k = ih + 1; k < rows.length; k++) {
    const r = rows[k]!;
    const firstText = squash(r.find((c) => !isBlank(c.text))?.text ?? "");
    if (/^(?:总分|合计|总计)$/.test(firstText)) {
      const nums = r.filter((c) => c.number && c.column > (r.find((x) => !isBlank(x.text))!.column)).map((c) => ({ cell: c, n: numberOf(c, title)! }));
      if (nums.length >= 2) {
        perf.totalWeight = nums[0]!.n;
        perf.totalScore = nums[nums.length - 1]!.n;
      } else if (nums.length === 1) {
        const { cell, n } = nums[0]!;
        if (cell.column === sCol || n.unit === "分") perf.totalScore = n;
        else if (cell.column === wCol) perf.totalWeight = n;
      }
      break;
    }
    const text = (col?: number) => (col ? squash(cellAt(r, col)?.text ?? "") : "");
    if (text(l1)) level1 = text(l1);
    if (text(l2)) level2 = text(l2);
    const name = text(l3);
    const wCell = wCol ? cellAt(r, wCol) : undefined;
    const sCell = sCol ? cellAt(r, sCol) : undefined;
    const w = wCell && wCell.column === wCol ? numberOf(wCell, title) : undefined;
    const s = sCell && sCell.column === sCol ? numberOf(sCell, title) : undefined;
    if (!name && !w && !s) continue; // a text continuation line
    const last = Math.max(...r.map((c) => c.column + c.colSpan - 1));
    const broken =
      (wCol !== undefined && !w && !isBlank(text(wCol))) || (sCol !== undefined && !s && !isBlank(text(sCol))) || (sCol !== undefined && last < sCol) || (w && s && last < headLast - 6);
    if (broken) perf.indicatorsReadable = false;
    const ind: Indicator = { index: k, level1, level2, name };
    if (w) ind.weight = w;
    if (s) ind.score = s;
    if (tCol) {
      const c = cellAt(r, tCol);
      if (c && c.column === tCol) ind.targetCell = { ...c, location: relocate(c.location, title) };
    }
    if (aCol) {
      const c = cellAt(r, aCol);
      if (c && c.column === aCol) ind.actualCell = { ...c, location: relocate(c.location, title) };
    }
    if (cCol) {
      const c = cellAt(r, cCol);
      const n = c && c.column === cCol ? numberOf(c, title) : undefined;
      if (n && n.unit === "%") ind.completion = n;
    }
    perf.indicators.push(ind);
  }
  return perf;
}

/**
 * A 绩效目标表's funds: "年度资金总额：| 15 | 其中：财政拨款 | 15 | 其他资金 | 0", in one row or in several; a 部门整体支出绩效
 * 目标表 also splits its 年度预算安排 into 项目支出 and 基本支出 (SPENDING_LINE: another dimension than the sources).
 */
export function readTargetFunds(rows: TableCell[][], title: string): FundRow[] {
  const out: FundRow[] = [];
  const stop = rows.findIndex((r) => r.some((c) => /^一级指标$/.test(squash(c.text))));
  for (const r of rows.slice(0, stop < 0 ? rows.length : stop)) {
    for (let k = 0; k + 1 < r.length; k++) {
      const label = stripNumbering(r[k]!.text).replace(/[:：]$/, "");
      if (!(/资金总额|财政拨款|其他资金|上年结转/.test(label) || SPENDING_LINE.test(squash(label))) || r[k]!.number) continue;
      const n = amountOf(r[k + 1], "万元", title);
      if (!n) continue;
      out.push({ label, isTotal: /资金总额/.test(label), cells: { budget: r[k + 1]! }, values: { budget: n } });
    }
  }
  return out;
}

/** A line of a 绩效目标表's funds that splits them by kind of spending, not by source. */
export const SPENDING_LINE = /^(?:基本支出|项目支出)$/;

/** A cost indicator's amount ("<=7.81万元", "≤6 万元", "<=2万"), as a printed number at its cell. */
export function costAmount(cell: TableCell | undefined): PrintedNumber | undefined {
  if (!cell) return undefined;
  const a = amountInText(cell.text.replace(/万$/, "万元"));
  if (!a) return undefined;
  return { text: a.raw, value: a.value, decimals: a.decimals, unit: a.unit, location: cell.location };
}

/** A column's text over one or more rows (see `textRuns`); `first` is the cell it starts in. */
export interface TextRun {
  text: string;
  first: TableCell;
  /** the place of the character at `offset` */
  at(offset: number): TableCell["location"];
}

/**
 * The text cells of a performance table, each joined with the cells under it in the same column while those rows
 * hold no figure: a PDF wraps a long goal or explanation into rows of its own ("…实际超出" | "25%。"), and a row with
 * figures (the next indicator) starts new runs.
 */
export function textRuns(rows: TableCell[][]): TextRun[] {
  type Run = TextRun & { pieces: { start: number; cell: TableCell }[] };
  const out: Run[] = [];
  let open = new Map<number, Run>();
  for (const row of rows) {
    if (row.some((c) => c.number)) open = new Map();
    const seen = new Set<number>();
    for (const cell of row) {
      if (cell.number || !cell.text.trim()) continue;
      seen.add(cell.column);
      let run = open.get(cell.column);
      if (!run) {
        run = {
          text: "",
          first: cell,
          pieces: [],
          at(offset) {
            return [...this.pieces].reverse().find((p) => p.start <= offset)!.cell.location;
          },
        };
        open.set(cell.column, run);
        out.push(run);
      }
      run.pieces.push({ start: run.text.length, cell });
      run.text += cell.text;
    }
    for (const col of [...open.keys()]) if (!seen.has(col)) open.delete(col);
  }
  return out;
}
