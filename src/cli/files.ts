import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

/** Extensions gouji reads, plus legacy ones it recognises to say "save as .docx". */
export const DOCUMENT_EXTENSIONS = [".txt", ".docx", ".pdf", ".doc", ".wps"];

/** Expands files and folders (recursively) into a sorted, de-duplicated list of document paths. */
export async function collectFiles(inputs: string[]): Promise<{ files: string[]; missing: string[] }> {
  const files = new Set<string>();
  const missing: string[] = [];
  for (const input of inputs) {
    let st;
    try {
      st = await stat(input);
    } catch {
      missing.push(input);
      continue;
    }
    if (st.isDirectory()) for (const f of await walk(input)) files.add(f);
    else files.add(input);
  }
  return { files: [...files].sort(), missing };
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (DOCUMENT_EXTENSIONS.some((x) => e.name.toLowerCase().endsWith(x))) out.push(p);
  }
  return out;
}
