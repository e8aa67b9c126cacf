// Outgoing webhooks of chat tools other than Slack: Mattermost, Rocket.Chat, Microsoft Teams, Hubot,
// Errbot and any bot that signs like them, at POST /api/v1/integrations/:id/webhook. Owns each tool's
// wire format: how it proves a request is its own (checked over the raw body before anything reads
// it), replay refusal, what it sends (text, user, channel, a posted thread) and the reply it shows.
// Who the chat user is (a chat link, else an anonymous reader) and what they may see is the chatops
// service's and the domain policy's, exactly as for Slack.
import { createHash, createHmac } from "node:crypto";
import {
  DomainError,
  INTEGRATION_LABELS,
  KIND_LABELS,
  WEBHOOK_MAX_AGE_SECONDS,
  ZPostedThread,
  entryPath,
  integrationSigning,
  newEntryPath,
  parseChatCommand,
  parseChatLog,
  snippetParts,
  type EntryKind,
  type IntegrationKind,
  type TranscriptMessage,
} from "@hindsight/domain";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { AppDeps } from "../deps.js";
import { loadActor } from "../identity/identity.js";
import { secretsEqual } from "../identity/secrets.js";
import type { ChatIdentity } from "../services/chat-link-service.js";
import {
  ANONYMOUS_CHAT_READER,
  chatSearch,
  identifyChatUser,
  saveChatThread,
  type SaveOutcome,
} from "../services/chatops-service.js";
import { serviceContext } from "../services/context.js";
import { activeIntegration, claimNonce, hmacSecretOf, tokenMatches, type IntegrationRow } from "../services/integration-service.js";
import type { SearchResponse } from "../services/search-service.js";

const BODY_LIMIT = 1024 * 1024;
const HITS = 3;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ---------------------------------------------------------------------------------------------
// Signing (pure)

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`: what Hubot, Errbot and generic bots send. */
export function hindsightSignature(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex")}`;
}

/** `HMAC <base64 HMAC-SHA256 of the body>`, keyed with the base64-decoded security token: what Teams sends. */
export function teamsSignature(securityToken: string, rawBody: string): string {
  return `HMAC ${createHmac("sha256", Buffer.from(securityToken, "base64")).update(Buffer.from(rawBody, "utf8")).digest("base64")}`;
}

class Refused extends Error {
  constructor(
    readonly status: 400 | 401 | 409 | 415,
    message: string,
  ) {
    super(message);
  }
}

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** A payload timestamp (epoch seconds or milliseconds, or ISO 8601) outside the window is a possible replay. */
function checkAge(value: unknown, nowSeconds: number): void {
  if (value === undefined || value === null || value === "") return;
  let seconds: number;
  if (typeof value === "number" || (typeof value === "string" && /^\d{1,15}$/.test(value))) {
    const n = Number(value);
    seconds = n > 1e11 ? n / 1000 : n;
  } else if (typeof value === "string" && !Number.isNaN(Date.parse(value))) {
    seconds = Date.parse(value) / 1000;
  } else {
    throw new Refused(400, "The payload's timestamp is not a time");
  }
  if (Math.abs(nowSeconds - seconds) > WEBHOOK_MAX_AGE_SECONDS) {
    throw new Refused(401, "The request timestamp is more than 5 minutes from now; refusing a possible replay");
  }
}

type Payload = Record<string, unknown>;

function parseBody(contentType: string | undefined, raw: string): Payload {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") return Object.fromEntries(new URLSearchParams(raw));
  if (type === "application/json" || type.endsWith("+json")) {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new Refused(400, "The body is not valid JSON");
    }
    if (!json || typeof json !== "object" || Array.isArray(json)) throw new Refused(400, "The body must be a JSON object");
    return json as Payload;
  }
  throw new Refused(415, "Send application/json or application/x-www-form-urlencoded");
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);
const obj = (v: unknown): Payload => (v && typeof v === "object" && !Array.isArray(v) ? (v as Payload) : {});

/**
 * Verifies a request for the integration's way of signing and returns its parsed payload and the
 * nonce that identifies it. Throws Refused (401) when it is not verifiably the integration's.
 */
