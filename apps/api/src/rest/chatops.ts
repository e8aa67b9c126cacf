// ChatOps for Slack: the `/hindsight` slash command and the "Save to Hindsight" message shortcut.
// Owns Slack's wire format: request signing (every request is verified against the signing secret
// over the raw body before anything else looks at it), form bodies, and Block Kit replies. Who the
// Slack user is (only a verified link, made with `/hindsight link`) is the chat-link service's
// business; what they may see is the chatops service's and the domain policy's.
import { createHmac } from "node:crypto";
import {
  DomainError,
  KIND_LABELS,
  entrySlugFromUrl,
  slackDirectory,
  slackMessage,
  snippetParts,
  type EntryKind,
  entryPath,
  newEntryPath,
} from "@hindsight/domain";
import { schema } from "@hindsight/db";
import { eq } from "@hindsight/db/orm";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Config } from "../config.js";
import type { AppDeps } from "../deps.js";
import { secretsEqual } from "../identity/secrets.js";
import { LINK_TOKEN_TTL_SECONDS, signLinkToken, unlinkChatIdentity, type ChatIdentity } from "../services/chat-link-service.js";
import { serviceContext } from "../services/context.js";
import { ANONYMOUS_CHAT_READER, chatSearch, identifyChatUser, saveChatMessage, type SaveOutcome } from "../services/chatops-service.js";
import { getEntry } from "../services/entry-service.js";
import type { SearchResponse } from "../services/search-service.js";
import { SLACK_SIGNATURE } from "./openapi.js";

/** Slack's replay window: a signed request older (or newer) than this is refused. */
export const MAX_REQUEST_AGE_SECONDS = 5 * 60;
/** Slash commands are small; a shortcut's payload carries the message with its blocks. */
const BODY_LIMIT = 1024 * 1024;
const HITS = 3;
/** The callback id to give the message shortcut in the Slack app's settings. */
export const SAVE_SHORTCUT_CALLBACK_ID = "save_to_hindsight";

export interface SlackMessage {
  response_type?: "ephemeral" | "in_channel";
  replace_original?: boolean;
  text: string;
  blocks?: unknown[];
}

/** Posts a reply to a shortcut's `response_url` (Slack ignores a shortcut's HTTP response body). */
export type SlackResponder = (responseUrl: string, message: SlackMessage) => Promise<void>;

export interface ChatopsOptions {
  deps: AppDeps;
  slack: NonNullable<Config["slack"]>;
  /** Replaces the HTTP post to Slack's response_url (tests). */
  respond?: SlackResponder;
  /** Seconds since the epoch (tests). */
  now?: () => number;
  /** Replaces the chat.unfurl call (default: Slack's Web API when a bot token is set). */
  unfurl?: SlackUnfurler;
}

// ---------------------------------------------------------------------------------------------
// Signing

export function slackSignature(secret: string, timestamp: string, rawBody: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

/** Why a request is not verifiably from Slack, or null when it is. */
export function verifySlackRequest(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  rawBody: string,
  nowSeconds: number,
): string | null {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature) return "Missing X-Slack-Request-Timestamp or X-Slack-Signature";
  if (!/^\d{1,12}$/.test(timestamp)) return "X-Slack-Request-Timestamp must be seconds since the epoch";
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_REQUEST_AGE_SECONDS) {
    return "The request timestamp is more than 5 minutes from now; refusing a possible replay";
  }
  // Compared through fixed-length hashes, so neither content nor length leaks through timing.
  if (!secretsEqual(signature, slackSignature(secret, timestamp, rawBody))) return "The request signature does not match";
  return null;
}

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

// ---------------------------------------------------------------------------------------------
// Slack text

/** Escapes Slack's control characters; everything else in mrkdwn is left as written. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * A search snippet (HTML-escaped text with only `<mark>` added) as Slack mrkdwn: the escaping is
 * undone, Slack's own applied, and each highlight becomes *bold*. Any other markup stays literal text.
 */
export function snippetToMrkdwn(snippet: string): string {
  let out = "";
  for (const part of snippetParts(snippet)) {
    // `*` inside a highlight would end the bold early; whitespace at its edges stops Slack bolding.
    const text = slackEscape(part.text).replace(/\s+/g, " ");
    if (!part.mark) out += text;
    else {
      const m = /^(\s*)(.*?)(\s*)$/.exec(text.replace(/\*/g, "∗"))!;
      out += m[2] ? `${m[1]}*${m[2]}*${m[3]}` : text;
    }
  }
  return out.trim();
}

