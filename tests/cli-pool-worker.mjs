// A stand-in worker for tests/cli-pool.test.ts: hangs in a synchronous loop on "hang*" files (as a stuck parser
// would), exits on "crash*" files, runs out of memory on "oom*" files when its heap is under 200 MB, answers the
// others after a short, varying delay.
import { parentPort } from "node:worker_threads";
import { getHeapStatistics } from "node:v8";
parentPort.postMessage({ type: "ready" });
parentPort.on("message", (task) => {
  const name = task.path.split("/").pop();
  if (name.startsWith("hang")) for (;;);
  if (name.startsWith("crash")) process.exit(3);
  const heapMb = Math.round(getHeapStatistics().heap_size_limit / 2 ** 20);
  if (name.startsWith("oom") && heapMb < 200) {
    const keep = [];
    for (;;) keep.push(new Array(1e5).fill(keep.length));
  }
  // "big*" files take longer (longer than a second worker takes to start on a busy machine, or the light files cannot
  // run beside the first one); every result says when it ran (in `kind`) so the test can see what overlapped
  const delay = name.startsWith("big") ? 600 : (name.charCodeAt(0) * 7) % 40;
  const start = Date.now();
  setTimeout(() => {
    const kind = JSON.stringify({ start, end: Date.now(), heapMb });
    parentPort.postMessage({ type: "result", id: task.id, result: { path: task.path, format: "txt", status: "ok", findings: [], kind } });
  }, delay);
});
