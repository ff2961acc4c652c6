/** Fingerprints and baselines: a known finding stays suppressed when lines move; a new one is still reported. */
import { describe, expect, it } from "vitest";
import { lintText } from "./helpers.js";
import { fingerprint, normaliseContext } from "../src/report/fingerprint.js";
import { BaselineFilter, baselineEntries, formatBaseline, makeBaseline, parseBaseline } from "../src/report/baseline.js";
import type { FileResult } from "../src/runner.js";

const SHARE = "本年收入215.43万元，其中：财政拨款收入191.80万元，占89.30%；其他收入23.63万元，占10.97%。";
const YOY = "一般行政管理事务支出决算数为21.18万元，比上年决算减少24.73万元，下降53.78%。";

function file(text: string, path = "reports/a.txt"): FileResult {
  return { path, format: "txt", status: "ok", findings: lintText(text, path).filter((f) => f.severity === "error") };
}

describe("fingerprint", () => {
  it("ignores line numbers and whitespace, but not the numbers, the rule or the file", () => {
    const a = file(SHARE).findings[0]!;
    const moved = file(`标题\n\n说明文字\n${SHARE}`).findings[0]!;
    expect(moved.location.line).not.toBe(a.location.line);
    expect(fingerprint(moved, "reports/a.txt")).toBe(fingerprint(a, "reports/a.txt"));
    expect(fingerprint(a, "./reports/a.txt")).toBe(fingerprint(a, "reports\\a.txt"));
    expect(fingerprint(a, "reports/b.txt")).not.toBe(fingerprint(a, "reports/a.txt"));
    const changed = file(SHARE.replace("10.97", "10.98")).findings[0]!;
    expect(fingerprint(changed, "reports/a.txt")).not.toBe(fingerprint(a, "reports/a.txt"));
    expect(normaliseContext("…a  b\n c…")).toBe("a b c");
  });
});

describe("BaselineFilter", () => {
  it("suppresses an unchanged finding after lines were inserted above it and still reports a new one", () => {
    const before = file(SHARE);
    expect(before.findings.length).toBeGreaterThan(0);
    const baseline = parseBaseline(formatBaseline(makeBaseline(baselineEntries(before))), "b.json");
    expect(baseline.ok).toBe(true);
    const after = file(`新增的一段说明\n另一行\n${SHARE}\n${YOY}`);
    const filter = new BaselineFilter(baseline.ok ? baseline.baseline : makeBaseline([]));
    const fresh = filter.apply(after);
    expect(filter.suppressed).toBe(before.findings.length);
    expect(fresh.findings.length).toBe(after.findings.length - before.findings.length);
    expect(fresh.findings.map((f) => f.ruleId)).toEqual(["yoy-change"]);
  });

  it("counts: a second identical finding is new", () => {
    const one = file(SHARE);
    const filter = new BaselineFilter(makeBaseline(baselineEntries(one)));
    const twice = { ...one, findings: [...one.findings, ...one.findings] };
    expect(filter.apply(twice).findings).toHaveLength(one.findings.length);
  });

  it("rejects a file that is not a baseline", () => {
    expect(parseBaseline('{"schemaVersion":1,"files":[]}', "x.json")).toMatchObject({ ok: false, message: expect.stringContaining("不是 gouji 基线文件") });
    expect(parseBaseline("nope", "x.json")).toMatchObject({ ok: false });
  });
});
