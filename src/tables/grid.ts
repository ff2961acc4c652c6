/**
 * The grid of a budget/final-accounts table: its sides (a 总表 prints 收入 | 支出 side by side; Shanghai's 基本支出
 * table prints two economic-code lists side by side), each with code columns (类 款 项, or one combined code),
 * a label column and value columns; the value columns' headers (over one or several header rows); and the data
 * rows with their code, label and values. Text exports lose merged cells, so header rows are aligned on their
 * label header ("科目名称", "项目") rather than by position.
 */
import type { PrintedNumber, TableCell } from "../model/schema.js";
import { amountOf, cellAt, isBlank, lastColumn, numberingOf, squash, stripNumbering } from "./text.js";

export interface Side {
  index: number;
  codeCols: number[];
  /** the first is the row label; others hold sub-labels (a project name beside its 项) */
  labelCols: number[];
  valueCols: number[];
}

export interface Column {
  side: number;
  col: number;
  /** the header text of the lowest header row over this column */
  leaf: string;
  /** all header texts over this column, top to bottom */
  path: string;
  /** what the column holds, from its header (see COLUMN_ROLES) */
  role?: string;
}

export interface GridRow {
  side: number;
  /** 0-based index in the segment's rows */
  index: number;
  cells: TableCell[];
  /** the label without numbering or code: "一般公共服务支出", "本年收入合计" */
  label: string;
  labelCell?: TableCell;
  numbering?: "cn" | "ar";
  sublabel?: string;
  /** function or economic code, digits only: "201", "20103", "2010302" */
  code?: string;
  /** aligned with the side's value columns */
  values: (PrintedNumber | undefined)[];
  /** cells that hold text where a figure belongs (alignment is in doubt) */
  odd: number;
}

export interface Grid {
  sides: Side[];
  columns: Column[][];
  rows: GridRow[];
  unit: string;
}

const CODE_TEXT = /^\d{2,7}$/;
const TYPE_ROW = /^(?:类|款|项)$/;
const ANCHOR = /名称$|^项目$|^功能分类$|^经济分类$|^科目$|^收入项目$|^支出项目$/;

/** Header words → the role of a value column. First match wins. */
export const COLUMN_ROLES: [RegExp, string][] = [
  [/本年收入合计|^收入合计$/, "incomeCurrent"],
  [/本年支出合计|^支出合计$/, "expenseCurrent"],
  [/^本年收入$/, "incomeCurrent"],
  [/^(?:项目支出)?(?:合计|总计|小计)$/, "total"],
  [/年初结转|上年结转/, "carryIn"],
  [/年末结转|结转下年/, "carryOut"],
  [/结余分配/, "surplusDistribution"],
  [/基本支出/, "basic"],
  [/^项目支出$/, "project"],
  [/人员经费|^人员支出$/, "personnel"],
  [/公用经费|^公用支出$/, "public"],
  [/上缴上级/, "toSuperior"],
  [/对附属单位补助/, "toAffiliated"],
  [/^经营支出/, "operatingExp"],
  [/上级补助/, "superior"],
  [/附属单位上缴/, "affiliated"],
  [/事业单位经营/, "unitOperating"],
  [/事业收入/, "business"],
  [/经营收入/, "operating"],
  // 湖州's 项目支出预算表 names the department's own money 单位资金
  [/其他收入|其他资金|^单位资金$/, "other"],
  [/财政专户/, "specialAccount"],
  [/一般公共预算/, "gpb"],
  [/政府性基金/, "govFund"],
  [/国有资本经营/, "stateCapital"],
  [/财政拨款/, "fiscal"],
  [/^(?:工资福利支出|商品和服务支出|对个人和家庭的?补助|债务利息及费用支出|资本性支出.*|对企业补助.*|对社会保障基金补助|其他支出)$/, "econ"],
  [/决算数/, "actual"],
  [/预算数/, "budget"],
];

/** Group headers that a PDF may glue to the header below them: "基本支出人员经费" is 基本支出 / 人员经费. */
const GLUED_GROUP = /^(基本支出|本年收入|上年结转结余|财政拨款)(.+)$/;

/**
 * The source words of fund columns. A header that names two of them ("一般公共政府性基金预算资金": two columns' headers
 * read as one, the PDF having merged an empty column into its neighbour) holds either source: role "merged".
 */
const SOURCE_WORDS = [/一般公共/, /政府性基金/, /国有资本/, /财政专户/, /其他资金/, /上年结转|结余资金/];

export function roleOf(header: string): string | undefined {
  if (SOURCE_WORDS.filter((re) => re.test(header)).length >= 2) return "merged";
  return COLUMN_ROLES.find(([re]) => re.test(header))?.[1];
}

function isCodeCell(c: TableCell | undefined): boolean {
  return !!c && CODE_TEXT.test(squash(c.text));
}

