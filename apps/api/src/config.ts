// The API's configuration: every environment variable it reads, validated once at boot.
// No other module reads process.env.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const boolFromEnv = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

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
    HINDSIGHT_SEED: boolFromEnv.default(true),
    SEARCH_ENGINE: z.enum(["postgres", "meilisearch"], { message: "must be postgres or meilisearch" }).default("postgres"),
    MEILI_URL: z.url({ message: "must be a URL such as http://127.0.0.1:7700" }).optional(),
    MEILI_MASTER_KEY: z.string().optional(),
    LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(", ")}` }).default("info"),
    PORTAL_DIR: z.string().default(path.join(repoRoot, "apps/portal/dist")),
    /** How long searches are kept for the knowledge gaps (they are stored redacted). */
    SEARCH_LOG_DAYS: z.coerce.number({ message: "must be a number of days" }).int("must be a whole number of days").min(1).max(3650).default(180),
    /** Marks cookies Secure; on by default when NODE_ENV=production. */
    COOKIE_SECURE: boolFromEnv.optional(),
    NODE_ENV: z.string().default("development"),
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
    /** Who may read a message saved from Slack (a draft either way, so its team sees it first). */
    SLACK_SAVE_VISIBILITY: z.enum(["team", "org"], { message: "must be team or org" }).default("team"),
  })
  .superRefine((env, ctx) => {
    if (env.SEARCH_ENGINE === "meilisearch" && !env.MEILI_URL) {
      ctx.addIssue({ code: "custom", path: ["MEILI_URL"], message: "is required when SEARCH_ENGINE=meilisearch" });
    }
  });

export interface Config {
  port: number;
  host: string;
  database: { driver: "postgres"; url: string } | { driver: "pglite"; dataDir: string };
  adminToken: string | null;
  seed: boolean;
  search: { engine: "postgres" } | { engine: "meilisearch"; url: string; masterKey: string | null };
  logLevel: (typeof LOG_LEVELS)[number];
  portalDir: string;
  cookieSecure: boolean;
  searchLogDays: number;
  /** Base URL of the portal for links sent out (chat messages), without a trailing slash. */
  publicUrl: string;
  /** ChatOps for Slack; null when no signing secret is configured (the routes are then absent). */
  slack: { signingSecret: string; saveVisibility: "team" | "org" } | null;
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
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { driver: "postgres", url: e.DATABASE_URL }
      : { driver: "pglite", dataDir: path.resolve(e.DATA_DIR) },
    adminToken: e.HINDSIGHT_ADMIN_TOKEN ?? null,
    seed: e.HINDSIGHT_SEED,
    search:
      e.SEARCH_ENGINE === "meilisearch"
        ? { engine: "meilisearch", url: e.MEILI_URL!, masterKey: e.MEILI_MASTER_KEY ?? null }
        : { engine: "postgres" },
    logLevel: e.LOG_LEVEL,
    portalDir: path.resolve(e.PORTAL_DIR),
    cookieSecure: e.COOKIE_SECURE ?? e.NODE_ENV === "production",
    searchLogDays: e.SEARCH_LOG_DAYS,
    publicUrl: (e.HINDSIGHT_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    slack: e.SLACK_SIGNING_SECRET ? { signingSecret: e.SLACK_SIGNING_SECRET, saveVisibility: e.SLACK_SAVE_VISIBILITY } : null,
  };
}