function link(url: string, label: string): string {
  return `<${url}|${slackEscape(label).replace(/\|/g, "¦")}>`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text: clip(text, 3000) } });
const context = (text: string) => ({ type: "context", elements: [{ type: "mrkdwn", text: clip(text, 3000) }] });

function ephemeral(text: string, blocks?: unknown[]): SlackMessage {
  return { response_type: "ephemeral", text, ...(blocks ? { blocks } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Replies

function publishUrl(publicUrl: string, q: string): string {
  return `${publicUrl}${newEntryPath("fix", q.trim().slice(0, 200))}`;
}

function helpMessage(publicUrl: string, mapped: string | null): SlackMessage {
  const who = mapped
    ? `Your Slack account is linked to *@${slackEscape(mapped)}*: you search with your own read rights (your teams' entries included). \`/hindsight unlink\` removes the link.`
    : "Your Slack account is not linked, so you see only entries published to the whole organisation and cannot save messages. Run `/hindsight link` to link it to your Hindsight account.";
  const text = [
    "*Hindsight*: what your organisation has learned, from chat.",
    "• `/hindsight <error or symptom>`: the top 3 postmortems, fixes and runbooks",
    "• `/hindsight search <words>`: the same",
    "• `/hindsight link`: link your Slack account to your Hindsight account (`/hindsight unlink` undoes it)",
    "• `/hindsight help`: this message",
    "• Message menu ⋯ > *Save to Hindsight*: keep a message as a draft transcript",
  ].join("\n");
  return ephemeral(`Hindsight: /hindsight <query> searches, /hindsight link links your account. ${mapped ? `Linked to @${mapped}.` : "Not linked."}`, [
    section(text),
    context(`${who} Results are only shown to you. ${link(publicUrl, "Open Hindsight")}`),
  ]);
}

/** The portal page that redeems a link token for the signed-in user. */
export function linkUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/settings/slack?token=${encodeURIComponent(token)}`;
}

function linkMessage(url: string, mapped: string | null): SlackMessage {
  const minutes = LINK_TOKEN_TTL_SECONDS / 60;
  const now = mapped ? ` It is linked to *@${slackEscape(mapped)}* now; opening the link as someone else moves it to them.` : "";
  return ephemeral(`Open ${url} while signed in to Hindsight to link your Slack account. It works for ${minutes} minutes; do not share it.`, [
    section(`To link your Slack account to your Hindsight account, open ${link(url, "this link")} while signed in to Hindsight and confirm.${now}`),
    context(`The link works for ${minutes} minutes. Do not share it: whoever opens it makes this Slack account search and save as them.`),
  ]);
}

function unlinkedMessage(handle: string | null): SlackMessage {
  return handle
    ? ephemeral(`Your Slack account is no longer linked to @${handle}.`, [
        section(
          `Your Slack account is no longer linked to *@${slackEscape(handle)}*. You now see only entries published to the whole organisation; \`/hindsight link\` links it again.`,
        ),
      ])
    : ephemeral("Your Slack account was not linked to Hindsight; there was nothing to unlink.");
}

function noHitsMessage(publicUrl: string, q: string): SlackMessage {
  const text = q
    ? `Nothing in Hindsight matches “${slackEscape(q)}” yet.`
    : "Tell me what to look for: `/hindsight <error or symptom>`.";
  const nudge = `Solved it? ${link(publishUrl(publicUrl, q), "Publish what you learn")} so the next person finds it.`;
  return ephemeral(`${q ? `No results for ${q}` : "Nothing to search for"}. Publish what you learn: ${publishUrl(publicUrl, q)}`, [
    section(text),
    context(nudge),
  ]);
}

