/**
 * The command line: arguments, output and exit codes. Everything heavy is imported lazily so `--version` and
 * `--help` start fast.
 */
import { readFileSync } from "node:fs";
import { EXIT_FAILURE, EXIT_OK, UsageError } from "./errors.js";

export { EXIT_OK, EXIT_FINDINGS, EXIT_FAILURE, UsageError } from "./errors.js";

const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };
const TOOL = { name: "gouji", version: pkg.version };
const FORMAT_NAMES = ["text", "json", "sarif", "junit", "csv", "html"];

const collect = (value: string, previous: string[] = []) => [...previous, value];

export async function main(argv: string[]): Promise<number> {
  // a reader that stops early (`gouji … | head`) closes the pipe: that ends the output, it is not a crash
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
  // the cold start CI scripts pay most often: answer without loading commander
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v")) {
    process.stdout.write(`${pkg.version}\n`);
    return EXIT_OK;
  }
  if (argv[0] === "check") {
    // the worker loads while this thread parses the arguments and collects the files (see prestartWorker); PDFium is
    // compiled at once unless pdfjs is asked for or every path names a .txt or .docx
    const paths = argv.slice(1).filter((a) => !a.startsWith("-"));
    const pdfjsOnly = argv.includes("pdfjs") || process.env.GOUJI_PDF_ENGINE === "pdfjs";
    const preloadPdfium = !pdfjsOnly && paths.some((a) => !/\.(?:txt|docx)$/i.test(a));
    void import("./pool.js").then((m) => m.prestartWorker({ preloadPdfium }), () => undefined);
  }
  const { Command, CommanderError, Option } = await import("commander");
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
    .description("检查文件、文件夹（递归）或通配符匹配的文件（.txt / .docx / .pdf）")
    .argument("<paths...>", "文件、文件夹或通配符（如 \"reports/**/*.pdf\"）")
    .addOption(new Option("-f, --format <format>", "输出格式（默认 text）").choices(FORMAT_NAMES))
    .option("-o, --output <file>", "把结果写入文件而不是标准输出")
    .addOption(new Option("--min-level <level>", "显示的最低级别（默认 warning）").choices(["info", "warning", "error"]))
    .addOption(new Option("--fail-on <level>", "出现该级别及以上的问题时退出码为 1（默认 error）").choices(["info", "warning", "error", "never"]))
    .option("--timeout <seconds>", "单个文件的处理时限，秒（默认 60）")
    .option("-j, --jobs <n>", "并行检查的工作线程数（默认：CPU 核数）")
    .option("--ignore <pattern>", "排除匹配的文件（.gitignore 语法，可重复）", collect)
    .option("--rule <id=level>", "调整规则级别：off、info、warning、error（可重复）", collect)
    .option("-c, --config <file>", "配置文件（默认在当前及上级目录查找 gouji.config.json 或 package.json#gouji）")
    .option("--baseline <file>", "只报告基线文件中没有的新问题")
    .option("--write-baseline <file>", "把本次的全部问题记录为基线（此时有问题也以 0 退出）")
    .option("--shard <i/n>", "只检查排序后文件列表的第 i 份（共 n 份），供 CI 并行")
    .addOption(new Option("--pdf-engine <engine>", "PDF 读取引擎：pdfium（默认，读不了的文件改用 pdfjs）或 pdfjs").choices(["pdfium", "pdfjs"]))
    .option("--no-color", "不使用颜色")
    .option("--no-progress", "不显示进度条")
    .action(async (paths: string[], o: import("./settings.js").CheckFlags) => {
      const { runCheck } = await import("./check.js");
      exitCode = await runCheck(paths, o, TOOL);
    });

  program
    .command("merge")
    .description("合并多个 --format json 结果（如 CI 分片的输出）")
    .argument("<files...>", "gouji check --format json 的结果文件")
    .addOption(new Option("-f, --format <format>", "输出格式").choices(FORMAT_NAMES).default("json"))
    .option("-o, --output <file>", "把结果写入文件而不是标准输出")
    .addOption(new Option("--fail-on <level>", "出现该级别及以上的问题时退出码为 1").choices(["info", "warning", "error", "never"]).default("error"))
    .option("--no-color", "不使用颜色")
    .action(async (files: string[], o: { format: string; output?: string; failOn: string; color: boolean }) => {
      const { runMerge } = await import("./merge.js");
      exitCode = await runMerge(files, o);
    });

  program
    .command("init")
    .description("在当前目录生成 gouji.config.json 示例配置（已存在时不覆盖）")
    .action(async () => {
      const { writeStarterConfig, CONFIG_FILE } = await import("../config/load.js");
      const r = await writeStarterConfig(process.cwd());
      if (!r.ok) throw new UsageError(r.message);
      process.stdout.write(
        `已生成 ${CONFIG_FILE}。在 "rules" 中写 "规则id": "off" | "info" | "warning" | "error" 调整规则；用 gouji rules 查看规则 id。\n`,
      );
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
      const { readReport } = await import("../lint.js");
      const { describeError } = await import("../runner.js");
      try {
        const doc = await parseDocument(new Uint8Array(await readFile(file)), file);
        process.stdout.write(`${JSON.stringify(readReport(doc, file), null, 2)}\n`);
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
