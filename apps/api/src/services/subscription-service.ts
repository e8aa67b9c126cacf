// Subscriptions: what a person asks to hear about in their digests. Each person manages only their
// own; teams are stored by id (a renamed team keeps its subscribers), webhook URLs are kept but
// never shown back or logged (a Slack incoming-webhook URL is a credential).
import {
  Conflict,
  Invalid,
  NotFound,
  redactSecrets,
  ZCreateSubscriptionInput,
  type CreateSubscriptionInput,
  type Subscription,
  type SubscriptionTarget,
} from "@hindsight/domain";
import { schema, type DbOrTx } from "@hindsight/db";
import { and, asc, count, eq, inArray, or, sql } from "@hindsight/db/orm";
import { audit } from "./audit.js";
import type { ServiceContext } from "./context.js";

const { subscriptions, teams } = schema;

type SubscriptionRow = typeof subscriptions.$inferSelect;

/** More than anyone reads in one digest; a bound so a script cannot make digests unbounded work. */
export const MAX_SUBSCRIPTIONS = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Whether a chat digest may be posted to this URL: only to the configured webhook hosts (so the
 * server cannot be pointed at internal addresses), and over https (plain http only to loopback,
 * for a local relay). Returns the reason it may not, or null.
 */
export function webhookProblem(url: string, allowedHosts: readonly string[]): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "is not a URL";
  }
  const host = u.hostname.toLowerCase();
  if (!allowedHosts.includes(host)) return `must be on an allowed webhook host (${allowedHosts.join(", ")}); an admin sets HINDSIGHT_CHAT_WEBHOOK_HOSTS`;
  if (u.protocol === "https:") return null;
  if (u.protocol === "http:" && LOOPBACK.has(host)) return null;
  return "must be an https:// URL";
}

