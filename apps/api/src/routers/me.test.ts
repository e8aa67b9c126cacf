// "Me" over tRPC: personal API tokens are listed without their secret, work on the REST surface
// until revoked, and only their owner may revoke them.
import { databaseTargets } from "@hindsight/db/testing";
import { describe, expect } from "vitest";
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
