/** `gouji merge a.json b.json …`: one run from the JSON results of several (e.g. sharded) runs. */
import { readFile } from "node:fs/promises";
import { mergeRuns } from "../report/merge.js";
import { formatRunBytes } from "../report/formatters/index.js";
import { dirname, resolve } from "node:path";
import { FAIL_ON, FORMATS, type FailOn, type Format } from "../config/schema.js";
import { severityRank } from "../engine/finding.js";
import { openOutput } from "./output.js";
import { formatOfOutput } from "./settings.js";
import { EXIT_FINDINGS, EXIT_OK, UsageError } from "./errors.js";

export async function runMerge(inputs: string[], flags: { format?: string; output?: string; failOn: string; color: boolean }): Promise<number> {
  const format = flags.format ?? formatOfOutput(flags.output) ?? "json";
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format 只能是 ${FORMATS.join("、")}`);
  if (!(FAIL_ON as readonly string[]).includes(flags.failOn)) throw new UsageError(`--fail-on 只能是 ${FAIL_ON.join("、")}`);
  const texts = [];
  for (const source of inputs) {
    try {
      texts.push({ source, text: await readFile(source, "utf8") });
    } catch {
      throw new UsageError(`无法读取 ${source}`);
    }
  }
  const merged = mergeRuns(texts);
  if (!merged.ok) throw new UsageError(merged.message);
  if (merged.note) process.stderr.write(`gouji: ${merged.note}\n`);
  const { rules } = await import("../../rules/index.js");
  const run = { ...merged.run, rules: rules.map((r) => ({ id: r.id, name: r.name, description: r.description, severity: r.severity, ...(r.example ? { example: r.example } : {}) })) };
  let out;
  try {
    out = await openOutput(flags.output);
  } catch (e) {
    throw new UsageError(`无法写入 ${flags.output}：${(e as Error).message}`);
  }
  if (flags.format === "xlsx" && out.isTTY) throw new UsageError("xlsx 是二进制文件，请用 -o 指定输出文件");
  const color = flags.color && out.isTTY && !process.env.NO_COLOR;
  const links = flags.output ? { outputDir: dirname(resolve(flags.output)), cwd: process.cwd() } : {};
  await out.write(await formatRunBytes(format as Format, run, { color, links }));
  await out.close();
  const failOn = flags.failOn as FailOn;
  // a file that could not be read counts as an error (OUTPUT.md)
  const crossFailing = failOn !== "never" && (run.crossDocument?.findings ?? []).some((x) => severityRank(x.severity) >= severityRank(failOn));
  const failing = crossFailing || failOn !== "never" && run.files.some((f) => (f.status === "failed" && severityRank("error") >= severityRank(failOn)) || f.findings.some((x) => severityRank(x.severity) >= severityRank(failOn)));
  return failing ? EXIT_FINDINGS : EXIT_OK;
}
