// The one visibility policy: who may read and write what. Services call these functions, and the
// database layer turns `readScope` into the SQL predicate, so a list can never show what a get hides.
import { isAdmin, type Actor } from "./actor.js";
import type { EntryStatus, Grants, Visibility } from "./entry.js";

/** The parts of an entry the policy looks at. */
export interface GuardedEntry {
  authorId: string;
  teamId: string | null;
  visibility: Visibility;
  status: EntryStatus;
  grants: Grants;
}

/** Statuses everyone in the org may see on an org-visible entry; drafts stay with their team. */
export const ORG_READABLE_STATUSES: readonly EntryStatus[] = ["published", "archived"];

function inTeam(actor: Actor, teamId: string | null): boolean {
  return teamId !== null && actor.teams.has(teamId);
}

function granted(actor: Actor, grants: Grants): boolean {
  return grants.userIds.includes(actor.userId) || grants.teamIds.some((t) => actor.teams.has(t));
}

/**
 * Read rules:
 * - admins read everything, authors read their own entries, explicit grants always give read;
 * - `org`: everyone once published (or archived); drafts and reviews only the owner team;
 * - `team`: members of the owner team;
 * - `restricted`: only the author, grantees and admins (not the whole owner team).
 */
export function canReadEntry(actor: Actor, e: GuardedEntry): boolean {
  if (isAdmin(actor) || e.authorId === actor.userId || granted(actor, e.grants)) return true;
  switch (e.visibility) {
    case "org":
      return ORG_READABLE_STATUSES.includes(e.status) || inTeam(actor, e.teamId);
    case "team":
      return inTeam(actor, e.teamId);
    case "restricted":
      return false;
  }
}

/** Write rules: admins, the author, and members of the owner team (who must also be able to read it). */
export function canWriteEntry(actor: Actor, e: GuardedEntry): boolean {
  if (!canReadEntry(actor, e)) return false;
  return isAdmin(actor) || e.authorId === actor.userId || inTeam(actor, e.teamId);
}

/** Anyone may publish to no team; publishing for a team takes membership of it. */
export function canCreateForTeam(actor: Actor, teamId: string | null): boolean {
  return teamId === null || isAdmin(actor) || actor.teams.has(teamId);
}

/** Team administration: org admins and the team's maintainers. */
export function canManageTeam(actor: Actor, teamId: string): boolean {
  return isAdmin(actor) || actor.teams.get(teamId) === "maintainer";
}

/** Collections are curated by their owner team (any member) or admins; a team-less one by its creator. */
export function canCurateCollection(actor: Actor, c: { teamId: string | null; createdBy: string }): boolean {
  return isAdmin(actor) || c.createdBy === actor.userId || inTeam(actor, c.teamId);
}

/**
 * The read rules as data, for query builders: `all` or the facts a row is checked against.
 * Data layers must express exactly `canReadEntry` with these.
 */
export type ReadScope =
  | { all: true }
  | { all: false; userId: string; teamIds: string[]; orgReadableStatuses: readonly EntryStatus[] };

export function readScope(actor: Actor): ReadScope {
  if (isAdmin(actor)) return { all: true };
  return { all: false, userId: actor.userId, teamIds: [...actor.teams.keys()], orgReadableStatuses: ORG_READABLE_STATUSES };
}
