/**
 * `gouji check`: collect the files, check them in a worker pool, and stream the results in file order to the
 * chosen format. Only counters and the current file's result are held in memory.
 */
import { statSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { collectFiles, parseShard, shardFiles } from "./files.js";
import { resolveSettings, type CheckFlags } from "./settings.js";
import { openOutput, OutputClosed } from "./output.js";
import { createProgress } from "./progress.js";
import { runPool } from "./pool.js";
import { EXIT_FINDINGS, EXIT_OK, UsageError } from "./errors.js";
import { addToSummary, emptySummary, filterFileByLevel, type RunHeader } from "../report/result.js";
import { createStream } from "../report/formatters/index.js";
import { BaselineFilter, baselineEntries, formatBaseline, makeBaseline, parseBaseline, type BaselineEntry } from "../report/baseline.js";
import { severityRank } from "../engine/finding.js";

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

/** Absolute paths inside the working folder are shown (and fingerprinted) relative to it. */
function displayPath(path: string, cwd: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

export async function runCheck(paths: string[], flags: CheckFlags, tool: RunHeader["tool"]): Promise<number> {
  const cwd = process.cwd();
  const { rules } = await import("../../rules/index.js");
  const settings = await resolveSettings(flags, rules, cwd);

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
  const shard = flags.shard !== undefined ? parseShard(flags.shard) : undefined;
  if (shard && !shard.ok) throw new UsageError(shard.message);

  const { files: found, missing } = await collectFiles(paths, { cwd, ignore: settings.ignore });
  if (missing.length) throw new UsageError(`找不到：${missing.join("、")}`);
  const outputAbs = flags.output ? resolve(cwd, flags.output) : undefined;
  const all = found.filter((f) => resolve(cwd, f) !== outputAbs).map((f) => displayPath(f, cwd));
  if (all.length === 0) throw new UsageError(`在 ${paths.join("、")} 中没有找到要检查的 .txt / .docx / .pdf 文件（或都被忽略了）`);
  const files = shard?.ok ? shardFiles(all, shard.index, shard.count) : all;

  let out;
  try {
    out = await openOutput(flags.output);
  } catch (e) {
    throw new UsageError(`无法写入 ${flags.output}：${(e as Error).message}`);
  }
  const header: RunHeader = { tool, rules: settings.activeRules };
  const color = flags.color && out.isTTY && !process.env.NO_COLOR;
  const stream = await createStream(settings.format, header, { color });
  const progress = createProgress(files.length, process.stderr, flags.progress && process.stderr.isTTY === true);
  // output on the same terminal as the bar: clear the bar, write, draw it again
  const write = async (chunk: string) => {
    if (!chunk) return;
    if (out.isTTY) progress.clear();
    await out.write(chunk);
    if (out.isTTY) progress.redraw();
  };

  const summary = emptySummary();
  const recorded: BaselineEntry[] = [];
  const failRank = settings.failOn === "never" ? Infinity : severityRank(settings.failOn);
  let failing = false;
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
    for await (const raw of results) {
      progress.done();
      if (flags.writeBaseline) recorded.push(...baselineEntries(raw));
      const fresh = baseline ? baseline.apply(raw) : raw;
      // a file that could not be read counts as an error (OUTPUT.md): --fail-on never lets the run pass all the same
      if (fresh.findings.some((x) => severityRank(x.severity) >= failRank) || (fresh.status === "failed" && severityRank("error") >= failRank)) failing = true;
      const shown = filterFileByLevel(fresh, settings.minLevel);
      addToSummary(summary, shown);
      await write(stream.file(shown));
    }
    await write(stream.end(summary));
  } catch (e) {
    if (!(e instanceof OutputClosed)) throw e;
    return failing ? EXIT_FINDINGS : EXIT_OK;
  } finally {
    progress.finish();
    await out.close().catch(() => undefined);
  }

  if (flags.writeBaseline) {
    try {
      await writeFile(flags.writeBaseline, formatBaseline(makeBaseline(recorded)));
    } catch (e) {
      throw new UsageError(`无法写入基线文件 ${flags.writeBaseline}：${(e as Error).message}`);
    }
    process.stderr.write(`gouji: 已把 ${recorded.length} 条问题记录到基线 ${flags.writeBaseline}\n`);
  }
  // writing a baseline accepts every current finding
  if (flags.writeBaseline) return summary.failed > 0 ? EXIT_FINDINGS : EXIT_OK;
  return failing ? EXIT_FINDINGS : EXIT_OK;
}
