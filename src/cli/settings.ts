/**
 * The effective settings of a `gouji check` run: built-in defaults, then the config file, then the command line.
 * Every user mistake becomes a UsageError with one Chinese line.
 */
import { availableParallelism } from "node:os";
import { extname } from "node:path";
import { loadConfig, loadIgnoreFile, parseRuleFlag, type ConfigResult } from "../config/load.js";
import { FAIL_ON, FORMATS, LEVELS, type FailOn, type Format, type Level, type RuleSettingValue } from "../config/schema.js";
import { PDF_ENGINES, type PdfEngine } from "../parse/engines.js";
import type { IgnoreSource } from "./files.js";
import type { RuleInfo } from "../report/result.js";
import { UsageError } from "./errors.js";

export interface CheckFlags {
  format?: string;
  output?: string;
  minLevel?: string;
  failOn?: string;
  timeout?: string;
  jobs?: string;
  ignore?: string[];
  rule?: string[];
  config?: string;
  baseline?: string;
  writeBaseline?: string;
  shard?: string;
  /** JSON only: keep each file's identity and facts (crossFacts) so that `gouji merge` can run the cross-document pass */
  facts?: boolean;
  shardIndex?: string;
  shardCount?: string;
  printConfig?: boolean;
  pdfEngine?: string;
  color: boolean;
  progress: boolean;
}

/** Shard `index` (1-based) of `count`, and where the two numbers came from. */
export interface Shard {
  index: number;
  count: number;
  source: string;
}

export interface CheckSettings {
  format: Format;
  minLevel: Level;
  failOn: FailOn;
  timeoutMs: number;
  jobs: number;
  ignore: IgnoreSource[];
  rules: Record<string, RuleSettingValue>;
  /** the PDF reader: pdfium (pdfjs as its fallback) or pdfjs; unset: the parser's default (GOUJI_PDF_ENGINE, else pdfium) */
  pdfEngine?: PdfEngine;
  /** the rules that run, with the level their findings get */
  activeRules: RuleInfo[];
  configPath?: string;
  shard?: Shard;
}

