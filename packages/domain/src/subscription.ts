// Subscriptions and digests: what a person asks to hear about (a team, a service, a tag or a saved
// search), how often (daily / weekly) and where (e-mail, or a chat webhook), and the periods a digest
// covers. Pure: the API stores, matches and sends.
import { z } from "zod";
import { ZEntryKind } from "./kinds.js";
import { ZLabel } from "./entry.js";

export const SUBSCRIPTION_TARGETS = ["team", "service", "tag", "search"] as const;
export const ZSubscriptionTarget = z.enum(SUBSCRIPTION_TARGETS, { message: "target must be team, service, tag or search" });
export type SubscriptionTarget = z.infer<typeof ZSubscriptionTarget>;

export const DIGEST_FREQUENCIES = ["daily", "weekly"] as const;
export const ZDigestFrequency = z.enum(DIGEST_FREQUENCIES, { message: "frequency must be daily or weekly" });
export type DigestFrequency = z.infer<typeof ZDigestFrequency>;

export const DIGEST_CHANNELS = ["email", "chat"] as const;
export const ZDigestChannel = z.enum(DIGEST_CHANNELS, { message: "channel must be email or chat" });
export type DigestChannel = z.infer<typeof ZDigestChannel>;

/** A saved search's filters as people give them: teams by slug (or id), labels as written. */
export const ZSubscriptionFiltersInput = z
  .object({
    kinds: z.array(ZEntryKind).max(5).optional(),
    teams: z.array(z.string().trim().min(1).max(120)).max(20, "at most 20 teams").optional(),
    services: z.array(ZLabel).max(20, "at most 20 services").optional(),
    tags: z.array(ZLabel).max(20, "at most 20 tags").optional(),
  })
  .strict();
export type SubscriptionFiltersInput = z.infer<typeof ZSubscriptionFiltersInput>;

