// Single sign-on in Chromium against a real OpenID provider started in this test (oidc-provider via
// @hindsight/test-idp): the authorization code flow with PKCE from the sign-in page's button, a
// provider group mapped to a team giving that team's rights, sign-out at Hindsight and at the provider
// (RP-initiated logout), and a callback this browser did not start (bad state) refused with a message.
// The shared e2e server runs in demo mode without SSO, so this file starts its own: the same built
// product outside demo mode, with local accounts off.
import { startTestIdp, type TestIdp } from "@hindsight/test-idp";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { publishEntry } from "./support/api.js";
import { expectNoSeriousA11yViolations } from "./support/axe.js";
import { settle } from "./support/pages.js";
import { recordSecret } from "./support/record-secret.js";
import { freePort, startServer, type RunningServer } from "./support/server.js";
import { useE2E } from "./support/suite.js";

describe("single sign-on with OpenID Connect", () => {
  const e2e = useE2E();
  let idp: TestIdp | undefined;
  let server: RunningServer | undefined;
  let base = "";

  beforeAll(async () => {
    if (!e2e.baseUrl) return;
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    idp = await startTestIdp({
      redirectUris: [`${base}/auth/oidc/callback`],
      postLogoutRedirectUris: [`${base}/sign-in`],
      accounts: {
        grace: { email: "grace@example.com", name: "Grace Hopper", groups: ["eng-payments"] },
        linus: { email: "linus@example.com", name: "Linus Torvalds", groups: ["everyone"] },
      },
    });
    recordSecret("OIDC client secret", idp.clientSecret);
    server = await startServer({
      logDir: inject("e2eRunDir"),
      name: "sso",
      seed: false,
      demo: false,
      port,
      env: {
        HINDSIGHT_PUBLIC_URL: base,
        HINDSIGHT_LOCAL_LOGIN: "false",
        HINDSIGHT_OIDC_ISSUER: idp.issuer,
        HINDSIGHT_OIDC_CLIENT_ID: idp.clientId,
        HINDSIGHT_OIDC_CLIENT_SECRET: idp.clientSecret,
        HINDSIGHT_OIDC_GROUP_MAP: "eng-payments=team:payments:maintainer",
        HINDSIGHT_OIDC_NAME: "Test IdP",
      },
    });
  }, 120_000);

  afterAll(async () => {
    if (server) recordSecret("admin token (sso server)", server.adminToken);
    await server?.stop();
    await idp?.stop();
  });

  /** From Hindsight's sign-in page through the provider's login page and back. */
  const signInWithSso = async (username: string, next = "/") => {
    const { page } = e2e;
    await page.goto(`${base}/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByRole("button", { name: "Sign in with Test IdP" }).or(page.getByRole("link", { name: "Sign in with Test IdP" })).click();
    await page.waitForURL((url) => url.origin === idp!.issuer);
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/interaction\//);
    await page.getByLabel("Username").fill(username);
    await page.getByRole("button", { name: "Sign in" }).click();
  };

  it("signs in from the sign-in page, with the mapped team's rights, and signs out at the provider too", async () => {
    const { page } = e2e;
    // No demo picker, no password form: local accounts are off here.
    await page.goto(`${base}/sign-in`);
    await expect.poll(() => page.getByRole("link", { name: "Sign in with Test IdP" }).count()).toBe(1);
    expect(await page.getByText("Choose your account").count()).toBe(0);
    expect(await page.getByLabel(/^Password/).count()).toBe(0);
    expect(await page.getByText("Demo", { exact: true }).count()).toBe(0);
    await expectNoSeriousA11yViolations(page, "the sign-in page with single sign-on only");

    await signInWithSso("grace", "/teams");
    await page.waitForURL(`${base}/teams`);
    await settle(page);
    await expect.poll(() => page.getByRole("button", { name: /Grace Hopper/ }).count()).toBe(1);

    // The provider's group made Grace a maintainer of payments: the team's restricted entry is hers to read.
    const entry = await publishEntry(base, server!.adminToken, {
      kind: "fix",
      title: "Payments-only fix: rotate the ledger signing key",
      body: "Rotate the key with the vault CLI, then restart the ledger.",
      team: "payments",
      fields: {},
      visibility: "team",
    });
    await page.goto(`${base}/entries/${entry.slug}`);
    await expect.poll(() => page.getByRole("heading", { name: entry.title }).count()).toBe(1);

    // Sign out: Hindsight's session ends, then the provider asks to end its own and sends the browser back.
    await page.getByRole("button", { name: /Grace Hopper/ }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.origin === idp!.issuer);
    await page.getByRole("button", { name: "Yes, sign me out" }).click();
    await page.waitForURL((url) => url.origin === base && url.pathname === "/sign-in");
    expect(idp!.signOuts).toBeGreaterThanOrEqual(1);
    await page.goto(`${base}/entries/${entry.slug}`);
    await page.waitForURL((url) => url.pathname === "/sign-in");

    // Someone whose groups map to no team does not get the team's rights.
    await signInWithSso("linus", `/entries/${entry.slug}`);
    await page.waitForURL(`${base}/entries/${entry.slug}`);
    // After the provider's redirects the page loads its code and asks the API: allow it the time the
    // other post-redirect waits get, not the one-second default.
    await expect.poll(() => page.getByRole("heading", { name: "Not found" }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.getByRole("heading", { name: entry.title }).count()).toBe(0);
  });

  it("refuses a callback that this browser did not start (bad state) and says so on the sign-in page", async () => {
    const { page, context } = e2e;
    await page.goto(`${base}/sign-in`);
    await page.getByRole("link", { name: "Sign in with Test IdP" }).click();
    await page.waitForURL((url) => url.origin === idp!.issuer);
    // The browser loses the state it started with (another tab, a forged link, an attacker's callback).
    await context.clearCookies({ name: "hs_oidc_state" });
    await page.getByLabel("Username").fill("grace");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.origin === base && url.pathname === "/sign-in");
    const alert = page.getByRole("alert").filter({ hasText: "Sign-in failed" });
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.innerText()).toMatch(/state mismatch/);
    await expectNoSeriousA11yViolations(page, "a refused single sign-on");
    // Still signed out.
    await page.goto(`${base}/teams`);
    await page.waitForURL((url) => url.pathname === "/sign-in");
  });
});
