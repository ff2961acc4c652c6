/** Links from a report (HTML, workbook) to the files it checked, relative to where the report is written. */
import { isAbsolute, relative, resolve, sep } from "node:path";

export interface LinkBase {
  /** the folder the report is written to (absolute); undefined: the working folder */
  outputDir?: string;
  /** the working folder the checked paths are relative to (absolute) */
  cwd?: string;
}

/**
 * The path of a checked file as seen from the report's folder, with forward slashes ("../2024/财政局.pdf"); an
 * absolute path stays absolute. Not URL-encoded (see fileUrl).
 */
export function fileLink(path: string, base: LinkBase = {}): string {
  if (!base.outputDir) return path.split(sep).join("/");
  const abs = resolve(base.cwd ?? process.cwd(), path);
  const rel = relative(base.outputDir, abs);
  return (rel && !isAbsolute(rel) ? rel : abs).split(sep).join("/");
}

/** The same as a URL reference for an href: each segment percent-encoded, absolute paths as file:// URLs. */
export function fileUrl(path: string, base: LinkBase = {}): string {
  const link = fileLink(path, base);
  const encoded = link.split("/").map((s) => encodeURIComponent(s)).join("/");
  return link.startsWith("/") ? `file://${encoded}` : encoded;
}