interface RuleMetaLike {
  id: string;
  name?: string;
  description: string;
  severity: Level;
  example?: string;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} 只能是 ${allowed.join("、")}，收到 "${value}"`);
  return value as T;
}

export function positiveNumber(value: string, flag: string, integer = false): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`${flag} 需要一个正${integer ? "整" : ""}数，收到 ${value}`);
  }
  return n;
}

/** The format an output file's name asks for (`-o report.csv` → csv), or undefined when its extension says none. */
export function formatOfOutput(path: string | undefined): Format | undefined {
  if (!path) return undefined;
  const lower = path.toLowerCase();
  if (lower.endsWith(".sarif") || lower.endsWith(".sarif.json")) return "sarif";
  if (lower.endsWith(".junit.xml")) return "junit";
  const byExt: Record<string, Format> = { ".json": "json", ".xml": "junit", ".html": "html", ".htm": "html", ".csv": "csv", ".xlsx": "xlsx", ".txt": "text", ".log": "text" };
  return byExt[extname(lower)];
}

/**
 * The shard of this run, from the flags or the scheduler's environment:
 * - `--shard I/N`: I is 1-based (1 ≤ I ≤ N), as GitHub matrix values and GitLab's CI_NODE_INDEX/CI_NODE_TOTAL are;
 * - `--shard-index K --shard-count N`: K is 0-based (0 ≤ K < N), as Kubernetes' JOB_COMPLETION_INDEX and GitHub's
 *   `strategy.job-index` are; `--shard-count N` alone takes K from JOB_COMPLETION_INDEX;
 * - `--shard auto`: GitLab `parallel` (CI_NODE_INDEX, 1-based, and CI_NODE_TOTAL), or a Kubernetes Indexed Job
 *   (JOB_COMPLETION_INDEX, 0-based, with --shard-count N).
 * Returns undefined when no shard was asked for.
 */
export function resolveShard(flags: Pick<CheckFlags, "shard" | "shardIndex" | "shardCount">, env: NodeJS.ProcessEnv = process.env): Shard | undefined {
  const int = (v: string | undefined) => (v !== undefined && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN);
  const check = (index: number, count: number, source: string, zeroBased: boolean): Shard => {
    const shown = zeroBased ? index - 1 : index;
    if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 1 || index > count) {
      const range = zeroBased ? `0 ≤ 序号 < ${Number.isInteger(count) ? count : "n"}` : `1 ≤ i ≤ n`;
      throw new UsageError(`${source} 给出的分片 ${Number.isNaN(shown) ? "?" : shown}/${Number.isNaN(count) ? "?" : count} 无效（${range}）`);
    }
    return { index, count, source };
  };
  if (flags.shard !== undefined && (flags.shardIndex !== undefined || (flags.shardCount !== undefined && flags.shard.trim() !== "auto"))) {
    throw new UsageError("--shard 与 --shard-index/--shard-count 只能用一种（--shard i/n 从 1 起，--shard-index 从 0 起）");
  }
  if (flags.shard !== undefined && flags.shard.trim() === "auto") {
    if (env.CI_NODE_INDEX !== undefined || env.CI_NODE_TOTAL !== undefined) {
      return check(int(env.CI_NODE_INDEX), int(env.CI_NODE_TOTAL), "环境变量 CI_NODE_INDEX/CI_NODE_TOTAL（GitLab parallel，从 1 起）", false);
    }
    if (env.JOB_COMPLETION_INDEX !== undefined) {
      if (flags.shardCount === undefined) throw new UsageError("--shard auto 读到 JOB_COMPLETION_INDEX（Kubernetes Indexed Job），还需要 --shard-count N 说明共几份");
      return check(int(env.JOB_COMPLETION_INDEX) + 1, int(flags.shardCount), "环境变量 JOB_COMPLETION_INDEX（Kubernetes，从 0 起）", true);
    }
    throw new UsageError("--shard auto 需要环境变量 CI_NODE_INDEX 和 CI_NODE_TOTAL（GitLab parallel）或 JOB_COMPLETION_INDEX（Kubernetes Indexed Job）；都没有设置");
  }
  if (flags.shard !== undefined) {
    const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(flags.shard);
    if (!m) throw new UsageError(`--shard 的格式应为 i/n（i 从 1 起，如 --shard 1/4），或 auto；收到 "${flags.shard}"`);
    return check(Number(m[1]), Number(m[2]), "--shard", false);
  }
  if (flags.shardIndex !== undefined || flags.shardCount !== undefined) {
    if (flags.shardCount === undefined) throw new UsageError("--shard-index 需要同时给出 --shard-count N");
    const fromEnv = flags.shardIndex === undefined;
    if (fromEnv && env.JOB_COMPLETION_INDEX === undefined) throw new UsageError("--shard-count 需要同时给出 --shard-index K（从 0 起），或在 Kubernetes Indexed Job 中运行（JOB_COMPLETION_INDEX）");
    const k = int(fromEnv ? env.JOB_COMPLETION_INDEX : flags.shardIndex);
    return check(k + 1, int(flags.shardCount), fromEnv ? "环境变量 JOB_COMPLETION_INDEX（Kubernetes，从 0 起）" : "--shard-index（从 0 起）", true);
  }
  return undefined;
}

/**
 * The config of the checked paths: looked for from each checked folder upwards (as ESLint and Prettier do), then, if
 * none is found there, from the working folder upwards. `--config` overrides both. Paths under different configs
 * cannot share one run: that is a usage error naming both.
 */
async function configFor(flags: CheckFlags, ruleIds: string[], cwd: string, roots: string[]): Promise<ConfigResult> {
  if (flags.config) return loadConfig({ cwd, ruleIds, explicit: flags.config });
  const found = new Map<string, ConfigResult>();
  for (const from of roots) {
    const r = await loadConfig({ cwd, ruleIds, from });
    if (!r.ok) return r;
    if (r.path && !found.has(r.path)) found.set(r.path, r);
  }
  if (found.size > 1) {
    const [a, b] = [...found.keys()];
    throw new UsageError(`要检查的路径分属不同的配置文件（${a} 和 ${b}）；请分别运行，或用 -c 指定一个配置`);
  }
  return found.values().next().value ?? loadConfig({ cwd, ruleIds });
}

/**
 * Resolves the settings of one run. `roots` are the folders the paths given on the command line stand for (see
 * files.ts `inputRoots`): the config is looked for from them, `.goujiignore` is read from each of them (and the
 * working folder) upwards, and `--ignore` patterns are relative to each of them as well as to the working folder.
 */
export async function resolveSettings(flags: CheckFlags, allRules: readonly RuleMetaLike[], cwd = process.cwd(), roots: string[] = []): Promise<CheckSettings> {
  const ruleIds = allRules.map((r) => r.id);
  const loaded = await configFor(flags, ruleIds, cwd, roots);
  if (!loaded.ok) throw new UsageError(loaded.message);
  const config = loaded.config;

  const rules: Record<string, RuleSettingValue> = { ...(config.rules ?? {}) };
  for (const flag of flags.rule ?? []) {
    const r = parseRuleFlag(flag, ruleIds);
    if (!r.ok) throw new UsageError(r.message);
    rules[r.id] = r.setting;
  }

  const ignore: IgnoreSource[] = [];
  const seen = new Set<string>();
  for (const from of [cwd, ...roots]) {
    const file = await loadIgnoreFile(from);
    if (file && !seen.has(file.dir)) {
      seen.add(file.dir);
      ignore.push(file);
    }
  }
  if (config.ignore?.length) ignore.push({ dir: loaded.dir, patterns: config.ignore });
  if (flags.ignore?.length) for (const dir of new Set([cwd, ...roots])) ignore.push({ dir, patterns: flags.ignore });

  const timeoutSec = flags.timeout !== undefined ? positiveNumber(flags.timeout, "--timeout") : (config.timeout ?? 60);
  const jobs = flags.jobs !== undefined ? positiveNumber(flags.jobs, "--jobs", true) : (config.jobs ?? availableParallelism());

  const activeRules: RuleInfo[] = [];
  for (const r of allRules) {
    const s = rules[r.id];
    if (s === "off") continue;
    const info: RuleInfo = { id: r.id, description: r.description, severity: s ?? r.severity };
    if (r.name) info.name = r.name;
    if (r.example) info.example = r.example;
    activeRules.push(info);
  }

  const settings: CheckSettings = {
    format: flags.format !== undefined ? oneOf(flags.format, FORMATS, "--format") : (formatOfOutput(flags.output) ?? config.format ?? "text"),
    minLevel: flags.minLevel !== undefined ? oneOf(flags.minLevel, LEVELS, "--min-level") : (config.minLevel ?? "warning"),
    failOn: flags.failOn !== undefined ? oneOf(flags.failOn, FAIL_ON, "--fail-on") : (config.failOn ?? "error"),
    timeoutMs: Math.round(timeoutSec * 1000),
    jobs,
    ignore,
    rules,
    activeRules,
  };
  if (loaded.path) settings.configPath = loaded.path;
  const shard = resolveShard(flags);
  if (shard) settings.shard = shard;
  const pdfEngine = flags.pdfEngine !== undefined ? oneOf(flags.pdfEngine, PDF_ENGINES, "--pdf-engine") : config.pdfEngine;
  if (pdfEngine) settings.pdfEngine = pdfEngine;
  return settings;
}

/** What `--print-config` shows: the settings in force, every rule with its level ("off" included). */
export function printableSettings(s: CheckSettings, allRules: readonly RuleMetaLike[]) {
  return {
    configFile: s.configPath ?? null,
    format: s.format,
    minLevel: s.minLevel,
    failOn: s.failOn,
    jobs: s.jobs,
    timeout: s.timeoutMs / 1000,
    rules: Object.fromEntries(allRules.map((r) => [r.id, s.rules[r.id] ?? r.severity])),
    ignore: s.ignore,
    shard: s.shard ?? null,
  };
}
