/** The tests are TypeScript too: `tsc -p tsconfig.test.json` type-checks them with the source (no emit). */
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

describe("types", () => {
  it("src, rules and tests compile without a type error (tsconfig.test.json)", async () => {
    const root = fileURLToPath(new URL("..", import.meta.url));
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    const out = await new Promise<string>((resolve) => {
      execFile(process.execPath, [tsc, "-p", "tsconfig.test.json"], { cwd: root, encoding: "utf8" }, (_err, stdout, stderr) => resolve(`${stdout}${stderr}`));
    });
    expect(out).toBe("");
  }, 180_000);
});
