// `hindsight publish <dir>`: docs-as-code. Every markdown file of a folder becomes an entry keyed by
// its path (source + externalKey), upserted in batches, so running it again only changes what changed.
// A file the server rejects is reported against its line and left out; the others still publish.
// With --prune, entries of the source whose file is gone from the folder are archived afterwards.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { RestEntryListItem } from "@hindsight/domain";
import { ApiError, type EntryPayload, type HindsightClient, type WriteResult } from "../client.js";
import { CliError, EXIT_FAILURE, EXIT_OK, UsageError } from "../errors.js";
import type { Io } from "../io.js";
import { locateField, parseMarkdownFile, walkMarkdown, type FileProblem, type PublishDefaults } from "../markdown-files.js";
import { startProgress } from "../progress.js";
import { entryUrl } from "../text.js";

export interface PublishOptions extends PublishDefaults {
  dryRun: boolean;
  /** Entries per request (the server takes up to 1,000). */
  batchSize: number;
  /** Also list unchanged files. */
  verbose?: boolean;
  /** Archive the source's entries whose file is no longer in the folder. */
  prune?: boolean;
}

export interface PublishSummary {
  files: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Entries archived by --prune (or that would be, in a dry run). */
  archived: number;
  failed: FileProblem[];
}

interface Item {
  path: string;
  text: string;
  payload: EntryPayload & { externalKey: string; source: string };
  /** Said about the file after it was published. */
  notes: string[];
}

const KEYED_BY_PATH =
  "its front matter says `externalKey: null` (exported from an entry written in the portal), so it is keyed by its path: on the server it came from, this is a copy";

/** Keeps one request well under the server's body limit even when files are large. */
const MAX_BATCH_BYTES = 16 * 1024 * 1024;
/** Statuses that mean "something in this batch is wrong", as opposed to the token or the server. */
const ITEM_STATUSES = new Set([400, 403, 409, 422]);

