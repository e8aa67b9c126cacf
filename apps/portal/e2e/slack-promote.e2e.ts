// Scenario 2: import the corpus Slack export from the portal's Import page, open a transcript it
// created, promote two messages into a fix draft, publish it from the editor, and vote "this worked".
import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createPerson } from "./support/api.js";
import { corpusSkipReason, zipCorpusSlackExport } from "./support/corpus.js";
import { settle } from "./support/pages.js";
import { screenshot } from "./support/screenshots.js";
import { signIn } from "./support/session.js";
import { useE2E } from "./support/suite.js";

const FIX_TITLE = "Channel broadcasts flood new members after a Slack import";

describe("scenario 2: Slack import, promote two messages to a fix, publish, vote", () => {
  const e2e = useE2E();
  const noCorpus = corpusSkipReason();
  let zipPath: string | null = null;
  afterAll(() => {
    if (zipPath) rmSync(dirname(zipPath), { recursive: true, force: true });
  });

  it("imports, promotes, publishes and counts the vote", async (ctx) => {
    if (noCorpus) ctx.skip(noCorpus);
    const { page, api, baseUrl } = e2e;
    zipPath = zipCorpusSlackExport();
    const person = await createPerson(baseUrl, "chatops-importer", "Chen Importer");
    const team = (await api.teams.list.query())[0];
    if (team) await api.teams.setMember.mutate({ teamId: team.id, userId: person.id, role: "maintainer" });
    await signIn(page, person);

    // Import through the page's file input (the dropzone's <input type=file>).
    await page.goto("/import");
    await page.getByLabel("Slack export (.zip)").setInputFiles(zipPath);
    await page.getByRole("button", { name: "Import Slack export" }).click();
    const reportLinks = page.getByRole("main").locator('a[href^="/entries/"]');
    await reportLinks.first().waitFor({ timeout: 30_000 });
    await settle(page);
    await screenshot(page, "scenario-2-import-report");
    const hrefs = [...new Set(await reportLinks.evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? "")))].filter((h) =>
      /^\/entries\/[^/]+$/.test(h),
    );
    expect(hrefs.length, "the import report links the transcripts it created").toBeGreaterThan(0);

    // Open the transcripts in turn until one has two messages to pick (the corpus has a busy day and a quiet one).
    const messageBoxes = page.getByRole("checkbox", { name: /^Select message from / });
    let transcriptSlug: string | null = null;
    for (const href of hrefs) {
      await page.goto(href);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await settle(page);
      if ((await messageBoxes.count()) >= 2) {
        transcriptSlug = href.split("/").pop()!;
        break;
      }
    }
    expect(transcriptSlug, `a transcript with at least two selectable messages among ${hrefs.join(", ")}`).not.toBeNull();
    const transcript = await api.entries.get.query({ slug: transcriptSlug! });
    expect(transcript.kind).toBe("transcript");

    const promote = page.getByRole("button", { name: "Promote to fix" });
    expect(await promote.isDisabled(), "Promote is disabled until a message is picked").toBe(true);
    await messageBoxes.nth(0).check();
    await messageBoxes.nth(1).check();
    await screenshot(page, "scenario-2-transcript-selected");
    await promote.click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("textbox", { name: "Title" }).fill(FIX_TITLE);
    await dialog.getByRole("button", { name: "Create draft" }).click();
    await page.waitForURL(/\/entries\/[^/]+\/edit$/, { timeout: 20_000 });
    const draftSlug = new URL(page.url()).pathname.split("/")[2]!;
    await page.getByRole("textbox", { name: "Title", exact: true }).waitFor();
    expect(await page.getByRole("textbox", { name: "Title", exact: true }).inputValue()).toBe(FIX_TITLE);
    const draft = await api.entries.get.query({ slug: draftSlug });
    expect(draft.kind).toBe("fix");
    expect(draft.status).toBe("draft");

    // Publish from the editor (over blameless warnings if the check asks).
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    const publishAnyway = page.getByRole("button", { name: "Publish anyway" });
    await Promise.race([
      page.waitForURL(/\/entries\/[^/]+$/, { timeout: 20_000 }),
      publishAnyway.waitFor({ timeout: 20_000 }).then(() => publishAnyway.click()),
    ]);
    await page.waitForURL(/\/entries\/[^/]+$/, { timeout: 20_000 });
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(FIX_TITLE);
    const fix = await api.entries.get.query({ slug: draftSlug });
    expect(fix.status).toBe("published");

    // "This worked for me": the count shown goes up by one, and the API agrees.
    const before = await api.fixes.feedback.query({ entryId: fix.id });
    const worked = page.getByRole("button", { name: /This worked for me/ });
    await worked.waitFor();
    // The vote area: the section around the button (its count is shown there, e.g. as a status line).
    const voteArea = worked.locator("xpath=ancestor::section[1]");
    // innerText, not textContent: rendered text keeps the spaces between a button label and a count.
    const areaText = async () => ((await voteArea.count()) ? voteArea.innerText() : page.getByRole("main").innerText());
    const shownBefore = await areaText();
    await worked.click();
    await expect.poll(async () => (await api.fixes.feedback.query({ entryId: fix.id })).worked).toBe(before.worked + 1);
    const newCount = new RegExp(`\\b${before.worked + 1}\\b`);
    await expect.poll(areaText, { message: "the page shows the new count" }).toMatch(newCount);
    expect(await areaText()).not.toBe(shownBefore);
    await expect.poll(() => worked.getAttribute("aria-pressed")).not.toBe("false");
    await screenshot(page, "scenario-2-fix-voted");
  });
});
