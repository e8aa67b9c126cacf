import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("loadConfig", () => {
  it("defaults to PGlite in ./.data on port 3000 with the postgres search engine", () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database).toEqual({ driver: "pglite", dataDir: path.resolve(".data") });
    expect(c.search).toEqual({ engine: "postgres" });
    // Not a demo unless asked: no seeded company, no people picker, local accounts with sign-up.
    expect(c.demo).toBe(false);
    expect(c.seed).toBe(false);
    expect(c.auth).toMatchObject({ localLogin: true, signup: { enabled: true, domains: null }, oidc: null, sessionIdleMs: 7 * 24 * 3600_000, sessionMaxMs: 30 * 24 * 3600_000 });
    expect(c.adminToken).toBeNull();
    expect(c.searchLogDays).toBe(180);
    expect(c.publicUrl).toBe("http://localhost:3000");
    expect(c.slack).toBeNull();
  });

  it("turns ChatOps for Slack on with a signing secret, linking to the public URL", () => {
    const c = loadConfig({
      SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5",
      HINDSIGHT_PUBLIC_URL: "https://hindsight.example.com/",
      SLACK_SAVE_VISIBILITY: "org",
    });
    expect(c.slack).toEqual({ signingSecret: "8f742231b10e8888abcd99yyyzzz85a5", saveVisibility: "org", botToken: null, apiUrl: "https://slack.com/api" });
    expect(c.publicUrl).toBe("https://hindsight.example.com");
    expect(loadConfig({ SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5" }).slack?.saveVisibility).toBe("team");
    expect(loadConfig({ PORT: "8080" }).publicUrl).toBe("http://localhost:8080");
  });

  it("reads the Slack bot token, Slack's API URL and the secret key", () => {
    const c = loadConfig({
      SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5",
      SLACK_BOT_TOKEN: "xoxb-1234567890-abcdefghij",
      SLACK_API_URL: "http://127.0.0.1:9999/api/",
      HINDSIGHT_SECRET_KEY: Buffer.alloc(32, 1).toString("base64"),
    });
    expect(c.slack).toMatchObject({ botToken: "xoxb-1234567890-abcdefghij", apiUrl: "http://127.0.0.1:9999/api" });
    expect(c.secretKey).toEqual(Buffer.alloc(32, 1));
    expect(loadConfig({ HINDSIGHT_SECRET_KEY: "ab".repeat(32) }).secretKey).toEqual(Buffer.alloc(32, 0xab));
    expect(loadConfig({}).secretKey).toBeNull();
  });

  it("demo mode seeds the demo company, and is refused on Postgres unless asked for twice", () => {
    expect(loadConfig({ HINDSIGHT_DEMO: "true" })).toMatchObject({ demo: true, seed: true });
    expect(loadConfig({ HINDSIGHT_DEMO: "true", HINDSIGHT_SEED: "false" }).seed).toBe(false);
    const pg = { HINDSIGHT_DEMO: "true", DATABASE_URL: "postgres://postgres@127.0.0.1:5432/hindsight" };
    expect(() => loadConfig(pg)).toThrow(/HINDSIGHT_DEMO is refused on Postgres/);
    expect(loadConfig({ ...pg, HINDSIGHT_DEMO_ON_POSTGRES: "true" }).demo).toBe(true);
  });

  it("reads single sign-on, its group map, sign-up domains and session lifetimes", () => {
    const c = loadConfig({
      HINDSIGHT_OIDC_ISSUER: "https://login.example.com/realms/eng",
      HINDSIGHT_OIDC_CLIENT_ID: "hindsight",
      HINDSIGHT_OIDC_CLIENT_SECRET: "s3cret",
      HINDSIGHT_OIDC_GROUP_MAP: "sre=team:platform:maintainer, eng-all=team:platform, eng-all=team:payments,hindsight-admins=admin",
      HINDSIGHT_LOCAL_LOGIN: "false",
      HINDSIGHT_SIGNUP_DOMAINS: "Example.com, @corp.example.com",
      HINDSIGHT_SESSION_IDLE_MINUTES: "30",
      HINDSIGHT_SESSION_MAX_HOURS: "12",
    });
    expect(c.auth.localLogin).toBe(false);
    expect(c.auth.signup.domains).toEqual(["example.com", "corp.example.com"]);
    expect(c.auth.sessionIdleMs).toBe(30 * 60_000);
    expect(c.auth.sessionMaxMs).toBe(12 * 3600_000);
    expect(c.auth.oidc).toMatchObject({ issuer: "https://login.example.com/realms/eng", clientId: "hindsight", clientSecret: "s3cret", scopes: "openid profile email groups", groupsClaim: "groups" });
    expect(Object.fromEntries(c.auth.oidc!.groupMap)).toEqual({
      sre: [{ team: "platform", role: "maintainer" }],
      "eng-all": [
        { team: "platform", role: "member" },
        { team: "payments", role: "member" },
      ],
      "hindsight-admins": [{ admin: true }],
    });
  });

  it("uses Postgres when DATABASE_URL is set", () => {
    const c = loadConfig({ DATABASE_URL: "postgres://postgres@127.0.0.1:5432/hindsight" });
    expect(c.database).toEqual({ driver: "postgres", url: "postgres://postgres@127.0.0.1:5432/hindsight" });
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ SEARCH_ENGINE: "elastic" }, "SEARCH_ENGINE"],
    [{ SEARCH_ENGINE: "meilisearch" }, "MEILI_URL"],
    [{ MEILI_URL: "not a url" }, "MEILI_URL"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ HINDSIGHT_SEED: "maybe" }, "HINDSIGHT_SEED"],
    [{ SEARCH_LOG_DAYS: "0" }, "SEARCH_LOG_DAYS"],
    [{ SEARCH_LOG_DAYS: "a year" }, "SEARCH_LOG_DAYS"],
    [{ SLACK_SIGNING_SECRET: "short" }, "SLACK_SIGNING_SECRET"],
    [{ SLACK_SAVE_VISIBILITY: "restricted" }, "SLACK_SAVE_VISIBILITY"],
    [{ SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5", SLACK_BOT_TOKEN: "xoxp-user-token-1234567" }, "SLACK_BOT_TOKEN"],
    [{ SLACK_BOT_TOKEN: "xoxb-1234567890-abcdefghij" }, "SLACK_BOT_TOKEN"],
    [{ SLACK_API_URL: "slack.com/api" }, "SLACK_API_URL"],
    [{ HINDSIGHT_SECRET_KEY: "too-short" }, "HINDSIGHT_SECRET_KEY"],
    [{ HINDSIGHT_SECRET_KEY: Buffer.alloc(16, 1).toString("base64") }, "HINDSIGHT_SECRET_KEY"],
    [{ HINDSIGHT_PUBLIC_URL: "hindsight.example.com" }, "HINDSIGHT_PUBLIC_URL"],
    [{ HINDSIGHT_PUBLIC_URL: "ftp://hindsight.example.com" }, "HINDSIGHT_PUBLIC_URL"],
    [{ HINDSIGHT_DEMO: "sure" }, "HINDSIGHT_DEMO"],
    [{ HINDSIGHT_SIGNUP: "sometimes" }, "HINDSIGHT_SIGNUP"],
    [{ HINDSIGHT_SIGNUP_DOMAINS: "example.com, not a domain" }, "HINDSIGHT_SIGNUP_DOMAINS"],
    [{ HINDSIGHT_LOCAL_LOGIN: "false" }, "HINDSIGHT_LOCAL_LOGIN"],
    [{ HINDSIGHT_SESSION_IDLE_MINUTES: "1" }, "HINDSIGHT_SESSION_IDLE_MINUTES"],
    [{ HINDSIGHT_SESSION_MAX_HOURS: "forever" }, "HINDSIGHT_SESSION_MAX_HOURS"],
    [{ HINDSIGHT_OIDC_ISSUER: "login.example.com", HINDSIGHT_OIDC_CLIENT_ID: "x" }, "HINDSIGHT_OIDC_ISSUER"],
    [{ HINDSIGHT_OIDC_ISSUER: "https://login.example.com" }, "HINDSIGHT_OIDC_CLIENT_ID"],
    [{ HINDSIGHT_OIDC_CLIENT_ID: "x" }, "HINDSIGHT_OIDC_CLIENT_ID"],
    [{ HINDSIGHT_OIDC_ISSUER: "https://login.example.com", HINDSIGHT_OIDC_CLIENT_ID: "x", HINDSIGHT_OIDC_SCOPES: "profile email" }, "HINDSIGHT_OIDC_SCOPES"],
    [{ HINDSIGHT_OIDC_ISSUER: "https://login.example.com", HINDSIGHT_OIDC_CLIENT_ID: "x", HINDSIGHT_OIDC_GROUP_MAP: "sre=team:Platform Team" }, "HINDSIGHT_OIDC_GROUP_MAP"],
    [{ HINDSIGHT_OIDC_ISSUER: "https://login.example.com", HINDSIGHT_OIDC_CLIENT_ID: "x", HINDSIGHT_OIDC_GROUP_MAP: "sre" }, "HINDSIGHT_OIDC_GROUP_MAP"],
    [{ HINDSIGHT_TRUST_PROXY: "maybe" }, "HINDSIGHT_TRUST_PROXY"],
    [{ HINDSIGHT_SMTP_URL: "smtp.example.com:587", HINDSIGHT_MAIL_FROM: "hindsight@example.com" }, "HINDSIGHT_SMTP_URL"],
    [{ HINDSIGHT_SMTP_URL: "https://smtp.example.com", HINDSIGHT_MAIL_FROM: "hindsight@example.com" }, "HINDSIGHT_SMTP_URL"],
    [{ HINDSIGHT_SMTP_URL: "smtp://smtp.example.com:587" }, "HINDSIGHT_MAIL_FROM"],
    [{ HINDSIGHT_SMTP_URL: "smtp://smtp.example.com:587", HINDSIGHT_MAIL_FROM: "not an address" }, "HINDSIGHT_MAIL_FROM"],
    [{ HINDSIGHT_DIGESTS: "sometimes" }, "HINDSIGHT_DIGESTS"],
    [{ HINDSIGHT_CHAT_WEBHOOK_HOSTS: "hooks.slack.com,https://evil/" }, "HINDSIGHT_CHAT_WEBHOOK_HOSTS"],
  ])("rejects %j naming %s", (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`\\b${variable}\\b`));
  });

  it("configures digests: SMTP with a From, the scheduler on by default, Slack's webhook host", () => {
    expect(loadConfig({}).digests).toEqual({ schedule: true, smtp: null, chatWebhookHosts: ["hooks.slack.com"] });
    const c = loadConfig({
      HINDSIGHT_SMTP_URL: "smtps://digest:s3cret@smtp.example.com:465",
      HINDSIGHT_MAIL_FROM: "Hindsight <hindsight@example.com>",
      HINDSIGHT_DIGESTS: "false",
      HINDSIGHT_CHAT_WEBHOOK_HOSTS: "hooks.slack.com, chat.example.com",
    });
    expect(c.digests).toEqual({
      schedule: false,
      smtp: { url: "smtps://digest:s3cret@smtp.example.com:465", from: "Hindsight <hindsight@example.com>" },
      chatWebhookHosts: ["hooks.slack.com", "chat.example.com"],
    });
  });

  it("never repeats a malformed SMTP URL (it may hold a password) in the error", () => {
    expect(() => loadConfig({ HINDSIGHT_SMTP_URL: "smtp//user:hunter2-secret@host", HINDSIGHT_MAIL_FROM: "a@b.example" })).toThrow(/HINDSIGHT_SMTP_URL/);
    try {
      loadConfig({ HINDSIGHT_SMTP_URL: "smtp//user:hunter2-secret@host", HINDSIGHT_MAIL_FROM: "a@b.example" });
    } catch (err) {
      expect((err as Error).message).not.toContain("hunter2");
    }
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", PORT: "" }).database.driver).toBe("pglite");
  });
});
