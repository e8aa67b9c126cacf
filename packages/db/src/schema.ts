// The relational schema of Hindsight. Column names are snake_case in SQL (drizzle `casing`),
// camelCase in TypeScript. Changes here need `pnpm --filter @hindsight/db db:generate`.
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/** The filters of a saved-search subscription (team ids, not slugs: a renamed team keeps its subscribers). */
export interface SubscriptionFilters {
  kinds?: string[];
  teamIds?: string[];
  services?: string[];
  tags?: string[];
}

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

export const users = pgTable("users", {
  id: uuid().primaryKey().defaultRandom(),
  handle: text().notNull().unique(),
  name: text().notNull(),
  email: text(),
  orgRole: text().notNull().default("member").$type<"member" | "admin">(),
  createdAt: createdAt(),
  /** argon2id hash (PHC string) of the local password; null for people who sign in only by SSO (or demo). */
  passwordHash: text(),
  passwordChangedAt: timestamp({ withTimezone: true }),
});

export const teams = pgTable("teams", {
  id: uuid().primaryKey().defaultRandom(),
  slug: text().notNull().unique(),
  name: text().notNull(),
  description: text().notNull().default(""),
  createdAt: createdAt(),
});

export const teamMemberships = pgTable(
  "team_memberships",
  {
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text().notNull().default("member").$type<"member" | "maintainer">(),
    createdAt: createdAt(),
    /** Who manages the membership: `local` (the portal) or `oidc` (the identity provider's groups, re-applied at each SSO sign-in). */
    source: text().notNull().default("local").$type<"local" | "oidc">(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index().on(t.userId)],
);

export const entries = pgTable(
  "entries",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().notNull(),
    slug: text().notNull().unique(),
    title: text().notNull(),
    summary: text().notNull().default(""),
    body: text().notNull().default(""),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    services: text().array().notNull().default(sql`'{}'::text[]`),
    teamId: uuid().references(() => teams.id, { onDelete: "restrict" }),
    authorId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    visibility: text().notNull().default("org"),
    status: text().notNull().default("draft"),
    sourceUrl: text(),
    source: text().notNull().default("hindsight"),
    externalKey: text(),
    fields: jsonb().notNull().default({}).$type<Record<string, unknown>>(),
    /** Error fingerprints of a fix's signatures (domain fingerprintError), for error-mode search. */
    fingerprints: text().array().notNull().default(sql`'{}'::text[]`),
    version: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: createdAt(),
    publishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("entries_source_external_key_uq").on(t.source, t.externalKey),
    // Byte-wise order whatever the database's collation: a new entry's slug looks up the taken
    // "<base>-<n>" slugs by range through it, instead of a LIKE over every entry.
    index("entries_slug_pattern_idx").using("btree", sql`${t.slug} text_pattern_ops`),
    // DESC NULLS FIRST, the order a plain "order by … desc" asks for (drizzle's desc() alone makes
    // the index NULLS LAST, which such a query cannot use: it sorted every entry instead).
    index("entries_updated_id_idx").on(t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index().on(t.teamId),
    index().on(t.authorId),
    index().on(t.kind),
    check("entries_kind_ck", sql`${t.kind} in ('postmortem','fix','runbook','transcript','gameday')`),
    check("entries_visibility_ck", sql`${t.visibility} in ('org','team','restricted')`),
    check("entries_status_ck", sql`${t.status} in ('draft','in_review','published','archived')`),
  ],
);

/** Explicit read grants on an entry: to one user or to a whole team. */
export const entryGrants = pgTable(
  "entry_grants",
  {
    id: uuid().primaryKey().defaultRandom(),
    entryId: uuid()
      .notNull()
      .references(() => entries.id, { onDelete: "cascade" }),
    userId: uuid().references(() => users.id, { onDelete: "cascade" }),
    teamId: uuid().references(() => teams.id, { onDelete: "cascade" }),
  },
  (t) => [
    index().on(t.entryId),
    index().on(t.userId),
    index().on(t.teamId),
    check("entry_grants_one_target_ck", sql`(${t.userId} is null) <> (${t.teamId} is null)`),
  ],
);

/** Every save of an entry keeps a full snapshot here; version numbers match entries.version. */
export const entryRevisions = pgTable(
  "entry_revisions",
  {
    id: uuid().primaryKey().defaultRandom(),
    entryId: uuid()
      .notNull()
      .references(() => entries.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    snapshot: jsonb().notNull().$type<Record<string, unknown>>(),
    authorId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    note: text(),
    /** Warnings the author chose to publish over (e.g. blameless-language findings), kept with the revision. */
    overrides: jsonb().$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("entry_revisions_entry_version_uq").on(t.entryId, t.version)],
);

/** Reviewers asked to look at an entry in review. */
export const entryReviewers = pgTable(
  "entry_reviewers",
  {
    entryId: uuid()
      .notNull()
      .references(() => entries.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    state: text().notNull().default("pending").$type<"pending" | "approved" | "changes_requested">(),
    requestedAt: createdAt(),
    decidedAt: timestamp({ withTimezone: true }),
    /** What the reviewer said with their decision; required for "changes requested", cleared by a bare approval. */
    comment: text(),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.userId] }), index().on(t.userId)],
);

