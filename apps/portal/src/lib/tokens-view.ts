// Pure logic behind the API tokens page: the copyable examples (built from the portal's real origin,
// so they work when pasted) and how a token's state reads.
import type { DateLike } from "./format";

/** The environment variable the examples read the token from, so the secret never sits in shell history. */
export const TOKEN_ENV = "HINDSIGHT_TOKEN";

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export interface TokenExamples {
  search: string;
  importMarkdown: string;
  publishEntry: string;
}

/** curl examples against this Hindsight (REST v1: search, markdown import, publishing an entry). */
export function tokenExamples(origin: string): TokenExamples {
  const base = origin.replace(/\/+$/, "");
  const auth = `-H "Authorization: Bearer $${TOKEN_ENV}"`;
  const markdown = JSON.stringify({
    kind: "runbook",
    markdown: "# Restarting the queue workers\n\n## Mitigation\n\nRestart one worker at a time.",
  });
  const entry = JSON.stringify({ kind: "fix", title: "Connection pool exhausted", body: "Raise the pool size…" });
  return {
    search: `curl ${auth} \\\n  "${base}/api/v1/search?q=connection+pool"`,
    importMarkdown: `curl ${auth} \\\n  -H "content-type: application/json" \\\n  -d ${shellQuote(markdown)} \\\n  "${base}/api/v1/import/markdown"`,
    publishEntry: `curl ${auth} \\\n  -H "content-type: application/json" \\\n  -d ${shellQuote(entry)} \\\n  "${base}/api/v1/entries"`,
  };
}

export interface TokenLike {
  revokedAt: DateLike;
  lastUsedAt: DateLike;
}

export type TokenState = "active" | "revoked";

export function tokenState(token: Pick<TokenLike, "revokedAt">): TokenState {
  return token.revokedAt ? "revoked" : "active";
}

/** Active tokens first (those are the ones to act on); the API's newest-first order within each. */
export function orderTokens<T extends Pick<TokenLike, "revokedAt">>(tokens: readonly T[]): T[] {
  return [...tokens.filter((t) => !t.revokedAt), ...tokens.filter((t) => t.revokedAt)];
}
