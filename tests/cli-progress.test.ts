/** The progress bar: drawn on a terminal (files done / total, elapsed, current file), silent otherwise. */
import { describe, expect, it } from "vitest";
import { createProgress } from "../src/cli/progress.js";

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  const stream = { isTTY, columns: 60, write: (s: string) => (writes.push(s), true) } as unknown as NodeJS.WriteStream;
  return { stream, writes };
}

describe("progress bar", () => {
  it("shows files done / total, the elapsed time and the current file, and clears itself", () => {
    const { stream, writes } = fakeStream(true);
    const p = createProgress(3, stream);
    p.start("reports/2024/财政局.pdf");
    p.done();
    p.done();
    p.done();
    p.finish();
    const frames = writes.join("").split("\r\x1b[2K").filter(Boolean);
    expect(frames[0]).toMatch(/^\[░+\] 0\/3 00:00 reports\/2024\/财政局\.pdf$/);
    expect(frames.at(-1)).toMatch(/^\[█+\] 3\/3 00:00 /);
    expect(writes.at(-1)).toBe("\r\x1b[2K");
  });

  it("keeps the end of a long path within the terminal width", () => {
    const { stream, writes } = fakeStream(true);
    const p = createProgress(10, stream);
    p.start(`${"很长的文件夹名/".repeat(10)}最后的文件.pdf`);
    p.finish();
    const frame = writes[0]!.replace("\r\x1b[2K", "");
    expect(frame).toContain("…");
    expect(frame.endsWith("最后的文件.pdf")).toBe(true);
  });

  it("writes nothing when the stream is not a terminal", () => {
    const { stream, writes } = fakeStream(false);
    const p = createProgress(3, stream);
    p.start("a.txt");
    p.done();
    p.finish();
    expect(writes).toEqual([]);
  });
});
