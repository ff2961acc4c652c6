/**
 * The typed model every parser produces and every rule reads. One report = one document; its identity
 * (organisation, year, kind) and every number addressable by concept, so later passes over many reports reuse it.
 */
import { z } from "zod";
import { Decimal } from "decimal.js";

export const DecimalSchema = z.custom<Decimal>((v) => Decimal.isDecimal(v), { message: "expected a Decimal" });

export const TableCellRef = z.object({
  index: z.number().int().positive(),
  title: z.string(),
  row: z.number().int().positive(),
  column: z.number().int().positive(),
  /**
   * For a cell of a table's continuation that was read as a table of its own (the rest of it after a page break):
   * the index of the table's first part, which is how people name it; `row` still counts in the continuation.
   */
  firstPart: z.number().int().positive().optional(),
});

export const LocationSchema = z.object({
  page: z.number().int().positive().optional(),
  /** a PDF page's number as printed on it (its footer's "- 31 -"), when it differs from `page`, the viewer's count */
  pageLabel: z.string().optional(),
  line: z.number().int().positive().optional(),
  paragraph: z.number().int().positive().optional(),
  /** docx and html: the headings the place stands under, outermost first, joined by " › " (src/report/sections.ts) */
  section: z.string().optional(),
  snippet: z.string(),
  table: TableCellRef.optional(),
});
export type Location = z.infer<typeof LocationSchema>;

export const PrintedNumberSchema = z.object({
  /** exactly as printed (thousands separators, full-width digits), without the unit */
  text: z.string(),
  value: DecimalSchema,
  decimals: z.number().int().min(0),
  unit: z.string(),
  location: LocationSchema,
  /** when the value was converted (a table in 元 compared in 万元): the number as the document prints it */
  original: z.object({ text: z.string(), value: DecimalSchema, unit: z.string() }).optional(),
});
export type PrintedNumber = z.infer<typeof PrintedNumberSchema>;

/** "87,361.70元" shown in the unit it is compared in: see numbers.ts (which, unlike this module, loads no zod). */
export { shown } from "./numbers.js";

/** A number inside a paragraph, with its character range (for claims extraction). */
export const ParagraphNumberSchema = PrintedNumberSchema.extend({
  start: z.number().int().min(0),
  end: z.number().int().min(0),
});
export type ParagraphNumber = z.infer<typeof ParagraphNumberSchema>;

export const SpanSchema = z.object({
  offset: z.number().int().min(0),
  page: z.number().int().positive().optional(),
  line: z.number().int().positive().optional(),
  paragraph: z.number().int().positive().optional(),
});
export type Span = z.infer<typeof SpanSchema>;

export const ParagraphSchema = z.object({
  index: z.number().int().min(0),
  text: z.string(),
  sectionId: z.string(),
  /** where each source line of the (possibly joined) paragraph starts */
  spans: z.array(SpanSchema).min(1),
  numbers: z.array(ParagraphNumberSchema),
});
export type Paragraph = z.infer<typeof ParagraphSchema>;

export const TableCellSchema = z.object({
  text: z.string(),
  row: z.number().int().positive(),
  column: z.number().int().positive(),
  rowSpan: z.number().int().positive(),
  colSpan: z.number().int().positive(),
  location: LocationSchema,
  number: PrintedNumberSchema.optional(),
});
export type TableCell = z.infer<typeof TableCellSchema>;

export const TableSchema = z.object({
  index: z.number().int().positive(),
  title: z.string(),
  sectionId: z.string(),
  unit: z.string().optional(),
  location: LocationSchema,
  /** the last page of a table printed over several pages (PDF) */
  lastPage: z.number().int().positive().optional(),
  rows: z.array(z.array(TableCellSchema)),
});
export type Table = z.infer<typeof TableSchema>;

export const SectionSchema = z.object({
  id: z.string(),
  level: z.number().int().min(0),
  /** the heading's own numbering: "第二部分", "五、", "（一）", "1." … */
  numbering: z.string(),
  title: z.string(),
  parentId: z.string().nullable(),
  location: LocationSchema,
});
export type Section = z.infer<typeof SectionSchema>;

export const ReportKind = z.enum(["决算", "预算", "unknown"]);
export type ReportKind = z.infer<typeof ReportKind>;

export const ReportMetaSchema = z.object({
  path: z.string(),
  format: z.enum(["txt", "docx", "pdf", "html"]),
  organisation: z.string().optional(),
  year: z.number().int().optional(),
  kind: ReportKind,
  /** the unit amounts are stated in unless a number says otherwise */
  unit: z.string(),
  pages: z.number().int().positive().optional(),
});
export type ReportMeta = z.infer<typeof ReportMetaSchema>;

/** Which figure of a concept a number is: the year's actual, its budget, or last year's. */
export const Measure = z.enum(["actual", "budget", "initialBudget", "prior"]);
export type Measure = z.infer<typeof Measure>;

