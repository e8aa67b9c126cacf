// Identity: who is calling. Sessions (browser cookies), API tokens (bots and scripts) and the admin
// token from configuration all end in an Actor here. SSO will plug in behind this module.
import type { Actor, OrgRole, TeamRole, User } from "@hindsight/domain";
import { Unauthorized } from "@hindsight/domain";
import { schema, type DbOrTx } from "@hindsight/db";
import { and, eq, gt, isNull } from "@hindsight/db/orm";
import { hashSecret, newSecret, secretsEqual } from "./secrets.js";

const { users, teamMemberships, sessions, apiTokens } = schema;

export const SESSION_COOKIE = "hs_session";
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
export const ADMIN_HANDLE = "hindsight-admin";

export async function loadActor(db: DbOrTx, userId: string, via: Actor["via"]): Promise<Actor | null> {
  const [user] = await db.select({ id: users.id, orgRole: users.orgRole }).from(users).where(eq(users.id, userId));
  if (!user) return null;
  const memberships = await db
    .select({ teamId: teamMemberships.teamId, role: teamMemberships.role })
    .from(teamMemberships)
    .where(eq(teamMemberships.userId, userId));
  return {
    userId: user.id,
    orgRole: user.orgRole as OrgRole,
    teams: new Map(memberships.map((m) => [m.teamId, m.role as TeamRole])),
    via,
  };
}

/** The built-in admin that the configured admin token acts as; created on first use. */
export async function ensureAdminUser(db: DbOrTx): Promise<string> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.handle, ADMIN_HANDLE));
  if (existing) return existing.id;
  const [created] = await db
    .insert(users)
    .values({ handle: ADMIN_HANDLE, name: "Hindsight admin", orgRole: "admin" })
    .onConflictDoNothing()
    .returning({ id: users.id });
  if (created) return created.id;
  const [raced] = await db.select({ id: users.id }).from(users).where(eq(users.handle, ADMIN_HANDLE));
  return raced!.id;
}

export interface Credentials {
  bearer: string | null;
  sessionCookie: string | null;
}

export interface IdentityOptions {
  adminToken: string | null;
  adminUserId: string;
}

/**
 * Resolves credentials to an actor. A bearer header that is present but wrong is an error
 * (not silently anonymous); no credentials at all give null.
 */
export async function authenticate(db: DbOrTx, creds: Credentials, opts: IdentityOptions): Promise<Actor | null> {
  if (creds.bearer !== null) {
    if (opts.adminToken && secretsEqual(creds.bearer, opts.adminToken)) {
      const actor = await loadActor(db, opts.adminUserId, "admin-token");
      if (actor) return { ...actor, orgRole: "admin" };
    }
    const [token] = await db
      .select({ id: apiTokens.id, userId: apiTokens.userId })
      .from(apiTokens)
      .where(and(eq(apiTokens.tokenHash, hashSecret(creds.bearer)), isNull(apiTokens.revokedAt)));
    if (!token) throw new Unauthorized("The bearer token is not valid or has been revoked");
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, token.id));
    const actor = await loadActor(db, token.userId, "token");
    if (!actor) throw new Unauthorized("The bearer token's owner no longer exists");
    return actor;
  }
  if (creds.sessionCookie) {
    const [session] = await db
      .select({ userId: sessions.userId })
      .from(sessions)
      .where(and(eq(sessions.idHash, hashSecret(creds.sessionCookie)), gt(sessions.expiresAt, new Date())));
    if (session) return loadActor(db, session.userId, "session");
  }
  return null;
}

export async function createSession(db: DbOrTx, userId: string): Promise<{ secret: string; expiresAt: Date }> {
  const secret = newSecret("hss_");
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db.insert(sessions).values({ idHash: hashSecret(secret), userId, expiresAt });
  return { secret, expiresAt };
}

export async function endSession(db: DbOrTx, secret: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, hashSecret(secret)));
}

export function toUser(row: typeof users.$inferSelect): User {
  return {
    id: row.id,
    handle: row.handle,
    name: row.name,
    email: row.email,
    orgRole: row.orgRole,
    createdAt: row.createdAt,
  };
}
