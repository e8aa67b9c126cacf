// Teams and memberships. Listing is open to every signed-in person; changes need admin or maintainer.
import {
  canManageTeam,
  Conflict,
  Forbidden,
  isAdmin,
  NotFound,
  type CreateTeamInput,
  type Team,
  type TeamMember,
  type TeamRole,
} from "@hindsight/domain";
import { schema } from "@hindsight/db";
import { and, asc, count, eq, getTableColumns } from "@hindsight/db/orm";
import { audit } from "./audit.js";
import type { ServiceContext } from "./context.js";

const { teams, teamMemberships, users } = schema;

/** Every team with its number of members (the portal's team list shows the size of each). */
export async function listTeams(ctx: ServiceContext): Promise<(Team & { memberCount: number })[]> {
  return ctx.db
    .select({ ...getTableColumns(teams), memberCount: count(teamMemberships.userId) })
    .from(teams)
    .leftJoin(teamMemberships, eq(teamMemberships.teamId, teams.id))
    .groupBy(teams.id)
    .orderBy(asc(teams.name));
}

export async function getTeam(ctx: ServiceContext, by: { id: string } | { slug: string }): Promise<Team & { members: TeamMember[] }> {
  const [team] = await ctx.db
    .select()
    .from(teams)
    .where("id" in by ? eq(teams.id, by.id) : eq(teams.slug, by.slug));
  if (!team) throw new NotFound("Team");
  const members = await ctx.db
    .select({ userId: users.id, handle: users.handle, name: users.name, role: teamMemberships.role })
    .from(teamMemberships)
    .innerJoin(users, eq(users.id, teamMemberships.userId))
    .where(eq(teamMemberships.teamId, team.id))
    .orderBy(asc(users.name));
  return { ...team, members };
}

export async function createTeam(ctx: ServiceContext, input: CreateTeamInput): Promise<Team> {
  if (!isAdmin(ctx.actor)) throw new Forbidden("Only admins create teams");
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(teams).values(input).onConflictDoNothing().returning();
    if (!row) throw new Conflict(`A team with slug ${input.slug} already exists`);
    // The creator maintains the new team, so it is never orphaned.
    await tx.insert(teamMemberships).values({ teamId: row.id, userId: ctx.actor.userId, role: "maintainer" });
    await audit(tx, ctx.actor, "team.create", "team", row.id, { slug: row.slug });
    return row;
  });
}

export async function setMembership(ctx: ServiceContext, teamId: string, userId: string, role: TeamRole | null): Promise<void> {
  if (!canManageTeam(ctx.actor, teamId)) throw new Forbidden("Only admins and the team's maintainers manage members");
  await ctx.db.transaction(async (tx) => {
    const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId));
    if (!team) throw new NotFound("Team");
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!user) throw new NotFound("User");
    // A team keeps at least one maintainer. The maintainers' rows are locked, so two maintainers
    // stepping down at once cannot both pass this check.
    const maintainers = await tx
      .select({ userId: teamMemberships.userId })
      .from(teamMemberships)
      .where(and(eq(teamMemberships.teamId, teamId), eq(teamMemberships.role, "maintainer")))
      .for("update");
    const stepsDown = role !== "maintainer" && maintainers.some((m) => m.userId === userId);
    if (stepsDown && maintainers.length === 1) {
      throw new Conflict("A team needs at least one maintainer: make someone else a maintainer first");
    }
    if (role === null) {
      await tx.delete(teamMemberships).where(and(eq(teamMemberships.teamId, teamId), eq(teamMemberships.userId, userId)));
    } else {
      await tx
        .insert(teamMemberships)
        .values({ teamId, userId, role })
        .onConflictDoUpdate({ target: [teamMemberships.teamId, teamMemberships.userId], set: { role } });
    }
    await audit(tx, ctx.actor, role ? "team.member_set" : "team.member_remove", "team", teamId, { userId, role });
  });
}

/** Resolves a team given by slug or id (REST accepts either). */
export async function resolveTeamRef(ctx: ServiceContext, ref: string): Promise<string | null> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
  const [row] = await ctx.db
    .select({ id: teams.id })
    .from(teams)
    .where(isUuid ? eq(teams.id, ref) : eq(teams.slug, ref));
  return row?.id ?? null;
}