/** Where a chat digest goes: a Slack-compatible incoming webhook (the API also checks its host). */
export const ZChatWebhookUrl = z
  .string()
  .trim()
  .max(2_000)
  .url("chatWebhookUrl must be an incoming-webhook URL such as https://hooks.slack.com/services/…")
  .refine((u) => /^https?:\/\//i.test(u), "chatWebhookUrl must be an http(s) URL");

export const ZCreateSubscriptionInput = z
  .object({
    target: ZSubscriptionTarget,
    /** A team slug (or id), a service or tag label, or the search's query text. */
    value: z.string().trim().max(500, "value must be at most 500 characters"),
    filters: ZSubscriptionFiltersInput.default({}),
    frequency: ZDigestFrequency.default("weekly"),
    channel: ZDigestChannel.default("email"),
    chatWebhookUrl: ZChatWebhookUrl.optional(),
  })
  .superRefine((s, ctx) => {
    const hasFilters = Object.values(s.filters).some((v) => v && v.length > 0);
    if (s.target !== "search" && hasFilters) ctx.addIssue({ code: "custom", path: ["filters"], message: "filters are only for a saved search" });
    if (s.target === "search" && !s.value && !hasFilters) {
      ctx.addIssue({ code: "custom", path: ["value"], message: "a saved search needs query text or at least one filter" });
    }
    if (s.target !== "search" && !s.value) ctx.addIssue({ code: "custom", path: ["value"], message: `the ${s.target} is required` });
    if ((s.target === "service" || s.target === "tag") && s.value && !ZLabel.safeParse(s.value).success) {
      ctx.addIssue({ code: "custom", path: ["value"], message: `a ${s.target} may use letters, digits and . _ / : + - (at most 60)` });
    }
    if (s.channel === "chat" && !s.chatWebhookUrl) ctx.addIssue({ code: "custom", path: ["chatWebhookUrl"], message: "is required for a chat digest" });
    if (s.channel === "email" && s.chatWebhookUrl) ctx.addIssue({ code: "custom", path: ["chatWebhookUrl"], message: "is only for a chat digest" });
  });
export type CreateSubscriptionInput = z.input<typeof ZCreateSubscriptionInput>;
export type CreateSubscription = z.output<typeof ZCreateSubscriptionInput>;

export const ZSubscription = z.object({
  id: z.string().uuid(),
  target: ZSubscriptionTarget,
  /** The stored value: a team id, a label, or the query text. */
  value: z.string(),
  /** What to show: the team's name, the label, or the query with its filters. */
  label: z.string(),
  filters: z.object({
    kinds: z.array(ZEntryKind).optional(),
    teams: z.array(z.string()).optional(),
    services: z.array(z.string()).optional(),
    tags: z.array(z.string()).optional(),
  }),
  frequency: ZDigestFrequency,
  channel: ZDigestChannel,
  /** The webhook's host only: the full URL is a credential and is not sent back. */
  chatWebhookHost: z.string().nullable(),
  createdAt: z.coerce.date(),
});
export type Subscription = z.infer<typeof ZSubscription>;

export const ZDigestEntry = z.object({
  id: z.string().uuid(),
  kind: ZEntryKind,
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  teamSlug: z.string().nullable(),
  teamName: z.string().nullable(),
  services: z.array(z.string()),
  tags: z.array(z.string()),
  publishedAt: z.coerce.date(),
  /** Labels of the subscriptions it matched ("team Payments", "service checkout", …). */
  matched: z.array(z.string()),
});
export type DigestEntry = z.infer<typeof ZDigestEntry>;

export const ZDigestPreview = z.object({
  frequency: ZDigestFrequency,
  periodStart: z.coerce.date(),
  periodEnd: z.coerce.date(),
  /** When the scheduled digest for this period goes out. */
  sendsAt: z.coerce.date(),
  entries: z.array(ZDigestEntry),
  /** Where it would go: e-mail (with the address) and chat webhooks (hosts). */
  deliveries: z.array(z.object({ channel: ZDigestChannel, to: z.string() })),
});
export type DigestPreview = z.infer<typeof ZDigestPreview>;

const DAY_MS = 86_400_000;

/**
 * The boundary at or before `at` where a digest period of this frequency ends: midnight UTC for
 * daily digests, Monday midnight UTC for weekly ones. A digest sent at `at` covers what was
 * published up to this boundary, so what is published later waits for the next one.
 */
export function digestBoundary(frequency: DigestFrequency, at: Date): Date {
  const midnight = Math.floor(at.getTime() / DAY_MS) * DAY_MS;
  if (frequency === "daily") return new Date(midnight);
  const weekday = (new Date(midnight).getUTCDay() + 6) % 7; // Monday = 0
  return new Date(midnight - weekday * DAY_MS);
}

export function digestPeriodLengthMs(frequency: DigestFrequency): number {
  return frequency === "daily" ? DAY_MS : 7 * DAY_MS;
}

/**
 * The period the next digest covers, given where the last one ended (null: never sent; then only
 * the last full period, not all of history). Empty (start >= end) when nothing is due yet.
 */
export function nextDigestPeriod(frequency: DigestFrequency, now: Date, lastEnd: Date | null): { start: Date; end: Date } {
  const end = digestBoundary(frequency, now);
  const start = lastEnd ?? new Date(end.getTime() - digestPeriodLengthMs(frequency));
  return { start, end };
}

export const TEAM_NOTIFICATION_KINDS = ["cited_in_postmortem"] as const;
export const ZTeamNotificationKind = z.enum(TEAM_NOTIFICATION_KINDS);

const ZEntryLink = z.object({ id: z.string().uuid(), kind: ZEntryKind, slug: z.string(), title: z.string() });

export const ZTeamNotification = z.object({
  id: z.string().uuid(),
  kind: ZTeamNotificationKind,
  /** The team's entry (a runbook or fix). */
  entry: ZEntryLink,
  /** The new entry that cites it (a postmortem). */
  source: ZEntryLink,
  createdAt: z.coerce.date(),
  readAt: z.coerce.date().nullable(),
});
export type TeamNotification = z.infer<typeof ZTeamNotification>;
