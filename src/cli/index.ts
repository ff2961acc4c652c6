/**
 * The command line: arguments, output and exit codes. Everything heavy is imported lazily so `--version` and
 * `--help` start fast.
 */
import { Command, CommanderError, Option } from "commander";
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_FAILURE = 2;

const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };

/** A mistake of the user's: one clean line on stderr, exit code 2, no stack trace. */
export class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command()
    .name("gouji")
    .description("勾稽：检查部门预算/决算公开文件中数字之间的勾稽关系")
    .version(pkg.version, "-v, --version", "显示版本号")
    .helpOption("-h, --help", "显示帮助")
    .showHelpAfterError()
    .exitOverride();

  program
    .command("check")
    .description("检查文件或文件夹（.txt / .docx / .pdf）")
    .argument("<paths...>", "文件或文件夹")
    .addOption(new Option("-f, --format <format>", "输出格式").choices(["text", "json"]).default("text"))
    .addOption(new Option("--min-level <level>", "显示的最低级别").choices(["info", "warning", "error"]).default("warning"))
    .addOption(new Option("--fail-on <level>", "出现该级别及以上的问题时退出码为 1").choices(["info", "warning", "error", "never"]).default("error"))
    .option("-o, --output <file>", "把结果写入文件而不是标准输出")
    .option("--timeout <seconds>", "单个文件的处理时限（秒）", "60")
    .option("--no-color", "不使用颜色")
    .action(async (paths: string[], o: { format: string; minLevel: string; failOn: string; output?: string; timeout: string; color: boolean }) => {
      exitCode = await runCheck(paths, o);
    });

  program
    .command("rules")
    .description("列出全部规则")
    .addOption(new Option("-f, --format <format>", "输出格式").choices(["text", "json"]).default("text"))
    .action(async (o: { format: string }) => {
      const { rules } = await import("../../rules/index.js");
      if (o.format === "json") {
        process.stdout.write(`${JSON.stringify(rules.map((r) => ({ id: r.id, severity: r.severity, description: r.description })), null, 2)}\n`);
      } else {
        for (const r of rules) process.stdout.write(`${r.id.padEnd(20)} ${r.severity.padEnd(8)} ${r.description}\n`);
      }
    });

  program
    .command("explain")
    .description("说明一条规则并给出示例")
    .argument("<rule>", "规则 id")
    .action(async (id: string) => {
      const { rules } = await import("../../rules/index.js");
      const r = rules.find((x) => x.id === id);
      if (!r) throw new UsageError(`没有名为 ${id} 的规则；用 gouji rules 查看全部规则`);
      process.stdout.write(`${r.id}（默认级别：${r.severity}）\n${r.description}\n`);
      if (r.example) process.stdout.write(`\n示例（违反本规则）：\n  ${r.example.replace(/\n/g, "\n  ")}\n`);
    });

  program
    .command("extract")
    .description("输出文件解析得到的结构化模型（调试解析器用）")
    .argument("<file>", "文件")
    .addOption(new Option("-f, --format <format>", "输出格式").choices(["json"]).default("json"))
    .action(async (file: string) => {
      const { readFile } = await import("node:fs/promises");
      const { parseDocument } = await import("../parse/index.js");
      const { buildReport } = await import("../model/build.js");
      const { describeError } = await import("../runner.js");
      try {
        const doc = await parseDocument(new Uint8Array(await readFile(file)), file);
        process.stdout.write(`${JSON.stringify(buildReport(doc, file), null, 2)}\n`);
      } catch (e) {
        const err = describeError(e);
        process.stderr.write(`gouji: ${file}: [${err.code}] ${err.message}\n`);
        exitCode = EXIT_FAILURE;
      }
    });

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return EXIT_OK;
      return EXIT_FAILURE;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`gouji: ${e.message}\n`);
      return EXIT_FAILURE;
    }
    throw e;
  }
  return exitCode;
}

async function runCheck(
  paths: string[],
  o: { format: string; minLevel: string; failOn: string; output?: string; timeout: string; color: boolean },
): Promise<number> {
  const { collectFiles } = await import("./files.js");
  const { checkFile } = await import("../runner.js");
  const { summarise, filterByLevel } = await import("../report/result.js");
  const { severityRank } = await import("../engine/finding.js");
  const timeoutSec = Number(o.timeout);
  if (!Number.isFinite(timeoutSec) || timeoutSec <= 0) throw new UsageError(`--timeout 需要一个正数（秒），收到 ${o.timeout}`);
  const { files, missing } = await collectFiles(paths);
  if (missing.length) throw new UsageError(`找不到：${missing.join("、")}`);
  if (files.length === 0) throw new UsageError(`在 ${paths.join("、")} 中没有找到 .txt / .docx / .pdf 文件`);
  const results = [];
  for (const f of files) results.push(await checkFile(f, { timeoutMs: timeoutSec * 1000 }));
  const failOn = o.failOn;
  const failing = failOn !== "never" && results.some((r) => r.findings.some((x) => severityRank(x.severity) >= severityRank(failOn as "error")));
  const shown = filterByLevel(results, o.minLevel as "info");
  const run = { tool: { name: "gouji", version: pkg.version }, files: shown, summary: summarise(shown) };
  let text: string;
  if (o.format === "json") {
    const { formatJson } = await import("../report/formatters/json.js");
    text = formatJson(run);
  } else {
    const { formatText } = await import("../report/formatters/text.js");
    const color = o.color && !o.output && process.stdout.isTTY === true && !process.env.NO_COLOR;
    text = formatText(run, { color });
  }
  if (o.output) await writeFile(o.output, text);
  else process.stdout.write(text);
  if (results.some((r) => r.status === "failed")) return EXIT_FAILURE;
  return failing ? EXIT_FINDINGS : EXIT_OK;
}
