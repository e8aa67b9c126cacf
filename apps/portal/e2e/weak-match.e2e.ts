// A search whose hits only share some of its words: the API flags it (`weakMatch`, tested against the
// corpus in the API's search tests); here the portal must say so above the hits and offer to publish,
// and must not for a clear answer. The flag is set on the real response of a real search, so the page
// renders exactly what the API would send for a weak match.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createPerson } from "./support/api.js";
import { settle } from "./support/pages.js";
import { screenshot } from "./support/screenshots.js";
import { signIn } from "./support/session.js";
import { useE2E } from "./support/suite.js";

/** Sets `weakMatch` on every search result in the tRPC responses of `page`. */
async function flagSearchesWeak(page: Page): Promise<void> {
  const flag = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(flag);
    if (value === null || typeof value !== "object") return;
    const o = value as Record<string, unknown>;
    if (Array.isArray(o.hits) && "weakMatch" in o) o.weakMatch = true;
    Object.values(o).forEach(flag);
  };
  await page.route(/\/trpc\/[^?]*search\.query/, async (route) => {
    const response = await route.fetch();
    const json: unknown = await response.json();
    flag(json);
    await route.fulfill({ response, json });
  });
}

describe("weak matches in the portal", () => {
  const e2e = useE2E();
  const QUERY = "orders-db connection slots";

  const searchFor = async (page: Page, q: string) => {
    await page.goto(`/?q=${encodeURIComponent(q)}`);
    await page.getByRole("region", { name: "Search results" }).or(page.getByLabel("Search results")).first().waitFor();
  };

  it("shows no warning above a clear answer", async () => {
    const { page, baseUrl } = e2e;
    const reader = await createPerson(baseUrl, "weak-reader", "Weak Reader");
    await signIn(page, reader);
    await searchFor(page, QUERY);
    await expect.poll(() => page.getByRole("link", { name: /connection slots/i }).count()).toBeGreaterThan(0);
    expect(await page.getByText("No clear answer yet").count()).toBe(0);
  });

  it("says a weak match is no clear answer, keeps the hits, and links to publishing one", async () => {
    const { page, baseUrl } = e2e;
    const reader = await createPerson(baseUrl, "weak-reader-2", "Weak Reader Two");
    await signIn(page, reader);
    await flagSearchesWeak(page);
    await searchFor(page, QUERY);
    const notice = page.getByRole("alert").filter({ hasText: "No clear answer yet" });
    await notice.waitFor();
    expect(await notice.textContent()).toContain(`none of them is clearly about “${QUERY}”`);
    expect(await page.getByRole("link", { name: /connection slots/i }).count()).toBeGreaterThan(0);
    const publish = notice.getByRole("link", { name: "publish what you learn" });
    expect(await publish.getAttribute("href")).toMatch(/^\/new\/fix\?title=/);
    await settle(page);
    await screenshot(page, "search-weak-match");
  });
});
