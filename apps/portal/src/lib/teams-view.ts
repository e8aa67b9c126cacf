// Pure logic behind the teams pages: who may manage a team (the domain's one policy, fed from the
// signed-in user), the slug a new team's name suggests, the form's checks against the schema the API
// enforces, and the people who can still be added to a team.
import { canManageTeam, slugify, ZCreateTeamInput, type Actor, type TeamRole } from "@hindsight/domain";
import type { Me } from "./trpc";

export const TEAM_ROLE_LABELS: Record<TeamRole, string> = { member: "Member", maintainer: "Maintainer" };

export const TEAM_ROLE_OPTIONS: { value: TeamRole; label: string }[] = [
  { value: "member", label: TEAM_ROLE_LABELS.member },
  { value: "maintainer", label: TEAM_ROLE_LABELS.maintainer },
];

export function isTeamRole(value: string): value is TeamRole {
  return value === "member" || value === "maintainer";
}

type Viewer = Pick<Me, "id" | "orgRole" | "teams">;

/** The viewer as the domain policy sees them, so the portal asks exactly what the API will check. */
function asActor(me: Viewer): Actor {
  return { userId: me.id, orgRole: me.orgRole, teams: new Map(me.teams.map((t) => [t.id, t.role])), via: "session" };
}

/** Admins and the team's maintainers manage its members. */
export function canManageMembers(me: Viewer, teamId: string): boolean {
  return canManageTeam(asActor(me), teamId);
}

export function myTeamRole(me: Pick<Me, "teams">, teamId: string): TeamRole | null {
  return me.teams.find((t) => t.id === teamId)?.role ?? null;
}

/** "Platform & SRE" -> "platform-sre": what the slug field suggests until someone edits it. */
export function slugFromName(name: string): string {
  // slugify falls back to "entry" for a title without letters; a team name like that suggests nothing.
  return /[a-z0-9]/i.test(name.normalize("NFKD")) ? slugify(name, 120) : "";
}

export interface NewTeamForm {
  name: string;
  slug: string;
  description: string;
}

export type NewTeamCheck =
  | { ok: true; input: { name: string; slug: string; description: string } }
  | { ok: false; errors: Partial<Record<keyof NewTeamForm, string>> };

/** The form against `ZCreateTeamInput`, with one message per field, worded for people. */
export function checkNewTeam(form: NewTeamForm): NewTeamCheck {
  const result = ZCreateTeamInput.safeParse(form);
  if (result.success) return { ok: true, input: result.data };
  const errors: Partial<Record<keyof NewTeamForm, string>> = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if (field !== "name" && field !== "slug" && field !== "description") continue;
    if (errors[field]) continue;
    errors[field] =
      field === "slug" && form.slug.trim() === ""
        ? "slug is required"
        : field === "name" && issue.code === "too_big"
          ? "name must be at most 120 characters"
          : issue.message;
  }
  return { ok: false, errors };
}

export interface Person {
  id: string;
  name: string;
  handle: string;
}

/** People not yet in the team, as picker options ("Name (@handle)"), by name. */
export function addablePeople(people: readonly Person[], memberIds: Iterable<string>): { value: string; label: string }[] {
  const members = new Set(memberIds);
  return people
    .filter((p) => !members.has(p.id))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => ({ value: p.id, label: `${p.name} (@${p.handle})` }));
}

export function memberCountText(count: number): string {
  return `${count} ${count === 1 ? "member" : "members"}`;
}

/** Maintainers first (they are whom people ask), then by name. */
export function sortMembers<T extends { name: string; role: TeamRole }>(members: readonly T[]): T[] {
  return [...members].sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name) : a.role === "maintainer" ? -1 : 1));
}