/**
 * A header word letter-spaced across cells ("合 | 计", a PDF that spreads a centred word over two columns) is one
 * header over the columns its characters stand in: runs of adjacent one-character cells are joined (类/款/项 stay
 * apart: they head three code columns).
 */
function joinSpacedWords(row: TableCell[]): TableCell[] {
  const out: TableCell[] = [];
  const single = (c: TableCell | undefined) => !!c && /^[\u4e00-\u9fff]$/.test(squash(c.text)) && !TYPE_ROW.test(squash(c.text));
  for (const cell of row) {
    const prev = out[out.length - 1];
    if (single(cell) && prev && prev.column + prev.colSpan === cell.column && (prev as TableCell & { joined?: boolean }).joined !== false && /^[\u4e00-\u9fff]+$/.test(squash(prev.text)) && (single(prev) || (prev as TableCell & { joined?: boolean }).joined)) {
      out[out.length - 1] = Object.assign({ ...prev, text: squash(prev.text) + squash(cell.text), colSpan: prev.colSpan + cell.colSpan }, { joined: true });
      continue;
    }
    out.push(cell);
  }
  return out;
}

/** "栏次 | ** | 1 | 2 | 3": the row that numbers the columns, under the headers; it names no column. */
function isColumnNumberRow(row: TableCell[]): boolean {
  const t = row.map((c) => squash(c.text)).filter(Boolean);
  return t.length >= 2 && t.some((x) => /^\d{1,2}$/.test(x)) && t.every((x) => /^(?:\*+|\d{1,2}|栏次|行次|[A-Z])$/.test(x));
}

function isTypeRow(row: TableCell[]): boolean {
  const t = row.map((c) => squash(c.text)).filter(Boolean);
  return t.length > 0 && t.every((x) => TYPE_ROW.test(x));
}

function hasFigure(row: TableCell[]): boolean {
  return row.some((c) => c.number && !CODE_TEXT.test(squash(c.text)) && /[.]/.test(c.number.text));
}

/** A row that starts the data: it holds a figure with decimals, or a function/economic code. */
function isDataStart(row: TableCell[]): boolean {
  if (hasFigure(row)) return true;
  const first = row.find((c) => !isBlank(c.text));
  return !!first && (/^[2-5]\d{2}(?:\d{2}){0,2}$/.test(squash(first.text)) || /^[2-5]\d{2}\s*\D/.test(squash(first.text)));
}

