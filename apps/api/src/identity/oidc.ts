// Single sign-on with OpenID Connect (openid-client): the authorization code flow with PKCE, state and
// nonce; just-in-time provisioning of people by the provider's (issuer, subject); and the groups claim
// mapped to team memberships and the admin role (HINDSIGHT_OIDC_GROUP_MAP). Memberships that came from
// the provider are marked `oidc` and re-applied at every sign-in, so a group removed at the provider
// removes the team's rights at the next sign-in; memberships managed in the portal are left alone.
import { createHash } from "node:crypto";
import { schema, type Db, type Tx } from "@hindsight/db";
import { and, eq, inArray, lt } from "@hindsight/db/orm";
import type { User } from "@hindsight/domain";
import * as client from "openid-client";
import type { Config, GroupGrant } from "../config.js";
import { audit } from "../services/audit.js";
import { ADMIN_HANDLE, toUser } from "./identity.js";
import { hashSecret } from "./secrets.js";

const { users, teams, teamMemberships, userIdentities, oidcLoginStates } = schema;

export type OidcSettings = NonNullable<Config["auth"]["oidc"]>;

export const OIDC_STATE_COOKIE = "hs_oidc_state";
export const OIDC_CALLBACK_PATH = "/auth/oidc/callback";
const LOGIN_TTL_MS = 10 * 60_000;

/** A sign-in that cannot go on, with a message a person can act on. */
export class OidcSignInError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OidcSignInError";
  }
}

/**
 * openid-client wraps the specific reason (`unexpected ID Token "nonce" claim value`) in a general
 * one (`unexpected JWT claim value encountered`): say both, so a person and an operator see which check failed.
 */
export function describeOidcFailure(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e instanceof Error && parts.length < 3; e = e.cause) {
    if (!parts.includes(e.message)) parts.push(e.message);
  }
  return parts.join(": ") || String(err);
}

export interface OidcClient {
  settings: OidcSettings;
  redirectUri: string;
  postLogoutRedirectUri: string;
  /** The provider's configuration, discovered on first use (and again after a failure), never at boot. */
  configuration(): Promise<client.Configuration>;
}

export function createOidcClient(settings: OidcSettings, publicUrl: string): OidcClient {
  let pending: Promise<client.Configuration> | null = null;
  const discover = async () => {
    const insecure = new URL(settings.issuer).protocol === "http:";
    return client.discovery(
      new URL(settings.issuer),
      settings.clientId,
      settings.clientSecret ?? undefined,
      settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None(),
      // Plain http only when the issuer itself is configured as http (a provider on the same host or in a test).
      insecure ? { execute: [client.allowInsecureRequests] } : undefined,
    );
  };
  return {
    settings,
    redirectUri: `${publicUrl}${OIDC_CALLBACK_PATH}`,
    postLogoutRedirectUri: `${publicUrl}/sign-in`,
    configuration() {
      pending ??= discover().catch((err: unknown) => {
        pending = null;
        throw new OidcSignInError(`The identity provider at ${settings.issuer} could not be reached or described itself wrongly (${describeOidcFailure(err)}). Try again in a moment.`);
      });
      return pending;
    },
  };
}

/** Begins a sign-in: stores state, nonce and the PKCE verifier, and returns where to send the browser. */
export async function beginOidcSignIn(db: Db, oidc: OidcClient, returnTo: string): Promise<{ url: string; state: string }> {
  const config = await oidc.configuration();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  await db.delete(oidcLoginStates).where(lt(oidcLoginStates.expiresAt, new Date()));
  await db.insert(oidcLoginStates).values({ stateHash: hashSecret(state), nonce, codeVerifier, returnTo, expiresAt: new Date(Date.now() + LOGIN_TTL_MS) });
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: oidc.redirectUri,
    scope: oidc.settings.scopes,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
  });
  return { url: url.href, state };
}

export interface OidcSignInResult {
  user: User;
  idToken: string | null;
  returnTo: string;
}

/**
 * Finishes a sign-in from the provider's redirect. Refuses a state this browser did not start, an
 * expired or reused one, and anything openid-client refuses (issuer, nonce, PKCE, signatures).
 */
