// Users, teams, memberships and the Actor: who is making a request, as the policy sees them.
import { z } from "zod";

export const ORG_ROLES = ["member", "admin"] as const;
export const ZOrgRole = z.enum(ORG_ROLES);
export type OrgRole = z.infer<typeof ZOrgRole>;

export const TEAM_ROLES = ["member", "maintainer"] as const;
export const ZTeamRole = z.enum(TEAM_ROLES);
export type TeamRole = z.infer<typeof ZTeamRole>;

export const ZHandle = z
  .string()
  .trim()
  .min(2, "handle must be at least 2 characters")
  .max(40, "handle must be at most 40 characters")
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "handle may use lowercase letters, digits, '.', '_' and '-'");

export const ZSlug = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "slug must be lowercase words joined by '-'");

export const ZUser = z.object({
  id: z.string().uuid(),
  handle: ZHandle,
  name: z.string().min(1).max(120),
  email: z.string().email().nullable(),
  orgRole: ZOrgRole,
  createdAt: z.coerce.date(),
});
export type User = z.infer<typeof ZUser>;

export const ZCreateUserInput = z.object({
  handle: ZHandle,
  name: z.string().trim().min(1, "name is required").max(120),
  email: z.string().trim().email("email must be a valid address").optional(),
});
export type CreateUserInput = z.infer<typeof ZCreateUserInput>;

/** The length rule of local passwords; the API also refuses common passwords and the person's own name. */
export const PASSWORD_MIN_LENGTH = 12;
export const ZNewPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(256, "password must be at most 256 characters");

export const ZSignUpInput = ZCreateUserInput.extend({ password: ZNewPassword });
export type SignUpInput = z.infer<typeof ZSignUpInput>;

export const ZSignInInput = z.object({
  login: z.string().trim().min(1, "handle or e-mail is required").max(254),
  // Not the new-password rule: an old password may be shorter, and the answer must not say so.
  password: z.string().min(1, "password is required").max(256, "password must be at most 256 characters"),
});
export type SignInInput = z.infer<typeof ZSignInInput>;

export const ZFirstAdminInput = ZSignUpInput.extend({ token: z.string().trim().min(1, "the set-up token is required").max(200) });
export type FirstAdminInput = z.infer<typeof ZFirstAdminInput>;

export const ZChangePasswordInput = z.object({
  currentPassword: z.string().max(256).optional(),
  newPassword: ZNewPassword,
});
export type ChangePasswordInput = z.infer<typeof ZChangePasswordInput>;

/** What the sign-in page needs to know to offer the right ways in (public). */
export const ZAuthOptions = z.object({
  demo: z.boolean(),
  localLogin: z.boolean(),
  signup: z.object({ enabled: z.boolean(), domains: z.array(z.string()).nullable() }),
  sso: z.object({ name: z.string(), startUrl: z.string() }).nullable(),
  /** No admin can sign in yet: the set-up link printed at start (or `hindsight-admin create-admin`) makes one. */
  setupRequired: z.boolean(),
});
export type AuthOptions = z.infer<typeof ZAuthOptions>;

export const ZTeam = z.object({
  id: z.string().uuid(),
  slug: ZSlug,
  name: z.string().min(1).max(120),
  description: z.string().max(2000),
  createdAt: z.coerce.date(),
});
export type Team = z.infer<typeof ZTeam>;

export const ZCreateTeamInput = z.object({
  slug: ZSlug,
  name: z.string().trim().min(1, "name is required").max(120),
  description: z.string().max(2000).default(""),
});
export type CreateTeamInput = z.infer<typeof ZCreateTeamInput>;

export const ZTeamMember = z.object({
  userId: z.string().uuid(),
  handle: z.string(),
  name: z.string(),
  role: ZTeamRole,
});
export type TeamMember = z.infer<typeof ZTeamMember>;

export { isAdmin, type Actor } from "./actor.js";
