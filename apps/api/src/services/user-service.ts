// People: the local accounts of the embedded default, and "me" with team memberships.
import { Conflict, type CreateUserInput, type User } from "@hindsight/domain";
import { schema, type Db } from "@hindsight/db";
import { asc, eq, ne } from "@hindsight/db/orm";
import { ADMIN_HANDLE, toUser } from "../identity/identity.js";
import { audit } from "./audit.js";

const { users, teams, teamMemberships } = schema;

export interface Me extends User {
  teams: { id: string; slug: string; name: string; role: "member" | "maintainer" }[];
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
  return { ...toUser(row), teams: memberships };
}

/** People to pick from on the local sign-in page (the built-in admin is for tokens only). */
export async function listPeople(db: Db): Promise<{ id: string; handle: string; name: string }[]> {
  return db
    .select({ id: users.id, handle: users.handle, name: users.name })
    .from(users)
    .where(ne(users.handle, ADMIN_HANDLE))
    .orderBy(asc(users.name));
}

export async function createLocalUser(db: Db, input: CreateUserInput): Promise<User> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({ handle: input.handle, name: input.name, email: input.email ?? null })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new Conflict(`The handle ${input.handle} is taken`, { fieldErrors: { handle: ["is taken"] } });
    await audit(tx, { userId: row.id, orgRole: "member", teams: new Map(), via: "session" }, "user.create", "user", row.id);
    return toUser(row);
  });
}
