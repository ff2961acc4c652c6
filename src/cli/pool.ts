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
import type { PdfEngine } from "../parse/engines.js";

export interface WorkerTask {
  id: number;
  path: string;
  timeoutMs: number;
  settings?: Record<string, RuleSetting>;
  pdfEngine?: PdfEngine;
}

export type WorkerReply = { type: "ready" } | { type: "result"; id: number; result: FileResult };

export interface PoolOptions {
  jobs: number;
  timeoutMs: number;
  settings?: Record<string, RuleSetting>;
  /** the PDF reader the workers use (default: the parser's, pdfium) */
  pdfEngine?: PdfEngine;
  /**
   * PDFs are coming and PDFium reads them: each worker starts compiling PDFium's WebAssembly (on V8's background
   * threads) while it loads its own modules, instead of when the first PDF arrives
   */
  preloadPdfium?: boolean;
  /** the worker script; defaults to the compiled worker.js next to this module (tests pass their own) */
  workerUrl?: URL;
  /** called when a worker starts on a file (for the progress bar) */
  onStart?: (index: number, path: string) => void;
  /** how far past the next file to hand out the worker may run, so a slow first file cannot pile up results */
  maxAhead?: number;
  /** old-generation heap limit of each worker in MB (default 320, or GOUJI_WORKER_HEAP_MB) */
  heapMb?: number;
  /** the heap of the one-off worker that retries a file which ran out of memory (default 4 × heapMb, at least 1536) */
  retryHeapMb?: number;
  /**
   * Files that need a lot of memory (large PDFs hold a few hundred MB of pdfjs objects while they are read). At most
   * one runs at a time; meanwhile the other workers take the files after it, so they stay busy.
   */
  isHeavy?: (path: string) => boolean;
}

interface Slot {
  worker: Worker;
  heapMb: number;
  ready: boolean;
  dead: boolean;
  /** a one-off worker with a large heap, started for this one file (which ran out of memory in a normal one) */
  only?: number;
  task?: { index: number; timer: NodeJS.Timeout; heavy: boolean };
}

/**
 * Workers get a modest heap and collect garbage on V8's own schedule, which keeps memory flat without costing speed:
 * - without a limit two workers grew to 850 MB of RSS over 100 files whose live data never passed 200 MB;
 * - forcing a full collection after large files (what gouji did before) kept RSS down too, but V8 then dropped its
 *   optimised code: twice as many compilations (757 → 1,456 on 45 files) and 15–20 % more CPU;
 * - 320 MB of old generation and 16 MB of young generation kept two workers under 500 MB on 1,000 files.
 * The largest sample PDF peaks at about 130 MB of live heap. A file that needs more than the limit is not lost: it
 * is retried once, alone, in a worker with a larger heap.
 */
const DEFAULT_HEAP_MB = 320;
const YOUNG_GENERATION_MB = 16;
const MIN_RETRY_HEAP_MB = 1536;

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

const DEFAULT_WORKER_URL = new URL("./worker.js", import.meta.url);

/** A worker started before the pool (prestartWorker), waiting to be adopted by runPool's first slot. */
interface Prestarted {
  worker: Worker;
  heapMb: number;
  ready: boolean;
  gone: boolean;
  listeners: { message: (m: WorkerReply) => void; gone: () => void };
}
let prestarted: Prestarted | undefined;

/**
 * Starts one worker now, at the start of `gouji check`, so that it loads its modules (and, with `preloadPdfium`,
 * compiles PDFium) while the main thread parses the arguments, reads the config and collects the files: on a
 * single PDF that is most of the cold start. The next runPool with the default worker and heap adopts it; until
 * then it does not keep the process alive (a usage error still exits at once).
 */
