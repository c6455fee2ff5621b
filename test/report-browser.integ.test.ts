/// <reference lib="dom" />
// The reports people open, opened as they would: the system Chromium (Debian `chromium`, driven by
// puppeteer-core) loads the files the CLI wrote. Screenshots go to test-output/ for a person to look at.
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseResult, type Result } from "@itaku/core";
import type { Browser, Page } from "puppeteer-core";
import { launchChromium } from "../reports/src/browser";
import { compareChanges } from "../reports/src/monthly/model";
import { REPO_ROOT, runCli } from "./harness/cli";

const OUTPUT = join(REPO_ROOT, "test-output");
const work = mkdtempSync(join(tmpdir(), "itaku-browser-"));
mkdirSync(OUTPUT, { recursive: true });

let browser: Browser;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ browser, close } = await launchChromium());
});
afterAll(async () => {
  await close?.();
});

interface OpenedPage {
  page: Page;
  consoleErrors: string[];
  /** Every request other than the report file itself. */
  requests: string[];
}

async function open(file: string, width: number): Promise<OpenedPage> {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 900 });
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  const url = pathToFileURL(file).href;
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(String(error)));
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    if (request.url() !== url) requests.push(request.url());
    void (request.url() === url ? request.continue() : request.abort());
  });
  await page.goto(url, { waitUntil: "load" });
  return { page, consoleErrors, requests };
}

const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

const cellTexts = (page: Page, selector: string) =>
  page.$$eval(selector, (cells) => cells.map((c) => (c.textContent ?? "").trim()));

describe("the monthly report in Chromium", () => {
  const html = join(work, "monthly.html");
  const current = join(work, "current.json");
  const previous = join(work, "previous.json");
  let results: { current: Result; previous: Result };

  beforeAll(async () => {
    expect((await runCli(["report", "monthly", "--demo", "-o", html])).code).toBe(0);
    // The same two months as Results on disk, to compute what the diff must say independently.
    await runCli([
      "scan",
      "--demo",
      "-q",
      "--fail-on",
      "none",
      "--report",
      `json=${current}`,
      "--format",
      "json",
    ]);
    const history = join(REPO_ROOT, "demo/history/2026-10");
    await runCli([
      "evaluate",
      ...["ad", "aws-iam", "aws-network"].map((n) => join(history, `${n}.snapshot.json`)),
      ...["--config", join(history, "itaku.yaml"), "--now", "2026-10-20T00:00:00Z", "-q"],
      ...["--fail-on", "none", "--report", `json=${previous}`],
    ]);
    results = {
      current: parseResult(readFileSync(current, "utf8"), current),
      previous: parseResult(readFileSync(previous, "utf8"), previous),
    };
  });

  it.each([1280, 375])(
    "shows header, clauses and changes at %i px without overflow, errors or network",
    async (width) => {
      const { page, consoleErrors, requests } = await open(html, width);
      expect(await page.$eval("html", (el) => el.getAttribute("lang"))).toBe("ja");
      const header = await cellTexts(page, "#header td");
      expect(header).toEqual(
        expect.arrayContaining(["株式会社サンプル商事 (委託元)", "株式会社サンプル情報サービス (委託先)"]),
      );
      // One clause row per NIC control of the Result, each with its status.
      const nic = results.current.controls.filter((c) => c.id.startsWith("NIC-"));
      expect(await page.$$eval("#clauses-nic tbody tr", (rows) => rows.length)).toBe(nic.length);
      expect(await cellTexts(page, "#clauses-nic tbody tr th")).toEqual(nic.map((c) => c.id));
      // The change counts are what the two Results imply.
      const changes = compareChanges(results.current, results.previous, new Date(results.current.now));
      expect(await cellTexts(page, "#change-counts td")).toEqual(
        [
          changes.new,
          changes.resolved,
          changes.stillOpen,
          changes.nowUnknown,
          changes.newlyWaived,
          changes.expiredWaivers,
          changes.expiringWaivers,
        ].map((list) => String(list.length)),
      );
      expect(changes.new.length).toBeGreaterThan(0);
      expect(changes.resolved.length).toBeGreaterThan(0);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({
        path: join(OUTPUT, `monthly-ja-${width}.png`),
        fullPage: width !== 375,
      });
      expect(consoleErrors).toEqual([]);
      expect(requests).toEqual([]);
      await page.close();
    },
  );

  it("prints to a PDF of a bounded number of A4 pages, in both languages", async () => {
    for (const lang of ["ja", "en"]) {
      const pdf = join(work, `monthly-${lang}.pdf`);
      const run = await runCli(["report", "monthly", "--demo", "--lang", lang, "--format", "pdf", "-o", pdf]);
      expect(run).toMatchObject({ code: 0, stderr: "" });
      const bytes = readFileSync(pdf);
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      const pages = (bytes.toString("latin1").match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
      // 119 clauses, ~90 findings still open, the attestations due: a report of a few dozen pages, never hundreds.
      expect(pages).toBeGreaterThanOrEqual(5);
      expect(pages).toBeLessThanOrEqual(30);
    }
  });
});
