import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // compiles src/ and rules/ to dist/ once per run, so CLI tests never run a stale build (tests/support/build.ts)
    globalSetup: ["tests/support/build.ts"],
  },
});
