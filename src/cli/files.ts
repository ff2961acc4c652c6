/**
 * Turns what the user typed (files, folders, globs) into one sorted list of documents, minus what the excludes
 * (`--ignore`, the config's `ignore`, `.goujiignore`, all in .gitignore syntax) leave out. What a folder or a glob
 * holds that is not read is listed as skipped, with the reason, so nothing is left out silently.
 */
import { CONFIG_FILE } from "../config/load.js";
import { readdir, realpath, stat } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import { comparePaths } from "../report/paths.js";
import type { SkippedFile } from "../report/result.js";
import { DOCUMENT_EXTENSIONS, isDocumentPath } from "../parse/formats.js";

export { DOCUMENT_EXTENSIONS };

/**
 * A file a folder scan or a glob found and did not check: `unsupported-format` (not a format gouji reads: .xls,
 * .jpg …) or `ignored` (excluded by --ignore, the config or .goujiignore; a folder excluded whole ends with "/").
 * Hidden files and folders and node_modules are not listed.
 */
export type { SkippedFile };

/** A set of .gitignore-syntax patterns and the folder they are relative to. */
export interface IgnoreSource {
  dir: string;
  patterns: string[];
}

export interface CollectOptions {
  cwd?: string;
  ignore?: IgnoreSource[];
}

const GLOB_CHARS = /[*?[\]{}]/;

export { comparePaths };

const isDocument = isDocumentPath;

/** Compiles ignore sources into one predicate over paths (as typed or found; folders are tested with a trailing "/"). */
export function ignoreMatcher(sources: IgnoreSource[], cwd: string): (path: string, isDir: boolean) => boolean {
  const compiled: { dir: string; ig: Ignore }[] = sources
    .map((s) => ({ dir: resolve(s.dir), ig: ignore().add(s.patterns.filter((p) => p.trim() !== "")) }));
  if (compiled.length === 0) return () => false;
  return (path, isDir) => {
    const abs = resolve(cwd, path);
    for (const { dir, ig } of compiled) {
      const rel = relative(dir, abs);
      if (!rel || rel.startsWith("..") || isAbsolute(rel)) continue;
      const posix = rel.split(sep).join("/");
      if (ig.ignores(isDir ? `${posix}/` : posix)) return true;
    }
    return false;
  };
}

/**
 * The folders that patterns given on the command line are relative to, one per input: a folder itself, a file's
 * folder, a glob's fixed part ("reports/2024" of "reports/2024/**\/*.pdf"). Absolute, de-duplicated.
 */
export async function inputRoots(inputs: string[], cwd: string): Promise<string[]> {
  const roots = new Set<string>();
  for (const input of inputs) {
    const abs = resolve(cwd, input);
    let st;
    try {
      st = await stat(abs);
    } catch {
      st = undefined;
    }
    if (st?.isDirectory()) roots.add(abs);
    else if (st) roots.add(dirname(abs));
    else if (GLOB_CHARS.test(input)) {
      const fixed = input.split(/[\\/]/).findIndex((part) => GLOB_CHARS.test(part));
      roots.add(resolve(cwd, input.split(/[\\/]/).slice(0, fixed).join(sep) || "."));
    }
  }
  return [...roots];
}

/**
 * Expands files, folders (recursively) and globs into a sorted list of document paths, each file once even when it
 * is given twice under different spellings (`a.txt`, `./a.txt`, its absolute path, a link to it): the first spelling
 * is kept. `missing` lists inputs that are neither an existing path nor a glob matching anything; `skipped` what a
 * folder or glob held that is not checked, and files named explicitly that an exclude pattern matches.
 */
