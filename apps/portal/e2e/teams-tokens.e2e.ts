// Teams and API tokens in the portal: a maintainer manages their team's members (and the API agrees),
// an admin creates a team, and a person creates an API token, uses the secret copied from the page
// against the REST API, then revokes it and the same call is refused. Plus axe and screenshots of
// the three pages in light, dark and 700px wide.
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { apiAs, createPerson, publishEntry, type Person } from "./support/api.js";
import { axeViolations, expectNoSeriousA11yViolations, formatViolations, type AxeViolation } from "./support/axe.js";
import { settle, useSession } from "./support/pages.js";
import { screenshot } from "./support/screenshots.js";
import { recordSecret } from "./support/record-secret.js";
import { signIn } from "./support/session.js";
import { useE2E } from "./support/suite.js";

const TEAM = { slug: "ledger-e2e", name: "Ledger (e2e)", description: "Double-entry ledger and settlement jobs." };
/** The seeded demo workspace's admin. */
const ADMIN = { handle: "mara.okafor", name: "Mara Okafor" };

describe("teams and API tokens", () => {
  const e2e = useE2E();
  let team: { id: string; slug: string };
  let maintainer: Person;
  let newcomer: Person;
  let tokenOwner: Person;

  beforeAll(async () => {
    if (!e2e.baseUrl) return;
    const { api, baseUrl, adminToken } = e2e;
    team = await api.teams.create.mutate(TEAM);
    maintainer = await createPerson(baseUrl, "mia-maintainer", "Mia Maintainer");
    newcomer = await createPerson(baseUrl, "noah-newcomer", "Noah Newcomer");
    tokenOwner = await createPerson(baseUrl, "tess-tokens", "Tess Tokens");
    await api.teams.setMember.mutate({ teamId: team.id, userId: maintainer.id, role: "maintainer" });
    // Something for the team page to show besides its members.
    const entry = await publishEntry(baseUrl, adminToken, {
      kind: "runbook",
      team: TEAM.slug,
      title: "Replaying a failed settlement batch",
      summary: "Find the batch, check the ledger totals, replay it idempotently.",
      body: "Check the batch status, compare ledger totals, then replay.",
    });
    const entryId = (await api.entries.get.query({ slug: entry.slug })).id;
    await apiAs(baseUrl, maintainer).collections.create.mutate({
      title: "Ledger: first week",
      teamId: team.id,
      isOnboarding: true,
      sections: [{ title: "Start here", items: [{ entryId, note: "" }] }],
    });
  });

  const members = async () =>
    Object.fromEntries((await e2e.api.teams.get.query({ id: team.id })).members.map((m) => [m.handle, m.role]));

  it("a maintainer adds a person to their team, changes their role and removes them; the API agrees", async () => {
    const { page } = e2e;
    await signIn(page, maintainer, "/teams");
    await page.getByRole("heading", { level: 1, name: "Teams" }).waitFor();
    await page.getByRole("link", { name: TEAM.name }).click();
    await page.waitForURL(`**/teams/${TEAM.slug}`);
    await page.getByRole("heading", { level: 1, name: TEAM.name }).waitFor();
    const table = page.getByRole("table", { name: "Members" });
    await table.getByRole("row").filter({ hasText: maintainer.name }).waitFor();
    await page.getByRole("link", { name: "Replaying a failed settlement batch" }).waitFor();
    await page.getByRole("link", { name: "Ledger: first week" }).waitFor();

    // Add: pick the person from the combobox (typing filters it), keep the role "Member".
    const picker = page.getByRole("combobox", { name: "Add a person" });
    await picker.click();
    await picker.fill("noah");
    await page.getByRole("option", { name: `${newcomer.name} (@${newcomer.handle})` }).click();
    await page.getByRole("button", { name: "Add member" }).click();
    const role = page.getByRole("combobox", { name: `Role for ${newcomer.name}` });
    await role.waitFor();
    expect(await role.inputValue()).toBe("member");
    await expect.poll(members).toMatchObject({ [newcomer.handle]: "member", [maintainer.handle]: "maintainer" });

    // Promote.
    await role.selectOption("maintainer");
    await expect.poll(members).toMatchObject({ [newcomer.handle]: "maintainer" });
    await expect.poll(() => role.inputValue()).toBe("maintainer");
    await settle(page);
    await screenshot(page, "team-maintainer-view");
    await expectNoSeriousA11yViolations(page, "the team page as its maintainer");

    // Remove, after confirming.
    await page.getByRole("button", { name: `Remove ${newcomer.name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Remove ${newcomer.name}?` });
    await dialog.waitFor();
    await settle(page);
    await screenshot(page, "team-remove-dialog");
    await expectNoSeriousA11yViolations(page, "the remove-member confirmation");
    await dialog.getByRole("button", { name: "Remove from team" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => table.getByRole("row").filter({ hasText: newcomer.name }).count()).toBe(0);
    await expect.poll(members).not.toHaveProperty(newcomer.handle);

    // The newcomer, a plain member elsewhere, sees the team without the management controls.
    const other = await e2e.newPage();
    await useSession(other.context(), e2e.baseUrl, newcomer);
    await other.goto(`/teams/${TEAM.slug}`);
    await other.getByRole("heading", { level: 1, name: TEAM.name }).waitFor();
    await other.getByRole("table", { name: "Members" }).waitFor();
    expect(await other.getByRole("button", { name: "Add member" }).count()).toBe(0);
    expect(await other.getByRole("button", { name: /^Remove / }).count()).toBe(0);
  });

  it("an admin creates a team from the New team dialog, with the slug derived from the name", async () => {
    const { page } = e2e;
    await signIn(page, ADMIN, "/teams");
    await page.getByRole("heading", { level: 1, name: "Teams" }).waitFor();
    await page.getByRole("button", { name: "New team" }).click();
    const dialog = page.getByRole("dialog", { name: "New team" });
    await dialog.getByRole("textbox", { name: "Name" }).fill("Billing Ops (e2e)");
    expect(await dialog.getByRole("textbox", { name: "Slug" }).inputValue()).toBe("billing-ops-e2e");
    await settle(page);
    await screenshot(page, "teams-new-team-dialog");
    await expectNoSeriousA11yViolations(page, "the New team dialog");
    await dialog.getByRole("button", { name: "Create team" }).click();
    await page.waitForURL("**/teams/billing-ops-e2e");
    await page.getByRole("heading", { level: 1, name: "Billing Ops (e2e)" }).waitFor();
    const created = await e2e.api.teams.get.query({ slug: "billing-ops-e2e" });
    expect(created.members.map((m) => [m.handle, m.role])).toEqual([[ADMIN.handle, "maintainer"]]);

    // A taken slug is refused with a message on the field, not a crash.
    await page.goto("/teams");
    await page.getByRole("button", { name: "New team" }).click();
    const again = page.getByRole("dialog", { name: "New team" });
    await again.getByRole("textbox", { name: "Name" }).fill("Billing Ops (e2e)");
    await again.getByRole("button", { name: "Create team" }).click();
    await again.getByText("A team with this slug already exists").waitFor();
  });

  it("a token created in the portal works against the REST API until it is revoked there", async () => {
    const { page, context, baseUrl } = e2e;
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
    await signIn(page, tokenOwner, "/settings/tokens");
    await page.getByRole("heading", { level: 1, name: "API tokens" }).waitFor();
    // The heading renders before the token list has loaded: wait for the list's own empty state.
    await page.getByText("You have no API tokens yet.").waitFor();
    // The examples are written for this Hindsight, not a placeholder host.
    expect(await page.getByText(`${new URL(baseUrl).origin}/api/v1/search?q=`).count()).toBeGreaterThan(0);

    await page.getByRole("textbox", { name: "Token name" }).fill("e2e search bot");
    await page.getByRole("button", { name: "Create token" }).click();
    const shown = page.getByRole("alert").filter({ hasText: "won't be shown again" });
    await shown.waitFor();
    await page.getByRole("button", { name: "Copy token" }).click();
    const secret = await page.evaluate(() => navigator.clipboard.readText());
    recordSecret("API token (created in the portal)", secret);
    expect(secret).toMatch(/^hst_[A-Za-z0-9_-]{20,}$/);
    expect(await shown.innerText()).toContain(secret);
    await settle(page);
    await screenshot(page, "tokens-created");
    await expectNoSeriousA11yViolations(page, "the tokens page showing a new token");
    await page.emulateMedia({ colorScheme: "dark" });
    await screenshot(page, "tokens-created-dark");
    await expectNoSeriousA11yViolations(page, "the tokens page showing a new token (dark)");
    await page.emulateMedia({ colorScheme: "light" });

    const search = () => fetch(`${baseUrl}/api/v1/search?q=settlement`, { headers: { authorization: `Bearer ${secret}` } });
    expect((await search()).status).toBe(200);

    // The list shows the new token, used just now.
    const row = page.getByRole("table", { name: "Your tokens" }).getByRole("row").filter({ hasText: "e2e search bot" });
    await row.waitFor();
    await page.reload();
    await row.waitFor();
    expect(await row.innerText()).not.toContain("Never");
    // Reloading forgot the secret: it is nowhere in the page any more.
    expect(await page.content()).not.toContain(secret);

    // Leaving through the user menu and coming back (client-side) does not bring it back either.
    await page.getByRole("textbox", { name: "Token name" }).fill("second");
    await page.getByRole("button", { name: "Create token" }).click();
    await page.getByRole("alert").filter({ hasText: "won't be shown again" }).waitFor();
    const second = (await page.getByRole("alert").filter({ hasText: "won't be shown again" }).innerText()).match(/hst_[A-Za-z0-9_-]+/)?.[0];
    expect(second).toBeTruthy();
    recordSecret("API token (created in the portal)", second);
    await page.getByRole("button", { name: tokenOwner.name }).click();
    await page.getByRole("menuitem", { name: "Teams" }).click();
    await page.getByRole("heading", { level: 1, name: "Teams" }).waitFor();
    await page.goBack();
    await page.getByRole("heading", { level: 1, name: "API tokens" }).waitFor();
    await row.waitFor();
    expect(await page.content()).not.toContain(second!);

    // Revoke in the portal, after confirming: the same call is now refused.
    await page.getByRole("button", { name: "Revoke e2e search bot" }).click();
    const dialog = page.getByRole("dialog", { name: "Revoke “e2e search bot”?" });
    await dialog.waitFor();
    await settle(page);
    await expectNoSeriousA11yViolations(page, "the revoke confirmation");
    await dialog.getByRole("button", { name: "Revoke token" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => row.innerText()).toMatch(/revoked/i);
    expect(await page.getByRole("button", { name: "Revoke e2e search bot" }).count()).toBe(0);
    expect((await search()).status).toBe(401);
  });

  interface PageCase {
    name: string;
    path: () => string;
    ready: (page: Page) => Promise<void>;
    as: () => Pick<Person, "cookie">;
  }

  const cases: PageCase[] = [
    {
      name: "teams",
      path: () => "/teams",
      ready: (page) => page.getByRole("link", { name: TEAM.name }).waitFor(),
      as: () => maintainer,
    },
    {
      name: "team",
      path: () => `/teams/${TEAM.slug}`,
      ready: (page) => page.getByRole("table", { name: "Members" }).waitFor(),
      as: () => maintainer,
    },
    {
      name: "tokens",
      path: () => "/settings/tokens",
      ready: (page) => page.getByRole("table", { name: "Your tokens" }).waitFor(),
      as: () => tokenOwner,
    },
  ];

  it.each(cases)("$name: no serious/critical axe violation in light, dark or 700px; screenshots saved", async (c) => {
    const { page } = e2e;
    await useSession(e2e.context, e2e.baseUrl, c.as());
    const found: { where: string; violations: AxeViolation[] }[] = [];
    for (const view of [
      { label: "light", colorScheme: "light", width: 1280 },
      { label: "dark", colorScheme: "dark", width: 1280 },
      { label: "700px", colorScheme: "light", width: 700 },
    ] as const) {
      await page.setViewportSize({ width: view.width, height: 900 });
      await page.emulateMedia({ colorScheme: view.colorScheme });
      await page.goto(c.path());
      await c.ready(page);
      await settle(page);
      await screenshot(page, `${c.name}-${view.label}`);
      found.push({ where: view.label, violations: await axeViolations(page) });
    }
    expect(await page.getByRole("heading", { level: 1 }).count()).toBe(1);
    const report = found
      .filter((f) => f.violations.length)
      .map((f) => `${f.where}:\n${formatViolations(f.violations)}`)
      .join("\n");
    expect(report, report).toBe("");
  });
});
