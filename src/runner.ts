/**
 * Files in, results out: reads each file, parses it under a time limit, checks it. A file that cannot be read
 * becomes a failed result with one clear message; it never stops the others.
 */
import { readFile, stat } from "node:fs/promises";
import { parseDocument, MAX_FILE_BYTES } from "./parse/index.js";
import { InputError } from "./parse/source.js";
import { lintDocument, type LintOptions } from "./lint.js";
import type { Finding } from "./engine/finding.js";
import { formatOfPath } from "./report/result.js";
import type { ReportStats } from "./engine/coverage.js";
import { crossRecord, type CrossRecord } from "./cross/record.js";
import { addSectionPaths } from "./report/sections.js";
import type { PdfEngine } from "./parse/engines.js";

export interface FileResult {
  path: string;
  format: "txt" | "docx" | "pdf" | "html";
  status: "ok" | "failed";
  error?: { code: string; message: string };
  findings: Finding[];
  pages?: number;
  organisation?: string;
  year?: number;
  kind?: string;
  /** coverage: printed amounts in an evaluated relation, relations checked and held (a file that was read) */
  stats?: ReportStats;
  /**
   * What the cross-document pass needs (src/cross): identity, facts, statements about last year. Always computed;
   * `gouji check` keeps it in the JSON only with `--facts`.
   */
  cross?: CrossRecord;
}

export interface RunOptions extends LintOptions {
  /** per-file time limit in milliseconds */
  timeoutMs?: number;
  /** the PDF reader (default: pdfium, with pdfjs as its fallback; see parse/pdf.ts) */
  pdfEngine?: PdfEngine;
}

export { formatOfPath };

export async function checkFile(path: string, opts: RunOptions = {}): Promise<FileResult> {
  const base: FileResult = { path, format: formatOfPath(path), status: "ok", findings: [] };
  const timeoutMs = opts.timeoutMs ?? 60_000;
  try {
    const st = await stat(path);
    if (st.size > MAX_FILE_BYTES) throw new InputError("file-too-large", `文件过大（${Math.round(st.size / 1048576)} MB，上限 ${MAX_FILE_BYTES / 1048576} MB）`);
    const buf = await readFile(path);
    const doc = await withTimeout(parseDocument(new Uint8Array(buf), path, { timeoutMs, ...(opts.pdfEngine ? { pdfEngine: opts.pdfEngine } : {}) }), timeoutMs);
    base.format = doc.format;
    const { report, findings, stats } = lintDocument(doc, path, opts);
    // the relations stay in the worker: they served root-cause analysis and no format prints them
    for (const f of findings) delete f.relation;
    if (doc.pageLabels) labelPages(findings, doc.pageLabels);
    base.findings = addSectionPaths(report, findings);
    base.stats = stats;
    if (report.meta.pages) base.pages = report.meta.pages;
    if (report.meta.organisation) base.organisation = report.meta.organisation;
    if (report.meta.year) base.year = report.meta.year;
    base.kind = report.meta.kind;
    try {
      base.cross = crossRecord(report);
    } catch (e) {
      // a shape the pass cannot read costs the file its place in a series, nothing else
      base.cross = { unplaced: `未能读取跨文件核对所需的信息：${(e as Error)?.message ?? String(e)}`, facts: [], statements: [] };
    }
    return base;
  } catch (e) {
    return { ...base, status: "failed", error: describeError(e), findings: [] };
  }
}

/** Gives each cited place on a PDF page the number printed on that page, where it differs (Location.pageLabel). */
function labelPages(findings: Finding[], labels: Record<number, string>): void {
  for (const f of findings) {
    for (const l of [f.location, ...f.values.map((v) => v.location)]) {
      const label = l.page !== undefined ? labels[l.page] : undefined;
      if (label) l.pageLabel = label;
    }
  }
}

export function describeError(e: unknown): { code: string; message: string } {
  if (e instanceof InputError) return { code: e.code, message: e.message };
  const err = e as NodeJS.ErrnoException;
  if (err?.code === "ENOENT") return { code: "not-found", message: "文件不存在" };
  if (err?.code === "EACCES") return { code: "permission-denied", message: "没有读取该文件的权限" };
  if (err?.code === "EISDIR") return { code: "is-directory", message: "这是一个目录，不是文件" };
  return { code: "internal-error", message: `读取或检查时出错：${err?.message ?? String(e)}` };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new InputError("timeout", `处理超时（超过 ${Math.round(ms / 1000)} 秒），已跳过该文件`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}