/**
 * Action items of postmortems and game days, tracked across every entry. The entry's
 * `fields.actionItems` is written from these rows on read; saves of the entry sync them by id.
 */
export const actionItems = pgTable(
  "action_items",
  {
    id: uuid().primaryKey().defaultRandom(),
    entryId: uuid()
      .notNull()
      .references(() => entries.id, { onDelete: "cascade" }),
    position: integer().notNull(),
    title: text().notNull(),
    /** The owner as written; ownerUserId is set when it names a known handle. */
    owner: text(),
    ownerUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    teamId: uuid().references(() => teams.id, { onDelete: "set null" }),
    dueDate: date({ mode: "string" }),
    status: text().notNull().default("open"),
    closedByEntryId: uuid().references(() => entries.id, { onDelete: "set null" }),
    closedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    index().on(t.entryId),
    index().on(t.ownerUserId),
    index().on(t.teamId),
    index().on(t.status, t.dueDate),
    check("action_items_status_ck", sql`${t.status} in ('open','in_progress','done','wont_do')`),
  ],
);

/** "This worked for me" / "did not work" on fixes: one vote per person, changeable. */
export const fixFeedback = pgTable(
  "fix_feedback",
  {
    entryId: uuid()
      .notNull()
      .references(() => entries.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    vote: text().notNull().$type<"worked" | "did_not_work">(),
    updatedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.entryId, t.userId] }),
    check("fix_feedback_vote_ck", sql`${t.vote} in ('worked','did_not_work')`),
  ],
);

export const collections = pgTable("collections", {
  id: uuid().primaryKey().defaultRandom(),
  slug: text().notNull().unique(),
  title: text().notNull(),
  description: text().notNull().default(""),
  teamId: uuid().references(() => teams.id, { onDelete: "set null" }),
  isOnboarding: boolean().notNull().default(false),
  createdBy: uuid()
    .notNull()
    .references(() => users.id, { onDelete: "restrict" }),
  version: integer().notNull().default(1),
  createdAt: createdAt(),
  updatedAt: createdAt(),
});

export const collectionSections = pgTable(
  "collection_sections",
  {
    id: uuid().primaryKey().defaultRandom(),
    collectionId: uuid()
      .notNull()
      .references(() => collections.id, { onDelete: "cascade" }),
    title: text().notNull(),
    position: integer().notNull(),
  },
  (t) => [uniqueIndex("collection_sections_position_uq").on(t.collectionId, t.position)],
);

