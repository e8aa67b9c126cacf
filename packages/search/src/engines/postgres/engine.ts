// The embedded search engine: BM25F over our own impact-ordered postings in Postgres (PGlite or a
// server), any-term matching ranked by how many and how rare the matched terms are, typo and prefix
// expansion against the indexed vocabulary (pg_trgm), error fingerprints first, and the caller's
// visibility inside the query. Work per query is bounded: each expanded term reads at most its best
// few hundred postings, rarest terms first.
import { kindsWhere, SEARCH_SYNONYM_GROUPS, searchSynonyms, type ReadScope } from "@hindsight/domain";
import type { Db, DbOrTx } from "@hindsight/db";
import { sql, type SQL } from "@hindsight/db/orm";
import {
  EMPTY_FACETS,
  type Facets,
  type SearchDocument,
  type SearchEngine,
  type SearchFilters,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
} from "../../port.js";
import { isWordless, parseQuery, type ParsedQuery } from "../../text/query.js";
import { isCommonWord, isEnglishWord, isEverydayWord, isName, isProductName, loadWordLists } from "../../text/names.js";
import { makeSnippet } from "../../text/snippet.js";
import { fold, terms, tokenize } from "../../text/tokenize.js";
import { allowedTypos, oneLetterOffStems, transpositions, typoDistance } from "../../text/typo.js";
import { exactTitleTerms, idf } from "./analyze.js";
import { removeDocuments, rows, writeDocuments } from "./index-writer.js";
import { preparedRows } from "./prepared.js";

export interface PostgresEngineOptions {
  /** Postings read per expanded term (the candidate cap). */
  perTermLimit?: number;
  /** Query terms used at most, rarest first. */
  maxQueryTerms?: number;
  /** Share of the query's weight an entry must match to be a result (see `coverageWeights`). */
  minCoverage?: number;
  /**
   * The answer bars (ANSWER_STRENGTH for a question, ERROR_ANSWER_STRENGTH for a pasted line): how
   * strongly the best match must match for the query to be answered at all. Only the bench sets them
   * (`pnpm bench:answer-bars`), to measure what a stricter bar would trade.
   */
  answerStrength?: number;
  errorAnswerStrength?: number;
}

interface Expansion {
  qi: number;
  term: string;
  df: number;
  /** How well the indexed term matches what was typed: 1 exact, less for prefixes and typos. */
  factor: number;
}

interface CandidateRow {
  entry_id: string;
  score: number | null;
  matched: number | null;
  fp: boolean;
  kind: string;
  team_id: string | null;
  status: string;
  severity: string | null;
  year: number;
  tags: string[];
  services: string[];
  feedback: number;
  review_due_at: string | Date | null;
  updated_at: string | Date;
}

/** What a hit shows of its entry (snippets are cut from summary and body). */
interface EntryRow {
  id: string;
  kind: SearchHit["kind"];
  slug: string;
  title: string;
  summary: string;
  body: string;
  team_id: string | null;
  status: SearchHit["status"];
  severity: string | null;
  source_url: string | null;
  external_key: string | null;
  updated_at: string | Date;
}

/** One ranking: the page, the total and facets of what answers, and how strongly the best visible entry matched. */
interface Ranked {
  total: number;
  page: { id: string; score: number; fp: boolean }[];
  facets: Facets;
  entries: EntryRow[];
  /** The highest strength and word coverage among the visible candidates, answering or not. */
  bestStrength: number;
  bestCovered: number;
  /** Whether an answering entry matched the error fingerprint or is named by the query's exact title. */
  anchored: boolean;
}

/** Kinds whose readers' "did this help?" votes move them up or down (the kind descriptors' ranking signals). */
const VOTED_KINDS: string[] = kindsWhere((k) => k.ranking.feedbackVotes);
const PREFIX_FACTOR = 0.85;
/** A word from the curated synonym table ("hpa" for "autoscaler"): below the word as typed. */
const SYNONYM_FACTOR = 0.8;
const TYPO_FACTOR = [1, 0.6, 0.4] as const;
/** Words this long or longer are also looked up with two neighbouring letters swapped. */
const MIN_SWAP_LENGTH = 4;
/** A name with digits in it (letters first: "log4shell", "route53"), which a typo may have hit too. */
const DIGITS_NAME = /^[a-z][a-z0-9]*[0-9][a-z0-9]*$/;
/** How much more a word of a pasted log line's message weighs than the line's other words. */
const MESSAGE_WEIGHT = 1.5;
const FINGERPRINT_BONUS = 1_000;
/** An entry whose title the query names exactly comes before word matches (but after a fingerprint). */
const EXACT_TITLE_BONUS = 500;
/**
 * Which entries are answers at all (precision), before any ranking. Each query word weighs its
 * rarity; a word the index has never seen weighs as much as the rarest. An
 * entry is an answer when the words it matches carry at least MIN_COVERAGE of the query's weight and,
 * for a question of three words or more, it matches at least two of them; or when its words carry
 * STRONG_COVERAGE on their own (one rare, telling word). An entry sharing only "lunch" with "vegan
 * lunch options downtown", or only "expired" with "my passport expired", is no answer: the search
 * returns nothing and becomes a knowledge gap instead of ten unrelated entries. Both thresholds were
 * set on the tune half of the judged queries (bench), never on the test half.
 */
const MIN_COVERAGE = 0.15;
const STRONG_COVERAGE = 0.4;
/**
 * How strongly an entry must match to be an answer, as its score over the query's total weight: the
 * weighted mean of its BM25 impacts over all query words (a word it lacks counts 0). One mention in a
 * long body is about 0.5; a word in the title and through the body is 2 or more. The impacts do not
 * depend on the size of the index, so neither do these. Set on the tune half of the judged queries.
 * - ANSWER_STRENGTH: the best candidate must reach it (or match every word of the query), or the
 *   query has no answer at all and returns nothing (a knowledge gap) rather than ten incidental
 *   mentions of some of its common words.
 * - ALONE_STRENGTH: one word matched this strongly makes an answer by itself ("conntrack" in an entry
 *   about conntrack), whatever share of the query it carries.
 */