export async function completeOidcSignIn(db: Db, oidc: OidcClient, currentUrl: URL, browserState: string | null): Promise<OidcSignInResult> {
  const params = currentUrl.searchParams;
  const providerError = params.get("error");
  if (providerError) {
    const description = params.get("error_description");
    throw new OidcSignInError(`The identity provider refused the sign-in: ${providerError}${description ? ` (${description})` : ""}.`);
  }
  const state = params.get("state");
  if (!state) throw new OidcSignInError("The sign-in response has no state parameter; start the sign-in again from Hindsight.");
  if (!browserState || browserState !== state) {
    throw new OidcSignInError("The sign-in response does not belong to a sign-in started in this browser (state mismatch). Start again from Hindsight.");
  }
  const [pending] = await db.delete(oidcLoginStates).where(eq(oidcLoginStates.stateHash, hashSecret(state))).returning();
  if (!pending || pending.expiresAt.getTime() < Date.now()) {
    throw new OidcSignInError("This sign-in has expired or was already used (unknown state). Start again from Hindsight.");
  }
  const config = await oidc.configuration();
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    // Only the response parameters: the callback URL as the provider was told it (behind a proxy the
    // request's own host may differ).
    const callback = new URL(oidc.redirectUri);
    callback.search = currentUrl.search;
    tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
  } catch (err) {
    throw new OidcSignInError(`The identity provider's answer was refused: ${describeOidcFailure(err)}. Start again from Hindsight.`);
  }
  const claims = tokens.claims();
  if (!claims) throw new OidcSignInError("The identity provider sent no ID token.");
  let profile: Record<string, unknown> = { ...claims };
  // Some providers put profile claims and groups only in the userinfo response.
  if (!Array.isArray(profile[oidc.settings.groupsClaim]) || !profile.email) {
    try {
      profile = { ...(await client.fetchUserInfo(config, tokens.access_token, claims.sub)), ...profile };
    } catch {
      // userinfo is optional; what the ID token holds is enough.
    }
  }
  const user = await provisionFromClaims(db, oidc.settings, claims.iss, claims.sub, profile);
  return { user, idToken: tokens.id_token ?? null, returnTo: pending.returnTo };
}

function groupsOf(profile: Record<string, unknown>, claim: string): string[] {
  const raw = profile[claim];
  if (Array.isArray(raw)) return raw.filter((g): g is string => typeof g === "string");
  if (typeof raw === "string") return raw.split(/[\s,]+/).filter(Boolean);
  return [];
}

function handleCandidate(profile: Record<string, unknown>, subject: string): string {
  const email = typeof profile.email === "string" ? profile.email : "";
  const raw = [profile.preferred_username, email.split("@")[0], profile.nickname].find((v): v is string => typeof v === "string" && v.trim() !== "") ?? `user-${subject}`;
  const cleaned = raw
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[^a-z0-9]+/, "")
    .slice(0, 32)
    .replace(/[._-]+$/, "");
  return cleaned.length >= 2 && cleaned !== ADMIN_HANDLE ? cleaned : `user-${createHash("sha256").update(subject).digest("hex").slice(0, 8)}`;
}

/** What the groups give: each mapped team with the highest role any group grants, and whether any grants admin. */
export function grantsFor(groups: string[], map: Map<string, GroupGrant[]>): { teams: Map<string, "member" | "maintainer">; admin: boolean } {
  const teamsOut = new Map<string, "member" | "maintainer">();
  let admin = false;
  for (const group of groups) {
    for (const grant of map.get(group) ?? []) {
      if ("admin" in grant) admin = true;
      else if (teamsOut.get(grant.team) !== "maintainer") teamsOut.set(grant.team, grant.role);
    }
  }
  return { teams: teamsOut, admin };
}

