// The caller of a request as the policy sees it. Apart from identity.ts's schemas (and free of zod),
// so the portal's permission checks do not bring the validation library onto every page that asks
// "may I edit this?".
import type { OrgRole, TeamRole } from "./identity.js";

/**
 * The caller of a request. `via` says how they authenticated; a bearer token acts with its
 * owner's rights (the admin token from configuration acts as the built-in admin).
 */
export interface Actor {
  userId: string;
  orgRole: OrgRole;
  /** team id -> role in that team */
  teams: ReadonlyMap<string, TeamRole>;
  via: "session" | "token" | "admin-token" | "system";
}

export function isAdmin(actor: Actor): boolean {
  return actor.orgRole === "admin";
}
