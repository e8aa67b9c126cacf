// Test setup through the product's own API, the way bots and scripts use it: tRPC over HTTP typed
// against AppRouter, acting with the configured admin token or as a person (their session cookie),
// and the REST surface at /api/v1 with a bearer token. Only for arranging data; the assertions go
// through the browser.
import type { AppRouter } from "@hindsight/api";
import { CSRF_HEADER, CSRF_HEADER_VALUE } from "@hindsight/domain";
import { createTRPCClient, httpLink, type TRPCClient } from "@trpc/client";
import { recordSecret } from "./record-secret.js";

export type Api = TRPCClient<AppRouter>;

export interface Person {
  id: string;
  handle: string;
  name: string;
  /** `hs_session=…`, to act as this person. */
  cookie: string;
}

function client(baseUrl: string, headers: Record<string, string>): Api {
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${baseUrl}/trpc`, headers })] });
}

export function adminApi(baseUrl: string, adminToken: string): Api {
  return client(baseUrl, { authorization: `Bearer ${adminToken}` });
}

export function apiAs(baseUrl: string, person: Pick<Person, "cookie">): Api {
  // A session cookie needs the portal's same-origin proof on mutations (the API's csrf plugin).
  return client(baseUrl, { cookie: person.cookie, [CSRF_HEADER]: CSRF_HEADER_VALUE });
}

/** The password of every account the e2e suite creates (long enough, not a common one). */
export const E2E_PASSWORD = "e2e amber lantern orchard";

/**
 * Creates a local account through auth.signUp, exactly as the sign-in page does, and keeps the session
 * cookie it sets so setup can act as that person.
 */
export async function createPerson(baseUrl: string, handle: string, name: string): Promise<Person> {
  recordSecret("password", E2E_PASSWORD);
  const res = await fetch(`${baseUrl}/trpc/auth.signUp`, {
    method: "POST",
    headers: { "content-type": "application/json", [CSRF_HEADER]: CSRF_HEADER_VALUE },
    body: JSON.stringify({ handle, name, password: E2E_PASSWORD }),
  });
  const body = (await res.json()) as { result?: { data: { id: string } }; error?: { message: string } };
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c?.startsWith("hs_session="));
  if (!res.ok || !body.result || !cookie) {
    throw new Error(`could not create ${handle}: HTTP ${res.status} ${body.error?.message ?? ""}`);
  }
  recordSecret("session cookie (sign-up)", cookie.slice("hs_session=".length));
  return { id: body.result.data.id, handle, name, cookie };
}

export interface RestEntry {
  id: string;
  slug: string;
  title: string;
}

/** POST /api/v1/entries: a published entry (REST publishes over blameless warnings, as CI does). */
export async function publishEntry(
  baseUrl: string,
  token: string,
  entry: { kind: string; title: string; body?: string; summary?: string; team?: string; tags?: string[]; fields?: Record<string, unknown>; visibility?: string },
): Promise<RestEntry> {
  const res = await fetch(`${baseUrl}/api/v1/entries`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(entry),
  });
  const body = (await res.json()) as { slug?: string; id?: string; error?: { message: string } };
  if (!res.ok || !body.slug || !body.id) throw new Error(`POST /api/v1/entries failed: HTTP ${res.status} ${JSON.stringify(body)}`);
  return { id: body.id, slug: body.slug, title: entry.title };
}
