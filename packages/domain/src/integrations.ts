// Chat integrations: the chat tools (Mattermost, Rocket.Chat, Microsoft Teams, Hubot, Errbot, any
// other bot) that call Hindsight's outgoing-webhook endpoint, how each one proves a request is its
// own, and the admin inputs that manage them. Pure schemas and rules, shared by the API and the portal.
import { z } from "zod";

export const INTEGRATION_KINDS = ["mattermost", "rocketchat", "teams", "hubot", "errbot", "generic"] as const;
export const ZIntegrationKind = z.enum(INTEGRATION_KINDS, { message: `kind must be one of ${INTEGRATION_KINDS.join(", ")}` });
export type IntegrationKind = z.infer<typeof ZIntegrationKind>;

export const INTEGRATION_LABELS: Record<IntegrationKind, string> = {
  mattermost: "Mattermost",
  rocketchat: "Rocket.Chat",
  teams: "Microsoft Teams",
  hubot: "Hubot",
  errbot: "Errbot",
  generic: "Other bot (signed JSON)",
};

/**
 * How a kind authenticates a request:
 * - `token`: the tool sends the shared secret in the payload (Mattermost, Rocket.Chat); Hindsight keeps only its hash.
 * - `teams-hmac`: `Authorization: HMAC <base64 HMAC-SHA256 of the body>` keyed with the base64-decoded secret.
 * - `hindsight-hmac`: `X-Hindsight-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` plus
 *   `X-Hindsight-Timestamp` (seconds) and, optionally, `X-Hindsight-Request-Id`.
 * The HMAC kinds need the secret itself, so Hindsight stores it encrypted.
 */
export type IntegrationSigning = "token" | "teams-hmac" | "hindsight-hmac";

export function integrationSigning(kind: IntegrationKind): IntegrationSigning {
  if (kind === "mattermost" || kind === "rocketchat") return "token";
  if (kind === "teams") return "teams-hmac";
  return "hindsight-hmac";
}

/**
 * Whether the chat tool makes the secret (Mattermost shows a token after an outgoing webhook is
 * created; Teams a security token), so the admin pastes it in. For the others Hindsight makes one.
 */
export function toolIssuesSecret(kind: IntegrationKind): boolean {
  return kind === "mattermost" || kind === "teams";
}

/** The path of an integration's outgoing-webhook endpoint (prefix the server's public URL). */
export function integrationWebhookPath(id: string): string {
  return `/api/v1/integrations/${encodeURIComponent(id)}/webhook`;
}

/** A request more than this far from the server's clock is refused as a possible replay. */
export const WEBHOOK_MAX_AGE_SECONDS = 5 * 60;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A secret pasted from the chat tool: Teams' security token is base64 of at least 32 bytes. */
const ZPastedSecret = z.string().trim().min(16, "secret must be at least 16 characters").max(500, "secret must be at most 500 characters");

/** What is wrong with a secret (pasted, or absent) for an integration of this kind, or null. */
export function integrationSecretProblem(kind: IntegrationKind, secret: string | undefined): string | null {
  if (secret === undefined) {
    if (kind === "teams") return "paste the security token Teams shows when the outgoing webhook is created";
    if (kind === "mattermost") return "paste the token Mattermost shows when the outgoing webhook is created";
    return null;
  }
  if (kind === "teams" && (!BASE64.test(secret) || secret.length % 4 !== 0)) return "a Teams security token is base64 text, as Teams shows it";
  return null;
}

export const ZIntegration = z.object({
  id: z.string().uuid(),
  kind: ZIntegrationKind,
  name: z.string(),
  teamId: z.string().uuid().nullable(),
  teamName: z.string().nullable(),
  enabled: z.boolean(),
  createdAt: z.coerce.date(),
  secretRotatedAt: z.coerce.date(),
  lastUsedAt: z.coerce.date().nullable(),
  /** The full URL to give the chat tool. */
  webhookUrl: z.string(),
});
export type Integration = z.infer<typeof ZIntegration>;

export const ZCreateIntegrationInput = z
  .object({
    kind: ZIntegrationKind,
    name: z.string().trim().min(1, "name is required").max(100, "name must be at most 100 characters"),
    /** The team transcripts saved through this integration belong to (their draft is that team's). */
    teamId: z.string().uuid().nullable().default(null),
    /** The tool's own token, for tools that issue it (Mattermost, Teams); otherwise Hindsight makes one. */
    secret: ZPastedSecret.optional(),
  })
  .superRefine((v, ctx) => {
    const problem = integrationSecretProblem(v.kind, v.secret);
    if (problem) ctx.addIssue({ code: "custom", path: ["secret"], message: problem });
  });
export type CreateIntegrationInput = z.input<typeof ZCreateIntegrationInput>;

/** Rotating: for tools that issue the secret, the new one they show; for the others Hindsight makes one. */
export const ZRotateIntegrationSecretInput = z.object({
  id: z.string().uuid(),
  secret: ZPastedSecret.optional(),
});
export type RotateIntegrationSecretInput = z.infer<typeof ZRotateIntegrationSecretInput>;

export const ZSetIntegrationEnabledInput = z.object({ id: z.string().uuid(), enabled: z.boolean() });

/** What create and rotate return: the secret, this once. */
export const ZIntegrationWithSecret = z.object({ integration: ZIntegration, secret: z.string() });
export type IntegrationWithSecret = z.infer<typeof ZIntegrationWithSecret>;

/** A thread posted to "save this thread" by a bot (Hubot, Errbot, generic). */
export const ZPostedThreadMessage = z.object({
  user: z.string().trim().min(1).max(200),
  text: z.string().max(40_000),
  ts: z.union([z.string().max(64), z.number()]).optional(),
});
export const ZPostedThread = z.array(ZPostedThreadMessage).min(1, "messages must hold at least one message").max(5_000);
export type PostedThreadMessage = z.infer<typeof ZPostedThreadMessage>;

export type ChatCommand =
  | { action: "help" }
  | { action: "search"; q: string }
  /** `rest`: text after the save keyword (a pasted transcript, for tools that cannot post a thread). */
  | { action: "save"; rest: string };

/**
 * What a chat message asks for, once the trigger (`/hindsight`, a trigger word, an @-mention) is
 * stripped: `help`, `save [this thread] [transcript…]`, `search <words>`, or any other words as a search.
 */
export function parseChatCommand(text: string, triggers: readonly string[] = []): ChatCommand {
  let t = text.trim();
  for (const trigger of ["/hindsight", "!hindsight", "hindsight:", ...triggers]) {
    if (trigger && t.toLowerCase().startsWith(trigger.toLowerCase())) {
      t = t.slice(trigger.length).trim();
      break;
    }
  }
  const m = /^(\S+)(?:\s+([\s\S]*))?$/.exec(t);
  const first = (m?.[1] ?? "").toLowerCase();
  const rest = (m?.[2] ?? "").trim();
  if (first === "help" && !rest) return { action: "help" };
  if (first === "save") return { action: "save", rest: rest.replace(/^this\s+thread\b[:.]?\s*/i, "").trim() };
  if (first === "search") return { action: "search", q: rest };
  return { action: "search", q: t };
}
