// The review workflow end to end: an author writes a fix in the editor and submits it for review to a
// teammate; the reviewer signs in, opens it, sees the Review section and requests changes with a
// comment, which the author reads on the entry page; the reviewer then approves; the author
// publishes it; then archives and restores it. Each step is checked in the browser and against the API.
import { describe, expect, it } from "vitest";
import { apiAs, createPerson } from "./support/api.js";
import { expectNoSeriousA11yViolations } from "./support/axe.js";
import { settle } from "./support/pages.js";
import { screenshot } from "./support/screenshots.js";
import { signIn } from "./support/session.js";
import { useE2E } from "./support/suite.js";

const TITLE = "Image pulls fail with 429 from the public registry";

describe("review: submit a draft to a reviewer, approve it, publish it", () => {
  const e2e = useE2E();

  it("goes draft → in review → changes requested → approved → published, then archived and restored", async () => {
    const { page, api, baseUrl } = e2e;
    const team = await api.teams.create.mutate({ slug: "platform-review-e2e", name: "Platform (review e2e)", description: "Clusters and CI." });
    const author = await createPerson(baseUrl, "rita-author", "Rita Author");
    const reviewer = await createPerson(baseUrl, "omar-reviewer", "Omar Reviewer");
    await api.teams.setMember.mutate({ teamId: team.id, userId: author.id, role: "member" });
    await api.teams.setMember.mutate({ teamId: team.id, userId: reviewer.id, role: "member" });

    // The author writes the fix in the editor.
    await signIn(page, author);
    await page.goto("/new/fix");
    await page.getByRole("textbox", { name: "Title", exact: true }).fill(TITLE);
    await page.getByRole("textbox", { name: "Summary", exact: true }).fill("Anonymous pulls hit the registry's rate limit; pull through the mirror instead.");
    const teamSelect = page.getByRole("textbox", { name: "Team", exact: true }).or(page.getByRole("combobox", { name: "Team", exact: true }));
    if ((await teamSelect.first().inputValue().catch(() => "")) !== team.name) {
      await teamSelect.first().click();
      await page.getByRole("option", { name: team.name, exact: true }).click();
    }
    const body = page.getByRole("textbox", { name: "Body", exact: true });
    await body.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("\n\nPoint the nodes' containerd at the registry mirror and pull again.\n");

    // Submit for review: the dialog saves first, then asks the reviewer.
    await page.getByRole("button", { name: "Submit for review", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Submit for review" });
    await dialog.waitFor();
    const reviewers = dialog.getByRole("textbox", { name: "Reviewers" }).or(dialog.getByRole("combobox", { name: "Reviewers" }));
    await reviewers.first().click();
    await reviewers.first().fill("Omar");
    await page.getByRole("option", { name: `${reviewer.name} (@${reviewer.handle})` }).click();
    // Close the option list (it may cover the buttons) without Escape, which would close the dialog.
    await dialog.getByRole("heading", { name: "Submit for review" }).click();
    await settle(page, 100);
    await screenshot(page, "review-submit-dialog");
    await dialog.getByRole("button", { name: "Submit", exact: true }).click();

    await page.waitForURL(/\/entries\/[^/]+$/, { timeout: 20_000 });
    const slug = new URL(page.url()).pathname.split("/").pop()!;
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(TITLE);
    const reviewRegion = page.getByRole("region", { name: "Review" });
    await reviewRegion.waitFor();
    await expect.poll(() => reviewRegion.textContent()).toContain(`${reviewer.name}`);
    await expect.poll(() => reviewRegion.textContent()).toContain("Pending");
    const submitted = await api.entries.get.query({ slug });
    expect(submitted.status).toBe("in_review");
    expect((await api.entries.reviewers.query({ id: submitted.id })).map((r) => [r.handle, r.state])).toEqual([[reviewer.handle, "pending"]]);
    await settle(page);
    await expectNoSeriousA11yViolations(page, "an in-review entry, as its author");
    await screenshot(page, "review-in-review-author");

    // The reviewer, in their own browser: opens it, sees the Review section, approves.
    const reviewerPage = await e2e.newPage();
    await signIn(reviewerPage, reviewer, `/entries/${slug}`);
    await reviewerPage.waitForURL(`**/entries/${slug}`);
    const theirRegion = reviewerPage.getByRole("region", { name: "Review" });
    await theirRegion.getByRole("heading", { level: 2, name: "Review" }).waitFor();
    const approve = theirRegion.getByRole("button", { name: "Approve", exact: true });
    await approve.waitFor();
    expect(await theirRegion.getByRole("button", { name: "Request changes", exact: true }).isEnabled()).toBe(true);
    await settle(reviewerPage);
    await expectNoSeriousA11yViolations(reviewerPage, "an in-review entry, as the requested reviewer");
    await screenshot(reviewerPage, "review-in-review-reviewer");
    // Dark mode follows the system, and the panel must hold at a laptop half-screen.
    await reviewerPage.emulateMedia({ colorScheme: "dark" });
    await settle(reviewerPage);
    await expectNoSeriousA11yViolations(reviewerPage, "an in-review entry in dark mode");
    await screenshot(reviewerPage, "review-in-review-reviewer-dark");
    await reviewerPage.emulateMedia({ colorScheme: "light" });
    await reviewerPage.setViewportSize({ width: 700, height: 900 });
    await settle(reviewerPage);
    await screenshot(reviewerPage, "review-in-review-reviewer-700px");
    await reviewerPage.setViewportSize({ width: 1280, height: 900 });

    // The reviewer requests changes: the request must say what should change.
    await theirRegion.getByRole("button", { name: "Request changes", exact: true }).click();
    const request = theirRegion.getByRole("form", { name: "Request changes" });
    const what = request.getByRole("textbox", { name: "What should change?" });
    await what.waitFor();
    await request.getByRole("button", { name: "Send request", exact: true }).click();
    await expect.poll(() => request.textContent()).toContain("Say what should change");
    const COMMENT_LINES = ["Name the mirror's hostname.", "<b>Also</b> say how to check the pull went through it."];
    await what.fill(COMMENT_LINES.join("\n"));
    await settle(reviewerPage);
    await expectNoSeriousA11yViolations(reviewerPage, "the request-changes form");
    await screenshot(reviewerPage, "review-request-changes-form");
    await request.getByRole("button", { name: "Send request", exact: true }).click();
    await expect.poll(() => theirRegion.textContent()).toMatch(/Changes requested on/);
    expect((await apiAs(baseUrl, reviewer).entries.reviewers.query({ id: submitted.id }))[0]).toMatchObject({
      state: "changes_requested",
      comment: COMMENT_LINES.join("\n"),
    });

    // The author reads the request on the entry page: as plain text, line breaks kept.
    await page.reload();
    await reviewRegion.waitFor();
    const said = reviewRegion.getByText(COMMENT_LINES[0]!, { exact: false });
    await said.waitFor();
    expect(await said.innerText()).toBe(COMMENT_LINES.join("\n"));
    expect(await reviewRegion.locator("b").count()).toBe(0);
    await settle(page);
    await expectNoSeriousA11yViolations(page, "an entry with a request for changes, as its author");
    await screenshot(page, "review-changes-requested-author");

    // The reviewer approves afterwards, which clears the request's comment.
    await approve.click();
    await expect.poll(() => theirRegion.textContent()).toMatch(/Approved on/);
    await expect.poll(async () => (await apiAs(baseUrl, reviewer).entries.reviewers.query({ id: submitted.id }))[0]).toMatchObject({ state: "approved", comment: null });
    await settle(reviewerPage);
    await screenshot(reviewerPage, "review-approved-reviewer");

    // The author publishes.
    await page.reload();
    await reviewRegion.waitFor();
    await expect.poll(() => reviewRegion.textContent()).toContain("The reviewer approved.");
    expect(await reviewRegion.textContent()).not.toContain(COMMENT_LINES[0]);
    await reviewRegion.getByRole("button", { name: "Publish", exact: true }).click();
    const publishAnyway = page.getByRole("button", { name: "Publish anyway" });
    await Promise.race([
      expect.poll(async () => (await api.entries.get.query({ slug })).status, { timeout: 20_000 }).toBe("published"),
      publishAnyway.waitFor({ timeout: 20_000 }).then(() => publishAnyway.click()),
    ]);
    await expect.poll(async () => (await api.entries.get.query({ slug })).status).toBe("published");
    await expect.poll(() => reviewRegion.count()).toBe(0);
    await expect.poll(() => page.getByRole("main").textContent()).toContain("Published");
    await settle(page);
    await screenshot(page, "review-published");

    // Archive (after confirming), then restore.
    await page.getByRole("button", { name: "Archive", exact: true }).click();
    const confirm = page.getByRole("dialog", { name: "Archive this entry?" });
    await confirm.waitFor();
    await confirm.getByRole("button", { name: "Archive entry" }).click();
    await expect.poll(async () => (await api.entries.get.query({ slug })).status).toBe("archived");
    const restore = page.getByRole("button", { name: "Restore", exact: true });
    await restore.waitFor();
    await expect.poll(() => page.getByRole("main").textContent()).toContain("Restore it to publish it again");
    await settle(page);
    await expectNoSeriousA11yViolations(page, "an archived entry, as its author");
    await screenshot(page, "review-archived");
    await restore.click();
    await expect.poll(async () => (await api.entries.get.query({ slug })).status).toBe("published");
    await page.getByRole("button", { name: "Archive", exact: true }).waitFor();
  });
});
