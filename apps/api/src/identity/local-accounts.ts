// Local accounts: sign-in with a handle (or e-mail) and password, sign-up, password changes, and the
// first admin (from the one-time set-up token or `hindsight-admin create-admin`).
//
// Every refused sign-in looks the same from outside: one message, and the same work (an argon2
// verification, the failure counts, a failure row, an audit row) whether the password was wrong, the
// account unknown or locked out. Failures are counted in the database, so the limits hold across replicas.
import { Conflict, Forbidden, Invalid, Unauthorized, type Actor, type User } from "@hindsight/domain";
import { schema, type Db, type DbOrTx } from "@hindsight/db";
import { and, count, eq, gt, isNotNull, lt, ne, or, sql } from "@hindsight/db/orm";
import { audit } from "../services/audit.js";
import { ADMIN_HANDLE, endAllSessions, toUser } from "./identity.js";
import { hashPassword, passwordProblem, verifyPassword } from "./passwords.js";
import { hashSecret, newSecret } from "./secrets.js";

const { users, signInFailures, setupTokens, userIdentities } = schema;

/** The one answer to every refused sign-in, so it tells nobody which accounts exist or are locked. */
export const SIGN_IN_REFUSED =
  "That handle or e-mail and password did not match, or there were too many attempts. Check them, or wait 15 minutes and try again.";

export const FAILURE_WINDOW_MS = 15 * 60_000;
/** Failures within the window after which an account refuses even the right password. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** Failures within the window after which an address is refused for every account. */
export const MAX_FAILURES_PER_ADDRESS = 20;

export interface SignInAttempt {
  /** A handle or an e-mail address. */
  login: string;
  password: string;
  /** The client's address, for the per-address limit. */
  address: string;
}

const systemActor = (userId: string | null, orgRole: User["orgRole"] = "member"): Actor | null =>
  userId ? { userId, orgRole, teams: new Map(), via: "session" } : null;

/** The account a login names: by handle, or by e-mail when exactly one account has it. */
async function findByLogin(db: DbOrTx, login: string) {
  const folded = login.trim().toLowerCase();
  if (!folded || folded === ADMIN_HANDLE) return null;
  const rows = await db
    .select()
    .from(users)
    .where(or(eq(users.handle, folded), eq(sql`lower(${users.email})`, folded)))
    .limit(3);
  const byHandle = rows.find((r) => r.handle === folded);
  if (byHandle) return byHandle;
  return rows.length === 1 ? rows[0]! : null;
}

async function recentFailures(db: DbOrTx, where: ReturnType<typeof eq>): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(signInFailures)
    .where(and(where, gt(signInFailures.at, new Date(Date.now() - FAILURE_WINDOW_MS))));
  return Number(row?.n ?? 0);
}

/** Checks a password sign-in; returns the user, or throws Unauthorized(SIGN_IN_REFUSED). */
export async function signInWithPassword(db: Db, attempt: SignInAttempt): Promise<User> {
  const user = await findByLogin(db, attempt.login);
  const [accountFailures, addressFailures] = await Promise.all([
    user ? recentFailures(db, eq(signInFailures.userId, user.id)) : Promise.resolve(0),
    recentFailures(db, eq(signInFailures.address, attempt.address)),
  ]);
  const locked = accountFailures >= MAX_FAILURES_PER_ACCOUNT || addressFailures >= MAX_FAILURES_PER_ADDRESS;
  // Always verify (against a throw-away hash when there is nothing to check), so a refusal takes as long
  // for an unknown or locked account as for a wrong password.
  const matches = await verifyPassword(user?.passwordHash ?? null, attempt.password);
  if (!user || !matches || locked) {
    const reason = !user ? "unknown_account" : locked ? "locked" : user.passwordHash ? "wrong_password" : "no_password";
    await db.transaction(async (tx) => {
      await tx.insert(signInFailures).values({ userId: user?.id ?? null, address: attempt.address });
      // The audit row says who and why, never what was typed: not the password, and not an unknown
      // login either (people type their password into the name field).
      await audit(tx, systemActor(user?.id ?? null), "session.refused", "user", user?.id ?? null, { reason, address: attempt.address });
    });
    throw new Unauthorized(SIGN_IN_REFUSED);
  }
  await db.delete(signInFailures).where(eq(signInFailures.userId, user.id));
  return toUser(user);
}

/** Deletes failure rows no window looks at any more. */
export async function pruneSignInFailures(db: DbOrTx): Promise<void> {
  await db.delete(signInFailures).where(lt(signInFailures.at, new Date(Date.now() - 24 * 3600_000)));
}

export interface SignUpPolicy {
  enabled: boolean;
  domains: string[] | null;
}

export interface NewLocalAccount {
  handle: string;
  name: string;
  email?: string | null;
  password: string;
}

function checkPassword(input: NewLocalAccount): void {
  const problem = passwordProblem(input.password, input);
  if (problem) throw new Invalid(problem, { password: [problem] });
}

