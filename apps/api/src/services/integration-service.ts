// Chat integrations (Mattermost, Rocket.Chat, Teams, Hubot, Errbot, generic bots): the admin's list,
// creating one (its secret returned once), rotating the secret, turning it off and on; how a secret is
// kept (a hash when it is only compared, sealed with HINDSIGHT_SECRET_KEY when it keys an HMAC); and the
// replay guard of the webhook endpoint. Every write is one transaction with its audit row.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import {
  Forbidden,
  Invalid,
  NotFound,
  integrationSecretProblem,
  integrationSigning,
  integrationWebhookPath,
  isAdmin,
  WEBHOOK_MAX_AGE_SECONDS,
  type Actor,
  type CreateIntegrationInput,
  type Integration,
  type IntegrationKind,
  type IntegrationWithSecret,
  type RotateIntegrationSecretInput,
  ZCreateIntegrationInput,
} from "@hindsight/domain";
import { schema, type DbOrTx } from "@hindsight/db";
import { and, asc, eq, lt } from "@hindsight/db/orm";
import type { AppDeps } from "../deps.js";
import { hashSecret, newSecret, openSecret, sealSecret } from "../identity/secrets.js";
import { audit } from "./audit.js";

const { integrations, teams, webhookReplays } = schema;

export type IntegrationRow = typeof integrations.$inferSelect;

function assertAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw new Forbidden("Admins only");
}

/** A new secret for a kind Hindsight makes secrets for (Teams' shape, base64 of 32 bytes, for symmetry). */
function generateSecret(kind: IntegrationKind): string {
  return kind === "teams" ? randomBytes(32).toString("base64") : newSecret("hsw_");
}

/** How a secret is stored: hashed when it is only compared, sealed when Hindsight must key an HMAC with it. */
function storedSecret(key: Buffer | null, kind: IntegrationKind, secret: string): string {
  if (integrationSigning(kind) === "token") return `sha256:${hashSecret(secret)}`;
  if (!key) {
    const message =
      "Set HINDSIGHT_SECRET_KEY on the server first: this kind signs with HMAC, so Hindsight must keep its secret, encrypted with that key";
    throw new Invalid(message, { kind: [message] });
  }
  return sealSecret(key, secret);
}

/** Whether a token sent in a payload (Mattermost, Rocket.Chat) is the integration's; constant-time. */
export function tokenMatches(row: Pick<IntegrationRow, "secret">, given: string): boolean {
  const m = /^sha256:([0-9a-f]{64})$/.exec(row.secret);
  if (!m) return false;
  return timingSafeEqual(Buffer.from(hashSecret(given), "hex"), Buffer.from(m[1]!, "hex"));
}

/** The secret an HMAC-signing integration signs with, or null (wrong kind, or sealed under another key). */
export function hmacSecretOf(key: Buffer | null, row: Pick<IntegrationRow, "secret">): string | null {
  return key ? openSecret(key, row.secret) : null;
}

const columns = {
  id: integrations.id,
  kind: integrations.kind,
  name: integrations.name,
  teamId: integrations.teamId,
  teamName: teams.name,
  enabled: integrations.enabled,
  createdAt: integrations.createdAt,
  secretRotatedAt: integrations.secretRotatedAt,
  lastUsedAt: integrations.lastUsedAt,
};

async function loadIntegration(db: DbOrTx, publicUrl: string, id: string): Promise<Integration> {
  const [row] = await db.select(columns).from(integrations).leftJoin(teams, eq(teams.id, integrations.teamId)).where(eq(integrations.id, id));
  if (!row) throw new NotFound("Integration");
  return { ...row, webhookUrl: `${publicUrl}${integrationWebhookPath(row.id)}` };
}

export async function listIntegrations(deps: AppDeps, actor: Actor): Promise<Integration[]> {
  assertAdmin(actor);
  const rows = await deps.database.db
    .select(columns)
    .from(integrations)
    .leftJoin(teams, eq(teams.id, integrations.teamId))
    .orderBy(asc(integrations.createdAt), asc(integrations.id));
  return rows.map((r) => ({ ...r, webhookUrl: `${deps.config.publicUrl}${integrationWebhookPath(r.id)}` }));
}

