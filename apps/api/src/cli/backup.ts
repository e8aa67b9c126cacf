// `hindsight-admin backup <file>` and `hindsight-admin restore <file>`: the whole workspace as one
// gzipped JSON-lines file, and back. Owns the backup format (docs/reliability.md (Operations)):
//
//   line 1   header: {"format":"hindsight-backup","version":1,"createdAt",…,"migrations":{"level","applied"},
//            "tables":[{"name","columns","rows"}…] (in restore order: parents before children),
//            "excluded":{table: why}}
//   then     per table: {"table":"users","rows":N}, followed by N lines, one row each (row_to_json:
//            snake_case columns, timestamps as ISO text with offset, arrays and jsonb as JSON)
//   last     {"end":true,"rows":total}
//
// A backup is read in one repeatable-read snapshot, so it is consistent even beside a running server on
// Postgres. A restore goes into a database at the same migration level, in one transaction (all of it
// or nothing), then the search index is rebuilt from the restored entries.
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { createDatabase, migrationStatus, runMigrations, type Database, type DbOrTx } from "@hindsight/db";
import { sql } from "@hindsight/db/orm";
import { Conflict, Invalid } from "@hindsight/domain";
import type { Config } from "../config.js";
import { ADMIN_HANDLE } from "../identity/identity.js";
import { reindexDatabase, type ReindexResult } from "./reindex.js";

export const BACKUP_FORMAT = "hindsight-backup";
export const BACKUP_VERSION = 1;

/**
 * Tables a backup leaves out, and why (the docs list them too). Every other table of the schema is
 * backed up, so a table added later is included without anyone remembering to.
 */
export const EXCLUDED_TABLES: Readonly<Record<string, string>> = {
  sessions: "browser sessions end with a restore: people sign in again (rows hold OpenID Connect ID tokens)",
  oidc_login_states: "single sign-on flows in flight (minutes)",
  setup_tokens: "one-time first-admin links (a restored workspace has its admins)",
  sign_in_failures: "rate-limit counters (minutes to hours)",
  rate_limit_hits: "request rate-limit counters (minutes to hours)",
  search_docs: "derived: rebuilt from entries after a restore",
  search_postings: "derived: rebuilt from entries after a restore",
  search_terms: "derived: rebuilt from entries after a restore",
  search_stats: "derived: rebuilt from entries after a restore",
  search_outbox: "derived: a restore re-indexes every entry",
};

export interface BackupTable {
  name: string;
  columns: string[];
  rows: number;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  driver: Database["driver"];
  migrations: { level: string | null; applied: number };
  tables: BackupTable[];
  excluded: Record<string, string>;
}

type Rows<T> = { rows: T[] };

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

/** The schema's tables (public), parents before children, so inserts never break a foreign key. */
async function tablesInRestoreOrder(db: DbOrTx): Promise<string[]> {
  const tables = ((await db.execute(sql`select tablename from pg_tables where schemaname = 'public' order by tablename`)) as unknown as Rows<{ tablename: string }>).rows.map(
    (r) => r.tablename,
  );
  const fks = ((await db.execute(sql`
    select c.relname as child, p.relname as parent
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid join pg_namespace cn on cn.oid = c.relnamespace
    join pg_class p on p.oid = k.confrelid
    where k.contype = 'f' and cn.nspname = 'public'`)) as unknown as Rows<{ child: string; parent: string }>).rows;
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const { child, parent } of fks) if (child !== parent) parents.get(child)?.add(parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter((t) => !placed.has(t) && [...parents.get(t)!].every((p) => placed.has(p)));
    if (ready.length === 0) throw new Error(`circular foreign keys among ${tables.filter((t) => !placed.has(t)).join(", ")}`);
    for (const t of ready) {
      ordered.push(t);
      placed.add(t);
    }
  }
  return ordered;
}

async function columnsOf(db: DbOrTx, table: string): Promise<string[]> {
  const r = (await db.execute(sql`
    select column_name from information_schema.columns
    where table_schema = 'public' and table_name = ${table} order by ordinal_position`)) as unknown as Rows<{ column_name: string }>;
  return r.rows.map((c) => c.column_name);
}

/** Every row of a table as JSON text, in pages (by physical position, stable inside the snapshot). */
async function* tableRows(db: DbOrTx, table: string, pageSize = 2_000): AsyncGenerator<string> {
  let after = "(0,0)";
  for (;;) {
    const page = ((await db.execute(
      sql`select t.ctid::text as ctid, row_to_json(t)::text as j from ${ident(table)} t where t.ctid > ${after}::tid order by t.ctid limit ${pageSize}`,
    )) as unknown as Rows<{ ctid: string; j: string }>).rows;
    for (const r of page) yield r.j;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.ctid;
  }
}

export interface BackupSummary {
  file: string;
  tables: number;
  rows: number;
  bytes: number;
}

