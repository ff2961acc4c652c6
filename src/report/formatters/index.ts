/** Every output format by name, each as a stream (see stream.ts). */
import type { RunHeader, RunResult } from "../result.js";
import type { Format } from "../../config/schema.js";
import { renderRun, type StreamFormatter } from "./stream.js";

export interface FormatOptions {
  /** ANSI colour (text only) */
  color?: boolean;
}

export async function createStream(format: Format, header: RunHeader, opts: FormatOptions = {}): Promise<StreamFormatter> {
  switch (format) {
    case "json":
      return (await import("./json.js")).jsonStream(header);
    case "sarif":
      return (await import("./sarif.js")).sarifStream(header);
    case "junit":
      return (await import("./junit.js")).junitStream(header);
    case "csv":
      return (await import("./csv.js")).csvStream(header);
    case "html":
      return (await import("./html.js")).htmlStream(header);
    default:
      return (await import("./text.js")).textStream(header, { color: opts.color ?? false });
  }
}

/** A whole run in one string (tests, `gouji merge`). */
export async function formatRun(format: Format, run: RunResult, opts: FormatOptions = {}): Promise<string> {
  return renderRun(await createStream(format, run, opts), run);
}