const ANSWER_STRENGTH = 1.05;
/**
 * An answered query whose best match stays under WEAK_STRENGTH (a question) or ERROR_WEAK_STRENGTH
 * (a pasted line) times its most telling words' weight, with no fingerprint or exact-title match and
 * (for a question) no entry matching all its words, is a weak match (SearchResult.weakMatch): its hits
 * are shown with a warning and it counts as a knowledge gap. On the tune halves of the judged sets
 * this flags about half of the unanswerable questions that still get hits, and 4 % of the answerable
 * ones. Set on the tune halves; removing those hits instead cost real answers (docs/benchmarks.md).
 */
const WEAK_STRENGTH = 1.4;
const ERROR_WEAK_STRENGTH = 1.0;
/**
 * The same bar for a pasted line, which has no coverage rule (most of its tokens are ids nobody
 * indexed): its best match must carry ERROR_ANSWER_STRENGTH of its most telling words' weight, so a
 * JVM or Go error pasted into a knowledge base about other systems, which only shares a few common
 * words ("memory", "runtime", "error") with some entry, answers nothing. A fingerprint match always
 * answers. Set on the tune halves of the judged sets: 0.8 until a line was weighed by 12 words
 * rather than 8; then 0.85 turned five more such lines (all flagged weak before) into nothing and
 * lost no answer, and 0.95 began to lose answers.
 */
const ERROR_ANSWER_STRENGTH = 0.85;
/** The product's answer bars, for the bench that measures stricter ones (`pnpm bench:answer-bars`). */
export const DEFAULT_ANSWER_BARS = { question: ANSWER_STRENGTH, line: ERROR_ANSWER_STRENGTH } as const;
/**
 * A word of a question that names a thing the index has never seen ("mysql", "argocd": see
 * text/names.ts; an identifier too, when it is a product's name: "cert-manager") weighs NAME_WEIGHT
 * times a word in one entry: the question is about that thing, so the entries sharing its ordinary
 * words must match them much more strongly to answer it, and a short one ("mysql replica lagging
 * behind the primary") is mostly about what the index lacks. Not for pasted lines, whose unknown
 * tokens are mostly hosts and ids, and whose products are often only the process a failure hit (a
 * kernel's "Killed process 4410 (postgres)"). Set on the tune halves of the judged sets.
 * Nor for a command or daemon one looks at a host with ("dmesg", "chronyd", "smartctl": no name, see
 * text/names.ts): a question names it as how the failure was seen, and it weighs as any word the
 * index lacks. Set on the tune halves: three questions gained their answer, none lost, no unanswerable
 * question answered.
 */
const NAME_WEIGHT = 4;
const ALONE_STRENGTH = 2;
/**
 * A word of three letters or fewer that the index has never seen weighs SHORT_WORD_WEIGHT times an
 * unknown word in a question: "teh", "pls" and "hlp" would otherwise outweigh the words the question
 * is about ("why is teh resource quota fully usd" answered nothing). Not for pasted lines, whose short
 * unknown codes ("ORA", "TNS") say which system failed. Set on the tune halves: 0.5 gained two
 * answers and lost no unanswerable question's nothing; 0 lost one.
 */
const SHORT_WORD_WEIGHT = 0.5;
/**
 * A pasted line reads this share of each word's best postings: it weighs up to as many words as a
 * question (12), which at 8 words a line left out what failed, and its fingerprint finds the entries
 * that hold the line itself. At two thirds, its 12 words read as many postings as 8 did: reading all
 * of them made pasted lines 29 % slower at p95 at 100k entries (bench:search, 2026-12-07).
 */
const PASTED_POSTINGS_SHARE = 2 / 3;
/**
 * A question told as a story ("one worker keeps killing pods and leaving others pending, prometheus
 * is eating 12 gigs there") carries many words no entry repeats. Its strength is judged over its
 * ANSWER_WORDS most telling words (the heaviest; a word the index has never seen is among them), so
 * a long question is not held to more than a short one. Set on the tune halves of the judged sets.
 */
const ANSWER_WORDS = 6;
/**
 * A question most of whose weight lies in words the index has never seen, not even as a typo or a
 * prefix ("payroll" and "bank" in "change my payroll bank account"), is about something the
 * knowledge base does not hold: it has no answer, whatever its common words match.
 */
const MAX_UNKNOWN_SHARE = 0.5;

function visibilitySql(scope: ReadScope): SQL {
  if (scope.all) return sql`true`;
  const teams = sql.param(scope.teamIds);
  return sql`(d.author_id = ${scope.userId}
    or (d.visibility = 'org' and d.status = any(${sql.param([...scope.orgReadableStatuses])}::text[]))
    or (d.visibility in ('org', 'team') and d.team_id = any(${teams}::uuid[]))
    or ${scope.userId}::uuid = any(d.grant_user_ids)
    or d.grant_team_ids && ${teams}::uuid[])`;
}

function filtersSql(f: SearchFilters = {}): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.kinds?.length) parts.push(sql`d.kind = any(${sql.param(f.kinds)}::text[])`);
  if (f.teamIds?.length) parts.push(sql`d.team_id = any(${sql.param(f.teamIds)}::uuid[])`);
  if (f.services?.length) parts.push(sql`d.services && ${sql.param(f.services)}::text[]`);
  if (f.tags?.length) parts.push(sql`d.tags && ${sql.param(f.tags)}::text[]`);
  if (f.severities?.length) parts.push(sql`d.severity = any(${sql.param(f.severities)}::text[])`);
  if (f.statuses?.length) parts.push(sql`d.status = any(${sql.param(f.statuses)}::text[])`);
  if (f.years?.length) parts.push(sql`d.year = any(${sql.param(f.years)}::int[])`);
  return sql.join(parts, sql` and `);
}

/**
 * Terms the query's abbreviations and synonyms stand for, from the domain's curated table ("k8s",
 * "hpa", "pvc", and phrases such as "out of memory"), each credited to the query word it stands in
 * for (a phrase's last word). A phrase synonym is searched by its words of four letters or more: "out
 * of memory" by "memory". Not for a pasted line, whose words are the system's own.
 */
