// Digests: for each subscriber, what was published in the period that matches any of their
// subscriptions and that they may read, sent by e-mail and/or posted to chat webhooks.
//
// Exactly-once per period across replicas: a sender first claims the (person, frequency, period)
// row of digest_runs (insert, or retake an unsent one whose claim is stale) in one statement; only
// the claimant sends, then marks the row sent. A failed send keeps the row unsent with the error
// (scrubbed of credentials) and is retried by a later run, up to MAX_ATTEMPTS.
import {
  digestBoundary,
  digestPeriodLengthMs,
  entryPath,
  nextDigestPeriod,
  readScope,
  type Actor,
  type DigestEntry,
  type DigestFrequency,
  type DigestPreview,
  KIND_BASICS,
  type EntryKind,
  type EntryStatus,
} from "@hindsight/domain";
import { entryReadPredicate, schema, type Db } from "@hindsight/db";
import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from "@hindsight/db/orm";
import type { SearchEngine } from "@hindsight/search";
import type { Config } from "../config.js";
import { loadActor } from "../identity/identity.js";
import { audit } from "./audit.js";
import type { ServiceContext } from "./context.js";
import type { Mailer } from "./mailer.js";
import { scrubSecrets } from "./mailer.js";
import { subscriptionLabel, webhookHost, webhookProblem } from "./subscription-service.js";

const { digestRuns, entries, subscriptions, teams, users } = schema;

type SubscriptionRow = typeof subscriptions.$inferSelect;

/** Most entries one digest lists; the rest are counted ("and 12 more"). */
export const DIGEST_LIMIT = 50;
/** How many matches of one saved search are considered (newest first) per digest. */
const SEARCH_CANDIDATES = 200;
const MAX_ATTEMPTS = 5;
/** A claim older than this belongs to a sender that died mid-send; another may retake it. */
const CLAIM_LEASE_MS = 15 * 60_000;

export interface DigestContent {
  entries: DigestEntry[];
  /** Matching entries in all, when more than DIGEST_LIMIT. */
  total: number;
}

/**
 * The entries of a digest: published in [start, end), readable by the recipient (the read policy as
 * SQL, the same predicate entry lists use), matching at least one subscription. Saved searches go
 * through the search engine with the recipient's scope inside the query.
 */
export async function collectDigest(
  db: Db,
  engine: SearchEngine,
  actor: Actor,
  subs: SubscriptionRow[],
  period: { start: Date; end: Date },
): Promise<DigestContent> {
  if (subs.length === 0 || period.start >= period.end) return { entries: [], total: 0 };
  const scope = readScope(actor);
  const searchHits = new Map<string, Set<string>>();
  for (const s of subs.filter((x) => x.target === "search")) {
    const result = await engine.search({
      q: s.value,
      scope,
      filters: {
        kinds: s.filters.kinds as EntryKind[] | undefined,
        teamIds: s.filters.teamIds,
        services: s.filters.services,
        tags: s.filters.tags,
        statuses: ["published" as EntryStatus],
      },
      sort: "newest",
      limit: SEARCH_CANDIDATES,
    });
    searchHits.set(s.id, new Set(result.hits.map((h) => h.id)));
  }
  const matchers: SQL[] = [];
  const teamIds = subs.filter((s) => s.target === "team").map((s) => s.value);
  const services = subs.filter((s) => s.target === "service").map((s) => s.value);
  const tags = subs.filter((s) => s.target === "tag").map((s) => s.value);
  const searchIds = [...new Set([...searchHits.values()].flatMap((ids) => [...ids]))];
  if (teamIds.length) matchers.push(inArray(entries.teamId, teamIds));
  if (services.length) matchers.push(sql`${entries.services} && ${sql.param(services)}::text[]`);
  if (tags.length) matchers.push(sql`${entries.tags} && ${sql.param(tags)}::text[]`);
  if (searchIds.length) matchers.push(inArray(entries.id, searchIds));
  if (matchers.length === 0) return { entries: [], total: 0 };

  const where = and(
    entryReadPredicate(db, scope),
    eq(entries.status, "published"),
    gte(entries.publishedAt, period.start),
    lt(entries.publishedAt, period.end),
    or(...matchers),
  );
  const rows = await db
    .select({
      id: entries.id,
      kind: entries.kind,
      slug: entries.slug,
      title: entries.title,
      summary: entries.summary,
      teamId: entries.teamId,
      teamSlug: teams.slug,
      teamName: teams.name,
      services: entries.services,
      tags: entries.tags,
      publishedAt: entries.publishedAt,
      total: sql<number>`count(*) over ()`,
    })
    .from(entries)
    .leftJoin(teams, eq(teams.id, entries.teamId))
    .where(where)
    .orderBy(desc(entries.publishedAt), desc(entries.id))
    .limit(DIGEST_LIMIT);

  const teamNames = new Map<string, string>();
  if (teamIds.length) {
    for (const t of await db.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, teamIds))) teamNames.set(t.id, t.name);
  }
  const out: DigestEntry[] = rows.map((r) => ({
    id: r.id,
    kind: r.kind as EntryKind,
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    teamSlug: r.teamSlug,
    teamName: r.teamName,
    services: r.services,
    tags: r.tags,
    publishedAt: r.publishedAt!,
    matched: subs
      .filter((s) => {
        switch (s.target) {
          case "team":
            return r.teamId === s.value;
          case "service":
            return r.services.includes(s.value);
          case "tag":
            return r.tags.includes(s.value);
          case "search":
            return searchHits.get(s.id)?.has(r.id) ?? false;
        }
      })
      .map((s) => subscriptionLabel(s.target, s.target === "team" ? (teamNames.get(s.value) ?? s.value) : s.value)),
  }));
  return { entries: out, total: Number(rows[0]?.total ?? 0) };
}

