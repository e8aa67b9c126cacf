// Screenshots of the pages the suite visits, for people to look at (issue acceptance 6), and of the
// page at the moment a test failed. Written to apps/portal/e2e/screenshots/ (gitignored).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { SCREENSHOTS_DIR } from "./paths.js";

function fileName(name: string): string {
  return `${name.replace(/[^a-z0-9._-]+/gi, "-").replace(/^-+|-+$/g, "").toLowerCase() || "page"}.png`;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, fileName(name));
  // A full-page shot of a scrolled page paints the sticky header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: true, animations: "disabled" });
  return path;
}

/** Best effort: a failing test's page may already be closed or crashed; the test's own error matters more. */
export async function failureScreenshot(page: Page, testName: string): Promise<string | null> {
  try {
    mkdirSync(join(SCREENSHOTS_DIR, "failures"), { recursive: true });
    const path = join(SCREENSHOTS_DIR, "failures", fileName(testName));
    await page.screenshot({ path, fullPage: true, timeout: 10_000 });
    return path;
  } catch {
    return null;
  }
}
