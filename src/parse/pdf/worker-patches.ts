/**
 * Small fixes to pdfjs's worker bundle (the half of pdfjs that parses the file), applied when it is loaded. pdfjs
 * cannot be configured out of these; each fix replaces one exact piece of its code, keeps pdfjs's own behaviour for
 * files that are sound, and turns a runaway on a damaged file into an error pdfjs already handles.
 *
 * The patched bundle is written once per pdfjs version and patch set to the system's temporary folder and imported
 * from there (it is self-contained: no imports of its own). A patch whose code is not found (another pdfjs version) is skipped, and so is the whole mechanism when
 * the folder cannot be written: pdfjs then runs as shipped; tests/no-crash.test.ts checks that every patch applies.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface WorkerPatch {
  id: string;
  /** why, for the reader of this file */
  reason: string;
  find: string;
  replace: string;
}

export const WORKER_PATCHES: readonly WorkerPatch[] = [
  {
    id: "cff-dict-size",
    reason:
      "A CFF font's DICTs (Top, Private, Font DICTs) are a few hundred bytes. In a damaged font the INDEX offsets are " +
      "garbage and every one of up to 65,535 Font DICTs spans the rest of the font (megabytes): CFFParser.parseDict " +
      "then builds millions of operands per DICT, and one PDF with a flipped byte in a 4 MB embedded font ran for " +
      "minutes and out of memory. A DICT over 64 KB is refused as a FormatError, which pdfjs's Font constructor " +
      "catches: it falls back to a standard font, and the text still comes from the PDF's own ToUnicode map.",
    find: "  parseDict(dict) {\n    let pos = 0;\n",
    replace: '  parseDict(dict) {\n    if (dict.length > 65536) {\n      throw new FormatError("CFF DICT is too large (damaged font)");\n    }\n    let pos = 0;\n',
  },
  {
    id: "cid-width-range",
    reason:
      "A CID font's /W array gives widths for ranges of CIDs (\"11 9000 500\"). pdfjs fills one array slot per CID " +
      "of the range, trusting its end; a damaged number (\"11 1e308 500\") made it grow an array until V8 stopped the " +
      "whole process with a fatal error (\"invalid size error\"), which no try/catch, worker or pool survives. CIDs " +
      "are 16-bit: a range ends at 65535 at most.",
    find: "            for (let j = start; j <= code; j++) {\n              glyphsWidths[j] = width;\n            }",
    replace: "            for (let j = start, end = Math.min(code, 0xffff); j <= end; j++) {\n              glyphsWidths[j] = width;\n            }",
  },
  {
    id: "cid-vmetrics-range",
    reason: "The same for the vertical metrics of /W2.",
    find: "              for (let j = start; j <= code; j++) {\n                glyphsVMetrics[j] = vmetric;\n              }",
    replace: "              for (let j = start, end = Math.min(code, 0xffff); j <= end; j++) {\n                glyphsVMetrics[j] = vmetric;\n              }",
  },
];

export interface PatchedWorker {
  /** the file to import: the patched copy, or the original when no patch applies or it cannot be written */
  path: string;
  /** ids of the patches applied */
  applied: string[];
}

/** The worker bundle to import, with every patch whose code is found applied. Never throws. */
export function patchedWorker(original: string, version: string): PatchedWorker {
  try {
    let source = readFileSync(original, "utf8");
    const applied: string[] = [];
    for (const p of WORKER_PATCHES) {
      // exactly one occurrence, or the patch is not about the code it was written for
      const at = source.indexOf(p.find);
      if (at < 0 || source.indexOf(p.find, at + 1) >= 0) continue;
      source = source.slice(0, at) + p.replace + source.slice(at + p.find.length);
      applied.push(p.id);
    }
    if (!applied.length) return { path: original, applied };
    // the original's source map does not describe the patched code
    source = source.replace(/\/\/# sourceMappingURL=\S+\s*$/, "");
    const hash = createHash("sha256").update(source).digest("hex").slice(0, 12);
    // inside a node_modules folder, so that test runners load it as the dependency it is instead of transforming it
    const dir = join(tmpdir(), `gouji-pdfjs-${version}-${hash}`, "node_modules", "pdfjs-dist-worker");
    const path = join(dir, "pdf.worker.mjs");
    if (!existsSync(path)) {
      mkdirSync(dir, { recursive: true });
      // several workers may start at once: each writes its own file and renames it into place (atomic)
      const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
      writeFileSync(temp, source);
      renameSync(temp, path);
    }
    return { path, applied };
  } catch {
    return { path: original, applied: [] };
  }
}
