/**
 * The command line: arguments, output and exit codes. Everything heavy is imported lazily so `--version` and
 * `--help` start fast.
 */
import { readFileSync, statSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { EXIT_FAILURE, EXIT_OK, UsageError } from "./errors.js";

export { EXIT_OK, EXIT_FINDINGS, EXIT_FAILURE, UsageError } from "./errors.js";

const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };
const TOOL = { name: "gouji", version: pkg.version };
const FORMAT_NAMES = ["text", "json", "sarif", "junit", "csv", "html", "xlsx"];

/** The arguments of `gouji check` that name something on disk name one PDF file and nothing else. */
function onePdfFile(args: readonly string[]): boolean {
  const onDisk = args.filter((a) => {
    try {
      statSync(a);
      return true;
    } catch {
      return false;
    }
  });
  if (onDisk.length !== 1 || !/\.pdf$/i.test(onDisk[0]!)) return false;
  try {
    return statSync(onDisk[0]!).isFile();
  } catch {
    return false;
  }
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** "【报表齐全】决算九张表…": a rule's name, then its description without the name it may already start with. */
function named(r: { name: string; description: string }): string {
  return `【${r.name}】${r.description.startsWith(`${r.name}：`) ? r.description.slice(r.name.length + 1) : r.description}`;
}

/** commander's help headings, in Chinese */
const HELP_TITLES: Record<string, string> = {
  "Usage:": "用法：",
  "Options:": "选项：",
  "Global Options:": "全局选项：",
  "Commands:": "命令：",
  "Arguments:": "参数：",
};

/** What commander appends to an option's or argument's help line, in Chinese: （可选：a、b；默认：c） */
function helpExtras(item: { description: string; argChoices?: string[] | undefined; defaultValue?: unknown; defaultValueDescription?: string | undefined }, showDefault: boolean): string {
  const extras: string[] = [];
  if (item.argChoices) extras.push(`可选：${item.argChoices.join("、")}`);
  if (showDefault && item.defaultValue !== undefined) extras.push(`默认：${item.defaultValueDescription ?? String(item.defaultValue)}`);
  return extras.length ? `${item.description}（${extras.join("；")}）` : item.description;
}

/**
 * commander's Help with Chinese headings and extras (its own are English: "Usage:", "(choices: …)"). Defaults are
 * shown for options that take a value, as commander does; a boolean's true/false default is for programmers.
 */
const CHINESE_HELP = {
  styleTitle: (title: string): string => HELP_TITLES[title] ?? title,
  optionDescription: (o: import("commander").Option): string => helpExtras(o, o.required || o.optional),
  argumentDescription: (a: import("commander").Argument): string => helpExtras(a, true),
};

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
    // one PDF: V8's optimising compiler would spend more on PDFium's hot functions (on the machine's other core) than
    // it saves on 20-odd pages, so its WebAssembly runs on the baseline code alone (a longer run keeps tier-up)
    if (preloadPdfium && onePdfFile(paths)) setFlagsFromString("--liftoff-only");
    void import("./pool.js").then((m) => m.prestartWorker({ preloadPdfium }), () => undefined);
  }
  const { Command, CommanderError, Help, Option } = await import("commander");
  let exitCode = EXIT_OK;
  const program = new Command()
    .name("gouji")
    .description("勾稽：检查部门预算/决算公开文件中数字之间的勾稽关系")
    .version(pkg.version, "-v, --version", "显示版本号")
    .helpOption("-h, --help", "显示帮助")
    .helpCommand("help [command]", "显示某个命令的帮助")
    // commander's own error lines are English and followed by the whole help: main() prints one Chinese line instead
    .configureOutput({ outputError: () => undefined })
    // its help headings and "(choices: …, default: …)" are English too; the commands below inherit this
    .configureHelp({
      ...CHINESE_HELP,
      // commander puts a space after its "Usage:"; after a full-width colon it reads as a gap ("用法：gouji …")
      formatHelp(cmd, helper) {
        return Help.prototype.formatHelp.call(this, cmd, helper).replace(/^用法： /, "用法：");
      },
    })
    .exitOverride();

  program
    .command("check")
    .description("检查文件、文件夹（递归）或通配符匹配的文件（.txt / .docx / .pdf / .html）")
    .argument("[paths...]", "文件、文件夹或通配符（如 \"reports/**/*.pdf\"）")
    .addOption(new Option("-f, --format <format>", "输出格式（默认 text）").choices(FORMAT_NAMES))
    .option("-o, --output <file>", "把结果写入文件而不是标准输出；未给 -f 时按扩展名定格式（.json .sarif .xml .html .csv .xlsx .txt）")
    .addOption(new Option("--min-level <level>", "显示的最低级别（默认 warning）").choices(["info", "warning", "error"]))
    .addOption(new Option("--fail-on <level>", "出现该级别及以上的问题时退出码为 1（默认 error）").choices(["info", "warning", "error", "never"]))
    .option("--timeout <seconds>", "单个文件的处理时限，秒（默认 60）")
    .option("-j, --jobs <n>", "并行检查的工作线程数（默认：CPU 核数）")
    .option("--ignore <pattern>", "排除匹配的文件（.gitignore 语法，相对于所给的每个文件夹及当前目录，可重复）", collect)
    .option("--rule <id=level>", "调整规则级别：off、info、warning、error（可重复）", collect)
    .option("-c, --config <file>", "配置文件（默认从所查文件夹起向上查找 gouji.config.json 或 package.json#gouji，找不到再从当前目录起）")
    .option("--print-config", "显示实际生效的设置（配置文件、命令行合并后）并退出")
    .option("--baseline <file>", "只报告基线文件中没有的新问题")
    .option("--write-baseline <file>", "把本次的全部问题和无法读取的文件记录为基线（此时以 0 退出）")
    .option("--shard <i/n|auto>", "只检查排序后文件列表的第 i 份（共 n 份，i 从 1 起），供 CI 并行；auto 读 GitLab 或 Kubernetes 的环境变量")
    .option("--shard-index <k>", "分片序号，从 0 起（Kubernetes JOB_COMPLETION_INDEX、GitHub strategy.job-index），与 --shard-count 同用")
    .option("--shard-count <n>", "分片总数（与 --shard-index 或 --shard auto 同用）")
    .option("--facts", "JSON 结果附上每个文件的单位、年度和可寻址数字（crossFacts），供 gouji merge 做跨文件核对")
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
    .addOption(new Option("-f, --format <format>", "输出格式（默认 json，或按 -o 的扩展名）").choices(FORMAT_NAMES))
    .option("-o, --output <file>", "把结果写入文件而不是标准输出")
    .addOption(new Option("--fail-on <level>", "出现该级别及以上的问题时退出码为 1").choices(["info", "warning", "error", "never"]).default("error"))
    .option("--no-color", "不使用颜色")
    .action(async (files: string[], o: { format?: string; output?: string; failOn: string; color: boolean }) => {
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
        process.stdout.write(`${JSON.stringify(rules.map((r) => ({ id: r.id, name: r.name, severity: r.severity, description: r.description })), null, 2)}\n`);
      } else {
        for (const r of rules) process.stdout.write(`${r.id.padEnd(20)} ${r.severity.padEnd(8)} ${named(r)}\n`);
        const { CROSS_RULES } = await import("../cross/check.js");
        process.stdout.write(`\n跨文件核对（两个或以上文件时，见 README “Archive checks”）：\n`);
        for (const r of CROSS_RULES) process.stdout.write(`${r.id.padEnd(20)} ${"error".padEnd(8)} ${named(r)}\n`);
      }
    });

  program
    .command("explain")
    .description("说明一条规则并给出示例")
    .argument("<rule>", "规则 id")
    .action(async (id: string) => {
      const { rules } = await import("../../rules/index.js");
      const r = rules.find((x) => x.id === id);
      const cross = r ? undefined : (await import("../cross/check.js")).CROSS_RULES.find((x) => x.id === id);
      if (cross) {
        process.stdout.write(`${cross.id}（${cross.name}；跨文件核对，默认级别：error）\n${cross.description}\n\n示例（违反本规则）：\n  ${cross.example}\n`);
        return;
      }
      if (!r) throw new UsageError(`没有名为 ${id} 的规则；用 gouji rules 查看全部规则`);
      process.stdout.write(`${r.id}（${r.name}；默认级别：${r.severity}）\n${r.description}\n`);
      if (r.example) process.stdout.write(`\n示例（违反本规则）：\n  ${r.example.replace(/\n/g, "\n  ")}\n`);
    });

  program
    .command("extract")
    .description("输出文件解析得到的结构化模型（调试解析器用）；--uncovered 列出未参与任何勾稽关系的数字")
    .argument("<file>", "文件")
    .addOption(new Option("-f, --format <format>", "输出格式（--uncovered 时默认 text）").choices(["json", "text"]))
    .option("--uncovered", "只列出未参与任何已核对关系的数字，按章节或报表分组，并注明类别（金额、年份、编码、人数……）")
    .action(async (file: string, o: { format?: "json" | "text"; uncovered?: boolean }) => {
      const { readFile } = await import("node:fs/promises");
      const { parseDocument } = await import("../parse/index.js");
      const { readReport, lintDocument } = await import("../lint.js");
      const { describeError } = await import("../runner.js");
      try {
        const doc = await parseDocument(new Uint8Array(await readFile(file)), file);
        if (!o.uncovered) {
          process.stdout.write(`${JSON.stringify(readReport(doc, file), null, 2)}\n`);
          return;
        }
        const { uncoveredNumbers } = await import("../engine/coverage.js");
        const { formatUncovered } = await import("./uncovered.js");
        const { report, coverage, stats } = lintDocument(doc, file);
        const entries = uncoveredNumbers(report, coverage);
        process.stdout.write(formatUncovered(file, entries, stats, o.format ?? "text"));
      } catch (e) {
        const err = describeError(e);
        process.stderr.write(`gouji: ${file}: [${err.code}] ${err.message}\n`);
        exitCode = EXIT_FAILURE;
      }
    });

  const commandName = program.commands.some((c) => c.name() === argv[0]) ? argv[0] : undefined;
  const hint = `用 gouji ${commandName ? `${commandName} ` : ""}--help 查看用法`;
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return EXIT_OK;
      process.stderr.write(`gouji: ${usageMessage(e)}（${hint}）\n`);
      return EXIT_FAILURE;
    }
    if (e instanceof UsageError) {
      // a message that names its own remedy ("用 gouji rules 查看…") needs no second hint
      process.stderr.write(`gouji: ${e.message}${/gouji \w+/.test(e.message) ? "" : `（${hint}）`}\n`);
      return EXIT_FAILURE;
    }
    throw e;
  }
  return exitCode;
}

