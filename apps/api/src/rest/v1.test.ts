import { databaseTargets } from "@hindsight/db/testing";
import { schema } from "@hindsight/db";
import { and, eq } from "@hindsight/db/orm";
import { describe, expect } from "vitest";
import { rest, useHarness } from "../test/harness.js";

const targets = await databaseTargets();

describe.each(targets)("REST /api/v1 on $name", (target) => {
  const { h, run, note } = useHarness(target);

  run(`creates, then updates by externalKey leaving two revisions${note}`, async () => {
    const first = await rest(h.app, "POST", "/api/v1/entries", { kind: "fix", title: "x", body: "y", externalKey: "k1" });
    expect(first.status).toBe(201);
    expect(first.body.outcome).toBe("created");
    const again = await rest(h.app, "POST", "/api/v1/entries", { kind: "fix", title: "x, retitled", body: "y", externalKey: "k1" });
    expect(again.status).toBe(200);
    expect(again.body.outcome).toBe("updated");
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.version).toBe(2);

    const rows = await h.db.database.db.select().from(schema.entries).where(eq(schema.entries.externalKey, "k1"));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.title).toBe("x, retitled");
    const revisions = await h.db.database.db
      .select()
      .from(schema.entryRevisions)
      .where(eq(schema.entryRevisions.entryId, first.body.id));
    expect(revisions.map((r) => r.version).sort()).toEqual([1, 2]);
    expect(revisions.map((r) => (r.snapshot as { title: string }).title).sort()).toEqual(["x", "x, retitled"]);

    const same = await rest(h.app, "POST", "/api/v1/entries", { kind: "fix", title: "x, retitled", body: "y", externalKey: "k1" });
    expect(same.body.outcome).toBe("unchanged");
    expect(same.body.version).toBe(2);
  });

  run("rejects a body without title with 400 naming title", async () => {
    const res = await rest(h.app, "POST", "/api/v1/entries", { kind: "fix", body: "y" });
    expect(res.status).toBe(400);
    expect(res.body.error.fieldErrors).toHaveProperty("title");
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js:\d+/);
  });

  run("names every bad field, including kind-specific fields", async () => {
    const res = await rest(h.app, "POST", "/api/v1/entries", {
      kind: "postmortem",
      title: "",
      visibility: "everyone",
      fields: { severity: "SEV9", nonsense: true },
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fieldErrors)).toEqual(expect.arrayContaining(["title", "visibility", "fields.severity"]));
    expect(JSON.stringify(res.body.error.fieldErrors)).toMatch(/nonsense/);
  });

  run("answers 401 with a JSON error for a missing or bad token", async () => {
    const none = await rest(h.app, "POST", "/api/v1/entries", { kind: "fix", title: "t" }, null);
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe("UNAUTHORIZED");
    const bad = await rest(h.app, "POST", "/api/v1/entries", { kind: "fix", title: "t" }, "not-a-token");
    expect(bad.status).toBe(401);
    const getBad = await rest(h.app, "GET", `/api/v1/entries/00000000-0000-4000-8000-000000000000`, undefined, "nope");
    expect(getBad.status).toBe(401);
  });

  run("answers unknown routes with a JSON 404", async () => {
    const res = await rest(h.app, "GET", "/api/v1/nothing-here");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
    const top = await h.app.inject({ method: "GET", url: "/api/v2/entries" });
    expect(top.statusCode).toBe(404);
  });

  run("rejects malformed JSON with 400 and no stack trace", async () => {
    const res = await h.app.inject({
      method: "POST",
      url: "/api/v1/entries",
      headers: { authorization: "Bearer test-admin-token-123", "content-type": "application/json" },
      payload: '{"kind": "fix", "title": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/node_modules|at .*:\d+:\d+/);
  });

  run("imports a batch all-or-nothing: one bad item stores nothing", async () => {
    const before = await h.db.database.db.select().from(schema.entries);
    const bad = await rest(h.app, "POST", "/api/v1/entries", {
      entries: [
        { kind: "runbook", title: "fine", externalKey: "batch-1" },
        { kind: "runbook", body: "no title", externalKey: "batch-2" },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fieldErrors).toHaveProperty(["entries.1.title"]);
    const after = await h.db.database.db.select().from(schema.entries);
    expect(after).toHaveLength(before.length);

    const entries = Array.from({ length: 1000 }, (_, i) => ({ kind: "fix", title: `Fix ${i}`, body: `body ${i}`, externalKey: `bulk-${i}` }));
    const ok = await rest(h.app, "POST", "/api/v1/entries", { entries });
    expect(ok.status).toBe(200);
    expect(ok.body.created).toBe(1000);
    const tooMany = await rest(h.app, "POST", "/api/v1/entries", { entries: [...entries, entries[0]] });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.fieldErrors).toHaveProperty("entries");
  });

  run("a failure inside the batch transaction rolls back earlier items", async () => {
    const count = async () => (await h.db.database.db.select().from(schema.entries)).length;
    const before = await count();
    // teammate's token may not publish for team beta: the second item fails after the first was written.
    const res = await rest(
      h.app,
      "POST",
      "/api/v1/entries",
      { entries: [{ kind: "fix", title: "would be written", externalKey: "rb-1" }, { kind: "fix", title: "forbidden", team: "beta" }] },
      h.teammateToken,
    );
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/^entries\.1: /);
    expect(await count()).toBe(before);
  });

  run("gets an entry by id, and 404s for an unknown one", async () => {
    const created = await rest(h.app, "POST", "/api/v1/entries", { kind: "gameday", title: "Kill a zone", team: "alpha" });
    const got = await rest(h.app, "GET", `/api/v1/entries/${created.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body.entry).toMatchObject({ title: "Kill a zone", kind: "gameday", teamSlug: "alpha", status: "published" });
    const missing = await rest(h.app, "GET", `/api/v1/entries/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
    const notUuid = await rest(h.app, "GET", `/api/v1/entries/abc`);
    expect(notUuid.status).toBe(400);
  });

  run("lists entries by source, only those the caller may read, page by page", async () => {
    const post = (body: object, token?: string) => rest(h.app, "POST", "/api/v1/entries", body, token);
    for (const key of ["a.md", "b.md", "c.md"]) expect((await post({ kind: "runbook", title: key, source: "docs-list", externalKey: key })).status).toBe(201);
    // Team beta only: the admin reads it, teammate (alpha) does not.
    await post({ kind: "runbook", title: "beta only", team: "beta", visibility: "team", source: "docs-list", externalKey: "beta.md" });
    await post({ kind: "runbook", title: "elsewhere", source: "docs-other", externalKey: "a.md" });

    const keys = (body: Record<string, any>) => (body.items as { externalKey: string }[]).map((i) => i.externalKey).sort(); // eslint-disable-line @typescript-eslint/no-explicit-any
    const all = await rest(h.app, "GET", "/api/v1/entries?source=docs-list");
    expect(all.status).toBe(200);
    expect(keys(all.body)).toEqual(["a.md", "b.md", "beta.md", "c.md"]);
    expect(all.body.items[0]).toMatchObject({ source: "docs-list", kind: "runbook", status: "published", version: 1 });
    expect(all.body.nextCursor).toBeNull();
    const mine = await rest(h.app, "GET", "/api/v1/entries?source=docs-list", undefined, h.teammateToken);
    expect(keys(mine.body)).toEqual(["a.md", "b.md", "c.md"]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: Record<string, any> } = await rest(h.app, "GET", `/api/v1/entries?source=docs-list&limit=3${cursor ? `&cursor=${cursor}` : ""}`); // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...keys(page.body));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(["a.md", "b.md", "beta.md", "c.md"]);

    const bad = await rest(h.app, "GET", "/api/v1/entries?source=docs-list&limit=0");
    expect(bad.status).toBe(400);
    expect(bad.body.error.fieldErrors).toHaveProperty("limit");
    expect((await rest(h.app, "GET", "/api/v1/entries?source=docs-list", undefined, null)).status).toBe(401);
  });

  run("archives an entry over REST (audited, version-checked), and publishing its key again restores it", async () => {
    const created = await rest(h.app, "POST", "/api/v1/entries", { kind: "fix", title: "Gone soon", team: "beta", source: "docs-arch", externalKey: "gone.md" });
    const id = created.body.id as string;
    const stale = await rest(h.app, "POST", `/api/v1/entries/${id}/archive`, { expectedVersion: 7 });
    expect(stale.status).toBe(409);
    // teammate (team alpha) reads this org entry but may not change beta's.
    const refused = await rest(h.app, "POST", `/api/v1/entries/${id}/archive`, {}, h.teammateToken);
    expect(refused.status).toBe(403);
    const archived = await rest(h.app, "POST", `/api/v1/entries/${id}/archive`, { expectedVersion: 1 });
    expect(archived.status).toBe(200);
    expect(archived.body).toEqual({ id, slug: created.body.slug, version: 2, status: "archived", externalKey: "gone.md" });
    const again = await h.app.inject({ method: "POST", url: `/api/v1/entries/${id}/archive`, headers: { authorization: "Bearer test-admin-token-123" } });
    expect(again.statusCode, again.body).toBe(409);
    const audits = await h.db.database.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.targetId, id), eq(schema.auditLog.action, "entry.archive")));
    expect(audits).toHaveLength(1);
    expect((await rest(h.app, "POST", "/api/v1/entries/not-a-uuid/archive", {})).status).toBe(400);

    const back = await rest(h.app, "POST", "/api/v1/entries", { kind: "fix", title: "Gone soon", team: "beta", source: "docs-arch", externalKey: "gone.md" });
    expect(back.body.outcome).toBe("updated");
    expect(back.body.entry.status).toBe("published");
  });

  run("answers /healthz with 200 when the database answers", async () => {
    const res = await h.app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "ok", database: target.name });
  });
});
