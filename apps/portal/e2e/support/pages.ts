// Small page-level helpers shared by the scenarios: waiting for a page to settle before it is judged
// (axe, screenshots), and acting as a person by setting their session cookie on a browser context.
import type { BrowserContext, Page } from "playwright-core";
import type { Person } from "./api.js";

/**
 * Waits until the page looks finished: the network is quiet, no Mantine loader spins and every finite
 * CSS animation or transition (Mantine's dropdowns, modals, notifications) has ended, so axe never
 * judges a half-faded element. Waiting on the animations themselves, not a fixed time, keeps this the
 * same on a fast or a slow machine and any browser build. `extraMs` is only for JS-driven chart
 * animations before a screenshot (the dashboards), which no assertion depends on. Best effort with
 * bounded waits: a page that never settles is judged as it is, and its test says what is wrong.
 */
export async function settle(page: Page, extraMs = 0): Promise<void> {
  await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => undefined);
  await page
    .waitForFunction(() => document.querySelectorAll(".mantine-Loader-root").length === 0, undefined, { timeout: 10_000 })
    .catch(() => undefined);
  // Two frames first: a change just made (a colour scheme switched, a control selected) starts its CSS
  // transitions only at the next style recalculation, and until then there is nothing to wait for.
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every((a) => a.playState !== "running" || a.effect?.getComputedTiming().iterations === Infinity),
      undefined,
      { timeout: 10_000 },
    )
    .catch(() => undefined);
  if (extraMs > 0) await page.waitForTimeout(extraMs);
}

/** Signs a context in as `person` with the session cookie the API gave them (setup, not the sign-in flow). */
export async function useSession(context: BrowserContext, baseUrl: string, person: Pick<Person, "cookie">): Promise<void> {
  const [name, ...rest] = person.cookie.split("=");
  await context.addCookies([{ name: name!, value: rest.join("="), url: baseUrl, httpOnly: true, sameSite: "Lax" }]);
}