// ---------------------------------------------------------------------------------------------
// Rendering: plain text and HTML. Every value is escaped; nothing is rendered as markdown, so the
// HTML holds only the markup written here.
// ---------------------------------------------------------------------------------------------

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}


function oneLine(s: string, max = 280): string {
  const flat = s.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export interface RenderedDigest {
  subject: string;
  text: string;
  html: string;
}

export function renderDigest(opts: {
  recipientName: string;
  frequency: DigestFrequency;
  period: { start: Date; end: Date };
  content: DigestContent;
  publicUrl: string;
}): RenderedDigest {
  const { content, frequency, period, publicUrl } = opts;
  const n = content.total;
  const subject = `Hindsight ${frequency} digest: ${n} new ${n === 1 ? "entry" : "entries"} (${day(period.start)} to ${day(new Date(period.end.getTime() - 1))})`;
  const more = content.total - content.entries.length;
  const settings = `${publicUrl}/settings/subscriptions`;
  const text = [
    `Hello ${opts.recipientName},`,
    "",
    `New in Hindsight that matches your subscriptions:`,
    "",
    ...content.entries.flatMap((e) => [
      `* ${KIND_BASICS[e.kind].shortLabel}: ${oneLine(e.title, 200)}${e.teamName ? ` (${e.teamName})` : ""}`,
      ...(e.summary ? [`  ${oneLine(e.summary)}`] : []),
      `  ${publicUrl}${entryPath(e.slug)}`,
      `  Because you follow: ${e.matched.join(", ")}`,
      "",
    ]),
    ...(more > 0 ? [`…and ${more} more.`, ""] : []),
    `Manage your subscriptions: ${settings}`,
  ].join("\n");
  const items = content.entries
    .map(
      (e) =>
        `<li style="margin-bottom:12px"><strong>${escapeHtml(KIND_BASICS[e.kind].shortLabel)}:</strong> <a href="${escapeHtml(publicUrl + entryPath(e.slug))}">${escapeHtml(oneLine(e.title, 200))}</a>` +
        (e.teamName ? ` <span style="color:#666">(${escapeHtml(e.teamName)})</span>` : "") +
        (e.summary ? `<br>${escapeHtml(oneLine(e.summary))}` : "") +
        `<br><small style="color:#666">Because you follow: ${escapeHtml(e.matched.join(", "))}</small></li>`,
    )
    .join("\n");
  const html = [
    `<!doctype html><html><body style="font-family:sans-serif">`,
    `<p>Hello ${escapeHtml(opts.recipientName)},</p>`,
    `<p>New in Hindsight that matches your subscriptions:</p>`,
    `<ul>\n${items}\n</ul>`,
    more > 0 ? `<p>…and ${more} more.</p>` : "",
    `<p><small><a href="${escapeHtml(settings)}">Manage your subscriptions</a></small></p>`,
    `</body></html>`,
  ].join("\n");
  return { subject, text, html };
}

/** Slack's mrkdwn needs &, < and > escaped; links are <url|text>. */
function slackEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function renderChatDigest(frequency: DigestFrequency, content: DigestContent, publicUrl: string): { text: string } {
  const lines = content.entries.map(
    (e) => `• ${KIND_BASICS[e.kind].shortLabel}: <${publicUrl}${entryPath(e.slug)}|${slackEscape(oneLine(e.title, 200))}>${e.teamName ? ` (${slackEscape(e.teamName)})` : ""}`,
  );
  const more = content.total - content.entries.length;
  return {
    text: [`*Hindsight ${frequency} digest*: ${content.total} new ${content.total === 1 ? "entry" : "entries"}`, ...lines, ...(more > 0 ? [`…and ${more} more`] : [])].join("\n"),
  };
}

// ---------------------------------------------------------------------------------------------
// Sending
// ---------------------------------------------------------------------------------------------

export interface DigestDeps {
  db: Db;
  engine: SearchEngine;
  config: Pick<Config, "publicUrl" | "digests">;
  /** null when SMTP is not configured: e-mail digests are then not sent (nor claimed). */
  mailer: Mailer | null;
  /** Posts chat digests (tests pass their own). */
  fetch?: typeof fetch;
}

export interface DigestRunSummary {
  frequency: DigestFrequency;
  /** Digests delivered. */
  sent: number;
  /** Periods with nothing new: recorded as done, nothing sent. */
  empty: number;
  /** Already sent (or being sent by another replica), or not due. */
  skipped: number;
  failed: number;
}

interface Delivery {
  channel: "email" | "chat";
  /** The address, or the webhook URL (never logged; shown by host). */
  to: string;
  subs: SubscriptionRow[];
}

function deliveriesFor(user: { email: string | null }, subs: SubscriptionRow[], deps: Pick<DigestDeps, "config" | "mailer">): Delivery[] {
  const out: Delivery[] = [];
  const email = subs.filter((s) => s.channel === "email");
  if (email.length && user.email && deps.mailer) out.push({ channel: "email", to: user.email, subs: email });
  const hooks = new Map<string, SubscriptionRow[]>();
  for (const s of subs) {
    // A host removed from the allowed list since subscribing is no longer posted to.
    if (s.channel !== "chat" || !s.chatChannel || webhookProblem(s.chatChannel, deps.config.digests.chatWebhookHosts)) continue;
    hooks.set(s.chatChannel, [...(hooks.get(s.chatChannel) ?? []), s]);
  }
  for (const [url, group] of hooks) out.push({ channel: "chat", to: url, subs: group });
  return out;
}

/** Where the last digest of this frequency left off for a person (see nextDigestPeriod). */
async function lastRun(db: Db, userId: string, frequency: DigestFrequency) {
  const [row] = await db
    .select()
    .from(digestRuns)
    .where(and(eq(digestRuns.userId, userId), eq(digestRuns.frequency, frequency)))
    .orderBy(desc(digestRuns.periodStart))
    .limit(1);
  return row ?? null;
}

/** The period the next digest covers: an unsent (failed) one is retried, extended to `end`. */
function periodAfter(last: typeof digestRuns.$inferSelect | null, frequency: DigestFrequency, now: Date) {
  const retry = last && !last.sentAt && last.attempts < MAX_ATTEMPTS;
  return nextDigestPeriod(frequency, now, last ? (retry ? last.periodStart : last.periodEnd) : null);
}

/** Claims the period for sending; returns the run id, or null when it is sent or someone else holds it. */
async function claimRun(db: Db, userId: string, frequency: DigestFrequency, period: { start: Date; end: Date }): Promise<string | null> {
  const [row] = await db
    .insert(digestRuns)
    .values({ userId, frequency, periodStart: period.start, periodEnd: period.end, attempts: 1, claimedAt: sql`now()` })
    .onConflictDoUpdate({
      target: [digestRuns.userId, digestRuns.frequency, digestRuns.periodStart],
      set: { attempts: sql`${digestRuns.attempts} + 1`, claimedAt: sql`now()`, periodEnd: period.end },
      setWhere: sql`${digestRuns.sentAt} is null and ${digestRuns.attempts} < ${MAX_ATTEMPTS}
        and (${digestRuns.claimedAt} is null or ${digestRuns.claimedAt} < now() - make_interval(secs => ${CLAIM_LEASE_MS / 1000}))`,
    })
    .returning({ id: digestRuns.id });
  return row?.id ?? null;
}

async function postChat(doFetch: typeof fetch, url: string, body: { text: string }): Promise<void> {
  const res = await doFetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    redirect: "error",
    signal: AbortSignal.timeout(15_000),
  });
  // The URL is a credential: the error names the host only.
  if (!res.ok) throw new Error(`chat webhook at ${webhookHost(url)} answered ${res.status}`);
}

