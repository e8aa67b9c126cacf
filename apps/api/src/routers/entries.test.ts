import { schema } from "@hindsight/db";
import { eq } from "@hindsight/db/orm";
import { databaseTargets } from "@hindsight/db/testing";
import type { Entry, EntryPage, Revision } from "../test/wire-types.js";
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, rest, trpc, useHarness } from "../test/harness.js";

const targets = await databaseTargets();

describe.each(targets)("entries over tRPC on $name", (target) => {
  const { h, run, note } = useHarness(target);

  run(`requires sign-in${note}`, async () => {
    const res = await trpc(h.app, "entries.list", {});
    expect(res.status).toBe(401);
    expect(res.error?.data.code).toBe("UNAUTHORIZED");
  });

  run("validates input and names the bad field", async () => {
    const res = await trpc(h.app, "entries.create", { kind: "fix", title: "" }, { cookie: h.people.author.cookie });
    expect(res.status).toBe(400);
    expect(res.error?.data.fieldErrors).toHaveProperty("title");
  });

  run("gives each new entry a free slug: the title's, else the next number, alone or in a batch", async () => {
    const cookie = h.people.author.cookie;
    const create = async (title: string) =>
      (await trpc<Entry>(h.app, "entries.create", { kind: "fix", title, teamId: h.teams.alpha }, { cookie })).data!.slug;
    expect(await create("Slug probe: disk full")).toBe("slug-probe-disk-full");
    expect(await create("Slug probe, disk full!")).toBe("slug-probe-disk-full-2");
    // Titles that only start like it, or end in a number of their own, are other slugs.
    expect(await create("Slug probe disk full cleanup")).toBe("slug-probe-disk-full-cleanup");
    expect(await create("Slug probe disk full 2")).toBe("slug-probe-disk-full-2-2");
    expect(await create("Slug probe disk full 10")).toBe("slug-probe-disk-full-10");
    expect(await create("Slug probe disk full")).toBe("slug-probe-disk-full-3");
    // A batch numbers after what is stored (-10 is taken) and within itself.
    const batch = await rest(
      h.app,
      "POST",
      "/api/v1/entries",
      {
        entries: ["Slug probe disk full", "Slug probe disk full", "Slug probe disk full cleanup", "Slug probe, other"].map((title, i) => ({
          kind: "fix",
          title,
          externalKey: `slug-probe-${i}`,
        })),
      },
      ADMIN_TOKEN,
    );
    expect(batch.status).toBe(200);
    const slugs = (batch.body as { results: { slug: string }[] }).results.map((r) => r.slug);
    expect(slugs).toEqual(["slug-probe-disk-full-4", "slug-probe-disk-full-5", "slug-probe-disk-full-cleanup-2", "slug-probe-other"]);
  });

  run("reads an entry's fields through its kind's schema, and says when stored fields no longer fit it", async () => {
    const cookie = h.people.author.cookie;
    type WithFields = Entry & { fields: Record<string, unknown>; fieldsFit: boolean };
    const transcript = "7d0c3a53-2a4e-4f0e-9d1b-1f3f6c0b2a11";
    const created = await trpc<WithFields>(
      h.app,
      "entries.create",
      { kind: "fix", title: "Fields probe: queue stuck", teamId: h.teams.alpha, fields: { problem: "queue stuck", derivedFrom: { entryId: transcript } } },
      { cookie },
    );
    expect(created.data).toMatchObject({ fieldsFit: true, fields: { problem: "queue stuck", derivedFrom: { entryId: transcript, messageTs: [] } } });
    const got = await trpc<WithFields>(h.app, "entries.get", { slug: created.data!.slug }, { cookie });
    expect(got.data).toMatchObject({ fieldsFit: true, fields: { derivedFrom: { messageTs: [] } } });
    // Fields written under an older schema (a key since renamed): the entry still opens, its fields as stored.
    const stale = { problem: "queue stuck", stepsTaken: ["restarted it"] };
    await h.db.database.db.update(schema.entries).set({ fields: stale }).where(eq(schema.entries.id, created.data!.id));
    const old = await trpc<WithFields>(h.app, "entries.get", { slug: created.data!.slug }, { cookie });
    expect(old.status).toBe(200);
    expect(old.data).toMatchObject({ fieldsFit: false, fields: stale });
  });

  run("two updates from the same version: one wins, the other gets CONFLICT; nothing is lost", async () => {
    const cookie = h.people.author.cookie;
    const created = await trpc<Entry>(h.app, "entries.create", { kind: "runbook", title: "Restart the queue", body: "v1", teamId: h.teams.alpha }, { cookie });
    const id = created.data!.id;
    const [a, b] = await Promise.all([
      trpc<Entry>(h.app, "entries.update", { id, expectedVersion: 1, body: "writer A" }, { cookie }),
      trpc<Entry>(h.app, "entries.update", { id, expectedVersion: 1, body: "writer B" }, { cookie: h.people.teammate.cookie }),
    ]);
    const results = [a, b];
    const winner = results.find((r) => r.status === 200)!;
    const loser = results.find((r) => r.status !== 200)!;
    expect(winner).toBeDefined();
    expect(loser.status).toBe(409);
    expect(loser.error?.data.code).toBe("CONFLICT");
    expect(loser.error?.data.details).toMatchObject({ currentVersion: 2 });
    // The loser re-applies on top of the current version, as the portal's merge flow does.
    const loserBody = loser === a ? "writer A" : "writer B";
    const retry = await trpc<Entry>(h.app, "entries.update", { id, expectedVersion: 2, body: loserBody }, { cookie });
    expect(retry.data?.version).toBe(3);
    const history = await trpc<Revision[]>(h.app, "entries.history", { id }, { cookie });
    expect(history.data!.map((r) => r.version)).toEqual([3, 2, 1]);
    expect(history.data!.map((r) => r.snapshot.body).sort()).toEqual(["v1", "writer A", "writer B"]);
    const diff = await trpc<{ field: string }[]>(h.app, "entries.diff", { id, from: 1, to: 3 }, { cookie });
    expect(diff.data!.map((c) => c.field)).toContain("body");
  });

  run("moves through the workflow and refuses impossible transitions", async () => {
    const cookie = h.people.author.cookie;
    const e = (await trpc<Entry>(h.app, "entries.create", { kind: "postmortem", title: "Queue backlog", teamId: h.teams.alpha }, { cookie })).data!;
    expect(e.status).toBe("draft");
    const published = await trpc<Entry>(h.app, "entries.publish", { id: e.id }, { cookie });
    expect(published.data).toMatchObject({ status: "published", version: 2 });
    expect(published.data!.publishedAt).not.toBeNull();
    const restore = await trpc(h.app, "entries.restore", { id: e.id }, { cookie });
    expect(restore.status).toBe(409);
    const archived = await trpc<Entry>(h.app, "entries.archive", { id: e.id, expectedVersion: 2 }, { cookie });
    expect(archived.data!.status).toBe("archived");
    const restored = await trpc<Entry>(h.app, "entries.restore", { id: e.id }, { cookie });
    expect(restored.data!.status).toBe("published");
  });

  run("lists with filters and cursor pagination, every item exactly once", async () => {
    const cookie = h.people.author.cookie;
    for (let i = 0; i < 7; i++) {
      await trpc(h.app, "entries.create", { kind: "gameday", title: `Game day ${i}`, tags: ["paging-test"], status: "published" }, { cookie });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data?: EntryPage } = await trpc<EntryPage>(h.app, "entries.list", { tag: "paging-test", limit: 3, cursor }, { cookie });
      seen.push(...page.data!.items.map((i) => i.title));
      cursor = page.data!.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const bad = await trpc(h.app, "entries.list", { cursor: "garbage" }, { cookie });
    expect(bad.status).toBe(400);
  });

  run("keeps a team's drafts from other teams and refuses writes by non-members", async () => {
    const created = await trpc<Entry>(h.app, "entries.create", { kind: "fix", title: "Alpha draft", teamId: h.teams.alpha }, { cookie: h.people.author.cookie });
    const byOther = await trpc(h.app, "entries.update", { id: created.data!.id, expectedVersion: 1, title: "hijack" }, { cookie: h.people.other.cookie });
    expect(byOther.status).toBe(404);
    const published = await trpc<Entry>(h.app, "entries.publish", { id: created.data!.id }, { cookie: h.people.author.cookie });
    const readOnly = await trpc(h.app, "entries.update", { id: created.data!.id, expectedVersion: published.data!.version, title: "hijack" }, { cookie: h.people.other.cookie });
    expect(readOnly.status).toBe(403);
    const forTeam = await trpc(h.app, "entries.create", { kind: "fix", title: "For beta", teamId: h.teams.beta }, { cookie: h.people.author.cookie });
    expect(forTeam.status).toBe(403);
  });

  describe("permission matrix", () => {
    type Role = "author" | "teammate" | "other" | "admin" | "token" | "adminToken";
    type Case = "orgPublished" | "orgDraft" | "team" | "restricted" | "restrictedGranted";
    const ids = {} as Record<Case, { id: string; slug: string }>;
    // Who may read what, written out by hand from the policy's rules.
    const expected: Record<Role, Case[]> = {
      author: ["orgPublished", "orgDraft", "team", "restricted", "restrictedGranted"],
      teammate: ["orgPublished", "orgDraft", "team"],
      other: ["orgPublished", "restrictedGranted"],
      admin: ["orgPublished", "orgDraft", "team", "restricted", "restrictedGranted"],
      token: ["orgPublished", "orgDraft", "team"],
      adminToken: ["orgPublished", "orgDraft", "team", "restricted", "restrictedGranted"],
    };
    const auth = (role: Role) =>
      role === "token" ? { bearer: h.teammateToken } : role === "adminToken" ? { bearer: ADMIN_TOKEN } : { cookie: h.people[role].cookie };
    const restBearer = (role: Role): string | null =>
      role === "token" ? h.teammateToken : role === "adminToken" ? ADMIN_TOKEN : null;

    beforeAll(async () => {
      if (target.skipReason) return;
      const cookie = h.people.author.cookie;
      const make = async (c: Case, input: Record<string, unknown>) => {
        const r = await trpc<Entry>(h.app, "entries.create", { kind: "fix", title: `matrix ${c}`, teamId: h.teams.alpha, tags: ["matrix"], ...input }, { cookie });
        if (!r.data) throw new Error(JSON.stringify(r.error));
        ids[c] = { id: r.data.id, slug: r.data.slug };
      };
      await make("orgPublished", { visibility: "org", status: "published" });
      await make("orgDraft", { visibility: "org", status: "draft" });
      await make("team", { visibility: "team", status: "published" });
      await make("restricted", { visibility: "restricted", status: "published" });
      await make("restrictedGranted", { visibility: "restricted", status: "published", grants: { userIds: [h.people.other.id], teamIds: [] } });
    });

    const roles: Role[] = ["author", "teammate", "other", "admin", "token", "adminToken"];
    const cases: Case[] = ["orgPublished", "orgDraft", "team", "restricted", "restrictedGranted"];

    it.skipIf(target.skipReason).each(roles)("%s sees exactly what the policy allows on every read path", async (role) => {
      const allowed = new Set(expected[role]);
      const list = await trpc<EntryPage>(h.app, "entries.list", { tag: "matrix", limit: 100 }, auth(role));
      expect(list.data!.items.map((i) => i.title).sort()).toEqual([...allowed].map((c) => `matrix ${c}`).sort());
      for (const c of cases) {
        const may = allowed.has(c);
        const byId = await trpc(h.app, "entries.get", { id: ids[c].id }, auth(role));
        const bySlug = await trpc(h.app, "entries.get", { slug: ids[c].slug }, auth(role));
        const history = await trpc<Revision[]>(h.app, "entries.history", { id: ids[c].id }, auth(role));
        const diff = await trpc(h.app, "entries.diff", { id: ids[c].id, from: 1, to: 1 }, auth(role));
        for (const res of [byId, bySlug, history, diff]) {
          expect({ role, c, status: res.status }).toEqual({ role, c, status: may ? 200 : 404 });
          if (!may) expect(res.error?.data.code).toBe("NOT_FOUND");
        }
        const bearer = restBearer(role);
        if (bearer) {
          const r = await rest(h.app, "GET", `/api/v1/entries/${ids[c].id}`, undefined, bearer);
          expect({ role, c, rest: r.status }).toEqual({ role, c, rest: may ? 200 : 404 });
        }
      }
    });

    it.skipIf(target.skipReason)("audits refused reads", async () => {
      await trpc(h.app, "entries.get", { id: ids.restricted.id }, auth("other"));
      const rows = await h.db.database.db.query.auditLog.findMany({
        where: (a, { and, eq }) =>
          and(eq(a.action, "entry.read_denied"), eq(a.targetId, ids.restricted.id), eq(a.actorId, h.people.other.id)),
      });
      expect(rows.length).toBeGreaterThan(0);
      expect(rows[0]!.actorVia).toBe("session");
    });
  });
});
