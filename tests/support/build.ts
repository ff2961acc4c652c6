/**
 * vitest globalSetup: compiles the current source to dist/ (`tsc -p tsconfig.json`, incremental) before any test
 * runs. The CLI tests start `node bin/gouji.js`, which runs dist/: without this they would test whatever build
 * happened to be lying there. A compile error stops the run with tsc's own messages.
 */
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  try {
    execFileSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: root, stdio: "pipe", encoding: "utf8" });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    throw new Error(`tsc -p tsconfig.json failed; the CLI tests need a build of the current source:\n${err.stdout ?? ""}${err.stderr ?? ""}`);
  }
}
