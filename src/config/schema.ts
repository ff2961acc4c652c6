/**
 * What a `gouji.config.json` (or `package.json#gouji`) may say, as a zod schema, and the Chinese messages for what
 * it must not say. Pure: the rule ids to accept are passed in, nothing is read from disk here.
 */
import { createRequire } from "node:module";
import type { z as Zod } from "zod";
import { PDF_ENGINES } from "../parse/engines.js";

export const LEVELS = ["info", "warning", "error"] as const;
export const RULE_SETTINGS = ["off", ...LEVELS] as const;
export const FAIL_ON = [...LEVELS, "never"] as const;
export const FORMATS = ["text", "json", "sarif", "junit", "csv", "html", "xlsx"] as const;

export type Level = (typeof LEVELS)[number];
export type RuleSettingValue = (typeof RULE_SETTINGS)[number];
export type FailOn = (typeof FAIL_ON)[number];
export type Format = (typeof FORMATS)[number];

export const CONFIG_KEYS = ["$schema", "rules", "failOn", "minLevel", "ignore", "jobs", "timeout", "format", "pdfEngine"] as const;

/**
 * zod, loaded the first time a config file is validated: its 95 modules cost a cold `gouji check` (which reads no
 * config file) 0.1–0.3 s of start-up. Its CommonJS build is required synchronously so validateConfig stays sync.
 */
function zod(): typeof Zod {
  return (createRequire(import.meta.url)("zod") as { z: typeof Zod }).z;
}

/** Builds the schema for one set of known rule ids (unknown ids are a mistake worth one clear line). */
export function configSchema(ruleIds: readonly string[]) {
  const z = zod();
  const known = new Set(ruleIds);
  return z.strictObject({
    $schema: z.string().optional(),
    rules: z
      .record(z.string(), z.enum(RULE_SETTINGS))
      .superRefine((rules, ctx) => {
        for (const id of Object.keys(rules)) {
          if (!known.has(id)) ctx.addIssue({ code: "custom", path: [id], message: `unknown-rule`, params: { id } });
        }
      })
      .optional(),
    failOn: z.enum(FAIL_ON).optional(),
    minLevel: z.enum(LEVELS).optional(),
    ignore: z.array(z.string().min(1)).optional(),
    jobs: z.number().int().min(1).max(256).optional(),
    timeout: z.number().positive().max(86_400).optional(),
    format: z.enum(FORMATS).optional(),
    pdfEngine: z.enum(PDF_ENGINES).optional(),
  });
}

export type GoujiConfig = Zod.infer<ReturnType<typeof configSchema>>;

const ALLOWED: Record<string, string> = {
  rules: `"规则id": ${RULE_SETTINGS.map((s) => `"${s}"`).join(" | ")}`,
  failOn: FAIL_ON.join("、"),
  minLevel: LEVELS.join("、"),
  ignore: "字符串数组（.gitignore 语法）",
  jobs: "1 到 256 的整数",
  timeout: "正数（秒）",
  format: FORMATS.join("、"),
  pdfEngine: PDF_ENGINES.join("、"),
};

/** One Chinese line for the first problem zod found; `source` names the file (and key) the config came from. */
export function describeIssue(issue: Zod.core.$ZodIssue, source: string, input: unknown): string {
  const path = issue.path.map(String);
  let value: unknown = input;
  for (const k of path) value = value && typeof value === "object" ? (value as Record<string, unknown>)[k] : undefined;
  const shown = value === undefined ? "" : ` ${JSON.stringify(value)}`;
  const where = path.length ? `${source} 中 ${path.join(".")} 的值${shown}` : source;
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.map((k) => `"${k}"`).join("、");
    const at = path.length ? `${source} 的 ${path.join(".")} 中` : `${source} 中`;
    return `${at}有未知的配置项 ${keys}；可用的配置项：${CONFIG_KEYS.filter((k) => k !== "$schema").join("、")}`;
  }
  if (issue.code === "custom" && issue.message === "unknown-rule") {
    return `${source} 的 rules 中没有名为 "${path[path.length - 1]}" 的规则；用 gouji rules 查看全部规则 id`;
  }
  if (path[0] === "rules" && path.length === 2) {
    return `${where} 无效：规则级别只能是 ${RULE_SETTINGS.join("、")}`;
  }
  const allowed = ALLOWED[path[0] ?? ""];
  if (issue.code === "invalid_type" && path.length === 0) return `${source} 应是一个 JSON 对象`;
  return `${where} 无效${allowed ? `：应为 ${allowed}` : ""}`;
}
