/**
 * Every output format rendered from one frozen run (tests/golden/run.json: the real findings of two fixtures plus
 * a PDF-style finding in a table cell with hostile text, and a file that failed), compared with golden files.
 * Regenerate with `UPDATE_GOLDEN=1 npx vitest run tests/formatters.test.ts` (run.json is then rebuilt from the
 * fixtures as they are checked today).
 */
import { describe, expect, it } from "vitest";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import Ajv04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { checkFile, type FileResult } from "../src/runner.js";
import { rules } from "../rules/index.js";
import { parseJsonRun } from "../src/report/merge.js";
import { summarise, type RuleInfo, type RunResult } from "../src/report/result.js";
import { formatRun } from "../src/report/formatters/index.js";
import { formatJson, toJsonObject, jsonStream } from "../src/report/formatters/json.js";
import { csvField } from "../src/report/formatters/csv.js";
import { placeText } from "../src/report/formatters/text.js";
import { Triage, triageText } from "../src/report/triage.js";
import { highlightSnippet, SCRIPT_HASH } from "../src/report/formatters/html.js";
import { xmlEscape } from "../src/report/formatters/junit.js";
import { pathToUri } from "../src/report/formatters/sarif.js";
import type { Format } from "../src/config/schema.js";

const UPDATE = process.env.UPDATE_GOLDEN === "1";
const golden = (name: string) => new URL(`./golden/${name}`, import.meta.url);

/** A PDF finding in a table cell whose text tries to break out of every format. */
const HOSTILE: FileResult = {
  path: "reports/2024/上海市某局 决算.pdf",
  format: "pdf",
  status: "ok",
  organisation: "上海市某局",
  year: 2024,
  kind: "决算",
  findings: [
    {
      ruleId: "breakdown-sum",
      severity: "error",
      messageId: "sum",
      data: {},
      message: '合计1,511.90万元，而各项之和为1,500.00万元，"相差" 11.90万元,\n见表2',
      location: {
        page: 3,
        snippet: '…合计 1,511.90 <script>window.__pwned=1</script> & "基本支出" 1,500.00 =SUM(A1)…',
        table: { index: 2, title: "收入支出决算总表", row: 5, column: 3 },
      },
      values: [
        { text: "1,511.90", value: "1511.9", unit: "万元", role: "total", label: "合计", location: { page: 3, snippet: "…合计 1,511.90 <script>window.__pwned=1</script> & \"基本支出\" 1,500.00 =SUM(A1)…", table: { index: 2, title: "收入支出决算总表", row: 5, column: 3 } } },
        { text: "1,500.00", value: "1500", unit: "万元", role: "part", label: "基本支出", location: { page: 3, snippet: "…合计 1,511.90 <script>window.__pwned=1</script> & \"基本支出\" 1,500.00 =SUM(A1)…", table: { index: 2, title: "收入支出决算总表", row: 6, column: 3 } } },
        { text: "11.90", value: "11.9", unit: "万元", role: "other", location: { page: 4, paragraph: 7, snippet: "其他 11.90 万元 <b>粗体</b>" } },
      ],
      expected: "1500.00",
      actual: "1511.90",
    },
  ],
};

const FAILED: FileResult = {
  path: "reports/2024/损坏.docx",
  format: "docx",
  status: "failed",
  error: { code: "corrupt-docx", message: ".docx 文件已损坏，无法读取 <w:document> & 其他" },
  findings: [],
};

async function buildRunJson(): Promise<string> {
  const live = [await checkFile("fixtures/000_da983fdeaa8df527.txt"), await checkFile("fixtures/002_b4db3b08202be5bf.txt")];
  const files = [...live.map((f) => ({ ...f, findings: f.findings.filter((x) => x.severity !== "info") })), HOSTILE, FAILED];
  return formatJson({ tool: { name: "gouji", version: "0.0.0-golden" }, files, summary: summarise(files) });
}

function ruleInfos(): RuleInfo[] {
  return rules.map((r) => ({ id: r.id, description: r.description, severity: r.severity, ...(r.example ? { example: r.example } : {}) }));
}

async function loadRun(): Promise<RunResult> {
  if (UPDATE) {
    mkdirSync(golden(""), { recursive: true });
    writeFileSync(golden("run.json"), await buildRunJson());
    writeFileSync(golden("rules.json"), `${JSON.stringify(ruleInfos(), null, 2)}\n`);
  }
  const parsed = parseJsonRun(readFileSync(golden("run.json"), "utf8"), "run.json");
  if (!parsed.ok) throw new Error(parsed.message);
  const ruleList = JSON.parse(readFileSync(golden("rules.json"), "utf8")) as RuleInfo[];
  return { tool: parsed.tool, rules: ruleList, files: parsed.files, summary: summarise(parsed.files) };
}

