// Chat integrations through the real server: admins manage them (secret shown once, rotated,
// disabled); Mattermost, Rocket.Chat, Teams and Hubot-style webhooks are verified the tool's way
// (token, Teams HMAC, Hindsight HMAC with timestamp), replays are refused, searches run as the linked
// user or an anonymous reader, and "save this thread" stores a redacted draft transcript. Both databases.
import { databaseTargets } from "@hindsight/db/testing";
import { schema } from "@hindsight/db";
import { eq } from "@hindsight/db/orm";
import { beforeAll, describe, expect, it } from "vitest";
import { corpusRunbooks, corpusSkipReason } from "../test/corpus.js";
import { ADMIN_TOKEN, rest, trpc, useHarness } from "../test/harness.js";
import { formatReply, hindsightSignature, mdEscape, teamsSignature, teamsText } from "./integrations.js";

const targets = await databaseTargets();

const PUBLIC_URL = "https://hindsight.example.com";
const SECRET_KEY = Buffer.alloc(32, 7).toString("base64");
const MATTERMOST_TOKEN = "mm-outgoing-token-8f742231b10e";
const TEAMS_TOKEN = Buffer.alloc(32, 9).toString("base64");
const DB_PASSWORD = "Tr0ub4dor-and-3";

const nowSeconds = () => Math.floor(Date.now() / 1000);

interface Created {
  integration: { id: string; kind: string; webhookUrl: string; enabled: boolean };
  secret: string;
}

describe("integration helpers", () => {
  it("strips Teams' mention and markup, and escapes markdown in titles", () => {
    expect(teamsText("<at>Hindsight</at> disk&nbsp;full &amp; <b>slow</b>")).toBe("disk full & slow");
    expect(mdEscape("[x](javascript:alert) *y* <b>")).toBe("\\[x\\](javascript:alert) \\*y\\* \\<b\\>");
  });

  it("formats results per tool", () => {
    const reply = {
      type: "results" as const,
      q: "disk",
      total: 1,
      estimate: false,
      seeAll: "https://h/?q=disk",
      hits: [{ title: "Disk full", url: "https://h/entries/disk-full", kind: "Fix", team: null, severity: null, snippet: "disk x", snippetMarkdown: "**disk** x" }],
      weak: false,
      publish: "https://h/entries/new/fix?title=disk",
    };
    expect(formatReply("mattermost", reply)).toMatchObject({ response_type: "comment", text: expect.stringContaining("[Disk full](https://h/entries/disk-full)") });
    expect(formatReply("teams", reply)).toMatchObject({ type: "message", text: expect.stringContaining("**disk** x") });
    expect(formatReply("rocketchat", reply)).toMatchObject({ attachments: [{ title: "Disk full", title_link: "https://h/entries/disk-full" }] });
    expect(formatReply("hubot", reply)).toMatchObject({ total: 1, weakMatch: false, results: [{ title: "Disk full", url: "https://h/entries/disk-full", snippet: "disk x" }] });
    expect(String(formatReply("mattermost", reply).text)).not.toMatch(/No clear answer|Publish/);
  });

  it("says when the results are only a weak match, and invites an answer, in every tool", () => {
    const reply = {
      type: "results" as const,
      q: "kafka partitions",
      total: 2,
      estimate: false,
      seeAll: "https://h/?q=kafka%20partitions",
      hits: [{ title: "Kafka lag", url: "https://h/entries/kafka-lag", kind: "Postmortem", team: null, severity: null, snippet: "kafka", snippetMarkdown: "**kafka**" }],
      weak: true,
      publish: "https://h/entries/new/fix?title=kafka%20partitions",
    };
    for (const kind of ["mattermost", "teams", "rocketchat", "hubot"] as const) {
      const text = String(formatReply(kind, reply).text);
      expect(text, kind).toMatch(/^No clear answer in Hindsight for .kafka partitions. yet; these only share some of its words/);
      if (kind !== "rocketchat") expect(text, kind).toContain("https://h/entries/new/fix?title=kafka%20partitions");
    }
    expect(formatReply("hubot", reply)).toMatchObject({ weakMatch: true, total: 2 });
  });
});