/**
 * Writes a backup of `database` to `file` (written beside it first and renamed when complete, so a
 * failed backup never leaves a truncated file under the name).
 */
export async function writeBackup(database: Database, file: string): Promise<BackupSummary> {
  const status = await migrationStatus(database);
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.partial`);
  let total = 0;
  let tableCount = 0;
  try {
    await database.db.transaction(
      async (tx) => {
        const names = (await tablesInRestoreOrder(tx)).filter((t) => !(t in EXCLUDED_TABLES));
        const tables: BackupTable[] = [];
        for (const name of names) {
          const [{ n } = { n: 0 }] = ((await tx.execute(sql`select count(*)::int as n from ${ident(name)}`)) as unknown as Rows<{ n: number }>).rows;
          tables.push({ name, columns: await columnsOf(tx, name), rows: Number(n) });
        }
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: new Date().toISOString(),
          driver: database.driver,
          migrations: { level: status.level, applied: status.applied },
          tables,
          excluded: { ...EXCLUDED_TABLES },
        };
        async function* lines(): AsyncGenerator<string> {
          yield `${JSON.stringify(header)}\n`;
          for (const t of tables) {
            yield `${JSON.stringify({ table: t.name, rows: t.rows })}\n`;
            let n = 0;
            for await (const row of tableRows(tx, t.name)) {
              n++;
              yield `${row}\n`;
            }
            if (n !== t.rows) throw new Error(`${t.name}: counted ${t.rows} rows but read ${n}`);
            total += n;
          }
          yield `${JSON.stringify({ end: true, rows: total })}\n`;
        }
        await pipeline(lines(), createGzip(), fs.createWriteStream(tmp));
        tableCount = tables.length;
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    );
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  return { file, tables: tableCount, rows: total, bytes: fs.statSync(file).size };
}

/** Reads a backup file line by line (gunzipped). */
async function* backupLines(file: string): AsyncGenerator<string> {
  if (!fs.existsSync(file)) throw new Invalid(`No backup file at ${file}`, { file: ["does not exist"] });
  const input = fs.createReadStream(file).pipe(createGunzip());
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of rl) if (line) yield line;
  } catch (err) {
    throw new Invalid(`${file} is not a Hindsight backup (not gzip: ${(err as Error).message})`, { file: ["must be a file written by hindsight-admin backup"] });
  }
}

/** Reads and checks a backup's header only. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  for await (const line of backupLines(file)) return parseHeader(line, file);
  throw new Invalid(`${file} is empty`, { file: ["must be a file written by hindsight-admin backup"] });
}

function parseHeader(line: string, file: string): BackupHeader {
  let header: Partial<BackupHeader>;
  try {
    header = JSON.parse(line) as Partial<BackupHeader>;
  } catch {
    header = {};
  }
  if (header.format !== BACKUP_FORMAT || !Array.isArray(header.tables)) {
    throw new Invalid(`${file} is not a Hindsight backup (no ${BACKUP_FORMAT} header)`, { file: ["must be a file written by hindsight-admin backup"] });
  }
  if (header.version !== BACKUP_VERSION) {
    throw new Invalid(`${file} is a version ${header.version} backup; this Hindsight reads version ${BACKUP_VERSION}`, { file: ["backup format version not supported"] });
  }
  return header as BackupHeader;
}

export interface RestoreOptions {
  /** Replace whatever the database holds (default: refuse a database that holds anything). */
  force?: boolean;
  /** Rows per insert statement. */
  batchSize?: number;
}

export interface RestoreSummary {
  tables: number;
  rows: number;
  header: BackupHeader;
}

/**
 * What the database holds that a restore would replace: row counts of non-empty tables, ignoring the
 * built-in admin user (every server start creates it) and tables a backup leaves out.
 */
export async function workspaceContents(db: DbOrTx): Promise<Record<string, number>> {
  const held: Record<string, number> = {};
  for (const t of await tablesInRestoreOrder(db)) {
    if (t in EXCLUDED_TABLES) continue;
    const where = t === "users" ? sql` where handle <> ${ADMIN_HANDLE}` : sql``;
    const [{ n } = { n: 0 }] = ((await db.execute(sql`select count(*)::int as n from ${ident(t)}${where}`)) as unknown as Rows<{ n: number }>).rows;
    if (Number(n) > 0) held[t] = Number(n);
  }
  return held;
}

/**
 * Restores `file` into `database` (migrated here first) in one transaction. The search index is left
 * empty: the caller rebuilds it (`hindsight-admin restore` does).
 */
export async function restoreBackup(database: Database, file: string, options: RestoreOptions = {}): Promise<RestoreSummary> {
  const batchSize = options.batchSize ?? 500;
  await runMigrations(database);
  const lines = backupLines(file);
  const first = await lines.next();
  if (first.done) throw new Invalid(`${file} is empty`, { file: ["must be a file written by hindsight-admin backup"] });
  const header = parseHeader(first.value, file);
  const status = await migrationStatus(database);
  if (header.migrations.level !== status.level || header.migrations.applied !== status.applied) {
    throw new Conflict(
      `The backup was made at migration ${header.migrations.level} (${header.migrations.applied} applied); this Hindsight is at ${status.level} (${status.applied}). ` +
        `Restore with the Hindsight version that made the backup, then upgrade (migrations run at start).`,
    );
  }
  const schemaTables = await tablesInRestoreOrder(database.db);
  const missing = header.tables.filter((t) => !schemaTables.includes(t.name)).map((t) => t.name);
  if (missing.length) throw new Conflict(`The backup holds tables this database does not have: ${missing.join(", ")}`);

  let total = 0;
  await database.db.transaction(async (tx) => {
    const held = await workspaceContents(tx);
    if (Object.keys(held).length > 0 && !options.force) {
      const what = Object.entries(held).map(([t, n]) => `${t}: ${n}`).join(", ");
      throw new Conflict(`The database is not empty (${what}). Restore into an empty database, or pass --force to replace everything it holds.`);
    }
    // Everything goes, excluded tables included: a restored workspace must not keep sessions or index
    // rows of the data it replaced. (Empty but for the built-in admin, this only removes that row.)
    await tx.execute(sql`truncate ${sql.join(schemaTables.filter((t) => t !== "search_stats").map(ident), sql`, `)} restart identity cascade`);
    await tx.execute(sql`update search_stats set doc_count = 0, total_length = 0`);

    let table: BackupTable | null = null;
    let expected = 0;
    let seen = 0;
    let batch: string[] = [];
    const flush = async () => {
      if (!table || batch.length === 0) return;
      const cols = sql.join(table.columns.map(ident), sql`, `);
      await tx.execute(
        sql`insert into ${ident(table.name)} (${cols}) select ${cols} from json_populate_recordset(null::${ident(table.name)}, ${`[${batch.join(",")}]`}::json)`,
      );
      batch = [];
    };
    const finishTable = async () => {
      await flush();
      if (table && seen !== expected) throw new Invalid(`${file} is cut short: ${table.name} has ${seen} of ${expected} rows`, { file: ["incomplete backup"] });
    };
    let ended = false;
    for await (const line of lines) {
      if (line.startsWith('{"table":') || line.startsWith('{"end":')) {
        const marker = JSON.parse(line) as { table?: string; rows: number; end?: boolean };
        await finishTable();
        if (marker.end) {
          if (marker.rows !== total) throw new Invalid(`${file} is damaged: ${total} rows read, ${marker.rows} written`, { file: ["damaged backup"] });
          ended = true;
          break;
        }
        table = header.tables.find((t) => t.name === marker.table) ?? null;
        if (!table) throw new Invalid(`${file} is damaged: a section for ${marker.table}, which the header does not list`, { file: ["damaged backup"] });
        expected = marker.rows;
        seen = 0;
        continue;
      }
      if (!table) throw new Invalid(`${file} is damaged: rows before any table`, { file: ["damaged backup"] });
      batch.push(line);
      seen++;
      total++;
      if (batch.length >= batchSize) await flush();
    }
    if (!ended) throw new Invalid(`${file} is cut short (no end marker): nothing was restored`, { file: ["incomplete backup"] });
    // Serial columns continue after the restored ids.
    const serials = ((await tx.execute(sql`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and column_default like 'nextval(%'`)) as unknown as Rows<{ table_name: string; column_name: string }>).rows;
    for (const s of serials) {
      const t = `"${s.table_name}"`;
      const c = `"${s.column_name}"`;
      await tx.execute(
        sql.raw(`select setval(pg_get_serial_sequence('${t}', '${s.column_name}'), coalesce((select max(${c}) from ${t}), 0) + 1, false)`),
      );
    }
  });
  return { tables: header.tables.length, rows: total, header };
}

/** `hindsight-admin backup <file>`: opens the configured database (on PGlite, stop the server first). */
export async function backupCommand(config: Config, file: string): Promise<BackupSummary> {
  const database = await createDatabase(config.database);
  try {
    await runMigrations(database);
    return await writeBackup(database, file);
  } finally {
    await database.close();
  }
}

/** `hindsight-admin restore <file>`: restores, then rebuilds the configured search engine. */
export async function restoreCommand(
  config: Config,
  file: string,
  options: RestoreOptions & { progress?: boolean } = {},
): Promise<RestoreSummary & { reindex: ReindexResult }> {
  // Checked before the database is opened: a wrong file changes nothing.
  await readBackupHeader(file);
  const database = await createDatabase(config.database);
  try {
    const restored = await restoreBackup(database, file, options);
    const reindex = await reindexDatabase(config, database, { batchSize: 500, progress: options.progress ?? false });
    return { ...restored, reindex };
  } finally {
    await database.close();
  }
}
