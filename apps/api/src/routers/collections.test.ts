import { databaseTargets } from "@hindsight/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, trpc, type Harness } from "../test/harness.js";

const targets = await databaseTargets();

interface CollectionWire {
  id: string;
  slug: string;
  version: number;
  sections: { id: string; title: string; items: { id: string; entryId: string; entryTitle: string }[] }[];
}

describe.each(targets)("collections on $name", (target) => {
  let h: Harness;
  beforeAll(async () => {
    if (!target.skipReason) h = await startHarness(target);
  });
  afterAll(async () => {
    await h?.close();
  });
  const run = it.skipIf(target.skipReason);
  const note = target.skipReason ? ` (skipped: ${target.skipReason})` : "";

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
});