export function buildGrid(rows: TableCell[][], unit: string): Grid | undefined {
  const start = rows.findIndex(isDataStart);
  if (start < 0) return undefined;
  const header = rows.slice(0, start).filter((r) => !isTypeRow(r) && !isColumnNumberRow(r) && r.some((c) => !isBlank(c.text)));
  const data = rows.slice(start).map((r, k) => ({ r, index: start + k })).filter(({ r }) => !isTypeRow(r));
  const maxCol = lastColumn(rows);

  // roles of the physical columns, from what the data rows hold
  // "empty": a column no data row writes in (a PDF header centred between the columns its figures stand in)
  type Role = "code" | "label" | "value" | "empty";
  const stat = new Map<number, { code: number; text: number; num: number }>();
  for (let c = 1; c <= maxCol; c++) stat.set(c, { code: 0, text: 0, num: 0 });
  for (const { r } of data) {
    for (let c = 1; c <= maxCol; c++) {
      const cell = cellAt(r, c);
      if (!cell || cell.column !== c || isBlank(cell.text)) continue;
      const s = stat.get(c)!;
      if (isCodeCell(cell)) s.code++;
      else if (cell.number) s.num++;
      else s.text++;
    }
  }
  const raw: Role[] = [];
  for (let c = 1; c <= maxCol; c++) {
    const s = stat.get(c)!;
    raw[c] = s.text + s.num + s.code === 0 ? "empty" : s.text > 0 && s.text >= s.num + s.code ? "label" : s.code > 0 && s.num === 0 && s.text <= 1 ? "code" : "value";
  }
  // a code-looking column is a code column only when a label column follows it (through other code or empty columns)
  for (let c = maxCol; c >= 1; c--) {
    if (raw[c] !== "code") continue;
    let k = c + 1;
    while (k <= maxCol && (raw[k] === "code" || raw[k] === "empty")) k++;
    if (raw[k] !== "label") raw[c] = "value";
  }
  // an empty column holds nothing to read; it stays a value column only between value columns whose headers are
  // its own (a docx/text grid keeps blank columns in place; between two label columns it is the first side's lost
  // figures), and leaves the grid where it separates a code from its label or stands beside a header-less figure
  // column (a PDF's centred header)
  const headerless = (c: number) => header.every((r) => { const cell = cellAt(r, c); return !cell || cell.column !== c || isBlank(cell.text); });
  const seen = [...raw];
  for (let c = 1; c <= maxCol; c++) {
    if (seen[c] !== "empty") continue;
    let l = c - 1;
    while (l >= 1 && seen[l] === "empty") l--;
    let r = c + 1;
    while (r <= maxCol && seen[r] === "empty") r++;
    const beside = [c - 1, c + 1].some((k) => seen[k] === "value" && headerless(k));
    const between = seen[l] === "code" && (seen[r] === "label" || seen[r] === "code");
    if (!beside && !between) raw[c] = "value";
  }
  const sides: Side[] = [];
  let side: Side | undefined;
  for (let c = 1; c <= maxCol; c++) {
    const role = raw[c]!;
    if (role !== "value" && role !== "empty" && (!side || side.valueCols.length > 0)) {
      side = { index: sides.length, codeCols: [], labelCols: [], valueCols: [] };
      sides.push(side);
    }
    if (!side || role === "empty") continue; // values before any label: not a coded grid
    if (role === "code") side.codeCols.push(c);
    else if (role === "label") side.labelCols.push(c);
    else side.valueCols.push(c);
  }
  const usable = sides.filter((s) => s.labelCols.length > 0 || s.codeCols.length > 0);
  if (usable.length === 0) return undefined;
  usable.forEach((s, k) => (s.index = k));

  const columns = usable.map((s) => s.valueCols.map((col) => ({ side: s.index, col, leaf: "", path: "" }) as Column));
  for (const h0 of header) {
    const h = joinSpacedWords(h0);
    let anchors = h.filter((c) => ANCHOR.test(squash(c.text)));
    // more label headers than sides ("科目 | 项目名称"): the first one places the row
    if (anchors.length > usable.length) anchors = anchors.slice(0, 1);
    const offsetOf = (cell: TableCell): number => {
      if (anchors.length === 0) return 0;
      let k = 0;
      while (k + 1 < anchors.length && anchors[k + 1]!.column <= cell.column) k++;
      const s = usable[Math.min(k, usable.length - 1)]!;
      // a label header standing over one of the side's own label columns ("采购品目名称" over the fourth of five
      // label columns) is in place: the row lost no cells before it
      if (s.labelCols.includes(anchors[k]!.column)) return 0;
      const labelCol = s.labelCols[0] ?? s.codeCols[s.codeCols.length - 1]!;
      return labelCol - anchors[k]!.column;
    };
    for (const cell of h) {
      const text = squash(cell.text);
      if (!text) continue;
      const off = offsetOf(cell);
      const named = new Set<number>();
      for (let c = cell.column + off; c < cell.column + off + cell.colSpan; c++) {
        // a header over an empty column names the header-less figure column beside it (right first, then left)
        const target = raw[c] !== "empty" ? c : [c + 1, c - 1].find((k) => raw[k] === "value" && headerless(k)) ?? c;
        if (named.has(target)) continue;
        named.add(target);
        for (const cols of columns) {
          const col = cols.find((x) => x.col === target);
          if (!col) continue;
          col.leaf = text;
          col.path = col.path ? `${col.path}/${text}` : text;
        }
      }
    }
  }
  for (const cols of columns) for (const col of cols) {
    // a group header glued to the header under it ("基本支出人员经费": the PDF read the two header rows as one line)
    const glued = GLUED_GROUP.exec(col.leaf);
    if (glued && roleOf(glued[2]!) && roleOf(glued[2]!) !== "total") {
      col.leaf = glued[2]!;
      col.path = [...col.path.split("/").slice(0, -1), glued[1]!, glued[2]!].join("/");
    }
    // a header word wrapped over two header rows ("财政专 / 户拨款", "其他资 / 金") is read joined
    const role = roleOf(col.leaf) ?? roleOf(col.path.split("/").pop() ?? "") ?? roleOf(col.path.split("/").slice(-2).join(""));
    if (role) col.role = role;
  }
  for (const cols of columns) adoptGroupSubtotals(cols);
  dropLineNumberColumns(usable, columns, data.map((d) => d.r));

  const out: GridRow[] = [];
  const lastClass = new Map<number, string>();
  for (const { r, index } of data) {
    for (const s of usable) {
      const codeParts = s.codeCols.map((c) => squash(cellAt(r, c)?.text ?? ""));
      // a label merged down over several rows (a .docx vMerge) names a group of rows ("一般公共预算" beside all of
      // them), not this row: the row's own label wins when it has one
      const labels = [...s.labelCols, ...s.codeCols].map((c) => cellAt(r, c)).filter((cell): cell is TableCell => !!cell && !isBlank(cell.text) && !isCodeCell(cell));
      const labelCell = labels.find((cell) => cell.rowSpan === 1) ?? labels[0];
      let rawLabel = squash(labelCell?.text ?? "");
      let code: string | undefined;
      if (codeParts.some(Boolean)) {
        if (codeParts.length === 1) code = codeParts[0] || undefined;
        else {
          const parts = [...codeParts];
          if (!parts[0] && parts.slice(1).some(Boolean)) parts[0] = lastClass.get(s.index) ?? "";
          if (parts.every((p) => /^\d*$/.test(p)) && parts[0]) {
            let k = 0;
            code = "";
            while (k < parts.length && parts[k]) code += parts[k++];
          }
        }
      }
      // "2010301行政运行", "[201]一般公共服务支出" (珠海)
      const inline = /^[[［【]?([2-5]\d{2}(?:\d{2}){0,2})[\]］】]?([^\d.\]］】].*)$/.exec(rawLabel);
      if (!code && inline) {
        code = inline[1]!;
        rawLabel = inline[2]!;
      }
      if (code && code.length === 3) lastClass.set(s.index, code);
      const values: (PrintedNumber | undefined)[] = [];
      let odd = 0;
      for (const c of s.valueCols) {
        const cell = cellAt(r, c);
        const n = cell && cell.column === c ? amountOf(cell, unit) : undefined;
        if (!n && cell && cell.column === c && !isBlank(cell.text)) odd++;
        values.push(n);
      }
      const label = stripNumbering(rawLabel);
      if (!label && !code && values.every((v) => !v)) continue;
      const subCells = new Set(s.labelCols.slice(1).map((c) => cellAt(r, c)).filter((cell) => cell && cell !== labelCell && cell.rowSpan === 1));
      const sub = [...subCells].map((cell) => squash(cell!.text)).filter(Boolean).join("/");
      const row: GridRow = { side: s.index, index, cells: r, label, values, odd };
      if (labelCell) row.labelCell = labelCell;
      const numbering = numberingOf(labelCell?.text ?? "");
      if (numbering) row.numbering = numbering;
      if (sub) row.sublabel = sub;
      if (code) row.code = code;
      out.push(row);
    }
  }
  return { sides: usable, columns, rows: out, unit };
}