export function verifyWebhook(
  row: IntegrationRow,
  secretKey: Buffer | null,
  headers: Record<"content-type" | "authorization" | "x-hindsight-timestamp" | "x-hindsight-signature" | "x-hindsight-request-id", string | undefined>,
  raw: string,
  nowSeconds: number,
): { payload: Payload; nonce: string } {
  const signing = integrationSigning(row.kind);
  if (signing === "token") {
    const payload = parseBody(headers["content-type"], raw);
    const token = str(payload.token);
    if (!token || !tokenMatches(row, token)) throw new Refused(401, "The token does not match this integration's");
    checkAge(payload.timestamp, nowSeconds);
    const nonce = str(row.kind === "mattermost" ? payload.post_id : payload.message_id);
    if (!nonce) throw new Refused(400, `The payload has no ${row.kind === "mattermost" ? "post_id" : "message_id"}, so a replay could not be told apart`);
    return { payload, nonce: `message:${nonce}` };
  }
  const secret = hmacSecretOf(secretKey, row);
  // A secret that cannot be opened (HINDSIGHT_SECRET_KEY changed) verifies nothing.
  if (!secret) throw new Refused(401, "This integration's secret cannot be read on this server; rotate it");
  if (signing === "teams-hmac") {
    const auth = headers.authorization;
    if (!auth || !/^HMAC [A-Za-z0-9+/=]{1,200}$/.test(auth)) throw new Refused(401, "Missing Authorization: HMAC <signature>");
    if (!secretsEqual(auth, teamsSignature(secret, raw))) throw new Refused(401, "The request signature does not match");
    const payload = parseBody(headers["content-type"], raw);
    checkAge(payload.timestamp, nowSeconds);
    return { payload, nonce: `activity:${str(payload.id) ?? auth}` };
  }
  const timestamp = headers["x-hindsight-timestamp"];
  const signature = headers["x-hindsight-signature"];
  if (!timestamp || !signature) throw new Refused(401, "Missing X-Hindsight-Timestamp or X-Hindsight-Signature");
  if (!/^\d{1,12}$/.test(timestamp)) throw new Refused(401, "X-Hindsight-Timestamp must be seconds since the epoch");
  if (Math.abs(nowSeconds - Number(timestamp)) > WEBHOOK_MAX_AGE_SECONDS) {
    throw new Refused(401, "The request timestamp is more than 5 minutes from now; refusing a possible replay");
  }
  if (!secretsEqual(signature, hindsightSignature(secret, timestamp, raw))) throw new Refused(401, "The request signature does not match");
  const payload = parseBody(headers["content-type"], raw);
  const requestId = headers["x-hindsight-request-id"];
  // Without a request id the signature names the request: the same timestamp and body twice.
  return { payload, nonce: requestId ? `request:${requestId.slice(0, 200)}` : `signature:${signature}` };
}

// ---------------------------------------------------------------------------------------------
// What the tools send

interface Incoming {
  text: string;
  triggers: string[];
  userId: string | null;
  userName: string | null;
  channel: { id: string; name: string | null };
  /** A thread posted whole (bots); tools that send one message leave it out. */
  messages: unknown;
}

/** Teams sends HTML: `<at>Hindsight</at> disk full`. The mention goes, tags go, entities are decoded. */
export function teamsText(html: string): string {
  return html
    .replace(/<at>[\s\S]*?<\/at>/gi, " ")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();
}

function incoming(kind: IntegrationKind, p: Payload): Incoming {
  const clip = (v: string | undefined, max: number) => (v ? v.slice(0, max) : null);
  switch (kind) {
    case "mattermost":
    case "rocketchat":
      return {
        text: str(p.text) ?? "",
        triggers: [str(p.trigger_word) ?? ""].filter(Boolean),
        userId: clip(str(p.user_id), 200),
        userName: clip(str(p.user_name), 200),
        channel: { id: clip(str(p.channel_id), 200) ?? "channel", name: clip(str(p.channel_name), 200) },
        messages: undefined,
      };
    case "teams": {
      const from = obj(p.from);
      const conversation = obj(p.conversation);
      const channel = obj(obj(p.channelData).channel);
      return {
        text: teamsText(str(p.text) ?? ""),
        triggers: [],
        userId: clip(str(from.aadObjectId) ?? str(from.id), 200),
        userName: clip(str(from.name), 200),
        channel: { id: clip(str(channel.id) ?? str(conversation.id), 200) ?? "conversation", name: clip(str(channel.name) ?? str(conversation.name), 200) },
        messages: undefined,
      };
    }
    default: {
      const user = obj(p.user);
      const channel = p.channel;
      return {
        text: str(p.text) ?? "",
        triggers: [],
        userId: clip(str(user.id) ?? str(p.user_id), 200),
        userName: clip(str(user.name) ?? str(p.user_name), 200),
        channel:
          typeof channel === "string"
            ? { id: channel.slice(0, 200), name: channel.slice(0, 200) }
            : { id: clip(str(obj(channel).id), 200) ?? "channel", name: clip(str(obj(channel).name), 200) },
        messages: p.messages,
      };
    }
  }
}