/** One Chinese line for a command-line mistake commander found (its own messages are English). */
export function usageMessage(e: { code: string; message: string }): string {
  const m = e.message.replace(/^error:\s*/i, "");
  const suggestion = /\(Did you mean ([^?]+)\?\)/.exec(m)?.[1];
  const also = suggestion ? `，是否想用 ${suggestion}？` : "";
  const quoted = /'([^']+)'/.exec(m)?.[1] ?? "";
  switch (e.code) {
    case "commander.unknownOption":
      return `未知选项 ${quoted}${also}`;
    case "commander.unknownCommand":
      return `未知命令 ${quoted}${also}`;
    case "commander.missingArgument":
      return `缺少参数 <${quoted}>`;
    case "commander.optionMissingArgument":
      return `选项 ${quoted.replace(/\s*<.*$/, "")} 缺少取值`;
    case "commander.invalidArgument": {
      const value = /argument '([^']*)' is invalid/.exec(m)?.[1] ?? "";
      const allowed = /Allowed choices are (.+?)\.?$/m.exec(m)?.[1]?.split(/,\s*/).join("、");
      return `选项 ${quoted.replace(/\s*<.*$/, "")} 的值 "${value}" 无效${allowed ? `，只能是 ${allowed}` : ""}`;
    }
    case "commander.excessArguments":
      return "参数过多";
    default:
      return m.split("\n")[0]!;
  }
}
