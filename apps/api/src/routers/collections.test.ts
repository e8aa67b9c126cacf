import { schema } from "@hindsight/db";
import { eq } from "@hindsight/db/orm";
import { databaseTargets } from "@hindsight/db/testing";
import { describe, expect } from "vitest";
import { trpc, useHarness } from "../test/harness.js";

const targets = await databaseTargets();

interface CollectionWire {
  id: string;
  slug: string;
  version: number;
  canCurate: boolean;
  team: { slug: string; name: string } | null;
  sections: { id: string; title: string; items: { id: string; entryId: string; entryTitle: string; entrySlug: string }[] }[];
}

interface ProgressWire {
  totalItems: number;
  doneItems: number;
  percent: number;
  completedItemIds: string[];
  nextItemId: string | null;
  nextEntrySlug: string | null;
  lastActivityAt: string | null;
}

interface LearnerWire {
  handle: string;
  totalItems: number;
  doneItems: number;
  percent: number;
  nextItemId: string | null;
  lastActivityAt: string | null;
  reason: "team" | "started";
}

interface AssignmentWire {
  collection: { id: string; title: string; team: { name: string } | null };
  progress: ProgressWire;
  reason: "team" | "started";
}

describe.each(targets)("collections on $name", (target) => {
  const { h, run, note } = useHarness(target);

  run(`curates an ordered onboarding path, tracks progress, and hides entries a reader may not see${note}`, async () => {
    const cookie = h.people.author.cookie;
    const mk = async (title: string, extra: Record<string, unknown> = {}) =>
      (await trpc<{ id: string }>(h.app, "entries.create", { kind: "runbook", title, status: "published", teamId: h.teams.alpha, ...extra }, { cookie })).data!.id;
    const a = await mk("Read me first");
    const b = await mk("Then this");
    const secret = await mk("Team only", { visibility: "team" });
    const created = await trpc<CollectionWire>(
      h.app,
      "collections.create",
      {
        title: "Alpha onboarding",
        teamId: h.teams.alpha,
        isOnboarding: true,
        sections: [
          { title: "Week one", items: [{ entryId: a }, { entryId: secret, note: "ask your buddy" }] },
          { title: "Week two", items: [{ entryId: b }] },
        ],
      },
      { cookie },
    );
    expect(created.status).toBe(200);
    expect(created.data!.sections.map((s) => s.items.map((i) => i.entryTitle))).toEqual([["Read me first", "Team only"], ["Then this"]]);

    const list = await trpc<{ slug: string; itemCount: number }[]>(h.app, "collections.list", undefined, { cookie });
    expect(list.status).toBe(200);
    expect(list.data!.find((c) => c.slug === "alpha-onboarding")?.itemCount).toBe(3);

    // Someone from another team sees the path without the team-only entry.
    const asOther = await trpc<CollectionWire>(h.app, "collections.get", { slug: "alpha-onboarding" }, { cookie: h.people.other.cookie });
    expect(asOther.data!.sections.flatMap((s) => s.items.map((i) => i.entryTitle))).toEqual(["Read me first", "Then this"]);

    const first = created.data!.sections[0]!.items[0]!.id;
    const progress = await trpc<{ totalItems: number; completedItemIds: string[] }>(
      h.app,
      "collections.markItem",
      { collectionId: created.data!.id, itemId: first, done: true },
      { cookie: h.people.teammate.cookie },
    );
    expect(progress.data).toMatchObject({ totalItems: 3, completedItemIds: [first] });
    const mine = await trpc<{ completedItemIds: string[] }>(h.app, "collections.progress", { collectionId: created.data!.id }, { cookie });
    expect(mine.data!.completedItemIds).toEqual([]);

    // Outsiders may not curate; a stale version conflicts; the owner team reorders.
    const hijack = await trpc(h.app, "collections.update", { id: created.data!.id, expectedVersion: 1, title: "Mine now", sections: [] }, { cookie: h.people.other.cookie });
    expect(hijack.status).toBe(403);
    const reordered = await trpc<CollectionWire>(
      h.app,
      "collections.update",
      { id: created.data!.id, expectedVersion: 1, title: "Alpha onboarding", isOnboarding: true, sections: [{ title: "All", items: [{ entryId: b }, { entryId: a }] }] },
      { cookie: h.people.teammate.cookie },
    );
    expect(reordered.data!.version).toBe(2);
    expect(reordered.data!.sections[0]!.items.map((i) => i.entryTitle)).toEqual(["Then this", "Read me first"]);
    const stale = await trpc(h.app, "collections.update", { id: created.data!.id, expectedVersion: 1, title: "x", sections: [] }, { cookie });
    expect(stale.status).toBe(409);

    const unknownEntry = await trpc(
      h.app,
      "collections.create",
      { title: "Broken", sections: [{ title: "s", items: [{ entryId: "00000000-0000-4000-8000-000000000000" }] }] },
      { cookie },
    );
    expect(unknownEntry.status).toBe(400);

    const removed = await trpc(h.app, "collections.delete", { id: created.data!.id }, { cookie });
    expect(removed.status).toBe(200);
    const gone = await trpc(h.app, "collections.get", { id: created.data!.id }, { cookie });
    expect(gone.status).toBe(404);
  });
  run(`assigns onboarding paths to new team members; the learner's bar and the curator's table agree${note}`, async () => {
    const cookie = h.people.author.cookie;
    const mk = async (title: string, extra: Record<string, unknown> = {}) =>
      (await trpc<{ id: string }>(h.app, "entries.create", { kind: "fix", title, status: "published", teamId: h.teams.alpha, ...extra }, { cookie })).data!.id;
    const a = await mk("Path step A");
    const b = await mk("Path step B");
    const c = await mk("Path step C");
    const secret = await mk("Path step team only", { visibility: "team" });
    const created = await trpc<CollectionWire>(
      h.app,
      "collections.create",
      {
        title: "Alpha path",
        teamId: h.teams.alpha,
        isOnboarding: true,
        sections: [
          { title: "Week one", items: [{ entryId: a }, { entryId: secret }] },
          { title: "Week two", items: [{ entryId: b }, { entryId: c }] },
        ],
      },
      { cookie },
    );
    expect(created.status).toBe(200);
    expect(created.data!.canCurate).toBe(true);
    expect(created.data!.team).toMatchObject({ slug: "alpha", name: "Alpha" });
    const id = created.data!.id;
    const [itemA, itemSecret] = created.data!.sections[0]!.items;
    const itemC = created.data!.sections[1]!.items[1]!;

    // A new member of the curating team has the path assigned, nothing read yet.
    const mine = await trpc<AssignmentWire[]>(h.app, "collections.mine", undefined, { cookie: h.people.teammate.cookie }, "query");
    expect(mine.status).toBe(200);
    const path = mine.data!.find((m) => m.collection.id === id);
    expect(path).toMatchObject({ reason: "team", progress: { totalItems: 4, doneItems: 0, percent: 0, nextItemId: itemA!.id } });
    expect(path!.collection.team?.name).toBe("Alpha");
    // Someone of another team is not assigned.
    const otherMine = await trpc<AssignmentWire[]>(h.app, "collections.mine", undefined, { cookie: h.people.other.cookie }, "query");
    expect(otherMine.data!.map((m) => m.collection.id)).not.toContain(id);

    // Progress moves the "continue" pointer to the next unread item, in reading order.
    const afterA = await trpc<ProgressWire>(h.app, "collections.markItem", { collectionId: id, itemId: itemA!.id, done: true }, { cookie: h.people.teammate.cookie });
    expect(afterA.data).toMatchObject({ totalItems: 4, doneItems: 1, percent: 25, nextItemId: itemSecret!.id, completedItemIds: [itemA!.id] });
    expect(afterA.data!.lastActivityAt).not.toBeNull();

    // The outsider reads it on their own: counted over the 3 items they may read, and now "started".
    const outsider = await trpc<ProgressWire>(h.app, "collections.markItem", { collectionId: id, itemId: itemC.id, done: true }, { cookie: h.people.other.cookie });
    expect(outsider.data).toMatchObject({ totalItems: 3, doneItems: 1, percent: 33, nextItemId: itemA!.id });
    const hidden = await trpc(h.app, "collections.markItem", { collectionId: id, itemId: itemSecret!.id, done: true }, { cookie: h.people.other.cookie });
    expect(hidden.status).toBe(404);
    const otherMineNow = await trpc<AssignmentWire[]>(h.app, "collections.mine", undefined, { cookie: h.people.other.cookie }, "query");
    expect(otherMineNow.data!.find((m) => m.collection.id === id)).toMatchObject({ reason: "started", progress: { percent: 33 } });

    // The curator's table: the same numbers each learner sees for themselves.
    const learners = await trpc<LearnerWire[]>(h.app, "collections.learners", { collectionId: id }, { cookie }, "query");
    expect(learners.status).toBe(200);
    expect(learners.data!.map((l) => [l.handle, l.reason, l.doneItems, l.totalItems, l.percent])).toEqual([
      ["author", "team", 0, 4, 0],
      ["other", "started", 1, 3, 33],
      ["teammate", "team", 1, 4, 25],
    ]);
    // Maintainers curate paths rather than follow them: once the author maintains the team, the path
    // is no longer theirs to follow.
    const promoted = await trpc(h.app, "teams.setMember", { teamId: h.teams.alpha, userId: h.people.author.id, role: "maintainer" }, { cookie: h.people.admin.cookie });
    expect(promoted.status).toBe(200);
    const afterPromotion = await trpc<LearnerWire[]>(h.app, "collections.learners", { collectionId: id }, { cookie }, "query");
    expect(afterPromotion.data!.map((l) => l.handle)).toEqual(["other", "teammate"]);
    const maintainerMine = await trpc<AssignmentWire[]>(h.app, "collections.mine", undefined, { cookie }, "query");
    expect(maintainerMine.data!.map((m) => m.collection.id)).not.toContain(id);
    await trpc(h.app, "teams.setMember", { teamId: h.teams.alpha, userId: h.people.author.id, role: "member" }, { cookie: h.people.admin.cookie });

    const teammateOwn = await trpc<ProgressWire>(h.app, "collections.progress", { collectionId: id }, { cookie: h.people.teammate.cookie });
    const teammateRow = learners.data!.find((l) => l.handle === "teammate")!;
    expect([teammateRow.percent, teammateRow.nextItemId, teammateRow.lastActivityAt]).toEqual([
      teammateOwn.data!.percent,
      teammateOwn.data!.nextItemId,
      teammateOwn.data!.lastActivityAt,
    ]);

    // Every row of the table agrees with what that learner sees for themselves: the table picks each
    // learner's readable items with canReadEntry, their own progress with the SQL read predicate.
    const table = await trpc<LearnerWire[]>(h.app, "collections.learners", { collectionId: id }, { cookie }, "query");
    expect(table.data!.map((l) => l.handle)).toEqual(["other", "teammate"]);
    for (const row of table.data!) {
      const own = await trpc<ProgressWire>(h.app, "collections.progress", { collectionId: id }, { cookie: h.people[row.handle as "other" | "teammate"].cookie });
      const o = own.data!;
      expect([row.totalItems, row.doneItems, row.percent, row.nextItemId, row.lastActivityAt]).toEqual([o.totalItems, o.doneItems, o.percent, o.nextItemId, o.lastActivityAt]);
    }

    // Only curators (the owner team, the creator, admins) see learners.
    expect((await trpc(h.app, "collections.learners", { collectionId: id }, { cookie: h.people.other.cookie }, "query")).status).toBe(403);
    expect((await trpc(h.app, "collections.learners", { collectionId: id }, { cookie: h.people.admin.cookie }, "query")).status).toBe(200);
    const asOther = await trpc<CollectionWire>(h.app, "collections.get", { id }, { cookie: h.people.other.cookie });
    expect(asOther.data!.canCurate).toBe(false);

    // Reordering keeps everyone's progress (items are matched by entry).
    const reordered = await trpc<CollectionWire>(
      h.app,
      "collections.update",
      { id, expectedVersion: 1, title: "Alpha path", isOnboarding: true, sections: [{ title: "All", items: [{ entryId: c }, { entryId: b }, { entryId: a }, { entryId: secret }] }] },
      { cookie },
    );
    expect(reordered.status).toBe(200);
    const kept = await trpc<ProgressWire>(h.app, "collections.progress", { collectionId: id }, { cookie: h.people.teammate.cookie });
    expect(kept.data).toMatchObject({ doneItems: 1, percent: 25, nextItemId: reordered.data!.sections[0]!.items[0]!.id, nextEntrySlug: reordered.data!.sections[0]!.items[0]!.entrySlug });

    // A member who joined long ago is no longer "new": the path is not assigned to them.
    await h.db.database.db
      .update(schema.teamMemberships)
      .set({ createdAt: new Date(Date.now() - 200 * 24 * 3600 * 1000) })
      .where(eq(schema.teamMemberships.userId, h.people.author.id));
    const authorMine = await trpc<AssignmentWire[]>(h.app, "collections.mine", undefined, { cookie }, "query");
    expect(authorMine.data!.map((m) => m.collection.id)).not.toContain(id);
    const after = await trpc<LearnerWire[]>(h.app, "collections.learners", { collectionId: id }, { cookie }, "query");
    expect(after.data!.map((l) => l.handle)).toEqual(["other", "teammate"]);
  });
});
