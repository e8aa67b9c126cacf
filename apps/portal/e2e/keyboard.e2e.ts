// Keyboard only: from the home page to an entry, to the command palette, to a new draft, without a
// pointer. Every step presses keys and checks where focus went, so a control that cannot be reached or
// operated from the keyboard fails here (axe, in pages.e2e.ts, cannot tell).
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createPerson } from "./support/api.js";
import { signIn } from "./support/session.js";
import { useE2E } from "./support/suite.js";

/** What has focus, as a person hears it: role-ish tag and accessible-ish name. */
function focused(page: Page): Promise<{ tag: string; label: string; text: string; href: string | null }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    const labelled = el?.labels?.[0]?.textContent ?? "";
    return {
      tag: el?.tagName.toLowerCase() ?? "",
      label: (el?.getAttribute("aria-label") ?? labelled).trim(),
      text: (el?.textContent ?? "").trim().slice(0, 200),
      href: el?.getAttribute("href") ?? null,
    };
  });
}

/** Presses Tab (or Shift+Tab) until `match` holds for the focused element; fails after `max` presses. */
async function tabTo(page: Page, match: (f: Awaited<ReturnType<typeof focused>>) => boolean, backwards = false, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
    if (match(await focused(page))) return;
  }
  throw new Error(`not reachable with Tab in ${max} presses; focus ended on ${JSON.stringify(await focused(page))}`);
}

describe("keyboard only", () => {
  const e2e = useE2E();

  it("searches, opens a result, opens the palette and starts a draft without a pointer", async () => {
    const { page, baseUrl } = e2e;
    const person = await createPerson(baseUrl, "kb-only", "Kim Keyboard");
    await signIn(page, person);

    // On a fresh page the first Tab offers the skip link, and following it puts focus on the main content.
    await page.goto("/collections");
    await page.getByRole("heading", { level: 1, name: "Collections" }).waitFor();
    await page.keyboard.press("Tab");
    expect((await focused(page)).text).toBe("Skip to content");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");

    // The home page is search, and the box already has focus.
    await page.goto("/");
    await page.getByRole("searchbox", { name: "Search Hindsight" }).waitFor();
    await expect.poll(async () => (await focused(page)).label).toBe("Search Hindsight");

    // Type, arrow into the results, open one with Enter.
    await page.keyboard.type("orders-db connection slots");
    const results = page.getByRole("list", { name: "Search results" });
    await results.waitFor();
    await page.keyboard.press("ArrowDown");
    const first = await focused(page);
    expect(first.tag).toBe("a");
    expect(first.href).toMatch(/^\/entries\//);
    await page.keyboard.press("Enter");
    await page.waitForURL(`**${first.href!}`);
    // The link's text starts with the entry's title, which becomes the page's h1 once the page has loaded.
    await expect.poll(async () => first.text.startsWith(((await page.getByRole("heading", { level: 1 }).textContent()) ?? "").trim() || "\u0000")).toBe(true);
    await page.getByRole("link", { name: "History" }).waitFor();

    // "/" opens the palette from a page where focus is not in a field; Enter runs the highlighted action.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press("/");
    const palette = page.getByPlaceholder("Search entries, collections and actions…");
    await palette.waitFor();
    await expect.poll(async () => (await focused(page)).tag).toBe("input");
    await page.keyboard.type("New runbook");
    await page.getByRole("option", { name: "New runbook", exact: true }).waitFor();
    await page.keyboard.press("Enter");
    await page.waitForURL("**/new/runbook");

    // The editor's fields are reachable and operable with Tab and typing, and so is saving.
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo(page, (f) => f.tag === "input" && f.label.startsWith("Title"));
    await page.keyboard.type("Rotate the edge-proxy certificates");
    await tabTo(page, (f) => f.tag === "button" && f.text === "Save draft", true);
    await page.keyboard.press("Enter");
    await page.getByText("Saved", { exact: true }).first().waitFor({ timeout: 20_000 });
    await page.waitForURL(/\/entries\/[^/]+\/edit$/);
  });
});