export async function publish(dir: string, opts: PublishOptions, io: Io, client: HindsightClient | null): Promise<{ exitCode: number; summary: PublishSummary }> {
  const root = path.resolve(dir);
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) throw new UsageError(`${dir} is not a directory`);
  const files = await walkMarkdown(root);
  if (files.length === 0) throw new CliError(`found no markdown files (*.md) under ${dir}`);

  const failed: FileProblem[] = [];
  const items: Item[] = [];
  const keys = new Map<string, string>();
  for (const rel of files) {
    let text: string;
    try {
      text = await readFile(path.join(root, rel), "utf8");
    } catch (err) {
      failed.push({ path: rel, line: 1, message: `cannot read the file: ${(err as Error).message}` });
      continue;
    }
    const parsed = parseMarkdownFile(rel, text, opts);
    if (!parsed.ok) {
      failed.push(parsed.problem);
      continue;
    }
    const key = `${parsed.payload.source}\u0000${parsed.payload.externalKey}`;
    const first = keys.get(key);
    if (first) {
      failed.push({
        path: rel,
        line: locateField(text, "externalKey"),
        message: `externalKey ${parsed.payload.externalKey} (source ${parsed.payload.source}) is already used by ${first}`,
      });
      continue;
    }
    keys.set(key, rel);
    items.push({ path: rel, text, payload: parsed.payload, notes: parsed.keyedByPath ? [KEYED_BY_PATH] : [] });
  }

  const summary: PublishSummary = { files: files.length, created: 0, updated: 0, unchanged: 0, archived: 0, failed };
  const report = () => {
    for (const p of failed.sort((a, b) => a.path.localeCompare(b.path))) io.err(`${p.path}:${p.line}: ${p.message}`);
  };

  if (opts.prune && !client) throw new UsageError("--prune needs an API token, also with --dry-run (it asks the server what the source holds): set HINDSIGHT_TOKEN");
  // Which entries lost their file, judged only when every file was read: a file that failed still exists.
  const prunable = async (): Promise<RestEntryListItem[] | null> => {
    if (!opts.prune || !client) return null;
    if (failed.length > 0) {
      io.err(`not pruning: ${failed.length} file${failed.length === 1 ? "" : "s"} failed, and an entry is archived only when its file is surely gone`);
      return null;
    }
    return stale(await client.entriesOfSource(opts.source), items, opts.source);
  };

  if (opts.dryRun) {
    const toArchive = await prunable();
    for (const it of items) {
      const team = it.payload.team ? `, team ${it.payload.team}` : "";
      io.out(`would publish  ${it.path}  ${it.payload.kind} "${it.payload.title}" (${it.payload.status}${team}; key ${it.payload.source}:${it.payload.externalKey})`);
    }
    for (const e of toArchive ?? []) io.out(`would archive  ${e.externalKey}  ${e.kind} "${e.title}" (${e.status}; no such file under ${dir})`);
    summary.archived = toArchive?.length ?? 0;
    report();
    const pruned = toArchive ? `, ${toArchive.length} entries of source ${opts.source} would be archived` : "";
    io.out(
      `dry run: ${items.length} of ${files.length} files valid, ${failed.length} invalid${pruned}; nothing was ${toArchive ? "changed" : "sent"} (teams and created/updated/unchanged are decided by the server)`,
    );
    return { exitCode: failed.length ? EXIT_FAILURE : EXIT_OK, summary };
  }
  if (!client) throw new UsageError("this command needs an API token: set HINDSIGHT_TOKEN (or pass --token)");

  const lines: string[] = [];
  const done = (item: Item, r: WriteResult) => {
    summary[r.outcome] += 1;
    if (r.outcome !== "unchanged" || opts.verbose) lines.push(`${r.outcome.padEnd(9)}  ${item.path}  ${entryUrl(client.url, r.slug)}`);
    for (const note of item.notes) if (r.outcome === "created" || note !== KEYED_BY_PATH) lines.push(`           note: ${note}`);
    for (const red of r.redactions) lines.push(`           redacted: ${red.kind} in ${red.path} at line ${red.line}`);
    for (const w of r.warnings) lines.push(`           blameless: "${w.match}" in ${w.where}${w.suggestion ? `; try: ${w.suggestion}` : ""}`);
  };
  const fail = (item: Item, field: string, message: string) => {
    failed.push({ path: item.path, line: locateField(item.text, field), message });
  };

  const progress = startProgress(io, "publishing", items.length, "files");
  let sent = 0;
  try {
    for (const batch of batches(items, opts.batchSize)) {
      await sendBatch(client, batch, done, fail);
      sent += batch.length;
      progress.advance(batch.length);
    }
  } catch (err) {
    progress.stop();
    lines.forEach((l) => io.out(l));
    report();
    const message = err instanceof Error ? err.message : String(err);
    throw new CliError(sent > 0 ? `stopped after ${sent} of ${items.length} files were sent: ${message}` : message);
  }
  progress.stop();
  lines.forEach((l) => io.out(l));
  report();
  let pruneFailed = 0;
  for (const e of (await prunable()) ?? []) {
    try {
      // The version seen in the listing: an entry changed since then is left alone (409).
      const r = await client.archiveEntry(e.id, e.version);
      summary.archived += 1;
      io.out(`${"archived".padEnd(9)}  ${e.externalKey}  ${entryUrl(client.url, r.slug)}`);
    } catch (err) {
      if (!(err instanceof ApiError) || (!ITEM_STATUSES.has(err.status) && err.status !== 404)) throw err;
      pruneFailed += 1;
      io.err(`${e.externalKey}: not archived: ${err.message}`);
    }
  }
  const archived = opts.prune ? `, ${summary.archived} archived${pruneFailed ? ` (${pruneFailed} could not be)` : ""}` : "";
  io.out(
    `${files.length} files: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged${archived}${failed.length ? `, ${failed.length} failed` : ""}`,
  );
  return { exitCode: failed.length || pruneFailed ? EXIT_FAILURE : EXIT_OK, summary };
}

/**
 * The entries of `source` that no file of the folder publishes any more: keyed, not archived yet, and
 * whose key no file (under that source) carries. Entries without a key were not written by publish.
 */