export const collectionItems = pgTable(
  "collection_items",
  {
    id: uuid().primaryKey().defaultRandom(),
    sectionId: uuid()
      .notNull()
      .references(() => collectionSections.id, { onDelete: "cascade" }),
    entryId: uuid()
      .notNull()
      .references(() => entries.id, { onDelete: "cascade" }),
    note: text().notNull().default(""),
    position: integer().notNull(),
  },
  (t) => [uniqueIndex("collection_items_position_uq").on(t.sectionId, t.position), index().on(t.entryId)],
);

export const collectionProgress = pgTable(
  "collection_progress",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    itemId: uuid()
      .notNull()
      .references(() => collectionItems.id, { onDelete: "cascade" }),
    completedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.itemId] })],
);

/**
 * Who read which entry, at most one row per person per entry per day (the day in UTC). Readers'
 * teams are resolved through memberships at query time, for "how widely are postmortems read".
 */
export const entryViews = pgTable(
  "entry_views",
  {
    entryId: uuid()
      .notNull()
      .references(() => entries.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    day: date({ mode: "string" }).notNull(),
    viewedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.userId, t.day] }), index().on(t.userId)],
);

/** Bearer tokens for bots and scripts. Only a SHA-256 hash of the secret is stored. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text().notNull(),
    tokenHash: text().notNull().unique(),
    prefix: text().notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.userId)],
);

/** Browser sessions; the cookie holds a random secret, the table its SHA-256 hash. */
export const sessions = pgTable(
  "sessions",
  {
    idHash: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    /** The absolute end of the session (HINDSIGHT_SESSION_MAX_HOURS after sign-in). */
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    /** Last request seen (updated at most once a minute); idle sessions end after HINDSIGHT_SESSION_IDLE_MINUTES. */
    lastSeenAt: createdAt(),
    /** How the person signed in: password, oidc, demo (picked from the demo list) or signup. */
    method: text().notNull().default("password").$type<"password" | "oidc" | "demo" | "signup" | "setup">(),
    /** The provider's ID token, kept for RP-initiated logout (id_token_hint). Only for method = oidc. */
    oidcIdToken: text(),
  },
  (t) => [index().on(t.userId)],
);

/** A person's account at an external identity provider (OpenID Connect), by the provider's stable subject. */
export const userIdentities = pgTable(
  "user_identities",
  {
    id: uuid().primaryKey().defaultRandom(),
    issuer: text().notNull(),
    subject: text().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The groups claim at the last sign-in, as the provider sent it (for the admin's view; rights come from memberships). */
    groups: text().array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    lastSignInAt: createdAt(),
  },
  (t) => [uniqueIndex("user_identities_issuer_subject_uq").on(t.issuer, t.subject), index().on(t.userId)],
);

/**
 * An OpenID Connect sign-in in flight: the state, nonce and PKCE verifier the callback must match.
 * Kept in the database (not in process memory) so any replica can finish a flow another started;
 * the browser holds the state in a cookie too, so a callback from another browser is refused.
 */
export const oidcLoginStates = pgTable("oidc_login_states", {
  stateHash: text().primaryKey(),
  nonce: text().notNull(),
  codeVerifier: text().notNull(),
  returnTo: text().notNull().default("/"),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
});

/**
 * Failed sign-ins, for rate limits per account and per address shared by every replica. `userId` is
 * null when the name matched nobody. Rows older than the longest window are deleted.
 */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: createdAt(),
    userId: uuid(),
    address: text().notNull(),
  },
  (t) => [index().on(t.userId, t.at), index().on(t.address, t.at)],
);