/** One person's digest of one frequency, if due. */
async function sendOne(deps: DigestDeps, userId: string, frequency: DigestFrequency, now: Date): Promise<"sent" | "empty" | "skipped" | "failed"> {
  const { db } = deps;
  const [user] = await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, userId));
  const actor = await loadActor(db, userId, "system");
  if (!user || !actor) return "skipped";
  const subs = await db.select().from(subscriptions).where(and(eq(subscriptions.userId, userId), eq(subscriptions.frequency, frequency)));
  const deliveries = deliveriesFor(user, subs, deps);
  if (deliveries.length === 0) return "skipped";
  const period = periodAfter(await lastRun(db, userId, frequency), frequency, now);
  if (period.start >= period.end) return "skipped";
  const runId = await claimRun(db, userId, frequency, period);
  if (!runId) return "skipped";

  let content: DigestContent;
  const delivered: string[] = [];
  try {
    content = await collectDigest(db, deps.engine, actor, deliveries.flatMap((d) => d.subs), period);
    if (content.total > 0) {
      for (const d of deliveries) {
        const part = await collectDigest(db, deps.engine, actor, d.subs, period);
        if (part.total === 0) continue;
        if (d.channel === "email") {
          const rendered = renderDigest({ recipientName: user.name, frequency, period, content: part, publicUrl: deps.config.publicUrl });
          await deps.mailer!.send({ to: d.to, ...rendered });
        } else {
          await postChat(deps.fetch ?? fetch, d.to, renderChatDigest(frequency, part, deps.config.publicUrl));
        }
        delivered.push(d.channel === "email" ? "email" : `chat:${webhookHost(d.to)}`);
      }
    }
  } catch (err) {
    const message = scrubSecrets((err as Error).message ?? String(err), deps.config.digests.smtp?.url ?? null);
    await db.transaction(async (tx) => {
      await tx.update(digestRuns).set({ error: message, claimedAt: null }).where(eq(digestRuns.id, runId));
      await audit(tx, null, "digest.failed", "digest_run", runId, { frequency, delivered });
    });
    return "failed";
  }
  const total = content.total;
  await db.transaction(async (tx) => {
    await tx.update(digestRuns).set({ sentAt: sql`now()`, entryCount: total, error: null, claimedAt: null }).where(eq(digestRuns.id, runId));
    if (total > 0) await audit(tx, null, "digest.sent", "digest_run", runId, { userId, frequency, entries: total, delivered });
  });
  return total > 0 ? "sent" : "empty";
}