/** The reply to a search with hits (exported for its tests). */
export function resultsMessage(publicUrl: string, q: string, result: SearchResponse): SlackMessage {
  const seeAll = link(`${publicUrl}/?q=${encodeURIComponent(q)}`, "see all");
  const blocks: unknown[] = [
    result.weakMatch
      ? section(`No clear answer in Hindsight for “${slackEscape(q)}” yet; these only share some of its words · ${seeAll}`)
      : context(`${result.totalIsEstimate ? "About " : ""}${result.total} result${result.total === 1 ? "" : "s"} for “${slackEscape(q)}” · ${seeAll}`),
  ];
  for (const hit of result.hits) {
    const meta = [KIND_LABELS[hit.kind as EntryKind] ?? hit.kind, hit.team ? hit.team.name : "no team", hit.severity].filter(Boolean).join(" · ");
    const snippet = snippetToMrkdwn(hit.snippet);
    blocks.push(
      section(
        [`*${link(`${publicUrl}${entryPath(hit.slug)}`, hit.title)}*`, `_${slackEscape(meta)}_`, ...(snippet ? [clip(snippet, 500)] : [])].join("\n"),
      ),
    );
  }
  blocks.push(context(`${result.weakMatch ? "Solved it?" : "Didn't find it?"} ${link(publishUrl(publicUrl, q), "Publish what you learn")}`));
  const fallback = result.hits.map((h) => `${h.title}: ${publicUrl}${entryPath(h.slug)}`).join("\n");
  return ephemeral(`Hindsight results for ${q}:\n${fallback}`, blocks);
}

function savedMessage(publicUrl: string, saved: SaveOutcome): SlackMessage {
  if (saved.outcome === "hidden") {
    return ephemeral("This message is already saved in Hindsight, as a draft you cannot see yet. Ask its owner to publish it.");
  }
  const url = `${publicUrl}${entryPath(saved.entry.slug)}`;
  const entry = link(url, saved.entry.title);
  const lead =
    saved.outcome === "created"
      ? `Saved to Hindsight as a draft transcript: ${entry}.`
      : saved.outcome === "updated"
        ? `Already in Hindsight; updated the draft with the edited message: ${entry}.`
        : `Already in Hindsight: ${entry}.`;
  const redacted = saved.redactions ? ` ${saved.redactions} secret${saved.redactions === 1 ? " was" : "s were"} redacted.` : "";
  return ephemeral(`${lead.replace(entry, url)}`, [
    section(`${lead}${redacted}`),
    context("Add what was learned and publish it from the portal, so everyone can find it."),
  ]);
}

function unmappedMessage(publicUrl: string): SlackMessage {
  return ephemeral("Saving needs your Slack account linked to Hindsight. Run /hindsight link, then open the link while signed in to Hindsight.", [
    section("Saving needs your Slack account linked to your Hindsight account. Run `/hindsight link`, then open the link it gives you while signed in to Hindsight."),
    context(link(publicUrl, "Open Hindsight")),
  ]);
}

/** A Slack member in a workspace, when both ids look like Slack's (anything else is treated as unlinked). */
export function slackIdentity(teamId: string | null | undefined, userId: string | null | undefined): ChatIdentity | null {
  const id = /^[A-Z0-9]{2,32}$/;
  if (!teamId || !userId || !id.test(teamId) || !id.test(userId)) return null;
  return { platform: "slack", workspaceId: teamId, externalUserId: userId };
}

// ---------------------------------------------------------------------------------------------
// Payloads

const ZShortcut = z.object({
  type: z.string(),
  callback_id: z.string().optional(),
  team: z.object({ id: z.string().optional(), domain: z.string().optional() }).nullish(),
  user: z.object({ id: z.string().min(1), team_id: z.string().optional() }),
  channel: z.object({ id: z.string().min(1).max(64), name: z.string().max(200).optional() }).nullish(),
  message: z.record(z.string(), z.unknown()).nullish(),
  response_url: z.string().optional(),
});

/** Only Slack's own hooks get replies: a payload cannot make this server post anywhere else. */
function isSlackResponseUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === "https:" && u.hostname === "hooks.slack.com";
  } catch {
    return false;
  }
}

const postToSlack: SlackResponder = async (responseUrl, message) => {
  const res = await fetch(responseUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(message),
    signal: AbortSignal.timeout(5_000),
  });
  if (!res.ok) throw new Error(`Slack answered ${res.status} to the reply`);
};

/** A link back to the message in Slack, when the workspace's domain is known. */
function permalinkOf(domain: string | undefined, channel: string, ts: string, threadTs: string | undefined): string | null {
  if (!domain || !/^[a-z0-9-]{1,63}$/.test(domain) || !/^[A-Z0-9]{1,32}$/.test(channel) || !/^\d+\.\d+$/.test(ts)) return null;
  const thread = threadTs && threadTs !== ts && /^\d+\.\d+$/.test(threadTs) ? `?thread_ts=${threadTs}&cid=${channel}` : "";
  return `https://${domain}.slack.com/archives/${channel}/p${ts.replace(".", "")}${thread}`;
}

