/**
 * A worker thread of the pool: imports the compiled runner once, then checks one file per message. It reports
 * "ready" only after the import, so the pool's per-file clock does not count start-up.
 */
import { parentPort } from "node:worker_threads";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { RunOptions } from "../runner.js";
import type { WorkerReply, WorkerTask } from "./pool.js";

const port = parentPort;
if (!port) throw new Error("worker.js must run as a worker thread");

const { checkFile } = await import("../runner.js");

// After a file that left a large heap behind (a big PDF), collect at once instead of letting V8 take its time:
// otherwise two workers can each hold the garbage of a big file while starting the next one.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const COLLECT_ABOVE = 96 * 1024 * 1024;
port.postMessage({ type: "ready" } satisfies WorkerReply);

port.on("message", async (task: WorkerTask) => {
  const opts: RunOptions = { timeoutMs: task.timeoutMs };
  if (task.settings) opts.settings = task.settings;
  const result = await checkFile(task.path, opts);
  port.postMessage({ type: "result", id: task.id, result } satisfies WorkerReply);
  if (process.memoryUsage().heapUsed > COLLECT_ABOVE) gc();
});
