/**
 * A worker thread of the pool: imports the compiled runner once, then checks one file per message. It reports
 * "ready" only after the import, so the pool's per-file clock does not count start-up. Memory is left to V8 within
 * the heap limit the pool gives the thread (see pool.ts for why nothing here forces a collection).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { RunOptions } from "../runner.js";
import type { WorkerReply, WorkerTask } from "./pool.js";
import { raisedInPdfjs } from "../parse/pdf/pdfjs.js";

const port = parentPort;
if (!port) throw new Error("worker.js must run as a worker thread");

// An unhandled rejection must not kill the worker (Node's default would, and the file in hand would end as
// internal-error): the file's result comes from the promises checkFile awaits, which a rejection nobody awaits cannot
// change. pdfjs's own stray rejections are expected on damaged PDFs (see pdfjs.ts) and pass silently; anything else
// is a bug of ours and is named on stderr.
process.on("unhandledRejection", (reason) => {
  if (raisedInPdfjs(reason)) return;
  const what = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
  process.stderr.write(`gouji: 工作线程中有未处理的异步错误（已忽略，检查继续）：${what}\n`);
});

// PDFium compiles on V8's background threads while this thread loads the runner; a failure here is met again, and
// handled, when a PDF is read
if ((workerData as { preloadPdfium?: boolean } | null)?.preloadPdfium) {
  void import("../parse/pdf/pdfium.js").then((m) => m.loadPdfium()).catch(() => undefined);
}
const { checkFile } = await import("../runner.js");
port.postMessage({ type: "ready" } satisfies WorkerReply);

port.on("message", async (task: WorkerTask) => {
  const opts: RunOptions = { timeoutMs: task.timeoutMs };
  if (task.settings) opts.settings = task.settings;
  if (task.pdfEngine) opts.pdfEngine = task.pdfEngine;
  const result = await checkFile(task.path, opts);
  port.postMessage({ type: "result", id: task.id, result } satisfies WorkerReply);
});