function synonymTerms(words: ParsedQuery["terms"], text: string): { qi: number; term: string }[] {
  const out: { qi: number; term: string }[] = [];
  const seen = new Set<string>();
  const add = (qi: number, found: readonly string[]) => {
    for (const s of found) {
      const phrase = s.includes(" ");
      for (const t of tokenize(s)) {
        const key = `${qi}\u0000${t.term}`;
        if ((phrase && t.word.length < 4) || t.term === words[qi]!.term || t.term === words[qi]!.word || seen.has(key)) continue;
        seen.add(key);
        out.push({ qi, term: t.term });
      }
    }
  };
  words.forEach((w, qi) => {
    if (!w.part) add(qi, searchSynonyms(w.word));
  });
  // Phrases of the table written out in the query ("load balancer" finds "lb").
  const lower = ` ${fold(text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ")} `;
  for (const phrase of SEARCH_SYNONYM_GROUPS.flat().filter((t) => t.includes(" "))) {
    if (!lower.includes(` ${phrase} `)) continue;
    const last = terms(phrase).at(-1);
    const qi = words.findIndex((w) => w.term === last);
    if (qi >= 0) add(qi, searchSynonyms(phrase));
  }
  return out;
}

/**
 * A compound written as two words ("over committed", "data base", "set up", "back off") stands for
 * the one word the documents use ("overcommitted", "database", "setup", "backoff"): each pair of
 * neighbouring plain words is also looked up joined, credited to both words (searched like a synonym,
 * so only a joined form the vocabulary holds counts). Not for a pasted line, whose words are the
 * system's own.
 */
function compoundTerms(words: ParsedQuery["terms"], text: string): { qi: number; term: string }[] {
  const out: { qi: number; term: string }[] = [];
  const plain = fold(text).toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
  const qiOf = (word: string) => {
    const term = terms(word)[0];
    return words.findIndex((w) => !w.part && (w.word === word || w.term === term));
  };
  for (let i = 0; i + 1 < plain.length; i++) {
    const [a, b] = [plain[i]!, plain[i + 1]!];
    if (a.length < 2 || b.length < 2) continue;
    const joined = terms(a + b)[0];
    if (!joined) continue;
    for (const qi of new Set([qiOf(a), qiOf(b)])) if (qi >= 0 && words[qi]!.term !== joined) out.push({ qi, term: joined });
  }
  return out;
}

/** The smallest string greater than every string starting with `prefix` (bytewise). */
function prefixUpperBound(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString("base64url");
}

export class InvalidCursor extends Error {
  constructor() {
    super("cursor is not a cursor returned by this search");
  }
}

function decodeCursor(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  try {
    const { o } = JSON.parse(Buffer.from(cursor, "base64url").toString()) as { o: unknown };
    if (typeof o === "number" && Number.isInteger(o) && o >= 0 && o <= 10_000) return o;
  } catch {
    // fall through
  }
  throw new InvalidCursor();
}

function toDate(v: string | Date | null): Date | null {
  return v === null ? null : v instanceof Date ? v : new Date(v);
}

export class PostgresSearchEngine implements SearchEngine {
  readonly name = "postgres";
  private readonly perTermLimit: number;
  private readonly maxQueryTerms: number;

  constructor(
    private readonly db: Db,
    options: PostgresEngineOptions = {},
  ) {
    this.perTermLimit = Math.max(1, Math.floor(options.perTermLimit ?? 400));
    this.maxQueryTerms = options.maxQueryTerms ?? 12;
    this.minCoverage = options.minCoverage ?? MIN_COVERAGE;
    this.answerStrength = options.answerStrength ?? ANSWER_STRENGTH;
    this.errorAnswerStrength = options.errorAnswerStrength ?? ERROR_ANSWER_STRENGTH;
  }
  private readonly minCoverage: number;
  private readonly answerStrength: number;
  private readonly errorAnswerStrength: number;

  async ensureReady(): Promise<void> {
    // The schema comes with the database migrations; planner statistics are all it needs.
    await this.maintain(true);
  }

  /**
   * Loads what query analysis reads lazily (the English word lists of text/names.ts), so the first
   * search with an unknown word does not wait 0.3-0.5 s for them. For a server, before it listens.
   */
  warmQueryAnalysis(): void {
    loadWordLists();
  }

  /** Resolves when no maintenance runs (call before closing the database). */
  async idle(): Promise<void> {
    await this.maintaining?.catch(() => undefined);
  }

  private maintainedAtCount = -1;
  private maintaining: Promise<void> | null = null;

  /**
   * Vacuums and analyzes the index tables when they have grown by a fifth (and at least 50
   * documents) since the last time, so the planner has statistics and the visibility map lets
   * postings be read from the index alone. Postgres's autovacuum would get there eventually; PGlite
   * has none at all, and without it its plans were ten times slower at 10k entries. A small index
   * needs it too: with the floor at 500 documents, an index of 149 was never analyzed and the
   * vocabulary expansion hashed all of search_terms (1.26 ms of execution instead of 0.38).
   * Runs outside any transaction (VACUUM must).
   */
  async maintain(force = false): Promise<void> {
    if (this.maintaining) return this.maintaining;
    const [s] = await rows<{ doc_count: number }>(this.db, sql`select doc_count from search_stats where id = 1`);
    const n = Number(s?.doc_count ?? 0);
    if (!force && this.maintainedAtCount >= 0 && n <= this.maintainedAtCount * 1.2 + 50) return;
    this.maintainedAtCount = n;
    this.maintaining = (async () => {
      await this.db.execute(sql`vacuum (analyze) search_postings, search_terms, search_docs`);
    })().finally(() => {
      this.maintaining = null;
    });
    return this.maintaining;
  }

  /** Indexes inside the caller's transaction, so the index commits or rolls back with the data. */
  indexInTransaction(tx: DbOrTx, docs: SearchDocument[]): Promise<number> {
    return writeDocuments(tx, docs);
  }

  async index(docs: SearchDocument[]): Promise<void> {
    await this.db.transaction((tx) => writeDocuments(tx, docs));
  }

  async remove(ids: string[]): Promise<void> {
    await this.db.transaction((tx) => removeDocuments(tx, ids));
  }

  async count(): Promise<number> {
    const [r] = await rows<{ n: number }>(this.db, sql`select count(*)::int as n from search_docs`);
    return Number(r?.n ?? 0);
  }

