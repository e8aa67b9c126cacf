// The test provider itself: it describes itself at the issuer it names, and it refuses an
// authorization request without PKCE, so a Hindsight sign-in that gets through it did use PKCE.
import { afterAll, describe, expect, it } from "vitest";
import { startTestIdp } from "./index.js";

const idp = await startTestIdp({ redirectUris: ["http://127.0.0.1:9/callback"], accounts: { ada: { email: "ada@example.com", name: "Ada", groups: ["g"] } } });
afterAll(() => idp.stop());

describe("the in-test OpenID provider", () => {
  it("publishes discovery for its own issuer, with S256 PKCE and an end-session endpoint", async () => {
    const res = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Record<string, unknown>;
    expect(doc.issuer).toBe(idp.issuer);
    expect(doc.code_challenge_methods_supported).toEqual(["S256"]);
    expect(doc.end_session_endpoint).toBe(`${idp.issuer}/session/end`);
    expect(doc.claims_supported).toContain("groups");
  });

  it("refuses an authorization request without a PKCE challenge", async () => {
    const url = new URL(`${idp.issuer}/auth`);
    url.search = new URLSearchParams({ client_id: idp.clientId, response_type: "code", scope: "openid", redirect_uri: "http://127.0.0.1:9/callback", state: "s", nonce: "n" }).toString();
    const res = await fetch(url, { redirect: "manual" });
    const location = new URL(res.headers.get("location")!);
    expect(location.searchParams.get("error")).toBe("invalid_request");
    expect(location.searchParams.get("error_description")).toMatch(/PKCE/);
  });
});