/** The transcript a "save" posts: a bot's `messages`, else a pasted log after the keyword, else nothing. */
function threadOf(kind: IntegrationKind, req: Incoming, rest: string): TranscriptMessage[] {
  if (req.messages !== undefined) {
    const parsed = ZPostedThread.safeParse(req.messages);
    if (!parsed.success) throw new Refused(400, `messages must be a list of {user, text, ts}: ${parsed.error.issues[0]?.message ?? "not understood"}`);
    return parsed.data.map((m, i) => ({ ts: m.ts === undefined ? `m-${i + 1}` : String(m.ts), user: m.user, text: m.text }));
  }
  if (!rest) return [];
  const log = parseChatLog(rest);
  if (log.length > 0) return log;
  return [{ ts: "m-1", user: req.userName ?? INTEGRATION_LABELS[kind], text: rest.slice(0, 40_000) }];
}

// ---------------------------------------------------------------------------------------------
// Replies

interface Hit {
  title: string;
  url: string;
  kind: string;
  team: string | null;
  severity: string | null;
  /** The snippet as plain text, and with highlights in **bold** markdown. */
  snippet: string;
  snippetMarkdown: string;
}

type Reply =
  | { type: "help"; linked: string | null }
  /** `weak`: none of the hits answers the query clearly (SearchResult.weakMatch); `publish` then invites an answer. */
  | { type: "results"; q: string; total: number; estimate: boolean; hits: Hit[]; seeAll: string; weak: boolean; publish: string }
  | { type: "none"; q: string; publish: string }
  | { type: "saved"; saved: SaveOutcome; url: string | null }
  | { type: "notice"; text: string };

/**
 * Escapes markdown's inline control characters in text from entries (titles, snippets), so it shows
 * as written and cannot make links. Replies never start a line with entry text, so `#` and `-` stay.
 */