export function stale(held: RestEntryListItem[], items: { payload: { source: string; externalKey: string } }[], source: string): RestEntryListItem[] {
  const present = new Set(items.filter((i) => i.payload.source === source).map((i) => i.payload.externalKey));
  return held
    .filter((e) => e.source === source && e.externalKey !== null && e.status !== "archived" && !present.has(e.externalKey))
    .sort((a, b) => (a.externalKey ?? "").localeCompare(b.externalKey ?? ""));
}

function* batches(items: Item[], size: number): Generator<Item[]> {
  let batch: Item[] = [];
  let bytes = 0;
  for (const it of items) {
    const b = Buffer.byteLength(it.payload.body ?? "") + 2_000;
    if (batch.length && (batch.length >= size || bytes + b > MAX_BATCH_BYTES)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(it);
    bytes += b;
  }
  if (batch.length) yield batch;
}

/**
 * Sends one batch. The server takes a batch all or nothing, so when it rejects one, the items it
 * names are set aside and the rest is sent again; a rejection naming no item is narrowed by halving.
 * A refused token, a server failure or a network error stops the whole command.
 */
async function sendBatch(
  client: HindsightClient,
  items: Item[],
  done: (item: Item, r: WriteResult) => void,
  fail: (item: Item, field: string, message: string) => void,
): Promise<void> {
  try {
    const res = await client.upsertEntries(items.map((i) => i.payload));
    if (res.results.length !== items.length) throw new CliError(`the server answered ${res.results.length} results for ${items.length} entries`);
    res.results.forEach((r, k) => done(items[k]!, r));
    return;
  } catch (err) {
    if (!(err instanceof ApiError) || !ITEM_STATUSES.has(err.status)) throw err;
    // Per item: the first field named (to point at its line), its own messages, and all messages.
    const blamed = new Map<number, { field: string; messages: string[] }>();
    for (const [field, messages] of Object.entries(err.fieldErrors)) {
      const m = /^entries\.(\d+)(?:\.(.+))?$/.exec(field);
      if (!m || Number(m[1]) >= items.length) continue;
      const b = blamed.get(Number(m[1])) ?? { field: m[2] ?? "", messages: [] };
      b.messages.push(...messages.map((msg) => (m[2] ? `${m[2]}: ${msg}` : msg)));
      blamed.set(Number(m[1]), b);
    }
    // Errors raised while writing name the item in the message: "entries.3: …".
    const named = /^entries\.(\d+): (.*)$/s.exec(err.serverMessage);
    if (named && Number(named[1]) < items.length && !blamed.has(Number(named[1]))) {
      const teamRefused = err.status === 403 && /teams you belong to/.test(named[2]!);
      const field = teamRefused ? "team" : (Object.keys(err.fieldErrors).find((k) => !k.startsWith("entries.")) ?? "");
      const raw = err.fieldErrors[field] ?? [];
      blamed.set(Number(named[1]), { field, messages: [named[2]!, ...raw.map((msg) => `${field}: ${msg}`)] });
      // A refusal for a team holds for every item of that team: set them aside in one go rather than
      // resending the batch once per file.
      const team = items[Number(named[1])]!.payload.team;
      if (teamRefused && team) {
        items.forEach((it, k) => {
          if (it.payload.team === team && !blamed.has(k)) blamed.set(k, { field: "team", messages: [named[2]!] });
        });
      }
    }
    if (blamed.size > 0) {
      const rest: Item[] = [];
      items.forEach((item, k) => {
        const b = blamed.get(k);
        if (!b) rest.push(item);
        else fail(item, b.field, `rejected by the server (${err.status}): ${b.messages.join("; ")}`);
      });
      if (rest.length) await sendBatch(client, rest, done, fail);
      return;
    }
    if (items.length === 1) {
      const [field] = Object.entries(err.fieldErrors)[0] ?? [""];
      const fields = Object.entries(err.fieldErrors).map(([f, m]) => `${f}: ${m.join("; ")}`);
      fail(items[0]!, field, `rejected by the server (${err.status}): ${[err.serverMessage, ...fields].filter(Boolean).join("; ")}`);
      return;
    }
    const half = Math.ceil(items.length / 2);
    await sendBatch(client, items.slice(0, half), done, fail);
    await sendBatch(client, items.slice(half), done, fail);
  }
}