export async function createIntegration(deps: AppDeps, actor: Actor, raw: CreateIntegrationInput): Promise<IntegrationWithSecret> {
  assertAdmin(actor);
  const input = ZCreateIntegrationInput.parse(raw);
  const secret = input.secret ?? generateSecret(input.kind);
  const stored = storedSecret(deps.config.secretKey, input.kind, secret);
  return deps.database.db.transaction(async (tx) => {
    if (input.teamId) {
      const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, input.teamId));
      if (!team) throw new Invalid("No such team", { teamId: ["No such team"] });
    }
    const [row] = await tx
      .insert(integrations)
      .values({ kind: input.kind, name: input.name, teamId: input.teamId, secret: stored, createdBy: actor.userId })
      .returning({ id: integrations.id });
    await audit(tx, actor, "integration.create", "integration", row!.id, { kind: input.kind, name: input.name, teamId: input.teamId });
    return { integration: await loadIntegration(tx, deps.config.publicUrl, row!.id), secret };
  });
}

export async function rotateIntegrationSecret(deps: AppDeps, actor: Actor, input: RotateIntegrationSecretInput): Promise<IntegrationWithSecret> {
  assertAdmin(actor);
  return deps.database.db.transaction(async (tx) => {
    const [row] = await tx.select({ kind: integrations.kind }).from(integrations).where(eq(integrations.id, input.id)).for("update");
    if (!row) throw new NotFound("Integration");
    const problem = integrationSecretProblem(row.kind, input.secret);
    if (problem) throw new Invalid(problem, { secret: [problem] });
    const secret = input.secret ?? generateSecret(row.kind);
    await tx
      .update(integrations)
      .set({ secret: storedSecret(deps.config.secretKey, row.kind, secret), secretRotatedAt: new Date() })
      .where(eq(integrations.id, input.id));
    await audit(tx, actor, "integration.rotate_secret", "integration", input.id, { kind: row.kind });
    return { integration: await loadIntegration(tx, deps.config.publicUrl, input.id), secret };
  });
}

export async function setIntegrationEnabled(deps: AppDeps, actor: Actor, id: string, enabled: boolean): Promise<Integration> {
  assertAdmin(actor);
  return deps.database.db.transaction(async (tx) => {
    const [row] = await tx.update(integrations).set({ enabled }).where(eq(integrations.id, id)).returning({ id: integrations.id });
    if (!row) throw new NotFound("Integration");
    await audit(tx, actor, enabled ? "integration.enable" : "integration.disable", "integration", id);
    return loadIntegration(tx, deps.config.publicUrl, id);
  });
}

/** The integration a webhook names, if it exists and is enabled. */
export async function activeIntegration(db: DbOrTx, id: string): Promise<IntegrationRow | null> {
  const [row] = await db.select().from(integrations).where(eq(integrations.id, id));
  return row && row.enabled ? row : null;
}

/**
 * Records a request's nonce (a message id, a request id, or the signature itself), so the same
 * request twice is refused. Returns false for a replay. Rows older than twice the timestamp window
 * are pruned on the way: past the window the timestamp check refuses a replay by itself.
 */
export async function claimNonce(db: DbOrTx, integrationId: string, nonce: string, now: Date = new Date()): Promise<boolean> {
  const digest = createHash("sha256").update(nonce).digest("hex");
  return db.transaction(async (tx) => {
    await tx.delete(webhookReplays).where(lt(webhookReplays.seenAt, new Date(now.getTime() - 2 * WEBHOOK_MAX_AGE_SECONDS * 1000)));
    const claimed = await tx
      .insert(webhookReplays)
      .values({ integrationId, nonce: digest, seenAt: now })
      .onConflictDoNothing()
      .returning({ nonce: webhookReplays.nonce });
    if (claimed.length === 0) return false;
    await tx.update(integrations).set({ lastUsedAt: now }).where(and(eq(integrations.id, integrationId)));
    return true;
  });
}
