/**
 * A worker thread of the pool: imports the compiled runner once, then checks one file per message. It reports
 * "ready" only after the import, so the pool's per-file clock does not count start-up. Memory is left to V8 within
 * the heap limit the pool gives the thread (see pool.ts for why nothing here forces a collection).
 */
import { parentPort } from "node:worker_threads";
import type { RunOptions } from "../runner.js";
import type { WorkerReply, WorkerTask } from "./pool.js";

const port = parentPort;
if (!port) throw new Error("worker.js must run as a worker thread");

const { checkFile } = await import("../runner.js");
port.postMessage({ type: "ready" } satisfies WorkerReply);

port.on("message", async (task: WorkerTask) => {
  const opts: RunOptions = { timeoutMs: task.timeoutMs };
  if (task.settings) opts.settings = task.settings;
  const result = await checkFile(task.path, opts);
  port.postMessage({ type: "result", id: task.id, result } satisfies WorkerReply);
});
