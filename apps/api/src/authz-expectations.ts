// The authorisation matrix's expectations, as a table to review: for every tRPC procedure and every
// REST route, on realistic targets, which roles may. Derived from the visibility policy
// (packages/domain/src/policy.ts: canReadEntry, canWriteEntry, canCreateForTeam, canManageTeam,
// canCurateCollection) and the procedure variants (trpc.ts: publicProcedure, authedProcedure,
// adminProcedure). authz-matrix.test.ts runs every case for every role and fails on a procedure or
// route missing here.
//
// Roles: anonymous; reader (signed in, in no team); member and maintainer of team alpha; admin (an
// org admin in no team); outsider (a member of team beta). Targets are made by `author`, a member
// of alpha who is none of the roles, so no role reads a target as its author (fresh for each role
// that may change one; the test says when they are shared).
//
// A denied case must answer 401 (anonymous), or 403/404; `hides: true` says the product answers 404
// so as not to confirm the target exists (entries a role may not read), and then 403 is a failure.

export const ROLES = ["anonymous", "reader", "member", "maintainer", "admin", "outsider"] as const;
export type Role = (typeof ROLES)[number];

/** What a case may create (fresh, by `author`) and read about the world. */
export interface Fixtures {
  /** An entry of team alpha. Defaults: kind fix, org-visible, published. */
  entry(opts?: { kind?: "fix" | "runbook" | "postmortem"; visibility?: "org" | "team"; status?: "draft" | "published" | "archived" | "in_review" }): Promise<string>;
  /** A postmortem of alpha (org-visible, published unless said) with one action item; the item's id. */
  actionItem(opts?: { visibility?: "org" | "team" }): Promise<string>;
  /** A collection curated by alpha, holding one org-published entry. */
  collection(): Promise<{ id: string; itemId: string }>;
  /** A chat-log transcript of alpha (org-visible, published) and the ts of its first message. */
  transcript(): Promise<{ id: string; ts: string }>;
  /** An API token of the calling role ("self"; author's for anonymous) or of author; its id. */
  token(owner: "self" | "author"): Promise<string>;
  /** A subscription of the calling role or of author; its id. */
  subscription(owner: "self" | "author"): Promise<string>;
  /** A Slack chat link of the calling role or of author; its id. */
  chatLink(owner: "self" | "author"): Promise<string>;
  /** An integration made by the admin; its id. */
  integration(): Promise<string>;
  /** A new person in no team (for membership changes). */
  user(): Promise<string>;
  /** A name no earlier case used. */
  unique(prefix: string): string;
  /** The calling role's user id (null for anonymous). */
  me: string | null;
  teams: { alpha: string; beta: string };
  people: { member: string };
}

export interface Case {
  /** What this case is about (the target and its state). */
  target: string;
  input: (f: Fixtures) => Promise<unknown> | unknown;
  /** Roles that may; every other role is expected to be denied. */
  allow: readonly Role[];
  /** Denials answer 404 (existence hidden), never 403. */
  hides?: boolean;
  /** The status an allowed call answers when it is not 200 (e.g. a refusal that is not about who asks). */
  allowedStatus?: number;
}

export interface RestCase extends Omit<Case, "input"> {
  method: "GET" | "POST";
  /** The route as Fastify registered it, e.g. /api/v1/entries/:id. */
  route: string;
  /** The URL to call and the JSON body. */
  request: (f: Fixtures) => Promise<{ url: string; body?: unknown }>;
}

const ALL = ROLES;
const SIGNED_IN = ["reader", "member", "maintainer", "admin", "outsider"] as const;
/** Readers of alpha's team-visible entries and drafts, and writers of any alpha entry they can read. */
const ALPHA = ["member", "maintainer", "admin"] as const;
const ALPHA_MANAGERS = ["maintainer", "admin"] as const;
const ADMIN = ["admin"] as const;
const NOBODY = [] as const;

