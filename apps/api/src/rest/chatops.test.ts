// ChatOps for Slack: request signing, who a Slack user reads as (only a link made with
// `/hindsight link` and confirmed in the portal counts; a Slack name or member id that happens to
// match a handle does not), the Block Kit replies, and the "Save to Hindsight" shortcut (redacted,
// idempotent, refused for unlinked users). Both databases.
import { databaseTargets } from "@hindsight/db/testing";
import { schema } from "@hindsight/db";
import { eq } from "@hindsight/db/orm";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signLinkToken } from "../services/chat-link-service.js";
import { ADMIN_TOKEN, rest, trpc, useHarness, type Person } from "../test/harness.js";
import { resultsMessage, slackEscape, slackSignature, snippetToMrkdwn, verifySlackRequest, type SlackMessage } from "./chatops.js";
import type { SearchResponse } from "../services/search-service.js";

const targets = await databaseTargets();

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const PUBLIC_URL = "https://hindsight.example.com";
const COMMAND = "/api/v1/chatops/slack/command";
const INTERACTIVITY = "/api/v1/chatops/slack/interactivity";
const FORM = "application/x-www-form-urlencoded";
const DB_PASSWORD = "Tr0ub4dor-and-3";

const nowSeconds = () => Math.floor(Date.now() / 1000);

function signed(body: string, opts: { timestamp?: number; secret?: string } = {}) {
  const ts = String(opts.timestamp ?? nowSeconds());
  return {
    "content-type": FORM,
    "x-slack-request-timestamp": ts,
    "x-slack-signature": slackSignature(opts.secret ?? SECRET, ts, body),
  };
}

interface SlackUser {
  id: string;
  name: string;
  team?: string;
}

function commandBody(text: string, user: SlackUser = { id: "U0ANON01", name: "someone-new" }): string {
  return new URLSearchParams({
    token: "legacy-verification-token",
    team_id: user.team ?? "T0001",
    team_domain: "acme",
    channel_id: "C0INCIDENT",
    channel_name: "incidents",
    user_id: user.id,
    user_name: user.name,
    command: "/hindsight",
    text,
    response_url: "https://hooks.slack.com/commands/T0001/1/abc",
    trigger_id: "1.2.3",
  }).toString();
}

