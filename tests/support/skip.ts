/**
 * A test that needs an input outside the repository (the shared real documents, Chromium) is skipped when the input
 * is missing, and says so in its own name, so the skip shows in every reporter and is never silent.
 */
import { existsSync } from "node:fs";

export interface Needs {
  /** true when the input is missing and the test must be skipped */
  skip: boolean;
  /** the test's name, with "(skipped: … missing)" appended when it is skipped */
  name(title: string): string;
}

/** `needs(path, "../shared/samples")`: skip, and why, when `path` does not exist. */
export function needs(path: string, what: string): Needs {
  const skip = !existsSync(path);
  return { skip, name: (title) => (skip ? `${title} (skipped: ${what} is missing)` : title) };
}