  async health(): Promise<{ ok: boolean; detail?: string }> {
    try {
      await this.count();
      return { ok: true };
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  }

  private async stats(): Promise<number> {
    const [s] = await rows<{ doc_count: number }>(this.db, sql`select doc_count from search_stats where id = 1`);
    return Math.max(1, Number(s?.doc_count ?? 1));
  }

  /**
   * Exact, prefix, typo and synonym matches of each query word in the indexed vocabulary, and the
   * document count the weights need (read in the same statement: one round trip fewer per search).
   */
  private async expand(parsed: ParsedQuery, text: string): Promise<{ expansions: Expansion[]; docCount: number }> {
    const words = parsed.terms;
    // A pasted line is exact: its odd tokens are not typos of something else. Neither are the parts
    // of a split identifier: `CateRAlrNk` is a random token, not a typo of "create"; a mistyped alert
    // name still matches by its other parts and its whole's prefix.
    // Nor is a product's name (the domain's technology table, text/names.ts): "karpenter" is no
    // misspelling of "carpenter", and "cloudtrail" no "cloud" with a suffix the stemmer missed.
    const typos = parsed.errorFingerprint === null;
    const mayBeTypo = words.map((w) => typos && !w.part && !isProductName(w.word));
    // Without words nothing is weighed, so the document count is not needed either.
    if (words.length === 0) return { expansions: [], docCount: 1 };
    // Swapped neighbours are the commonest typo, and the one trigrams miss most in short words
    // ("upgarde" shares too few trigrams with "upgrade"): look those variants up exactly. Exact
    // look-ups of a handful of spellings, so they are safe from four letters, below the five an
    // edit-distance typo needs ("kaim" finds "kiam", "etdc" finds "etcd").
    const swaps: { qi: number; term: string }[] = [];
    const stemOf = (spelling: string) => terms(spelling)[0] ?? "";
    words.forEach((w, qi) => {
      if (!mayBeTypo[qi] || w.word.length < MIN_SWAP_LENGTH || w.whole) return;
      // And a letter left out or one too many (typo.ts oneLetterOffStems), for a word that is not
      // English ("latncy", "spce"; not "hole", which is no "whole" with a letter left out). Some 270
      // spellings a word, so only for such words, and looked up only when the word is not indexed.
      const offByOne = isEnglishWord(w.word) ? [] : oneLetterOffStems(w.word, w.term, stemOf);
      const stems = new Set([...transpositions(w.word).map(stemOf), ...offByOne]);
      for (const v of stems) if (v && v !== w.term) swaps.push({ qi, term: v });
    });
    const synonyms = typos ? [...synonymTerms(words, text), ...compoundTerms(words, text)] : [];
    const found = await preparedRows<{ qi: number; term: string; df: number; how: "exact" | "prefix" | "typo" | "swap" | "synonym" | "stats" }>(
      this.db,
      sql`
      with w as (
        select * from unnest(${sql.param(words.map((w) => w.term))}::text[], ${sql.param(words.map((w) => w.word))}::text[],
          ${sql.param(words.map((_, i) => i))}::int[], ${sql.param(words.map((w) => w.prefix))}::bool[],
          ${sql.param(words.map((w, i) => mayBeTypo[i]! && allowedTypos(w.word) > 0))}::bool[],
          ${sql.param(words.map((w) => prefixUpperBound(w.word)))}::text[],
          ${sql.param(words.map((w) => DIGITS_NAME.test(w.word)))}::bool[],
          ${sql.param(words.map((w) => w.word.slice(0, 3)))}::text[],
          ${sql.param(words.map((w) => prefixUpperBound(w.word.slice(0, 3))))}::text[]) as u(term, word, qi, prefix, typo, upper, alnum, head, head_upper)
      ),
      -- Whether the vocabulary holds each word as typed, decided once a word: such a word is no typo.
      q as (select w.*, exists (select 1 from search_terms e where e.term in (w.term, w.word) and e.df > 0) as held from w)
      select q.qi, t.term, t.df, 'exact' as how from q join search_terms t on t.term in (q.term, q.word) where t.df > 0
      union all
      select q.qi, p.term, p.df, 'prefix' from q cross join lateral (
        -- Bounded: the first few hundred completions in index order, then the most frequent of them.
        -- An explicit range with the pattern operators, so the text_pattern_ops index is used; a
        -- LIKE on a computed pattern would walk the whole vocabulary.
        select term, df from (
          select term, df from search_terms
          where q.prefix and length(q.word) >= 2 and term ~>=~ q.word and term ~<~ q.upper and df > 0
          order by term using ~<~ limit 300
        ) c order by df desc limit 8) p
      union all
      select q.qi, y.term, y.df, 'typo' from q cross join lateral (
        -- The predicate is the trigram index's own (plain words only), so the index is used.
        select term, df from search_terms
        where q.typo and not q.held and term ~ '^[a-z]+$' and term % q.term and df > 0
        order by similarity(term, q.term) desc limit 8) y
      union all
      -- A name with digits in it ("log4shel") may be a typo of one ("log4shell"): such names have no
      -- trigram index, so the candidates are the first few hundred terms sharing its first three
      -- characters (a range of the prefix index), as typos rarely hit a name's start.
      select q.qi, n.term, n.df, 'typo' from q cross join lateral (
        select term, df from (
          select term, df from search_terms
          where q.typo and q.alnum and not q.held and term ~>=~ q.head and term ~<~ q.head_upper and df > 0
          order by term using ~<~ limit 300
        ) c where term ~ '^[a-z][a-z0-9]*[0-9]' and term % q.term
        order by similarity(term, q.term) desc limit 8) n
      union all
      -- Only for the words the index does not hold as typed.
      select s.qi, t.term, t.df, 'swap' from q
        cross join lateral (select * from unnest(${sql.param(swaps.map((x) => x.qi))}::int[], ${sql.param(swaps.map((x) => x.term))}::text[]) as u(qi, term) where u.qi = q.qi and not q.held) s
        join search_terms t on t.term = s.term
        where t.df > 0
      union all
      select s.qi, t.term, t.df, 'synonym' from unnest(${sql.param(synonyms.map((x) => x.qi))}::int[], ${sql.param(synonyms.map((x) => x.term))}::text[]) as s(qi, term)
        join search_terms t on t.term = s.term where t.df > 0
      union all
      select -1, '', doc_count, 'stats' from search_stats where id = 1`,
    );
    const best = new Map<string, Expansion>();
    let docCount = 1;
    for (const f of found) {
      if (f.how === "stats") {
        docCount = Math.max(1, Number(f.df ?? 1));
        continue;
      }
      const w = words[f.qi]!;
      let factor: number;
      if (f.how === "exact") factor = 1;
      else if (f.how === "prefix") factor = f.term.startsWith(w.word) || f.term.startsWith(w.term) ? PREFIX_FACTOR : 0;
      // One typo (a swap of neighbours, a letter left out or one too many), by construction; its stem
      // may be shorter than what was typed.
      else if (f.how === "swap") factor = TYPO_FACTOR[1];
      else if (f.how === "synonym") factor = SYNONYM_FACTOR;
      else {
        const d = typoDistance(w.word, w.term, f.term);
        factor = d === null ? 0 : TYPO_FACTOR[d as 0 | 1 | 2];
      }
      // A common English word spelled right is no typo of another word ("paternity" is not
      // "pattern", "yearly" not "early", "parking" not "party"): its typo matches only count when
      // they carry its own stem further ("delivered", stem "deliv", finds "delivery"'s "deliveri").
      // Set on the tune halves: 5 more unanswerable questions answered with nothing, at -0.0009 MRR,
      // most of it from one such wrong match that had helped ("handshakes" read as "handle").
      if ((f.how === "typo" || f.how === "swap") && isCommonWord(w.word) && !f.term.startsWith(w.term)) factor = 0;
      if (factor <= 0) continue;
      const key = `${f.qi}\u0000${f.term}`;
      if ((best.get(key)?.factor ?? 0) < factor) best.set(key, { qi: f.qi, term: f.term, df: Number(f.df), factor });
    }
    return { expansions: [...best.values()], docCount };
  }

  /**
   * Scores, filters and pages in one statement: candidates from each term's best postings (and the
   * error fingerprint), the caller's visibility and the filters, ranking signals, then only the
   * page's ids, the total and the facet counts leave the database.
   */
  private async rank(opts: {
    scope: ReadScope;
    filters: SearchFilters | undefined;
    weighted: { qi: number; term: string; w: number }[];
    nWords: number;
    /** Each query word's share of the query's weight, by qi; null: no coverage rule (related entries). */
    coverage: { shares: { qi: number; share: number }[]; min: number; minWords: number; total: number; telling: number; unknown: number } | null;
    /** The score the best visible candidate must reach for the query to be answered at all (0: no bar). */
    answerScore: number;
    /**
     * The query words that are not everyday English (by qi), and the score an entry matching none of
     * them must reach (0: no such rule, as for pasted lines and related entries; every score reaches it).
     */
    specific: number[];
    everydayScore: number;
    fingerprint: string | null;
    /** The exact-title terms the query names (analyze.ts exactTitleTerms). */
    exactTitles: string[];
    /** Postings read per term, best impact first (the candidate cap). */
    postings: number;
    phrases: string[];
    exclude: string | null;
    sort: "relevance" | "newest";
    limit: number;
    offset: number;
  }): Promise<Ranked> {
    const { weighted } = opts;
    const cov = opts.coverage?.shares ?? [];
    const minCov = opts.coverage ? opts.coverage.min - 1e-9 : 0;
    const minWords = opts.coverage?.minWords ?? 0;
    const aloneCov = opts.coverage ? STRONG_COVERAGE - 1e-9 : 0;
    const unanswerable = (opts.coverage?.unknown ?? 0) > MAX_UNKNOWN_SHARE;
    // Without a coverage rule (error lines, related entries) every candidate counts and none is strong alone.
    const answerScore = unanswerable ? Number.MAX_VALUE : opts.answerScore;
    const aloneScore = opts.coverage ? ALONE_STRENGTH * opts.coverage.total : Number.MAX_VALUE;
    const fullCover = unanswerable ? 2 : 1 - 1e-9;
    const fp = opts.fingerprint ?? "";
    const phraseSql = opts.phrases.length
      ? sql`and exists (select 1 from entries e where e.id = d.entry_id
          and lower(e.title || ' ' || e.summary || ' ' || e.body) like all (${sql.param(opts.phrases.map((p) => `%${p.replace(/[%_\\]/g, "\\$&")}%`))}::text[]))`
      : sql``;
    const order = opts.sort === "newest" ? sql`updated_at desc, entry_id` : sql`score desc, entry_id`;
    const [row] = await preparedRows<{
      total: number;
      best_strength: number | null;
      best_covered: number | null;
      anchored: boolean | null;
      page: { id: string; score: number; fp: boolean }[] | null;
      facets: Record<string, Record<string, number> | null>;
      entries: EntryRow[] | null;
    }>(
      this.db,
      sql`
      with q(qi, term, w) as (
        select * from unnest(${sql.param(weighted.map((x) => x.qi))}::int[], ${sql.param(weighted.map((x) => x.term))}::text[],
          ${sql.param(weighted.map((x) => x.w))}::float8[])
      ),
      qw(qi, share) as (
        select * from unnest(${sql.param(cov.map((c) => c.qi))}::int[], ${sql.param(cov.map((c) => c.share))}::float8[])
      ),
      hits as (
        select p.entry_id, q.qi, max(q.w * p.impact) as s
        from q cross join lateral (
          -- A literal limit: with a per-row one the planner may sort all of a common term's postings.
          -- In the index's own order, "nulls last" included (drizzle's desc() index is DESC NULLS LAST;
          -- impact is never null): a plain "order by sp.impact desc" is NULLS FIRST, which the index
          -- cannot give, so every posting of the term was read and sorted (19,750 a term at 100k
          -- entries) instead of the first few hundred read off the index. Ties now go by entry id.
          select entry_id, impact from search_postings sp where sp.term = q.term
          order by sp.impact desc nulls last, sp.entry_id limit ${sql.raw(String(opts.postings))}
        ) p
        group by p.entry_id, q.qi
      ),
      scored as (
        select h.entry_id, sum(h.s) as score, count(*)::int as matched, coalesce(sum(qw.share), 0) as covered,
          bool_or(h.qi = any(${sql.param(opts.specific)}::int[])) as specific
        from hits h left join qw on qw.qi = h.qi group by h.entry_id
      ),
      fps as (select entry_id from search_docs where ${fp} <> '' and fingerprints @> array[${fp}]::text[]),
      -- An entry whose title the query names is a candidate even when none of the query's words is a
      -- term of it ("prometheusremotewritebehind", typed whole in lower case, is the title's squashed
      -- letters but no word the entry uses).
      exact as (select distinct entry_id from (select entry_id from search_postings where term = any(${sql.param(opts.exactTitles)}::text[]) limit 50) x0),
      cand as (
        select * from (
          select coalesce(s.entry_id, f.entry_id, x.entry_id) as entry_id, coalesce(s.score, 0) as score, coalesce(s.matched, 0) as matched,
            coalesce(s.covered, 0) as covered, coalesce(s.specific, false) as specific, f.entry_id is not null as fp,
            x.entry_id is not null as exact
          from scored s full join fps f on f.entry_id = s.entry_id full join exact x on x.entry_id = coalesce(s.entry_id, f.entry_id)
        ) c0 where c0.fp or c0.exact or (c0.covered >= ${minCov}::float8 and c0.matched >= ${minWords}::int) or c0.covered >= ${aloneCov}::float8
          or c0.score >= ${aloneScore}::float8
      ),
      visible as (
        select c.entry_id, c.fp, c.exact, c.score as strength, c.covered, c.specific, d.kind, d.team_id, d.status, d.severity, d.year, d.tags, d.services, d.updated_at,
          c.score * (0.6 + 0.4 * c.matched / ${opts.nWords}::float8)
            * (case d.status when 'published' then 1 when 'archived' then 0.7 else 0.85 end)
            * (case when d.kind = any(${sql.param(VOTED_KINDS)}::text[]) then 1 + 0.05 * greatest(-5, least(10, d.feedback)) else 1 end)
            * (case when d.review_due_at is null then 1 when d.review_due_at < now() then 0.9 else 1.05 end)
            + (case when c.fp then ${FINGERPRINT_BONUS} else 0 end)
            + (case when c.exact then ${EXACT_TITLE_BONUS} else 0 end) as score
        -- Each candidate's row by key. As a plain join the planner under-estimates the candidates
        -- (about 200 for what is often 1,000 or more) and hashes all of search_docs, a sequential scan
        -- that grows with the index; offset 0 keeps the lookup a lookup.
        from cand c cross join lateral (select * from search_docs sd where sd.entry_id = c.entry_id offset 0) d
        where ${visibilitySql(opts.scope)} and ${filtersSql(opts.filters)} ${opts.exclude ? sql`and d.entry_id <> ${opts.exclude}` : sql``} ${phraseSql}
      ),
      -- The query is answered only when its best match among what the caller may read is strong enough,
      -- or matches every word of it (computed over the visible entries, so a hidden entry cannot reveal
      -- itself by lending its strength), and, for a question, some entry shares one of its less than
      -- everyday words, matches every word of it, or matches it at WEAK_STRENGTH.
      answered as (
        select * from visible v where v.fp or v.exact
          or (exists (select 1 from visible b where b.strength >= ${answerScore}::float8 or b.covered >= ${fullCover}::float8)
            and exists (select 1 from visible b where b.specific or b.covered >= ${fullCover}::float8 or b.strength >= ${opts.everydayScore}::float8))
      ),
      page as (select entry_id, score, fp, updated_at from answered order by ${order} limit ${opts.limit} offset ${opts.offset})
      select
        (select count(*) from answered)::int as total,
        (select max(strength) from visible) as best_strength,
        (select max(covered) from visible) as best_covered,
        (select bool_or(fp or exact) from answered) as anchored,
        (select json_agg(json_build_object('id', entry_id, 'score', score, 'fp', fp) order by ${order}) from page) as page,
        -- The page's entries for the hits and their snippets, in this statement rather than one more.
        (select json_agg(json_build_object('id', e.id, 'kind', e.kind, 'slug', e.slug, 'title', e.title, 'summary', e.summary,
            'body', left(e.body, 30000), 'team_id', e.team_id, 'status', e.status, 'severity', e.fields->>'severity',
            'source_url', e.source_url, 'external_key', e.external_key, 'updated_at', e.updated_at))
          from entries e where e.id in (select entry_id from page)) as entries,
        json_build_object(
          'kind', (select json_object_agg(k, n) from (select kind as k, count(*) as n from answered group by kind) x),
          'team', (select json_object_agg(k, n) from (select team_id as k, count(*) as n from answered where team_id is not null group by team_id) x),
          'status', (select json_object_agg(k, n) from (select status as k, count(*) as n from answered group by status) x),
          'severity', (select json_object_agg(k, n) from (select severity as k, count(*) as n from answered where severity is not null group by severity) x),
          'year', (select json_object_agg(k, n) from (select year as k, count(*) as n from answered group by year) x),
          'tag', (select json_object_agg(k, n) from (select t as k, count(*) as n from answered, unnest(tags) t group by t order by count(*) desc limit 50) x),
          'service', (select json_object_agg(k, n) from (select sv as k, count(*) as n from answered, unnest(services) sv group by sv order by count(*) desc limit 50) x)
        ) as facets`,
    );
    const facets = EMPTY_FACETS();
    for (const [name, counts] of Object.entries(row?.facets ?? {})) {
      if (counts) facets[name as keyof Facets] = Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, Number(n)]));
    }
    return {
      total: Number(row?.total ?? 0),
      bestStrength: Number(row?.best_strength ?? 0),
      bestCovered: Number(row?.best_covered ?? 0),
      anchored: Boolean(row?.anchored),
      page: (row?.page ?? []).map((p) => ({ id: p.id, score: Number(p.score), fp: Boolean(p.fp) })),
      facets,
      entries: row?.entries ?? [],
    };
  }

  /** Weights for expansions: IDF times match quality; rarest query words first, bounded in number. */
  private weigh(expansions: Expansion[], docCount: number, message: ReadonlySet<number>) {
    const byWord = new Map<number, Expansion[]>();
    for (const e of expansions) byWord.set(e.qi, [...(byWord.get(e.qi) ?? []), e]);
    // A word's rarity is its best expansion's; common words read fewer postings (they matter less).
    // A log line's message words come first and weigh more: they say what failed, while the line's
    // other fields (files, labels, components, ids) are rarer but only say where.
    const words = [...byWord.entries()]
      .map(([qi, list]) => ({ qi, list: list.sort((a, b) => b.factor * idf(b.df, docCount) - a.factor * idf(a.df, docCount)).slice(0, 6) }))
      .sort((a, b) => Number(message.has(b.qi)) - Number(message.has(a.qi)) || Math.min(...a.list.map((e) => e.df)) - Math.min(...b.list.map((e) => e.df)))
      .slice(0, this.maxQueryTerms);
    return words.flatMap(({ list }) =>
      list.map((e) => ({
        qi: e.qi,
        term: e.term,
        w: e.factor * idf(e.df, docCount) * (message.has(e.qi) ? MESSAGE_WEIGHT : 1),
      })),
    );
  }

  /**
   * Each query word's share of the query's weight: its best match's rarity (typos and prefixes count
   * at their reduced factor), or, for a word the index has never seen, the rarity of a word in one
   * entry (an identifier unseen whole counts by its parts). Only the words the ranking uses count.
   */
  private coverageShares(parsed: ParsedQuery, expansions: Expansion[], used: Set<number>, docCount: number) {
    const best = new Map<number, number>();
    for (const e of expansions) best.set(e.qi, Math.max(best.get(e.qi) ?? 0, e.factor * idf(e.df, docCount)));
    const unknown = idf(1, docCount);
    // An identifier the index has never seen whole is still represented by its parts, unless it is a
    // product's name ("CodeDeploy", "cert-manager"): then the question is about that product.
    // A short word of a question the index lacks ("teh", "pls", "hlp", "md") is a typo or an
    // abbreviation too short to look up as a typo (typo.ts), seldom what the question is about. Not a
    // part of a split identifier: "fkb" and "nba" of the random "110HFkbLLNba" would leave its "110"
    // carrying half the token and answering it.
    const shortWord = (qi: number) => !parsed.errorFingerprint && !parsed.terms[qi]!.part && /^[a-z]{1,3}$/.test(parsed.terms[qi]!.word);
    const productWhole = (qi: number) => parsed.terms[qi]!.whole === true && !parsed.errorFingerprint && isProductName(parsed.terms[qi]!.word);
    const words = parsed.terms.map((_, qi) => qi).filter((qi) => used.has(qi) || (!best.has(qi) && (!parsed.terms[qi]!.whole || productWhole(qi))));
    const weights = words.map((qi) => {
      const t = parsed.terms[qi]!;
      const name = !best.has(qi) && !t.part && !parsed.errorFingerprint && (t.whole ? productWhole(qi) : isName(t.word));
      return { qi, w: best.get(qi) ?? (name ? NAME_WEIGHT * unknown : shortWord(qi) ? SHORT_WORD_WEIGHT * unknown : unknown) };
    });
    const total = weights.reduce((a, b) => a + b.w, 0) || 1;
    const unknownWeight = weights.filter(({ qi }) => !best.has(qi)).reduce((a, b) => a + b.w, 0);
    const telling = weights
      .map((x) => x.w)
      .sort((a, b) => b - a)
      .slice(0, ANSWER_WORDS)
      .reduce((a, b) => a + b, 0);
    return { total, telling, unknown: unknownWeight / total, shares: weights.map(({ qi, w }) => ({ qi, share: w / total })) };
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const offset = decodeCursor(query.cursor);
    const parsed = parseQuery(query.q);
    // No word at all (an empty box, "*"): the newest entries. Words none of which can be searched (stop
    // words only, a single letter, a run of letters longer than a term: a pasted token or key) find
    // nothing, as any other search without a match; listing the newest entries for them would answer
    // a random 50-character token with the whole knowledge base.
    if (parsed.terms.length === 0 && !parsed.errorFingerprint && isWordless(query.q)) return this.browse(query, offset);

    // A pasted line's words are weighed like a question's, up to maxQueryTerms, its message's first
    // and then the rarest; the fingerprint does the rest. Fewer (8, before 2026-12-07) left out the
    // words that say what failed ("failed to list", "forbidden") for a line's rare incidental ones (a
    // namespace, a file name, an id): on the tune halves 8 -> 12 raised the error style's MRR, 11 to 16
    // all did about as well.
    const { expansions, docCount } = await this.expand(parsed, query.q);
    const message = new Set(parsed.terms.flatMap((t, qi) => (t.message ? [qi] : [])));
    const weighted = this.weigh(expansions, docCount, message);
    const used = new Set(weighted.map((w) => w.qi));
    const nWords = used.size || 1;
    // A pasted line is mostly hostnames, ids and paths nobody indexed: its fingerprint and rarest
    // known words decide, and the share of unknown tokens says nothing.
    // A question of three words or more is not answered by an entry that shares one word with it.
    // Nor is an identifier of two parts or more by one of them: a random token's one part that happens
    // to be a word ("ads" in "8jOCwjv8NeKAdsZD0Yu") is no answer.
    const plainWords = parsed.terms.filter((t) => !t.whole).length;
    const partWords = parsed.terms.filter((t) => t.part).length;
    const shares = this.coverageShares(parsed, expansions, used, docCount);
    const coverage = parsed.errorFingerprint ? null : { ...shares, min: this.minCoverage, minWords: plainWords >= 3 || partWords >= 2 ? 2 : 1 };
    const answerScore = (parsed.errorFingerprint ? this.errorAnswerStrength : this.answerStrength) * shares.telling;
    const exactTitles = exactTitleTerms(query.q, parsed.errorFingerprint !== null);
    const postings = parsed.errorFingerprint ? Math.max(1, Math.round(this.perTermLimit * PASTED_POSTINGS_SHARE)) : this.perTermLimit;
    const rankWith = (phrases: string[]) =>
      this.rank({
        scope: query.scope,
        filters: query.filters,
        weighted,
        nWords,
        coverage,
        answerScore,
        // A question none of whose words that some entry shares is more than everyday English
        // (text/names.ts isEverydayWord: "days", "place", "store", "room") has no answer unless some
        // entry matches all its words or matches it at WEAK_STRENGTH (so a match the weak flag would
        // mark is no match at all): "how many days off do I get this year" shares "many",
        // "days" and "get" with runbooks about too many pods and error budgets, and nothing of what
        // they are about. A question about what the knowledge base holds names at least one less
        // common word some entry shares ("kubelet", "certificate", "conntrack"), or matches strongly in
        // plain words ("disk full", "leader election"). Not for pasted lines. Set on the tune halves: 3
        // more unanswerable questions answered with nothing, no answerable one lost; a higher bar
        // caught more but lost plain questions such as "cannot connect to database".
        specific: [...used].filter((qi) => !isEverydayWord(parsed.terms[qi]!.word)),
        everydayScore: parsed.errorFingerprint ? 0 : WEAK_STRENGTH * shares.telling,
        fingerprint: parsed.errorFingerprint,
        exactTitles,
        postings,
        phrases,
        exclude: null,
        sort: query.sort ?? "relevance",
        limit: query.limit,
        offset,
      });
    let ranked: Ranked =
      weighted.length || parsed.errorFingerprint || exactTitles.length
        ? await rankWith(parsed.phrases)
        : { total: 0, page: [], facets: EMPTY_FACETS(), entries: [], bestStrength: 0, bestCovered: 0, anchored: false };
    // Quoted words that no entry has together (a message quoted from memory, a log line's quotes not
    // recognised as such) are searched as words rather than answering nothing, as web search does;
    // the answer gate still decides whether anything answers them.
    if (ranked.total === 0 && parsed.phrases.length && weighted.length) ranked = await rankWith([]);
    const words = parsed.terms.flatMap((t) => [t.word, t.term]);
    const hits = await this.hydrate(
      ranked.page,
      [...words, ...weighted.map((w) => w.term)],
      parsed.terms.filter((t) => t.prefix).map((t) => t.word),
      ranked.entries,
    );
    return {
      hits,
      total: ranked.total,
      // Each term reads a bounded number of postings, so a very common word's total is a floor.
      totalIsEstimate: ranked.total >= postings,
      facets: ranked.facets,
      nextCursor: offset + query.limit < ranked.total ? encodeCursor(offset + query.limit) : null,
      mode: parsed.errorFingerprint ? "error" : "text",
      weakMatch: this.weakMatch(ranked, shares.telling, coverage !== null),
    };
  }

  /**
   * Whether an answered query's best match is weak (WEAK_STRENGTH). Judged on the whole ranking, not
   * the page, so every page of a search says the same; a fingerprint or exact-title match is never weak.
   */
  private weakMatch(ranked: Ranked, telling: number, question: boolean): boolean {
    if (ranked.total === 0 || ranked.anchored) return false;
    if (question && ranked.bestCovered >= 1 - 1e-9) return false;
    return ranked.bestStrength < (question ? WEAK_STRENGTH : ERROR_WEAK_STRENGTH) * telling;
  }

  /** No words: the newest entries the caller may read, with exact totals and facets. */
  private async browse(query: SearchQuery, offset: number): Promise<SearchResult> {
    const where = sql`${visibilitySql(query.scope)} and ${filtersSql(query.filters)}`;
    const found = await rows<CandidateRow & { total: number }>(
      this.db,
      sql`select d.entry_id, null as score, null as matched, false as fp, d.kind, d.team_id, d.status, d.severity, d.year,
            d.tags, d.services, d.feedback, d.review_due_at, d.updated_at, count(*) over ()::int as total
          from search_docs d where ${where}
          order by d.updated_at desc, d.entry_id limit ${query.limit} offset ${offset}`,
    );
    const facetRows = await rows<{ f: keyof Facets; v: string; n: number }>(
      this.db,
      sql`with v as (select d.* from search_docs d where ${where})
          select 'kind' as f, kind as v, count(*)::int as n from v group by kind
          union all select 'team', team_id::text, count(*)::int from v where team_id is not null group by team_id
          union all select 'status', status, count(*)::int from v group by status
          union all select 'severity', severity, count(*)::int from v where severity is not null group by severity
          union all select 'year', year::text, count(*)::int from v group by year
          union all (select 'tag', t, count(*)::int from v, unnest(v.tags) t group by t order by count(*) desc limit 50)
          union all (select 'service', s, count(*)::int from v, unnest(v.services) s group by s order by count(*) desc limit 50)`,
    );
    const facets = EMPTY_FACETS();
    for (const r of facetRows) facets[r.f][r.v] = Number(r.n);
    const total = Number(found[0]?.total ?? Object.values(facets.kind).reduce((a, b) => a + b, 0));
    const hits = await this.hydrate(found.map((r) => ({ id: r.entry_id, score: 0, fp: false })), [], []);
    return {
      hits,
      total,
      totalIsEstimate: false,
      facets,
      nextCursor: offset + query.limit < total ? encodeCursor(offset + query.limit) : null,
      mode: "text",
      weakMatch: false,
    };
  }

  /** Turns ranked ids into hits with safe snippets (text from the entries table). */
  private async hydrate(
    ranked: { id: string; score: number; fp: boolean }[],
    words: string[],
    prefixes: string[],
    /** The page's entries when the ranking statement already read them. */
    prefetched?: EntryRow[],
  ): Promise<SearchHit[]> {
    if (ranked.length === 0) return [];
    const found =
      prefetched ??
      (await rows<EntryRow>(
        this.db,
        sql`select e.id, e.kind, e.slug, e.title, e.summary, left(e.body, 30000) as body, e.team_id, e.status,
            e.fields->>'severity' as severity, e.source_url, e.external_key, e.updated_at
          from entries e where e.id = any(${sql.param(ranked.map((r) => r.id))}::uuid[])`,
      ));
    const byId = new Map(found.map((f) => [f.id, f]));
    return ranked.flatMap((r) => {
      const e = byId.get(r.id);
      if (!e) return [];
      const fromBody = makeSnippet(e.body, words, prefixes);
      const snippet = fromBody.includes("<mark>") || !e.summary ? fromBody : makeSnippet(e.summary, words, prefixes);
      return [
        {
          id: e.id,
          kind: e.kind,
          slug: e.slug,
          title: e.title,
          snippet,
          teamId: e.team_id,
          status: e.status,
          severity: e.severity,
          sourceUrl: e.source_url,
          externalKey: e.external_key,
          updatedAt: toDate(e.updated_at)!,
          score: r.score,
          fingerprintMatch: r.fp,
        },
      ];
    });
  }

  async related(id: string, scope: ReadScope, limit: number): Promise<SearchHit[]> {
    const top = await rows<{ term: string; df: number }>(
      this.db,
      sql`select p.term, t.df from search_docs d, unnest(d.terms, d.impacts) as p(term, impact) join search_terms t on t.term = p.term
          where d.entry_id = ${id} order by p.impact * ln(1 + 1.0 / greatest(t.df, 1)) desc limit 15`,
    );
    if (top.length === 0) return [];
    const docCount = await this.stats();
    const weighted = top.map((t, qi) => ({ qi, term: t.term, w: idf(Number(t.df), docCount) }));
    const ranked = await this.rank({
      scope,
      filters: undefined,
      weighted,
      nWords: weighted.length,
      coverage: null,
      answerScore: 0,
      specific: [],
      everydayScore: 0,
      fingerprint: null,
      exactTitles: [],
      postings: this.perTermLimit,
      phrases: [],
      exclude: id,
      sort: "relevance",
      limit,
      offset: 0,
    });
    return this.hydrate(ranked.page, [], [], ranked.entries);
  }
}