/** The one-time token printed at first start that lets its holder create the first admin. Only its hash is stored. */
export const setupTokens = pgTable("setup_tokens", {
  tokenHash: text().primaryKey(),
  createdAt: createdAt(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  usedAt: timestamp({ withTimezone: true }),
});

/**
 * A chat identity (a Slack member in one workspace) verified as belonging to a Hindsight user: the
 * person proved it by opening a signed link from the chat platform while signed in to the portal.
 * ChatOps identifies chat users only through this table, never by a name they chose themselves.
 */
export const chatLinks = pgTable(
  "chat_links",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** slack, or the kind of the chat integration (mattermost, teams, …) the identity came through. */
    platform: text().notNull().$type<"slack" | "mattermost" | "rocketchat" | "teams" | "hubot" | "errbot" | "generic">(),
    /** The workspace (Slack team id, T…; for an integration, its id). */
    workspaceId: text().notNull(),
    /** The platform's stable user id (Slack member id, U… or W…). */
    externalUserId: text().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("chat_links_identity_uq").on(t.platform, t.workspaceId, t.externalUserId),
    index().on(t.userId),
    check("chat_links_platform_ck", sql`${t.platform} in ('slack','mattermost','rocketchat','teams','hubot','errbot','generic')`),
  ],
);

/**
 * A chat tool that calls Hindsight: outgoing webhooks of Mattermost, Rocket.Chat, Microsoft Teams,
 * Hubot, Errbot or any tool speaking the generic JSON format. Each has its own shared secret (a token
 * compared in constant time, or an HMAC key where the tool signs its requests); admins manage them.
 * The secret must be kept (not hashed) because HMAC verification needs the key itself.
 */
export const integrations = pgTable(
  "integrations",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().notNull().$type<"mattermost" | "rocketchat" | "teams" | "hubot" | "errbot" | "generic">(),
    name: text().notNull(),
    /**
     * `sha256:<hex>` for token kinds (Mattermost, Rocket.Chat: only compared), `aes256gcm:<iv>:<tag>:<ciphertext>`
     * for HMAC kinds, which need the secret itself (encrypted with HINDSIGHT_SECRET_KEY).
     */
    secret: text().notNull(),
    /**
     * The team transcripts saved through this integration go to. Searches by unlinked chat users read as
     * an anonymous reader (org-visible entries only) whatever this says: a channel is not a team.
     */
    teamId: uuid().references(() => teams.id, { onDelete: "set null" }),
    /** Who transcripts saved by unlinked chat users belong to (with member rights, never admin ones). */
    createdBy: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    enabled: boolean().notNull().default(true),
    createdAt: createdAt(),
    secretRotatedAt: createdAt(),
    lastUsedAt: timestamp({ withTimezone: true }),
  },
  (t) => [check("integrations_kind_ck", sql`${t.kind} in ('mattermost','rocketchat','teams','hubot','errbot','generic')`)],
);

/** Request ids (or signatures) an integration has already sent, so a replayed request is refused. Pruned after the replay window. */
export const webhookReplays = pgTable(
  "webhook_replays",
  {
    integrationId: uuid()
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    nonce: text().notNull(),
    seenAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.nonce] }), index().on(t.seenAt)],
);

/** What a person wants to hear about: new entries of a team, a service, a tag, or matching a saved search. */
export const subscriptions = pgTable(
  "subscriptions",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    target: text().notNull().$type<"team" | "service" | "tag" | "search">(),
    /** A team id, a service or tag label, or the saved search's query text. */
    value: text().notNull(),
    frequency: text().notNull().default("weekly").$type<"daily" | "weekly">(),
    /** email, or chat (posted to `chatChannel` through an integration). */
    channel: text().notNull().default("email").$type<"email" | "chat">(),
    chatIntegrationId: uuid().references(() => integrations.id, { onDelete: "set null" }),
    /** For channel chat: the Slack-compatible incoming-webhook URL the digest is posted to (a credential: never logged). */
    chatChannel: text(),
    /** For a saved search: its filters (kinds, team ids, services, tags), as the search page takes them. */
    filters: jsonb().notNull().default({}).$type<SubscriptionFilters>(),
    createdAt: createdAt(),
  },
  (t) => [
    index().on(t.userId),
    // Null chat channels (e-mail) must collide with each other, so the index reads them as ''.
    uniqueIndex("subscriptions_identity_uq").on(t.userId, t.target, t.value, t.channel, t.filters, sql`coalesce(${t.chatChannel}, '')`),
    check("subscriptions_target_ck", sql`${t.target} in ('team','service','tag','search')`),
    check("subscriptions_frequency_ck", sql`${t.frequency} in ('daily','weekly')`),
    check("subscriptions_channel_ck", sql`${t.channel} in ('email','chat')`),
  ],
);

