/**
 * gouji as a library: `import { check } from "gouji"`.
 *
 * `check` does what `gouji check … --format json` does — the same files, settings, config lookup, worker pool and
 * time limits — and returns the same object, typed (docs/output.md, docs/output.schema.json), instead of printing it.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { displayPath } from "./cli/check.js";
import { collectFiles, inputRoots, shardFiles } from "./cli/files.js";
import { resolveSettings, type CheckFlags } from "./cli/settings.js";
import { runPool } from "./cli/pool.js";
import { UsageError } from "./cli/errors.js";
import { addToSummary, emptySummary, filterFileByLevel, type SkippedFile, type Summary } from "./report/result.js";
import type { CitedValue, FindingGroup } from "./engine/finding.js";
import type { ReportStats } from "./engine/coverage.js";
import { toJsonFile } from "./report/formatters/json.js";
import { BaselineFilter, parseBaseline } from "./report/baseline.js";

export { UsageError };
export type { SkippedFile, Summary, FindingGroup, ReportStats };

export type Level = "info" | "warning" | "error";
export type RuleSetting = "off" | Level;

/** Options of `check`; each is the same as the `gouji check` option of the same name. */
export interface CheckOptions {
  /** the folder relative paths are resolved against and the config is looked for from (default: process.cwd()) */
  cwd?: string;
  /** a config file to use instead of looking for one (`--config`) */
  config?: string;
  /** rule id → level or "off", over the config's (`--rule id=level`) */
  rules?: Record<string, RuleSetting>;
  /** lowest level returned (default "warning", or the config's `minLevel`) */
  minLevel?: Level;
  /** more exclude patterns in .gitignore syntax (`--ignore`) */
  ignore?: string[];
  /** worker threads (default: the config's `jobs`, or the number of CPU cores) */
  jobs?: number;
  /** time limit per file in seconds (default 60) */
  timeout?: number;
  /** a baseline file: findings (and failed files) it records are left out (`--baseline`) */
  baseline?: string;
  /** check only shard `index` (1-based) of `count` of the sorted file list (`--shard index/count`) */
  shard?: { index: number; count: number };
}

/** A place in a document; every key but `snippet` is optional (1-based numbers). */
export interface Location {
  page?: number;
  line?: number;
  paragraph?: number;
  /** the headings a docx/html place stands under, outermost first, joined by " › " */
  section?: string;
  snippet: string;
  table?: { index: number; title: string; row: number; column: number };
}

/** A printed number that takes part in a failed relation (OUTPUT.md `values[]`). */
export type CitedNumber = CitedValue;

export interface Finding {
  ruleId: string;
  severity: Level;
  /** Chinese, for people */
  message: string;
  messageId?: string;
  location: Location;
  values: CitedNumber[];
  /** what the stated side should read, a decimal string or an interval "[a, b]" */
  expected?: string;
  /** what it reads */
  actual?: string;
  alsoAt?: Location[];
  /** the stable fingerprint, the same as the baseline's */
  id?: string;
  /** the findings sharing a printed number, and the one number that explains them when one does */
  group?: FindingGroup;
}

export interface FileOutcome {
  path: string;
  format: "txt" | "docx" | "pdf" | "html";
  status: "ok" | "failed";
  /** present only when status is "failed": a stable kebab-case code and a Chinese message */
  error?: { code: string; message: string };
  report?: { organisation?: string; year?: number; kind?: string };
  /** coverage: printed amounts in an evaluated relation, relations checked and held */
  stats?: ReportStats;
  findings: Finding[];
}

/** The result of one run: the `--format json` document, schemaVersion 1. */
export interface CheckResult {
  schemaVersion: 1;
  tool: { name: "gouji"; version: string };
  files: FileOutcome[];
  skipped: SkippedFile[];
  summary: Summary;
}

async function version(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/**
 * Checks files, folders (recursively) and globs, and returns the result the JSON output holds.
 *
 * A file that cannot be read is a result with `status: "failed"`, never an exception. Throws `UsageError` (with a
 * Chinese message) for what the CLI answers with exit code 2: a path that does not exist, no file to check, a bad
 * config, an unknown rule id or level, an unreadable baseline.
 */
export async function check(paths: string | string[], options: CheckOptions = {}): Promise<CheckResult> {
  const inputs = typeof paths === "string" ? [paths] : [...paths];
  if (inputs.length === 0) throw new UsageError("缺少要检查的文件、文件夹或通配符");
  const cwd = resolve(options.cwd ?? process.cwd());
  const { rules } = await import("../rules/index.js");
  const flags: CheckFlags = { color: false, progress: false };
  if (options.config) flags.config = options.config;
  if (options.rules) flags.rule = Object.entries(options.rules).map(([id, level]) => `${id}=${level}`);
  if (options.minLevel) flags.minLevel = options.minLevel;
  if (options.ignore) flags.ignore = options.ignore;
  if (options.jobs !== undefined) flags.jobs = String(options.jobs);
  if (options.timeout !== undefined) flags.timeout = String(options.timeout);
  if (options.shard) flags.shard = `${options.shard.index}/${options.shard.count}`;
  const roots = await inputRoots(inputs, cwd);
  const settings = await resolveSettings(flags, rules, cwd, roots);

  let baseline: BaselineFilter | undefined;
  if (options.baseline) {
    const text = await readFile(resolve(cwd, options.baseline), "utf8").catch(() => {
      throw new UsageError(`找不到基线文件 ${options.baseline}`);
    });
    const parsed = parseBaseline(text, options.baseline);
    if (!parsed.ok) throw new UsageError(parsed.message);
    baseline = new BaselineFilter(parsed.baseline);
  }

  const { files: found, missing, skipped } = await collectFiles(inputs, { cwd, ignore: settings.ignore });
  if (missing.length) throw new UsageError(`找不到：${missing.join("、")}`);
  const shown = (p: string) => displayPath(p, cwd);
  // the pool's workers resolve paths against the process's folder: hand them absolute paths, report the shown ones
  const all = found.map((f) => ({ abs: resolve(cwd, f), shown: shown(f) }));
  const files = settings.shard ? shardFiles(all, settings.shard.index, settings.shard.count) : all;
  const byAbs = new Map(files.map((f) => [f.abs, f.shown]));

  const summary = emptySummary();
  summary.skipped = skipped.length;
  const outcomes: FileOutcome[] = [];
  for await (const raw of runPool(files.map((f) => f.abs), { jobs: settings.jobs, timeoutMs: settings.timeoutMs, settings: settings.rules })) {
    const file = { ...raw, path: byAbs.get(raw.path) ?? raw.path };
    const fresh = baseline ? baseline.apply(file) : file;
    if (baseline && fresh.status === "failed") baseline.isKnownFailure(fresh);
    const kept = filterFileByLevel(fresh, settings.minLevel);
    addToSummary(summary, kept, fresh);
    outcomes.push(toJsonFile(kept) as unknown as FileOutcome);
  }
  return {
    schemaVersion: 1,
    tool: { name: "gouji", version: await version() },
    files: outcomes,
    skipped: skipped.map((s) => ({ ...s, path: shown(s.path) })),
    summary,
  };
}
