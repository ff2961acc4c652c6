/**
 * The worker pool on its own, with a stand-in worker: results come back in file order whatever order the workers
 * finish in; a worker stuck in a synchronous loop is terminated at the time limit and its file marked "timeout";
 * a worker that dies marks its file failed; the rest of the files are still checked.
 */
import { describe, expect, it } from "vitest";
import { runPool } from "../src/cli/pool.js";
import type { FileResult } from "../src/runner.js";

const workerUrl = new URL("./cli-pool-worker.mjs", import.meta.url);

async function all(files: string[], jobs: number, timeoutMs = 400): Promise<FileResult[]> {
  const out: FileResult[] = [];
  for await (const r of runPool(files, { jobs, timeoutMs, workerUrl })) out.push(r);
  return out;
}

describe("runPool", () => {
  it("yields results in the order of the file list", async () => {
    const files = Array.from({ length: 30 }, (_, i) => `dir/${String.fromCharCode(97 + (i % 26))}${i}.txt`);
    const results = await all(files, 3);
    expect(results.map((r) => r.path)).toEqual(files);
    expect(results.every((r) => r.status === "ok")).toBe(true);
  });

  it("terminates a hung worker, marks the file 'timeout' and goes on", async () => {
    const files = ["a1.txt", "hang1.txt", "b2.txt", "hang2.pdf", "c3.txt", "d4.txt"];
    const started = Date.now();
    const results = await all(files, 2, 300);
    expect(results.map((r) => r.path)).toEqual(files);
    expect(results.map((r) => r.status)).toEqual(["ok", "failed", "ok", "failed", "ok", "ok"]);
    expect(results[1]!.error?.code).toBe("timeout");
    expect(results[3]!).toMatchObject({ format: "pdf", error: { code: "timeout" } });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("marks the file of a worker that died as failed and replaces the worker", async () => {
    const results = await all(["a.txt", "crash.txt", "b.txt", "c.txt"], 1);
    expect(results.map((r) => r.status)).toEqual(["ok", "failed", "ok", "ok"]);
    expect(results[1]!.error?.code).toBe("internal-error");
  });

  it("does nothing for an empty list", async () => {
    expect(await all([], 4)).toEqual([]);
  });
});
