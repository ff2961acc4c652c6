/**
 * `gouji check`: collect the files, check them in a worker pool, and stream the results in file order to the
 * chosen format. Only counters and the current file's result are held in memory.
 */
import { statSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { collectFiles, inputRoots, shardFiles } from "./files.js";
import { printableSettings, resolveSettings, type CheckFlags } from "./settings.js";
import { openOutput, OutputClosed } from "./output.js";
import { createProgress } from "./progress.js";
import { runPool } from "./pool.js";
import { EXIT_FINDINGS, EXIT_OK, UsageError } from "./errors.js";
import { addToSummary, emptySummary, filterFileByLevel, type RunHeader } from "../report/result.js";
import { createStream, isBinary } from "../report/formatters/index.js";
import { Triage, triageText } from "../report/triage.js";
import { BaselineFilter, baselineEntries, FAILED_FILE_RULE, formatBaseline, makeBaseline, parseBaseline, type BaselineEntry } from "../report/baseline.js";
import { severityRank } from "../engine/finding.js";
import { crossForRun, crossInputOf } from "../cross/run.js";
import { CROSS_RULES } from "../cross/check.js";
import { asFileFinding } from "../cross/render.js";
import type { FileResult } from "../runner.js";
import type { CrossRecord } from "../cross/record.js";

/**
 * Files this large hold a lot of memory while they are read: the pool runs one such file at a time so memory stays
 * bounded on a small CI machine. With pdfjs that is from 2 MB on (a 3.6 MB PDF peaks at ≈ 350 MB of pdfjs objects);
 * PDFium holds a copy of the file and its parsed pages in its WebAssembly memory (the same 3.6 MB PDF: a whole
 * process of 160 MB, PDFium's memory never above 22 MB), so with it only PDFs of 32 MB or more run alone.
 * `GOUJI_HEAVY_MB` moves the threshold; 0 turns it off (faster on a big machine when many files are large).
 */
export function heavyThreshold(engine: string | undefined): number {
  const fallback = (engine ?? process.env.GOUJI_PDF_ENGINE) === "pdfjs" ? 2 : 32;
  const mb = Number(process.env.GOUJI_HEAVY_MB ?? fallback);
  return Number.isFinite(mb) && mb > 0 ? mb * 1024 * 1024 : Infinity;
}

function isHeavyFile(threshold: number) {
  return (path: string): boolean => {
    if (threshold === Infinity) return false;
    try {
      return statSync(path).size >= threshold;
    } catch {
      return false;
    }
  };
}

/**
 * Absolute paths inside the working folder are shown (and fingerprinted) relative to it; a folder keeps its trailing
 * separator (a skipped folder is told from a file by it).
 */
export function displayPath(path: string, cwd: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  if (!rel || rel.startsWith("..") || isAbsolute(rel)) return path;
  return /[\\/]$/.test(path) ? `${rel}${sep}` : rel;
}

/** The result as written without --facts: the cross record stays in memory for the pass, out of the output. */
function withoutCross(f: FileResult): FileResult {
  if (!f.cross) return f;
  const { cross: _cross, ...rest } = f;
  return rest;
}

export async function runCheck(paths: string[], flags: CheckFlags, tool: RunHeader["tool"]): Promise<number> {
  const cwd = process.cwd();
  const { rules: fileRules } = await import("../../rules/index.js");
  // the cross-document rules take --rule and the config's "rules" like the others (gouji rules lists them all)
  const rules = [...fileRules, ...CROSS_RULES.map((r) => ({ id: r.id, name: r.name, description: r.description, severity: "error" as const }))];
  const roots = await inputRoots(paths, cwd);
  const settings = await resolveSettings(flags, rules, cwd, roots);
  if (flags.printConfig) {
    process.stdout.write(`${JSON.stringify(printableSettings(settings, rules), null, 2)}\n`);
    return EXIT_OK;
  }
  if (paths.length === 0) throw new UsageError("缺少要检查的文件、文件夹或通配符，如 gouji check reports/");

  let baseline: BaselineFilter | undefined;
  if (flags.baseline) {
    let text: string;
    try {
      text = await readFile(flags.baseline, "utf8");
    } catch {
      throw new UsageError(`找不到基线文件 ${flags.baseline}（先用 --write-baseline ${flags.baseline} 生成）`);
    }
    const parsed = parseBaseline(text, flags.baseline);
    if (!parsed.ok) throw new UsageError(parsed.message);
    baseline = new BaselineFilter(parsed.baseline);
  }

  const { files: found, missing, skipped: skippedFound } = await collectFiles(paths, { cwd, ignore: settings.ignore });
  if (missing.length) throw new UsageError(`找不到：${missing.join("、")}`);
  const outputAbs = flags.output ? resolve(cwd, flags.output) : undefined;
  const all = found.filter((f) => resolve(cwd, f) !== outputAbs).map((f) => displayPath(f, cwd));
  const skipped = skippedFound.filter((s) => resolve(cwd, s.path) !== outputAbs).map((s) => ({ ...s, path: displayPath(s.path, cwd) }));
  if (all.length === 0) {
    const why = skipped.length ? `（跳过了 ${skipped.length} 个不支持或被忽略的文件）` : "";
    throw new UsageError(`在 ${paths.join("、")} 中没有找到要检查的 .txt / .docx / .pdf / .html 文件${why}`);
  }
  const files = settings.shard ? shardFiles(all, settings.shard.index, settings.shard.count) : all;

  let out;
  try {
    out = await openOutput(flags.output);
  } catch (e) {
    throw new UsageError(`无法写入 ${flags.output}：${(e as Error).message}`);
  }
  if (settings.format === "xlsx" && out.isTTY) {
    await out.close().catch(() => undefined);
    throw new UsageError("xlsx 是二进制文件，请用 -o 指定输出文件（如 -o 勾稽问题.xlsx）");
  }
  const header: RunHeader = { tool, rules: settings.activeRules, skipped };
  const color = flags.color && out.isTTY && !process.env.NO_COLOR;
  const links = outputAbs ? { outputDir: dirname(outputAbs), cwd } : { cwd };
  const stream = await createStream(settings.format, header, { color, links });
  // the triage goes to the terminal when the report itself does not end with it there (-o, or another format)
  const triage = new Triage();
  const showTriage = !!flags.output || (process.stderr.isTTY === true && (settings.format !== "text" || !out.isTTY));
  const progress = createProgress(files.length, process.stderr, flags.progress && process.stderr.isTTY === true);
  // output on the same terminal as the bar: clear the bar, write, draw it again
  const write = async (chunk: string) => {
    if (!chunk) return;
    if (out.isTTY) progress.clear();
    await out.write(chunk);
    if (out.isTTY) progress.redraw();
  };

  const summary = emptySummary();
  summary.skipped = skipped.length;
  const recorded: BaselineEntry[] = [];
  // the cross-document pass needs every file's record; they are small (identity, facts) and kept until the end
  const records: { path: string; record: CrossRecord }[] = [];
  const keepFacts = flags.facts === true && settings.format === "json";
  const recordedLevels = { error: 0, warning: 0, info: 0 };
  const failRank = settings.failOn === "never" ? Infinity : severityRank(settings.failOn);
  let failing = false;
  let freshFindings = 0;
  try {
    await write(stream.begin());
    const results = runPool(files, {
      jobs: settings.jobs,
      timeoutMs: settings.timeoutMs,
      settings: settings.rules,
      ...(settings.pdfEngine ? { pdfEngine: settings.pdfEngine } : {}),
      preloadPdfium: (settings.pdfEngine ?? process.env.GOUJI_PDF_ENGINE) !== "pdfjs" && files.some((f) => /\.pdf$/i.test(f)),
      isHeavy: isHeavyFile(heavyThreshold(settings.pdfEngine)),
      onStart: (_i, path) => progress.start(path),
    });
    for await (const full of results) {
      progress.done();
      const input = crossInputOf(full);
      if (input) records.push(input);
      const raw = keepFacts ? full : withoutCross(full);
      if (flags.writeBaseline) {
        recorded.push(...baselineEntries(raw));
        for (const x of raw.findings) recordedLevels[x.severity]++;
      }
      const fresh = baseline ? baseline.apply(raw) : raw;
      freshFindings += fresh.findings.length;
      // a file that could not be read counts as an error (OUTPUT.md), unless the baseline knows it fails;
      // --fail-on never lets the run pass all the same
      const failedCounts = fresh.status === "failed" && !baseline?.isKnownFailure(fresh);
      if (fresh.findings.some((x) => severityRank(x.severity) >= failRank) || (failedCounts && severityRank("error") >= failRank)) failing = true;
      const shown = filterFileByLevel(fresh, settings.minLevel);
      addToSummary(summary, shown, fresh);
      triage.add(shown);
      await write(stream.file(shown));
    }
    // cross-document findings take part in baselines as findings of the report they belong to
    let cross: ReturnType<typeof crossForRun>;
    try {
      cross = crossForRun(records, settings.minLevel, settings.rules, (f) => {
        const asFile: FileResult = { path: f.path, format: "txt", status: "ok", findings: [asFileFinding(f)] };
        if (flags.writeBaseline) {
          recorded.push(...baselineEntries(asFile));
          recordedLevels[f.severity]++;
        }
        return !baseline || baseline.apply(asFile).findings.length > 0;
      });
    } catch (e) {
      // a bug of the cross-document pass costs the run that section, said on stderr, not the files' results
      process.stderr.write(`gouji: 跨文件核对未能完成（${(e as Error)?.message ?? String(e)}），各文件的结果不受影响\n`);
    }
    if (cross) {
      summary.crossDocument = cross.counts;
      if (cross.result.findings.some((x) => severityRank(x.severity) >= failRank)) failing = true;
    }
    if (isBinary(stream)) await out.write(await stream.finish(summary, cross?.result));
    else await write(stream.end(summary, cross?.result));
  } catch (e) {
    if (!(e instanceof OutputClosed)) throw e;
    return failing ? EXIT_FINDINGS : EXIT_OK;
  } finally {
    progress.finish();
    await out.close().catch(() => undefined);
  }

  if (showTriage) {
    const skipped = (summary as typeof summary & { skipped?: number }).skipped;
    process.stderr.write(triageText(triage, { ...(skipped ? { skipped } : {}), ...(summary.crossDocument ? { cross: summary.crossDocument } : {}), ...(summary.hidden ? { hidden: summary.hidden } : {}) }));
    if (flags.output) process.stderr.write(`gouji: 结果已写入 ${flags.output}\n`);
  }
  if (baseline && flags.baseline) {
    const known = baseline.knownFailures ? `和 ${baseline.knownFailures} 个已知无法读取的文件` : "";
    process.stderr.write(`gouji: 基线 ${flags.baseline} 隐藏了 ${baseline.suppressed} 条已知问题${known}；新问题 ${freshFindings} 条\n`);
    if (baseline.namesNoneOf(files)) {
      process.stderr.write("gouji: 基线记录的文件与本次检查的文件路径无一相同：基线按写入时的当前文件夹记录相对路径，请在写入基线的同一文件夹运行\n");
    }
  }
  if (flags.writeBaseline) {
    try {
      await writeFile(flags.writeBaseline, formatBaseline(makeBaseline(recorded)));
    } catch (e) {
      throw new UsageError(`无法写入基线文件 ${flags.writeBaseline}：${(e as Error).message}`);
    }
    process.stderr.write(`gouji: ${describeRecorded(recorded, recordedLevels)}，已写入基线 ${flags.writeBaseline}\n`);
    // writing a baseline accepts every current finding and every file that could not be read
    return EXIT_OK;
  }
  return failing ? EXIT_FINDINGS : EXIT_OK;
}

/** "记录了 3 个文件的 12 条问题（错误 2、警告 1、提示 9）和 1 个无法读取的文件" */
function describeRecorded(entries: BaselineEntry[], levels: Record<"error" | "warning" | "info", number>): string {
  const failed = entries.filter((e) => e.ruleId === FAILED_FILE_RULE);
  const findings = entries.filter((e) => e.ruleId !== FAILED_FILE_RULE);
  const files = new Set(findings.map((e) => e.path)).size;
  const failedPart = failed.length ? `和 ${failed.length} 个无法读取的文件` : "";
  const byLevel = findings.length ? `（错误 ${levels.error}、警告 ${levels.warning}、提示 ${levels.info}）` : "";
  return `记录了 ${files} 个文件的 ${findings.length} 条问题${byLevel}${failedPart}`;
}
