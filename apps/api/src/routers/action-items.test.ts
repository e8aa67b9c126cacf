import { databaseTargets } from "@hindsight/db/testing";
import { describe, expect } from "vitest";
import { rest, trpc, useHarness } from "../test/harness.js";

const targets = await databaseTargets();

interface Item {
  id: string;
  title: string;
  status: string;
  overdue: boolean;
  owner: string | null;
  teamSlug: string | null;
  closedByEntryId: string | null;
  entryId: string;
}
interface EntryWire {
  id: string;
  version: number;
  fields: { actionItems?: { id: string; title: string; status: string }[]; lastReviewedAt?: string };
}

describe.each(targets)("action items, feedback and runbook reviews on $name", (target) => {
  const { h, run, note } = useHarness(target);

  run(`tracks action items across postmortems: filters, overdue, closure by a fix${note}`, async () => {
    const cookie = h.people.author.cookie;
    const pm1 = await trpc<EntryWire>(
      h.app,
      "entries.create",
      {
        kind: "postmortem",
        title: "Queue outage",
        teamId: h.teams.alpha,
        status: "published",
        fields: {
          actionItems: [
            { title: "Add queue depth alert", owner: "author", dueDate: "2020-01-01" },
            { title: "Document failover", owner: "teammate", dueDate: "2999-01-01", status: "in_progress" },
          ],
        },
      },
      { cookie },
    );
    expect(pm1.status).toBe(200);
    const ids = pm1.data!.fields.actionItems!.map((i) => i.id);
    expect(ids).toHaveLength(2);
    await trpc(
      h.app,
      "entries.create",
      { kind: "gameday", title: "Zone loss drill", teamId: h.teams.alpha, status: "published", fields: { actionItems: [{ title: "Shorten DNS TTL", team: "beta", status: "done" }] } },
      { cookie },
    );

    const byOwner = await trpc<Item[]>(h.app, "actionItems.list", { owner: "author" }, { cookie });
    expect(byOwner.data!.map((i) => i.title)).toEqual(["Add queue depth alert"]);
    const overdue = await trpc<Item[]>(h.app, "actionItems.list", { overdue: true }, { cookie });
    expect(overdue.data!.map((i) => i.title)).toEqual(["Add queue depth alert"]);
    expect(overdue.data![0]!.overdue).toBe(true);
    const inProgress = await trpc<Item[]>(h.app, "actionItems.list", { status: ["in_progress"] }, { cookie });
    expect(inProgress.data!.map((i) => i.title)).toEqual(["Document failover"]);
    const betaItems = await trpc<Item[]>(h.app, "actionItems.list", { teamId: h.teams.beta }, { cookie });
    expect(betaItems.data!.map((i) => i.title)).toEqual(["Shorten DNS TTL"]);

    // A fix closes the overdue item; the postmortem and the stats reflect it.
    const fix = await trpc<EntryWire>(h.app, "entries.create", { kind: "fix", title: "Queue depth alert", status: "published" }, { cookie });
    const closed = await trpc<Item>(h.app, "actionItems.update", { id: ids[0], closedByEntryId: fix.data!.id }, { cookie });
    expect(closed.data).toMatchObject({ status: "done", closedByEntryId: fix.data!.id, overdue: false });
    const pmAfter = await trpc<EntryWire>(h.app, "entries.get", { id: pm1.data!.id }, { cookie });
    expect(pmAfter.data!.fields.actionItems![0]).toMatchObject({ id: ids[0], status: "done", closedByEntryId: fix.data!.id });
    const stillOverdue = await trpc<Item[]>(h.app, "actionItems.list", { overdue: true }, { cookie });
    expect(stillOverdue.data).toEqual([]);
    const stats = await trpc<{ total: number; closed: number; closureRate: number; byTeam: { teamSlug: string; total: number; closed: number }[] }>(
      h.app,
      "actionItems.stats",
      undefined,
      { cookie },
    );
    expect(stats.data).toMatchObject({ total: 3, closed: 2 });
    expect(stats.data!.closureRate).toBeCloseTo(2 / 3);
    expect(stats.data!.byTeam.find((t) => t.teamSlug === "alpha")).toMatchObject({ total: 2, closed: 1 });

    // Someone outside the team may neither see a team-only postmortem's items nor close them.
    const other = await trpc(h.app, "actionItems.update", { id: ids[1], status: "done" }, { cookie: h.people.other.cookie });
    expect(other.status).toBe(403);

    // Editing the postmortem keeps ids and tracking state, and removing an item deletes its row.
    const kept = pmAfter.data!.fields.actionItems!.slice(0, 1);
    const edited = await trpc<EntryWire>(
      h.app,
      "entries.update",
      { id: pm1.data!.id, expectedVersion: pmAfter.data!.version, fields: { actionItems: kept } },
      { cookie },
    );
    expect(edited.data!.fields.actionItems).toHaveLength(1);
    expect(edited.data!.fields.actionItems![0]).toMatchObject({ id: ids[0], status: "done" });
    const all = await trpc<Item[]>(h.app, "actionItems.list", { entryId: pm1.data!.id }, { cookie });
    expect(all.data!.map((i) => i.id)).toEqual([ids[0]]);
  });

  run(`says who may update each item and names the closing entry only to those who may read it${note}`, async () => {
    const author = h.people.author.cookie;
    const pm = await trpc<EntryWire>(
      h.app,
      "entries.create",
      {
        kind: "postmortem",
        title: "Cache stampede",
        teamId: h.teams.alpha,
        visibility: "org",
        status: "published",
        fields: { actionItems: [{ title: "Add request coalescing", owner: "other" }, { title: "Warm the cache on deploy", owner: "nobody-here" }] },
      },
      { cookie: author },
    );
    expect(pm.status).toBe(200);
    const entryId = pm.data!.id;
    // A fix only its author can read closes the first item.
    const fix = await trpc<EntryWire>(
      h.app,
      "entries.create",
      { kind: "fix", title: "Coalesce cache misses", teamId: h.teams.alpha, visibility: "restricted", status: "published" },
      { cookie: author },
    );
    const first = (await trpc<Item[]>(h.app, "actionItems.list", { entryId }, { cookie: author })).data!.find((i) => i.title === "Add request coalescing");
    const closing = await trpc(h.app, "actionItems.update", { id: first!.id, closedByEntryId: fix.data!.id }, { cookie: author });
    expect(closing.status).toBe(200);

    type Listed = Item & { canUpdate: boolean; closedBy: { slug: string; title: string; kind: string } | null };
    // Items due on the same day (here: none) come in no particular order, so look them up by title.
    const byTitle = (items: Listed[]) => new Map(items.map((i) => [i.title, i]));
    const asAuthor = byTitle((await trpc<Listed[]>(h.app, "actionItems.list", { entryId }, { cookie: author })).data!);
    expect([...asAuthor.values()].map((i) => i.canUpdate)).toEqual([true, true]);
    expect(asAuthor.get("Add request coalescing")!.closedBy).toMatchObject({ title: "Coalesce cache misses", kind: "fix" });
    expect(asAuthor.get("Warm the cache on deploy")!.closedBy).toBeNull();

    // "other" is outside the team: only the item they own is theirs to change, and the closing fix stays hidden.
    const asOther = byTitle((await trpc<Listed[]>(h.app, "actionItems.list", { entryId }, { cookie: h.people.other.cookie })).data!);
    expect(asOther.get("Add request coalescing")).toMatchObject({ canUpdate: true, closedByEntryId: fix.data!.id, closedBy: null });
    expect(asOther.get("Warm the cache on deploy")).toMatchObject({ canUpdate: false });
    // The flag tells the truth: the refused change is refused by the API too.
    const refused = await trpc(h.app, "actionItems.update", { id: asOther.get("Warm the cache on deploy")!.id, status: "done" }, { cookie: h.people.other.cookie });
    expect(refused.status).toBe(403);
    const allowed = await trpc<Listed>(h.app, "actionItems.update", { id: asOther.get("Add request coalescing")!.id, status: "in_progress" }, { cookie: h.people.other.cookie });
    expect(allowed.data).toMatchObject({ status: "in_progress", canUpdate: true });
  });

  run("rejects action items naming an unknown team, storing nothing", async () => {
    const res = await trpc(
      h.app,
      "entries.create",
      { kind: "postmortem", title: "Bad team", fields: { actionItems: [{ title: "x", team: "nope" }] } },
      { cookie: h.people.author.cookie },
    );
    expect(res.status).toBe(400);
    expect(res.error?.data.fieldErrors).toHaveProperty(["fields.actionItems.0.team"]);
    const list = await trpc<{ items: { title: string }[] }>(h.app, "entries.list", {}, { cookie: h.people.author.cookie });
    expect(list.data!.items.map((i) => i.title)).not.toContain("Bad team");
  });

  run("re-publishing from a repository (no ids) or a backup (another server's ids) keeps the tracked rows and their status", async () => {
    const post = (actionItems: Record<string, unknown>[]) =>
      rest(h.app, "POST", "/api/v1/entries", {
        entries: [{ kind: "postmortem", title: "Repo postmortem", externalKey: "repo/pm.md", source: "repo", team: "alpha", fields: { actionItems } }],
      });
    const first = await post([{ title: "Add a readiness probe" }, { title: "Page on pool saturation" }]);
    expect(first.status).toBe(200);
    const id = first.body.results[0].id as string;
    const rows = async () =>
      (await trpc<Item[]>(h.app, "actionItems.list", { entryId: id }, { cookie: h.people.author.cookie }, "query")).data!.map((i) => [i.id, i.title, i.status]);
    const before = await rows();
    // Someone closes one in the portal.
    const probe = before.find(([, title]) => title === "Add a readiness probe")![0] as string;
    expect((await trpc(h.app, "actionItems.update", { id: probe, status: "done" }, { cookie: h.people.author.cookie })).status).toBe(200);

    // The same markdown published again: same rows, the portal's status kept.
    expect((await post([{ title: "Add a readiness probe" }, { title: "Page on pool saturation" }])).status).toBe(200);
    const after = await rows();
    expect(after.map(([rowId]) => rowId).sort()).toEqual(before.map(([rowId]) => rowId).sort());
    expect(after.find(([rowId]) => rowId === probe)?.[2]).toBe("done");

    // A restored backup names ids this server never had: matched by title, or new, never refused.
    const foreign = "00000000-0000-4000-8000-00000000abcd";
    const restored = await post([
      { id: foreign, title: "Add a readiness probe" },
      { id: "00000000-0000-4000-8000-00000000abce", title: "Write the load-shedding runbook" },
    ]);
    expect(restored.status).toBe(200);
    const final = await rows();
    expect(final.map(([, title, status]) => [title, status])).toEqual([
      ["Add a readiness probe", "done"],
      ["Write the load-shedding runbook", "open"],
    ]);
    expect(final[0]![0]).toBe(probe);
    expect(final.map(([rowId]) => rowId)).not.toContain(foreign);
  });

  run("counts one changeable vote per person on a fix", async () => {
    const fix = await trpc<EntryWire>(h.app, "entries.create", { kind: "fix", title: "Pool exhausted", status: "published" }, { cookie: h.people.author.cookie });
    const id = fix.data!.id;
    await trpc(h.app, "fixes.vote", { entryId: id, vote: "worked" }, { cookie: h.people.teammate.cookie });
    await trpc(h.app, "fixes.vote", { entryId: id, vote: "worked" }, { cookie: h.people.teammate.cookie });
    const other = await trpc<{ worked: number; didNotWork: number; mine: string }>(h.app, "fixes.vote", { entryId: id, vote: "did_not_work" }, { cookie: h.people.other.cookie });
    expect(other.data).toEqual({ entryId: id, worked: 1, didNotWork: 1, mine: "did_not_work" });
    const changed = await trpc<{ worked: number; didNotWork: number }>(h.app, "fixes.vote", { entryId: id, vote: "worked" }, { cookie: h.people.other.cookie });
    expect(changed.data).toMatchObject({ worked: 2, didNotWork: 0 });
    const pm = await trpc<EntryWire>(h.app, "entries.create", { kind: "postmortem", title: "Not a fix" }, { cookie: h.people.author.cookie });
    const wrongKind = await trpc(h.app, "fixes.vote", { entryId: pm.data!.id, vote: "worked" }, { cookie: h.people.author.cookie });
    expect(wrongKind.status).toBe(400);
  });

  run("lists stale runbooks per team and clears them with an audited review", async () => {
    const cookie = h.people.author.cookie;
    const stale = await trpc<EntryWire>(
      h.app,
      "entries.create",
      { kind: "runbook", title: "Rotate certificates", teamId: h.teams.alpha, status: "published", fields: { reviewIntervalDays: 30, lastReviewedAt: "2024-01-01T00:00:00Z" } },
      { cookie },
    );
    await trpc(
      h.app,
      "entries.create",
      { kind: "runbook", title: "Fresh runbook", teamId: h.teams.alpha, status: "published", fields: { reviewIntervalDays: 30, lastReviewedAt: new Date().toISOString() } },
      { cookie },
    );
    const list = await trpc<{ title: string }[]>(h.app, "runbooks.stale", { teamId: h.teams.alpha }, { cookie });
    expect(list.data!.map((r) => r.title)).toEqual(["Rotate certificates"]);
    const betaList = await trpc<{ title: string }[]>(h.app, "runbooks.stale", { teamId: h.teams.beta }, { cookie });
    expect(betaList.data).toEqual([]);
    const reviewed = await trpc<EntryWire>(h.app, "runbooks.markReviewed", { id: stale.data!.id }, { cookie });
    expect(reviewed.data!.version).toBe(2);
    expect(Date.now() - Date.parse(reviewed.data!.fields.lastReviewedAt!)).toBeLessThan(60_000);
    const after = await trpc<{ title: string }[]>(h.app, "runbooks.stale", { teamId: h.teams.alpha }, { cookie });
    expect(after.data).toEqual([]);
    const audits = await h.db.database.db.query.auditLog.findMany({ where: (a, { and, eq }) => and(eq(a.action, "runbook.review"), eq(a.targetId, stale.data!.id)) });
    expect(audits).toHaveLength(1);
  });
});
