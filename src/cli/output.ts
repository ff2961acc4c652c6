/** Where a run's output goes: stdout or `--output FILE`, written piece by piece with back-pressure. */
import { open } from "node:fs/promises";
import { once } from "node:events";
import type { Writable } from "node:stream";

/** The reader went away (`gouji check … | head`): stop quietly. */
export class OutputClosed extends Error {}

export interface Output {
  write(chunk: string | Uint8Array): Promise<void>;
  close(): Promise<void>;
  /** true when the output is a terminal (colour, and the progress bar must step aside) */
  readonly isTTY: boolean;
}

function writer(stream: Writable, own: boolean, isTTY: boolean): Output {
  let failed: Error | undefined;
  stream.on("error", (e: NodeJS.ErrnoException) => (failed = e.code === "EPIPE" ? new OutputClosed("output closed") : e));
  return {
    isTTY,
    async write(chunk) {
      if (failed) throw failed;
      if (!chunk) return;
      let flowing: boolean;
      try {
        flowing = stream.write(chunk);
      } catch (e) {
        // stdout on a pipe writes synchronously and throws when the reader has gone
        throw (e as NodeJS.ErrnoException).code === "EPIPE" ? new OutputClosed("output closed") : e;
      }
      // `once` rejects on an "error" event; the listener above has already recorded it
      if (!flowing) await once(stream, "drain").catch(() => undefined);
      if (failed) throw failed;
    },
    async close() {
      if (own) {
        stream.end();
        await once(stream, "finish");
      }
      if (failed) throw failed;
    },
  };
}

/** Opens the output before the run starts, so a bad `--output` path fails at once (the error is the caller's). */
export async function openOutput(path?: string): Promise<Output> {
  if (path) return writer((await open(path, "w")).createWriteStream(), true, false);
  return writer(process.stdout, false, process.stdout.isTTY === true);
}
