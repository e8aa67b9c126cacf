// Subscriptions and digests end to end: subscribing (with clear refusals), a digest per subscriber
// holding only what they may read from the period, delivered to a real SMTP server running in the
// test and to a chat webhook; no second send of a period; the preview; and the notices a new
// postmortem gives the owners of runbooks and fixes it cites.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { schema } from "@hindsight/db";
import { and, eq } from "@hindsight/db/orm";
import { databaseTargets } from "@hindsight/db/testing";
import { digestBoundary } from "@hindsight/domain";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeEach, describe, expect } from "vitest";
import { sendDigests } from "../services/digest-service.js";
import type { Entry } from "../test/wire-types.js";
import { rest, trpc, useHarness } from "../test/harness.js";

const targets = await databaseTargets();

// A real SMTP server on a free port: nodemailer talks SMTP to it, mailparser reads what arrived.
const received: ParsedMail[] = [];
/** Makes the SMTP server refuse the next message (a failed send). */
let refuseNext = false;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData(stream, _session, callback) {
    if (refuseNext) {
      refuseNext = false;
      stream.resume();
      stream.on("end", () => callback(Object.assign(new Error("mailbox unavailable"), { responseCode: 550 })));
      return;
    }
    simpleParser(stream).then(
      (mail) => {
        received.push(mail);
        callback();
      },
      (err: Error) => callback(err),
    );
  },
});
await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
const smtpPort = (smtp.server.address() as AddressInfo).port;

