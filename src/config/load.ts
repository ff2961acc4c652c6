/**
 * Finds and reads the configuration: `gouji.config.json`, or the `gouji` key of `package.json`, in the working
 * folder or the nearest folder above it. Returns a result instead of throwing, so the CLI can print one clean line.
 */
import { parseJsonText } from "../report/json-text.js";
import { readFile, writeFile, access } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { configSchema, describeIssue, RULE_SETTINGS, type GoujiConfig, type RuleSettingValue } from "./schema.js";

export const CONFIG_FILE = "gouji.config.json";
export const IGNORE_FILE = ".goujiignore";

export type ConfigResult =
  | { ok: true; config: GoujiConfig; /** the file it came from; absent when none was found */ path?: string; dir: string }
  | { ok: false; message: string };

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}

function shortName(p: string, cwd: string): string {
  const r = relative(cwd, p);
  return r && !r.startsWith("..") ? r : p;
}

/** Validates an already-parsed config object. */
export function validateConfig(input: unknown, ruleIds: readonly string[], source: string): ConfigResult {
  const parsed = configSchema(ruleIds).safeParse(input);
  if (!parsed.success) return { ok: false, message: describeIssue(parsed.error.issues[0]!, source, input) };
  return { ok: true, config: parsed.data, dir: "" };
}

async function readConfigFile(file: string, ruleIds: readonly string[], cwd: string, key?: string): Promise<ConfigResult | undefined> {
  const name = shortName(file, cwd);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    return { ok: false, message: `无法读取配置文件 ${name}：${(e as Error).message}` };
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, message: `配置文件 ${name} 不是合法的 JSON：${parsed.problem}` };
  let json: unknown = parsed.value;
  if (key !== undefined) {
    if (!json || typeof json !== "object" || !(key in json)) return undefined;
    json = (json as Record<string, unknown>)[key];
  }
  const result = validateConfig(json, ruleIds, key ? `${name}#${key}` : name);
  return result.ok ? { ...result, path: file, dir: dirname(file) } : result;
}

/**
 * Looks for the configuration from `from` (default: `cwd`) upwards. `explicit` (from `--config`) is read as is, relative
 * to `cwd`, and must exist. Messages name files relative to `cwd`.
 */
export async function loadConfig(opts: { cwd: string; ruleIds: readonly string[]; explicit?: string; from?: string }): Promise<ConfigResult> {
  const cwd = resolve(opts.cwd);
  if (opts.explicit) {
    const file = resolve(cwd, opts.explicit);
    if (!(await exists(file))) return { ok: false, message: `找不到配置文件 ${opts.explicit}` };
    return (await readConfigFile(file, opts.ruleIds, cwd, file.endsWith("package.json") ? "gouji" : undefined)) ?? { ok: false, message: `${opts.explicit} 中没有 gouji 配置` };
  }
  let dir = resolve(cwd, opts.from ?? ".");
  for (;;) {
    const file = join(dir, CONFIG_FILE);
    if (await exists(file)) return (await readConfigFile(file, opts.ruleIds, cwd))!;
    const pkg = join(dir, "package.json");
    if (await exists(pkg)) {
      const found = await readConfigFile(pkg, opts.ruleIds, cwd, "gouji");
      if (found) return found;
    }
    const up = dirname(dir);
    if (up === dir) return { ok: true, config: {}, dir: cwd };
    dir = up;
  }
}

/** The nearest `.goujiignore` from `cwd` upwards: its patterns and the folder they are relative to. */
export async function loadIgnoreFile(cwd: string): Promise<{ dir: string; patterns: string[] } | undefined> {
  let dir = resolve(cwd);
  for (;;) {
    const file = join(dir, IGNORE_FILE);
    if (await exists(file)) {
      const text = await readFile(file, "utf8");
      return { dir, patterns: text.replace(/^\uFEFF/, "").split(/\r?\n/) };
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** `--rule id=level`: returns [id, level] or a Chinese message. */
export function parseRuleFlag(flag: string, ruleIds: readonly string[]): { ok: true; id: string; setting: RuleSettingValue } | { ok: false; message: string } {
  const m = /^([^=\s]+)\s*=\s*(\S+)$/.exec(flag.trim());
  if (!m) return { ok: false, message: `--rule 的格式应为 规则id=级别（如 --rule yoy-change=off），收到 "${flag}"` };
  const [, id, setting] = m as unknown as [string, string, string];
  if (!ruleIds.includes(id)) return { ok: false, message: `--rule：没有名为 "${id}" 的规则；用 gouji rules 查看全部规则 id` };
  if (!(RULE_SETTINGS as readonly string[]).includes(setting)) {
    return { ok: false, message: `--rule ${id}=${setting}：级别只能是 ${RULE_SETTINGS.join("、")}` };
  }
  return { ok: true, id, setting: setting as RuleSettingValue };
}

/** The starter config `gouji init` writes. */
export function starterConfig(): GoujiConfig {
  return { rules: {}, failOn: "error", minLevel: "warning", ignore: [], timeout: 60 };
}

/** Writes the starter config into `dir`; refuses to overwrite an existing one. */
export async function writeStarterConfig(dir: string): Promise<{ ok: true; path: string } | { ok: false; message: string }> {
  const file = join(dir, CONFIG_FILE);
  if (await exists(file)) return { ok: false, message: `${CONFIG_FILE} 已存在，未覆盖；如需重新生成请先删除它` };
  await writeFile(file, `${JSON.stringify(starterConfig(), null, 2)}\n`, { flag: "wx" });
  return { ok: true, path: file };
}
