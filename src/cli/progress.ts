/**
 * A one-line progress bar on stderr — files done / total, elapsed time, the file being checked — shown only when
 * stderr is a terminal. Redraws are throttled; `clear()` makes room for output written to the same terminal.
 */
export interface Progress {
  start(path: string): void;
  done(): void;
  clear(): void;
  redraw(): void;
  finish(): void;
}

const SILENT: Progress = { start() {}, done() {}, clear() {}, redraw() {}, finish() {} };

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

/** Display width: CJK and full-width characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(ch) ? 2 : 1;
  return w;
}

/** Keeps the end of a path (the file name) when it is too wide. */
function fit(s: string, max: number): string {
  if (max <= 1) return "";
  if (width(s) <= max) return s;
  const chars = [...s];
  let out = "";
  for (let i = chars.length - 1; i >= 0 && width(`…${chars[i]}${out}`) <= max; i--) out = chars[i] + out;
  return `…${out}`;
}

export function createProgress(total: number, stream: NodeJS.WriteStream = process.stderr, enabled = stream.isTTY === true): Progress {
  if (!enabled || total === 0) return SILENT;
  const started = Date.now();
  let done = 0;
  let current = "";
  let last = 0;
  let shown = false;
  const timer = setInterval(() => draw(true), 1000);
  timer.unref();
  const draw = (force = false) => {
    const now = Date.now();
    if (!force && now - last < 100) return;
    last = now;
    const cols = stream.columns || 80;
    const barWidth = 20;
    const filled = Math.round((done / total) * barWidth);
    const head = `[${"█".repeat(filled)}${"░".repeat(barWidth - filled)}] ${done}/${total} ${clock(now - started)} `;
    stream.write(`\r\x1b[2K${head}${fit(current, cols - width(head) - 1)}`);
    shown = true;
  };
  return {
    start(path) {
      current = path;
      draw();
    },
    done() {
      done++;
      draw(done === total);
    },
    clear() {
      if (shown) stream.write("\r\x1b[2K");
      shown = false;
    },
    redraw() {
      draw(true);
    },
    finish() {
      clearInterval(timer);
      if (shown) stream.write("\r\x1b[2K");
      shown = false;
    },
  };
}
