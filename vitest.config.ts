import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // compiles src/ and rules/ to dist/ once per run, so CLI tests never run a stale build (tests/support/build.ts)
    globalSetup: ["tests/support/build.ts"],
    // the project's machine has 2 cores shared with other work: a test that takes 2 s alone can take 10 under load
    testTimeout: 30_000,
  },
});
