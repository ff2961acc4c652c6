/** Every output format by name, each as a stream (see stream.ts). */
import type { RunHeader, RunResult } from "../result.js";
import type { Format } from "../../config/schema.js";
import { renderRun, type StreamFormatter } from "./stream.js";
import type { LinkBase } from "../links.js";
import type { BinaryStreamFormatter } from "./xlsx.js";

export interface FormatOptions {
  /** ANSI colour (text only) */
  color?: boolean;
  /** where the report is written, so that html and xlsx link to the checked files relative to it */
  links?: LinkBase;
}

export type { BinaryStreamFormatter };

/** A binary format (xlsx) writes nothing as it goes and its bytes at the end (`finish`). */
export function isBinary(s: StreamFormatter): s is BinaryStreamFormatter {
  return typeof (s as Partial<BinaryStreamFormatter>).finish === "function";
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
      return (await import("./html.js")).htmlStream(header, opts.links);
    case "xlsx":
      return (await import("./xlsx.js")).xlsxStream(header, opts.links);
    default:
      return (await import("./text.js")).textStream(header, { color: opts.color ?? false });
  }
}

/** A whole run in one string (tests, `gouji merge`); a binary format's bytes with formatRunBytes. */
export async function formatRun(format: Format, run: RunResult, opts: FormatOptions = {}): Promise<string> {
  return renderRun(await createStream(format, run, opts), run);
}

/** A whole run as bytes: the text formats UTF-8 encoded, xlsx as its workbook. */
export async function formatRunBytes(format: Format, run: RunResult, opts: FormatOptions = {}): Promise<Uint8Array> {
  const stream = await createStream(format, run, opts);
  if (!isBinary(stream)) return new TextEncoder().encode(renderRun(stream, run));
  stream.begin();
  for (const f of run.files) stream.file(f);
  return stream.finish(run.summary, run.crossDocument);
}