const run = await loadRun();

// xlsx is binary: tests/formatters-xlsx.test.ts reads it back through LibreOffice instead of a golden file
const FILES: Partial<Record<Format, string>> = { text: "run.txt", json: "run.json", sarif: "run.sarif", junit: "run.junit.xml", csv: "run.csv", html: "run.html" };

describe("golden files", () => {
  for (const [format, name] of Object.entries(FILES) as [Format, string][]) {
    it(`${format} matches tests/golden/${name}`, async () => {
      const out = await formatRun(format, run, { color: false });
      if (UPDATE && format !== "json") writeFileSync(golden(name), out);
      expect(existsSync(golden(name))).toBe(true);
      expect(out).toBe(readFileSync(golden(name), "utf8"));
      // golden files must be portable and reproducible
      expect(out).not.toMatch(/\/work\/|\/home\/|\/tmp\/|[A-Z]:\\\\/);
      expect(out).not.toMatch(/"?(time|duration|elapsed)"?\s*[=:]/i);
    });
  }
});

describe("json", () => {
  it("round-trips: the frozen run renders back to the same bytes, and streaming equals JSON.stringify", () => {
    const text = readFileSync(golden("run.json"), "utf8");
    expect(formatJson(run)).toBe(text);
    expect(formatJson(run)).toBe(`${JSON.stringify(toJsonObject(run), null, 2)}\n`);
  });

  it("streams an empty run as valid JSON", () => {
    const s = jsonStream(run);
    const text = s.begin() + s.end({ files: 0, failed: 0, error: 0, warning: 0, info: 0, skipped: 0 });
    expect(JSON.parse(text)).toMatchObject({ schemaVersion: 1, files: [], summary: { files: 0 } });
  });
});

