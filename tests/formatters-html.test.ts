/// <reference lib="dom" />
/**
 * The HTML report in a real browser (headless Chromium through playwright-core): document text stays text, cited
 * numbers are highlighted, every file is in the summary. Skipped, with a message, where /usr/bin/chromium is
 * missing (CI installs it: see .ci/run).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
if (!available) console.warn(`SKIP tests/formatters-html.test.ts: ${CHROMIUM} not found (apt-get install -y chromium)`);

describe.skipIf(!available)(available ? "html report in headless Chromium" : `html report in headless Chromium (skipped: ${CHROMIUM} is missing)`, () => {
  let browser: Browser;
  let page: Page;
  const html = readFileSync(new URL("./golden/run.html", import.meta.url), "utf8");
  const run = JSON.parse(readFileSync(new URL("./golden/run.json", import.meta.url), "utf8")) as {
    files: { path: string; status: string; findings: { ruleId: string; severity: string; values: { text: string }[] }[] }[];
  };

  beforeAll(async () => {
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.setContent(html, { waitUntil: "load" });
    expect(errors).toEqual([]);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("keeps a snippet containing <script> as visible text and runs nothing", async () => {
    expect(await page.evaluate(() => document.querySelectorAll("script").length)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const snippets = await page.locator(".snippet").allTextContents();
    expect(snippets.some((s) => s.includes("<script>window.__pwned=1</script>"))).toBe(true);
    expect(await page.locator("b", { hasText: "粗体" }).count()).toBe(0);
  });

  it("highlights every cited number in the finding's snippet", async () => {
    const row = page.locator("tr", { hasText: "share-of-total" }).first();
    const marks = await row.locator(".snippet mark").allTextContents();
    expect(marks).toEqual(expect.arrayContaining(["17.64", "6.91"]));
    const hostile = page.locator("tr", { hasText: "1,511.90" }).first();
    expect(await hostile.locator(".snippet").first().locator("mark").allTextContents()).toEqual(["1,511.90", "1,500.00"]);
  });

  it("summarises every file, with counts, and shows the failed one", async () => {
    const rows = await page.locator("#summary tbody tr").allTextContents();
    expect(rows).toHaveLength(run.files.length);
    for (const f of run.files) expect(rows.some((r) => r.includes(f.path))).toBe(true);
    const f002 = rows.find((r) => r.includes("002_"))!;
    const found002 = run.files.find((f) => f.path.includes("002_"))!.findings;
    const n = (level: string) => found002.filter((f) => f.severity === level).length;
    expect(f002).toContain(`已读取${n("error")}${n("warning")}${n("info")}`);
    expect(await page.locator(".failed", { hasText: "corrupt-docx" }).count()).toBeGreaterThan(0);
    // the summary is drawn first even though it is written last (streamed output)
    const order = await page.evaluate(() => {
      const s = document.getElementById("summary")!.getBoundingClientRect().top;
      const f = document.querySelector("section.file")!.getBoundingClientRect().top;
      return s < f;
    });
    expect(order).toBe(true);
  });
});