const slackExport = (f: Fixtures) => ({ "users.json": "[]", [`${f.unique("chan").toLowerCase()}/2026-09-14.json`]: '[{"ts":"1.0","user":"U1","text":"hi"}]' });
const id = (make: (f: Fixtures) => Promise<string>) => async (f: Fixtures) => ({ id: await make(f) });
const published = (f: Fixtures) => f.entry();
const teamDraft = (f: Fixtures) => f.entry({ visibility: "team", status: "draft" });
const orgDraft = (f: Fixtures) => f.entry({ status: "draft" });
const teamPublished = (f: Fixtures) => f.entry({ visibility: "team" });

/** Reading one entry: everyone signed in for org-published, alpha (and admins) otherwise; hidden as 404. */
const readCases = (input: (f: Fixtures, entryId: string) => unknown): Case[] => [
  { target: "org-visible published entry", input: async (f) => input(f, await published(f)), allow: SIGNED_IN },
  { target: "org-visible draft entry", input: async (f) => input(f, await orgDraft(f)), allow: ALPHA, hides: true },
  { target: "team-visible published entry", input: async (f) => input(f, await teamPublished(f)), allow: ALPHA, hides: true },
  { target: "team-visible draft entry", input: async (f) => input(f, await teamDraft(f)), allow: ALPHA, hides: true },
];

/** Changing one entry: alpha and admins; those who can read but not write get 403, the rest 404. */
const writeCases = (input: (f: Fixtures, entryId: string) => unknown, make: { target: string; entry: (f: Fixtures) => Promise<string> }[]): Case[] =>
  make.map(({ target, entry }) => ({ target, input: async (f: Fixtures) => input(f, await entry(f)), allow: ALPHA, hides: !target.startsWith("org-visible published") && !target.includes("archived") }));

