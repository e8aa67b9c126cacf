// The CLI's configuration: the server URL and the API token, from flags or the environment, validated
// once. This is the only module that reads process.env.
import { z } from "zod";
import { UsageError } from "./errors.js";

export const DEFAULT_URL = "http://localhost:3000";

export interface CliConfig {
  /** The server's base URL, without a trailing slash (it may carry a path prefix). */
  url: string;
  /** Bearer token, or null when none was given. */
  token: string | null;
}

export interface ConfigFlags {
  url?: string;
  token?: string;
}

const ZUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "http:" || u.protocol === "https:") && !u.search && !u.hash;
    } catch {
      return false;
    }
  }, "must be an http(s) URL such as http://localhost:3000")
  .transform((v) => v.replace(/\/+$/, ""));

// The value is never echoed in a message, even a wrong one.
const ZToken = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .refine((v) => /^[\x21-\x7e]+$/.test(v), "must be a single word of printable characters (no spaces or line breaks)");

/** Secrets known before parsing (for redacting output from the first line on). */
export function knownSecrets(argv: readonly string[], env: Record<string, string | undefined> = process.env): string[] {
  const out = new Set<string>();
  const fromEnv = env.HINDSIGHT_TOKEN?.trim();
  if (fromEnv) out.add(fromEnv);
  argv.forEach((arg, i) => {
    if (arg === "--token" && argv[i + 1]) out.add(argv[i + 1]!.trim());
    else if (arg.startsWith("--token=")) out.add(arg.slice("--token=".length).trim());
  });
  return [...out].filter(Boolean);
}

/**
 * Flags win over the environment (HINDSIGHT_URL, HINDSIGHT_TOKEN); empty values count as unset.
 * Throws a UsageError naming the bad flag or variable.
 */
export function loadConfig(flags: ConfigFlags, env: Record<string, string | undefined> = process.env): CliConfig {
  const pick = (flag: string | undefined, flagName: string, envName: string) => {
    if (flag !== undefined && flag !== "") return { value: flag, from: flagName };
    const v = env[envName];
    return v === undefined || v === "" ? null : { value: v, from: envName };
  };
  const url = pick(flags.url, "--url", "HINDSIGHT_URL");
  const token = pick(flags.token, "--token", "HINDSIGHT_TOKEN");
  const problems: string[] = [];
  let parsedUrl = DEFAULT_URL;
  if (url) {
    const r = ZUrl.safeParse(url.value);
    if (r.success) parsedUrl = r.data;
    else problems.push(`${url.from} ${r.error.issues[0]?.message ?? "is invalid"}`);
  }
  let parsedToken: string | null = null;
  if (token) {
    const r = ZToken.safeParse(token.value);
    if (r.success) parsedToken = r.data;
    else problems.push(`${token.from} ${r.error.issues[0]?.message ?? "is invalid"}`);
  }
  if (problems.length) throw new UsageError(problems.join("; "));
  return { url: parsedUrl, token: parsedToken };
}

/** Writes need a token; reads try without one and explain a 401. */
export function requireToken(config: CliConfig): string {
  if (!config.token) throw new UsageError("this command needs an API token: set HINDSIGHT_TOKEN (or pass --token)");
  return config.token;
}