/**
 * One digest per person, frequency and period: inserted before sending, so two replicas never send
 * the same digest twice, and a failed send is retried (sentAt stays null, error says why).
 */
export const digestRuns = pgTable(
  "digest_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    frequency: text().notNull().$type<"daily" | "weekly">(),
    periodStart: timestamp({ withTimezone: true }).notNull(),
    periodEnd: timestamp({ withTimezone: true }).notNull(),
    entryCount: integer().notNull().default(0),
    createdAt: createdAt(),
    sentAt: timestamp({ withTimezone: true }),
    attempts: integer().notNull().default(0),
    error: text(),
    /** When a sender took this digest on; another sender may retake it only after a lease (a crashed sender). */
    claimedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("digest_runs_period_uq").on(t.userId, t.frequency, t.periodStart)],
);

/**
 * In-portal notices for a team, such as "your runbook was cited in a new postmortem". One row per
 * (team, kind, entry, source entry), so re-saving the postmortem does not repeat it.
 */
export const teamNotifications = pgTable(
  "team_notifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    kind: text().notNull().$type<"cited_in_postmortem">(),
    /** The team's entry that was cited. */
    entryId: uuid()
      .notNull()
      .references(() => entries.id, { onDelete: "cascade" }),
    /** The new entry that cites it. */
    sourceEntryId: uuid()
      .notNull()
      .references(() => entries.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    readAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("team_notifications_uq").on(t.teamId, t.kind, t.entryId, t.sourceEntryId), index().on(t.teamId, t.createdAt)],
);

/** Every write, and every permission-relevant read failure. Never holds secrets or bodies. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: createdAt(),
    actorId: uuid(),
    actorVia: text().notNull(),
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: text(),
    detail: jsonb().notNull().default({}).$type<Record<string, unknown>>(),
  },
  (t) => [index().on(t.at), index().on(t.targetType, t.targetId)],
);

/** Transactional outbox for external search engines: written in the same transaction as the entry. */
export const searchOutbox = pgTable(
  "search_outbox",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    entryId: uuid().notNull(),
    entryVersion: integer().notNull(),
    op: text().notNull().$type<"upsert" | "delete">(),
    createdAt: createdAt(),
    attempts: integer().notNull().default(0),
    nextAttemptAt: createdAt(),
    lastError: text(),
    processedAt: timestamp({ withTimezone: true }),
    parkedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("search_outbox_pending_idx").on(t.nextAttemptAt).where(sql`processed_at is null and parked_at is null`)],
);

// ------------------------------------------------------------------------------------------------
// The embedded search engine's own index (packages/search, engine `postgres`). Kept in the same
// database and written in the same transaction as the entries, so search is never behind the data.
// ------------------------------------------------------------------------------------------------

