// Writes search documents into the embedded index (search_docs, impact-ordered search_postings,
// the search_terms vocabulary and the BM25 statistics), inside the caller's transaction.
// A document older than the one already indexed is ignored, so a stale write never wins.
import type { DbOrTx } from "@hindsight/db";
import { sql } from "@hindsight/db/orm";
import type { SearchDocument } from "../../port.js";
import { analyze, ANALYZER_VERSION, impact } from "./analyze.js";

type Rows<T> = { rows: T[] };

/** Joins the values of a flat list parameter; never part of a term, a number or a UUID. */
const SEP = "\u001f";
const joined = (values: readonly (string | number)[]) => values.join(SEP);

async function rows<T>(db: DbOrTx, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as Rows<T>).rows;
}

/**
 * Removes entries' postings and adjusts term frequencies; returns the removed documents' total length.
 * Each posting is found by its exact (term, impact, entry_id) key, which search_docs keeps, through
 * the one index search_postings has.
 */
async function dropPostings(db: DbOrTx, ids: string[]): Promise<{ docs: number; length: number }> {
  if (ids.length === 0) return { docs: 0, length: 0 };
  const [old] = await rows<{ docs: number; length: string | number | null }>(
    db,
    sql`select count(*)::int as docs, coalesce(sum(length), 0) as length from search_docs where entry_id = any(${sql.param(ids)}::uuid[])`,
  );
  const removed = await rows<{ term: string; n: number }>(
    db,
    sql`with keys as (
          select d.entry_id, k.term, k.impact from search_docs d, unnest(d.terms, d.impacts) as k(term, impact)
          where d.entry_id = any(${sql.param(ids)}::uuid[])),
        gone as (delete from search_postings p using keys
          where p.term = keys.term and p.impact = keys.impact and p.entry_id = keys.entry_id returning p.term)
        select term, count(*)::int as n from gone group by term order by term`,
  );
  if (removed.length) {
    await db.execute(sql`
      update search_terms t set df = t.df - r.n
      from unnest(${sql.param(removed.map((r) => r.term))}::text[], ${sql.param(removed.map((r) => r.n))}::int[]) as r(term, n)
      where t.term = r.term`);
  }
  return { docs: Number(old?.docs ?? 0), length: Number(old?.length ?? 0) };
}

