// Scenarios 5 and 6: axe finds no serious or critical violation on the main pages (search, an entry of
// every kind, history, editor, collection, dashboards, plus sign-in, browse, import, onboarding, account and subscriptions), in
// light and dark, and
// the run saves a screenshot of each (light, dark, and 700px wide: a laptop half-screen) to look at.
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createPerson, publishEntry, type Person } from "./support/api.js";
import { axeViolations, formatViolations, type AxeViolation } from "./support/axe.js";
import { settle, useSession } from "./support/pages.js";
import { screenshot } from "./support/screenshots.js";
import { useE2E } from "./support/suite.js";

interface PageCase {
  name: string;
  path: () => string;
  /** What shows the page has rendered its content (not a loader or an error). */
  ready: (page: Page) => Promise<void>;
  signedOut?: boolean;
  /** Charts animate in; give them time before the screenshot. */
  settleMs?: number;
}

describe("scenarios 5 + 6: accessibility and screenshots of the main pages", () => {
  const e2e = useE2E();
  let reader: Person;
  let entry: { slug: string; title: string };
  let collection: { slug: string; title: string };
  /** A seeded entry of each other kind, so every kind's page is checked. */
  const byKind = new Map<string, { slug: string; title: string }>();

  beforeAll(async () => {
    if (!e2e.baseUrl) return;
    reader = await createPerson(e2e.baseUrl, "page-reader", "Page Reader");
    const team = (await e2e.api.teams.list.query())[0];
    if (team) await e2e.api.teams.setMember.mutate({ teamId: team.id, userId: reader.id, role: "member" });
    entry = await publishEntry(e2e.baseUrl, e2e.adminToken, {
      kind: "postmortem",
      title: "Search cluster brownout during index rebuild",
      summary: "Queries slowed for 40 minutes while a full reindex competed with live traffic.",
      team: team?.slug,
      tags: ["search", "capacity"],
      body: "## What happened\n\nA scheduled reindex ran at peak.\n\n```sh\nkubectl -n search get pods\n```\n",
      fields: {
        severity: "SEV2",
        incident: { startedAt: "2025-03-04T09:00:00Z", detectedAt: "2025-03-04T09:12:00Z", resolvedAt: "2025-03-04T09:40:00Z" },
        timeline: [
          { at: "2025-03-04T09:00:00Z", text: "Reindex job starts" },
          { at: "2025-03-04T09:12:00Z", text: "Latency alert fires" },
          { at: "2025-03-04T09:40:00Z", text: "Reindex paused; latency recovers" },
        ],
        contributingFactors: ["The reindex schedule predates the current traffic peak"],
        actionItems: [{ title: "Move the reindex window off-peak", owner: "page-reader", dueDate: "2025-04-01", status: "open" }],
      },
    });
    const created = await e2e.api.collections.create.mutate({
      title: "Search on-call basics",
      description: "What a new search on-caller reads first.",
      teamId: team?.id ?? null,
      isOnboarding: true,
      sections: [{ title: "Start here", items: [{ entryId: (await e2e.api.entries.get.query({ slug: entry.slug })).id, note: "Read the timeline." }] }],
    });
    collection = { slug: created.slug, title: created.title };
    for (const kind of ["fix", "runbook", "transcript", "gameday"] as const) {
      const found = (await e2e.api.entries.list.query({ kind, status: "published", limit: 1 })).items[0];
      if (found) byKind.set(kind, { slug: found.slug, title: found.title });
    }
    // A second revision, so the history page has something to compare.
    const current = await e2e.api.entries.get.query({ slug: entry.slug });
    await e2e.api.entries.update.mutate({
      id: current.id,
      expectedVersion: current.version,
      body: `${current.body}\n## Follow-up\n\nThe reindex now runs at 03:00 UTC.\n`,
      note: "Add the follow-up",
    });
  });

  /** A page for the seeded entry of `kind`; the demo workspace has one of each. */
  const kindCase = (kind: string): PageCase => ({
    name: `entry-${kind}`,
    path: () => `/entries/${byKind.get(kind)?.slug ?? `missing-seeded-${kind}`}`,
    ready: (page) => page.getByRole("heading", { level: 1, name: byKind.get(kind)?.title ?? "" }).waitFor(),
  });

  const cases: PageCase[] = [
    {
      name: "search",
      path: () => "/",
      ready: (page) => page.getByRole("searchbox", { name: "Search Hindsight" }).waitFor(),
    },
    {
      name: "entry",
      path: () => `/entries/${entry.slug}`,
      ready: (page) => page.getByRole("heading", { level: 1, name: entry.title }).waitFor(),
    },
    kindCase("fix"),
    kindCase("runbook"),
    kindCase("transcript"),
    kindCase("gameday"),
    {
      name: "history",
      path: () => `/entries/${entry.slug}/history`,
      ready: (page) => page.getByRole("heading", { level: 2, name: "Compare revisions" }).waitFor(),
    },
    {
      name: "editor",
      path: () => "/new/postmortem",
      ready: (page) => page.getByRole("textbox", { name: "Title", exact: true }).waitFor(),
    },
    {
      name: "collection",
      path: () => `/collections/${collection.slug}`,
      ready: (page) => page.getByRole("heading", { level: 1, name: collection.title }).waitFor(),
    },
    {
      name: "dashboards",
      path: () => "/dashboards",
      ready: (page) => page.getByRole("heading", { level: 1, name: "Dashboards" }).waitFor(),
      settleMs: 2_000,
    },
    {
      name: "sign-in",
      path: () => "/sign-in",
      ready: (page) => page.getByRole("heading", { level: 1, name: "Hindsight" }).waitFor(),
      signedOut: true,
    },
    {
      name: "browse",
      path: () => "/entries",
      ready: (page) => page.getByRole("heading", { level: 1 }).first().waitFor(),
    },
    {
      name: "import",
      path: () => "/import",
      ready: (page) => page.getByRole("heading", { level: 1 }).first().waitFor(),
    },
    {
      name: "onboarding",
      path: () => "/onboarding",
      ready: (page) => page.getByRole("heading", { level: 1, name: "Your onboarding" }).waitFor(),
    },
    {
      name: "account",
      path: () => "/settings/account",
      ready: (page) => page.getByRole("heading", { level: 1, name: "Account" }).waitFor(),
    },
    {
      name: "subscriptions",
      path: () => "/settings/subscriptions",
      ready: (page) => page.getByRole("heading", { level: 1, name: "Subscriptions" }).waitFor(),
    },
  ];

  it.each(cases)("$name: no serious/critical axe violation in light or dark; screenshots saved", async (c) => {
    const { page } = e2e;
    if (!c.signedOut) await useSession(e2e.context, e2e.baseUrl, reader);
    const found: { where: string; violations: AxeViolation[] }[] = [];
    const problems: string[] = [];

    for (const view of [
      { label: "light", colorScheme: "light", width: 1280 },
      { label: "dark", colorScheme: "dark", width: 1280 },
      { label: "700px", colorScheme: "light", width: 700 },
    ] as const) {
      await page.setViewportSize({ width: view.width, height: 900 });
      await page.emulateMedia({ colorScheme: view.colorScheme });
      await page.goto(c.path());
      try {
        await c.ready(page);
      } catch (err) {
        problems.push(`${view.label}: the page did not render its content: ${(err as Error).message.split("\n")[0]}`);
      }
      await settle(page, c.settleMs);
      await screenshot(page, `${c.name}-${view.label}`);
      found.push({ where: view.label, violations: await axeViolations(page) });
    }

    // One h1 per page (house rule), checked where the content rendered.
    const h1s = await page.getByRole("heading", { level: 1 }).count();
    if (h1s !== 1) problems.push(`expected exactly one h1, found ${h1s}`);
    const report = found
      .filter((f) => f.violations.length)
      .map((f) => `${f.where}:\n${formatViolations(f.violations)}`)
      .join("\n");
    if (report) problems.push(`axe: serious/critical violations on ${c.path()}:\n${report}`);
    expect(problems, problems.join("\n")).toEqual([]);
  });
});
