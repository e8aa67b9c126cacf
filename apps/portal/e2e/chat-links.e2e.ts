// Linking a Slack account in the portal: `/hindsight link` (a correctly signed Slack request) answers
// with a portal link; the signed-in person opens it, confirms "Link account", the token leaves the URL,
// the account is listed and Slack now knows who they are; then they unlink it after confirming. A
// tampered link is refused with a message. Axe and screenshots in light, dark and 700px wide.
// ChatOps exists only with SLACK_SIGNING_SECRET, which the shared e2e server does not set, so this
// file starts its own server (the same built product) with a secret.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPerson, type Person } from "./support/api.js";
import { expectNoSeriousA11yViolations } from "./support/axe.js";
import { settle, useSession } from "./support/pages.js";
import { recordSecret } from "./support/record-secret.js";
import { screenshot } from "./support/screenshots.js";
import { startServer, type RunningServer } from "./support/server.js";
import { useE2E } from "./support/suite.js";

const SECRET = "e2e-slack-signing-secret-0123456789";
const SLACK_USER = { team: "T0E2E", id: "U0E2ESAM" };

describe("linking a Slack account", () => {
  const e2e = useE2E();
  let server: RunningServer | undefined;
  let person: Person;

  beforeAll(async () => {
    if (!e2e.baseUrl) return;
    const before = process.env.SLACK_SIGNING_SECRET;
    process.env.SLACK_SIGNING_SECRET = SECRET;
    recordSecret("Slack signing secret", SECRET);
    try {
      server = await startServer({ seed: false, logDir: inject("e2eRunDir"), name: "chat-links" });
    } finally {
      if (before === undefined) delete process.env.SLACK_SIGNING_SECRET;
      else process.env.SLACK_SIGNING_SECRET = before;
    }
    recordSecret("admin token (chat-links server)", server.adminToken);
    person = await createPerson(server.baseUrl, "sam-slack", "Sam Slack");
  });

  afterAll(async () => {
    await server?.stop();
  });

  /** `/hindsight <text>` as the Slack user, signed the way Slack signs it. */
  const slash = async (text: string) => {
    const body = new URLSearchParams({ team_id: SLACK_USER.team, user_id: SLACK_USER.id, user_name: "sam", command: "/hindsight", text }).toString();
    const ts = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac("sha256", SECRET).update(`v0:${ts}:${body}`).digest("hex")}`;
    const res = await fetch(`${server!.baseUrl}/api/v1/chatops/slack/command`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": ts, "x-slack-signature": signature },
      body,
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { text: string; blocks?: unknown[] };
  };

  it("links from the URL /hindsight link gives, lists the account, and unlinks it after confirming", async () => {
    const { page, context } = e2e;
    const base = server!.baseUrl;
    await useSession(context, base, person);
    const reply = await slash("link");
    const url = /https?:\/\/\S+\/settings\/slack\?token=[A-Za-z0-9._%-]*[A-Za-z0-9_-]/.exec(reply.text)?.[0];
    expect(url, reply.text).toBeDefined();
    const token = new URL(url!).searchParams.get("token")!;
    recordSecret("Slack link token", token);

    await page.goto(`${base}/settings/slack?token=${encodeURIComponent(token)}`);
    await page.getByRole("heading", { level: 1, name: "Chat accounts" }).waitFor();
    await page.getByText(`Link Slack user ${SLACK_USER.id} in workspace ${SLACK_USER.team} to your Hindsight account?`).waitFor();
    await page.getByText("No chat accounts are linked to you.").waitFor();
    for (const view of [
      { label: "light", colorScheme: "light" as const, width: 1280 },
      { label: "dark", colorScheme: "dark" as const, width: 1280 },
      { label: "700px", colorScheme: "light" as const, width: 700 },
    ]) {
      await page.setViewportSize({ width: view.width, height: 900 });
      await page.emulateMedia({ colorScheme: view.colorScheme });
      await settle(page);
      await screenshot(page, `chat-links-confirm-${view.label}`);
      await expectNoSeriousA11yViolations(page, `the chat link confirmation (${view.label})`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: "light" });

    await page.getByRole("button", { name: "Link account" }).click();
    await page.getByRole("status").filter({ hasText: "Slack account linked" }).waitFor();
    await expect.poll(() => new URL(page.url()).search).toBe("");
    const table = page.getByRole("table", { name: "Your linked chat accounts" });
    const row = table.getByRole("row").filter({ hasText: SLACK_USER.id });
    await row.waitFor();
    expect(await row.innerText()).toContain(SLACK_USER.team);
    expect(JSON.stringify((await slash("help")).blocks)).toContain("linked to *@sam-slack*");
    await settle(page);
    await screenshot(page, "chat-links-linked");
    await expectNoSeriousA11yViolations(page, "the chat accounts page after linking");
    await page.emulateMedia({ colorScheme: "dark" });
    await screenshot(page, "chat-links-linked-dark");
    await expectNoSeriousA11yViolations(page, "the chat accounts page after linking (dark)");
    await page.emulateMedia({ colorScheme: "light" });

    // Unlink, after confirming; Slack forgets who they are.
    await page.getByRole("button", { name: `Unlink Slack user ${SLACK_USER.id} in workspace ${SLACK_USER.team}` }).click();
    const dialog = page.getByRole("dialog", { name: "Unlink this chat account?" });
    await dialog.waitFor();
    await settle(page);
    await screenshot(page, "chat-links-unlink-dialog");
    await expectNoSeriousA11yViolations(page, "the unlink confirmation");
    await dialog.getByRole("button", { name: "Unlink account" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText("No chat accounts are linked to you.").waitFor();
    expect(JSON.stringify((await slash("help")).blocks)).toContain("not linked");
  });

  it("refuses a tampered link with a reason, and reaches the page from the user menu", async () => {
    const { page, context } = e2e;
    const base = server!.baseUrl;
    await useSession(context, base, person);
    const token = new URL(/https?:\/\/\S+token=[A-Za-z0-9._%-]*[A-Za-z0-9_-]/.exec((await slash("link")).text)![0]).searchParams.get("token")!;
    const tampered = `${token.slice(0, 10)}${token[10] === "A" ? "B" : "A"}${token.slice(11)}`;
    await page.goto(`${base}/settings/slack?token=${encodeURIComponent(tampered)}`);
    const refused = page.getByRole("alert").filter({ hasText: "This link cannot be used" });
    await refused.waitFor();
    expect(await refused.innerText()).toMatch(/not valid/);
    expect(await page.getByRole("button", { name: "Link account" }).count()).toBe(0);
    await settle(page);
    await screenshot(page, "chat-links-refused");
    await expectNoSeriousA11yViolations(page, "a refused chat link");
    await refused.getByRole("button", { name: "Dismiss" }).click();
    await expect.poll(() => new URL(page.url()).search).toBe("");

    await page.goto(`${base}/`);
    await page.getByRole("button", { name: person.name }).click();
    await page.getByRole("menuitem", { name: "Chat accounts" }).click();
    await page.getByRole("heading", { level: 1, name: "Chat accounts" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/settings/slack");
  });
});