export async function writeDocuments(db: DbOrTx, docs: SearchDocument[]): Promise<number> {
  if (docs.length === 0) return 0;
  // Keep the newest of duplicates in the batch, and skip any older than what is indexed.
  const newest = new Map<string, SearchDocument>();
  for (const d of docs) if ((newest.get(d.id)?.version ?? -1) <= d.version) newest.set(d.id, d);
  const ids = [...newest.keys()];
  const indexed = await rows<{ entry_id: string; version: number }>(
    db,
    sql`select entry_id, version from search_docs where entry_id = any(${sql.param(ids)}::uuid[])`,
  );
  const indexedVersion = new Map(indexed.map((r) => [r.entry_id, r.version]));
  const fresh = [...newest.values()].filter((d) => (indexedVersion.get(d.id) ?? -1) <= d.version);
  if (fresh.length === 0) return 0;

  const freshIds = fresh.map((d) => d.id);
  // Lock the statistics row first: writers queue here instead of deadlocking on term rows.
  const [stats] = await rows<{ doc_count: number; total_length: string | number }>(
    db,
    sql`select doc_count, total_length from search_stats where id = 1 for update`,
  );
  const removed = await dropPostings(db, freshIds.filter((id) => indexedVersion.has(id)));
  const analyzed = fresh.map((d) => ({ doc: d, ...analyze(d) }));
  const docCount = Number(stats?.doc_count ?? 0) - removed.docs + fresh.length;
  const totalLength = Number(stats?.total_length ?? 0) - removed.length + analyzed.reduce((n, a) => n + a.length, 0);
  const avgLength = totalLength / Math.max(1, docCount);

  // Each document's postings keys, (terms[i], impacts[i]), go into its search_docs row as two
  // joined strings split by Postgres (string_to_array): pg's array parameters escape every element in
  // JavaScript, a noticeable cost at ~160 postings an entry. Terms are letters, digits and separators
  // (see tokenize), never the joining character. The postings are then copied from those rows.
  const df = new Map<string, number>();
  const keys = analyzed.map((a) => {
    const terms: string[] = [];
    const impacts: number[] = [];
    for (const [term, tf] of a.tf) {
      terms.push(term);
      impacts.push(impact(tf, a.length, avgLength));
      df.set(term, (df.get(term) ?? 0) + 1);
    }
    return { terms: joined(terms), impacts: joined(impacts) };
  });
  await db.execute(sql`
    insert into search_docs (entry_id, version, kind, team_id, author_id, visibility, status, grant_user_ids, grant_team_ids,
      tags, services, severity, year, fingerprints, length, feedback, review_due_at, updated_at, analyzer, terms, impacts)
    select entry_id, version, kind, team_id, author_id, visibility, status, grant_user_ids, grant_team_ids,
      tags, services, severity, year, fingerprints, length, feedback, review_due_at, updated_at, ${sql.raw(String(ANALYZER_VERSION))},
      string_to_array(terms, ${SEP}), string_to_array(impacts, ${SEP})::real[]
    from jsonb_to_recordset(${JSON.stringify(
      analyzed.map(({ doc, length }, n) => ({
        entry_id: doc.id,
        version: doc.version,
        kind: doc.kind,
        team_id: doc.teamId,
        author_id: doc.authorId,
        visibility: doc.visibility,
        status: doc.status,
        grant_user_ids: doc.grantUserIds,
        grant_team_ids: doc.grantTeamIds,
        tags: doc.tags,
        services: doc.services,
        severity: doc.severity,
        year: doc.createdAt.getUTCFullYear(),
        fingerprints: doc.fingerprints,
        length,
        feedback: doc.feedback,
        review_due_at: doc.reviewDueAt?.toISOString() ?? null,
        updated_at: doc.updatedAt.toISOString(),
        terms: keys[n]!.terms,
        impacts: keys[n]!.impacts,
      })),
    )}::jsonb) as x(entry_id uuid, version int, kind text, team_id uuid, author_id uuid, visibility text, status text,
      grant_user_ids uuid[], grant_team_ids uuid[], tags text[], services text[], severity text, year int,
      fingerprints text[], length int, feedback int, review_due_at timestamptz, updated_at timestamptz, terms text, impacts text)
    on conflict (entry_id) do update set version = excluded.version, kind = excluded.kind, team_id = excluded.team_id,
      author_id = excluded.author_id, visibility = excluded.visibility, status = excluded.status,
      grant_user_ids = excluded.grant_user_ids, grant_team_ids = excluded.grant_team_ids, tags = excluded.tags,
      services = excluded.services, severity = excluded.severity, year = excluded.year,
      fingerprints = excluded.fingerprints, length = excluded.length, feedback = excluded.feedback,
      review_due_at = excluded.review_due_at, updated_at = excluded.updated_at, analyzer = excluded.analyzer,
      terms = excluded.terms, impacts = excluded.impacts`);

  // In the order of the (term, impact) index: its pages are then visited once each, in order,
  // instead of once per posting at random. Once the index outgrows the buffer cache (about 100k
  // entries here) that takes a fifth to two fifths off the insert (measured on a scratch table:
  // 160k postings into 16M, 7.3-7.8 s sorted against 9.5-12.4 s as they come).
  await db.execute(sql`
    insert into search_postings (term, entry_id, impact)
    select k.term, d.entry_id, k.impact from search_docs d, unnest(d.terms, d.impacts) as k(term, impact)
    where d.entry_id = any(${sql.param(freshIds)}::uuid[])
    order by k.term, k.impact desc`);
  // The vocabulary's document frequencies, counted here: one row per distinct term, in term order
  // (concurrent writers lock term rows in the same order).
  const vocabulary = [...df.keys()].sort();
  // Large batches go in slices to keep each statement's parameters reasonable.
  const SLICE = 200_000;
  for (let i = 0; i < vocabulary.length; i += SLICE) {
    const slice = vocabulary.slice(i, i + SLICE);
    await db.execute(sql`
      insert into search_terms (term, df)
      select * from unnest(string_to_array(${joined(slice)}, ${SEP}), string_to_array(${joined(slice.map((t) => df.get(t)!))}, ${SEP})::int[])
      on conflict (term) do update set df = search_terms.df + excluded.df`);
  }
  await db.execute(sql`update search_stats set doc_count = ${docCount}, total_length = ${totalLength} where id = 1`);
  return fresh.length;
}

export async function removeDocuments(db: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await rows(db, sql`select 1 from search_stats where id = 1 for update`);
  const removed = await dropPostings(db, ids);
  await db.execute(sql`delete from search_docs where entry_id = any(${sql.param(ids)}::uuid[])`);
  await db.execute(
    sql`update search_stats set doc_count = greatest(0, doc_count - ${removed.docs}), total_length = greatest(0, total_length - ${removed.length}) where id = 1`,
  );
}

export { rows };
