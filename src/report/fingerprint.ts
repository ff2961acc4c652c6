/**
 * A finding's fingerprint: stable when lines move, so a baseline keeps suppressing a known finding after text is
 * inserted above it. It hashes what the finding is about — the rule, the file, the cited numbers as printed with
 * their roles, and the snippet around it — and never a line, page, paragraph or table position.
 */
import { createHash } from "node:crypto";
import type { Finding } from "../engine/finding.js";

/** The file part of a fingerprint: forward slashes, no leading "./", so Windows and Unix runs agree. */
export function fingerprintPath(path: string): string {
  return path.replace(/\\/g, "/").replace(/^(\.\/)+/, "");
}

/** The snippet without its ellipses, whitespace squeezed. */
export function normaliseContext(snippet: string): string {
  return snippet.replace(/^…|…$/g, "").replace(/\s+/g, " ").trim();
}

export function fingerprint(finding: Finding, path: string): string {
  const material = JSON.stringify([
    finding.ruleId,
    fingerprintPath(path),
    finding.values.map((v) => [v.role, v.text, v.unit]),
    normaliseContext(finding.location.snippet ?? ""),
  ]);
  return createHash("sha256").update(material).digest("hex").slice(0, 32);
}