// A chat webhook receiver (Slack-compatible incoming webhook).
const posts: { url: string; body: { text: string } }[] = [];
const hook = http.createServer((req, res) => {
  let data = "";
  req.on("data", (c: Buffer) => (data += c.toString()));
  req.on("end", () => {
    posts.push({ url: req.url ?? "", body: JSON.parse(data) as { text: string } });
    res.end("ok");
  });
});
await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/services/T000/B000/secret`;

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await new Promise<void>((resolve) => hook.close(() => resolve()));
});

const env = {
  HINDSIGHT_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  HINDSIGHT_MAIL_FROM: "Hindsight <hindsight@example.com>",
  HINDSIGHT_CHAT_WEBHOOK_HOSTS: "hooks.slack.com,127.0.0.1",
  HINDSIGHT_PUBLIC_URL: "https://hindsight.example.com",
};

interface SubscriptionWire {
  id: string;
  target: string;
  value: string;
  label: string;
  frequency: string;
  channel: string;
  chatWebhookHost: string | null;
}

interface PreviewWire {
  entries: { title: string; matched: string[] }[];
  deliveries: { channel: string; to: string }[];
  periodStart: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(targets)("subscriptions and digests on $name", (target) => {
  const { h, run, note } = useHarness(target, { env });

  beforeEach(() => {
    received.length = 0;
    posts.length = 0;
  });

  run(`subscribes to a team, service, tag or saved search; refuses what cannot work, naming the field${note}`, async () => {
    const me = { cookie: h.people.other.cookie };
    const team = await trpc<SubscriptionWire>(h.app, "subscriptions.create", { target: "team", value: "alpha", frequency: "daily" }, me);
    expect(team.status).toBe(200);
    expect(team.data).toMatchObject({ target: "team", value: h.teams.alpha, label: "team Alpha", frequency: "daily", channel: "email" });

    const unknown = await trpc(h.app, "subscriptions.create", { target: "team", value: "no-such-team" }, me);
    expect(unknown.status).toBe(400);
    expect(unknown.error!.message).toBe("Unknown team no-such-team");
    expect(unknown.error!.data.fieldErrors).toEqual({ value: ["no team no-such-team"] });

    const again = await trpc(h.app, "subscriptions.create", { target: "team", value: h.teams.alpha, frequency: "weekly" }, me);
    expect(again.status).toBe(409);

    const badFilters = await trpc(h.app, "subscriptions.create", { target: "tag", value: "kafka", filters: { tags: ["x"] } }, me);
    expect(badFilters.error!.data.fieldErrors).toHaveProperty("filters");
    const badLabel = await trpc(h.app, "subscriptions.create", { target: "service", value: "Orders DB!" }, me);
    expect(badLabel.error!.data.fieldErrors).toHaveProperty("value");
    const chatWithoutUrl = await trpc(h.app, "subscriptions.create", { target: "tag", value: "kafka", channel: "chat" }, me);
    expect(chatWithoutUrl.error!.data.fieldErrors).toHaveProperty("chatWebhookUrl");
    // Only configured webhook hosts: the server must not be pointed at internal addresses.
    const internal = await trpc(h.app, "subscriptions.create", { target: "tag", value: "kafka", channel: "chat", chatWebhookUrl: "http://169.254.169.254/latest" }, me);
    expect(internal.status).toBe(400);
    expect(internal.error!.data.fieldErrors!.chatWebhookUrl![0]).toMatch(/allowed webhook host/);
    const search = await trpc(h.app, "subscriptions.create", { target: "search", value: "", filters: { teams: ["nobody"] } }, me);
    expect(search.error!.data.fieldErrors).toEqual({ "filters.teams": ["no team nobody"] });

    const saved = await trpc<SubscriptionWire>(
      h.app,
      "subscriptions.create",
      { target: "search", value: "connection pool", filters: { teams: ["beta"], kinds: ["fix"] }, channel: "chat", chatWebhookUrl: "https://hooks.slack.com/services/T1/B1/xyz" },
      me,
    );
    expect(saved.status).toBe(200);
    // The webhook URL is a credential: only its host comes back.
    expect(saved.data).toMatchObject({ label: 'search "connection pool" (kinds: fix; teams: beta)', chatWebhookHost: "hooks.slack.com" });
    expect(JSON.stringify(saved.data)).not.toContain("xyz");

    const mine = await trpc<SubscriptionWire[]>(h.app, "subscriptions.list", undefined, me);
    expect(mine.data!.map((s) => s.target)).toEqual(["team", "search"]);
    expect((await trpc<SubscriptionWire[]>(h.app, "subscriptions.list", undefined, { cookie: h.people.author.cookie })).data).toEqual([]);

    // Someone else's subscription cannot be removed (and looks missing).
    const foreign = await trpc(h.app, "subscriptions.delete", { id: saved.data!.id }, { cookie: h.people.author.cookie });
    expect(foreign.status).toBe(404);
    expect((await trpc(h.app, "subscriptions.delete", { id: saved.data!.id }, me)).status).toBe(200);
    expect((await trpc<SubscriptionWire[]>(h.app, "subscriptions.list", undefined, me)).data!.map((s) => s.target)).toEqual(["team"]);
    const audited = await h.db.database.db.select().from(schema.auditLog).where(eq(schema.auditLog.targetId, saved.data!.id));
    expect(audited.map((a) => a.action).sort()).toEqual(["subscription.create", "subscription.delete"]);
    expect(JSON.stringify(audited)).not.toContain("xyz");
    await h.db.database.db.delete(schema.subscriptions);
  });

  run(`a digest holds the period's matching entries the recipient may read, by e-mail and chat, sent once${note}`, async () => {
    const d = h.db.database.db;
    const author = { cookie: h.people.author.cookie };
    await d.update(schema.users).set({ email: "other@example.com" }).where(eq(schema.users.id, h.people.other.id));
    // `other` (team beta) follows team alpha daily by e-mail and the service checkout weekly;
    // `teammate` (team alpha) follows team alpha daily in chat.
    expect((await trpc(h.app, "subscriptions.create", { target: "team", value: "alpha", frequency: "daily" }, { cookie: h.people.other.cookie })).status).toBe(200);
    expect((await trpc(h.app, "subscriptions.create", { target: "service", value: "checkout", frequency: "weekly" }, { cookie: h.people.other.cookie })).status).toBe(200);
    expect(
      (await trpc(h.app, "subscriptions.create", { target: "team", value: "alpha", frequency: "daily", channel: "chat", chatWebhookUrl: hookUrl }, { cookie: h.people.teammate.cookie })).status,
    ).toBe(200);

    const create = async (input: Record<string, unknown>, cookie = author.cookie) => {
      const res = await trpc<Entry>(h.app, "entries.create", { kind: "fix", status: "published", teamId: h.teams.alpha, ...input }, { cookie });
      expect(res.status, JSON.stringify(res.error)).toBe(200);
      return res.data!;
    };
    const orgFix = await create({ title: "Alpha org fix <em>now</em>", summary: "Restart the consumer & check lag" });
    const teamOnly = await create({ title: "Alpha team-only fix", visibility: "team" });
    const restricted = await create({ title: "Alpha restricted fix", visibility: "restricted", services: ["checkout"] });
    const draft = await create({ title: "Alpha draft fix", status: "draft" });
    const betaFix = await create({ title: "Beta fix", teamId: h.teams.beta }, h.people.other.cookie);
    const old = await create({ title: "Alpha checkout fix from earlier", services: ["checkout"] });

    // Publication times placed in the periods: yesterday for the daily digest, earlier in last week for the weekly one.
    const now = new Date();
    const today = digestBoundary("daily", now);
    const thisWeek = digestBoundary("weekly", now);
    const yesterdayNoon = new Date(today.getTime() - 12 * HOUR);
    for (const e of [orgFix, teamOnly, restricted, draft, betaFix]) {
      await d.update(schema.entries).set({ publishedAt: yesterdayNoon }).where(eq(schema.entries.id, e.id));
    }
    await d.update(schema.entries).set({ publishedAt: new Date(thisWeek.getTime() - 3 * DAY) }).where(eq(schema.entries.id, old.id));
    await d.update(schema.entries).set({ publishedAt: new Date(thisWeek.getTime() - 3 * DAY) }).where(eq(schema.entries.id, restricted.id));

    const runAt = new Date(today.getTime() + HOUR);
    const first = await sendDigests(h.app.digestDeps, "daily", runAt);
    expect(first).toMatchObject({ sent: 2, failed: 0 });

    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe("other@example.com");
    expect(mail.from?.text).toBe('"Hindsight" <hindsight@example.com>');
    expect(mail.subject).toMatch(/^Hindsight daily digest: 1 new entry/);
    expect(mail.text).toContain("Alpha org fix <em>now</em>");
    expect(mail.text).toContain(`https://hindsight.example.com/entries/${orgFix.slug}`);
    expect(mail.text).toContain("Because you follow: team Alpha");
    for (const hidden of ["team-only", "restricted", "draft", "Beta fix", "from earlier"]) {
      expect(mail.text).not.toContain(hidden);
      expect(mail.html || "").not.toContain(hidden);
    }
    // The HTML part escapes what people wrote: no markup of theirs gets through.
    expect(mail.html).toContain("Alpha org fix &lt;em&gt;now&lt;/em&gt;");
    expect(mail.html).not.toContain("<em>now");
    expect(mail.html).toContain("Restart the consumer &amp; check lag");

    // The team member's chat digest holds the team-only fix too, never the restricted one.
    expect(posts).toHaveLength(1);
    expect(posts[0]!.url).toBe("/services/T000/B000/secret");
    expect(posts[0]!.body.text).toContain("Alpha org fix");
    expect(posts[0]!.body.text).toContain("Alpha team-only fix");
    expect(posts[0]!.body.text).not.toContain("restricted");
    expect(posts[0]!.body.text).toContain("&lt;em&gt;");

    const runs = await d.select().from(schema.digestRuns).where(and(eq(schema.digestRuns.userId, h.people.other.id), eq(schema.digestRuns.frequency, "daily")));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ entryCount: 1, attempts: 1, error: null, claimedAt: null, periodStart: new Date(today.getTime() - DAY), periodEnd: today });
    expect(runs[0]!.sentAt).not.toBeNull();
    const audit = await d.select().from(schema.auditLog).where(eq(schema.auditLog.action, "digest.sent"));
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain("secret");

    // Run again (a second replica, a cron run): nothing is sent twice.
    const second = await sendDigests(h.app.digestDeps, "daily", new Date(runAt.getTime() + HOUR));
    expect(second).toMatchObject({ sent: 0, skipped: 2 });
    expect(received).toHaveLength(1);
    expect(posts).toHaveLength(1);

    // Weekly: only last week's checkout fix the recipient may read, and two senders at once send it once.
    const weekRun = new Date(thisWeek.getTime() + HOUR);
    const [a, b] = await Promise.all([sendDigests(h.app.digestDeps, "weekly", weekRun), sendDigests(h.app.digestDeps, "weekly", weekRun)]);
    expect(a.sent + b.sent).toBe(1);
    expect(received).toHaveLength(2);
    const weekly = received[1]!;
    expect(weekly.subject).toMatch(/^Hindsight weekly digest: 1 new entry/);
    expect(weekly.text).toContain("Alpha checkout fix from earlier");
    expect(weekly.text).toContain("Because you follow: service checkout");
    expect(weekly.text).not.toContain("Alpha org fix");
    expect(weekly.text).not.toContain("restricted");

    // The next day's digest starts where this one ended: yesterday's entries are not repeated.
    const next = await sendDigests(h.app.digestDeps, "daily", new Date(today.getTime() + DAY + HOUR));
    expect(next.sent).toBe(0);
    expect(received).toHaveLength(2);
  });

  run(`previews the next digest: what was published since the last one, that the caller may read${note}`, async () => {
    const d = h.db.database.db;
    const fresh = await trpc<Entry>(h.app, "entries.create", { kind: "runbook", title: "Fresh alpha runbook", status: "published", teamId: h.teams.alpha }, { cookie: h.people.author.cookie });
    await trpc<Entry>(h.app, "entries.create", { kind: "runbook", title: "Fresh team-only runbook", status: "published", visibility: "team", teamId: h.teams.alpha }, { cookie: h.people.author.cookie });
    expect(fresh.status).toBe(200);
    // The last daily digest of `other` ended at today's midnight (UTC): the preview starts there.
    // (The test before ran digests on a clock in the future; start from a real history.)
    await d.delete(schema.digestRuns);
    await d
      .insert(schema.digestRuns)
      .values({ userId: h.people.other.id, frequency: "daily", periodStart: new Date(digestBoundary("daily", new Date()).getTime() - DAY), periodEnd: digestBoundary("daily", new Date()), sentAt: new Date() })
      .onConflictDoNothing();
    const preview = await trpc<PreviewWire>(h.app, "subscriptions.previewDigest", { frequency: "daily" }, { cookie: h.people.other.cookie }, "query");
    expect(preview.status).toBe(200);
    expect(new Date(preview.data!.periodStart).getTime()).toBe(digestBoundary("daily", new Date()).getTime());
    expect(preview.data!.entries.map((e) => e.title)).toEqual(["Fresh alpha runbook"]);
    expect(preview.data!.entries[0]!.matched).toEqual(["team Alpha"]);
    expect(preview.data!.deliveries).toEqual([{ channel: "email", to: "other@example.com" }]);
    const teammate = await trpc<PreviewWire>(h.app, "subscriptions.previewDigest", { frequency: "daily" }, { cookie: h.people.teammate.cookie }, "query");
    expect(teammate.data!.entries.map((e) => e.title).sort()).toEqual(["Fresh alpha runbook", "Fresh team-only runbook"]);
    expect(teammate.data!.deliveries).toEqual([{ channel: "chat", to: new URL(hookUrl).host }]);
    // Previews send nothing.
    expect(received).toHaveLength(0);
  });
});