export function prestartWorker(opts: { preloadPdfium: boolean }): void {
  if (prestarted) return;
  const heapMb = workerHeapMb();
  const worker = new Worker(DEFAULT_WORKER_URL, {
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    workerData: { preloadPdfium: opts.preloadPdfium },
  });
  const p: Prestarted = {
    worker,
    heapMb,
    ready: false,
    gone: false,
    listeners: {
      message: (m) => {
        if (m.type === "ready") p.ready = true;
      },
      gone: () => {
        p.gone = true;
      },
    },
  };
  worker.on("message", p.listeners.message);
  worker.on("error", p.listeners.gone);
  worker.on("exit", p.listeners.gone);
  worker.unref();
  prestarted = p;
}

/** The prestarted worker, if it suits (same script, same heap) and is alive; it is the caller's from now on. */
function adoptPrestarted(workerUrl: URL, heapMb: number): Prestarted | undefined {
  const p = prestarted;
  if (!p || workerUrl.href !== DEFAULT_WORKER_URL.href || p.heapMb !== heapMb || p.gone) return undefined;
  prestarted = undefined;
  p.worker.off("message", p.listeners.message);
  p.worker.off("error", p.listeners.gone);
  p.worker.off("exit", p.listeners.gone);
  p.worker.ref();
  return p;
}

/** Checks `files` with up to `jobs` workers; yields one result per file, in the order of `files`. */
export async function* runPool(files: readonly string[], opts: PoolOptions): AsyncGenerator<FileResult> {
  if (files.length === 0) return;
  const heapMb = opts.heapMb ?? workerHeapMb();
  const retryHeapMb = opts.retryHeapMb ?? Math.max(4 * heapMb, MIN_RETRY_HEAP_MB);
  const workerUrl = opts.workerUrl ?? DEFAULT_WORKER_URL;
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
    // a one-off worker takes its one file, counted as heavy so that no other heavy file runs beside it
    const picked = slot.only !== undefined ? { index: slot.only, heavy: true } : pick();
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
    if (opts.pdfEngine) task.pdfEngine = opts.pdfEngine;
    slot.worker.postMessage(task);
  };

  const spawn = (only?: number): Slot => {
    const limit = only === undefined ? heapMb : retryHeapMb;
    const adopted = only === undefined ? adoptPrestarted(workerUrl, limit) : undefined;
    const worker =
      adopted?.worker ??
      new Worker(workerUrl, {
        resourceLimits: { maxOldGenerationSizeMb: limit, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
        workerData: { preloadPdfium: opts.preloadPdfium === true },
      });
    const slot: Slot = { worker, heapMb: limit, ready: adopted?.ready ?? false, dead: false };
    // a prestarted worker that is ready already sent its "ready": hand it a file as soon as the slot is in place
    if (slot.ready) queueMicrotask(() => dispatch(slot));
    if (only !== undefined) slot.only = only;
    worker.on("message", (msg: WorkerReply) => {
      if (slot.dead) return;
      if (msg.type === "ready") {
        slot.ready = true;
        dispatch(slot);
      } else if (slot.task && msg.id === slot.task.index) {
        finish(slot, msg.result);
        if (slot.only !== undefined) {
          // the large heap is not kept around: a normal worker takes the place of the one-off
          slot.dead = true;
          void slot.worker.terminate();
          replace(slot);
        } else dispatch(slot);
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
        const task = slot.task;
        const path = files[task.index]!;
        slot.dead = true;
        if (slot.heapMb < retryHeapMb) {
          // not a failure yet: the file gets a worker of its own with a larger heap
          clearTimeout(task.timer);
          slot.task = undefined;
          if (task.heavy) heavyRunning--;
          const i = slots.indexOf(slot);
          if (i >= 0) slots[i] = spawn(task.index);
          return;
        }
        finish(slot, {
          path,
          format: formatOfPath(path),
          status: "failed",
          error: {
            code: "out-of-memory",
            message: `文件过大或过于复杂，检查时超出内存上限（${slot.heapMb} MB，可用环境变量 GOUJI_WORKER_HEAP_MB 调大），已跳过该文件`,
          },
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
