/**
 * Every format is written as a stream: a beginning, one piece per file (in the order of the run), an end with the
 * summary. `gouji check` writes each piece as soon as the files before it are done, so memory stays flat on
 * thousands of files; `renderRun` joins the pieces for a run held in memory (tests, `gouji merge`).
 */
import type { FileResult } from "../../runner.js";
import type { RunHeader, RunResult, Summary } from "../result.js";
import type { CrossDocumentResult } from "../../cross/check.js";

export interface StreamFormatter {
  begin(): string;
  file(f: FileResult): string;
  /** `cross`: the cross-document pass over the whole run, known only once every file is done */
  end(summary: Summary, cross?: CrossDocumentResult): string;
}

export function renderRun(stream: StreamFormatter, run: RunResult): string {
  let out = stream.begin();
  for (const f of run.files) out += stream.file(f);
  return out + stream.end(run.summary, run.crossDocument);
}

export type { RunHeader };