/** Creates a local account with a password (inside the caller's transaction). */
export async function insertLocalAccount(tx: DbOrTx, input: NewLocalAccount, orgRole: User["orgRole"]): Promise<User> {
  checkPassword(input);
  const passwordHash = await hashPassword(input.password);
  const [row] = await tx
    .insert(users)
    .values({ handle: input.handle, name: input.name, email: input.email ?? null, orgRole, passwordHash, passwordChangedAt: new Date() })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new Conflict(`The handle ${input.handle} is taken`, { fieldErrors: { handle: ["is taken"] } });
  await audit(tx, systemActor(row.id, orgRole), "user.create", "user", row.id, { method: "password", orgRole });
  return toUser(row);
}

/** Self-service sign-up, as the configuration allows it. */
export async function signUpLocal(db: Db, policy: SignUpPolicy, input: NewLocalAccount): Promise<User> {
  if (!policy.enabled) throw new Forbidden("Sign-up is turned off on this Hindsight (HINDSIGHT_SIGNUP=false); ask an admin for an account");
  if (policy.domains) {
    const domain = input.email?.split("@")[1]?.toLowerCase();
    if (!domain || !policy.domains.includes(domain)) {
      const message = `sign-up needs an e-mail address at ${policy.domains.join(" or ")}`;
      throw new Invalid(message, { email: [message] });
    }
  }
  return db.transaction((tx) => insertLocalAccount(tx, input, "member"));
}

/**
 * Sets a new password and ends every session of the person (a stolen session dies with the old
 * password). A person with a password must give the current one; one without (signed up through
 * single sign-on or the demo) may set a first one.
 */
export async function changePassword(db: Db, userId: string, current: string | null, next: string, address: string): Promise<void> {
  const [row] = await db.select().from(users).where(eq(users.id, userId));
  if (!row) throw new Unauthorized();
  if (row.passwordHash) {
    const ok = await verifyPassword(row.passwordHash, current ?? "");
    if (!ok) {
      await db.insert(signInFailures).values({ userId, address });
      const message = "current password is not right";
      throw new Invalid(message, { currentPassword: [message] });
    }
  }
  const problem = passwordProblem(next, row);
  if (problem) throw new Invalid(problem, { newPassword: [problem] });
  const passwordHash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, userId));
    await endAllSessions(tx, userId);
    await audit(tx, systemActor(userId, row.orgRole), "user.password_change", "user", userId);
  });
}

// ------------------------------------------------------------------------------------------------
// The first admin
// ------------------------------------------------------------------------------------------------

const SETUP_TOKEN_TTL_MS = 24 * 3600_000;

/** True while no admin can sign in (by password or single sign-on): the built-in token admin does not count. */
export async function needsFirstAdmin(db: DbOrTx): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(
      and(
        eq(users.orgRole, "admin"),
        ne(users.handle, ADMIN_HANDLE),
        or(isNotNull(users.passwordHash), sql`exists (select 1 from ${userIdentities} where ${userIdentities.userId} = ${users.id})`),
      ),
    );
  return Number(row?.n ?? 0) === 0;
}

/** A one-time token that lets its holder create the first admin; only its hash is stored. */
export async function issueSetupToken(db: DbOrTx): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret("hsu_");
  const expiresAt = new Date(Date.now() + SETUP_TOKEN_TTL_MS);
  await db.delete(setupTokens).where(lt(setupTokens.expiresAt, new Date()));
  await db.insert(setupTokens).values({ tokenHash: hashSecret(token), expiresAt });
  return { token, expiresAt };
}

export const SETUP_REFUSED = "This set-up link is not valid: it was used already, has expired, or an admin exists. Ask your admin, or run `hindsight-admin create-admin`.";

/** Redeems a set-up token for the first admin account, once; every other token stops working with it. */
export async function createFirstAdmin(db: Db, token: string, input: NewLocalAccount): Promise<User> {
  return db.transaction(async (tx) => {
    // Serialises concurrent redemptions: only one first admin.
    await tx.execute(sql`select pg_advisory_xact_lock(7204311)`);
    const [row] = await tx.select().from(setupTokens).where(eq(setupTokens.tokenHash, hashSecret(token))).for("update");
    if (!row || row.usedAt || row.expiresAt.getTime() < Date.now() || !(await needsFirstAdmin(tx))) throw new Unauthorized(SETUP_REFUSED);
    const user = await insertLocalAccount(tx, input, "admin");
    await tx.update(setupTokens).set({ usedAt: new Date() });
    return user;
  });
}

/** `hindsight-admin create-admin`: a new admin with a password, or an existing account made admin with a new password. */
export async function createOrPromoteAdmin(db: Db, input: NewLocalAccount): Promise<{ user: User; created: boolean }> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(users).where(eq(users.handle, input.handle)).for("update");
    if (!existing) return { user: await insertLocalAccount(tx, input, "admin"), created: true };
    if (existing.handle === ADMIN_HANDLE) throw new Invalid(`${ADMIN_HANDLE} is the built-in token admin; choose another handle`);
    checkPassword({ ...input, name: existing.name, email: existing.email });
    const passwordHash = await hashPassword(input.password);
    const [row] = await tx
      .update(users)
      .set({ orgRole: "admin", passwordHash, passwordChangedAt: new Date() })
      .where(eq(users.id, existing.id))
      .returning();
    await endAllSessions(tx, existing.id);
    await audit(tx, systemActor(existing.id, "admin"), "user.promote_admin", "user", existing.id, { via: "hindsight-admin" });
    return { user: toUser(row!), created: false };
  });
}
