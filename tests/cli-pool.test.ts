/**
 * The worker pool on its own, with a stand-in worker: results come back in file order whatever order the workers
 * finish in; a worker stuck in a synchronous loop is terminated at the time limit and its file marked "timeout";
 * a worker that dies marks its file failed; the rest of the files are still checked.
 */
import { describe, expect, it } from "vitest";
import { runPool } from "../src/cli/pool.js";
import type { FileResult } from "../src/runner.js";

const workerUrl = new URL("./cli-pool-worker.mjs", import.meta.url);

async function all(files: string[], jobs: number, timeoutMs = 400, isHeavy?: (p: string) => boolean, heap?: { heapMb: number; retryHeapMb: number }): Promise<FileResult[]> {
  const out: FileResult[] = [];
  for await (const r of runPool(files, { jobs, timeoutMs, workerUrl, ...(isHeavy ? { isHeavy } : {}), ...heap })) out.push(r);
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

  it("runs one heavy file at a time while the other workers take the files after it", async () => {
    const files = ["big1.pdf", "big2.pdf", "a.txt", "b.txt", "big3.pdf", "c.txt", "d.txt", "e.txt"];
    const results = await all(files, 2, 2000, (p) => p.startsWith("big"));
    expect(results.map((r) => r.path)).toEqual(files);
    const span = (r: FileResult) => JSON.parse(r.kind!) as { start: number; end: number };
    const heavy = results.filter((r) => r.path.startsWith("big")).map(span);
    for (const [i, a] of heavy.entries()) for (const b of heavy.slice(i + 1)) expect(a.end <= b.start || b.end <= a.start).toBe(true);
    // while big1 ran, light files ran beside it
    const big1 = span(results[0]!);
    expect(results.filter((r) => !r.path.startsWith("big")).some((r) => span(r).start < big1.end)).toBe(true);
  }, 20_000);

  it("retries a file that ran out of memory once, alone, in a worker with a larger heap", async () => {
    const files = ["a.txt", "oom1.txt", "b.txt", "c.txt", "d.txt"];
    const results = await all(files, 2, 5000, undefined, { heapMb: 64, retryHeapMb: 256 });
    expect(results.map((r) => r.path)).toEqual(files);
    expect(results.map((r) => r.status)).toEqual(["ok", "ok", "ok", "ok", "ok"]);
    const heapOf = (r: FileResult) => (JSON.parse(r.kind!) as { heapMb: number }).heapMb;
    expect(heapOf(results[1]!)).toBeGreaterThanOrEqual(256);
    // the large worker is not kept: the files after it ran with the normal heap
    for (const r of [results[0]!, ...results.slice(2)]) expect(heapOf(r)).toBeLessThan(200);
  });

  it("marks the file failed with out-of-memory when the larger heap is not enough either", async () => {
    const results = await all(["a.txt", "oom1.txt", "b.txt"], 1, 5000, undefined, { heapMb: 64, retryHeapMb: 96 });
    expect(results.map((r) => r.status)).toEqual(["ok", "failed", "ok"]);
    expect(results[1]!.error).toMatchObject({ code: "out-of-memory" });
    expect(results[1]!.error!.message).toMatch(/96 MB/);
  });

  it("does nothing for an empty list", async () => {
    expect(await all([], 4)).toEqual([]);
  });
});
