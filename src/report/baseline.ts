/**
 * Baselines: `--write-baseline FILE` records the findings of a run; `--baseline FILE` then reports only findings
 * that are not in it. Matching is by fingerprint (see fingerprint.ts) and counts occurrences, so a second, new
 * finding with the same fingerprint as a recorded one is still reported. Pure: reading and writing is the CLI's.
 */
import { parseJsonText } from "./json-text.js";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type { z as Zod } from "zod";
import type { FileResult } from "../runner.js";
import { comparePaths } from "./paths.js";
import { fingerprint, fingerprintPath } from "./fingerprint.js";

/** A baseline file: every finding of the recorded run as fingerprint, path (as fingerprinted), rule id, message. */
export interface Baseline {
  schemaVersion: 1;
  tool: "gouji";
  findings: BaselineEntry[];
}
export interface BaselineEntry {
  fingerprint: string;
  path: string;
  ruleId: string;
  message: string;
}

/**
 * The zod schema of a baseline file, built the first time one is read: zod (95 modules, its CommonJS build required
 * synchronously) is not loaded by a `gouji check` that reads no baseline.
 */
function baselineSchema() {
  const { z } = createRequire(import.meta.url)("zod") as { z: typeof Zod };
  return z.object({
    schemaVersion: z.literal(1),
    tool: z.literal("gouji"),
    findings: z.array(z.object({ fingerprint: z.string(), path: z.string(), ruleId: z.string(), message: z.string() })),
  });
}

/** The rule id a baseline records for a file that could not be read (its message is the file's error). */
export const FAILED_FILE_RULE = "file-failed";

/** A failed file's fingerprint: its path and the error's code (a file that fails for another reason is new). */
export function failedFingerprint(file: FileResult): string {
  return createHash("sha256").update(JSON.stringify([FAILED_FILE_RULE, fingerprintPath(file.path), file.error?.code ?? ""])).digest("hex").slice(0, 32);
}

/**
 * Entries for one file: all its findings, whatever their level (so changing --min-level later does not matter), or,
 * for a file that could not be read, one entry for the failure, so a baseline can accept a known unreadable file.
 */
export function baselineEntries(file: FileResult): BaselineEntry[] {
  if (file.status === "failed") {
    return [{ fingerprint: failedFingerprint(file), path: fingerprintPath(file.path), ruleId: FAILED_FILE_RULE, message: `[${file.error?.code ?? "failed"}] ${file.error?.message ?? ""}` }];
  }
  return file.findings.map((f) => ({ fingerprint: fingerprint(f, file.path), path: fingerprintPath(file.path), ruleId: f.ruleId, message: f.message }));
}

export function makeBaseline(entries: BaselineEntry[]): Baseline {
  const sorted = [...entries].sort((a, b) => comparePaths(a.path, b.path) || comparePaths(a.fingerprint, b.fingerprint));
  return { schemaVersion: 1, tool: "gouji", findings: sorted };
}

export function formatBaseline(b: Baseline): string {
  return `${JSON.stringify(b, null, 2)}\n`;
}

export function parseBaseline(text: string, source: string): { ok: true; baseline: Baseline } | { ok: false; message: string } {
  const read = parseJsonText(text);
  if (!read.ok) return { ok: false, message: `基线文件 ${source} 不是合法的 JSON：${read.problem}` };
  const json: unknown = read.value;
  const parsed = baselineSchema().safeParse(json);
  if (!parsed.success) return { ok: false, message: `${source} 不是 gouji 基线文件（用 --write-baseline 生成）` };
  return { ok: true, baseline: parsed.data };
}

/** Removes the findings a baseline already knows, file by file (so it works on a stream of results). */
export class BaselineFilter {
  private readonly remaining = new Map<string, number>();
  /** findings removed so far */
  suppressed = 0;
  /** failed files the baseline knows (they are still listed, but do not fail the run) */
  knownFailures = 0;

  /** the files the baseline records, as fingerprintPath spells them */
  private readonly paths = new Set<string>();

  constructor(baseline: Baseline) {
    for (const e of baseline.findings) {
      this.remaining.set(e.fingerprint, (this.remaining.get(e.fingerprint) ?? 0) + 1);
      this.paths.add(e.path);
    }
  }

  /**
   * Whether the baseline records findings but none of `checked` (paths as the run spells them) among its files: a
   * baseline written from another folder, whose relative paths name other files from here.
   */
  namesNoneOf(checked: readonly string[]): boolean {
    return this.paths.size > 0 && !checked.some((p) => this.paths.has(fingerprintPath(p)));
  }

  /** Whether the baseline recorded this file as failing with the same code (counted once per file). */
  isKnownFailure(file: FileResult): boolean {
    if (file.status !== "failed") return false;
    const fp = failedFingerprint(file);
    const n = this.remaining.get(fp) ?? 0;
    if (n === 0) return false;
    this.remaining.set(fp, n - 1);
    this.knownFailures++;
    return true;
  }

  apply(file: FileResult): FileResult {
    if (file.findings.length === 0) return file;
    const findings = file.findings.filter((f) => {
      const fp = fingerprint(f, file.path);
      const n = this.remaining.get(fp) ?? 0;
      if (n === 0) return true;
      this.remaining.set(fp, n - 1);
      this.suppressed++;
      return false;
    });
    return { ...file, findings };
  }
}
