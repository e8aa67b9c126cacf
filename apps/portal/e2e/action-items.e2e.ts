// Action items that actually get closed: the owner of two items from a postmortem opens /action-items
// ("Mine"), sees the late one marked "Overdue", changes the other to done inline (it survives a reload
// and the API agrees), then closes the late one with a fix. axe runs on the page and screenshots are
// saved in light, dark and 700px. Setup goes through the API; everything checked happens in the browser.
import { describe, expect, it } from "vitest";
import { apiAs, createPerson, publishEntry } from "./support/api.js";
import { expectNoSeriousA11yViolations } from "./support/axe.js";
import { settle } from "./support/pages.js";
import { screenshot } from "./support/screenshots.js";
import { signIn } from "./support/session.js";
import { useE2E } from "./support/suite.js";

const LATE = "Add jittered backoff to checkout retries";
const NEXT = "Alert on gateway p99 latency before checkout notices";
const FIX_TITLE = "Checkout retries: exponential backoff with jitter";

/** A due date a year from today, so the second item is never overdue whenever the suite runs. */
function nextYear(): string {
  const d = new Date();
  return `${d.getFullYear() + 1}-06-30`;
}

describe("action items: the owner tracks and closes their items", () => {
  const e2e = useE2E();

  it("changes a status inline, keeps it after a reload, and closes an overdue item with a fix", async () => {
    const { page, api, baseUrl, adminToken } = e2e;
    const owner = await createPerson(baseUrl, "ada-actions", "Ada Actions");
    const pm = await publishEntry(baseUrl, adminToken, {
      kind: "postmortem",
      title: "Checkout retries amplified a gateway slowdown",
      summary: "Retries without backoff turned a slow gateway into an outage.",
      body: "The gateway slowed first; retries without backoff multiplied its load.",
      fields: {
        severity: "SEV2",
        actionItems: [
          { title: LATE, owner: "ada-actions", dueDate: "2025-01-15" },
          { title: NEXT, owner: "Ada Actions", dueDate: nextYear(), status: "in_progress" },
        ],
      },
    });
    const fix = await publishEntry(baseUrl, adminToken, {
      kind: "fix",
      title: FIX_TITLE,
      summary: "Cap retries and add jitter so a slow dependency is not hammered.",
      body: "Use exponential backoff with full jitter, capped at three attempts.",
    });

    await signIn(page, owner, "/action-items");
    await page.waitForURL("**/action-items");
    await page.getByRole("heading", { level: 1, name: "Action items" }).waitFor();
    expect(await page.getByRole("radio", { name: "Mine" }).isChecked()).toBe(true);
    const table = page.getByRole("table", { name: "Action items" });
    await table.waitFor();
    const lateRow = table.getByRole("row").filter({ hasText: LATE });
    const nextRow = table.getByRole("row").filter({ hasText: NEXT });
    // Both items are found: one owner written as a handle, the other as a name.
    await expect.poll(() => table.getByRole("row").count()).toBe(3);
    // textContent, not innerText: badges are upper-cased by CSS, the words themselves are not.
    await expect.poll(() => lateRow.textContent()).toContain("Overdue");
    expect(await nextRow.textContent()).not.toContain("Overdue");
    expect(await lateRow.getByRole("link", { name: pm.title }).getAttribute("href")).toBe(`/entries/${pm.slug}`);
    const figure = (term: string) => page.locator("dt", { hasText: new RegExp(`^${term}$`) }).locator("xpath=following-sibling::dd[1]");
    await expect.poll(() => figure("Overdue").textContent()).toBe("1");
    expect(await figure("Open").textContent()).toBe("2");

    await settle(page);
    await expectNoSeriousA11yViolations(page, "action items (light)");
    await screenshot(page, "action-items-light");

    // Inline: the item in progress becomes done.
    const nextStatus = page.getByRole("combobox", { name: `Status for “${NEXT}”` });
    expect(await nextStatus.inputValue()).toBe("In progress");
    await nextStatus.click();
    await page.getByRole("option", { name: "Done", exact: true }).click();
    await expect.poll(() => nextStatus.inputValue()).toBe("Done");
    await page.getByRole("status").filter({ hasText: `“${NEXT}” is now Done.` }).waitFor({ state: "attached" });
    await settle(page);

    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Action items" }).waitFor();
    const reloaded = page.getByRole("combobox", { name: `Status for “${NEXT}”` });
    await reloaded.waitFor();
    expect(await reloaded.inputValue()).toBe("Done");
    const asOwner = apiAs(baseUrl, owner);
    const entryId = (await api.entries.get.query({ slug: pm.slug })).id;
    const afterStatus = await asOwner.actionItems.list.query({ entryId });
    expect(afterStatus.find((i) => i.title === NEXT)).toMatchObject({ status: "done" });
    expect(afterStatus.find((i) => i.title === LATE)).toMatchObject({ status: "open", overdue: true, canUpdate: true });

    // Close the overdue item with the fix that resolved it.
    await page.getByRole("row").filter({ hasText: LATE }).getByRole("button", { name: "Close with a fix or runbook" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    const picker = dialog.getByRole("combobox", { name: "Fix or runbook" });
    await picker.fill("exponential backoff jitter");
    await page.getByRole("option", { name: new RegExp(`^${FIX_TITLE}`) }).click();
    await settle(page);
    await screenshot(page, "action-items-close-dialog");
    await dialog.getByRole("button", { name: "Close action item" }).click();
    await dialog.waitFor({ state: "detached" });
    const closedRow = page.getByRole("row").filter({ hasText: LATE });
    await closedRow.getByRole("link", { name: FIX_TITLE }).waitFor();
    await expect.poll(() => closedRow.textContent()).not.toContain("Overdue");
    await expect.poll(() => figure("Closed this month").textContent()).toBe("2");
    expect(await figure("Closure rate").textContent()).toBe("100%");
    await expect.poll(() => page.getByRole("combobox", { name: `Status for “${LATE}”` }).inputValue()).toBe("Done");
    const afterClose = await asOwner.actionItems.list.query({ entryId });
    expect(afterClose.find((i) => i.title === LATE)).toMatchObject({ status: "done", closedByEntryId: fix.id, overdue: false });

    // Filters live in the URL: "Open" only leaves nothing of mine, and says what to do.
    // The chips' inputs are visually hidden behind their labels; the keyboard reaches them as it would.
    const openOnly = page.getByRole("checkbox", { name: "Open", exact: true });
    await openOnly.focus();
    await page.keyboard.press("Space");
    await page.waitForURL((url) => url.searchParams.get("status") === "open");
    await page.getByText("No action items match these filters.").waitFor();
    await page.getByRole("button", { name: "Clear filters" }).first().click();
    await page.waitForURL((url) => !url.searchParams.has("status"));

    // The other tabs: Ada is in no team (the page says what to do); "All" holds everything she may read.
    // The segmented control's radios sit under their labels; a person clicks the label.
    const tab = (name: string) => page.locator("label").filter({ hasText: new RegExp(`^${name}$`) });
    await tab("My teams").click();
    await expect.poll(() => page.getByRole("radio", { name: "My teams" }).isChecked()).toBe(true);
    await page.waitForURL((url) => url.searchParams.get("tab") === "teams");
    await page.getByText("You are not in a team yet.").waitFor();
    await tab("All").click();
    await page.waitForURL((url) => url.searchParams.get("tab") === "all");
    await expect.poll(() => page.getByRole("table", { name: "Action items" }).getByRole("row").count()).toBeGreaterThan(3);
    await settle(page);
    await screenshot(page, "action-items-all");

    // The entry page shows the same live state, editable for the owner.
    await page.goto(`/entries/${pm.slug}`);
    await page.getByRole("heading", { level: 2, name: "Action items" }).waitFor();
    const entryStatus = page.getByRole("combobox", { name: `Status for “${LATE}”` });
    await expect.poll(() => entryStatus.inputValue()).toBe("Done");
    await page.getByRole("link", { name: FIX_TITLE }).first().waitFor();
    await settle(page);
    await expectNoSeriousA11yViolations(page, "postmortem with editable action items");
    await screenshot(page, "action-items-entry-table");
    await page.getByRole("link", { name: "Track these on the action items page" }).click();
    await page.waitForURL((url) => url.pathname === "/action-items" && url.searchParams.get("entry") === entryId);
    await expect.poll(() => page.getByRole("table", { name: "Action items" }).getByRole("row").count()).toBe(3);

    // Screenshots of the owner's list after the changes, light, dark and a laptop half-screen.
    await page.goto("/action-items");
    await page.getByRole("table", { name: "Action items" }).waitFor();
    await settle(page);
    await screenshot(page, "action-items-done-light");
    await page.emulateMedia({ colorScheme: "dark" });
    await settle(page);
    await expectNoSeriousA11yViolations(page, "action items (dark)");
    await screenshot(page, "action-items-dark");
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 700, height: 900 });
    await settle(page);
    await expectNoSeriousA11yViolations(page, "action items (700px)");
    await screenshot(page, "action-items-700px");
  });
});
