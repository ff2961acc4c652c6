/**
 * The effective settings of a `gouji check` run: built-in defaults, then the config file, then the command line.
 * Every user mistake becomes a UsageError with one Chinese line.
 */
import { availableParallelism } from "node:os";
import { loadConfig, loadIgnoreFile, parseRuleFlag } from "../config/load.js";
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
  pdfEngine?: string;
  color: boolean;
  progress: boolean;
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
}

interface RuleMetaLike {
  id: string;
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

export async function resolveSettings(flags: CheckFlags, allRules: readonly RuleMetaLike[], cwd = process.cwd()): Promise<CheckSettings> {
  const ruleIds = allRules.map((r) => r.id);
  const loaded = await loadConfig({ cwd, ruleIds, ...(flags.config ? { explicit: flags.config } : {}) });
  if (!loaded.ok) throw new UsageError(loaded.message);
  const config = loaded.config;

  const rules: Record<string, RuleSettingValue> = { ...(config.rules ?? {}) };
  for (const flag of flags.rule ?? []) {
    const r = parseRuleFlag(flag, ruleIds);
    if (!r.ok) throw new UsageError(r.message);
    rules[r.id] = r.setting;
  }

  const ignore: IgnoreSource[] = [];
  const ignoreFile = await loadIgnoreFile(cwd);
  if (ignoreFile) ignore.push(ignoreFile);
  if (config.ignore?.length) ignore.push({ dir: loaded.dir, patterns: config.ignore });
  if (flags.ignore?.length) ignore.push({ dir: cwd, patterns: flags.ignore });

  const timeoutSec = flags.timeout !== undefined ? positiveNumber(flags.timeout, "--timeout") : (config.timeout ?? 60);
  const jobs = flags.jobs !== undefined ? positiveNumber(flags.jobs, "--jobs", true) : (config.jobs ?? availableParallelism());

  const activeRules: RuleInfo[] = [];
  for (const r of allRules) {
    const s = rules[r.id];
    if (s === "off") continue;
    const info: RuleInfo = { id: r.id, description: r.description, severity: s ?? r.severity };
    if (r.example) info.example = r.example;
    activeRules.push(info);
  }

  const settings: CheckSettings = {
    format: flags.format !== undefined ? oneOf(flags.format, FORMATS, "--format") : (config.format ?? "text"),
    minLevel: flags.minLevel !== undefined ? oneOf(flags.minLevel, LEVELS, "--min-level") : (config.minLevel ?? "warning"),
    failOn: flags.failOn !== undefined ? oneOf(flags.failOn, FAIL_ON, "--fail-on") : (config.failOn ?? "error"),
    timeoutMs: Math.round(timeoutSec * 1000),
    jobs,
    ignore,
    rules,
    activeRules,
  };
  if (loaded.path) settings.configPath = loaded.path;
  const pdfEngine = flags.pdfEngine !== undefined ? oneOf(flags.pdfEngine, PDF_ENGINES, "--pdf-engine") : config.pdfEngine;
  if (pdfEngine) settings.pdfEngine = pdfEngine;
  return settings;
}
