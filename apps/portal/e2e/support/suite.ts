// Per-file wiring for e2e tests: one browser per file, a fresh browser context (no cookies) and page per
// test, the page's dialogs and uncaught errors recorded (any alert/confirm/prompt or uncaught error
// fails the test), a screenshot when a test fails, and an admin API client for setup.
import { afterAll, afterEach, beforeAll, beforeEach, inject } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { adminApi, type Api } from "./api.js";
import { launchBrowser } from "./browser.js";
import { recordSecret } from "./record-secret.js";
import { failureScreenshot } from "./screenshots.js";

export interface E2E {
  readonly baseUrl: string;
  readonly adminToken: string;
  readonly api: Api;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Messages of every alert/confirm/prompt the page opened in this test (each one is dismissed). */
  readonly dialogs: string[];
  /** Uncaught exceptions in the page during this test. */
  readonly pageErrors: string[];
  /**
   * What the Content-Security-Policy refused during this test; any left at the end fail it. A test
   * that provokes a refusal on purpose checks it and empties the list.
   */
  readonly cspViolations: string[];
  /** A further signed-out context + page in the same browser (e.g. a second person); closed after the test. */
  newPage(): Promise<Page>;
}

/** Call once at the top of an e2e file (inside or outside a describe). */
export function useE2E(): E2E {
  const skipReason = inject("e2eSkipReason");
  const baseUrl = inject("e2eBaseUrl");
  const adminToken = inject("e2eAdminToken");
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];
  let page: Page | undefined;
  let dialogs: string[] = [];
  let pageErrors: string[] = [];
  let consoleErrors: string[] = [];
  let cspViolations: string[] = [];
  const api = adminApi(baseUrl, adminToken);

  const open = async (): Promise<Page> => {
    if (!browser) throw new Error("e2e: the browser did not start");
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    context.setDefaultNavigationTimeout(30_000);
    contexts.push(context);
    // The API's Content-Security-Policy must never have to refuse anything the portal does.
    await context.addInitScript(() =>
      document.addEventListener("securitypolicyviolation", (e) => console.log(`[csp-violation] ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`)),
    );
    const p = await context.newPage();
    p.on("dialog", (dialog) => {
      // Leaving a page with unsaved changes is a legitimate question; anything else is script we did not expect.
      if (dialog.type() === "beforeunload") {
        void dialog.accept();
        return;
      }
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    p.on("pageerror", (error) => pageErrors.push(error.stack ?? error.message));
    // One-time tokens and authorization codes travel in URLs (the Slack link, the OIDC callback): the
    // servers' logs must not keep them (zz-logs.e2e.ts).
    p.on("request", (request) => {
      const params = new URL(request.url()).searchParams;
      for (const name of ["token", "code"]) recordSecret(`"${name}" URL parameter`, params.get(name));
    });
    p.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
      if (message.text().startsWith("[csp-violation]")) cspViolations.push(message.text());
    });
    return p;
  };

  beforeAll(async () => {
    if (skipReason) return;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async (ctx) => {
    if (skipReason) ctx.skip(`e2e skipped: ${skipReason}`);
    dialogs = [];
    pageErrors = [];
    consoleErrors = [];
    cspViolations = [];
    contexts = [];
    page = await open();
  });

  afterEach(async (ctx) => {
    const failed = ctx.task.result?.state === "fail";
    try {
      if (failed && page) {
        const file = ctx.task.file.name.split("/").pop()?.replace(/\.e2e\.ts$/, "") ?? "e2e";
        const shot = await failureScreenshot(page, `${file}-${ctx.task.name}`);
        if (shot) console.error(`[e2e] failure screenshot: ${shot} (at ${page.url()})`);
        if (consoleErrors.length) console.error(`[e2e] browser console errors:\n  ${consoleErrors.slice(-10).join("\n  ")}`);
      }
    } finally {
      // Every session this test signed in, however it did (zz-logs.e2e.ts greps the logs for them).
      for (const c of contexts) {
        const cookies = await c.cookies().catch(() => []);
        for (const cookie of cookies) if (/^hs_/.test(cookie.name)) recordSecret(`cookie ${cookie.name}`, cookie.value);
      }
      await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
      contexts = [];
      page = undefined;
    }
    if (!failed && dialogs.length) throw new Error(`the page opened ${dialogs.length} dialog(s): ${dialogs.join(" | ")}`);
    if (!failed && cspViolations.length) throw new Error(`the Content-Security-Policy refused:\n${cspViolations.join("\n")}`);
    if (!failed && pageErrors.length) throw new Error(`uncaught error(s) in the page:\n${pageErrors.join("\n---\n")}`);
  });

  return {
    baseUrl,
    adminToken,
    api,
    get browser() {
      if (!browser) throw new Error("e2e: the browser did not start");
      return browser;
    },
    get context() {
      const c = contexts[0];
      if (!c) throw new Error("e2e: no browser context outside a test");
      return c;
    },
    get page() {
      if (!page) throw new Error("e2e: no page outside a test");
      return page;
    },
    get dialogs() {
      return dialogs;
    },
    get pageErrors() {
      return pageErrors;
    },
    get cspViolations() {
      return cspViolations;
    },
    newPage: open,
  };
}