function shortcutBody(opts: { user: { id: string; username: string }; ts: string; text: string; callbackId?: string; responseUrl?: string }): string {
  const payload = {
    type: "message_action",
    callback_id: opts.callbackId ?? "save_to_hindsight",
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
    message_ts: opts.ts,
    response_url: opts.responseUrl ?? "https://hooks.slack.com/app/T0001/2/xyz",
    team: { id: "T0001", domain: "acme" },
    channel: { id: "C0INCIDENT", name: "incidents" },
    user: { id: opts.user.id, username: opts.user.username, team_id: "T0001" },
    message: {
      type: "message",
      user: "U0WRITER",
      user_profile: { real_name: "Dana Writer", display_name: "dana" },
      ts: opts.ts,
      thread_ts: "1700000000.000100",
      text: opts.text,
    },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

async function command(app: import("fastify").FastifyInstance, text: string, user?: SlackUser) {
  const body = commandBody(text, user);
  const res = await app.inject({ method: "POST", url: COMMAND, headers: signed(body), payload: body });
  return { status: res.statusCode, json: res.json() as SlackMessage, raw: res.body };
}

describe("Slack helpers", () => {
  it("says when search results are only a weak match, and invites an answer", () => {
    const hit = { id: "e1", kind: "fix", slug: "disk-full", title: "Disk full", snippet: "disk", teamId: null, team: null, status: "published", severity: null, sourceUrl: null, externalKey: null, updatedAt: new Date(0), score: 1, fingerprintMatch: false };
    const result = { hits: [hit], total: 1, totalIsEstimate: false, facets: {}, nextCursor: null, mode: "text", weakMatch: false, queryId: null } as unknown as SearchResponse;
    const clear = JSON.stringify(resultsMessage("https://h", "disk full", result).blocks);
    expect(clear).toContain("1 result for");
    expect(clear).not.toContain("No clear answer");
    const weak = JSON.stringify(resultsMessage("https://h", "disk quota", { ...result, weakMatch: true }).blocks);
    expect(weak).toContain("No clear answer in Hindsight for “disk quota” yet; these only share some of its words");
    expect(weak).toContain("Solved it? <https://h/new/fix?title=disk%20quota|Publish what you learn>");
    expect(weak).toContain("Disk full");
  });

  it("turns a search snippet into Slack mrkdwn: highlights bold, control characters escaped", () => {
    expect(snippetToMrkdwn("if a &lt; b &amp;&amp; <mark>replica</mark> lag &gt; 5s")).toBe("if a &lt; b &amp;&amp; *replica* lag &gt; 5s");
    expect(snippetToMrkdwn("&lt;mark&gt;not a highlight&lt;/mark&gt; <mark> spaced </mark>.")).toBe("&lt;mark&gt;not a highlight&lt;/mark&gt;  *spaced* .");
    expect(snippetToMrkdwn("say &quot;hi&quot; &#39;there&#39; <@U123> <!channel>")).toBe(`say "hi" 'there' &lt;@U123&gt; &lt;!channel&gt;`);
    expect(slackEscape("<!here> & <@U1>")).toBe("&lt;!here&gt; &amp; &lt;@U1&gt;");
  });

  it.each([
    ["valid", {}, null],
    ["missing signature", { signature: undefined }, /Missing/],
    ["missing timestamp", { timestamp: undefined }, /Missing/],
    ["non-numeric timestamp", { timestamp: "soon" }, /seconds/],
    ["stale timestamp", { timestamp: String(1_700_000_000 - 301) }, /5 minutes/],
    ["future timestamp", { timestamp: String(1_700_000_000 + 301) }, /5 minutes/],
    ["wrong signature", { signature: "v0=deadbeef" }, /does not match/],
  ])("verifies requests: %s", (_name, override, expected) => {
    const timestamp = "1700000000";
    const headers = { timestamp, signature: slackSignature(SECRET, timestamp, "a=b"), ...override };
    const problem = verifySlackRequest(SECRET, headers, "a=b", 1_700_000_000);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});

describe.each(targets)("ChatOps for Slack on $name", (target) => {
  const replies: { url: string; message: SlackMessage }[] = [];
  const { h, run, note, skip } = useHarness(target, {
    env: { SLACK_SIGNING_SECRET: SECRET, HINDSIGHT_PUBLIC_URL: `${PUBLIC_URL}/` },
    slackRespond: async (url, message) => void replies.push({ url, message }),
  });
  const slugs: Record<string, string> = {};

  /** `/hindsight link` in Slack: the portal URL it answers with, and the token in it. */
  const linkToken = async (user: SlackUser) => {
    const res = await command(h.app, "link", user);
    expect(res.json.response_type).toBe("ephemeral");
    const url = /https:\/\/\S+\/settings\/slack\?token=[A-Za-z0-9._%-]+[A-Za-z0-9_-]/.exec(res.json.text)?.[0];
    expect(url, res.json.text).toBeDefined();
    return { url: url!, token: new URL(url!).searchParams.get("token")! };
  };

  /** The real flow: `/hindsight link` in Slack, then the signed-in person redeems its token in the portal. */
  const linkSlack = async (user: SlackUser, person: Person) => {
    const { url, token } = await linkToken(user);
    const linked = await trpc<{ outcome: string }>(h.app, "me.linkChat", { token }, { cookie: person.cookie });
    expect(linked.status, JSON.stringify(linked.error)).toBe(200);
    return { url, token, outcome: linked.data!.outcome };
  };

  beforeAll(async () => {
    if (skip) return;
    const post = async (key: string, body: Record<string, unknown>, bearer: string) => {
      const res = await rest(h.app, "POST", "/api/v1/entries", { kind: "fix", externalKey: key, ...body }, bearer);
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      slugs[key] = res.body.slug as string;
    };
    // One word ("kelpforest") in four entries only some people may read.
    await post("org", { title: "Kelpforest cache stampede: add request coalescing", body: "When the kelpforest cache expires, use <locks> & jitter." }, h.teammateToken);
    await post("team", { title: "Alpha-only kelpforest failover notes", body: "Team alpha kelpforest internals.", team: "alpha", visibility: "team" }, h.teammateToken);
    await post("restricted", { title: "Restricted kelpforest vendor contract", body: "Kelpforest licence terms.", visibility: "restricted" }, ADMIN_TOKEN);
    await post("draft", { title: "Draft kelpforest musings", body: "Kelpforest draft.", status: "draft" }, h.teammateToken);
  }, 60_000);

  run(`answers a correctly signed command with ephemeral Block Kit results linked to the portal${note}`, async () => {
    const res = await command(h.app, "kelpforest");
    expect(res.status).toBe(200);
    expect(res.json.response_type).toBe("ephemeral");
    expect(Array.isArray(res.json.blocks)).toBe(true);
    const text = JSON.stringify(res.json.blocks);
    expect(text).toContain(`<${PUBLIC_URL}/entries/${slugs.org}|Kelpforest cache stampede: add request coalescing>`);
    expect(text).toContain("Fix");
    expect(text).toMatch(/\*Kelpforest\*|\*kelpforest\*/);
    // The body's markup arrives escaped for Slack, never as live control sequences.
    expect(res.raw).not.toContain("<locks>");
  });

  run(`refuses wrong signatures, missing headers and stale timestamps with 401${note}`, async () => {
    const body = commandBody("kelpforest");
    const cases: Record<string, string>[] = [
      { ...signed(body), "x-slack-signature": `v0=${"0".repeat(64)}` },
      signed(body, { secret: "another-secret-entirely-0000" }),
      { "content-type": FORM },
      { "content-type": FORM, "x-slack-signature": signed(body)["x-slack-signature"] },
      signed(body, { timestamp: nowSeconds() - 6 * 60 }),
    ];
    for (const headers of cases) {
      const res = await h.app.inject({ method: "POST", url: COMMAND, headers, payload: body });
      expect(res.statusCode).toBe(401);
      expect(res.headers["content-type"]).toMatch(/^text\/plain/);
      expect(res.body).not.toContain("Kelpforest");
    }
    // A body changed after signing fails too.
    const tampered = await h.app.inject({ method: "POST", url: COMMAND, headers: signed(body), payload: body.replace("kelpforest", "restricted") });
    expect(tampered.statusCode).toBe(401);
    const shortcut = await h.app.inject({ method: "POST", url: INTERACTIVITY, headers: { "content-type": FORM }, payload: "payload=%7B%7D" });
    expect(shortcut.statusCode).toBe(401);
  });

  run(`shows an unlinked Slack user only org-published entries${note}`, async () => {
    for (const user of [undefined, { id: "U0ADMIN", name: "hindsight-admin" }]) {
      const res = await command(h.app, "search kelpforest", user);
      expect(res.status).toBe(200);
      expect(res.raw).toContain(slugs.org);
      for (const hidden of ["team", "restricted", "draft"]) expect(res.raw).not.toContain(slugs[hidden]);
      expect(res.raw).not.toMatch(/Alpha-only|Restricted kelpforest|Draft kelpforest|licence/i);
      // The count cannot leak them either.
      expect(res.raw).toContain("1 result for");
    }
  });

  run(`links with /hindsight link, then shows the linked Slack user their team's entries, never with admin rights${note}`, async () => {
    const before = await command(h.app, "help", { id: "U0MATE", name: "teammate" });
    expect(JSON.stringify(before.json.blocks)).toMatch(/not linked.*Run `\/hindsight link`/);
    expect((await command(h.app, "kelpforest", { id: "U0MATE", name: "teammate" })).raw).not.toContain(slugs.team);

    const { url, outcome } = await linkSlack({ id: "U0MATE", name: "teammate" }, h.people.teammate);
    expect(url.startsWith(`${PUBLIC_URL}/settings/slack?token=`)).toBe(true);
    expect(outcome).toBe("created");
    await linkSlack({ id: "U0OTHER", name: "other" }, h.people.other);
    await linkSlack({ id: "U0ADM", name: "admin" }, h.people.admin);
    const help = await command(h.app, "help", { id: "U0MATE", name: "whatever-i-like" });
    expect(JSON.stringify(help.json.blocks)).toContain("linked to *@teammate*");

    const mate = await command(h.app, "kelpforest", { id: "U0MATE", name: "Teammate" });
    expect(mate.raw).toContain(slugs.org);
    expect(mate.raw).toContain(slugs.team);
    expect(mate.raw).not.toContain(slugs.restricted);
    expect(mate.raw).toContain(slugs.draft); // their own draft
    const other = await command(h.app, "kelpforest", { id: "U0OTHER", name: "other" });
    expect(other.raw).not.toContain(slugs.team);
    // A linked org admin reads as a member in Slack: ChatOps never acts with admin rights.
    const admin = await command(h.app, "kelpforest", { id: "U0ADM", name: "admin" });
    expect(admin.raw).toContain(slugs.org);
    expect(admin.raw).not.toContain(slugs.restricted);
    expect(admin.raw).not.toContain(slugs.team);
  });

  run(`ignores Slack names and member ids that match a handle: renaming yourself impersonates nobody${note}`, async () => {
    // Someone whose Hindsight handle equals a Slack member id (the old mapping's first choice).
    const db = h.db.database.db;
    const [victim] = await db.insert(schema.users).values({ handle: "u0victim", name: "Victim" }).returning();
    await db.insert(schema.teamMemberships).values({ teamId: h.teams.alpha, userId: victim!.id, role: "member" });
    const impostors: SlackUser[] = [
      { id: "U0EVIL", name: "teammate" }, // renamed in Slack to a colleague's handle
      { id: "U0EVIL", name: "Teammate" },
      { id: "U0VICTIM", name: "someone" }, // a member id that happens to equal a handle
      { id: "U0MATE", name: "teammate", team: "T0OTHERWS" }, // a linked member id, but in another workspace
    ];
    for (const user of impostors) {
      const res = await command(h.app, "kelpforest", user);
      expect(res.status).toBe(200);
      expect(res.raw).toContain(slugs.org);
      for (const hidden of ["team", "restricted", "draft"]) expect(res.raw).not.toContain(slugs[hidden]);
      expect(res.raw).toContain("1 result for");
      expect(JSON.stringify((await command(h.app, "help", user)).json.blocks)).toContain("not linked");
    }
    // Nor can the impostor save as the colleague.
    const body = shortcutBody({ user: { id: "U0EVIL", username: "teammate" }, ts: "1700000777.000100", text: "as teammate" });
    const save = await h.app.inject({ method: "POST", url: INTERACTIVITY, headers: signed(body), payload: body });
    expect(JSON.stringify(save.json())).toContain("/hindsight link");
    expect(await db.select().from(schema.entries).where(eq(schema.entries.externalKey, "message:C0INCIDENT/1700000777.000100"))).toHaveLength(0);
  });

  run(`refuses link tokens that are expired, tampered with, signed with another key, or redeemed without a session${note}`, async () => {
    const me = { platform: "slack" as const, workspaceId: "T0001", externalUserId: "U0LATE" };
    const cookie = h.people.author.cookie;
    const expired = signLinkToken(SECRET, me, nowSeconds() - 16 * 60);
    const res = await trpc(h.app, "me.linkChat", { token: expired }, { cookie });
    expect(res.status).toBe(400);
    expect(res.error!.message).toMatch(/expired/);
    expect(res.error!.data.fieldErrors).toEqual({ token: [expect.stringMatching(/expired/)] });

    const { token } = await linkToken({ id: "U0LATE", name: "late" });
    const [payload, signature] = token.split(".") as [string, string];
    const forged = Buffer.from(JSON.stringify({ p: "slack", w: "T0001", u: "U0MATE", exp: nowSeconds() + 600 })).toString("base64url");
    for (const bad of [`${forged}.${signature}`, `${payload}.${signature.slice(0, -2)}AA`, signLinkToken("another-secret-entirely-0000", me, nowSeconds()), "nonsense"]) {
      const r = await trpc(h.app, "me.linkChat", { token: bad }, { cookie });
      expect(r.status).toBe(400);
      expect(r.error!.message).toMatch(/not valid/);
    }
    // A bearer token (a bot, a script) cannot link: the portal session is the Hindsight half of the proof.
    expect((await trpc(h.app, "me.linkChat", { token }, { bearer: h.teammateToken })).status).toBe(403);
    expect((await trpc(h.app, "me.linkChat", { token }, { bearer: ADMIN_TOKEN })).status).toBe(403);
    expect((await trpc(h.app, "me.linkChat", { token })).status).toBe(401);
    // None of that linked anything.
    expect(JSON.stringify((await command(h.app, "help", { id: "U0LATE", name: "late" })).json.blocks)).toContain("not linked");
    const rows = await h.db.database.db.select().from(schema.chatLinks).where(eq(schema.chatLinks.externalUserId, "U0LATE"));
    expect(rows).toHaveLength(0);
    // The genuine token still works for the signed-in person.
    expect((await trpc(h.app, "me.linkChat", { token }, { cookie })).status).toBe(200);
    expect(JSON.stringify((await command(h.app, "help", { id: "U0LATE", name: "late" })).json.blocks)).toContain("linked to *@author*");
  });

  run(`unlinks with /hindsight unlink${note}`, async () => {
    const user = { id: "U0BRIEF", name: "brief" };
    await linkSlack(user, h.people.author);
    expect((await command(h.app, "kelpforest", user)).raw).toContain(slugs.team);
    const off = await command(h.app, "unlink", user);
    expect(off.json.response_type).toBe("ephemeral");
    expect(off.json.text).toContain("no longer linked to @author");
    const after = await command(h.app, "kelpforest", user);
    expect(after.raw).toContain(slugs.org);
    expect(after.raw).not.toContain(slugs.team);
    expect((await command(h.app, "unlink", user)).json.text).toMatch(/was not linked/);
    // Someone else's link is untouched.
    expect((await command(h.app, "kelpforest", { id: "U0MATE", name: "teammate" })).raw).toContain(slugs.team);
    const audit = await h.db.database.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "chat_link.delete"));
    expect(audit.some((a) => (a.detail as { externalUserId?: string }).externalUserId === "U0BRIEF")).toBe(true);
  });

  run(`answers help, an empty query and a zero-hit query${note}`, async () => {
    const help = await command(h.app, "help");
    expect(help.status).toBe(200);
    expect(JSON.stringify(help.json.blocks)).toContain("/hindsight search");
    const empty = await command(h.app, "   ");
    expect(JSON.stringify(empty.json.blocks)).toContain(`<${PUBLIC_URL}/new/fix|Publish what you learn>`);
    const none = await command(h.app, "search zanzibar <quokka> & wombat");
    expect(none.json.response_type).toBe("ephemeral");
    const blocks = JSON.stringify(none.json.blocks);
    expect(blocks).toContain("Nothing in Hindsight matches");
    expect(blocks).toContain("zanzibar &lt;quokka&gt; &amp; wombat");
    expect(blocks).toContain(`<${PUBLIC_URL}/new/fix?title=${encodeURIComponent("zanzibar <quokka> & wombat")}|Publish what you learn>`);
  });

  run(`saves a message as a redacted transcript draft once, owned by the linked user${note}`, async () => {
    replies.length = 0;
    const text = `Fixed it: the pool was exhausted.\nconnect with postgres://app:${DB_PASSWORD}@db.internal:5432/orders &amp; restart`;
    const body = shortcutBody({ user: { id: "U0MATE", username: "teammate" }, ts: "1700000123.000200", text });
    const first = await h.app.inject({ method: "POST", url: INTERACTIVITY, headers: signed(body), payload: body });
    expect(first.statusCode).toBe(200);
    const firstReply = first.json() as SlackMessage;
    expect(firstReply.response_type).toBe("ephemeral");
    expect(JSON.stringify(firstReply.blocks)).toMatch(/Saved to Hindsight as a draft transcript/);
    expect(JSON.stringify(firstReply.blocks)).toMatch(/1 secret was redacted/);

    const db = h.db.database.db;
    const rows = await db.select().from(schema.entries).where(eq(schema.entries.externalKey, "message:C0INCIDENT/1700000123.000200"));
    expect(rows).toHaveLength(1);
    const entry = rows[0]!;
    expect(entry.kind).toBe("transcript");
    expect(entry.status).toBe("draft");
    expect(entry.authorId).toBe(h.people.teammate.id);
    expect(entry.teamId).toBe(h.teams.alpha);
    expect(entry.visibility).toBe("team");
    expect(entry.sourceUrl).toBe("https://acme.slack.com/archives/C0INCIDENT/p1700000123000200?thread_ts=1700000000.000100&cid=C0INCIDENT");
    expect(JSON.stringify(entry)).not.toContain(DB_PASSWORD);
    const [message] = (entry.fields as { messages: { user: string; text: string; threadTs?: string }[] }).messages;
    expect(message).toMatchObject({ user: "Dana Writer", threadTs: "1700000000.000100" });
    expect(message!.text).toContain("[REDACTED:password-in-url]");
    expect(message!.text).toContain("& restart");
    expect(JSON.stringify(firstReply)).toContain(`${PUBLIC_URL}/entries/${entry.slug}`);
    // The reply also went to Slack's response_url.
    await new Promise((r) => setTimeout(r, 10));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.url).toBe("https://hooks.slack.com/app/T0001/2/xyz");

    const again = await h.app.inject({ method: "POST", url: INTERACTIVITY, headers: signed(body), payload: body });
    expect(again.statusCode).toBe(200);
    expect(JSON.stringify(again.json())).toContain(`Already in Hindsight`);
    expect(JSON.stringify(again.json())).toContain(`${PUBLIC_URL}/entries/${entry.slug}`);
    const after = await db.select().from(schema.entries).where(eq(schema.entries.externalKey, "message:C0INCIDENT/1700000123.000200"));
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(entry.id);
    expect(after[0]!.version).toBe(entry.version);
    const revisions = await db.select().from(schema.entryRevisions).where(eq(schema.entryRevisions.entryId, entry.id));
    expect(revisions).toHaveLength(1);
  });

  run(`follows an edited message without touching the owner's changes, and hides a draft from others${note}`, async () => {
    const ids: Record<string, string> = { teammate: "U0MATE", other: "U0OTHER" };
    const save = async (username: string, text: string) => {
      const body = shortcutBody({ user: { id: ids[username]!, username }, ts: "1700000555.000100", text });
      const res = await h.app.inject({ method: "POST", url: INTERACTIVITY, headers: signed(body), payload: body });
      expect(res.statusCode).toBe(200);
      return JSON.stringify(res.json());
    };
    const key = "message:C0INCIDENT/1700000555.000100";
    const db = h.db.database.db;
    expect(await save("teammate", "Rolled back the deploy")).toContain("Saved to Hindsight");
    const [created] = await db.select().from(schema.entries).where(eq(schema.entries.externalKey, key));
    expect(await save("teammate", "Rolled back the deploy, then drained the queue")).toContain("updated the draft");
    const [edited] = await db.select().from(schema.entries).where(eq(schema.entries.externalKey, key));
    expect(edited!.id).toBe(created!.id);
    expect(edited!.version).toBe(created!.version + 1);
    expect(edited!.title).toBe(created!.title);
    expect(JSON.stringify(edited!.fields)).toContain("drained the queue");
    // Someone outside team alpha cannot see the draft: told so, and nothing changes.
    expect(await save("other", "Rolled back the deploy, then drained the queue")).toContain("a draft you cannot see");
    const [still] = await db.select().from(schema.entries).where(eq(schema.entries.externalKey, key));
    expect(still!.version).toBe(edited!.version);
  });

  run(`refuses to save for an unlinked Slack user, and never replies outside hooks.slack.com${note}`, async () => {
    replies.length = 0;
    const body = shortcutBody({
      // Named like a linked colleague, which counts for nothing.
      user: { id: "U0STRANGER", username: "teammate" },
      ts: "1700000999.000300",
      text: "keep this",
      responseUrl: "https://attacker.example/collect",
    });
    const res = await h.app.inject({ method: "POST", url: INTERACTIVITY, headers: signed(body), payload: body });
    expect(res.statusCode).toBe(200);
    const reply = res.json() as SlackMessage;
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toMatch(/Saving needs your Slack account linked to Hindsight\. Run \/hindsight link/);
    const rows = await h.db.database.db.select().from(schema.entries).where(eq(schema.entries.externalKey, "message:C0INCIDENT/1700000999.000300"));
    expect(rows).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 10));
    expect(replies).toHaveLength(0);
  });
});

