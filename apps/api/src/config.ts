// The API's configuration: every environment variable it reads, validated once at boot.
// No other module reads process.env.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const boolFromEnv = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const MAIL_ADDRESS = "[^\\s@<>\"]+@[^\\s@<>\"]+\\.[^\\s@<>\"]+";
const MAIL_FROM = new RegExp(`^(?:${MAIL_ADDRESS}|[^<>]*<${MAIL_ADDRESS}>)$`);
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$|^\[[0-9a-f:]+\]$/;

/** One rate limit: at most `max` requests per `windowMs`; null when turned off. */
export type RateLimit = { max: number; windowMs: number } | null;

const WINDOW_UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000 } as const;

const rateLimitFromEnv = z
  .string()
  .trim()
  .regex(/^(off|[1-9][0-9]{0,6}\/[1-9][0-9]{0,4}[smh])$/, "must be <requests>/<window> such as 30/15m (window in s, m or h), or off")
  .transform((v): RateLimit => {
    if (v === "off") return null;
    const [max, window] = v.split("/") as [string, string];
    return { max: Number(max), windowMs: Number(window.slice(0, -1)) * WINDOW_UNIT_MS[window.slice(-1) as keyof typeof WINDOW_UNIT_MS] };
  });

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

const ZEnv = z
  .object({
    PORT: z.coerce.number({ message: "must be a number" }).int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    DATA_DIR: z.string().min(1).default(".data"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
    HINDSIGHT_ADMIN_TOKEN: z.string().min(1, "must not be empty").optional(),
    /** Demo mode: one-click sign-in as any seeded person. Only for trying Hindsight out. */
    HINDSIGHT_DEMO: boolFromEnv.default(false),
    HINDSIGHT_DEMO_ON_POSTGRES: boolFromEnv.default(false),
    /** Seed the demo company into an empty database; defaults to HINDSIGHT_DEMO. */
    HINDSIGHT_SEED: boolFromEnv.optional(),
    HINDSIGHT_SIGNUP: boolFromEnv.default(true),
    HINDSIGHT_SIGNUP_DOMAINS: z
      .string()
      .transform((v) => v.split(",").map((d) => d.trim().toLowerCase().replace(/^@/, "")).filter(Boolean))
      .pipe(z.array(z.string().regex(DOMAIN, "must be a comma-separated list of e-mail domains such as example.com,corp.example.com")).min(1))
      .optional(),
    HINDSIGHT_LOCAL_LOGIN: boolFromEnv.default(true),
    HINDSIGHT_SESSION_IDLE_MINUTES: z.coerce
      .number({ message: "must be a number of minutes" })
      .int("must be a whole number of minutes")
      .min(5, "must be at least 5 minutes")
      .max(525_600)
      .default(7 * 24 * 60),
    HINDSIGHT_SESSION_MAX_HOURS: z.coerce
      .number({ message: "must be a number of hours" })
      .int("must be a whole number of hours")
      .min(1, "must be at least 1 hour")
      .max(8760)
      .default(30 * 24),
    HINDSIGHT_OIDC_ISSUER: z.url({ protocol: /^https?$/, message: "must be the identity provider's issuer URL, such as https://login.example.com/realms/eng" }).optional(),
    HINDSIGHT_OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
    HINDSIGHT_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    HINDSIGHT_OIDC_SCOPES: z
      .string()
      .regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, "must be scope names separated by single spaces, such as 'openid profile email groups'")
      .refine((v) => v.split(" ").includes("openid"), "must include openid")
      .default("openid profile email groups"),
    HINDSIGHT_OIDC_GROUPS_CLAIM: z.string().trim().min(1).default("groups"),
    HINDSIGHT_OIDC_GROUP_MAP: z.string().optional(),
    /** The label of the SSO button on the sign-in page. */
    HINDSIGHT_OIDC_NAME: z.string().trim().min(1).max(60).default("single sign-on"),
    SEARCH_ENGINE: z.enum(["postgres", "meilisearch"], { message: "must be postgres or meilisearch" }).default("postgres"),
    MEILI_URL: z.url({ message: "must be a URL such as http://127.0.0.1:7700" }).optional(),
    MEILI_MASTER_KEY: z.string().optional(),
    /** /readyz answers 503 when the oldest undelivered search outbox event is older than this. */
    HINDSIGHT_READY_MAX_OUTBOX_LAG_SECONDS: z.coerce
      .number({ message: "must be a number of seconds" })
      .int("must be a whole number of seconds")
      .min(1, "must be at least 1 second")
      .max(86_400)
      .default(300),
    /** On SIGTERM, in-flight requests get this long to finish before their connections are cut. */
    HINDSIGHT_SHUTDOWN_GRACE_SECONDS: z.coerce
      .number({ message: "must be a number of seconds" })
      .int("must be a whole number of seconds")
      .min(1, "must be at least 1 second")
      .max(600)
      .default(8),
    LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(", ")}` }).default("info"),
    PORTAL_DIR: z.string().default(path.join(repoRoot, "apps/portal/dist")),
    /** How long searches are kept for the knowledge gaps (they are stored redacted). */
    /** Largest request body the portal's API (tRPC) accepts, in MiB: its Slack-export upload is the largest. */
    HINDSIGHT_BODY_LIMIT_MB: z.coerce.number({ message: "must be a number of MiB" }).int("must be a whole number of MiB").min(1).max(1024).default(32),
    SEARCH_LOG_DAYS: z.coerce.number({ message: "must be a number of days" }).int("must be a whole number of days").min(1).max(3650).default(180),
    /** Strict-Transport-Security on every answer; defaults to on when HINDSIGHT_PUBLIC_URL is https. */
    HINDSIGHT_HSTS: boolFromEnv.optional(),
    /** Rate limits, each `<requests>/<window>` (window in s, m or h, e.g. 30/15m) or `off`. */
    HINDSIGHT_RATE_LIMIT_SIGN_IN_PER_ADDRESS: rateLimitFromEnv.default({ max: 30, windowMs: 15 * 60_000 }),
    HINDSIGHT_RATE_LIMIT_SIGN_IN_PER_ACCOUNT: rateLimitFromEnv.default({ max: 10, windowMs: 15 * 60_000 }),
    HINDSIGHT_RATE_LIMIT_TOKEN: rateLimitFromEnv.default({ max: 600, windowMs: 60_000 }),
    HINDSIGHT_RATE_LIMIT_SEARCH: rateLimitFromEnv.default({ max: 240, windowMs: 60_000 }),
    /** Marks cookies Secure; on by default when NODE_ENV=production or HINDSIGHT_PUBLIC_URL is https. */
    COOKIE_SECURE: boolFromEnv.optional(),
    NODE_ENV: z.string().default("development"),
    /** Behind a load balancer: take the client's address from X-Forwarded-For (per-address sign-in limits, audit). */
    HINDSIGHT_TRUST_PROXY: boolFromEnv.default(false),
    /** Where people reach the portal; links in chat messages point here. Defaults to http://localhost:<PORT>. */
    HINDSIGHT_PUBLIC_URL: z
      .url({ protocol: /^https?$/, message: "must be an http:// or https:// URL such as https://hindsight.example.com" })
      .optional(),
    /** Slack app's signing secret; the ChatOps routes exist only when it is set. */
    SLACK_SIGNING_SECRET: z
      .string()
      .trim()
      .min(16, "must be the Slack app's signing secret (Basic Information > App Credentials), at least 16 characters")
      .optional(),
    /** The SMTP server digests are sent through, such as smtps://user:pass@smtp.example.com:465. May hold a password: never logged. */
    HINDSIGHT_SMTP_URL: z
      .string()
      .refine((v) => {
        try {
          const u = new URL(v);
          return (u.protocol === "smtp:" || u.protocol === "smtps:") && u.hostname !== "";
        } catch {
          return false;
        }
      }, "must be an smtp:// or smtps:// URL such as smtps://user:password@smtp.example.com:465")
      .optional(),
    /** The From of digest e-mails: an address, or a name and an address. */
    HINDSIGHT_MAIL_FROM: z
      .string()
      .trim()
      .regex(MAIL_FROM, 'must be an e-mail address, or a name and an address such as "Hindsight <hindsight@example.com>"')
      .optional(),
    /** Send digests from the server on a timer (turn off when `hindsight-admin send-digests` runs from cron instead). */
    HINDSIGHT_DIGESTS: boolFromEnv.default(true),
    /** Hosts chat digests may be posted to (incoming webhooks). */
    HINDSIGHT_CHAT_WEBHOOK_HOSTS: z
      .string()
      .transform((v) => v.split(",").map((d) => d.trim().toLowerCase()).filter(Boolean))
      .pipe(z.array(z.string().regex(HOST, "must be a comma-separated list of host names such as hooks.slack.com")).min(1))
      .default(["hooks.slack.com"]),
    /** Who may read a message saved from Slack (a draft either way, so its team sees it first). */
    SLACK_SAVE_VISIBILITY: z.enum(["team", "org"], { message: "must be team or org" }).default("team"),
    /** The Slack app's bot token, for link unfurling (chat.unfurl). */
    SLACK_BOT_TOKEN: z
      .string()
      .trim()
      .regex(/^xoxb-[A-Za-z0-9-]{10,250}$/, "must be the Slack app's bot token (OAuth & Permissions > Bot User OAuth Token), starting xoxb-")
      .optional(),
    /** Slack's Web API; only changed to point at a stand-in (tests). */
    SLACK_API_URL: z.url({ protocol: /^https?$/, message: "must be an http:// or https:// URL such as https://slack.com/api" }).default("https://slack.com/api"),
    /** 32 random bytes (base64 or hex) encrypting the secrets Hindsight must keep, such as chat integrations' HMAC keys. */
    HINDSIGHT_SECRET_KEY: z
      .string()
      .trim()
      .refine((v) => secretKeyBytes(v) !== null, "must be 32 random bytes as base64 (44 characters) or hex (64 characters), e.g. from `openssl rand -base64 32`")
      .optional(),
  })
  .superRefine((env, ctx) => {
    if (env.SEARCH_ENGINE === "meilisearch" && !env.MEILI_URL) {
      ctx.addIssue({ code: "custom", path: ["MEILI_URL"], message: "is required when SEARCH_ENGINE=meilisearch" });
    }
    if (env.HINDSIGHT_DEMO && env.DATABASE_URL && !env.HINDSIGHT_DEMO_ON_POSTGRES) {
      ctx.addIssue({
        code: "custom",
        path: ["HINDSIGHT_DEMO"],
        message:
          "is refused on Postgres: in demo mode anyone can sign in as anyone. Use demo mode on the embedded database, " +
          "or set HINDSIGHT_DEMO_ON_POSTGRES=true if this Postgres really holds only a demo",
      });
    }
    if (env.HINDSIGHT_OIDC_ISSUER && !env.HINDSIGHT_OIDC_CLIENT_ID) {
      ctx.addIssue({ code: "custom", path: ["HINDSIGHT_OIDC_CLIENT_ID"], message: "is required when HINDSIGHT_OIDC_ISSUER is set" });
    }
    for (const name of ["HINDSIGHT_OIDC_CLIENT_ID", "HINDSIGHT_OIDC_CLIENT_SECRET", "HINDSIGHT_OIDC_GROUP_MAP"] as const) {
      if (env[name] && !env.HINDSIGHT_OIDC_ISSUER) ctx.addIssue({ code: "custom", path: [name], message: "needs HINDSIGHT_OIDC_ISSUER" });
    }
    if (env.HINDSIGHT_OIDC_GROUP_MAP) {
      const parsed = parseGroupMap(env.HINDSIGHT_OIDC_GROUP_MAP);
      if (typeof parsed === "string") ctx.addIssue({ code: "custom", path: ["HINDSIGHT_OIDC_GROUP_MAP"], message: parsed });
    }
    if (env.HINDSIGHT_SMTP_URL && !env.HINDSIGHT_MAIL_FROM) {
      ctx.addIssue({ code: "custom", path: ["HINDSIGHT_MAIL_FROM"], message: "is required when HINDSIGHT_SMTP_URL is set (the From of digest e-mails)" });
    }
    if (env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SLACK_BOT_TOKEN"], message: "needs SLACK_SIGNING_SECRET: Slack's events could not be verified" });
    }
    if (env.HINDSIGHT_HSTS && !env.HINDSIGHT_PUBLIC_URL?.startsWith("https://")) {
      ctx.addIssue({ code: "custom", path: ["HINDSIGHT_HSTS"], message: "=true needs an https:// HINDSIGHT_PUBLIC_URL: browsers would be told to insist on TLS the server does not serve" });
    }
    if (env.HINDSIGHT_LOCAL_LOGIN === false && !env.HINDSIGHT_OIDC_ISSUER && !env.HINDSIGHT_DEMO) {
      ctx.addIssue({ code: "custom", path: ["HINDSIGHT_LOCAL_LOGIN"], message: "=false needs HINDSIGHT_OIDC_ISSUER: nobody could sign in" });
    }
  });

/** The 32 bytes of a HINDSIGHT_SECRET_KEY value, or null when it is not 32 bytes of base64 or hex. */
export function secretKeyBytes(value: string): Buffer | null {
  const bytes = /^[0-9a-fA-F]{64}$/.test(value)
    ? Buffer.from(value, "hex")
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(value)
      ? Buffer.from(value.replace(/-/g, "+").replace(/_/g, "/"), "base64")
      : null;
  return bytes && bytes.length === 32 ? bytes : null;
}

/** What one identity-provider group gives: membership of a team (as member or maintainer), or the admin role. */
export type GroupGrant = { team: string; role: "member" | "maintainer" } | { admin: true };

/**
 * Parses HINDSIGHT_OIDC_GROUP_MAP: comma-separated `group=target` pairs, where target is `team:<slug>`,
 * `team:<slug>:maintainer` or `admin`. One group may appear several times. Returns a message on error.
 */
export function parseGroupMap(text: string): Map<string, GroupGrant[]> | string {
  const map = new Map<string, GroupGrant[]>();
  for (const raw of text.split(",")) {
    const pair = raw.trim();
    if (!pair) continue;
    const eq = pair.lastIndexOf("=");
    const group = eq > 0 ? pair.slice(0, eq).trim() : "";
    const target = eq > 0 ? pair.slice(eq + 1).trim() : "";
    if (!group || !target) return `has "${pair}": each entry must be group=team:<slug>, group=team:<slug>:maintainer or group=admin`;
    let grant: GroupGrant;
    if (target === "admin") grant = { admin: true };
    else {
      const m = /^team:([a-z0-9]+(?:-[a-z0-9]+)*)(?::(member|maintainer))?$/.exec(target);
      if (!m) return `has "${pair}": the target must be team:<slug> (a lowercase slug), team:<slug>:maintainer or admin`;
      grant = { team: m[1]!, role: (m[2] as "member" | "maintainer" | undefined) ?? "member" };
    }
    map.set(group, [...(map.get(group) ?? []), grant]);
  }
  if (map.size === 0) return "is empty: give at least one group=target pair, or unset it";
  return map;
}

export interface Config {
  port: number;
  host: string;
  database: { driver: "postgres"; url: string } | { driver: "pglite"; dataDir: string };
  adminToken: string | null;
  seed: boolean;
  /** Demo mode: the people picker and sign-in by id exist only here. */
  demo: boolean;
  auth: {
    /** Sign-up of local accounts; `domains` limits it to e-mail addresses at these domains. */
    signup: { enabled: boolean; domains: string[] | null };
    localLogin: boolean;
    sessionIdleMs: number;
    sessionMaxMs: number;
    oidc: {
      issuer: string;
      clientId: string;
      clientSecret: string | null;
      scopes: string;
      groupsClaim: string;
      groupMap: Map<string, GroupGrant[]>;
      name: string;
    } | null;
  };
  search: { engine: "postgres" } | { engine: "meilisearch"; url: string; masterKey: string | null };
  logLevel: (typeof LOG_LEVELS)[number];
  portalDir: string;
  cookieSecure: boolean;
  /** Send Strict-Transport-Security (only meaningful when people reach Hindsight over https). */
  hsts: boolean;
  /** Requests allowed per window; null: that limit is off. */
  rateLimits: { signInPerAddress: RateLimit; signInPerAccount: RateLimit; token: RateLimit; search: RateLimit };
  /** Trust X-Forwarded-* from a proxy in front (the client address for sign-in limits). */
  trustProxy: boolean;
  searchLogDays: number;
  /** The app-wide request body limit in bytes (REST routes set their own, documented in the API reference). */
  bodyLimit: number;
  /** Base URL of the portal for links sent out (chat messages), without a trailing slash. */
  publicUrl: string;
  digests: {
    /** Run the digest scheduler inside the server. */
    schedule: boolean;
    /** Where e-mail digests go out; null: e-mail digests are not sent (previews still work). */
    smtp: { url: string; from: string } | null;
    /** Hosts a chat digest may be posted to. */
    chatWebhookHosts: string[];
  };
  /** ChatOps for Slack; null when no signing secret is configured (the routes are then absent). */
  slack: {
    signingSecret: string;
    saveVisibility: "team" | "org";
    /** Bot token for chat.unfurl; null: links to entries are not unfurled. Never logged. */
    botToken: string | null;
    /** Slack's Web API base URL, without a trailing slash. */
    apiUrl: string;
  } | null;
  /** Encrypts the secrets that must be used again (chat integrations' HMAC keys); null: those cannot be created. */
  secretKey: Buffer | null;
  /** Readiness and shutdown (docs/reliability.md (Operations)). */
  ops: { readyMaxOutboxLagSeconds: number; shutdownGraceMs: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "not set", as in most deployment tools.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = ZEnv.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".") || "environment"} ${i.message}`));
  }
  const e = parsed.data;
  const publicHttps = e.HINDSIGHT_PUBLIC_URL?.startsWith("https://") ?? false;
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { driver: "postgres", url: e.DATABASE_URL }
      : { driver: "pglite", dataDir: path.resolve(e.DATA_DIR) },
    adminToken: e.HINDSIGHT_ADMIN_TOKEN ?? null,
    seed: e.HINDSIGHT_SEED ?? e.HINDSIGHT_DEMO,
    demo: e.HINDSIGHT_DEMO,
    auth: {
      signup: { enabled: e.HINDSIGHT_SIGNUP, domains: e.HINDSIGHT_SIGNUP_DOMAINS ?? null },
      localLogin: e.HINDSIGHT_LOCAL_LOGIN,
      sessionIdleMs: e.HINDSIGHT_SESSION_IDLE_MINUTES * 60_000,
      sessionMaxMs: e.HINDSIGHT_SESSION_MAX_HOURS * 3_600_000,
      oidc: e.HINDSIGHT_OIDC_ISSUER
        ? {
            issuer: e.HINDSIGHT_OIDC_ISSUER,
            clientId: e.HINDSIGHT_OIDC_CLIENT_ID!,
            clientSecret: e.HINDSIGHT_OIDC_CLIENT_SECRET ?? null,
            scopes: e.HINDSIGHT_OIDC_SCOPES,
            groupsClaim: e.HINDSIGHT_OIDC_GROUPS_CLAIM,
            groupMap: e.HINDSIGHT_OIDC_GROUP_MAP ? (parseGroupMap(e.HINDSIGHT_OIDC_GROUP_MAP) as Map<string, GroupGrant[]>) : new Map(),
            name: e.HINDSIGHT_OIDC_NAME,
          }
        : null,
    },
    search:
      e.SEARCH_ENGINE === "meilisearch"
        ? { engine: "meilisearch", url: e.MEILI_URL!, masterKey: e.MEILI_MASTER_KEY ?? null }
        : { engine: "postgres" },
    logLevel: e.LOG_LEVEL,
    portalDir: path.resolve(e.PORTAL_DIR),
    cookieSecure: e.COOKIE_SECURE ?? (e.NODE_ENV === "production" || publicHttps),
    hsts: e.HINDSIGHT_HSTS ?? publicHttps,
    rateLimits: {
      signInPerAddress: e.HINDSIGHT_RATE_LIMIT_SIGN_IN_PER_ADDRESS,
      signInPerAccount: e.HINDSIGHT_RATE_LIMIT_SIGN_IN_PER_ACCOUNT,
      token: e.HINDSIGHT_RATE_LIMIT_TOKEN,
      search: e.HINDSIGHT_RATE_LIMIT_SEARCH,
    },
    trustProxy: e.HINDSIGHT_TRUST_PROXY,
    searchLogDays: e.SEARCH_LOG_DAYS,
    bodyLimit: e.HINDSIGHT_BODY_LIMIT_MB * 1024 * 1024,
    publicUrl: (e.HINDSIGHT_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    digests: {
      schedule: e.HINDSIGHT_DIGESTS,
      smtp: e.HINDSIGHT_SMTP_URL ? { url: e.HINDSIGHT_SMTP_URL, from: e.HINDSIGHT_MAIL_FROM! } : null,
      chatWebhookHosts: e.HINDSIGHT_CHAT_WEBHOOK_HOSTS,
    },
    slack: e.SLACK_SIGNING_SECRET
      ? {
          signingSecret: e.SLACK_SIGNING_SECRET,
          saveVisibility: e.SLACK_SAVE_VISIBILITY,
          botToken: e.SLACK_BOT_TOKEN ?? null,
          apiUrl: e.SLACK_API_URL.replace(/\/+$/, ""),
        }
      : null,
    secretKey: e.HINDSIGHT_SECRET_KEY ? secretKeyBytes(e.HINDSIGHT_SECRET_KEY) : null,
    ops: { readyMaxOutboxLagSeconds: e.HINDSIGHT_READY_MAX_OUTBOX_LAG_SECONDS, shutdownGraceMs: e.HINDSIGHT_SHUTDOWN_GRACE_SECONDS * 1000 },
  };
}