/**
 * Sends every due digest of a frequency. Safe to run from several replicas (and cron) at once:
 * each period of each person is claimed by one sender only.
 */
export async function sendDigests(deps: DigestDeps, frequency: DigestFrequency, now = new Date(), onError?: (err: unknown) => void): Promise<DigestRunSummary> {
  const summary: DigestRunSummary = { frequency, sent: 0, empty: 0, skipped: 0, failed: 0 };
  const subscribers = await deps.db.selectDistinct({ userId: subscriptions.userId }).from(subscriptions).where(eq(subscriptions.frequency, frequency));
  for (const { userId } of subscribers) {
    try {
      summary[await sendOne(deps, userId, frequency, now)]++;
    } catch (err) {
      summary.failed++;
      onError?.(err);
    }
  }
  return summary;
}

/** What the caller's next digest of this frequency holds so far (published up to now). */
export async function previewDigest(
  ctx: ServiceContext,
  deps: Pick<DigestDeps, "engine" | "config" | "mailer">,
  frequency: DigestFrequency,
  now = new Date(),
): Promise<DigestPreview> {
  const sendsAt = new Date(digestBoundary(frequency, now).getTime() + digestPeriodLengthMs(frequency));
  const next = periodAfter(await lastRun(ctx.db, ctx.actor.userId, frequency), frequency, sendsAt);
  const period = { start: next.start, end: now };
  const subs = await ctx.db.select().from(subscriptions).where(and(eq(subscriptions.userId, ctx.actor.userId), eq(subscriptions.frequency, frequency)));
  const [user] = await ctx.db.select({ email: users.email }).from(users).where(eq(users.id, ctx.actor.userId));
  const content = await collectDigest(ctx.db, deps.engine, ctx.actor, subs, period);
  return {
    frequency,
    periodStart: period.start,
    periodEnd: period.end,
    sendsAt,
    entries: content.entries,
    deliveries: deliveriesFor({ email: user?.email ?? null }, subs, deps).map((d) => ({ channel: d.channel, to: d.channel === "email" ? d.to : (webhookHost(d.to) ?? "") })),
  };
}