describe("sarif", () => {
  const schema = JSON.parse(readFileSync(new URL("./schemas/sarif-2.1.0-rtm.5.json", import.meta.url), "utf8"));
  const ajv = new Ajv04.default({ allErrors: true, strict: false, unicodeRegExp: false }) // the schema's "language" pattern has a stray "]" that only non-unicode regexps accept;
  ajvFormats.default(ajv);
  const validate = ajv.compile(schema);

  it("validates against the official SARIF 2.1.0 schema", async () => {
    const sarif = JSON.parse(await formatRun("sarif", run));
    const ok = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("lists the rules, places line findings in regions and the rest in properties, and fingerprints results", async () => {
    const sarif = JSON.parse(await formatRun("sarif", run));
    const r0 = sarif.runs[0];
    expect(r0.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(run.rules!.map((r) => r.id));
    const share = r0.results.find((r: { ruleId: string; locations: { physicalLocation: { region?: { startLine: number } } }[] }) => r.ruleId === "unit-slip" && r.locations[0]!.physicalLocation.region?.startLine === 1828);
    expect(share.locations[0].physicalLocation.artifactLocation.uri).toBe("fixtures/002_b4db3b08202be5bf.txt");
    expect(share.locations[0].physicalLocation.region.startLine).toBe(1828);
    expect(r0.tool.driver.rules[share.ruleIndex].id).toBe("unit-slip");
    expect(share.partialFingerprints["goujiFingerprint/v1"]).toMatch(/^[0-9a-f]{32}$/);
    const pdf = r0.results.find((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
      r.locations[0].physicalLocation.artifactLocation.uri.startsWith("reports/"),
    );
    expect(pdf.locations[0].physicalLocation.region).toBeUndefined();
    expect(pdf.locations[0].properties).toMatchObject({ page: 3, table: { index: 2, row: 5, column: 3, title: "收入支出决算总表" } });
    expect(pdf.relatedLocations).toHaveLength(3);
    expect(r0.invocations[0].executionSuccessful).toBe(false);
    expect(r0.invocations[0].toolExecutionNotifications[0].descriptor.id).toBe("corrupt-docx");
    const fps = r0.results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints["goujiFingerprint/v1"]);
    expect(new Set(fps).size).toBe(fps.length);
  });

  it("percent-encodes paths as URI references", () => {
    expect(pathToUri("reports/2024/财政局 决算.pdf")).toBe("reports/2024/%E8%B4%A2%E6%94%BF%E5%B1%80%20%E5%86%B3%E7%AE%97.pdf");
    expect(pathToUri("./a\\b.txt")).toBe("a/b.txt");
  });
});

describe("junit", () => {
  it("has one testsuite per file, one testcase per rule, failures for findings and an error for a failed file", async () => {
    const xml = await formatRun("junit", run);
    const suites = [...xml.matchAll(/<testsuite name="([^"]*)" tests="(\d+)" failures="(\d+)" errors="(\d+)"/g)];
    expect(suites.map((m) => m[1])).toEqual(run.files.map((f) => xmlEscape(f.path)));
    const f002 = suites.find((m) => m[1]!.includes("002_"))!;
    expect(Number(f002[2])).toBe(run.rules!.length);
    const rulesWithFindings = new Set(run.files.find((f) => f.path.includes("002_"))!.findings.map((x) => x.ruleId));
    expect(Number(f002[3])).toBe(rulesWithFindings.size);
    expect(xml).toContain('<error type="corrupt-docx" message=".docx 文件已损坏，无法读取 &lt;w:document&gt; &amp; 其他">');
    expect(xml).not.toContain("<script>");
    // well-formed: every opened element is closed in order
    const stack: string[] = [];
    for (const m of xml.matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)) {
      if (m[3]) continue;
      if (m[1]) expect(stack.pop()).toBe(m[2]);
      else stack.push(m[2]!);
    }
    expect(stack).toEqual([]);
  });

  it("escapes XML and drops characters XML cannot carry", () => {
    expect(xmlEscape(`a<b>&"c"'\u0001`)).toBe("a&lt;b&gt;&amp;&quot;c&quot;&apos;");
  });
});

describe("csv", () => {
  it("starts with a BOM, has one row per finding (plus one per failed file) and quotes per RFC 4180", async () => {
    const csv = await formatRun("csv", run);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split("\r\n")[0]).toBe("文件,页,行,段,表,表内行,表内列,规则,规则名称,级别,问题,数字,应为,实为,原文,编号,问题组,修改建议,单位,年度");
    const rows = parseCsv(csv.slice(1));
    const findings = run.files.reduce((n, f) => n + f.findings.length, 0);
    const failed = run.files.filter((f) => f.status === "failed").length;
    expect(rows.length - 1).toBe(findings + failed);
    const hostile = rows.find((r) => r[0] === HOSTILE.path)!;
    expect(hostile.slice(0, 10)).toEqual([HOSTILE.path, "3", "", "", "2 收入支出决算总表", "5", "3", "breakdown-sum", "", "错误"]);
    expect(hostile[10]).toBe(HOSTILE.findings[0]!.message);
    // the last columns name the report (单位, 年度), to sort a folder's rows by them
    const named = run.files.find((f) => f.status === "ok" && f.organisation && f.year && f.findings.length)!;
    expect(rows.find((r) => r[0] === named.path)!.slice(-2)).toEqual([named.organisation, String(named.year)]);
    const share = rows.find((r) => r[7] === "unit-slip" && r[2] === "1828")!;
    // the rule's Chinese name beside its id
    expect(share[8]).toBe("计量单位");
    expect(share[0]).toBe("fixtures/002_b4db3b08202be5bf.txt");
    expect(share[9]).toBe("错误");
    // the stable id and, for the 205.68 group, its id and suggestion on both of its findings
    expect(share[15]).toMatch(/^[0-9a-f]{32}$/);
    const grouped = rows.filter((r) => (r[17] ?? "").includes("“205.68”有误：改为255.68万元"));
    expect(grouped).toHaveLength(2);
    expect(grouped[0]![16]).toMatch(/^g\d+$/);
    expect(grouped[1]![16]).toBe(grouped[0]![16]);
    expect(rows.find((r) => r[0] === FAILED.path)!.slice(7, 10)).toEqual(["corrupt-docx", "", "无法读取"]);
  });

  it("neutralises cells a spreadsheet would run as formulas but keeps negative numbers", () => {
    expect(csvField("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvField("-13.53")).toBe("-13.53");
    expect(csvField('a,"b"')).toBe('"a,""b"""');
  });
});

describe("html", () => {
  it("escapes every piece of document text", async () => {
    const html = await formatRun("html", run);
    // one script, the page's own (its hash is the only one the CSP allows); document text never becomes one
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).toContain(`script-src '${SCRIPT_HASH}'`);
    expect(html).not.toContain("<script>window.__pwned");
    expect(html).toContain("&lt;script&gt;window.__pwned=1&lt;/script&gt;");
    expect(html).toContain("&lt;b&gt;粗体&lt;/b&gt;");
    expect(html).not.toMatch(/<link|src=|https?:/);
  });

  it("highlights each cited number as a whole number only", () => {
    const out = highlightSnippet("合计1,511.90，其中511.90不是它，11.9也不是，511.90是", [
      { text: "1,511.90", role: "total" },
      { text: "511.90", role: "part" },
    ]);
    expect(out).toBe('合计<mark title="总数">1,511.90</mark>，其中<mark title="组成部分">511.90</mark>不是它，11.9也不是，<mark title="组成部分">511.90</mark>是');
    expect(highlightSnippet("<i>5</i>", [{ text: "5", role: "x&y" }])).toBe('&lt;i&gt;<mark title="x&amp;y">5</mark>&lt;/i&gt;');
  });
});

/** A strict RFC 4180 reader for the test (CRLF records, quoted fields with doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), (i += 2);
      else if (c === '"') (quoted = false), i++;
      else (field += c), i++;
    } else if (c === '"') (quoted = true), i++;
    else if (c === ",") row.push(field), (field = ""), i++;
    else if (c === "\r" && text[i + 1] === "\n") row.push(field), rows.push(row), (row = []), (field = ""), (i += 2);
    else if (c === "\n") throw new Error("bare LF outside quotes");
    else (field += c), i++;
  }
  if (field || row.length) throw new Error("last record not terminated by CRLF");
  return rows;
}

describe("the terminal summary's long lines", () => {
  it("wrap at 80 columns after a separator, never inside a rule id", async () => {
    const { wrapAtSeparators } = await import("../src/report/triage.js");
    const ids = ["same-figure", "perf-cost", "unit-slip", "allocation-sum", "breakdown-sum", "names-years", "share-of-total", "completeness"];
    const line = `按规则：${ids.map((id, k) => `${id} ${k + 1}（错误 ${k + 1}）`).join("；")}`;
    const wrapped = wrapAtSeparators(line, 80).split("\n");
    expect(wrapped.length).toBeGreaterThan(1);
    for (const l of wrapped) expect([...l].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0)).toBeLessThanOrEqual(80);
    for (const id of ids) expect(wrapped.some((l) => l.includes(id))).toBe(true);
  });
});

describe("places", () => {
  it("a cell of a table's continuation is named by the table's first part, its row counted in the continuation", () => {
    const table = { index: 5, title: "2026年市级部门财政拨款收支预算总表", row: 7, column: 4 };
    expect(placeText({ snippet: "", page: 35, table })).toBe("第35页 表5「2026年市级部门财政拨款收支预算总表」第7行第4列");
    expect(placeText({ snippet: "", page: 35, table: { ...table, firstPart: 4 } })).toBe("第35页 表4「2026年市级部门财政拨款收支预算总表」续表第7行第4列");
  });
});

describe("triage", () => {
  const finding = (ruleId: string, messageId: string, severity: "error" | "warning" | "info") =>
    ({ ruleId, messageId, severity, message: "", location: { snippet: "" }, values: [] }) as unknown as FileResult["findings"][number];
  it("counts the files that are no disclosure in one line instead of listing them among the files with problems", () => {
    const t = new Triage();
    t.add({ path: "a.pdf", format: "pdf", status: "ok", findings: [finding("same-figure", "differs", "error")] });
    t.add({ path: "gazette.pdf", format: "pdf", status: "ok", findings: [finding("incomplete-reading", "notDisclosure", "warning")] });
    t.add({ path: "notice.pdf", format: "pdf", status: "ok", findings: [finding("incomplete-reading", "notDisclosure", "warning")] });
    const text = triageText(t, { hidden: { warning: 0, info: 3 } });
    expect(text).toContain("另有提示 3 条低于显示级别，未列出（--min-level info 可显示）\n2 个文件未识别为部门预算或决算公开文件（各有一条警告），未核对其中数字\n问题最多的文件：\n  a.pdf  错误 1，警告 0\n");
    expect(text).not.toContain("gazette.pdf");
  });
});

describe("JSON places survive merge", () => {
  it("keeps a page's printed number and a continuation's first part through the JSON and back", () => {
    const location = { snippet: "38191.21", page: 35, pageLabel: "33", table: { index: 5, title: "财政拨款收支预算总表", row: 7, column: 4, firstPart: 4 } };
    const finding = { ruleId: "table-summary", severity: "error", messageId: "sum", message: "m", location, values: [{ text: "38191.21", value: "38191.21", unit: "万元", role: "total", location }] };
    const run = { tool: { name: "gouji", version: "0" }, files: [{ path: "a.pdf", format: "pdf", status: "ok", findings: [finding] }], skipped: [], summary: summarise([]) } as unknown as RunResult;
    const parsed = parseJsonRun(formatJson(run), "a.json");
    expect(parsed.ok && parsed.files[0]!.findings[0]!.location).toEqual(location);
    expect(parsed.ok && parsed.files[0]!.findings[0]!.values[0]!.location).toEqual(location);
  });
});
