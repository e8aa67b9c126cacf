// Leaving the editor with unsaved changes: an in-app link or the browser's back button asks "Leave
// without saving?"; Stay keeps the page and what was typed, Leave goes. A new draft is never saved
// automatically, so whatever is typed into it stays unsaved. The portal's own blocker does this
// (lib/router.tsx); this checks it in a real browser, back/forward included.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createPerson } from "./support/api.js";
import { signIn } from "./support/session.js";
import { useE2E } from "./support/suite.js";

const pathOf = (page: Page) => new URL(page.url()).pathname;

describe("leaving the editor with unsaved changes", () => {
  const e2e = useE2E();

  it("asks before a link or the back button leaves a dirty draft; Stay keeps it, Leave goes", async () => {
    const { page, baseUrl } = e2e;
    const person = await createPerson(baseUrl, "lena-leaves", "Lena Leaves");
    await signIn(page, person);
    // Everything below stays in one document: in-app links, and back/forward between them.
    await page.goto("/collections");
    await page.getByRole("heading", { level: 1, name: "Collections" }).waitFor();
    await page.getByRole("button", { name: "New entry" }).click();
    await page.getByRole("menuitem", { name: "New fix" }).click();
    const title = page.getByRole("textbox", { name: "Title", exact: true });
    const dialog = page.getByRole("dialog", { name: "Leave without saving?" });
    const collections = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Collections" });

    // Nothing typed: a link just goes.
    await title.waitFor();
    expect(pathOf(page)).toBe("/new/fix");
    await collections.click();
    await page.getByRole("heading", { level: 1, name: "Collections" }).waitFor();
    expect(await dialog.count()).toBe(0);

    // Back to the editor, type, and try to leave by the link: held.
    await page.evaluate(() => history.back());
    await title.waitFor();
    expect(pathOf(page)).toBe("/new/fix");
    await title.fill("Leaving halfway");
    await collections.click();
    await dialog.waitFor();
    expect(pathOf(page)).toBe("/new/fix");
    await dialog.getByRole("button", { name: "Stay", exact: true }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(pathOf(page)).toBe("/new/fix");
    expect(await title.inputValue()).toBe("Leaving halfway");

    // The back button: held too, the address put back; Stay keeps the draft.
    await page.evaluate(() => history.back());
    await dialog.waitFor();
    await expect.poll(() => pathOf(page)).toBe("/new/fix");
    await dialog.getByRole("button", { name: "Stay", exact: true }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(pathOf(page)).toBe("/new/fix");
    expect(await title.inputValue()).toBe("Leaving halfway");

    // Back again, and Leave: the portal goes back to where it was.
    await page.evaluate(() => history.back());
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Leave", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Collections" }).waitFor();
    expect(pathOf(page)).toBe("/collections");

    // Forward to a fresh editor, type, and leave by the link with Leave.
    await page.evaluate(() => history.forward());
    await title.waitFor();
    await title.fill("Second try");
    await collections.click();
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Leave", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Collections" }).waitFor();
    expect(pathOf(page)).toBe("/collections");
    expect(await dialog.count()).toBe(0);
  });
});