/** A number bound to a domain concept ("income.total", "sangong.vehicle" …): what cross-checks address. */
export const FactSchema = z.object({
  concept: z.string(),
  measure: Measure,
  label: z.string(),
  number: PrintedNumberSchema,
  source: z.enum(["narrative", "table"]),
  paragraph: z.number().int().min(0).optional(),
});
export type Fact = z.infer<typeof FactSchema>;

const Num = PrintedNumberSchema;

export const ShareClaimSchema = z.object({
  kind: z.literal("share"),
  label: z.string(),
  part: Num,
  share: Num,
  /** the whole the share is of: either a number of the same sentence or a concept named in it */
  whole: Num.optional(),
  wholeLabel: z.string().optional(),
  paragraph: z.number().int(),
});
export const BreakdownClaimSchema = z.object({
  kind: z.literal("breakdown"),
  label: z.string(),
  /** "sum": parts add up to total; "subset": each part is at most the total */
  relation: z.enum(["sum", "subset"]),
  total: Num,
  parts: z.array(z.object({ label: z.string(), number: Num })),
  paragraph: z.number().int(),
  origin: z.string(),
});
export const YoyClaimSchema = z.object({
  kind: z.literal("yoy"),
  label: z.string(),
  /** the concept whose change it states, when known */
  concept: z.string().optional(),
  current: Num.optional(),
  amountWord: z.enum(["增加", "减少", "持平"]).optional(),
  delta: Num.optional(),
  rateWord: z.enum(["增长", "下降", "持平"]).optional(),
  rate: Num.optional(),
  paragraph: z.number().int(),
});
export const VarianceClaimSchema = z.object({
  kind: z.literal("variance"),
  label: z.string(),
  budget: Num,
  actual: Num,
  rate: Num.optional(),
  /** "完成年初预算的98.20%": actual ÷ budget */
  completion: Num.optional(),
  /** Shanghai's wording: 决算数大于/小于/等于预算数 */
  comparison: z.enum(["大于", "小于", "等于"]).optional(),
  paragraph: z.number().int(),
});
export const UnitSlipClaimSchema = z.object({
  kind: z.literal("unitSlip"),
  label: z.string(),
  number: Num,
  problem: z.enum(["yuanForWanyuan", "doublePercent", "missingUnit"]),
  paragraph: z.number().int(),
});
/**
 * A comparison word against the figures it describes: "与上年持平" after a printed change ("比上年增加0.00万元，增长
 * 0.00%，与上年持平"), or two figures one word relates ("9.86万元，低于上年的14.22万元"; "基本支出占80%，大于项目支出
 * 的20%"). `relation` is what the word asserts; `roughly` marks "基本持平"/"大致相当", which admit a small difference.
 */
export const ComparisonClaimSchema = z.object({
  kind: z.literal("comparison"),
  label: z.string(),
  /** the word as printed: 持平, 相同, 大于, 低于 … */
  word: z.string(),
  relation: z.enum(["equal", "greater", "less"]),
  roughly: z.boolean(),
  /** two figures: a (stated first) against b */
  a: Num.optional(),
  b: Num.optional(),
  bLabel: z.string().optional(),
  /** or the change printed with the word: 比上年增加/减少 delta, 增长/下降 rate */
  delta: Num.optional(),
  rate: Num.optional(),
  current: Num.optional(),
  amountWord: z.enum(["增加", "减少"]).optional(),
  paragraph: z.number().int(),
});
export const ClaimSchema = z.discriminatedUnion("kind", [
  ShareClaimSchema, BreakdownClaimSchema, YoyClaimSchema, VarianceClaimSchema, UnitSlipClaimSchema, ComparisonClaimSchema,
]);
export type Claim = z.infer<typeof ClaimSchema>;
export type ShareClaim = z.infer<typeof ShareClaimSchema>;
export type BreakdownClaim = z.infer<typeof BreakdownClaimSchema>;
export type YoyClaim = z.infer<typeof YoyClaimSchema>;
export type VarianceClaim = z.infer<typeof VarianceClaimSchema>;
export type UnitSlipClaim = z.infer<typeof UnitSlipClaimSchema>;
export type ComparisonClaim = z.infer<typeof ComparisonClaimSchema>;

/**
 * A part of the document that could not be read or checked (a table whose layout failed, a rule that stopped on an
 * unexpected shape). Reported as one `incomplete-reading` warning each, so the file keeps all its other findings and
 * the reader knows what was not checked.
 */
export const NoticeSchema = z.object({
  /** what stopped: "table-unreadable", "claims-unreadable", "rule-failed" */
  code: z.string(),
  /** Chinese, for people: what could not be read and why */
  message: z.string(),
  location: LocationSchema.optional(),
});
export type Notice = z.infer<typeof NoticeSchema>;

export const ReportSchema = z.object({
  meta: ReportMetaSchema,
  sections: z.array(SectionSchema),
  paragraphs: z.array(ParagraphSchema),
  tables: z.array(TableSchema),
  facts: z.array(FactSchema),
  claims: z.array(ClaimSchema),
  notices: z.array(NoticeSchema),
});
export type Report = z.infer<typeof ReportSchema>;
