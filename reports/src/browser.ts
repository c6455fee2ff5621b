// The system Chromium (Debian's `chromium`), driven by puppeteer-core, which downloads no browser of its
// own. Used to print reports to PDF and, in tests, to open them as a reader would. Every launch gets a
// fresh profile and no network services, and the page itself may load nothing from the network.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "puppeteer-core";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** The browser to drive: $ITAKU_CHROMIUM, else the first system Chromium found. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.ITAKU_CHROMIUM) return env.ITAKU_CHROMIUM;
  return CANDIDATES.find((path) => existsSync(path));
}

export class BrowserUnavailableError extends Error {}

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchChromium(env: NodeJS.ProcessEnv = process.env): Promise<LaunchedBrowser> {
  const executablePath = chromiumPath(env);
  if (!executablePath) {
    throw new BrowserUnavailableError(
      "no Chromium found: install Debian's chromium and fonts-noto-cjk (bash scripts/install-chromium.sh) or set ITAKU_CHROMIUM",
    );
  }
  const { launch } = await import("puppeteer-core");
  const profile = mkdtempSync(join(tmpdir(), "itaku-chromium-"));
  const browser = await launch({
    executablePath,
    headless: true,
    userDataDir: profile,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-dev-shm-usage",
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Prints a self-contained HTML page to an A4 PDF, as the page's print CSS lays it out. */
export async function printPdf(html: string, env: NodeJS.ProcessEnv = process.env): Promise<Uint8Array> {
  const { browser, close } = await launchChromium(env);
  try {
    const page = await browser.newPage();
    // The report is self-contained: refuse anything it might try to fetch.
    await page.setRequestInterception(true);
    page.on("request", (request) => {
      if (request.url().startsWith("data:")) void request.continue();
      else void request.abort();
    });
    await page.setContent(html, { waitUntil: "load" });
    await page.emulateMediaType("print");
    return await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
  } finally {
    await close();
  }
}
