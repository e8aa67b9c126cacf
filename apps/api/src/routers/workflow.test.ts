import { databaseTargets } from "@hindsight/db/testing";
import { schema } from "@hindsight/db";
import { eq, sql } from "@hindsight/db/orm";
import { describe, expect } from "vitest";
import { trpc, useHarness } from "../test/harness.js";

const targets = await databaseTargets();

interface EntryWire {
  id: string;
  slug: string;
  kind: string;
  status: string;
  version: number;
  body: string;
  fields: Record<string, unknown>;
}

describe.each(targets)("workflow, blameless gate, templates and promotion on $name", (target) => {
  const { h, run, note } = useHarness(target);

  run(`refuses to publish blameful text until acknowledged, then records the override${note}`, async () => {
    const cookie = h.people.author.cookie;
    const draft = await trpc<EntryWire>(
      h.app,
      "entries.create",
      { kind: "postmortem", title: "Cache stampede", body: "The outage was caused by human error.", fields: { contributingFactors: ["Cache TTLs expired together"] } },
      { cookie },
    );
    const check = await trpc<{ where: string; match: string }[]>(
      h.app,
      "entries.checkBlameless",
      { title: "Cache stampede", body: "The outage was caused by human error." },
      { cookie },
    );
    expect(check.data!.map((f) => f.where)).toEqual(["body"]);

    const refused = await trpc(h.app, "entries.publish", { id: draft.data!.id }, { cookie });
    expect(refused.status).toBe(400);
    expect(refused.error!.message).toMatch(/blameless/i);
    expect(refused.error!.data.fieldErrors).toHaveProperty("body");

    const published = await trpc<EntryWire>(h.app, "entries.publish", { id: draft.data!.id, acknowledgeWarnings: true }, { cookie });
    expect(published.data!.status).toBe("published");
    const [rev] = await h.db.database.db
      .select()
      .from(schema.entryRevisions)
      .where(eq(schema.entryRevisions.entryId, draft.data!.id))
      .orderBy(schema.entryRevisions.version);
    const revisions = await h.db.database.db.select().from(schema.entryRevisions).where(eq(schema.entryRevisions.entryId, draft.data!.id));
    expect(rev!.overrides).toBeNull();
    const publishRev = revisions.find((r) => r.version === published.data!.version)!;
    expect((publishRev.overrides as { blameless: { match: string }[] }).blameless[0]!.match.toLowerCase()).toContain("human error");

    // Neutral text publishes without any acknowledgement.
    const neutral = await trpc<EntryWire>(h.app, "entries.create", { kind: "postmortem", title: "Queue lag", body: "Consumers fell behind after a partition rebalance." }, { cookie });
    expect((await trpc(h.app, "entries.publish", { id: neutral.data!.id }, { cookie })).status).toBe(200);
  });

  run("sends drafts to reviewers who record decisions", async () => {
    const draft = await trpc<EntryWire>(h.app, "entries.create", { kind: "runbook", title: "Drain a node", teamId: h.teams.alpha }, { cookie: h.people.author.cookie });
    const submitted = await trpc<EntryWire>(h.app, "entries.submit", { id: draft.data!.id, reviewers: [h.people.teammate.id] }, { cookie: h.people.author.cookie });
    expect(submitted.data!.status).toBe("in_review");
    const notAsked = await trpc(h.app, "entries.review", { id: draft.data!.id, decision: "approved" }, { cookie: h.people.admin.cookie });
    expect(notAsked.status).toBe(403);
    const decided = await trpc<{ handle: string; state: string }[]>(h.app, "entries.review", { id: draft.data!.id, decision: "approved" }, { cookie: h.people.teammate.cookie });
    expect(decided.data).toEqual([expect.objectContaining({ handle: "teammate", state: "approved" })]);
    const audits = await h.db.database.db.query.auditLog.findMany({ where: (a, { eq }) => eq(a.targetId, draft.data!.id) });
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(["entry.create", "entry.submit", "entry.reviewers_requested", "entry.review_approved"]));
  });

  run(`asks for a comment with a request for changes, lists it, and clears it on a later approval${note}`, async () => {
    const draft = await trpc<EntryWire>(h.app, "entries.create", { kind: "runbook", title: "Rotate the TLS certificates", teamId: h.teams.alpha }, { cookie: h.people.author.cookie });
    const id = draft.data!.id;
    await trpc(h.app, "entries.submit", { id, reviewers: [h.people.teammate.id] }, { cookie: h.people.author.cookie });
    const reviewer = { cookie: h.people.teammate.cookie };

    for (const comment of [undefined, "   "]) {
      const bare = await trpc(h.app, "entries.review", { id, decision: "changes_requested", ...(comment === undefined ? {} : { comment }) }, reviewer);
      expect(bare.status).toBe(400);
      expect(bare.error!.message).toBe("Say what should change when requesting changes");
      expect(bare.error!.data.fieldErrors).toEqual({ comment: ["is required when requesting changes"] });
    }
    const tooLong = await trpc(h.app, "entries.review", { id, decision: "changes_requested", comment: "x".repeat(2001) }, reviewer);
    expect(tooLong.status).toBe(400);
    expect(tooLong.error!.data.fieldErrors).toHaveProperty("comment");

    type ReviewerWire = { handle: string; state: string; comment: string | null };
    const comment = "Step 3 needs the rollback command.\nAlso link the dashboard.";
    const requested = await trpc<ReviewerWire[]>(h.app, "entries.review", { id, decision: "changes_requested", comment: `  ${comment}  ` }, reviewer);
    expect(requested.data).toEqual([expect.objectContaining({ handle: "teammate", state: "changes_requested", comment })]);
    // The writer reads it in the reviewers list.
    const seen = await trpc<ReviewerWire[]>(h.app, "entries.reviewers", { id }, { cookie: h.people.author.cookie });
    expect(seen.data).toEqual([expect.objectContaining({ state: "changes_requested", comment })]);

    const approved = await trpc<ReviewerWire[]>(h.app, "entries.review", { id, decision: "approved" }, reviewer);
    expect(approved.data).toEqual([expect.objectContaining({ state: "approved", comment: null })]);
    const withNote = await trpc<ReviewerWire[]>(h.app, "entries.review", { id, decision: "approved", comment: "Looks good now." }, reviewer);
    expect(withNote.data).toEqual([expect.objectContaining({ state: "approved", comment: "Looks good now." })]);

    const audits = await h.db.database.db.query.auditLog.findMany({ where: (a, { eq }) => eq(a.targetId, id) });
    const decisions = audits.filter((a) => a.action.startsWith("entry.review_")).map((a) => [a.action, a.detail]);
    expect(decisions).toEqual(
      expect.arrayContaining([
        ["entry.review_changes_requested", { hasComment: true }],
        ["entry.review_approved", { hasComment: false }],
        ["entry.review_approved", { hasComment: true }],
      ]),
    );
    expect(decisions).toHaveLength(3);
  });

  run(`lists the reviewers with their state after a submit${note}`, async () => {
    const cookie = h.people.author.cookie;
    const draft = await trpc<EntryWire>(h.app, "entries.create", { kind: "fix", title: "Pods stuck terminating", teamId: h.teams.alpha }, { cookie });
    const submitted = await trpc<EntryWire>(
      h.app,
      "entries.submit",
      { id: draft.data!.id, reviewers: [h.people.teammate.id, h.people.admin.id, h.people.teammate.id], expectedVersion: draft.data!.version },
      { cookie },
    );
    expect(submitted.data).toMatchObject({ status: "in_review", version: draft.data!.version + 1 });
    const reviewers = await trpc<{ handle: string; state: string; decidedAt: string | null }[]>(h.app, "entries.reviewers", { id: draft.data!.id }, { cookie });
    expect(reviewers.data!.map((r) => [r.handle, r.state, r.decidedAt])).toEqual([
      ["admin", "pending", null],
      ["teammate", "pending", null],
    ]);
  });

  // A submit is one write: whatever fails after the status change must leave the draft as it was.
  const unchangedDraft = async (id: string, version: number) => {
    const d = h.db.database.db;
    const [row] = await d.select().from(schema.entries).where(eq(schema.entries.id, id));
    expect(row).toMatchObject({ status: "draft", version });
    expect(await d.select().from(schema.entryReviewers).where(eq(schema.entryReviewers.entryId, id))).toEqual([]);
    expect((await d.select().from(schema.entryRevisions).where(eq(schema.entryRevisions.entryId, id))).map((r) => r.version)).toEqual([version]);
    const audits = await d.query.auditLog.findMany({ where: (a, { eq }) => eq(a.targetId, id) });
    expect(audits.map((a) => a.action)).toEqual(["entry.create"]);
  };

  run(`refuses unknown reviewers and reviewers who cannot read the entry, leaving the draft untouched${note}`, async () => {
    const cookie = h.people.author.cookie;
    const draft = await trpc<EntryWire>(h.app, "entries.create", { kind: "fix", title: "DNS lookups time out", teamId: h.teams.alpha }, { cookie });
    const id = draft.data!.id;
    const unknown = await trpc(h.app, "entries.submit", { id, reviewers: ["00000000-0000-4000-8000-000000000000"] }, { cookie });
    expect(unknown.status).toBe(400);
    expect(unknown.error!.data.fieldErrors).toHaveProperty("reviewers");
    await unchangedDraft(id, draft.data!.version);
    // `other` is in another team: an in-review org entry is only readable by its owner team. This
    // check runs after the status change, inside the same transaction.
    const blind = await trpc(h.app, "entries.submit", { id, reviewers: [h.people.teammate.id, h.people.other.id] }, { cookie });
    expect(blind.status).toBe(400);
    expect(blind.error!.message).toMatch(/Other cannot read this entry/);
    await unchangedDraft(id, draft.data!.version);
  });

  run(`rolls the status change back when recording the reviewers fails${note}`, async () => {
    const cookie = h.people.author.cookie;
    const d = h.db.database.db;
    const draft = await trpc<EntryWire>(h.app, "entries.create", { kind: "fix", title: "Disk pressure evictions", teamId: h.teams.alpha }, { cookie });
    // The reviewer insert itself fails (as a dropped connection or a constraint would), after the
    // entry has already moved to in review within the request.
    await d.execute(sql`create or replace function fail_reviewer_insert() returns trigger language plpgsql as $$
      begin raise exception 'reviewer insert failed (test)'; end $$`);
    await d.execute(sql`create trigger fail_reviewer_insert before insert on entry_reviewers for each row execute function fail_reviewer_insert()`);
    try {
      const failed = await trpc(h.app, "entries.submit", { id: draft.data!.id, reviewers: [h.people.teammate.id] }, { cookie });
      expect(failed.status).toBe(500);
    } finally {
      await d.execute(sql`drop trigger fail_reviewer_insert on entry_reviewers`);
      await d.execute(sql`drop function fail_reviewer_insert()`);
    }
    await unchangedDraft(draft.data!.id, draft.data!.version);
    // And the same submit succeeds once the failure is gone.
    const retried = await trpc<EntryWire>(h.app, "entries.submit", { id: draft.data!.id, reviewers: [h.people.teammate.id] }, { cookie });
    expect(retried.data!.status).toBe("in_review");
  });

  run("fingerprints a fix's error signatures so variants of the same error match", async () => {
    const cookie = h.people.author.cookie;
    const fix = await trpc<EntryWire & { fingerprints: string[] }>(
      h.app,
      "entries.create",
      {
        kind: "fix",
        title: "Connection slots exhausted",
        fields: { errorSignatures: ["2026-09-14 09:12:03.114 UTC [4127] FATAL:  remaining connection slots are reserved for non-replication superuser connections"] },
      },
      { cookie },
    );
    const { fingerprintError } = await import("@hindsight/domain");
    const variant = "2026-11-02 22:01:59.870 UTC [88231] FATAL:  remaining connection slots are reserved for non-replication superuser connections";
    expect(fix.data!.fingerprints).toContain(fingerprintError(variant));
    expect(fix.data!.fingerprints).not.toContain(fingerprintError("FATAL: password authentication failed for user \"app\""));
  });

  run("starts every kind from its template", async () => {
    const t = await trpc<{ body: string; fields: Record<string, unknown> }>(h.app, "entries.template", { kind: "postmortem" }, { cookie: h.people.author.cookie });
    expect(t.data!.body).toMatch(/## Contributing factors/);
    expect(t.data!.fields).toHaveProperty("actionItems");
  });

  run("links a transcript to a postmortem and promotes two messages into a draft fix that links back", async () => {
    const cookie = h.people.author.cookie;
    const imported = await trpc<{ entries: { id: string }[] }>(
      h.app,
      "imports.chatLog",
      { title: "Disk full war room", channel: "inc-disk", date: "2026-10-02", text: "[09:00] sam: disk on db-1 at 100%\n[09:02] kim: ran `du -sh /var/log/*`, journald is 40G\n[09:04] kim: vacuumed with journalctl --vacuum-size=2G\n[09:05] sam: back to 60%" },
      { cookie },
    );
    expect(imported.status).toBe(200);
    const transcriptId = imported.data!.entries[0]!.id;
    const transcript = await trpc<EntryWire>(h.app, "entries.get", { id: transcriptId }, { cookie });
    const messages = transcript.data!.fields.messages as { ts: string; text: string }[];
    expect(messages).toHaveLength(4);

    const pm = await trpc<EntryWire>(h.app, "entries.create", { kind: "postmortem", title: "db-1 disk full" }, { cookie });
    const linked = await trpc<EntryWire>(h.app, "entries.linkTranscript", { transcriptId, postmortemId: pm.data!.id }, { cookie });
    expect(linked.data!.fields.postmortemId).toBe(pm.data!.id);
    expect((await trpc<EntryWire>(h.app, "entries.get", { id: pm.data!.id }, { cookie })).data!.fields.transcriptId).toBe(transcriptId);

    const picked = [messages[1]!.ts, messages[2]!.ts];
    const fix = await trpc<EntryWire>(h.app, "entries.promote", { transcriptId, messageTs: picked, kind: "fix", title: "journald filling the disk" }, { cookie });
    expect(fix.status).toBe(200);
    expect(fix.data).toMatchObject({ kind: "fix", status: "draft" });
    expect(fix.data!.fields.derivedFrom).toEqual({ entryId: transcriptId, messageTs: picked });
    expect(fix.data!.fields.resolutionSteps).toEqual([messages[1]!.text, messages[2]!.text]);
    expect(fix.data!.body).toContain(`/entries/${transcript.data!.slug}`);

    const unknown = await trpc(h.app, "entries.promote", { transcriptId, messageTs: ["nope"], kind: "fix", title: "x" }, { cookie });
    expect(unknown.status).toBe(400);
  });
});
