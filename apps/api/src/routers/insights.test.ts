// The dashboards' figures from real rows: every query gets fixtures with known answers, asserted
// exactly, including what a caller outside a team must not count.
import { schema } from "@hindsight/db";
import { eq } from "@hindsight/db/orm";
import { databaseTargets } from "@hindsight/db/testing";
import { lastMonths } from "@hindsight/domain";
import { beforeAll, describe, expect } from "vitest";
import { sessionCookieFor, trpc, useHarness } from "../test/harness.js";

const targets = await databaseTargets();

interface PerMonthWire {
  months: string[];
  rows: { month: string; kind: string; team: { name: string } | null; count: number }[];
}
interface ReadershipWire {
  total: number;
  widelyRead: number;
  widelyReadRatio: number;
  postmortems: { title: string; otherTeams: number; readers: number; team: { name: string } | null }[];
}

const DAY = 24 * 3600 * 1000;

describe.each(targets)("insights on $name", (target) => {
  const { h, run, note } = useHarness(target);
  let thirdCookie: string;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    if (target.skipReason) return;
    // A third team, so a postmortem can be read by two teams other than its owner.
    const d = h.db.database.db;
    const [gamma] = await d.insert(schema.teams).values({ slug: "gamma", name: "Gamma" }).returning();
    const [third] = await d.insert(schema.users).values({ handle: "third", name: "Third" }).returning();
    await d.insert(schema.teamMemberships).values({ teamId: gamma!.id, userId: third!.id });
    thirdCookie = await sessionCookieFor(h.db.database, third!.id);

    const create = async (key: string, cookie: string, input: Record<string, unknown>) => {
      const r = await trpc<{ id: string }>(h.app, "entries.create", { status: "published", ...input }, { cookie });
      if (r.status !== 200) throw new Error(`fixture ${key}: ${JSON.stringify(r.error)}`);
      ids[key] = r.data!.id;
    };
    const author = h.people.author.cookie;
    const other = h.people.other.cookie;
    await create("pm1", author, { kind: "postmortem", title: "Cache stampede", teamId: h.teams.alpha });
    await create("pm2", author, { kind: "postmortem", title: "Disk filled up", teamId: h.teams.alpha });
    await create("pmDraft", author, { kind: "postmortem", title: "Draft incident", teamId: h.teams.alpha, status: "draft" });
    await create("pmBeta", other, { kind: "postmortem", title: "Beta private incident", teamId: h.teams.beta, visibility: "team" });
    await create("fix1", author, { kind: "fix", title: "Raise the pool size", teamId: h.teams.alpha });
    await create("fix2", author, { kind: "fix", title: "Rotate the logs", teamId: h.teams.alpha });
    await create("fixBeta", other, { kind: "fix", title: "Beta private fix", teamId: h.teams.beta, visibility: "team" });
    await create("rbOld", author, { kind: "runbook", title: "Restart the queue", teamId: h.teams.alpha, fields: { reviewIntervalDays: 30 } });
    await create("rbFresh", author, { kind: "runbook", title: "Fresh runbook", teamId: h.teams.alpha, fields: { reviewIntervalDays: 30 } });
    await create("pmOld", author, { kind: "postmortem", title: "Ancient incident", teamId: h.teams.alpha });
    await create("gdLast", author, { kind: "gameday", title: "Zone drill", teamId: null });
    // Move some publication dates: one to three months ago, one out of the 12-month window.
    const now = new Date();
    await d.update(schema.entries).set({ publishedAt: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 3, 15)) }).where(eq(schema.entries.id, ids.gdLast!));
    await d.update(schema.entries).set({ publishedAt: new Date(now.getTime() - 400 * DAY) }).where(eq(schema.entries.id, ids.pmOld!));
    // The old runbook was created (and so last reviewed) 40 days ago: 10 days past its 30-day interval.
    await d.update(schema.entries).set({ createdAt: new Date(now.getTime() - 40 * DAY) }).where(eq(schema.entries.id, ids.rbOld!));
  });

  run(`counts learnings published per month by kind and team, within what the caller may read${note}`, async () => {
    const res = await trpc<PerMonthWire>(h.app, "insights.publishedPerMonth", undefined, { cookie: h.people.author.cookie }, "query");
    expect(res.status).toBe(200);
    const months = lastMonths(new Date(), 12);
    expect(res.data!.months).toEqual(months);
    const rows = res.data!.rows.map((r) => [r.month, r.kind, r.team?.name ?? null, r.count]);
    // Beta's team-only entries, the draft and the 400-day-old postmortem are not counted.
    expect(rows).toEqual([
      [months[8], "gameday", null, 1],
      [months[11], "fix", "Alpha", 2],
      [months[11], "postmortem", "Alpha", 2],
      [months[11], "runbook", "Alpha", 2],
    ]);
    const asOther = await trpc<PerMonthWire>(h.app, "insights.publishedPerMonth", undefined, { cookie: h.people.other.cookie }, "query");
    const betaRows = asOther.data!.rows.filter((r) => r.team?.name === "Beta").map((r) => [r.kind, r.count]);
    expect(betaRows).toEqual([
      ["fix", 1],
      ["postmortem", 1],
    ]);
  });

  run(`reports action-item closure and overdue items by team${note}`, async () => {
    const cookie = h.people.author.cookie;
    const pm = await trpc<{ id: string; fields: { actionItems: { id: string }[] } }>(
      h.app,
      "entries.create",
      {
        kind: "postmortem",
        title: "Items incident",
        teamId: h.teams.alpha,
        status: "published",
        fields: {
          actionItems: [
            { title: "Late item", dueDate: "2020-01-01" },
            { title: "Done item", status: "done" },
            { title: "Beta item", team: "beta", dueDate: "2020-02-01" },
            { title: "Future item", dueDate: "2999-01-01" },
          ],
        },
      },
      { cookie },
    );
    expect(pm.status).toBe(200);
    const res = await trpc<{ total: number; closed: number; overdue: number; closureRate: number; teams: { team: { name: string } | null; total: number; closed: number; overdue: number; closureRate: number }[] }>(
      h.app,
      "insights.actionItemsByTeam",
      undefined,
      { cookie },
      "query",
    );
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ total: 4, closed: 1, overdue: 2, closureRate: 0.25 });
    expect(res.data!.teams.map((t) => [t.team?.name, t.total, t.closed, t.overdue, t.closureRate])).toEqual([
      ["Alpha", 3, 1, 1, 1 / 3],
      ["Beta", 1, 0, 1, 0],
    ]);
    // Reuse of fixes: a closing fix counts as a reuse.
    const closed = await trpc(h.app, "actionItems.update", { id: pm.data!.fields.actionItems[3]!.id, closedByEntryId: ids.fix2 }, { cookie });
    expect(closed.status).toBe(200);
  });

  run(`ranks the most reused fixes from votes, derived entries and closed items${note}`, async () => {
    const vote = (cookie: string, entryId: string, v: "worked" | "did_not_work") => trpc(h.app, "fixes.vote", { entryId, vote: v }, { cookie });
    expect((await vote(h.people.author.cookie, ids.fix1!, "worked")).status).toBe(200);
    expect((await vote(h.people.teammate.cookie, ids.fix1!, "worked")).status).toBe(200);
    expect((await vote(h.people.other.cookie, ids.fix1!, "did_not_work")).status).toBe(200);
    expect((await vote(h.people.other.cookie, ids.fixBeta!, "worked")).status).toBe(200);
    // A runbook derived from fix2 (the `derivedFrom` reference), on top of the action item it closed.
    const derived = await trpc(
      h.app,
      "entries.create",
      { kind: "runbook", title: "Log rotation runbook", teamId: h.teams.alpha, status: "published", fields: { derivedFrom: { entryId: ids.fix2, messageTs: [] } } },
      { cookie: h.people.author.cookie },
    );
    expect(derived.status).toBe(200);
    const res = await trpc<{ title: string; worked: number; derived: number; closedActionItems: number; reuses: number }[]>(
      h.app,
      "insights.reusedFixes",
      { limit: 10 },
      { cookie: h.people.author.cookie },
      "query",
    );
    expect(res.status).toBe(200);
    expect(res.data!.map((f) => [f.title, f.worked, f.derived, f.closedActionItems, f.reuses])).toEqual([
      ["Raise the pool size", 2, 0, 0, 2],
      ["Rotate the logs", 0, 1, 1, 2],
    ]);
    const asOther = await trpc<{ title: string }[]>(h.app, "insights.reusedFixes", { limit: 10 }, { cookie: h.people.other.cookie }, "query");
    expect(asOther.data!.map((f) => f.title)).toContain("Beta private fix");
  });

  run(`lists stale runbooks and knowledge gaps${note}`, async () => {
    const stale = await trpc<{ title: string; team: { name: string } | null; reviewDueAt: string }[]>(h.app, "insights.staleRunbooks", undefined, { cookie: h.people.author.cookie }, "query");
    expect(stale.status).toBe(200);
    expect(stale.data!.map((r) => [r.title, r.team?.name])).toEqual([["Restart the queue", "Alpha"]]);
    expect(Math.round((Date.now() - new Date(stale.data![0]!.reviewDueAt).getTime()) / DAY)).toBe(10);

    for (const q of ["kafka rebalance storm", "kafka rebalance storm", "zzqx nothing"]) {
      expect((await trpc(h.app, "search.query", { q }, { cookie: h.people.author.cookie }, "query")).status).toBe(200);
    }
    const gaps = await trpc<{ query: string; searches: number; reason: string }[]>(h.app, "insights.knowledgeGaps", { limit: 5 }, { cookie: h.people.author.cookie }, "query");
    expect(gaps.status).toBe(200);
    expect(gaps.data!.map((g) => [g.query, g.searches, g.reason])).toEqual([
      ["kafka rebalance storm", 2, "no_results"],
      ["zzqx nothing", 1, "no_results"],
    ]);
  });

  run(`measures postmortem readership across teams, one view per person per day${note}`, async () => {
    const view = (cookie: string, entryId: string) => trpc(h.app, "insights.recordView", { entryId }, { cookie });
    // pm1: read by its own team (not counted), by beta and by gamma: two other teams.
    expect((await view(h.people.teammate.cookie, ids.pm1!)).status).toBe(200);
    expect((await view(h.people.other.cookie, ids.pm1!)).status).toBe(200);
    expect((await view(thirdCookie, ids.pm1!)).status).toBe(200);
    // pm2: read twice by the same person on one day: one reader, one other team.
    expect((await view(h.people.other.cookie, ids.pm2!)).status).toBe(200);
    expect((await view(h.people.other.cookie, ids.pm2!)).status).toBe(200);
    const rows = await h.db.database.db.select().from(schema.entryViews).where(eq(schema.entryViews.entryId, ids.pm2!));
    expect(rows).toHaveLength(1);
    // An entry the reader may not see is "not found", and records nothing.
    expect((await view(thirdCookie, ids.pmBeta!)).status).toBe(404);

    const res = await trpc<ReadershipWire>(h.app, "insights.readership", { limit: 10 }, { cookie: h.people.author.cookie }, "query");
    expect(res.status).toBe(200);
    // Published postmortems the author may read: pm1, pm2, pmOld and "Items incident" (not the draft, not beta's).
    expect(res.data!).toMatchObject({ total: 4, widelyRead: 1, widelyReadRatio: 0.25 });
    expect(res.data!.postmortems.slice(0, 2).map((p) => [p.title, p.otherTeams, p.readers])).toEqual([
      ["Cache stampede", 2, 3],
      ["Disk filled up", 1, 1],
    ]);
    const asAdmin = await trpc<ReadershipWire>(h.app, "insights.readership", { limit: 10 }, { cookie: h.people.admin.cookie }, "query");
    expect(asAdmin.data!).toMatchObject({ total: 5, widelyRead: 1 });
  });
});
