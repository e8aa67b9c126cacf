// Identity: who is calling. Sessions (browser cookies), API tokens (bots and scripts) and the admin
// token from configuration all end in an Actor here. How a session was started (password, single
// sign-on, demo picker) lives in the modules beside this one; they all end in createSession.
import type { Actor, OrgRole, TeamRole, User } from "@hindsight/domain";
import { Unauthorized } from "@hindsight/domain";
import { schema, type DbOrTx } from "@hindsight/db";
import { and, eq, gt, isNull, lt, sql } from "@hindsight/db/orm";
import { hashSecret, newSecret, secretsEqual } from "./secrets.js";

const { users, teamMemberships, sessions, apiTokens } = schema;

export const SESSION_COOKIE = "hs_session";
/** lastSeenAt is written at most this often, so a busy browser does not write on every request. */
const SEEN_GRANULARITY_MS = 60_000;
export const ADMIN_HANDLE = "hindsight-admin";

function actorQuery(db: DbOrTx) {
  return db
    .select({
      id: users.id,
      orgRole: users.orgRole,
      memberships: sql<[string, string][]>`coalesce((select json_agg(json_build_array(${teamMemberships.teamId}, ${teamMemberships.role}))
        from ${teamMemberships} where ${teamMemberships.userId} = ${users.id}), '[]'::json)`,
    })
    .from(users)
    .where(eq(users.id, sql.placeholder("userId")))
    // Named: on a Postgres server each connection parses and plans it once (PGlite ignores the name).
    .prepare("hs_load_actor");
}

/** The statement built once per database handle (the query builder's work is not redone per request). */
const actorQueries = new WeakMap<DbOrTx, ReturnType<typeof actorQuery>>();

export async function loadActor(db: DbOrTx, userId: string, via: Actor["via"]): Promise<Actor | null> {
  // One round trip: every request of a signed-in caller starts here.
  let query = actorQueries.get(db);
  if (!query) actorQueries.set(db, (query = actorQuery(db)));
  const [user] = await query.execute({ userId });
  if (!user) return null;
  return {
    userId: user.id,
    orgRole: user.orgRole as OrgRole,
    teams: new Map(user.memberships.map(([teamId, role]) => [teamId, role as TeamRole])),
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
  /** A session unused for this long has ended. */
  sessionIdleMs: number;
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
      .select({ id: apiTokens.id, userId: apiTokens.userId, lastUsedAt: apiTokens.lastUsedAt })
      .from(apiTokens)
      .where(and(eq(apiTokens.tokenHash, hashSecret(creds.bearer)), isNull(apiTokens.revokedAt)));
    if (!token) throw new Unauthorized("The bearer token is not valid or has been revoked");
    // Like a session's lastSeenAt: written at most once a minute, not as a write on every request.
    const now = Date.now();
    if (!token.lastUsedAt || now - token.lastUsedAt.getTime() > SEEN_GRANULARITY_MS) {
      await db.update(apiTokens).set({ lastUsedAt: new Date(now) }).where(eq(apiTokens.id, token.id));
    }
    const actor = await loadActor(db, token.userId, "token");
    if (!actor) throw new Unauthorized("The bearer token's owner no longer exists");
    return actor;
  }
  if (creds.sessionCookie) {
    const now = Date.now();
    const idHash = hashSecret(creds.sessionCookie);
    const [session] = await db
      .select({ userId: sessions.userId, lastSeenAt: sessions.lastSeenAt })
      .from(sessions)
      .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, new Date(now)), gt(sessions.lastSeenAt, new Date(now - opts.sessionIdleMs))));
    if (session) {
      if (now - session.lastSeenAt.getTime() > SEEN_GRANULARITY_MS) {
        await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.idHash, idHash));
      }
      return loadActor(db, session.userId, "session");
    }
  }
  return null;
}

export type SessionMethod = (typeof sessions.$inferInsert)["method"] & string;

export interface NewSession {
  userId: string;
  method: SessionMethod;
  /** The absolute lifetime (HINDSIGHT_SESSION_MAX_HOURS). */
  maxAgeMs: number;
  /** For single sign-on: the provider's ID token, for RP-initiated logout. */
  oidcIdToken?: string | null;
  /** The session the browser held before, ended here so a session id is never reused across a sign-in (no fixation). */
  replaces?: string | null;
}

export async function createSession(db: DbOrTx, s: NewSession): Promise<{ secret: string; expiresAt: Date }> {
  if (s.replaces) await endSession(db, s.replaces);
  const secret = newSecret("hss_");
  const expiresAt = new Date(Date.now() + s.maxAgeMs);
  await db.insert(sessions).values({ idHash: hashSecret(secret), userId: s.userId, expiresAt, method: s.method, oidcIdToken: s.oidcIdToken ?? null });
  return { secret, expiresAt };
}

/** The session row behind a cookie (for sign-out: how it was started, and the ID token for the provider's logout). */
export async function findSession(db: DbOrTx, secret: string) {
  const [row] = await db.select().from(sessions).where(eq(sessions.idHash, hashSecret(secret)));
  return row ?? null;
}

/** Ends every session of a person (password changed or reset, or "sign out everywhere"); returns how many. */
export async function endAllSessions(db: DbOrTx, userId: string): Promise<number> {
  const ended = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.idHash });
  return ended.length;
}

/** Deletes sessions past their absolute end or idle for longer than the idle limit. */
export async function pruneSessions(db: DbOrTx, idleMs: number): Promise<number> {
  const now = Date.now();
  const expired = await db.delete(sessions).where(lt(sessions.expiresAt, new Date(now))).returning({ id: sessions.idHash });
  const idle = await db.delete(sessions).where(lt(sessions.lastSeenAt, new Date(now - idleMs))).returning({ id: sessions.idHash });
  return expired.length + idle.length;
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