export function mdEscape(text: string): string {
  return text.replace(/([\\`*_[\]<>|~])/g, "\\$1");
}

function hitsOf(publicUrl: string, result: SearchResponse): Hit[] {
  return result.hits.map((h) => {
    const parts = snippetParts(h.snippet);
    const plain = parts.map((p) => p.text).join("").replace(/\s+/g, " ").trim();
    const markdown = parts
      .map((p) => {
        const t = mdEscape(p.text.replace(/\s+/g, " "));
        return p.mark && t.trim() ? `**${t.trim()}**` : t;
      })
      .join("")
      .trim();
    return {
      title: h.title,
      url: `${publicUrl}${entryPath(h.slug)}`,
      kind: KIND_LABELS[h.kind as EntryKind] ?? h.kind,
      team: h.team ? h.team.name : null,
      severity: h.severity ?? null,
      snippet: plain.slice(0, 500),
      snippetMarkdown: markdown.slice(0, 600),
    };
  });
}

function markdownText(reply: Reply): string {
  switch (reply.type) {
    case "help":
      return [
        "**Hindsight**: what your organisation has learned, from chat.",
        "- `hindsight <error or symptom>`: the top 3 postmortems, fixes and runbooks",
        "- `hindsight save this thread`: keep the conversation as a draft transcript",
        reply.linked
          ? `You search as @${mdEscape(reply.linked)}.`
          : "Your chat account is not linked, so you see only entries published to the whole organisation.",
      ].join("\n");
    case "results":
      return [
        reply.weak
          ? `No clear answer in Hindsight for “${mdEscape(reply.q)}” yet; these only share some of its words · [see all](${reply.seeAll})`
          : `${reply.estimate ? "About " : ""}${reply.total} result${reply.total === 1 ? "" : "s"} for “${mdEscape(reply.q)}” · [see all](${reply.seeAll})`,
        ...reply.hits.map((h) => {
          const meta = [h.kind, h.team ?? "no team", h.severity].filter(Boolean).join(" · ");
          return `- [${mdEscape(h.title)}](${h.url}) · _${mdEscape(meta)}_${h.snippetMarkdown ? `\n  ${h.snippetMarkdown}` : ""}`;
        }),
        ...(reply.weak ? [`Solved it? [Publish what you learn](${reply.publish}).`] : []),
      ].join("\n");
    case "none":
      return reply.q
        ? `Nothing in Hindsight matches “${mdEscape(reply.q)}” yet. Solved it? [Publish what you learn](${reply.publish}).`
        : "Tell me what to look for: `hindsight <error or symptom>`.";
    case "saved":
      return savedText(reply, (title, url) => `[${mdEscape(title)}](${url})`);
    case "notice":
      return reply.text;
  }
}

function savedText(reply: Extract<Reply, { type: "saved" }>, link: (title: string, url: string) => string): string {
  const saved = reply.saved;
  if (saved.outcome === "hidden") return "This thread is already saved in Hindsight, as a draft you cannot see yet. Ask its owner to publish it.";
  const entry = link(saved.entry.title, reply.url!);
  const lead = saved.outcome === "created" ? `Saved to Hindsight as a draft transcript: ${entry}.` : `Already in Hindsight: ${entry}.`;
  const redacted = saved.redactions ? ` ${saved.redactions} secret${saved.redactions === 1 ? " was" : "s were"} redacted.` : "";
  return `${lead}${redacted} Add what was learned and publish it, so everyone can find it.`;
}

function plainText(reply: Reply): string {
  switch (reply.type) {
    case "results":
      return [
        reply.weak
          ? `No clear answer in Hindsight for "${reply.q}" yet; these only share some of its words (all: ${reply.seeAll})`
          : `${reply.total} result${reply.total === 1 ? "" : "s"} for "${reply.q}" (all: ${reply.seeAll})`,
        ...reply.hits.map((h) => `${h.title} (${[h.kind, h.team].filter(Boolean).join(", ")}): ${h.url}`),
        ...(reply.weak ? [`Solved it? Publish what you learn: ${reply.publish}`] : []),
      ].join("\n");
    case "none":
      return reply.q ? `Nothing in Hindsight matches "${reply.q}" yet. Publish what you learn: ${reply.publish}` : "Tell me what to look for.";
    case "saved":
      return savedText(reply, (title, url) => `${title} (${url})`);
    default:
      return markdownText(reply).replace(/\*\*|`/g, "");
  }
}

/** The reply in the tool's own format. */
export function formatReply(kind: IntegrationKind, reply: Reply): Record<string, unknown> {
  switch (kind) {
    case "mattermost":
      return { response_type: "comment", username: "Hindsight", text: markdownText(reply) };
    case "rocketchat":
      if (reply.type === "results") {
        const { hits, ...lead } = reply;
        return {
          text: markdownText({ ...lead, hits: [] }),
          attachments: hits.map((h) => ({
            title: h.title,
            title_link: h.url,
            text: [[h.kind, h.team ?? "no team", h.severity].filter(Boolean).join(" · "), h.snippetMarkdown].filter(Boolean).join("\n"),
          })),
        };
      }
      return { text: markdownText(reply) };
    case "teams":
      return { type: "message", text: markdownText(reply) };
    default: {
      const base: Record<string, unknown> = { text: plainText(reply) };
      if (reply.type === "results") {
        base.total = reply.total;
        base.weakMatch = reply.weak;
        base.results = reply.hits.map(({ snippetMarkdown: _m, ...h }) => h);
      }
      if (reply.type === "none") base.results = [];
      if (reply.type === "saved" && reply.saved.outcome !== "hidden") {
        base.entry = { ...reply.saved.entry, url: reply.url, outcome: reply.saved.outcome, redactions: reply.saved.redactions };
      }
      return base;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Route

export interface IntegrationWebhookOptions {
  deps: AppDeps;
  /** Seconds since the epoch (tests). */
  now?: () => number;
}

/** The key of a saved thread: the same messages from the same channel of one integration are one entry. */
function threadKey(integrationId: string, channelId: string, messages: TranscriptMessage[]): string {
  const digest = createHash("sha256")
    .update(JSON.stringify(messages.map((m) => [m.ts, m.user, m.text])))
    .digest("hex")
    .slice(0, 32);
  return `thread:${integrationId}/${channelId}/${digest}`;
}

export async function integrationWebhooks(app: FastifyInstance, opts: IntegrationWebhookOptions): Promise<void> {
  const { deps } = opts;
  const publicUrl = deps.config.publicUrl;
  const now = opts.now ?? (() => Math.floor(Date.now() / 1000));

  // Signatures cover the exact bytes sent, so bodies stay raw strings in this plugin's scope.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string", bodyLimit: BODY_LIMIT }, (_req, body, done) => done(null, body));

  const refuse = (reply: FastifyReply, status: number, message: string) =>
    reply.status(status).send({ error: { code: status === 409 ? "CONFLICT" : status === 401 ? "UNAUTHORIZED" : "BAD_REQUEST", message } });

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof Refused) return refuse(reply, err.status, err.message);
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return refuse(reply, status, (err as Error).message);
    if (err instanceof DomainError || err instanceof z.ZodError) {
      return refuse(reply, 400, `Hindsight could not do that: ${err instanceof DomainError ? err.message : "the request was not understood"}`);
    }
    // Never the body (what someone said in chat) or the error's bound parameters: only what failed.
    req.log.error({ err: { type: (err as Error).name, message: (err as Error).message?.split(/\nparams:/)[0] } }, "chat integration request failed");
    return reply.status(500).send({ error: { code: "INTERNAL_SERVER_ERROR", message: "Something went wrong on our side" } });
  });

  app.post<{ Params: { id: string } }>("/:id/webhook", { bodyLimit: BODY_LIMIT }, async (req, reply) => {
    const raw = typeof req.body === "string" ? req.body : "";
    // An unknown, disabled or malformed id is refused like a bad signature: nothing says which.
    const row = UUID.test(req.params.id) ? await activeIntegration(deps.database.db, req.params.id) : null;
    if (!row) {
      req.log.warn("refused a webhook for an unknown or disabled integration");
      return refuse(reply, 401, "Unknown or disabled integration");
    }
    let verified: { payload: Payload; nonce: string };
    try {
      verified = verifyWebhook(
        row,
        deps.config.secretKey,
        {
          "content-type": header(req, "content-type"),
          authorization: header(req, "authorization"),
          "x-hindsight-timestamp": header(req, "x-hindsight-timestamp"),
          "x-hindsight-signature": header(req, "x-hindsight-signature"),
          "x-hindsight-request-id": header(req, "x-hindsight-request-id"),
        },
        raw,
        now(),
      );
    } catch (err) {
      if (err instanceof Refused) req.log.warn({ integrationId: row.id, kind: row.kind, reason: err.message }, "refused an unverified webhook");
      throw err;
    }
    // Only a verified request may claim a nonce, so strangers cannot fill the table.
    if (!(await claimNonce(deps.database.db, row.id, verified.nonce, new Date(now() * 1000)))) {
      req.log.warn({ integrationId: row.id, kind: row.kind }, "refused a replayed webhook");
      return refuse(reply, 409, "This request was already received; refusing a replay");
    }

    const msg = incoming(row.kind, verified.payload);
    const identity: ChatIdentity | null = msg.userId ? { platform: row.kind, workspaceId: row.id, externalUserId: msg.userId } : null;
    const mapped = identity ? await identifyChatUser(deps, identity) : null;
    const command = parseChatCommand(msg.text, msg.triggers);
    const send = (r: Reply) => reply.send(formatReply(row.kind, r));

    if (command.action === "help") return send({ type: "help", linked: mapped?.handle ?? null });
    if (command.action === "search") {
      const q = command.q.trim();
      if (!q) return send({ type: "none", q: "", publish: `${publicUrl}${newEntryPath("fix")}` });
      const result = await chatSearch(serviceContext(deps, mapped?.actor ?? ANONYMOUS_CHAT_READER), deps.engine, q, HITS);
      const publish = `${publicUrl}${newEntryPath("fix", q.slice(0, 200))}`;
      if (result.hits.length === 0) return send({ type: "none", q, publish });
      return send({
        type: "results",
        q,
        total: result.total,
        estimate: result.totalIsEstimate,
        hits: hitsOf(publicUrl, result),
        seeAll: `${publicUrl}/?q=${encodeURIComponent(q)}`,
        weak: result.weakMatch,
        publish,
      });
    }

    const messages = threadOf(row.kind, msg, command.rest);
    if (messages.length === 0 || messages.every((m) => !m.text.trim())) {
      return send({ type: "notice", text: "There is nothing to save: post the thread's messages (or paste the conversation after `save`)." });
    }
    // A linked chat user saves as themselves; anyone else's thread goes to the integration's owner, as
    // a draft of its team, with member rights only (ChatOps never writes as an admin).
    let actor = mapped?.actor ?? null;
    if (!actor) {
      const owner = await loadActor(deps.database.db, row.createdBy, "token");
      if (!owner) return send({ type: "notice", text: "This integration's owner no longer exists; ask an admin to recreate it." });
      actor = { ...owner, orgRole: "member", teams: row.teamId ? new Map([[row.teamId, "member" as const]]) : new Map() };
    }
    const saved = await saveChatThread(serviceContext(deps, actor), {
      source: row.kind,
      toolLabel: INTEGRATION_LABELS[row.kind],
      channel: msg.channel,
      messages,
      externalKey: threadKey(row.id, msg.channel.id, messages),
    });
    req.log.info({ integrationId: row.id, entryId: saved.outcome === "hidden" ? null : saved.entry.id, outcome: saved.outcome }, "saved a chat thread");
    return send({ type: "saved", saved, url: saved.outcome === "hidden" ? null : `${publicUrl}${entryPath(saved.entry.slug)}` });
  });
}