/**
 * 行次 / 栏次 / 序号 columns hold line numbers, not amounts ("本年收入合计 | 6 | 100.00"): by their header, or, without
 * one, by their figures — whole numbers rising down the column beside columns of amounts with decimals. They leave
 * the value columns, so no sum ever adds a line number.
 */
function dropLineNumberColumns(sides: Side[], columns: Column[][], rows: TableCell[][]): void {
  sides.forEach((side, k) => {
    const cols = columns[k]!;
    const figures = (c: number) => rows.map((r) => cellAt(r, c)).filter((x): x is TableCell => !!x && x.column === c && !isBlank(x.text)).map((x) => squash(x.text));
    const decimalsElsewhere = side.valueCols.some((c) => figures(c).some((t) => /\d\.\d/.test(t)));
    const isLineNo = (col: Column) => {
      if (/^(?:行次|栏次|序号|编号|行号|项次)$/.test(col.leaf)) return true;
      if (col.leaf || !decimalsElsewhere) return false;
      const xs = figures(col.col);
      if (xs.length < 2 || !xs.every((t) => /^\d{1,3}$/.test(t))) return false;
      return xs.every((t, i) => i === 0 || Number(t) > Number(xs[i - 1]));
    };
    const drop = cols.filter(isLineNo).map((c) => c.col);
    if (!drop.length) return;
    side.valueCols = side.valueCols.filter((c) => !drop.includes(c));
    columns[k] = cols.filter((c) => !drop.includes(c.col));
  });
}

/**
 * A 小计 column after the side's first value column is a group's subtotal (基本支出 / 小计 | 人员经费 | 公用经费),
 * never the table's total. Text exports centre the group header over its middle column instead of spanning it, so
 * the 小计 arrives without its parent: it takes the group of the columns right after it ("基本支出/人员经费"), or no
 * role at all when no group is found — an unknown column is no reference.
 */
function adoptGroupSubtotals(cols: Column[]): void {
  cols.forEach((col, j) => {
    if (j === 0 || !/^(?:小计|计)$/.test(col.leaf) || col.path.includes("/")) return;
    const group = cols.slice(j + 1, j + 4).map((c) => c.path.split("/")).find((p) => p.length > 1 && roleOf(p[0]!))?.[0];
    if (group) {
      col.path = `${group}/${col.leaf}`;
      col.role = roleOf(group)!;
    } else delete col.role;
  });
}

export const TOTAL_LABEL = /^(?:合计|总计|小计|本年收入合计|本年支出合计|收入总计|支出总计|人员经费合计|公用经费合计|项目支出合计)$/;

/** Function codes: 类 3 digits, 款 5, 项 7; economic codes: 类 3, 款 5. */
export function levelOf(code: string): number {
  return code.length === 3 ? 1 : code.length === 5 ? 2 : code.length === 7 ? 3 : 0;
}
