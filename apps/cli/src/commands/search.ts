// `hindsight search <query...>`: the ranked hits of GET /api/v1/search, each with the portal link and
// a plain-text snippet, or the hits as JSON for scripts.
import { ZEntryKind } from "@hindsight/domain";
import type { HindsightClient, SearchHit } from "../client.js";
import { UsageError } from "../errors.js";
import type { Io } from "../io.js";
import { entryUrl, plainSnippet } from "../text.js";

export interface SearchOptions {
  kind?: string[];
  team?: string[];
  limit: number;
  json: boolean;
}

/** The server answers at most this many hits per request; more are fetched page by page. */
const PAGE = 50;

export function parseKinds(values: string[] | undefined): string[] | undefined {
  if (!values?.length) return undefined;
  const kinds = values.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  for (const k of kinds) {
    if (!ZEntryKind.safeParse(k).success) throw new UsageError(`--kind ${k} is not a kind (one of ${ZEntryKind.options.join(", ")})`);
  }
  return kinds;
}

export async function search(words: string[], opts: SearchOptions, io: Io, client: HindsightClient): Promise<number> {
  const q = words.join(" ").trim();
  if (!q) throw new UsageError("give something to search for");
  const hits: SearchHit[] = [];
  let cursor: string | null = null;
  let total = 0;
  let estimate = false;
  let mode = "text";
  let weak = false;
  do {
    const page = await client.search({ q, kind: opts.kind, team: opts.team, limit: Math.min(PAGE, opts.limit - hits.length), cursor });
    if (cursor === null) {
      total = page.total;
      estimate = page.totalIsEstimate;
      mode = page.mode;
      weak = page.weakMatch;
    }
    hits.push(...page.hits);
    cursor = page.nextCursor;
  } while (cursor && hits.length < opts.limit);

  if (opts.json) {
    const out = hits.map((h) => ({ ...h, url: entryUrl(client.url, h.slug), text: plainSnippet(h.snippet) }));
    io.out(JSON.stringify({ query: q, total, totalIsEstimate: estimate, mode, weakMatch: weak, hits: out }, null, 2));
    return 0;
  }
  if (hits.length === 0) {
    io.out(`no entries match "${q}"`);
    return 0;
  }
  if (weak) io.out(`no clear answer for "${q}" yet; these only share some of its words:`);
  const width = String(hits.length).length;
  hits.forEach((h, i) => {
    const meta = [h.kind, h.team ? `team ${h.team}` : null, h.status !== "published" ? h.status : null, h.severity, h.fingerprintMatch ? "same error" : null]
      .filter(Boolean)
      .join(" · ");
    const pad = " ".repeat(width + 2);
    io.out(`${String(i + 1).padStart(width)}. ${h.title}  [${meta}]`);
    io.out(`${pad}${entryUrl(client.url, h.slug)}`);
    const text = plainSnippet(h.snippet);
    if (text) io.out(`${pad}${text}`);
  });
  const of = total > hits.length ? ` of ${estimate ? "about " : ""}${total}` : "";
  io.out(`${hits.length}${of} ${hits.length === 1 && !of ? "result" : "results"}${mode === "error" ? " (searched as an error message)" : ""}`);
  return 0;
}