export function webhookHost(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/** Team slugs or ids to ids; an unknown one is refused naming it and the field. */
async function resolveTeamRefs(db: DbOrTx, refs: string[], field: string): Promise<string[]> {
  if (refs.length === 0) return [];
  const ids = refs.filter((r) => UUID.test(r));
  const slugs = refs.filter((r) => !UUID.test(r)).map((s) => s.toLowerCase());
  const found = await db
    .select({ id: teams.id, slug: teams.slug })
    .from(teams)
    .where(or(ids.length ? inArray(teams.id, ids) : sql`false`, slugs.length ? inArray(teams.slug, slugs) : sql`false`));
  const unknown = refs.find((r) => !found.some((t) => t.id === r || t.slug === r.toLowerCase()));
  if (unknown !== undefined) throw new Invalid(`Unknown team ${unknown}`, { [field]: [`no team ${unknown}`] });
  return refs.map((r) => found.find((t) => t.id === r || t.slug === r.toLowerCase())!.id);
}

async function present(db: DbOrTx, rows: SubscriptionRow[]): Promise<Subscription[]> {
  const teamIds = [...new Set(rows.flatMap((r) => [...(r.target === "team" ? [r.value] : []), ...(r.filters.teamIds ?? [])]))];
  const teamRows = teamIds.length ? await db.select({ id: teams.id, slug: teams.slug, name: teams.name }).from(teams).where(inArray(teams.id, teamIds)) : [];
  const byId = new Map(teamRows.map((t) => [t.id, t]));
  return rows.map((r) => {
    const filters = {
      ...(r.filters.kinds?.length ? { kinds: r.filters.kinds as Subscription["filters"]["kinds"] } : {}),
      ...(r.filters.teamIds?.length ? { teams: r.filters.teamIds.map((id) => byId.get(id)?.slug ?? id) } : {}),
      ...(r.filters.services?.length ? { services: r.filters.services } : {}),
      ...(r.filters.tags?.length ? { tags: r.filters.tags } : {}),
    };
    return {
      id: r.id,
      target: r.target,
      value: r.value,
      label: subscriptionLabel(r.target, r.target === "team" ? (byId.get(r.value)?.name ?? "a removed team") : r.value, filters),
      filters,
      frequency: r.frequency,
      channel: r.channel,
      chatWebhookHost: webhookHost(r.chatChannel),
      createdAt: r.createdAt,
    };
  });
}

/** How a subscription reads in lists and digests: "team Payments", "search "pool exhausted" (service: orders-db)". */
export function subscriptionLabel(target: SubscriptionTarget, value: string, filters: Subscription["filters"] = {}): string {
  if (target !== "search") return `${target} ${value}`;
  const parts = Object.entries(filters)
    .filter(([, v]) => v && v.length)
    .map(([k, v]) => `${k}: ${(v as string[]).join(", ")}`);
  return `search ${value ? `"${value}"` : "(everything)"}${parts.length ? ` (${parts.join("; ")})` : ""}`;
}

export async function listSubscriptions(ctx: ServiceContext): Promise<Subscription[]> {
  const rows = await ctx.db.select().from(subscriptions).where(eq(subscriptions.userId, ctx.actor.userId)).orderBy(asc(subscriptions.createdAt), asc(subscriptions.id));
  return present(ctx.db, rows);
}

export async function createSubscription(ctx: ServiceContext, chatWebhookHosts: readonly string[], raw: CreateSubscriptionInput): Promise<Subscription> {
  const input = ZCreateSubscriptionInput.parse(raw);
  if (input.chatWebhookUrl) {
    const problem = webhookProblem(input.chatWebhookUrl, chatWebhookHosts);
    if (problem) throw new Invalid(`chatWebhookUrl ${problem}`, { chatWebhookUrl: [problem] });
  }
  return ctx.db.transaction(async (tx) => {
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(subscriptions).where(eq(subscriptions.userId, ctx.actor.userId));
    if (Number(n) >= MAX_SUBSCRIPTIONS) {
      throw new Invalid(`You have ${MAX_SUBSCRIPTIONS} subscriptions, the most one person may have; remove one first`, { target: ["too many subscriptions"] });
    }
    let value = input.value;
    if (input.target === "team") value = (await resolveTeamRefs(tx, [input.value], "value"))[0]!;
    // Entries store labels lowercased; so must a subscription to one, or it would never match.
    if (input.target === "service" || input.target === "tag") value = input.value.toLowerCase();
    // Query text is kept like the search log keeps it: anything that looks like a secret is redacted.
    if (input.target === "search") value = redactSecrets(input.value).text;
    const filters =
      input.target === "search"
        ? {
            ...(input.filters.kinds?.length ? { kinds: [...new Set(input.filters.kinds)].sort() } : {}),
            ...(input.filters.teams?.length ? { teamIds: [...new Set(await resolveTeamRefs(tx, input.filters.teams, "filters.teams"))].sort() } : {}),
            ...(input.filters.services?.length ? { services: [...new Set(input.filters.services)].sort() } : {}),
            ...(input.filters.tags?.length ? { tags: [...new Set(input.filters.tags)].sort() } : {}),
          }
        : {};
    const [row] = await tx
      .insert(subscriptions)
      .values({
        userId: ctx.actor.userId,
        target: input.target,
        value,
        filters,
        frequency: input.frequency,
        channel: input.channel,
        chatChannel: input.channel === "chat" ? input.chatWebhookUrl! : null,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new Conflict(`You already subscribe to this ${input.target} by ${input.channel}`);
    await audit(tx, ctx.actor, "subscription.create", "subscription", row.id, {
      target: row.target,
      frequency: row.frequency,
      channel: row.channel,
      ...(row.chatChannel ? { webhookHost: webhookHost(row.chatChannel) } : {}),
    });
    const [shown] = await present(tx, [row]);
    return shown!;
  });
}

export async function deleteSubscription(ctx: ServiceContext, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    // Someone else's subscription looks exactly like a missing one.
    const [row] = await tx
      .delete(subscriptions)
      .where(and(eq(subscriptions.id, id), eq(subscriptions.userId, ctx.actor.userId)))
      .returning({ id: subscriptions.id, target: subscriptions.target });
    if (!row) throw new NotFound("Subscription");
    await audit(tx, ctx.actor, "subscription.delete", "subscription", row.id, { target: row.target });
  });
}