/** Just-in-time provisioning and group sync, in one transaction. */
export async function provisionFromClaims(db: Db, settings: OidcSettings, issuer: string, subject: string, profile: Record<string, unknown>): Promise<User> {
  const groups = groupsOf(profile, settings.groupsClaim);
  const wanted = grantsFor(groups, settings.groupMap);
  const mapsAdmin = [...settings.groupMap.values()].some((grants) => grants.some((g) => "admin" in g));
  const name = (typeof profile.name === "string" && profile.name.trim()) || (typeof profile.preferred_username === "string" && profile.preferred_username) || subject;
  const email = typeof profile.email === "string" && profile.email_verified !== false ? profile.email : null;

  return db.transaction(async (tx) => {
    const [identity] = await tx.select().from(userIdentities).where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, subject))).for("update");
    let userId: string;
    let created = false;
    if (identity) {
      userId = identity.userId;
      await tx.update(userIdentities).set({ groups, lastSignInAt: new Date() }).where(eq(userIdentities.id, identity.id));
      await tx.update(users).set({ name: name.slice(0, 120), email }).where(eq(users.id, userId));
    } else {
      userId = await insertProvisionedUser(tx, handleCandidate(profile, subject), name.slice(0, 120), email);
      created = true;
      await tx.insert(userIdentities).values({ issuer, subject, userId, groups });
    }
    const orgRole = mapsAdmin ? (wanted.admin ? "admin" : "member") : undefined;
    if (orgRole) await tx.update(users).set({ orgRole }).where(eq(users.id, userId));
    const [row] = await tx.select().from(users).where(eq(users.id, userId));
    const actor = { userId, orgRole: row!.orgRole, teams: new Map(), via: "session" as const };
    if (created) await audit(tx, actor, "user.create", "user", userId, { method: "oidc" });
    const changes = await syncMemberships(tx, userId, wanted.teams);
    if (changes.added.length || changes.removed.length || changes.changed.length) {
      await audit(tx, actor, "team.membership_sync", "user", userId, { source: "oidc", ...changes });
    }
    return toUser(row!);
  });
}

async function insertProvisionedUser(tx: Tx, base: string, name: string, email: string | null): Promise<string> {
  for (let n = 1; n < 1000; n++) {
    const handle = n === 1 ? base : `${base.slice(0, 36)}-${n}`;
    const [row] = await tx.insert(users).values({ handle, name, email }).onConflictDoNothing().returning({ id: users.id });
    if (row) return row.id;
  }
  throw new OidcSignInError("Could not choose a free handle for this account.");
}

async function syncMemberships(tx: Tx, userId: string, wanted: Map<string, "member" | "maintainer">) {
  const slugs = [...wanted.keys()];
  // Teams named by the mapping are created on first use, so the mapping is the whole set-up.
  if (slugs.length) await tx.insert(teams).values(slugs.map((slug) => ({ slug, name: slug }))).onConflictDoNothing();
  const wantedTeams = slugs.length ? await tx.select({ id: teams.id, slug: teams.slug }).from(teams).where(inArray(teams.slug, slugs)) : [];
  const wantedById = new Map(wantedTeams.map((t) => [t.id, { slug: t.slug, role: wanted.get(t.slug)! }]));
  const current = await tx
    .select({ teamId: teamMemberships.teamId, role: teamMemberships.role, source: teamMemberships.source, slug: teams.slug })
    .from(teamMemberships)
    .innerJoin(teams, eq(teams.id, teamMemberships.teamId))
    .where(eq(teamMemberships.userId, userId));
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  for (const m of current) {
    const want = wantedById.get(m.teamId);
    if (!want) {
      if (m.source === "oidc") {
        await tx.delete(teamMemberships).where(and(eq(teamMemberships.teamId, m.teamId), eq(teamMemberships.userId, userId)));
        removed.push(m.slug);
      }
    } else if (m.role !== want.role || m.source !== "oidc") {
      await tx.update(teamMemberships).set({ role: want.role, source: "oidc" }).where(and(eq(teamMemberships.teamId, m.teamId), eq(teamMemberships.userId, userId)));
      if (m.role !== want.role) changed.push(`${m.slug}:${want.role}`);
    }
  }
  const have = new Set(current.map((m) => m.teamId));
  for (const [teamId, want] of wantedById) {
    if (have.has(teamId)) continue;
    await tx.insert(teamMemberships).values({ teamId, userId, role: want.role, source: "oidc" });
    added.push(`${want.slug}:${want.role}`);
  }
  return { added, removed, changed };
}

/** Where to send the browser to end the session at the provider too (RP-initiated logout), when it supports that. */
export async function oidcLogoutUrl(oidc: OidcClient, idToken: string | null): Promise<string | null> {
  let config: client.Configuration;
  try {
    config = await oidc.configuration();
  } catch {
    return null;
  }
  if (!config.serverMetadata().end_session_endpoint) return null;
  const params: Record<string, string> = { post_logout_redirect_uri: oidc.postLogoutRedirectUri, client_id: oidc.settings.clientId };
  if (idToken) params.id_token_hint = idToken;
  return client.buildEndSessionUrl(config, params).href;
}
