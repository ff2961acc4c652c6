/**
 * Turns what the user typed (files, folders, globs) into one sorted list of documents, minus what the excludes
 * (`--ignore`, the config's `ignore`, `.goujiignore`, all in .gitignore syntax) leave out.
 */
import { readdir, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import { comparePaths } from "../report/paths.js";

/** Extensions gouji reads, plus legacy ones it recognises to say "save as .docx". */
export const DOCUMENT_EXTENSIONS = [".txt", ".docx", ".pdf", ".doc", ".wps"];

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

function isDocument(name: string): boolean {
  const lower = name.toLowerCase();
  return DOCUMENT_EXTENSIONS.some((x) => lower.endsWith(x));
}

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
 * Expands files, folders (recursively) and globs into a sorted, de-duplicated list of document paths.
 * `missing` lists inputs that are neither an existing path nor a glob matching anything.
 */
export async function collectFiles(inputs: string[], opts: CollectOptions = {}): Promise<{ files: string[]; missing: string[] }> {
  const cwd = opts.cwd ?? process.cwd();
  const ignored = ignoreMatcher(opts.ignore ?? [], cwd);
  const files = new Set<string>();
  const missing: string[] = [];
  for (const input of inputs) {
    let st;
    try {
      st = await stat(resolve(cwd, input));
    } catch {
      st = undefined;
    }
    if (st?.isDirectory()) {
      for (const f of await walk(input, cwd, ignored)) files.add(f);
    } else if (st) {
      if (!ignored(input, false)) files.add(input);
    } else if (GLOB_CHARS.test(input)) {
      const found = await expandGlob(input, cwd);
      if (found.length === 0) missing.push(input);
      for (const f of found) if (!ignored(f, false)) files.add(f);
    } else {
      missing.push(input);
    }
  }
  return { files: [...files].sort(comparePaths), missing };
}

async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const { glob } = await import("tinyglobby");
  const posix = pattern.split(sep).join("/");
  const found = await glob(posix, { cwd, onlyFiles: true, dot: false, ignore: ["**/node_modules/**"], expandDirectories: false });
  // keep the user's own spelling: relative globs give relative paths, absolute ones absolute paths
  return found
    .filter((f) => isDocument(f))
    .map((f) => (isAbsolute(pattern) ? resolve(cwd, f) : f.split("/").join(sep)));
}

async function walk(dir: string, cwd: string, ignored: (path: string, isDir: boolean) => boolean): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(resolve(cwd, dir), { withFileTypes: true });
  for (const e of entries.sort((a, b) => comparePaths(a.name, b.name))) {
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!ignored(p, true)) out.push(...(await walk(p, cwd, ignored)));
    } else if (isDocument(e.name) && !ignored(p, false)) {
      out.push(p);
    }
  }
  return out;
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
