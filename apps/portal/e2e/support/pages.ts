// Small page-level helpers shared by the scenarios: waiting for a page to settle before it is judged
// (axe, screenshots), and acting as a person by setting their session cookie on a browser context.
import type { BrowserContext, Page } from "playwright-core";
import type { Person } from "./api.js";

/**
 * Waits until the page looks finished: the network is quiet and no Mantine loader spins. Best effort
 * with bounded waits: a page that never settles is judged as it is, and its test says what is wrong.
 */
export async function settle(page: Page, extraMs = 300): Promise<void> {
  await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => undefined);
  await page
    .waitForFunction(() => document.querySelectorAll(".mantine-Loader-root").length === 0, undefined, { timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForTimeout(extraMs);
}

/** Signs a context in as `person` with the session cookie the API gave them (setup, not the sign-in flow). */
export async function useSession(context: BrowserContext, baseUrl: string, person: Pick<Person, "cookie">): Promise<void> {
  const [name, ...rest] = person.cookie.split("=");
  await context.addCookies([{ name: name!, value: rest.join("="), url: baseUrl, httpOnly: true, sameSite: "Lax" }]);
}
