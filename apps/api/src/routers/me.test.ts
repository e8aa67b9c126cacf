// "Me" over tRPC: personal API tokens are listed without their secret, work on the REST surface
// until revoked, and only their owner may revoke them. Chat accounts are linked by redeeming a
// signed link token, listed, moved by linking again, and unlinked by their owner only.
import { schema } from "@hindsight/db";
import { eq } from "@hindsight/db/orm";
import { databaseTargets } from "@hindsight/db/testing";
import { describe, expect } from "vitest";
import { signLinkToken } from "../services/chat-link-service.js";
import { rest, trpc, useHarness } from "../test/harness.js";

const targets = await databaseTargets();

interface TokenInfoWire {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

describe.each(targets)("me on $name", (target) => {
  const { h, run, note } = useHarness(target);

  run(`creates a token shown once, lists it without the secret, and revoking it stops REST calls${note}`, async () => {
    const cookie = h.people.author.cookie;
    const blank = await trpc(h.app, "me.createToken", { name: "   " }, { cookie });
    expect(blank.status).toBe(400);

    const created = await trpc<{ token: string; info: TokenInfoWire }>(h.app, "me.createToken", { name: "deploy bot" }, { cookie });
    expect(created.status).toBe(200);
    const { token, info } = created.data!;
    expect(token.startsWith(info.prefix)).toBe(true);

    const listed = await trpc<TokenInfoWire[]>(h.app, "me.tokens", undefined, { cookie });
    expect(listed.data!.map((t) => t.name)).toEqual(["deploy bot"]);
    expect(JSON.stringify(listed.data)).not.toContain(token);
    expect(listed.data![0]!.lastUsedAt).toBeNull();

    expect((await rest(h.app, "GET", "/api/v1/search?q=pool", undefined, token)).status).toBe(200);
    const used = await trpc<TokenInfoWire[]>(h.app, "me.tokens", undefined, { cookie });
    expect(used.data![0]!.lastUsedAt).not.toBeNull();

    // Someone else cannot revoke it (and is told it does not exist).
    const stranger = await trpc(h.app, "me.revokeToken", { id: info.id }, { cookie: h.people.other.cookie });
    expect(stranger.status).toBe(404);
    expect((await rest(h.app, "GET", "/api/v1/search?q=pool", undefined, token)).status).toBe(200);

    expect((await trpc(h.app, "me.revokeToken", { id: info.id }, { cookie })).status).toBe(200);
    expect((await rest(h.app, "GET", "/api/v1/search?q=pool", undefined, token)).status).toBe(401);
    const revokedTwice = await trpc(h.app, "me.revokeToken", { id: info.id }, { cookie });
    expect(revokedTwice.status).toBe(404);
    const after = await trpc<TokenInfoWire[]>(h.app, "me.tokens", undefined, { cookie });
    expect(after.data![0]!.revokedAt).not.toBeNull();
  });
});

interface ChatLinkWire {
  id: string;
  platform: "slack";
  workspaceId: string;
  externalUserId: string;
  createdAt: string;
}

describe.each(targets)("me: chat accounts on $name", (target) => {
  const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  const { h, run, note } = useHarness(target, { env: { SLACK_SIGNING_SECRET: SECRET } });
  const now = () => Math.floor(Date.now() / 1000);
  const links = async (cookie: string) => (await trpc<ChatLinkWire[]>(h.app, "me.chatLinks", undefined, { cookie }, "query")).data!;

  run(`links a Slack account with a signed token, lists it, moves it when someone else links it, and unlinks it${note}`, async () => {
    const author = h.people.author.cookie;
    const other = h.people.other.cookie;
    const identity = { platform: "slack" as const, workspaceId: "T0001", externalUserId: "U0AUTHOR" };
    const token = signLinkToken(SECRET, identity, now());
    expect(await links(author)).toEqual([]);

    type Preview = { workspaceId: string; externalUserId: string; expiresAt: string; linkedToMe: boolean };
    const preview = await trpc<Preview>(h.app, "me.chatLinkPreview", { token }, { cookie: author }, "query");
    expect(preview.status).toBe(200);
    expect(preview.data).toMatchObject({ platform: "slack", workspaceId: "T0001", externalUserId: "U0AUTHOR", linkedToMe: false });
    expect(new Date(preview.data!.expiresAt).getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);

    const linked = await trpc<{ link: ChatLinkWire; outcome: string }>(h.app, "me.linkChat", { token }, { cookie: author });
    expect(linked.status).toBe(200);
    expect(linked.data!.outcome).toBe("created");
    expect(linked.data!.link).toMatchObject({ platform: "slack", workspaceId: "T0001", externalUserId: "U0AUTHOR" });
    expect((await links(author)).map((l) => l.externalUserId)).toEqual(["U0AUTHOR"]);
    expect((await trpc<{ linkedToMe: boolean }>(h.app, "me.chatLinkPreview", { token }, { cookie: author }, "query")).data!.linkedToMe).toBe(true);
    // Redeeming the same token again changes nothing.
    expect((await trpc<{ outcome: string }>(h.app, "me.linkChat", { token }, { cookie: author })).data!.outcome).toBe("unchanged");

    // A Slack account links to one Hindsight user: linking it as someone else moves it, and says so in the audit log.
    const moved = await trpc<{ link: ChatLinkWire; outcome: string }>(h.app, "me.linkChat", { token }, { cookie: other });
    expect(moved.data!.outcome).toBe("moved");
    expect(await links(author)).toEqual([]);
    const [mine] = await links(other);
    expect(mine).toMatchObject({ externalUserId: "U0AUTHOR" });
    const rows = await h.db.database.db.select().from(schema.chatLinks).where(eq(schema.chatLinks.externalUserId, "U0AUTHOR"));
    expect(rows.map((r) => r.userId)).toEqual([h.people.other.id]);
    const audits = await h.db.database.db.select().from(schema.auditLog).where(eq(schema.auditLog.targetId, mine!.id));
    expect(audits.map((a) => a.action).sort()).toEqual(["chat_link.create", "chat_link.move"]);
    expect(audits.find((a) => a.action === "chat_link.move")!.detail).toMatchObject({ fromUserId: h.people.author.id, externalUserId: "U0AUTHOR" });

    // Only the owner may unlink (anyone else is told it does not exist).
    expect((await trpc(h.app, "me.unlinkChat", { id: mine!.id }, { cookie: author })).status).toBe(404);
    expect((await trpc(h.app, "me.unlinkChat", { id: "not-a-uuid" }, { cookie: other })).status).toBe(400);
    expect((await trpc(h.app, "me.unlinkChat", { id: mine!.id }, { cookie: other })).status).toBe(200);
    expect(await links(other)).toEqual([]);
    expect((await trpc(h.app, "me.unlinkChat", { id: mine!.id }, { cookie: other })).status).toBe(404);
  });

  run(`refuses expired and tampered tokens with a message naming the problem, and needs a session${note}`, async () => {
    const cookie = h.people.teammate.cookie;
    const identity = { platform: "slack" as const, workspaceId: "T0001", externalUserId: "U0MATE" };
    const expired = signLinkToken(SECRET, identity, now() - 15 * 60);
    for (const path of ["me.linkChat", "me.chatLinkPreview"]) {
      const res = await trpc(h.app, path, { token: expired }, { cookie }, path === "me.linkChat" ? "mutation" : "query");
      expect(res.status).toBe(400);
      expect(res.error!.data.fieldErrors!.token![0]).toMatch(/expired.*\/hindsight link/);
    }
    const good = signLinkToken(SECRET, identity, now());
    const tampered = `${Buffer.from(JSON.stringify({ p: "slack", w: "T0001", u: "U0BOSS", exp: now() + 600 })).toString("base64url")}.${good.split(".")[1]}`;
    const bad = await trpc(h.app, "me.linkChat", { token: tampered }, { cookie });
    expect(bad.status).toBe(400);
    expect(bad.error!.message).toMatch(/not valid/);
    expect((await trpc(h.app, "me.linkChat", { token: "" }, { cookie })).error!.data.fieldErrors).toEqual({ token: ["token is required"] });
    expect((await trpc(h.app, "me.linkChat", { token: good }, { bearer: h.teammateToken })).status).toBe(403);
    expect((await trpc(h.app, "me.chatLinks", undefined, {}, "query")).status).toBe(401);
    expect(await links(cookie)).toEqual([]);
  });
});
