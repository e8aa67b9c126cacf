// Scenario 3: a new hire completes an onboarding collection, and the progress bar they see and the
// curator's "Learners" table agree. Setup (team, people, entries, the path) goes through the API; the
// reading and the checking happen in the browser, as each person.
import { describe, expect, it } from "vitest";
import { apiAs, createPerson, publishEntry } from "./support/api.js";
import { settle } from "./support/pages.js";
import { screenshot } from "./support/screenshots.js";
import { signIn } from "./support/session.js";
import { useE2E } from "./support/suite.js";

const PATH_TITLE = "Storage team: first week";

describe("scenario 3: a new hire completes an onboarding path; the curator sees it", () => {
  const e2e = useE2E();

  it("shows 100% to the new hire and to the curator", async () => {
    const { page, api, baseUrl, adminToken } = e2e;
    const team = await api.teams.create.mutate({ slug: "storage-e2e", name: "Storage (e2e)", description: "Block and object storage." });
    const curator = await createPerson(baseUrl, "cora-curator", "Cora Curator");
    const hire = await createPerson(baseUrl, "nico-newhire", "Nico Newhire");
    await api.teams.setMember.mutate({ teamId: team.id, userId: curator.id, role: "maintainer" });
    await api.teams.setMember.mutate({ teamId: team.id, userId: hire.id, role: "member" });

    const entries = [
      await publishEntry(baseUrl, adminToken, {
        kind: "runbook",
        team: team.slug,
        title: "Replacing a failed disk in the object store",
        summary: "Drain, swap, rebalance.",
        body: "Check the node, drain it, swap the disk, let the cluster rebalance.",
      }),
      await publishEntry(baseUrl, adminToken, {
        kind: "fix",
        team: team.slug,
        title: "Volume attach times out after a node reboot",
        summary: "Stale attachment records block the new attach.",
        body: "Clear the stale VolumeAttachment, then retry the attach.",
      }),
      await publishEntry(baseUrl, adminToken, {
        kind: "postmortem",
        team: team.slug,
        title: "Object store read latency during rebalance",
        summary: "A rebalance without throttling slowed reads for an hour.",
        body: "Throttle rebalances during business hours.",
      }),
    ];
    const ids = await Promise.all(entries.map(async (e) => (await api.entries.get.query({ slug: e.slug })).id));
    // The curator builds the path, as the team's maintainer.
    const path = await apiAs(baseUrl, curator).collections.create.mutate({
      title: PATH_TITLE,
      description: "Read these before your first on-call shift.",
      teamId: team.id,
      isOnboarding: true,
      sections: [
        { title: "Day one", items: [{ entryId: ids[0]!, note: "" }, { entryId: ids[1]!, note: "" }] },
        { title: "Day two", items: [{ entryId: ids[2]!, note: "" }] },
      ],
    });

    // The new hire: /onboarding lists the path with its own progress bar; open it and read everything.
    await signIn(page, hire);
    await page.goto("/onboarding");
    await page.getByRole("heading", { level: 1, name: "Your onboarding" }).waitFor();
    await page.getByRole("progressbar", { name: `${PATH_TITLE} progress` }).waitFor();
    expect(await page.getByRole("progressbar", { name: `${PATH_TITLE} progress` }).getAttribute("aria-valuenow")).toBe("0");
    await settle(page);
    await screenshot(page, "scenario-3-onboarding-before");
    await page.getByRole("link", { name: PATH_TITLE }).first().click();
    await page.waitForURL(`**/collections/${path.slug}`);
    await page.getByRole("heading", { level: 1, name: PATH_TITLE }).waitFor();

    const progress = page.getByRole("progressbar", { name: "Your progress" });
    await progress.waitFor();
    expect(await progress.getAttribute("aria-valuenow")).toBe("0");
    for (const [i, entry] of entries.entries()) {
      const box = page.getByRole("checkbox", { name: `Mark “${entry.title}” as read` });
      // The box is controlled by the saved progress, so it turns checked once the server answers.
      await box.click();
      await expect.poll(() => box.isChecked()).toBe(true);
      const expected = String(Math.floor(((i + 1) / entries.length) * 100));
      await expect.poll(() => progress.getAttribute("aria-valuenow")).toBe(expected);
    }
    await expect.poll(() => progress.getAttribute("aria-valuenow")).toBe("100");
    await settle(page);
    await screenshot(page, "scenario-3-collection-complete");
    const hireView = await apiAs(baseUrl, hire).collections.progress.query({ collectionId: path.id });
    expect(hireView.percent).toBe(100);

    // The curator, in another browser context: the Learners table shows the new hire at 100%.
    const curatorPage = await e2e.newPage();
    await signIn(curatorPage, curator);
    await curatorPage.goto(`/collections/${path.slug}`);
    await curatorPage.getByRole("heading", { level: 1, name: PATH_TITLE }).waitFor();
    const learners = curatorPage.getByRole("table", { name: "Learners" });
    await learners.waitFor();
    const row = learners.getByRole("row").filter({ hasText: hire.name });
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.innerText()).toMatch(/(^|\s)100\s?%/);
    const headers = (await learners.getByRole("columnheader").allTextContents()).map((h) => h.trim());
    expect(headers).toEqual(expect.arrayContaining(["Person", "Progress"]));
    await settle(curatorPage);
    await screenshot(curatorPage, "scenario-3-curator-learners");
  });
});