describe.each(targets)("saved-search digests and failed sends on $name", (target) => {
  const { h, run, note } = useHarness(target, { env });

  run(`a saved search's new matches are mailed; a refused send is recorded, then retried once, not repeated${note}`, async () => {
    const d = h.db.database.db;
    received.length = 0;
    await d.update(schema.users).set({ email: "other@example.com" }).where(eq(schema.users.id, h.people.other.id));
    const sub = await trpc(h.app, "subscriptions.create", { target: "search", value: "zookeeper session expired", filters: { kinds: ["fix"] }, frequency: "daily" }, { cookie: h.people.other.cookie });
    expect(sub.status).toBe(200);
    const make = (title: string, kind = "fix", visibility = "org") =>
      trpc<Entry>(h.app, "entries.create", { kind, title, body: "The zookeeper session expired under load.", status: "published", teamId: h.teams.alpha, visibility }, { cookie: h.people.author.cookie });
    const match = (await make("Zookeeper session expired fix")).data!;
    const wrongKind = (await make("Zookeeper session expired runbook", "runbook")).data!;
    const hidden = (await make("Zookeeper session expired (team only)", "fix", "team")).data!;
    const today = digestBoundary("daily", new Date());
    for (const e of [match, wrongKind, hidden]) await d.update(schema.entries).set({ publishedAt: new Date(today.getTime() - 6 * HOUR) }).where(eq(schema.entries.id, e.id));

    refuseNext = true;
    const failed = await sendDigests(h.app.digestDeps, "daily", new Date(today.getTime() + HOUR));
    expect(failed).toMatchObject({ sent: 0, failed: 1 });
    const [row] = await d.select().from(schema.digestRuns).where(eq(schema.digestRuns.userId, h.people.other.id));
    expect(row).toMatchObject({ sentAt: null, attempts: 1, claimedAt: null });
    expect(row!.error).toMatch(/^SMTP send failed: .*mailbox unavailable/);
    expect(row!.error).not.toContain(`127.0.0.1:${smtpPort}`);

    const retried = await sendDigests(h.app.digestDeps, "daily", new Date(today.getTime() + 2 * HOUR));
    expect(retried).toMatchObject({ sent: 1, failed: 0 });
    expect(received).toHaveLength(1);
    expect(received[0]!.text).toContain("Zookeeper session expired fix");
    expect(received[0]!.text).toContain('Because you follow: search "zookeeper session expired"');
    expect(received[0]!.text).not.toContain("runbook");
    expect(received[0]!.text).not.toContain("team only");
    const runs = await d.select().from(schema.digestRuns).where(eq(schema.digestRuns.userId, h.people.other.id));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ attempts: 2, error: null, entryCount: 1 });
    expect((await sendDigests(h.app.digestDeps, "daily", new Date(today.getTime() + 3 * HOUR))).sent).toBe(0);
    expect(received).toHaveLength(1);
  });
});