/**
 * An error fit for the log. Never the body (what someone typed or said in Slack), and not the bound
 * parameters a failed database query quotes in its message (search words, message text).
 */
function withoutParams(err: unknown): Record<string, unknown> {
  const e = err as { name?: string; message?: string; code?: unknown; stack?: string; cause?: { name?: string; code?: unknown; message?: string } };
  const clean = (m: string | undefined) => (m ?? "").split(/\nparams:/)[0];
  return {
    type: e.name,
    message: clean(e.message),
    ...(e.code !== undefined ? { code: e.code } : {}),
    stack: (e.stack ?? "").split("\n").filter((l) => /^\s+at /.test(l)).join("\n"),
    ...(e.cause ? { cause: { type: e.cause.name, code: e.cause.code, message: clean(e.cause.message) } } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Link unfurling (Events API `link_shared`)

const ZEventEnvelope = z.object({
  type: z.string(),
  challenge: z.string().max(500).optional(),
  team_id: z.string().optional(),
  event: z
    .object({
      type: z.string(),
      user: z.string().optional(),
      channel: z.string().max(64).optional(),
      message_ts: z.string().max(64).optional(),
      unfurl_id: z.string().max(500).optional(),
      source: z.string().max(64).optional(),
      links: z.array(z.object({ url: z.string().max(3000), domain: z.string().optional() })).max(20).optional(),
    })
    .optional(),
});

/** Posts `chat.unfurl` to Slack's Web API (a stand-in in tests). The token goes in a header, never a log. */
export type SlackUnfurler = (body: Record<string, unknown>) => Promise<void>;

function slackWebApi(apiUrl: string, botToken: string): SlackUnfurler {
  return async (body) => {
    const res = await fetch(`${apiUrl}/chat.unfurl`, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", authorization: `Bearer ${botToken}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(2_500),
    });
    const answer = (await res.json().catch(() => ({}))) as { ok?: boolean; error?: string };
    if (!res.ok || answer.ok !== true) throw new Error(`Slack answered ${res.status} ${answer.error ?? ""}`.trim());
  };
}

/** The unfurl of one entry: its title linked, its kind and team, and its summary. */
function entryUnfurl(url: string, entry: { title: string; kind: string; summary: string }, teamName: string | null): Record<string, unknown> {
  const meta = [KIND_LABELS[entry.kind as EntryKind] ?? entry.kind, teamName ?? "no team"].join(" · ");
  const summary = entry.summary.trim() ? `\n${slackEscape(clip(entry.summary.trim(), 600))}` : "";
  return {
    blocks: [section(`*${link(url, entry.title)}*${summary}`), context(`${slackEscape(meta)} · Hindsight`)],
  };
}

// ---------------------------------------------------------------------------------------------
// Routes

export async function slackChatops(app: FastifyInstance, opts: ChatopsOptions): Promise<void> {
  const { deps, slack } = opts;
  const publicUrl = deps.config.publicUrl;
  const now = opts.now ?? (() => Math.floor(Date.now() / 1000));
  const respond = opts.respond ?? postToSlack;

  // The signature covers the exact bytes Slack sent, so every body stays a raw string here (this
  // plugin's scope only); it is parsed after verification.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string", bodyLimit: BODY_LIMIT }, (_req, body, done) => done(null, body));

  app.addHook("preHandler", async (req, reply) => {
    const raw = typeof req.body === "string" ? req.body : "";
    const problem = verifySlackRequest(
      slack.signingSecret,
      { timestamp: header(req, "x-slack-request-timestamp"), signature: header(req, "x-slack-signature") },
      raw,
      now(),
    );
    if (problem) {
      req.log.warn({ reason: problem }, "refused an unverified Slack request");
      return reply.status(401).type("text/plain; charset=utf-8").send(problem);
    }
    const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    // The Events API posts JSON; slash commands and shortcuts post forms.
    if (req.routeOptions.url?.endsWith("/events")) {
      if (type !== "application/json") return reply.status(415).type("text/plain; charset=utf-8").send("Slack sends events as application/json");
      return;
    }
    if (type !== "application/x-www-form-urlencoded") {
      return reply.status(415).type("text/plain; charset=utf-8").send("Slack sends application/x-www-form-urlencoded");
    }
  });

  // Slack shows a failed request as an opaque error; tell the person something useful instead.
  app.setErrorHandler((err, req, reply) => {
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500 && !(err instanceof DomainError)) {
      return reply.status(status).type("text/plain; charset=utf-8").send((err as Error).message);
    }
    if (err instanceof DomainError || err instanceof z.ZodError) {
      return reply.send(ephemeral(`Hindsight could not do that: ${err instanceof DomainError ? err.message : "the request was not understood"}.`));
    }
    req.log.error({ err: withoutParams(err) }, "Slack request failed");
    return reply.send(ephemeral("Something went wrong on Hindsight's side; please try again in a moment."));
  });

  const form = (req: FastifyRequest) => new URLSearchParams(typeof req.body === "string" ? req.body : "");

  // Documented, not validated here: Slack's form bodies are read after the signature check.
  const slackSchema = (summary: string, description: string) => ({
    tags: ["chatops"],
    summary,
    description: `${description} Slack signs each request (X-Slack-Signature, X-Slack-Request-Timestamp); anything unsigned, stale or replayed is answered 401 in plain text.`,
    consumes: ["application/x-www-form-urlencoded"],
    security: [{ [SLACK_SIGNATURE]: [] }],
  });

  app.post("/command", { bodyLimit: BODY_LIMIT, schema: slackSchema("The /hindsight slash command", "Form fields as Slack sends them (text, team_id, user_id, …); answers a Slack message.") }, async (req, reply: FastifyReply) => {
    const f = form(req);
    if (f.get("ssl_check") === "1") return reply.send();
    // Who is asking comes from the signed payload's ids alone, never `user_name` (the person's own choice).
    const identity = slackIdentity(f.get("team_id"), f.get("user_id"));
    const mapped = identity ? await identifyChatUser(deps, identity) : null;
    const text = (f.get("text") ?? "").trim();
    const [first = "", ...rest] = text.split(/\s+/);
    const sub = first.toLowerCase();
    if (sub === "help") return helpMessage(publicUrl, mapped?.handle ?? null);
    if ((sub === "link" || sub === "unlink") && rest.length === 0) {
      if (!identity) return ephemeral("Slack did not say which workspace and member this is, so the account cannot be linked.");
      if (sub === "unlink") return unlinkedMessage(await unlinkChatIdentity(deps.database.db, identity));
      return linkMessage(linkUrl(publicUrl, signLinkToken(slack.signingSecret, identity, now())), mapped?.handle ?? null);
    }
    const q = (sub === "search" ? rest.join(" ") : text).trim();
    if (!q) return noHitsMessage(publicUrl, "");
    const ctx = serviceContext(deps, mapped?.actor ?? ANONYMOUS_CHAT_READER);
    const result = await chatSearch(ctx, deps.engine, q, HITS);
    return result.hits.length === 0 ? noHitsMessage(publicUrl, q) : resultsMessage(publicUrl, q, result);
  });

  const unfurl = opts.unfurl ?? (slack.botToken ? slackWebApi(slack.apiUrl, slack.botToken) : null);

  /**
   * The Events API: the URL check Slack makes when the Request URL is saved, and `link_shared`.
   * Links to entries unfurl only for a Slack user linked to someone who may read the entry (the
   * unfurl shows in the channel, so it says no more than the link's sharer could already see);
   * anything else is acknowledged and left alone.
   */
  app.post("/events", { bodyLimit: BODY_LIMIT, schema: slackSchema("Slack Events API (URL verification, link_shared unfurls)", "Slack's JSON event envelope, signed like every Slack request.") }, async (req, reply) => {
    let json: unknown;
    try {
      json = JSON.parse(typeof req.body === "string" ? req.body : "");
    } catch {
      return reply.status(400).type("text/plain; charset=utf-8").send("Expected a JSON event");
    }
    const parsed = ZEventEnvelope.safeParse(json);
    if (!parsed.success) return reply.status(400).type("text/plain; charset=utf-8").send("Expected a Slack event envelope");
    const envelope = parsed.data;
    if (envelope.type === "url_verification") return reply.send({ challenge: envelope.challenge ?? "" });
    const event = envelope.event;
    if (envelope.type !== "event_callback" || event?.type !== "link_shared" || !unfurl) return reply.send({ ok: true });
    const identity = slackIdentity(envelope.team_id, event.user);
    const mapped = identity ? await identifyChatUser(deps, identity) : null;
    if (!mapped) return reply.send({ ok: true, unfurled: 0 });
    const ctx = serviceContext(deps, mapped.actor);
    const unfurls: Record<string, unknown> = {};
    for (const { url } of event.links ?? []) {
      const slug = entrySlugFromUrl(url, publicUrl);
      if (!slug || url in unfurls) continue;
      try {
        const entry = await getEntry(ctx, { slug });
        const [team] = entry.teamId ? await deps.database.db.select({ name: schema.teams.name }).from(schema.teams).where(eq(schema.teams.id, entry.teamId)) : [];
        unfurls[url] = entryUnfurl(url, entry, team?.name ?? null);
      } catch (err) {
        // Not found and not readable look the same: nothing is unfurled.
        if (!(err instanceof DomainError)) throw err;
      }
    }
    const count = Object.keys(unfurls).length;
    if (count === 0) return reply.send({ ok: true, unfurled: 0 });
    const target =
      event.unfurl_id && event.source ? { unfurl_id: event.unfurl_id, source: event.source } : { channel: event.channel, ts: event.message_ts };
    try {
      await unfurl({ ...target, unfurls });
    } catch (err) {
      req.log.warn({ err: (err as Error).message }, "could not unfurl links in Slack");
      return reply.send({ ok: true, unfurled: 0 });
    }
    return reply.send({ ok: true, unfurled: count });
  });

  app.post("/interactivity", { bodyLimit: BODY_LIMIT, schema: slackSchema("Slack shortcuts (Save to Hindsight)", "A form field `payload` holding Slack's JSON.") }, async (req, reply) => {
    /**
     * Slack ignores a shortcut's response body, so the reply also goes to its response_url (after the
     * commit, not awaited: Slack wants the acknowledgement within 3 seconds). The body carries it too,
     * for curl and tests.
     */
    const answer = (responseUrl: string | undefined, msg: SlackMessage): SlackMessage => {
      if (responseUrl && isSlackResponseUrl(responseUrl)) {
        respond(responseUrl, msg).catch((err: unknown) => req.log.warn({ err: (err as Error).message }, "could not reply to Slack"));
      }
      return msg;
    };
    const raw = form(req).get("payload");
    let json: unknown;
    try {
      json = JSON.parse(raw ?? "");
    } catch {
      return reply.status(400).type("text/plain; charset=utf-8").send("Expected a form field `payload` holding JSON");
    }
    const parsed = ZShortcut.safeParse(json);
    // Other interactions (buttons, modals) are acknowledged and left alone.
    if (!parsed.success || parsed.data.type !== "message_action") return reply.send();
    const p = parsed.data;
    if (p.callback_id !== SAVE_SHORTCUT_CALLBACK_ID) {
      return answer(p.response_url, ephemeral(`Hindsight has no shortcut "${p.callback_id ?? ""}"; use "Save to Hindsight".`));
    }
    const identity = slackIdentity(p.team?.id ?? p.user.team_id, p.user.id);
    const mapped = identity ? await identifyChatUser(deps, identity) : null;
    if (!mapped) return answer(p.response_url, unmappedMessage(publicUrl));
    const converted = p.channel && p.message ? slackMessage(p.message, slackDirectory([])) : { skipped: "no message" };
    if ("skipped" in converted || !p.channel || (!converted.message.text.trim() && !converted.message.files?.length)) {
      return answer(p.response_url, ephemeral("That message cannot be saved (it has no text Hindsight can keep)."));
    }
    const message = converted.message;
    const saved = await saveChatMessage(
      serviceContext(deps, mapped.actor),
      {
        channel: { id: p.channel.id, name: p.channel.name ?? null },
        message,
        permalink: permalinkOf(p.team?.domain, p.channel.id, message.ts, message.threadTs),
      },
      slack.saveVisibility,
    );
    req.log.info({ entryId: saved.outcome === "hidden" ? null : saved.entry.id, outcome: saved.outcome }, "saved a Slack message");
    return answer(p.response_url, savedMessage(publicUrl, saved));
  });
}
