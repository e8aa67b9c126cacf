// `hindsight export <dir>`: a backup of every entry the token may read, as the docs-as-code files
// `publish` reads (<dir>/<kind>/<slug>.md, YAML front matter + body), so publishing the folder again
// round-trips. The REST surface has no list endpoint, so the entries are paged through search in
// browse mode (an empty query, newest first), which applies the same read rules.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { ApiError, type HindsightClient, type SearchHit } from "../client.js";
import type { Io } from "../io.js";
import { startProgress } from "../progress.js";

export interface ExportOptions {
  kind?: string[];
}

const PAGE = 50;
const PARALLEL = 4;

/** A path segment the server generated (kind, slug), made safe for any file system. */
function segment(s: string): string {
  const safe = s.replace(/[^a-zA-Z0-9._-]+/g, "-").replace(/^[.-]+/, "");
  return safe || "entry";
}

export async function exportEntries(dir: string, opts: ExportOptions, io: Io, client: HindsightClient): Promise<number> {
  const root = path.resolve(dir);
  const hits: SearchHit[] = [];
  const seen = new Set<string>();
  let cursor: string | null = null;
  let total = 0;
  do {
    const page = await client.search({ q: "", kind: opts.kind, sort: "newest", limit: PAGE, cursor });
    if (cursor === null) total = page.total;
    for (const h of page.hits) {
      // Pages are offsets over a list that may change meanwhile; an entry is written once.
      if (!seen.has(h.id)) {
        seen.add(h.id);
        hits.push(h);
      }
    }
    cursor = page.nextCursor;
  } while (cursor);

  await mkdir(root, { recursive: true });
  const progress = startProgress(io, "exporting", hits.length, "entries");
  const byKind: Record<string, number> = {};
  const gone: string[] = [];
  const used = new Set<string>();
  let next = 0;
  const worker = async () => {
    while (next < hits.length) {
      const h = hits[next++]!;
      let markdown: string;
      try {
        markdown = await client.entryMarkdown(h.id);
      } catch (err) {
        // Deleted or hidden since it was listed: nothing to back up.
        if (err instanceof ApiError && err.status === 404) {
          gone.push(h.title);
          progress.advance();
          continue;
        }
        throw err;
      }
      let rel = `${segment(h.kind)}/${segment(h.slug)}.md`;
      for (let n = 2; used.has(rel); n += 1) rel = `${segment(h.kind)}/${segment(h.slug)}-${n}.md`;
      used.add(rel);
      await mkdir(path.join(root, segment(h.kind)), { recursive: true });
      await writeFile(path.join(root, rel), markdown, "utf8");
      byKind[h.kind] = (byKind[h.kind] ?? 0) + 1;
      progress.advance();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(PARALLEL, hits.length) }, worker));
  } finally {
    progress.stop();
  }

  const written = Object.values(byKind).reduce((a, b) => a + b, 0);
  const kinds = Object.entries(byKind)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
  io.out(`exported ${written} entries to ${dir}${kinds ? ` (${kinds})` : ""}`);
  if (total > hits.length) io.err(`warning: the server counted ${total} entries but listed ${hits.length}; entries changed during the export, run it again`);
  if (gone.length) io.err(`warning: ${gone.length} entries disappeared while exporting: ${gone.slice(0, 5).join(", ")}${gone.length > 5 ? ", …" : ""}`);
  const keyless = hits.filter((h) => h.externalKey === null).length;
  if (keyless) {
    io.err(
      `note: ${keyless} entries have no externalKey (written in the portal); publishing this folder to a new server restores them, but to this server it would add copies keyed by their file path`,
    );
  }
  return 0;
}