describe.each(targets)("related runbooks and team notices on $name", (target) => {
  const { h, run, note } = useHarness(target);

  interface NoticeWire {
    kind: string;
    entry: { id: string; title: string };
    source: { id: string; title: string };
  }

  run(`a new postmortem lists the runbooks and fixes sharing its services and tells their owner teams${note}`, async () => {
    const d = h.db.database.db;
    const beta = { cookie: h.people.other.cookie };
    const alpha = { cookie: h.people.author.cookie };
    const runbook = await trpc<Entry>(h.app, "entries.create", { kind: "runbook", title: "Payments DB failover", services: ["payments-db"], teamId: h.teams.beta, status: "published" }, beta);
    const unrelated = await trpc<Entry>(h.app, "entries.create", { kind: "runbook", title: "Search reindex", services: ["search"], teamId: h.teams.beta, status: "published" }, beta);
    expect(runbook.status).toBe(200);
    expect(unrelated.status).toBe(200);

    const pm = await trpc<Entry>(h.app, "entries.create", { kind: "postmortem", title: "Payments outage in March", services: ["payments-db", "checkout"], teamId: h.teams.alpha }, alpha);
    // A draft tells nobody yet.
    expect(await d.select().from(schema.teamNotifications)).toHaveLength(0);
    const published = await trpc<Entry>(h.app, "entries.publish", { id: pm.data!.id }, alpha);
    expect(published.status, JSON.stringify(published.error)).toBe(200);

    const notices = await trpc<NoticeWire[]>(h.app, "teams.notifications", { teamId: h.teams.beta }, beta, "query");
    expect(notices.status).toBe(200);
    expect(notices.data!.map((n) => [n.kind, n.entry.title, n.source.title])).toEqual([["cited_in_postmortem", "Payments DB failover", "Payments outage in March"]]);
    // Another team's inbox is its own.
    expect((await trpc(h.app, "teams.notifications", { teamId: h.teams.beta }, alpha, "query")).status).toBe(403);

    const related = await trpc<{ title: string; sharedServices: string[] }[]>(h.app, "entries.serviceRelated", { id: pm.data!.id }, { cookie: h.people.teammate.cookie }, "query");
    expect(related.data).toEqual([expect.objectContaining({ title: "Payments DB failover", sharedServices: ["payments-db"] })]);
    const citedBy = await trpc<{ title: string }[]>(h.app, "entries.serviceRelated", { id: runbook.data!.id }, beta, "query");
    expect(citedBy.data!.map((r) => r.title)).toEqual(["Payments outage in March"]);

    // Archiving and restoring (published again) repeats nothing.
    await trpc(h.app, "entries.archive", { id: pm.data!.id }, alpha);
    expect((await trpc(h.app, "entries.restore", { id: pm.data!.id }, alpha)).status).toBe(200);
    expect(await d.select().from(schema.teamNotifications)).toHaveLength(1);

    // A restricted postmortem cites the runbook too: the notice exists, but beta may not read the postmortem, so it is not shown.
    const secret = await trpc<Entry>(
      h.app,
      "entries.create",
      { kind: "postmortem", title: "Restricted payments incident", services: ["payments-db"], teamId: h.teams.alpha, visibility: "restricted", status: "published" },
      alpha,
    );
    expect(secret.status).toBe(200);
    expect(await d.select().from(schema.teamNotifications)).toHaveLength(2);
    const after = await trpc<NoticeWire[]>(h.app, "teams.notifications", { teamId: h.teams.beta }, beta, "query");
    expect(after.data!.map((n) => n.source.title)).toEqual(["Payments outage in March"]);
    const marked = await trpc<{ marked: number }>(h.app, "teams.markNotificationsRead", { teamId: h.teams.beta }, beta);
    expect(marked.data).toEqual({ marked: 1 });
    expect((await trpc<NoticeWire[]>(h.app, "teams.notifications", { teamId: h.teams.beta, unreadOnly: true }, beta, "query")).data).toEqual([]);
  });

  run(`a bulk import tells the cited teams as publishing one by one does, in one statement for the batch${note}`, async () => {
    const d = h.db.database.db;
    const beta = { cookie: h.people.other.cookie };
    const before = (await d.select().from(schema.teamNotifications)).length;
    const runbook = await trpc<Entry>(h.app, "entries.create", { kind: "runbook", title: "Queue backlog runbook", services: ["queue"], teamId: h.teams.beta, status: "published" }, beta);
    const fix = await trpc<Entry>(h.app, "entries.create", { kind: "fix", title: "Cache stampede fix", services: ["cache"], teamId: h.teams.beta, status: "published" }, beta);
    expect([runbook.status, fix.status]).toEqual([200, 200]);
    const res = await rest(h.app, "POST", "/api/v1/entries", {
      entries: [
        { kind: "postmortem", title: "Queue outage", services: ["queue"], externalKey: "pm-1" },
        { kind: "postmortem", title: "Queue and cache outage", services: ["cache", "queue"], externalKey: "pm-2" },
        { kind: "postmortem", title: "Unrelated outage", services: ["dns"], externalKey: "pm-3" },
        { kind: "postmortem", title: "Draft queue outage", services: ["queue"], status: "draft", externalKey: "pm-4" },
        // Cited within its own batch: the runbook comes in with the postmortem that cites it.
        { kind: "runbook", title: "Search runbook", services: ["vector-store"], team: "beta", externalKey: "rb-1" },
        { kind: "postmortem", title: "Search outage", services: ["vector-store"], externalKey: "pm-5" },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const notices = await trpc<NoticeWire[]>(h.app, "teams.notifications", { teamId: h.teams.beta }, beta, "query");
    const batchTitles = new Set(["Queue outage", "Queue and cache outage", "Unrelated outage", "Draft queue outage", "Search outage"]);
    const fromBatch = notices.data!.filter((n) => batchTitles.has(n.source.title));
    expect(fromBatch.map((n) => `${n.entry.title} <- ${n.source.title}`).sort()).toEqual([
      "Cache stampede fix <- Queue and cache outage",
      "Queue backlog runbook <- Queue and cache outage",
      "Queue backlog runbook <- Queue outage",
      "Search runbook <- Search outage",
    ]);
    // Importing the same batch again (unchanged) adds nothing.
    expect((await rest(h.app, "POST", "/api/v1/entries", { entries: [{ kind: "postmortem", title: "Queue outage", services: ["queue"], externalKey: "pm-1" }] })).body).toMatchObject({ unchanged: 1 });
    expect(await d.select().from(schema.teamNotifications)).toHaveLength(before + 4);
  });
});