describe.each(targets)("ChatOps for Slack without a signing secret on $name", (target) => {
  const { h, run, note } = useHarness(target);

  run(`cannot redeem link tokens${note}`, async () => {
    const token = signLinkToken(SECRET, { platform: "slack", workspaceId: "T0001", externalUserId: "U0MATE" }, nowSeconds());
    const res = await trpc(h.app, "me.linkChat", { token }, { cookie: h.people.teammate.cookie });
    expect(res.status).toBe(400);
    expect(res.error!.message).toMatch(/Slack is not set up/);
  });

  run(`has no ChatOps routes${note}`, async () => {
    for (const url of [COMMAND, INTERACTIVITY]) {
      const body = commandBody("kelpforest");
      const res = await h.app.inject({ method: "POST", url, headers: signed(body), payload: body });
      expect(res.statusCode).toBe(404);
    }
  });
});

/** A stand-in for Slack's Web API on a local port: records each chat.unfurl call and its token. */
async function fakeSlackApi(): Promise<{ server: Server; url: string; calls: { path: string; auth: string | undefined; body: Record<string, any> }[] }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const calls: { path: string; auth: string | undefined; body: Record<string, any> }[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  const server = createServer((req, res) => {
    let data = "";
    req.on("data", (c: Buffer) => (data += c.toString("utf8")));
    req.on("end", () => {
      calls.push({ path: req.url ?? "", auth: req.headers.authorization, body: JSON.parse(data || "{}") });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, calls };
}

const BOT_TOKEN = "xoxb-1234567890-unfurl-test-token";
const fake = await fakeSlackApi();
afterAll(() => new Promise<void>((resolve) => fake.server.close(() => resolve())));

describe.each(targets)("Slack link unfurling on $name", (target) => {
  const { h, run, note, skip } = useHarness(target, {
    env: { SLACK_SIGNING_SECRET: SECRET, HINDSIGHT_PUBLIC_URL: PUBLIC_URL, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: fake.url },
  });
  const slugs: Record<string, string> = {};
  const events = (payload: unknown, headers?: Record<string, string>) => {
    const body = JSON.stringify(payload);
    return h.app.inject({ method: "POST", url: "/api/v1/chatops/slack/events", headers: headers ?? { ...signed(body), "content-type": "application/json" }, payload: body });
  };
  const linkShared = (user: string, urls: string[]) => ({
    type: "event_callback",
    team_id: "T0001",
    event: { type: "link_shared", user, channel: "C0INCIDENT", message_ts: "1700000999.000100", links: urls.map((url) => ({ url, domain: "hindsight.example.com" })) },
  });

  beforeAll(async () => {
    if (skip) return;
    const post = async (key: string, body: Record<string, unknown>, bearer: string) => {
      const res = await rest(h.app, "POST", "/api/v1/entries", { kind: "fix", externalKey: key, ...body }, bearer);
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      slugs[key] = res.body.slug as string;
    };
    await post("team", { title: "Alpha wombat failover", summary: "Fail over the wombat primary by hand.", body: "Steps.", team: "alpha", visibility: "team" }, h.teammateToken);
    await post("restricted", { title: "Restricted wombat contract", summary: "Vendor terms.", body: "Terms.", visibility: "restricted" }, ADMIN_TOKEN);
    await h.db.database.db.insert(schema.chatLinks).values({ platform: "slack", workspaceId: "T0001", externalUserId: "U0MATE", userId: h.people.teammate.id });
  });

  run(`answers Slack's URL verification challenge, signed only${note}`, async () => {
    const res = await events({ type: "url_verification", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", token: "x" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
    const unsigned = await events({ type: "url_verification", challenge: "abc" }, { "content-type": "application/json" });
    expect(unsigned.statusCode).toBe(401);
  });

  run(`unfurls an entry link for a linked reader allowed to read it, never a restricted one or for strangers${note}`, async () => {
    fake.calls.length = 0;
    const teamUrl = `${PUBLIC_URL}/entries/${slugs.team}`;
    const restrictedUrl = `${PUBLIC_URL}/entries/${slugs.restricted}`;
    const res = await events(linkShared("U0MATE", [teamUrl, restrictedUrl, "https://elsewhere.example.com/entries/x"]));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ unfurled: 1 });
    expect(fake.calls).toHaveLength(1);
    const call = fake.calls[0]!;
    expect(call.path).toBe("/api/chat.unfurl");
    expect(call.auth).toBe(`Bearer ${BOT_TOKEN}`);
    expect(call.body).toMatchObject({ channel: "C0INCIDENT", ts: "1700000999.000100" });
    expect(Object.keys(call.body.unfurls)).toEqual([teamUrl]);
    const shown = JSON.stringify(call.body.unfurls[teamUrl]);
    expect(shown).toContain("Alpha wombat failover");
    expect(shown).toContain("Fail over the wombat primary by hand.");
    expect(shown).toContain("Fix · Alpha");
    expect(JSON.stringify(call.body)).not.toMatch(/Restricted wombat|Vendor terms/);

    // Only the restricted link: nothing to unfurl, so Slack is not called.
    fake.calls.length = 0;
    expect((await events(linkShared("U0MATE", [restrictedUrl]))).json()).toMatchObject({ unfurled: 0 });
    // An unlinked Slack user, and someone linked who may not read it (other team), get nothing.
    expect((await events(linkShared("U0STRANGER", [teamUrl]))).json()).toMatchObject({ unfurled: 0 });
    await h.db.database.db.insert(schema.chatLinks).values({ platform: "slack", workspaceId: "T0001", externalUserId: "U0OTHER", userId: h.people.other.id });
    expect((await events(linkShared("U0OTHER", [teamUrl]))).json()).toMatchObject({ unfurled: 0 });
    expect(fake.calls).toHaveLength(0);
  });
});