export const TRPC_EXPECTATIONS: Record<string, Case[]> = {
  // --- auth: public procedures; the people picker exists only in demo mode (not here: 404 for all).
  "auth.options": [{ target: "sign-in options", input: () => undefined, allow: ALL }],
  "auth.users": [{ target: "everyone, for pickers", input: () => undefined, allow: SIGNED_IN }],
  "auth.demoAccounts": [{ target: "demo picker (demo mode off)", input: () => undefined, allow: NOBODY, hides: true }],
  "auth.demoSignIn": [{ target: "demo sign-in (demo mode off)", input: (f) => ({ userId: f.people.member }), allow: NOBODY, hides: true }],
  "auth.signIn": [{ target: "a wrong password", input: () => ({ login: "teammate", password: "not-the-password-1234" }), allow: NOBODY }],
  "auth.signUp": [{ target: "a new local account", input: (f) => ({ handle: f.unique("new"), name: "New Person", password: "correct horse battery staple 42" }), allow: ALL }],
  "auth.setup": [{ target: "first admin with a forged set-up token", input: (f) => ({ token: "forged-token", handle: f.unique("boss"), name: "Boss", password: "correct horse battery staple 42" }), allow: NOBODY }],
  "auth.signOut": [{ target: "own session", input: () => undefined, allow: ALL }],
  "auth.signOutEverywhere": [{ target: "all own sessions", input: () => undefined, allow: SIGNED_IN }],

  // --- me: only ever the caller's own things; someone else's are not found.
  "me.get": [{ target: "self (null when anonymous)", input: () => undefined, allow: ALL }],
  "me.changePassword": [{ target: "own password (none set yet)", input: () => ({ newPassword: "another strong passphrase 77" }), allow: SIGNED_IN }],
  "me.tokens": [{ target: "own tokens", input: () => undefined, allow: SIGNED_IN }],
  "me.createToken": [{ target: "a new token", input: () => ({ name: "matrix" }), allow: SIGNED_IN }],
  "me.revokeToken": [
    { target: "own token", input: async (f) => ({ id: await f.token("self") }), allow: SIGNED_IN },
    { target: "author's token", input: id((f) => f.token("author")), allow: NOBODY, hides: true },
  ],
  "me.chatLinkPreview": [{ target: "a forged link token (Slack not configured)", input: () => ({ token: "forged" }), allow: SIGNED_IN, allowedStatus: 400 }],
  "me.chatLinks": [{ target: "own chat links", input: () => undefined, allow: SIGNED_IN }],
  "me.linkChat": [{ target: "a forged link token (Slack not configured)", input: () => ({ token: "forged" }), allow: SIGNED_IN, allowedStatus: 400 }],
  "me.unlinkChat": [
    { target: "own chat link", input: async (f) => ({ id: await f.chatLink("self") }), allow: SIGNED_IN },
    { target: "author's chat link", input: id((f) => f.chatLink("author")), allow: NOBODY, hides: true },
  ],

  // --- entries
  "entries.list": [{ target: "entries I may read", input: () => ({}), allow: SIGNED_IN }],
  "entries.get": readCases((_f, e) => ({ id: e })),
  "entries.create": [
    { target: "an entry for alpha", input: (f) => ({ kind: "fix", title: "Matrix fix", teamId: f.teams.alpha }), allow: ALPHA },
    { target: "an entry for no team", input: () => ({ kind: "fix", title: "Matrix fix" }), allow: SIGNED_IN },
  ],
  "entries.update": writeCases((_f, e) => ({ id: e, expectedVersion: 1, title: "Retitled by the matrix" }), [
    { target: "org-visible published entry", entry: published },
    { target: "team-visible draft entry", entry: teamDraft },
  ]),
  "entries.submit": writeCases((_f, e) => ({ id: e, expectedVersion: 1, reviewers: [] }), [
    { target: "org-visible draft entry", entry: orgDraft },
    { target: "team-visible draft entry", entry: teamDraft },
  ]),
  "entries.reviewers": readCases((_f, e) => ({ id: e })),
  "entries.review": [
    {
      // Only the people asked to review decide; `member` was asked. In review is not org-readable.
      target: "entry in review, member asked",
      input: async (f) => ({ id: await f.entry({ status: "in_review" }), decision: "approved" }),
      allow: ["member"],
    },
  ],
  "entries.publish": writeCases((_f, e) => ({ id: e, expectedVersion: 1 }), [
    { target: "org-visible draft entry", entry: orgDraft },
    { target: "team-visible draft entry", entry: teamDraft },
  ]),
  "entries.archive": writeCases((_f, e) => ({ id: e, expectedVersion: 1 }), [
    { target: "org-visible published entry", entry: published },
    { target: "team-visible published entry", entry: teamPublished },
  ]),
  "entries.restore": writeCases((_f, e) => ({ id: e, expectedVersion: 2 }), [{ target: "org-visible archived entry", entry: (f) => f.entry({ status: "archived" }) }]),
  "entries.template": [{ target: "a kind's template", input: () => ({ kind: "postmortem" }), allow: SIGNED_IN }],
  "entries.checkBlameless": [{ target: "a draft's text", input: () => ({ title: "t", body: "Someone forgot" }), allow: SIGNED_IN }],
  "entries.exportMarkdown": readCases((_f, e) => ({ id: e })),
  "entries.linkTranscript": [
    {
      // Linking changes the transcript: its writers (alpha); others can read it (org, published) so 403.
      target: "alpha's transcript to alpha's postmortem",
      input: async (f) => ({ transcriptId: (await f.transcript()).id, postmortemId: await f.entry({ kind: "postmortem" }) }),
      allow: ALPHA,
    },
  ],
  "entries.promote": [
    {
      // Anyone who can read the transcript may turn its messages into a new entry of their own (no team).
      target: "messages of alpha's org-visible transcript",
      input: async (f) => {
        const t = await f.transcript();
        return { transcriptId: t.id, messageTs: [t.ts], kind: "fix", title: f.unique("Promoted") };
      },
      allow: SIGNED_IN,
    },
  ],
  "entries.serviceRelated": readCases((_f, e) => ({ id: e })),
  "entries.history": readCases((_f, e) => ({ id: e })),
  "entries.diff": readCases((_f, e) => ({ id: e, from: 1, to: 1 })),

  // --- teams
  "teams.list": [{ target: "all teams", input: () => undefined, allow: SIGNED_IN }],
  "teams.get": [{ target: "team alpha", input: (f) => ({ id: f.teams.alpha }), allow: SIGNED_IN }],
  "teams.create": [{ target: "a new team", input: (f) => ({ slug: f.unique("team").toLowerCase(), name: "Matrix team" }), allow: ADMIN }],
  "teams.setMember": [{ target: "add a person to alpha", input: async (f) => ({ teamId: f.teams.alpha, userId: await f.user(), role: "member" }), allow: ALPHA_MANAGERS }],
  "teams.notifications": [{ target: "alpha's inbox", input: (f) => ({ teamId: f.teams.alpha }), allow: ALPHA }],
  "teams.markNotificationsRead": [{ target: "alpha's inbox", input: (f) => ({ teamId: f.teams.alpha }), allow: ALPHA }],

  // --- collections: readable by everyone signed in (items filtered per reader), curated by the owner team.
  "collections.list": [{ target: "all collections", input: () => undefined, allow: SIGNED_IN }],
  "collections.get": [{ target: "alpha's collection", input: async (f) => ({ id: (await f.collection()).id }), allow: SIGNED_IN }],
  "collections.create": [
    { target: "a collection for alpha", input: (f) => ({ title: f.unique("Matrix path"), teamId: f.teams.alpha }), allow: ALPHA },
    { target: "a collection for no team", input: (f) => ({ title: f.unique("Matrix path") }), allow: SIGNED_IN },
  ],
  "collections.update": [{ target: "alpha's collection", input: async (f) => ({ id: (await f.collection()).id, expectedVersion: 1, title: "Renamed" }), allow: ALPHA }],
  "collections.delete": [{ target: "alpha's collection", input: async (f) => ({ id: (await f.collection()).id }), allow: ALPHA }],
  "collections.progress": [{ target: "own progress in alpha's collection", input: async (f) => ({ collectionId: (await f.collection()).id }), allow: SIGNED_IN }],
  "collections.markItem": [
    {
      target: "own progress on a readable item",
      input: async (f) => {
        const c = await f.collection();
        return { collectionId: c.id, itemId: c.itemId, done: true };
      },
      allow: SIGNED_IN,
    },
  ],
  "collections.mine": [{ target: "own onboarding", input: () => undefined, allow: SIGNED_IN }],
  "collections.learners": [{ target: "learners of alpha's collection", input: async (f) => ({ collectionId: (await f.collection()).id }), allow: ALPHA }],

  // --- action items: listed for everyone (per readable entry); changed by the parent entry's writers.
  "actionItems.list": [{ target: "items I may read", input: () => ({}), allow: SIGNED_IN }],
  "actionItems.stats": [{ target: "counts", input: () => undefined, allow: SIGNED_IN }],
  "actionItems.update": [
    { target: "item of an org-visible postmortem", input: async (f) => ({ id: await f.actionItem(), status: "done" }), allow: ALPHA },
    { target: "item of a team-visible postmortem", input: async (f) => ({ id: await f.actionItem({ visibility: "team" }), status: "done" }), allow: ALPHA, hides: true },
  ],

  // --- fixes and runbooks
  "fixes.feedback": readCases((_f, e) => ({ entryId: e })),
  "fixes.vote": readCases((_f, e) => ({ entryId: e, vote: "worked" })),
  "runbooks.markReviewed": writeCases((_f, e) => ({ id: e }), [
    { target: "org-visible published runbook", entry: (f) => f.entry({ kind: "runbook" }) },
    { target: "team-visible published runbook", entry: (f) => f.entry({ kind: "runbook", visibility: "team" }) },
  ]),
  "runbooks.stale": [{ target: "stale runbooks I may read", input: () => ({}), allow: SIGNED_IN }],

  // --- imports: anyone signed in, for no team; for a team, its members (and admins).
  // Each case its own channel: the same channel and day again would update that transcript, which
  // only its writers may (imports upsert by key).
  "imports.slack": [
    { target: "an export for no team", input: (f) => ({ files: slackExport(f) }), allow: SIGNED_IN },
    { target: "an export for alpha", input: (f) => ({ files: slackExport(f), teamId: f.teams.alpha }), allow: ALPHA },
  ],
  "imports.chatLog": [
    { target: "a log for no team", input: (f) => ({ text: "[10:00] ana: the pool is full\n[10:01] bo: raised it", title: f.unique("Log"), date: "2026-09-14" }), allow: SIGNED_IN },
    { target: "a log for alpha", input: (f) => ({ text: "[10:00] ana: the pool is full", title: f.unique("Log"), date: "2026-09-14", teamId: f.teams.alpha }), allow: ALPHA },
  ],
  "imports.markdown": [{ target: "a markdown file (no team)", input: (f) => ({ markdown: `# ${f.unique("Imported")}\n\nRaise the pool size.`, kind: "fix" }), allow: SIGNED_IN }],

  // --- search
  "search.query": [{ target: "what I may read", input: () => ({ q: "pool" }), allow: SIGNED_IN }],
  "search.related": readCases((_f, e) => ({ id: e })),
  "search.opened": readCases((_f, e) => ({ queryId: 1, entryId: e })),
  "search.gaps": [{ target: "knowledge gaps", input: () => ({}), allow: SIGNED_IN }],

  // --- insights: dashboards over what the caller may read.
  "insights.publishedPerMonth": [{ target: "dashboard", input: () => undefined, allow: SIGNED_IN }],
  "insights.actionItemsByTeam": [{ target: "dashboard", input: () => undefined, allow: SIGNED_IN }],
  "insights.reusedFixes": [{ target: "dashboard", input: () => ({}), allow: SIGNED_IN }],
  "insights.staleRunbooks": [{ target: "dashboard", input: () => undefined, allow: SIGNED_IN }],
  "insights.knowledgeGaps": [{ target: "dashboard", input: () => ({}), allow: SIGNED_IN }],
  "insights.readership": [{ target: "dashboard", input: () => ({}), allow: SIGNED_IN }],
  "insights.recordView": readCases((_f, e) => ({ entryId: e })),

  // --- subscriptions: one's own only.
  "subscriptions.list": [{ target: "own subscriptions", input: () => undefined, allow: SIGNED_IN }],
  "subscriptions.create": [{ target: "a tag digest", input: (f) => ({ target: "tag", value: f.unique("tag").toLowerCase() }), allow: SIGNED_IN }],
  "subscriptions.delete": [
    { target: "own subscription", input: async (f) => ({ id: await f.subscription("self") }), allow: SIGNED_IN },
    { target: "author's subscription", input: id((f) => f.subscription("author")), allow: NOBODY, hides: true },
  ],
  "subscriptions.previewDigest": [{ target: "own next digest", input: () => ({ frequency: "weekly" }), allow: SIGNED_IN }],

  // --- integrations: admins only.
  "integrations.list": [{ target: "all integrations", input: () => undefined, allow: ADMIN }],
  "integrations.create": [{ target: "a generic bot", input: (f) => ({ kind: "generic", name: f.unique("bot") }), allow: ADMIN }],
  "integrations.rotateSecret": [{ target: "an integration", input: id((f) => f.integration()), allow: ADMIN }],
  "integrations.setEnabled": [{ target: "an integration", input: async (f) => ({ id: await f.integration(), enabled: false }), allow: ADMIN }],
};

