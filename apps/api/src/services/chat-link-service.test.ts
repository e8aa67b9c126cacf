// Link tokens: signed by the server, good for 15 minutes, and refused when tampered with, expired or
// signed under another key. Pure functions; no database.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { LINK_TOKEN_TTL_SECONDS, redeemableIdentity, signLinkToken, verifyLinkToken, type SlackIdentity } from "./chat-link-service.js";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const NOW = 1_700_000_000;
const ME: SlackIdentity = { platform: "slack", workspaceId: "T0001", externalUserId: "U0MATE" };

const good = signLinkToken(SECRET, ME, NOW);
const [payload, signature] = good.split(".") as [string, string];
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
/** A correctly signed token around any payload, as only the key holder could make one. */
const signedAs = (p: string, secret = SECRET) =>
  `${p}.${createHmac("sha256", createHmac("sha256", secret).update("hindsight-link").digest()).update(p).digest("base64url")}`;
const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === "A" ? "B" : "A") + s.slice(i + 1);

describe("link tokens", () => {
  it.each<[string, string, number, ReturnType<typeof verifyLinkToken>]>([
    ["good", good, NOW, { ok: true, identity: ME, expiresAt: NOW + LINK_TOKEN_TTL_SECONDS }],
    ["good, a second before expiry", good, NOW + LINK_TOKEN_TTL_SECONDS - 1, { ok: true, identity: ME, expiresAt: NOW + LINK_TOKEN_TTL_SECONDS }],
    ["good with surrounding whitespace", ` ${good}\n`, NOW, { ok: true, identity: ME, expiresAt: NOW + LINK_TOKEN_TTL_SECONDS }],
    ["expired at 15 minutes", good, NOW + LINK_TOKEN_TTL_SECONDS, { ok: false, reason: "expired" }],
    ["expired long ago", good, NOW + 86_400, { ok: false, reason: "expired" }],
    ["payload tampered (another user)", `${b64({ p: "slack", w: "T0001", u: "U0BOSS", exp: NOW + 900 })}.${signature}`, NOW, { ok: false, reason: "invalid" }],
    ["payload tampered (later expiry)", `${b64({ p: "slack", w: "T0001", u: "U0MATE", exp: NOW + 99_999 })}.${signature}`, NOW + 901, { ok: false, reason: "invalid" }],
    ["payload bit flipped", `${flip(payload, 5)}.${signature}`, NOW, { ok: false, reason: "invalid" }],
    ["signature bit flipped", `${payload}.${flip(signature, 3)}`, NOW, { ok: false, reason: "invalid" }],
    ["signature truncated", `${payload}.${signature.slice(0, 20)}`, NOW, { ok: false, reason: "invalid" }],
    ["no signature", payload, NOW, { ok: false, reason: "invalid" }],
    ["extra part", `${good}.x`, NOW, { ok: false, reason: "invalid" }],
    ["empty", "", NOW, { ok: false, reason: "invalid" }],
    ["wrong key", signLinkToken("another-secret-entirely-0000", ME, NOW), NOW, { ok: false, reason: "invalid" }],
    // An expired token under the wrong key says "invalid": only genuine tokens get to be "expired".
    ["wrong key and expired", signLinkToken("another-secret-entirely-0000", ME, NOW), NOW + 3600, { ok: false, reason: "invalid" }],
    // A Slack request signature uses the raw secret; a link token's key is derived, so one cannot pass as the other.
    ["signed with the raw secret", `${payload}.${createHmac("sha256", SECRET).update(payload).digest("base64url")}`, NOW, { ok: false, reason: "invalid" }],
    ["signed, but not JSON", signedAs(Buffer.from("not json").toString("base64url")), NOW, { ok: false, reason: "invalid" }],
    ["signed, but another platform", signedAs(b64({ p: "teams", w: "T0001", u: "U0MATE", exp: NOW + 900 })), NOW, { ok: false, reason: "invalid" }],
    ["signed, but a bad member id", signedAs(b64({ p: "slack", w: "T0001", u: "<@U1>", exp: NOW + 900 })), NOW, { ok: false, reason: "invalid" }],
  ])("%s", (_name, token, now, expected) => {
    expect(verifyLinkToken(SECRET, token, now)).toEqual(expected);
  });

  it("is URL-safe and carries no secret", () => {
    expect(good).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(payload, "base64url").toString()).not.toContain(SECRET);
  });

  it.each([
    ["expired", good, NOW + LINK_TOKEN_TTL_SECONDS, SECRET, /has expired/],
    ["tampered", `${flip(payload, 5)}.${signature}`, NOW, SECRET, /not valid/],
    ["Slack not set up", good, NOW, null, /Slack is not set up/],
  ])("explains a refused token to the person: %s", (_name, token, now, secret, message) => {
    expect(() => redeemableIdentity(secret, token, now)).toThrow(message);
    try {
      redeemableIdentity(secret, token, now);
    } catch (err) {
      expect((err as { fieldErrors: Record<string, string[]> }).fieldErrors.token?.[0]).toMatch(message);
    }
  });
});
