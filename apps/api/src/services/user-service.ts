// People: "me" with team memberships, and everyone for pickers. Creating accounts is identity's job
// (identity/local-accounts.ts, identity/oidc.ts).
import type { User } from "@hindsight/domain";
import { schema, type Db } from "@hindsight/db";
import { asc, eq, ne } from "@hindsight/db/orm";
import { ADMIN_HANDLE, toUser } from "../identity/identity.js";

const { users, teams, teamMemberships } = schema;

export interface Me extends User {
  teams: { id: string; slug: string; name: string; role: "member" | "maintainer" }[];
  /** A local password is set (the portal then asks for it before a change). */
  hasPassword: boolean;
}

export async function getMe(db: Db, userId: string): Promise<Me | null> {
  const [row] = await db.select().from(users).where(eq(users.id, userId));
  if (!row) return null;
  const memberships = await db
    .select({ id: teams.id, slug: teams.slug, name: teams.name, role: teamMemberships.role })
    .from(teamMemberships)
    .innerJoin(teams, eq(teams.id, teamMemberships.teamId))
    .where(eq(teamMemberships.userId, userId))
    .orderBy(asc(teams.name));
  return { ...toUser(row), teams: memberships, hasPassword: row.passwordHash !== null };
}

/** People to pick from on the local sign-in page (the built-in admin is for tokens only). */
export async function listPeople(db: Db): Promise<{ id: string; handle: string; name: string }[]> {
  return db
    .select({ id: users.id, handle: users.handle, name: users.name })
    .from(users)
    .where(ne(users.handle, ADMIN_HANDLE))
    .orderBy(asc(users.name));
}
