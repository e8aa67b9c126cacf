// Scenario 1: sign in, write and publish a postmortem with a timeline and an action item in the
// editor, then, from another page, find it with a one-typo query through Ctrl-K and open it.
import { describe, expect, it } from "vitest";
import { createPerson } from "./support/api.js";
import { settle } from "./support/pages.js";
import { screenshot } from "./support/screenshots.js";
import { signIn } from "./support/session.js";
import { useE2E } from "./support/suite.js";

const TITLE = "Checkout retries amplified a payment gateway slowdown";
/** One typo ("gatway"), as someone would type it from memory. */
const TYPO_QUERY = "payment gatway slowdown";

describe("scenario 1: publish a postmortem, then find it with a typo via Ctrl-K", () => {
  const e2e = useE2E();

  it("writes, publishes and finds the postmortem", async () => {
    const { page, api, baseUrl } = e2e;
    const author = await createPerson(baseUrl, "pm-author", "Priya Author");
    const team = (await api.teams.list.query())[0];
    expect(team, "the demo workspace has a team to publish under").toBeDefined();
    await api.teams.setMember.mutate({ teamId: team!.id, userId: author.id, role: "maintainer" });

    await signIn(page, author);
    await page.goto("/new/postmortem");
    await page.getByRole("textbox", { name: "Title", exact: true }).fill(TITLE);
    await page.getByRole("textbox", { name: "Summary", exact: true }).fill(
      "Client retries without backoff multiplied load on a slow gateway; checkout errors rose for 25 minutes.",
    );

    const teamSelect = page.getByRole("textbox", { name: "Team", exact: true }).or(page.getByRole("combobox", { name: "Team", exact: true }));
    if (await teamSelect.count()) {
      const current = await teamSelect.first().inputValue().catch(() => "");
      if (current !== team!.name) {
        await teamSelect.first().click();
        await page.getByRole("option", { name: team!.name, exact: true }).click();
      }
    }

    const body = page.getByRole("textbox", { name: "Body", exact: true });
    await body.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("\n\n## Notes from the review\n\nThe gateway's latency rose first; our retries made it worse.\n");

    await page.getByRole("button", { name: "Add timeline event" }).click();
    await page.getByRole("textbox", { name: "Event 1 time" }).fill("2025-05-02T14:05:00Z");
    await page.getByRole("textbox", { name: "Event 1 description" }).fill("Gateway p99 latency passes 2 s");
    await page.getByRole("button", { name: "Add timeline event" }).click();
    await page.getByRole("textbox", { name: "Event 2 time" }).fill("2025-05-02T14:30:00Z");
    await page.getByRole("textbox", { name: "Event 2 description" }).fill("Retries capped; checkout recovers");

    await page.getByRole("button", { name: "Add action item" }).click();
    await page.getByRole("textbox", { name: "Action item 1 title" }).fill("Add jittered backoff to checkout retries");
    await page.getByRole("textbox", { name: "Action item 1 owner" }).fill("pm-author");
    await screenshot(page, "scenario-1-editor-filled");

    await page.getByRole("button", { name: "Publish", exact: true }).click();
    // The blameless check may ask first; our text is blameless, but "Publish anyway" is the contract if it warns.
    const publishAnyway = page.getByRole("button", { name: "Publish anyway" });
    await Promise.race([
      page.waitForURL(/\/entries\/[^/]+$/, { timeout: 20_000 }),
      publishAnyway.waitFor({ timeout: 20_000 }).then(() => publishAnyway.click()),
    ]);
    await page.waitForURL(/\/entries\/[^/]+$/, { timeout: 20_000 });
    const slug = new URL(page.url()).pathname.split("/").pop()!;
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(TITLE);
    await page.getByRole("heading", { level: 2, name: "Timeline" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Action items" }).waitFor();
    await expect.poll(() => page.getByRole("main").textContent()).toContain("Add jittered backoff to checkout retries");
    await settle(page);
    await screenshot(page, "scenario-1-published-postmortem");

    const published = await api.entries.get.query({ slug });
    expect(published.status).toBe("published");
    expect(published.kind).toBe("postmortem");

    // From another page: Ctrl-K, a query with one typo, pick the entry.
    await page.goto("/dashboards");
    await page.getByRole("heading", { level: 1, name: "Dashboards" }).waitFor();
    await page.keyboard.press("Control+K");
    const palette = page.getByPlaceholder("Search entries, collections and actions…");
    await palette.waitFor();
    await palette.fill(TYPO_QUERY);
    const option = page.getByRole("option", { name: new RegExp(TITLE.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) });
    await option.first().waitFor({ timeout: 15_000 });
    await screenshot(page, "scenario-1-command-palette");
    await option.first().click();
    await page.waitForURL(`**/entries/${slug}`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(TITLE);
  });
});