/** One row per indexed entry: the facts ranking, filters, facets and the visibility check need. */
export const searchDocs = pgTable(
  "search_docs",
  {
    entryId: uuid()
      .primaryKey()
      .references(() => entries.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    kind: text().notNull(),
    teamId: uuid(),
    authorId: uuid().notNull(),
    visibility: text().notNull(),
    status: text().notNull(),
    grantUserIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    grantTeamIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    services: text().array().notNull().default(sql`'{}'::text[]`),
    severity: text(),
    year: integer().notNull(),
    fingerprints: text().array().notNull().default(sql`'{}'::text[]`),
    /** Field-weighted length in terms, for BM25 length normalisation. */
    length: integer().notNull(),
    feedback: integer().notNull().default(0),
    reviewDueAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    /** The analyzer version the entry was indexed with; older ones are re-indexed at start. */
    analyzer: integer().notNull().default(1),
    /**
     * The entry's postings, (terms[i], impacts[i]) each: what re-indexing or removing the entry deletes
     * from search_postings through its (term, impact, entry_id) index, and what related entries start
     * from. Kept here instead of a second index on search_postings(entry_id), which cost a quarter of
     * writing every posting (measured, docs/benchmarks.md).
     */
    terms: text().array().notNull().default(sql`'{}'::text[]`),
    impacts: real().array().notNull().default(sql`'{}'::real[]`),
  },
  // updated_at DESC NULLS FIRST: what "order by updated_at desc" (browsing newest first) reads in order.
  (t) => [index("search_docs_updated_idx").on(t.updatedAt.desc().nullsFirst()), index("search_docs_fingerprints_idx").using("gin", t.fingerprints)],
);

/**
 * Impact-ordered postings: for each term, the entries holding it with their precomputed BM25F
 * impact, so a query reads only the best few hundred postings of each term instead of every match.
 */
export const searchPostings = pgTable(
  "search_postings",
  {
    term: text().notNull(),
    // No foreign key: a posting insert would check it row by row (about 45% of the cost of writing
    // an entry's ~160 postings, measured). The index writer owns these rows and removes them with
    // their search_docs row; a posting whose entry is gone matches nothing, since ranking joins
    // search_docs (which cascades from entries).
    entryId: uuid().notNull(),
    impact: real().notNull(),
  },
  // One index only, (term, impact desc, entry_id): a query reads a term's best postings straight off
  // it (index-only), never the scattered heap pages of every posting of a common term. No primary
  // key and no index on entry_id: an entry's postings are always replaced as a whole, found by their
  // exact keys, which search_docs keeps (terms, impacts); every further index slows bulk indexing.
  (t) => [index("search_postings_best_idx").on(t.term, t.impact.desc(), t.entryId)],
);

/** The indexed vocabulary with document frequencies (for IDF, typo and prefix expansion). */
export const searchTerms = pgTable(
  "search_terms",
  {
    term: text().primaryKey(),
    df: integer().notNull(),
  },
  (t) => [
    // Typo expansion only considers plain words: ids, hashes, versions and identifiers (digits or
    // separators) would swell the candidates without ever being what someone meant to type.
    index("search_terms_trgm_idx").using("gin", sql`${t.term} gin_trgm_ops`).where(sql`${t.term} ~ '^[a-z]+$'`),
    index("search_terms_prefix_idx").using("btree", sql`${t.term} text_pattern_ops`),
  ],
);

/** Corpus statistics for BM25: one row. */
export const searchStats = pgTable("search_stats", {
  id: integer().primaryKey().default(1),
  docCount: integer().notNull().default(0),
  totalLength: bigint({ mode: "number" }).notNull().default(0),
});

/** Searches people ran, for knowledge gaps: zero-result queries and results nobody opened. */
export const searchQueries = pgTable(
  "search_queries",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: createdAt(),
    actorId: uuid(),
    q: text().notNull(),
    normalized: text().notNull(),
    results: integer().notNull(),
    /** Hits were found but none answered clearly (the engine's weak match): a knowledge gap too. */
    weak: boolean().notNull().default(false),
    openedEntryId: uuid(),
  },
  (t) => [index().on(t.at), index().on(t.normalized)],
);

/**
 * Request counters of the API's rate limits (sign-in attempts, token use, searches) when the API runs on
 * Postgres: every replica counts in the same row, so a limit holds across replicas. One row per limit and
 * caller (`sign-in-ip:<address>`, `token:<sha-256 of the token>`: never a token itself); a row whose
 * window has passed is restarted by the next hit and pruned later.
 */
export const rateLimitHits = pgTable(
  "rate_limit_hits",
  {
    key: text().primaryKey(),
    hits: integer().notNull(),
    resetAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.resetAt)],
);