const json = (url: string, body?: unknown) => ({ url, body });

/** REST: bearer tokens only (a role's own token), so anonymous is every request without one. */
export const REST_EXPECTATIONS: RestCase[] = [
  { method: "GET", route: "/healthz", target: "health", request: async () => json("/healthz"), allow: ALL },
  // Probes for the load balancer and the scraper, on the internal network (docs/reliability.md).
  { method: "GET", route: "/readyz", target: "readiness", request: async () => json("/readyz"), allow: ALL },
  { method: "GET", route: "/metrics", target: "metrics", request: async () => json("/metrics"), allow: ALL },
  { method: "GET", route: "/api/v1/openapi.json", target: "API document", request: async () => json("/api/v1/openapi.json"), allow: ALL },
  { method: "POST", route: "/api/v1/entries", target: "an entry for alpha", request: async (f) => json("/api/v1/entries", { kind: "fix", title: "REST fix", team: "alpha", externalKey: f.unique("k") }), allow: ALPHA },
  { method: "POST", route: "/api/v1/entries", target: "an entry for no team", request: async (f) => json("/api/v1/entries", { kind: "fix", title: "REST fix", externalKey: f.unique("k") }), allow: SIGNED_IN },
  { method: "GET", route: "/api/v1/entries", target: "entries I may read", request: async () => json("/api/v1/entries"), allow: SIGNED_IN },
  { method: "GET", route: "/api/v1/entries/:id", target: "org-visible published entry", request: async (f) => json(`/api/v1/entries/${await published(f)}`), allow: SIGNED_IN },
  { method: "GET", route: "/api/v1/entries/:id", target: "team-visible draft entry", request: async (f) => json(`/api/v1/entries/${await teamDraft(f)}`), allow: ALPHA, hides: true },
  { method: "GET", route: "/api/v1/entries/:id/markdown", target: "org-visible published entry", request: async (f) => json(`/api/v1/entries/${await published(f)}/markdown`), allow: SIGNED_IN },
  { method: "GET", route: "/api/v1/entries/:id/markdown", target: "org-visible draft entry", request: async (f) => json(`/api/v1/entries/${await orgDraft(f)}/markdown`), allow: ALPHA, hides: true },
  { method: "POST", route: "/api/v1/entries/:id/archive", target: "org-visible published entry", request: async (f) => json(`/api/v1/entries/${await published(f)}/archive`, {}), allow: ALPHA },
  { method: "POST", route: "/api/v1/entries/:id/archive", target: "team-visible published entry", request: async (f) => json(`/api/v1/entries/${await teamPublished(f)}/archive`, {}), allow: ALPHA, hides: true },
  { method: "GET", route: "/api/v1/search", target: "what I may read", request: async () => json("/api/v1/search?q=pool"), allow: SIGNED_IN },
  { method: "POST", route: "/api/v1/import/markdown", target: "a document for no team", request: async (f) => json("/api/v1/import/markdown", { markdown: `# ${f.unique("Doc")}\n\nbody`, kind: "fix" }), allow: SIGNED_IN },
  { method: "POST", route: "/api/v1/import/markdown", target: "a document for alpha", request: async (f) => json("/api/v1/import/markdown", { markdown: `# ${f.unique("Doc")}\n\nbody`, kind: "fix", team: "alpha" }), allow: ALPHA },
  { method: "POST", route: "/api/v1/import/slack", target: "an export for no team", request: async (f) => json("/api/v1/import/slack", { files: slackExport(f) }), allow: SIGNED_IN },
  { method: "POST", route: "/api/v1/import/chat", target: "a log for alpha", request: async (f) => json("/api/v1/import/chat", { text: "[10:00] ana: pool full", title: f.unique("Log"), date: "2026-09-14", team: "alpha" }), allow: ALPHA },
  // Webhooks authenticate by their own signatures, never a person's token: unsigned is refused for all.
  { method: "POST", route: "/api/v1/integrations/:id/webhook", target: "an integration, unsigned", request: async (f) => json(`/api/v1/integrations/${await f.integration()}/webhook`, { text: "search pool" }), allow: NOBODY },
  { method: "POST", route: "/api/v1/chatops/slack/command", target: "a slash command, unsigned", request: async () => json("/api/v1/chatops/slack/command", { text: "search pool" }), allow: NOBODY },
  { method: "POST", route: "/api/v1/chatops/slack/events", target: "an event, unsigned", request: async () => json("/api/v1/chatops/slack/events", { type: "url_verification", challenge: "x" }), allow: NOBODY },
  { method: "POST", route: "/api/v1/chatops/slack/interactivity", target: "a shortcut, unsigned", request: async () => json("/api/v1/chatops/slack/interactivity", { payload: "{}" }), allow: NOBODY },
];
