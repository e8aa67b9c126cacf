// The shared test corpus as the benchmarks see it: every postmortem and runbook file, tied to its
// corpus id through the `url` of its JSONL record, and the judged dev queries. Loading fails loudly
// when a file and a record do not pair up one to one, since a silent gap would skew every score.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Judgements } from "./metrics.js";

/** ../shared/corpus beside the repository root (the same from src/ and dist/). */
export const DEFAULT_CORPUS = fileURLToPath(new URL("../../../shared/corpus", import.meta.url));

export type CorpusKind = "postmortem" | "runbook";

export interface CorpusDoc {
  /** The corpus id the judgements use, e.g. `dfds/PM2020-006`. */
  id: string;
  kind: CorpusKind;
  /** The title of the JSONL record. */
  title: string;
  /** Path inside the kind's folder, e.g. `dfds-postmortems/PM2020-006 - ADSync service accounts.md`. */
  path: string;
  /** The whole file as published upstream. */
  markdown: string;
  url: string;
}

export interface JudgedQuery {
  q: string;
  rel: Judgements;
}

export interface Corpus {
  dir: string;
  docs: CorpusDoc[];
  queries: JudgedQuery[];
}

export class CorpusError extends Error {
  override name = "CorpusError";
}

/** Every file under `dir`, in a stable order. */
function walk(dir: string): string[] {
  const paths = readdirSync(dir, { recursive: true, encoding: "utf8" }).map((p) => join(dir, p));
  return paths.filter((p) => statSync(p).isFile()).sort();
}

/** Postmortem files: all but READMEs, licences, source notes, the JSONL and the template (one upstream file has no .md extension). */
export function listPostmortemFiles(root: string): string[] {
  return walk(root).filter((p) => {
    const name = p.split("/").pop()!;
    return !/^(README\.md|LICENSE|SOURCE\.txt)$/.test(name) && !/template/i.test(name) && !p.endsWith(".jsonl");
  });
}

export function listRunbookFiles(root: string): string[] {
  return walk(root).filter((p) => p.endsWith(".md"));
}

interface JsonlRecord {
  id: string;
  title: string;
  url: string;
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l, i) => {
      try {
        return JSON.parse(l) as T;
      } catch (err) {
        throw new CorpusError(`${path}:${i + 1}: not JSON (${(err as Error).message})`);
      }
    });
}

/** The path segments of a record's url, decoded (`%20` -> space). */
function urlSegments(url: string): string[] {
  return new URL(url).pathname.split("/").filter(Boolean).map(decodeURIComponent);
}

/**
 * Pairs each file with the record whose url ends in the same file name; when several do, the parent
 * folder decides. Every file and every record must be paired exactly once.
 */
export function pairFilesWithRecords(files: string[], records: JsonlRecord[], root: string): Map<string, JsonlRecord> {
  const byName = new Map<string, JsonlRecord[]>();
  for (const r of records) {
    const name = urlSegments(r.url).pop() ?? "";
    byName.set(name, [...(byName.get(name) ?? []), r]);
  }
  const paired = new Map<string, JsonlRecord>();
  const used = new Set<string>();
  for (const file of files) {
    const segments = relative(root, file).split("/");
    let candidates = byName.get(segments[segments.length - 1]!) ?? [];
    if (candidates.length > 1) {
      const parent = segments[segments.length - 2];
      candidates = candidates.filter((r) => urlSegments(r.url).slice(-2)[0] === parent);
    }
    if (candidates.length !== 1) {
      throw new CorpusError(`${relative(root, file)}: ${candidates.length === 0 ? "no" : "more than one"} JSONL record has this file in its url`);
    }
    const record = candidates[0]!;
    if (used.has(record.id)) throw new CorpusError(`record ${record.id} matches more than one file`);
    used.add(record.id);
    paired.set(file, record);
  }
  const unpaired = records.filter((r) => !used.has(r.id)).map((r) => r.id);
  if (unpaired.length) throw new CorpusError(`no file for JSONL record(s): ${unpaired.join(", ")}`);
  return paired;
}

function loadKind(dir: string, kind: CorpusKind): CorpusDoc[] {
  const root = join(dir, kind === "postmortem" ? "postmortems" : "runbooks");
  const files = kind === "postmortem" ? listPostmortemFiles(root) : listRunbookFiles(root);
  const records = readJsonl<JsonlRecord>(join(root, kind === "postmortem" ? "postmortems.jsonl" : "runbooks.jsonl"));
  const paired = pairFilesWithRecords(files, records, root);
  return files.map((file) => {
    const r = paired.get(file)!;
    return { id: r.id, kind, title: r.title, path: relative(root, file), markdown: readFileSync(file, "utf8"), url: r.url };
  });
}

export function loadQueries(path: string, known?: ReadonlySet<string>): JudgedQuery[] {
  const queries = readJsonl<JudgedQuery>(path);
  for (const [i, query] of queries.entries()) {
    if (typeof query.q !== "string" || !query.q.trim() || typeof query.rel !== "object" || query.rel === null) {
      throw new CorpusError(`${path}:${i + 1}: expected {"q": "...", "rel": {"<corpus id>": grade}}`);
    }
    const unknown = known ? Object.keys(query.rel).filter((id) => !known.has(id)) : [];
    if (unknown.length) throw new CorpusError(`${path}:${i + 1}: judged id(s) not in the corpus: ${unknown.join(", ")}`);
  }
  return queries;
}

export function loadCorpus(dir: string = DEFAULT_CORPUS, queriesPath?: string): Corpus {
  if (!existsSync(join(dir, "README.md"))) {
    throw new CorpusError(`no test corpus at ${dir}: expected ../shared/corpus beside the repository root (or pass --corpus)`);
  }
  const docs = [...loadKind(dir, "postmortem"), ...loadKind(dir, "runbook")];
  const queries = loadQueries(queriesPath ?? join(dir, "queries-dev.jsonl"), new Set(docs.map((d) => d.id)));
  return { dir, docs, queries };
}
