/**
 * A pool of worker threads that check files in parallel and hand the results back **in the order of the file
 * list**, so output can be streamed deterministically. Each file has a time limit the pool enforces from outside:
 * a parse that hangs (even in a synchronous loop) gets its worker terminated, the file is marked failed with code
 * "timeout", and a fresh worker takes over the rest.
 */
import { Worker } from "node:worker_threads";
import type { FileResult } from "../runner.js";
import type { RuleSetting } from "../engine/engine.js";
import { formatOfPath } from "../report/result.js";

export interface WorkerTask {
  id: number;
  path: string;
  timeoutMs: number;
  settings?: Record<string, RuleSetting>;
}

export type WorkerReply = { type: "ready" } | { type: "result"; id: number; result: FileResult };

export interface PoolOptions {
  jobs: number;
  timeoutMs: number;
  settings?: Record<string, RuleSetting>;
  /** the worker script; defaults to the compiled worker.js next to this module (tests pass their own) */
  workerUrl?: URL;
  /** called when a worker starts on a file (for the progress bar) */
  onStart?: (index: number, path: string) => void;
  /** how far past the next file to hand out the worker may run, so a slow first file cannot pile up results */
  maxAhead?: number;
  /** old-generation heap limit of each worker in MB (default 512, or GOUJI_WORKER_HEAP_MB) */
  heapMb?: number;
  /**
   * Files that need a lot of memory (large PDFs hold a few hundred MB of pdfjs objects while they are read). At most
   * one runs at a time; meanwhile the other workers take the files after it, so they stay busy.
   */
  isHeavy?: (path: string) => boolean;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  dead: boolean;
  task?: { index: number; timer: NodeJS.Timeout; heavy: boolean };
}

/**
 * An explicit heap limit makes V8 collect before a worker's heap balloons: without one, two workers grew to 850 MB
 * of RSS over 100 files whose live data never passed 200 MB; with 512 MB they stayed under 500 MB, and faster.
 */
const DEFAULT_HEAP_MB = 512;
const YOUNG_GENERATION_MB = 32;

function workerHeapMb(): number {
  const mb = Number(process.env.GOUJI_WORKER_HEAP_MB);
  return Number.isFinite(mb) && mb >= 128 ? mb : DEFAULT_HEAP_MB;
}

export function timeoutResult(path: string, timeoutMs: number): FileResult {
  const seconds = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} 秒` : `${timeoutMs} 毫秒`;
  return {
    path,
    format: formatOfPath(path),
    status: "failed",
    error: { code: "timeout", message: `处理超时（超过 ${seconds}），已跳过该文件` },
    findings: [],
  };
}

function crashResult(path: string, why: string): FileResult {
  return { path, format: formatOfPath(path), status: "failed", error: { code: "internal-error", message: `检查该文件时工作线程异常退出：${why}` }, findings: [] };
}

/** Checks `files` with up to `jobs` workers; yields one result per file, in the order of `files`. */
export async function* runPool(files: readonly string[], opts: PoolOptions): AsyncGenerator<FileResult> {
  if (files.length === 0) return;
  const heapMb = opts.heapMb ?? workerHeapMb();
  const workerUrl = opts.workerUrl ?? new URL("./worker.js", import.meta.url);
  const size = Math.max(1, Math.min(opts.jobs, files.length));
  const maxAhead = opts.maxAhead ?? Math.max(64, size * 8);
  const done = new Map<number, FileResult>();
  const slots: Slot[] = [];
  let next = 0; // next file not yet looked at
  let emitted = 0; // next file to yield
  const deferred: number[] = []; // heavy files passed over while another heavy one runs, in order
  let heavyRunning = 0;
  const heavy = (index: number) => opts.isHeavy?.(files[index]!) ?? false;
  let fatal: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  const finish = (slot: Slot, result: FileResult) => {
    const task = slot.task;
    if (!task) return;
    clearTimeout(task.timer);
    slot.task = undefined;
    if (task.heavy) heavyRunning--;
    done.set(task.index, result);
    notify();
    // a heavy file ending may free idle workers that were waiting for it
    queueMicrotask(() => {
      for (const s of slots) dispatch(s);
    });
  };

  /** The next file to hand out: a deferred heavy one as soon as no heavy one runs, else the next in order. */
  const pick = (): { index: number; heavy: boolean } | undefined => {
    if (heavyRunning === 0 && deferred.length) return { index: deferred.shift()!, heavy: true };
    while (next < files.length && next < emitted + maxAhead) {
      const index = next++;
      const isHeavy = heavy(index);
      if (!isHeavy) return { index, heavy: false };
      if (heavyRunning === 0) return { index, heavy: true };
      deferred.push(index);
    }
    return undefined;
  };

  const dispatch = (slot: Slot) => {
    if (slot.dead || !slot.ready || slot.task) return;
    const picked = pick();
    if (!picked) return;
    const { index } = picked;
    if (picked.heavy) heavyRunning++;
    const path = files[index]!;
    const timer = setTimeout(() => {
      // the worker may be stuck in synchronous code: only terminating it frees the thread
      slot.dead = true;
      void slot.worker.terminate();
      finish(slot, timeoutResult(path, opts.timeoutMs));
      replace(slot);
    }, opts.timeoutMs);
    slot.task = { index, timer, heavy: picked.heavy };
    opts.onStart?.(index, path);
    const task: WorkerTask = { id: index, path, timeoutMs: opts.timeoutMs };
    if (opts.settings) task.settings = opts.settings;
    slot.worker.postMessage(task);
  };

  const spawn = (): Slot => {
    const worker = new Worker(workerUrl, { resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    const slot: Slot = { worker, ready: false, dead: false };
    worker.on("message", (msg: WorkerReply) => {
      if (slot.dead) return;
      if (msg.type === "ready") {
        slot.ready = true;
        dispatch(slot);
      } else if (slot.task && msg.id === slot.task.index) {
        finish(slot, msg.result);
        dispatch(slot);
      }
    });
    const die = (why: string) => {
      if (slot.dead) return;
      slot.dead = true;
      if (!slot.ready) {
        // a worker that cannot even start will not start next time either: that is a real crash
        fatal ??= new Error(`gouji 工作线程无法启动：${why}`);
        notify();
        return;
      }
      const task = slot.task;
      if (task) finish(slot, crashResult(files[task.index]!, why));
      replace(slot);
    };
    worker.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "ERR_WORKER_OUT_OF_MEMORY" && slot.ready && slot.task && !slot.dead) {
        const path = files[slot.task.index]!;
        slot.dead = true;
        finish(slot, {
          path,
          format: formatOfPath(path),
          status: "failed",
          error: { code: "out-of-memory", message: `文件过大或过于复杂，检查时超出内存上限（${heapMb} MB，可用环境变量 GOUJI_WORKER_HEAP_MB 调大），已跳过该文件` },
          findings: [],
        });
        replace(slot);
        return;
      }
      die(e.message);
    });
    worker.on("exit", (code) => die(`退出码 ${code}`));
    return slot;
  };

  const replace = (old: Slot) => {
    const i = slots.indexOf(old);
    if (i < 0 || (next >= files.length && deferred.length === 0)) return;
    slots[i] = spawn();
  };

  try {
    for (let i = 0; i < size; i++) slots.push(spawn());
    while (emitted < files.length) {
      if (fatal) throw fatal;
      const r = done.get(emitted);
      if (r) {
        done.delete(emitted);
        emitted++;
        for (const s of slots) dispatch(s);
        yield r;
        continue;
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    for (const s of slots) {
      if (s.task) clearTimeout(s.task.timer);
      s.dead = true;
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