export async function collectFiles(inputs: string[], opts: CollectOptions = {}): Promise<{ files: string[]; missing: string[]; skipped: SkippedFile[] }> {
  const cwd = opts.cwd ?? process.cwd();
  const ignored = ignoreMatcher(opts.ignore ?? [], cwd);
  const files = new Map<string, string>();
  const skipped = new Map<string, SkippedFile>();
  const missing: string[] = [];
  const add = async (f: string) => {
    const real = await realpath(resolve(cwd, f)).catch(() => resolve(cwd, f));
    if (!files.has(real)) files.set(real, f);
  };
  const skip = (s: SkippedFile) => {
    if (!skipped.has(s.path)) skipped.set(s.path, s);
  };
  for (const input of inputs) {
    let st;
    try {
      st = await stat(resolve(cwd, input));
    } catch {
      st = undefined;
    }
    if (st?.isDirectory()) {
      const found = await walk(input, cwd, ignored);
      for (const f of found.files) await add(f);
      found.skipped.forEach(skip);
    } else if (st) {
      // a file named explicitly is checked whatever its extension (the parser refuses what it cannot read, as a
      // failed result with its reason), unless an exclude says otherwise
      if (ignored(input, false)) skip({ path: input, reason: "ignored" });
      else await add(input);
    } else if (GLOB_CHARS.test(input)) {
      const found = await expandGlob(input, cwd);
      if (found.length === 0) missing.push(input);
      for (const f of found) {
        if (ignored(f, false)) skip({ path: f, reason: "ignored" });
        else if (!isDocument(f)) skip({ path: f, reason: "unsupported-format" });
        else await add(f);
      }
    } else {
      missing.push(input);
    }
  }
  const paths = new Set(files.values());
  return {
    files: [...paths].sort(comparePaths),
    missing,
    skipped: [...skipped.values()].filter((s) => !paths.has(s.path)).sort((a, b) => comparePaths(a.path, b.path)),
  };
}

async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const { glob } = await import("tinyglobby");
  // glob from the pattern's literal folder ("../../reports" of "../../reports/**/*.pdf", "/data" of "/data/*.pdf"):
  // tinyglobby, asked from a folder inside the one a pattern climbs to, leaves out the files of that folder itself
  const parts = pattern.split(sep).join("/").split("/");
  let k = 0;
  while (k < parts.length - 1 && !GLOB_CHARS.test(parts[k]!)) k++;
  const base = parts.slice(0, k).join("/") || (parts[0] === "" ? "/" : "");
  const found = await glob(parts.slice(k).join("/"), { cwd: resolve(cwd, base || "."), onlyFiles: true, dot: false, ignore: ["**/node_modules/**"], expandDirectories: false });
  // hidden files and folders the glob reached are left out (not the folders the user named); the user's own spelling
  // is kept: relative globs give relative paths, absolute ones absolute paths
  return found
    .filter((f) => !f.split("/").some((part) => part.startsWith(".")))
    .map((f) => (base ? (base.endsWith("/") ? base + f : `${base}/${f}`) : f).split("/").join(sep));
}

async function walk(dir: string, cwd: string, ignored: (path: string, isDir: boolean) => boolean): Promise<{ files: string[]; skipped: SkippedFile[] }> {
  const files: string[] = [];
  const skipped: SkippedFile[] = [];
  const entries = await readdir(resolve(cwd, dir), { withFileTypes: true });
  for (const e of entries.sort((a, b) => comparePaths(a.name, b.name))) {
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (ignored(p, true)) skipped.push({ path: `${p}${sep}`, reason: "ignored" });
      else {
        const sub = await walk(p, cwd, ignored);
        files.push(...sub.files);
        skipped.push(...sub.skipped);
      }
    } else if (ignored(p, false)) {
      skipped.push({ path: p, reason: "ignored" });
    } else if (isDocument(e.name)) {
      files.push(p);
    } else if (e.name === CONFIG_FILE) {
      // gouji's own configuration (it has been read): no report, and no "skipped" line to wonder about
      continue;
    } else {
      skipped.push({ path: p, reason: "unsupported-format" });
    }
  }
  return { files, skipped };
}

/** `--shard i/n`: 1-based shard i of n takes the files at 0-based positions k with k mod n = i − 1. */
export function parseShard(spec: string): { ok: true; index: number; count: number } | { ok: false; message: string } {
  const m = /^(\d+)\/(\d+)$/.exec(spec.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    return { ok: false, message: `--shard 的格式应为 i/n（1 ≤ i ≤ n），如 --shard 1/4，收到 "${spec}"` };
  }
  return { ok: true, index, count };
}

export function shardFiles<T>(files: readonly T[], index: number, count: number): T[] {
  return files.filter((_, k) => k % count === index - 1);
}