describe.each(targets)("chat integrations on $name", (target) => {
  const { h, run, note, skip } = useHarness(target, {
    env: { HINDSIGHT_PUBLIC_URL: PUBLIC_URL, HINDSIGHT_SECRET_KEY: SECRET_KEY },
    skip: corpusSkipReason,
  });
  const slugs: Record<string, string> = {};
  let mattermost: Created;
  let hubot: Created;
  let teams: Created;
  let rocket: Created;

  const create = async (input: Record<string, unknown>) => {
    const res = await trpc<Created>(h.app, "integrations.create", input, { cookie: h.people.admin.cookie });
    expect(res.status, JSON.stringify(res.error)).toBe(200);
    return res.data!;
  };

  const post = (id: string, payload: string, headers: Record<string, string>) =>
    h.app.inject({ method: "POST", url: `/api/v1/integrations/${id}/webhook`, headers, payload });

  const mattermostBody = (text: string, o: { token?: string; postId?: string; userId?: string; timestamp?: number } = {}) =>
    new URLSearchParams({
      token: o.token ?? MATTERMOST_TOKEN,
      team_id: "tm1",
      team_domain: "acme",
      channel_id: "ch-incidents",
      channel_name: "incidents",
      timestamp: String(o.timestamp ?? Date.now()),
      user_id: o.userId ?? "mm-user-anon",
      user_name: "someone",
      post_id: o.postId ?? `post-${Math.random().toString(36).slice(2)}`,
      text,
      trigger_word: "hindsight",
    }).toString();

  const hubotSigned = (body: string, o: { secret?: string; timestamp?: number; requestId?: string } = {}) => {
    const ts = String(o.timestamp ?? nowSeconds());
    return {
      "content-type": "application/json",
      "x-hindsight-timestamp": ts,
      "x-hindsight-signature": hindsightSignature(o.secret ?? hubot.secret, ts, body),
      ...(o.requestId ? { "x-hindsight-request-id": o.requestId } : {}),
    };
  };

  beforeAll(async () => {
    if (skip) return;
    const runbooks = corpusRunbooks().filter((f, i) => i < 20 || f.path.includes("KubeStateMetricsShardingMismatch"));
    const imported = await rest(h.app, "POST", "/api/v1/import/markdown", {
      documents: runbooks.map((f) => ({ markdown: f.markdown, kind: "runbook", filename: f.path, externalKey: `runbook/${f.path}`, source: "corpus" })),
    });
    if (imported.status !== 200) throw new Error(JSON.stringify(imported.body).slice(0, 300));
    const entry = async (key: string, body: Record<string, unknown>, bearer: string) => {
      const res = await rest(h.app, "POST", "/api/v1/entries", { kind: "fix", externalKey: key, ...body }, bearer);
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      slugs[key] = res.body.slug as string;
    };
    await entry("org", { title: "Quokkamesh sidecar crash loop: raise the memory limit", body: "The quokkamesh sidecar OOMs." }, h.teammateToken);
    await entry("team", { title: "Alpha-only quokkamesh notes", body: "Team alpha quokkamesh internals.", team: "alpha", visibility: "team" }, h.teammateToken);
    await entry("restricted", { title: "Restricted quokkamesh contract", body: "Quokkamesh terms.", visibility: "restricted" }, ADMIN_TOKEN);
    mattermost = await create({ kind: "mattermost", name: "Mattermost #incidents", secret: MATTERMOST_TOKEN, teamId: h.teams.alpha });
    hubot = await create({ kind: "hubot", name: "ops hubot" });
    teams = await create({ kind: "teams", name: "Teams SRE", secret: TEAMS_TOKEN });
    rocket = await create({ kind: "rocketchat", name: "Rocket.Chat" });
  }, 180_000);

  run(`answers a Mattermost outgoing webhook with corpus results, as an anonymous reader${note}`, async () => {
    expect(mattermost.secret).toBe(MATTERMOST_TOKEN);
    expect(mattermost.integration.webhookUrl).toBe(`${PUBLIC_URL}/api/v1/integrations/${mattermost.integration.id}/webhook`);
    const res = await post(mattermost.integration.id, mattermostBody("hindsight kube state metrics sharding mismatch"), {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(res.statusCode, res.body).toBe(200);
    const json = res.json() as { text: string; response_type: string };
    expect(json.response_type).toBe("comment");
    expect(json.text).toMatch(/^- \[Kube State Metrics Sharding Mismatch\]\(https:\/\/hindsight\.example\.com\/entries\/[a-z0-9-]+\) · _Runbook/m);
    expect(json.text).toMatch(/\*\*sharding\*\*/i);

    const q = await post(mattermost.integration.id, mattermostBody("hindsight quokkamesh"), { "content-type": "application/x-www-form-urlencoded" });
    expect(q.body).toContain(slugs.org);
    expect(q.body).not.toContain(slugs.team);
    expect(q.body).not.toContain(slugs.restricted);
    expect(q.body).toContain("1 result for");
  });

  run(`refuses a wrong Mattermost token, a stale timestamp and a replayed post${note}`, async () => {
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const wrong = await post(mattermost.integration.id, mattermostBody("hindsight quokkamesh", { token: "not-the-token-at-all" }), form);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).not.toContain("Quokkamesh");
    const stale = await post(mattermost.integration.id, mattermostBody("hindsight quokkamesh", { timestamp: Date.now() - 10 * 60_000 }), form);
    expect(stale.statusCode).toBe(401);
    const body = mattermostBody("hindsight quokkamesh", { postId: "post-replayed" });
    expect((await post(mattermost.integration.id, body, form)).statusCode).toBe(200);
    const again = await post(mattermost.integration.id, body, form);
    expect(again.statusCode).toBe(409);
    expect(again.body).not.toContain("Quokkamesh");
    // Another integration's id with this token, an unknown id and a malformed one are all refused alike.
    expect((await post(hubot.integration.id, mattermostBody("hindsight quokkamesh"), form)).statusCode).toBe(401);
    expect((await post("00000000-0000-4000-8000-000000000000", body, form)).statusCode).toBe(401);
    expect((await post("not-a-uuid", body, form)).statusCode).toBe(401);
  });

  run(`answers a signed Hubot-style JSON webhook, and refuses bad signatures and replays${note}`, async () => {
    const body = JSON.stringify({ text: "/hindsight KubeStateMetricsShardingMismatch", user: { id: "hubot-anon", name: "ana" }, channel: "ops" });
    const ok = await post(hubot.integration.id, body, hubotSigned(body, { requestId: "req-1" }));
    expect(ok.statusCode, ok.body).toBe(200);
    const json = ok.json() as { text: string; results: { title: string; url: string; kind: string }[] };
    expect(json.results.length).toBeGreaterThan(0);
    expect(json.results[0]!.title).toBe("Kube State Metrics Sharding Mismatch");
    expect(json.results[0]!.url.startsWith(`${PUBLIC_URL}/entries/`)).toBe(true);
    expect(json.results[0]!.kind).toBe("Runbook");

    // The same request id again is a replay; so is the same signed request without one.
    expect((await post(hubot.integration.id, body, hubotSigned(body, { requestId: "req-1" }))).statusCode).toBe(409);
    const noId = hubotSigned(body, { timestamp: nowSeconds() - 1 });
    expect((await post(hubot.integration.id, body, noId)).statusCode).toBe(200);
    expect((await post(hubot.integration.id, body, noId)).statusCode).toBe(409);

    const cases: Record<string, string>[] = [
      hubotSigned(body, { secret: "hsw_another-secret-entirely" }),
      { ...hubotSigned(body), "x-hindsight-signature": `sha256=${"0".repeat(64)}` },
      hubotSigned(body, { timestamp: nowSeconds() - 6 * 60 }),
      { "content-type": "application/json" },
    ];
    for (const headers of cases) {
      const res = await post(hubot.integration.id, body, headers);
      expect(res.statusCode).toBe(401);
      expect(res.body).not.toMatch(/KubeStateMetrics/);
    }
    const tampered = await post(hubot.integration.id, body.replace("KubeStateMetrics", "quokkamesh"), hubotSigned(body));
    expect(tampered.statusCode).toBe(401);
    // The secret is stored sealed, not as written.
    const [row] = await h.db.database.db.select().from(schema.integrations).where(eq(schema.integrations.id, hubot.integration.id));
    expect(row!.secret).toMatch(/^aes256gcm:/);
    expect(row!.secret).not.toContain(hubot.secret);
    expect(row!.lastUsedAt).not.toBeNull();
  });

  run(`verifies Teams' HMAC and answers as a Teams message${note}`, async () => {
    const activity = {
      type: "message",
      id: "1485983408511",
      timestamp: new Date().toISOString(),
      text: "<at>Hindsight</at> quokkamesh",
      from: { id: "29:1abc", name: "Ana", aadObjectId: "aad-ana" },
      conversation: { id: "19:conv" },
      channelData: { channel: { id: "19:chan" } },
    };
    const body = JSON.stringify(activity);
    const ok = await post(teams.integration.id, body, { "content-type": "application/json", authorization: teamsSignature(TEAMS_TOKEN, body) });
    expect(ok.statusCode, ok.body).toBe(200);
    const json = ok.json() as { type: string; text: string };
    expect(json.type).toBe("message");
    expect(json.text).toContain(slugs.org);
    expect(json.text).not.toContain(slugs.team);
    const again = await post(teams.integration.id, body, { "content-type": "application/json", authorization: teamsSignature(TEAMS_TOKEN, body) });
    expect(again.statusCode).toBe(409);
    const other = JSON.stringify({ ...activity, id: "2" });
    const wrongKey = Buffer.alloc(32, 1).toString("base64");
    expect((await post(teams.integration.id, other, { "content-type": "application/json", authorization: teamsSignature(wrongKey, other) })).statusCode).toBe(401);
    expect((await post(teams.integration.id, other, { "content-type": "application/json" })).statusCode).toBe(401);
  });

  run(`answers Rocket.Chat with attachments, checking its token${note}`, async () => {
    const payload = (token: string, id: string) =>
      JSON.stringify({ token, message_id: id, timestamp: new Date().toISOString(), channel_id: "GENERAL", user_id: "rc-u1", user_name: "ana", text: "hindsight quokkamesh", trigger_word: "hindsight" });
    const ok = await post(rocket.integration.id, payload(rocket.secret, "rc-1"), { "content-type": "application/json" });
    expect(ok.statusCode, ok.body).toBe(200);
    const json = ok.json() as { text: string; attachments: { title: string; title_link: string }[] };
    expect(json.attachments).toHaveLength(1);
    expect(json.attachments[0]!.title_link).toBe(`${PUBLIC_URL}/entries/${slugs.org}`);
    expect((await post(rocket.integration.id, payload("wrong-token-000000", "rc-2"), { "content-type": "application/json" })).statusCode).toBe(401);
  });

  run(`searches as the linked Hindsight user when the chat user is linked${note}`, async () => {
    await h.db.database.db
      .insert(schema.chatLinks)
      .values({ platform: "hubot", workspaceId: hubot.integration.id, externalUserId: "hubot-mate", userId: h.people.teammate.id });
    const body = JSON.stringify({ text: "quokkamesh", user: { id: "hubot-mate", name: "mate" } });
    const res = await post(hubot.integration.id, body, hubotSigned(body, { requestId: "req-linked" }));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(slugs.org);
    expect(res.body).toContain(slugs.team);
    expect(res.body).not.toContain(slugs.restricted);
    // The same user id through another integration is nobody.
    const elsewhere = JSON.stringify({ token: rocket.secret, message_id: "rc-3", user_id: "hubot-mate", text: "quokkamesh" });
    const other = await post(rocket.integration.id, elsewhere, { "content-type": "application/json" });
    expect(other.body).not.toContain(slugs.team);
  });

  run(`saves a posted thread as a redacted draft transcript, once${note}`, async () => {
    const thread = {
      text: "/hindsight save this thread",
      user: { id: "hubot-anon", name: "ana" },
      channel: { id: "C-ops", name: "ops" },
      messages: [
        { user: "ana", text: "orders API is down, pool exhausted", ts: "1" },
        { user: "bo", text: `connect with postgres://app:${DB_PASSWORD}@db.internal:5432/orders and restart`, ts: "2" },
      ],
    };
    const body = JSON.stringify(thread);
    const res = await post(hubot.integration.id, body, hubotSigned(body, { requestId: "save-1" }));
    expect(res.statusCode, res.body).toBe(200);
    const json = res.json() as { text: string; entry: { id: string; slug: string; url: string; outcome: string; redactions: number } };
    expect(json.entry.outcome).toBe("created");
    expect(json.entry.redactions).toBe(1);
    expect(json.text).toMatch(/1 secret was redacted/);
    const [entry] = await h.db.database.db.select().from(schema.entries).where(eq(schema.entries.id, json.entry.id));
    expect(entry).toMatchObject({ kind: "transcript", status: "draft", source: "hubot", visibility: "restricted", authorId: h.people.admin.id });
    expect(JSON.stringify(entry)).not.toContain(DB_PASSWORD);
    const messages = (entry!.fields as { messages: { user: string; text: string }[] }).messages;
    expect(messages).toHaveLength(2);
    expect(messages[1]!.text).toContain("[REDACTED:password-in-url]");
    expect(json.entry.url).toBe(`${PUBLIC_URL}/entries/${entry!.slug}`);

    const again = await post(hubot.integration.id, body, hubotSigned(body, { requestId: "save-2" }));
    expect((again.json() as { entry: { id: string; outcome: string } }).entry).toMatchObject({ id: json.entry.id, outcome: "unchanged" });

    // Mattermost: the conversation pasted after the keyword, saved to the integration's team.
    const pasted = mattermostBody(`hindsight save this thread\n[10:01] ana: token ghp_${"a1B2".repeat(9)} leaked\n[10:02] bo: rotated it`);
    const mm = await post(mattermost.integration.id, pasted, { "content-type": "application/x-www-form-urlencoded" });
    expect(mm.statusCode, mm.body).toBe(200);
    expect((mm.json() as { text: string }).text).toMatch(/Saved to Hindsight as a draft transcript/);
    const [saved] = await h.db.database.db.select().from(schema.entries).where(eq(schema.entries.source, "mattermost"));
    expect(saved).toMatchObject({ teamId: h.teams.alpha, visibility: "team", status: "draft" });
    expect(JSON.stringify(saved!.fields)).not.toContain("a1B2a1B2");
    expect((saved!.fields as { messages: unknown[] }).messages).toHaveLength(2);
  });

  run(`lets only admins manage integrations, rotates and disables them, and audits it${note}`, async () => {
    for (const auth of [{ cookie: h.people.author.cookie }, { bearer: h.teammateToken }, {}]) {
      expect((await trpc(h.app, "integrations.list", undefined, auth, "query")).status).toBeOneOf([401, 403]);
      expect((await trpc(h.app, "integrations.create", { kind: "hubot", name: "x" }, auth)).status).toBeOneOf([401, 403]);
      expect((await trpc(h.app, "integrations.rotateSecret", { id: hubot.integration.id }, auth)).status).toBeOneOf([401, 403]);
      expect((await trpc(h.app, "integrations.setEnabled", { id: hubot.integration.id, enabled: false }, auth)).status).toBeOneOf([401, 403]);
    }
    const list = await trpc<{ id: string }[]>(h.app, "integrations.list", undefined, { cookie: h.people.admin.cookie }, "query");
    expect(list.data!.map((i) => i.id)).toContain(hubot.integration.id);
    expect(JSON.stringify(list.data)).not.toContain(hubot.secret);
    expect(JSON.stringify(list.data)).not.toContain("aes256gcm");

    const missingTeamsToken = await trpc(h.app, "integrations.create", { kind: "teams", name: "t" }, { cookie: h.people.admin.cookie });
    expect(missingTeamsToken.status).toBe(400);
    expect(missingTeamsToken.error!.data.fieldErrors).toHaveProperty("secret");

    const rotated = await trpc<Created>(h.app, "integrations.rotateSecret", { id: hubot.integration.id }, { cookie: h.people.admin.cookie });
    expect(rotated.status).toBe(200);
    expect(rotated.data!.secret).not.toBe(hubot.secret);
    const body = JSON.stringify({ text: "quokkamesh" });
    expect((await post(hubot.integration.id, body, hubotSigned(body))).statusCode).toBe(401);
    const fresh = { ...hubotSigned(body, { secret: rotated.data!.secret }) };
    expect((await post(hubot.integration.id, body, fresh)).statusCode).toBe(200);

    const off = await trpc<{ enabled: boolean }>(h.app, "integrations.setEnabled", { id: hubot.integration.id, enabled: false }, { cookie: h.people.admin.cookie });
    expect(off.data!.enabled).toBe(false);
    const body2 = JSON.stringify({ text: "quokkamesh again" });
    expect((await post(hubot.integration.id, body2, hubotSigned(body2, { secret: rotated.data!.secret }))).statusCode).toBe(401);
    await trpc(h.app, "integrations.setEnabled", { id: hubot.integration.id, enabled: true }, { cookie: h.people.admin.cookie });
    hubot = { ...hubot, secret: rotated.data!.secret };

    const audits = await h.db.database.db.select().from(schema.auditLog).where(eq(schema.auditLog.targetId, hubot.integration.id));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(["integration.create", "integration.rotate_secret", "integration.disable", "integration.enable"]));
    expect(JSON.stringify(audits)).not.toContain(rotated.data!.secret);
  });
});

describe.each(targets)("chat integrations without HINDSIGHT_SECRET_KEY on $name", (target) => {
  const { h, run, note } = useHarness(target);
  run(`refuses to create an HMAC integration, naming the variable, but allows token ones${note}`, async () => {
    const res = await trpc(h.app, "integrations.create", { kind: "hubot", name: "bot" }, { cookie: h.people.admin.cookie });
    expect(res.status).toBe(400);
    expect(res.error!.message).toMatch(/HINDSIGHT_SECRET_KEY/);
    const mm = await trpc(h.app, "integrations.create", { kind: "rocketchat", name: "rc" }, { cookie: h.people.admin.cookie });
    expect(mm.status).toBe(200);
  });
});
