/// <reference lib="dom" />
// The reports people open, opened as they would: the system Chromium (Debian `chromium`, driven by
// puppeteer-core) loads the files the CLI wrote. Screenshots go to test-output/ for a person to look at.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseResult, type Result } from "@itaku/core";
import type { Browser, Page } from "puppeteer-core";
import { launchChromium } from "../reports/src/browser";
import { compareChanges } from "../reports/src/monthly/model";
import { REPO_ROOT, runCli } from "./harness/cli";
import { writeDemoMonths } from "./harness/demo-months";

const OUTPUT = join(REPO_ROOT, "test-output");
// A long directory name without a break opportunity, as a CI checkout's path may be: the reports quote
// the snapshots' paths, and a path must wrap rather than widen the page.
const work = mkdtempSync(join(tmpdir(), `itaku-browser-${"long_checkout_path".repeat(5)}-`));
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
  let results: { current: Result; previous: Result };

  beforeAll(async () => {
    expect((await runCli(["report", "monthly", "--demo", "-o", html])).code).toBe(0);
    // The same two months as Results on disk, to compute what the diff must say independently.
    const { current, previous } = await writeDemoMonths(work);
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
      // 119 clauses, ~115 findings still open, the attestations due: 15 pages in Japanese, 18 in English.
      expect(pages).toBeGreaterThanOrEqual(5);
      expect(pages).toBeLessThanOrEqual(30);
    }
  });
});

describe("the scan report (html) in Chromium", () => {
  const html = join(work, "scan.html");
  let result: Result;

  beforeAll(async () => {
    // The demo with one IAM user whose name is long, unbroken and hostile: it must wrap, not widen the page.
    const snapshot = JSON.parse(
      readFileSync(join(REPO_ROOT, "demo/snapshots/aws-iam.snapshot.json"), "utf8"),
    );
    const user = snapshot.resources.find((r: { name: string }) => r.name === "suzuki");
    const longName = `${"x".repeat(160)}<b>@team#12https://evil.example`;
    user.name = longName;
    user.attributes.userName = longName;
    const patched = join(work, "aws-iam.snapshot.json");
    writeFileSync(patched, JSON.stringify(snapshot));
    const others = ["ad", "aws-network"].map((n) => join(REPO_ROOT, `demo/snapshots/${n}.snapshot.json`));
    const json = join(work, "scan.json");
    const run = await runCli([
      ...["evaluate", patched, ...others, "--config", join(REPO_ROOT, "demo/itaku.yaml")],
      ...[
        "--now",
        "2026-11-20T00:00:00Z",
        "-q",
        "--fail-on",
        "none",
        "--report",
        `json=${json}`,
        "--format",
        "html",
      ],
    ]);
    expect(run.code).toBe(0);
    writeFileSync(html, run.stdout);
    result = parseResult(readFileSync(json, "utf8"), json);
  });

  const shownRows = (page: Page) =>
    page.$$eval("#findings tr[data-status]", (rows) =>
      rows
        .filter((r) => (r as HTMLElement).offsetParent !== null)
        .map((r) => ({
          status: r.getAttribute("data-status"),
          severity: r.getAttribute("data-severity"),
          scope: r.getAttribute("data-scope"),
          text: r.textContent ?? "",
        })),
    );

  it("filters by status, severity, account and text, and says how many it shows", async () => {
    const { page, consoleErrors, requests } = await open(html, 1280);
    expect(await page.$eval("html", (el) => el.getAttribute("lang"))).toBe("en");
    // By default: what needs action (fail, waived, unknown).
    const needAction = result.findings.filter((f) => ["fail", "waived", "unknown"].includes(f.status));
    expect(await shownRows(page)).toHaveLength(needAction.length);
    expect(await page.$eval("#shown", (el) => el.textContent)).toBe(
      `${needAction.length} of ${result.findings.length} findings shown`,
    );
    await page.screenshot({ path: join(OUTPUT, "scan-html-1280.png") });
    // Only critical failures.
    await page.click('#status-filter input[value="waived"]');
    await page.click('#status-filter input[value="unknown"]');
    await page.select("#severity-filter", "critical");
    const critical = await shownRows(page);
    expect(critical).toHaveLength(
      result.findings.filter((f) => f.status === "fail" && f.severity === "critical").length,
    );
    expect(critical.every((r) => r.status === "fail" && r.severity === "critical")).toBe(true);
    // One account, any severity.
    await page.select("#severity-filter", "");
    await page.select("#account-filter", "111122224444");
    const account = await shownRows(page);
    expect(account).toHaveLength(
      result.findings.filter((f) => f.status === "fail" && f.resource.scope === "111122224444").length,
    );
    expect(account.length).toBeGreaterThan(0);
    // Text search over names and messages (and the rule heading).
    await page.select("#account-filter", "");
    await page.type("#search", "svc-backup");
    const searched = await shownRows(page);
    expect(searched.length).toBeGreaterThan(0);
    expect(searched.length).toBeLessThan(needAction.length);
    expect(searched.every((r) => r.text.includes("svc-backup"))).toBe(true);
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it.each([1280, 375])(
    "has no horizontal overflow at %i px, even with a 190-character name",
    async (width) => {
      const { page, consoleErrors } = await open(html, width);
      await page.type("#search", "xxxxxxxx");
      expect((await shownRows(page)).length).toBeGreaterThan(0);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      // The name is shown as text, not markup.
      expect(await page.$$eval("#findings b", (els) => els.length)).toBe(0);
      await page.screenshot({ path: join(OUTPUT, `scan-html-search-${width}.png`) });
      expect(consoleErrors).toEqual([]);
      await page.close();
    },
  );

  it("prints without the filters: a page of summary, at most one page per 40 findings shown, a page for the rest", async () => {
    const { page } = await open(html, 1280);
    const shown = (await shownRows(page)).length;
    await page.emulateMediaType("print");
    expect(await page.$eval(".filters", (el) => getComputedStyle(el).display)).toBe("none");
    const pdf = Buffer.from(await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true }));
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(2);
    // The summary on one page, the findings shown at most one page per 40, the controls, sources, gaps
    // and inventory (collapsed) on one more (the demo on 2026-11-30, evening: 180 findings shown of 781, 7 pages).
    expect(shown).toBeGreaterThan(100);
    expect(pages).toBeLessThanOrEqual(Math.ceil(shown / 40) + 2);
    console.log(`scan report: ${shown} findings shown of ${result.findings.length}, ${pages} printed pages`);
    await page.close();
  });
});
