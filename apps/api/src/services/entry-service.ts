// Entries: create, update (optimistic concurrency), workflow transitions, reads through the policy,
// history and diffs. Every write is one transaction: entry + revision (+ outbox) + audit.
import {
  BLAMELESS_KINDS,
  checkEntryBlameless,
  canCreateForTeam,
  canReadEntry,
  canWriteEntry,
  Conflict,
  diffSnapshots,
  Forbidden,
  Invalid,
  kindBasics,
  NotFound,
  parseKindFields,
  readKindFields,
  readScope,
  slugify,
  type CreateEntryInput,
  type Entry,
  type EntryKind,
  type EntryDocument,
  type EntrySnapshot,
  type EntryStatus,
  type EntrySummary,
  type FieldChange,
  type Grants,
  type ListEntriesInput,
  type Revision,
  type UpdateEntryInput,
} from "@hindsight/domain";
import { entryReadPredicate, schema, type DbOrTx, type Tx } from "@hindsight/db";
import { and, desc, eq, inArray, lt, or, sql, type SQL } from "@hindsight/db/orm";
import { ZodError } from "zod";
import { actionItemsAsFields, syncActionItems } from "./action-item-service.js";
import { audit } from "./audit.js";
import { cleanContent, type Content, type Redaction } from "./content.js";
import type { ServiceContext } from "./context.js";
import { guarded, loadRow, type EntryRow } from "./entry-rows.js";
import { notifyCitedTeams, notifyCitedTeamsMany } from "./related-service.js";

const { entries, entryGrants, entryRevisions, teams, users } = schema;

// Loading a row with its grants sits below both this module and the action-item service.
export { loadGuarded } from "./entry-rows.js";

export const summaryColumns = {
  id: entries.id,
  kind: entries.kind,
  slug: entries.slug,
  title: entries.title,
  summary: entries.summary,
  tags: entries.tags,
  services: entries.services,
  teamId: entries.teamId,
  teamSlug: teams.slug,
  authorId: entries.authorId,
  authorName: users.name,
  visibility: entries.visibility,
  status: entries.status,
  sourceUrl: entries.sourceUrl,
  source: entries.source,
  externalKey: entries.externalKey,
  version: entries.version,
  createdAt: entries.createdAt,
  updatedAt: entries.updatedAt,
  publishedAt: entries.publishedAt,
};

async function replaceGrants(tx: Tx, entryId: string, grants: Grants): Promise<void> {
  await tx.delete(entryGrants).where(eq(entryGrants.entryId, entryId));
  const rows = [
    ...grants.userIds.map((userId) => ({ entryId, userId })),
    ...grants.teamIds.map((teamId) => ({ entryId, teamId })),
  ];
  if (rows.length > 0) await tx.insert(entryGrants).values(rows);
}

async function hydrate(db: DbOrTx, row: EntryRow & { grants: Grants }): Promise<Entry> {
  const [meta] = await db
    .select({ teamSlug: teams.slug, authorName: users.name })
    .from(users)
    .leftJoin(teams, row.teamId ? eq(teams.id, row.teamId) : sql`false`)
    .where(eq(users.id, row.authorId));
  let fields = row.fields;
  if (kindBasics(row.kind)?.carriesActionItems) {
    // Tracking (status, owner, closing fix) lives on the rows; show their live state.
    const live = await actionItemsAsFields(db, row.id);
    if (live.length || "actionItems" in fields) fields = { ...fields, actionItems: live };
  }
  return {
    ...row,
    ...readKindFields(row.kind as EntryKind, fields),
    kind: row.kind as EntryKind,
    visibility: row.visibility as Entry["visibility"],
    status: row.status as EntryStatus,
    teamSlug: meta?.teamSlug ?? null,
    authorName: meta?.authorName ?? "",
  };
}

function snapshotOf(row: EntryRow, grants: Grants): EntrySnapshot {
  return {
    kind: row.kind as EntryKind,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    body: row.body,
    tags: row.tags,
    services: row.services,
    teamId: row.teamId,
    visibility: row.visibility as Entry["visibility"],
    grants,
    status: row.status as EntryStatus,
    sourceUrl: row.sourceUrl,
    externalKey: row.externalKey,
    fields: row.fields,
  };
}

async function recordWrite(
  tx: Tx,
  ctx: ServiceContext,
  row: EntryRow,
  grants: Grants,
  action: string,
  note: string | null = null,
  detail: Record<string, unknown> = {},
  overrides: Record<string, unknown> | null = null,
): Promise<void> {
  await tx.insert(entryRevisions).values({
    entryId: row.id,
    version: row.version,
    snapshot: snapshotOf(row, grants),
    authorId: ctx.actor.userId,
    note,
    overrides,
    createdAt: row.updatedAt,
  });
  await ctx.search.touch(tx, row.id);
  await audit(tx, ctx.actor, action, "entry", row.id, { version: row.version, kind: row.kind, ...detail, ...(overrides ? { overrides: Object.keys(overrides) } : {}) });
}

/** Redaction counts for the audit log: kinds and numbers, never the text. */
function redactionDetail(redactions: Redaction[]): Record<string, unknown> {
  if (redactions.length === 0) return {};
  const byKind: Record<string, number> = {};
  for (const r of redactions) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
  return { redactions: byKind };
}

async function checkTeamExists(tx: DbOrTx, teamId: string | null, field = "teamId"): Promise<void> {
  if (!teamId) return;
  const [t] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId));
  if (!t) throw new Invalid(`Unknown team ${teamId}`, { [field]: ["no team with this id"] });
}

async function checkGrantTargets(tx: DbOrTx, grants: Grants): Promise<void> {
  if (grants.userIds.length) {
    const found = await tx.select({ id: users.id }).from(users).where(inArray(users.id, grants.userIds));
    if (found.length !== new Set(grants.userIds).size) throw new Invalid("Unknown user in grants", { "grants.userIds": ["contains an unknown user id"] });
  }
  if (grants.teamIds.length) {
    const found = await tx.select({ id: teams.id }).from(teams).where(inArray(teams.id, grants.teamIds));
    if (found.length !== new Set(grants.teamIds).size) throw new Invalid("Unknown team in grants", { "grants.teamIds": ["contains an unknown team id"] });
  }
}

/** Fails with NOT_FOUND when the caller may not read, FORBIDDEN when they may read but not write. */
function assertWritable(ctx: ServiceContext, row: EntryRow & { grants: Grants }): void {
  if (!canReadEntry(ctx.actor, guarded(row))) throw new NotFound("Entry");
  if (!canWriteEntry(ctx.actor, guarded(row))) throw new Forbidden("Only the author, the owner team or an admin may change this entry");
}

export interface WriteResult {
  entry: Entry;
  outcome: "created" | "updated" | "unchanged";
  /** Secrets removed from this save's text (kind and position only, never the secret). */
  redactions: Redaction[];
  /** Blameless-check findings published over (acknowledged), if any. */
  warnings: BlamelessWarning[];
}

export interface BlamelessWarning {
  where: string;
  match: string;
  rule: string;
  suggestion: string;
}

function warningsOf(overrides: Record<string, unknown> | null): BlamelessWarning[] {
  return (overrides?.blameless as BlamelessWarning[] | undefined) ?? [];
}

export interface WriteOptions {
  /**
   * Publishing a postmortem or game day whose text the blameless check flags needs this; the
   * findings are then kept with the revision. Without it such a publish is refused, listing them.
   */
  acknowledgeWarnings?: boolean;
}

/**
 * The blameless gate at publish: returns the override to record with the revision, or throws
 * when there are findings the writer has not acknowledged.
 */
function blamelessGate(kind: string, content: Content, opts: WriteOptions): Record<string, unknown> | null {
  if (!(BLAMELESS_KINDS as readonly string[]).includes(kind)) return null;
  const findings = checkEntryBlameless(content);
  if (findings.length === 0) return null;
  const summary = findings.map(({ where, match, rule, suggestion }) => ({ where, match, rule, suggestion }));
  if (!opts.acknowledgeWarnings) {
    throw new Invalid(
      `The blameless check flagged ${findings.length} phrase${findings.length === 1 ? "" : "s"}; reword them or publish acknowledging the warnings`,
      Object.fromEntries(findings.map((f) => [f.where, [`"${f.match}": ${f.reason} Try: ${f.suggestion}`]])),
    );
  }
  return { blameless: summary };
}

/** Creates an entry inside an existing transaction (bulk imports share one). */
export async function createEntryTx(tx: Tx, ctx: ServiceContext, input: CreateEntryInput, opts: WriteOptions = {}): Promise<Entry> {
  return (await insertEntry(tx, ctx, input, opts)).entry;
}

/** One new entry: the bulk path with a batch of one, so single and bulk creates cannot drift apart. */
async function insertEntry(tx: Tx, ctx: ServiceContext, input: CreateEntryInput, opts: WriteOptions): Promise<WriteResult> {
  const [result] = await createEntriesTx(tx, ctx, [input], opts);
  return result!;
}

export function createEntry(ctx: ServiceContext, input: CreateEntryInput, opts: WriteOptions = {}): Promise<Entry> {
  return ctx.search.transaction(ctx.db, (tx) => createEntryTx(tx, ctx, input, opts));
}

export type Changes = Omit<UpdateEntryInput, "id" | "expectedVersion" | "note"> & { status?: EntryStatus };

/** Applies changes to a locked, writable row; bumps the version and records a revision unless nothing changed. */
async function applyChanges(
  tx: Tx,
  ctx: ServiceContext,
  current: EntryRow & { grants: Grants },
  changes: Changes,
  action: string,
  note: string | null,
  opts: WriteOptions = {},
): Promise<WriteResult> {
  let fields = current.fields;
  if (changes.fields !== undefined) {
    try {
      fields = parseKindFields(current.kind as EntryKind, changes.fields);
    } catch (err) {
      if (err instanceof ZodError) {
        throw new Invalid(
          `fields do not match the ${current.kind} schema`,
          Object.fromEntries(err.issues.map((i) => [["fields", ...i.path].join("."), [i.message]])),
        );
      }
      throw err;
    }
  }
  const content = cleanContent(current.kind as EntryKind, {
    title: changes.title ?? current.title,
    summary: changes.summary ?? current.summary,
    body: changes.body ?? current.body,
    fields,
  });
  fields = content.fields;
  if (changes.fields !== undefined) fields = await syncActionItems(tx, current, fields);
  if (changes.teamId !== undefined && changes.teamId !== current.teamId) {
    if (!canCreateForTeam(ctx.actor, changes.teamId)) throw new Forbidden("You may only move entries to teams you belong to");
    await checkTeamExists(tx, changes.teamId);
  }
  const grants = changes.grants ?? current.grants;
  if (changes.grants) await checkGrantTargets(tx, changes.grants);

  const next = {
    title: content.title,
    summary: content.summary,
    body: content.body,
    tags: changes.tags ?? current.tags,
    services: changes.services ?? current.services,
    teamId: changes.teamId !== undefined ? changes.teamId : current.teamId,
    visibility: changes.visibility ?? current.visibility,
    sourceUrl: changes.sourceUrl !== undefined ? changes.sourceUrl : current.sourceUrl,
    status: changes.status ?? current.status,
    fields,
  };
  const before = snapshotOf(current, current.grants);
  const after = snapshotOf({ ...current, ...next }, grants);
  if (diffSnapshots(before, after).length === 0) {
    return { entry: await hydrate(tx, current), outcome: "unchanged", redactions: content.redactions, warnings: [] };
  }
  const overrides = next.status === "published" && current.status !== "published" ? blamelessGate(current.kind, content, opts) : null;
  const now = new Date();
  const [row] = await tx
    .update(entries)
    .set({
      ...next,
      fingerprints: content.fingerprints,
      version: current.version + 1,
      updatedAt: now,
      publishedAt: next.status === "published" && current.status !== "published" ? now : current.publishedAt,
    })
    .where(and(eq(entries.id, current.id), eq(entries.version, current.version)))
    .returning();
  if (!row) throw new Conflict("The entry changed while saving; reload and try again", { currentVersion: current.version + 1 });
  if (changes.grants) await replaceGrants(tx, row.id, grants);
  const detail = { ...(next.status !== current.status ? { from: current.status, to: next.status } : {}), ...redactionDetail(content.redactions) };
  await recordWrite(tx, ctx, row, grants, action, note, detail, overrides);
  // A newly published postmortem tells the owners of the runbooks and fixes it cites (same transaction).
  if (next.status === "published" && current.status !== "published") await notifyCitedTeams(tx, row);
  return { entry: await hydrate(tx, { ...row, grants }), outcome: "updated", redactions: content.redactions, warnings: warningsOf(overrides) };
}

async function lockForWrite(tx: Tx, ctx: ServiceContext, id: string, expectedVersion?: number) {
  const current = await loadRow(tx, eq(entries.id, id), true);
  if (!current) throw new NotFound("Entry");
  assertWritable(ctx, current);
  if (expectedVersion !== undefined && current.version !== expectedVersion) {
    throw new Conflict(`The entry is at version ${current.version}, not ${expectedVersion}: someone else saved first`, {
      currentVersion: current.version,
      expectedVersion,
    });
  }
  return current;
}

/**
 * One audited change of an entry by a writer: lock, check the expected version, apply, record.
 * `check` may refuse the change after seeing the current entry (e.g. a runbook review on a fix).
 */
export function changeEntry(ctx: ServiceContext, id: string, opts: ChangeOptions): Promise<Entry> {
  return ctx.search.transaction(ctx.db, (tx) => changeEntryTx(tx, ctx, id, opts));
}

export type ChangeOptions = {
  changes: (current: Entry) => Changes;
  action: string;
  note?: string | null;
  expectedVersion?: number;
} & WriteOptions;

/** `changeEntry` inside the caller's transaction, for writes that change more than the entry. */
export async function changeEntryTx(tx: Tx, ctx: ServiceContext, id: string, opts: ChangeOptions): Promise<Entry> {
  const current = await lockForWrite(tx, ctx, id, opts.expectedVersion);
  const changes = opts.changes(await hydrate(tx, current));
  return (await applyChanges(tx, ctx, current, changes, opts.action, opts.note ?? null, opts)).entry;
}

export function updateEntry(ctx: ServiceContext, input: UpdateEntryInput, opts: WriteOptions = {}): Promise<Entry> {
  const { id, expectedVersion, note, ...changes } = input;
  return changeEntry(ctx, id, { changes: () => changes, action: "entry.update", note: note ?? null, expectedVersion, ...opts });
}

const TRANSITIONS: Record<"submit" | "publish" | "archive" | "restore", { from: EntryStatus[]; to: EntryStatus }> = {
  submit: { from: ["draft"], to: "in_review" },
  publish: { from: ["draft", "in_review"], to: "published" },
  archive: { from: ["draft", "in_review", "published"], to: "archived" },
  restore: { from: ["archived"], to: "published" },
};
export type Transition = keyof typeof TRANSITIONS;

export type TransitionOptions = { expectedVersion?: number; check?: (current: Entry) => void } & WriteOptions;

export function transitionEntry(ctx: ServiceContext, id: string, transition: Transition, opts: TransitionOptions = {}): Promise<Entry> {
  return ctx.search.transaction(ctx.db, (tx) => transitionEntryTx(tx, ctx, id, transition, opts));
}

/** `transitionEntry` inside the caller's transaction (a submit and its reviewers commit together). */
export function transitionEntryTx(tx: Tx, ctx: ServiceContext, id: string, transition: Transition, opts: TransitionOptions = {}): Promise<Entry> {
  const rule = TRANSITIONS[transition];
  return changeEntryTx(tx, ctx, id, {
    expectedVersion: opts.expectedVersion,
    action: `entry.${transition}`,
    acknowledgeWarnings: opts.acknowledgeWarnings,
    changes: (current) => {
      if (!rule.from.includes(current.status)) {
        throw new Conflict(`Cannot ${transition} an entry that is ${current.status.replace("_", " ")}`, { status: current.status });
      }
      opts.check?.(current);
      return { status: rule.to };
    },
  });
}

/**
 * Idempotent import: an existing (source, externalKey) is updated in place (new revision only if
 * something changed); otherwise a new entry is created. Runs inside the caller's transaction.
 */
export async function upsertEntryTx(tx: Tx, ctx: ServiceContext, input: CreateEntryInput, opts: WriteOptions = {}): Promise<WriteResult> {
  if (input.externalKey) {
    const current = await loadRow(
      tx,
      and(eq(entries.source, input.source), eq(entries.externalKey, input.externalKey))!,
      true,
    );
    if (current) {
      assertWritable(ctx, current);
      if (current.kind !== input.kind) {
        throw new Invalid(`externalKey ${input.externalKey} belongs to a ${current.kind}, not a ${input.kind}`, {
          kind: [`must stay ${current.kind} for an existing externalKey`],
        });
      }
      const { kind: _k, source: _s, externalKey: _e, ...changes } = input;
      return applyChanges(tx, ctx, current, changes, "entry.update", "import", opts);
    }
  }
  return insertEntry(tx, ctx, input, opts);
}

/** Reads one entry through the policy; a refused read is audited and looks exactly like a missing one. */
export async function getEntry(ctx: ServiceContext, by: { id: string } | { slug: string }): Promise<Entry> {
  const row = await loadRow(ctx.db, "id" in by ? eq(entries.id, by.id) : eq(entries.slug, by.slug));
  if (!row) throw new NotFound("Entry");
  if (!canReadEntry(ctx.actor, guarded(row))) {
    await audit(ctx.db, ctx.actor, "entry.read_denied", "entry", row.id);
    throw new NotFound("Entry");
  }
  return hydrate(ctx.db, row);
}

function encodeCursor(updatedAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([updatedAt.toISOString(), id])).toString("base64url");
}

function decodeCursor(cursor: string): { updatedAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as [string, string];
    const updatedAt = new Date(at);
    if (Number.isNaN(updatedAt.getTime()) || typeof id !== "string" || !/^[0-9a-f-]{36}$/.test(id)) throw new Error();
    return { updatedAt, id };
  } catch {
    throw new Invalid("cursor is not valid", { cursor: ["is not a cursor returned by this API"] });
  }
}

/** Lists entries the caller may read, newest change first, with keyset pagination. */
export async function listEntries(
  ctx: ServiceContext,
  input: ListEntriesInput,
): Promise<{ items: EntrySummary[]; nextCursor: string | null }> {
  const conditions: (SQL | undefined)[] = [entryReadPredicate(ctx.db, readScope(ctx.actor))];
  if (input.kind) conditions.push(eq(entries.kind, input.kind));
  if (input.status) conditions.push(eq(entries.status, input.status));
  if (input.teamId) conditions.push(eq(entries.teamId, input.teamId));
  if (input.authorId) conditions.push(eq(entries.authorId, input.authorId));
  if (input.source) conditions.push(eq(entries.source, input.source));
  if (input.tag) conditions.push(sql`${input.tag.toLowerCase()} = any(${entries.tags})`);
  if (input.service) conditions.push(sql`${input.service.toLowerCase()} = any(${entries.services})`);
  if (input.cursor) {
    const c = decodeCursor(input.cursor);
    conditions.push(or(lt(entries.updatedAt, c.updatedAt), and(eq(entries.updatedAt, c.updatedAt), lt(entries.id, c.id))));
  }
  const rows = await ctx.db
    .select(summaryColumns)
    .from(entries)
    .innerJoin(users, eq(users.id, entries.authorId))
    .leftJoin(teams, eq(teams.id, entries.teamId))
    .where(and(...conditions))
    .orderBy(desc(entries.updatedAt), desc(entries.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit) as EntrySummary[];
  const last = page[page.length - 1];
  return { items: page, nextCursor: rows.length > input.limit && last ? encodeCursor(last.updatedAt, last.id) : null };
}

export async function entryHistory(ctx: ServiceContext, id: string): Promise<Revision[]> {
  await getEntry(ctx, { id });
  const rows = await ctx.db
    .select({
      id: entryRevisions.id,
      entryId: entryRevisions.entryId,
      version: entryRevisions.version,
      snapshot: entryRevisions.snapshot,
      authorId: entryRevisions.authorId,
      authorName: users.name,
      note: entryRevisions.note,
      createdAt: entryRevisions.createdAt,
    })
    .from(entryRevisions)
    .innerJoin(users, eq(users.id, entryRevisions.authorId))
    .where(eq(entryRevisions.entryId, id))
    .orderBy(desc(entryRevisions.version));
  return rows as Revision[];
}

export async function diffRevisions(ctx: ServiceContext, id: string, from: number, to: number): Promise<FieldChange[]> {
  await getEntry(ctx, { id });
  const rows = await ctx.db
    .select({ version: entryRevisions.version, snapshot: entryRevisions.snapshot })
    .from(entryRevisions)
    .where(and(eq(entryRevisions.entryId, id), inArray(entryRevisions.version, [from, to])));
  const a = rows.find((r) => r.version === from);
  const b = rows.find((r) => r.version === to);
  if (!a) throw new NotFound(`Revision ${from}`);
  if (!b) throw new NotFound(`Revision ${to}`);
  return diffSnapshots(a.snapshot as EntrySnapshot, b.snapshot as EntrySnapshot);
}

/** An entry as a markdown file holds it (docs-as-code export). */
export function toEntryDocument(entry: Entry): EntryDocument {
  return {
    kind: entry.kind,
    title: entry.title,
    summary: entry.summary,
    body: entry.body,
    tags: entry.tags,
    services: entry.services,
    team: entry.teamSlug,
    visibility: entry.visibility,
    status: entry.status,
    sourceUrl: entry.sourceUrl,
    externalKey: entry.externalKey,
    source: entry.source,
    fields: entry.fields,
  };
}

/**
 * Creates many entries in set-based statements (bulk imports): one insert each for the entries,
 * their revisions, grants and audit rows, instead of a round trip per row. Same rules as
 * `createEntryTx`: policy, redaction, fingerprints, the blameless gate, action items, search sync.
 */
export async function createEntriesTx(tx: Tx, ctx: ServiceContext, inputs: CreateEntryInput[], opts: WriteOptions = {}): Promise<WriteResult[]> {
  if (inputs.length === 0) return [];
  const teamIds = [...new Set(inputs.flatMap((i) => (i.teamId ? [i.teamId] : [])))];
  for (const teamId of teamIds) if (!canCreateForTeam(ctx.actor, teamId)) throw new Forbidden("You may only publish for teams you belong to");
  const teamRows = teamIds.length ? await tx.select({ id: teams.id, slug: teams.slug }).from(teams).where(inArray(teams.id, teamIds)) : [];
  const teamSlugs = new Map(teamRows.map((t) => [t.id, t.slug]));
  for (const teamId of teamIds) if (!teamSlugs.has(teamId)) throw new Invalid(`Unknown team ${teamId}`, { teamId: ["no team with this id"] });
  await checkGrantTargets(tx, {
    userIds: [...new Set(inputs.flatMap((i) => i.grants.userIds))],
    teamIds: [...new Set(inputs.flatMap((i) => i.grants.teamIds))],
  });

  const now = new Date();
  const prepared = inputs.map((input) => {
    const status = input.status ?? "draft";
    const content = cleanContent(input.kind, input);
    const overrides = status === "published" ? blamelessGate(input.kind, content, opts) : null;
    return { input, status, content, overrides, base: slugify(content.title) };
  });

  // Slugs: one look at what is taken ("<base>" and "<base>-<n>"), then unique within the batch too.
  // The numbered ones are a byte-wise index range per base ("<base>-0" up to "<base>-:", ':' follows
  // '9'), so the look-up reads a few index entries per title however many entries there are.
  const bases = [...new Set(prepared.map((p) => p.base))];
  const taken = new Set(
    (
      (await tx.execute(sql`
        select e.slug from unnest(${sql.param(bases)}::text[]) as b(base) join ${entries} e on e.slug = b.base
        union all
        select e.slug from unnest(${sql.param(bases)}::text[]) as b(base) join ${entries} e
          on e.slug ~>=~ (b.base || '-0') and e.slug ~<~ (b.base || '-:')`)) as unknown as { rows: { slug: string }[] }
    ).rows.map((r) => r.slug),
  );
  const slugs = prepared.map(({ base }) => {
    let slug = base;
    for (let i = 2; taken.has(slug); i++) slug = `${base}-${i}`;
    taken.add(slug);
    return slug;
  });

  const rows = await tx
    .insert(entries)
    .values(
      prepared.map(({ input, status, content }, i) => ({
        kind: input.kind,
        slug: slugs[i]!,
        title: content.title,
        summary: content.summary,
        body: content.body,
        tags: input.tags,
        services: input.services,
        teamId: input.teamId,
        authorId: ctx.actor.userId,
        visibility: input.visibility,
        status,
        sourceUrl: input.sourceUrl,
        source: input.source,
        externalKey: input.externalKey,
        fields: content.fields,
        fingerprints: content.fingerprints,
        version: 1,
        createdAt: now,
        updatedAt: now,
        publishedAt: status === "published" ? now : null,
      })),
    )
    .returning();

  // Action items are rows of their own, keyed back into each entry's fields.
  for (const [i, row] of rows.entries()) {
    const fields = await syncActionItems(tx, row, prepared[i]!.content.fields);
    if (fields === prepared[i]!.content.fields) continue;
    const [updated] = await tx.update(entries).set({ fields }).where(eq(entries.id, row.id)).returning();
    rows[i] = updated!;
  }

  const grantRows = rows.flatMap((row, i) => [
    ...prepared[i]!.input.grants.userIds.map((userId) => ({ entryId: row.id, userId })),
    ...prepared[i]!.input.grants.teamIds.map((teamId) => ({ entryId: row.id, teamId })),
  ]);
  if (grantRows.length) await tx.insert(entryGrants).values(grantRows);
  await tx.insert(entryRevisions).values(
    rows.map((row, i) => ({
      entryId: row.id,
      version: 1,
      snapshot: snapshotOf(row, prepared[i]!.input.grants),
      authorId: ctx.actor.userId,
      overrides: prepared[i]!.overrides,
      createdAt: now,
    })),
  );
  await tx.insert(schema.auditLog).values(
    rows.map((row, i) => ({
      actorId: ctx.actor.userId,
      actorVia: ctx.actor.via,
      action: "entry.create",
      targetType: "entry",
      targetId: row.id,
      detail: {
        version: 1,
        kind: row.kind,
        ...redactionDetail(prepared[i]!.content.redactions),
        ...(prepared[i]!.overrides ? { overrides: Object.keys(prepared[i]!.overrides!) } : {}),
      },
    })),
  );
  for (const row of rows) await ctx.search.touch(tx, row.id);
  await notifyCitedTeamsMany(tx, rows);

  const [author] = await tx.select({ name: users.name }).from(users).where(eq(users.id, ctx.actor.userId));
  return rows.map((row, i) => ({
    entry: {
      ...row,
      ...readKindFields(row.kind as EntryKind, row.fields),
      kind: row.kind as EntryKind,
      visibility: row.visibility as Entry["visibility"],
      status: row.status as EntryStatus,
      teamSlug: row.teamId ? (teamSlugs.get(row.teamId) ?? null) : null,
      authorName: author?.name ?? "",
      grants: prepared[i]!.input.grants,
    },
    outcome: "created" as const,
    redactions: prepared[i]!.content.redactions,
    warnings: warningsOf(prepared[i]!.overrides),
  }));
}

/**
 * Bulk upsert by (source, externalKey), in input order: existing keys are updated one by one
 * (they need their own revision logic); new entries are created together.
 */
export async function upsertEntriesTx(tx: Tx, ctx: ServiceContext, inputs: CreateEntryInput[], opts: WriteOptions = {}): Promise<WriteResult[]> {
  const keyOf = (i: CreateEntryInput) => (i.externalKey ? `${i.source}\u0000${i.externalKey}` : null);
  const keyed = inputs.filter((i) => i.externalKey);
  const existing = new Set<string>();
  if (keyed.length) {
    const found = await tx
      .select({ source: entries.source, externalKey: entries.externalKey })
      .from(entries)
      .where(
        sql`(${entries.source}, ${entries.externalKey}) in (select * from unnest(${sql.param(keyed.map((i) => i.source))}::text[], ${sql.param(keyed.map((i) => i.externalKey!))}::text[]))`,
      );
    for (const f of found) existing.add(`${f.source}\u0000${f.externalKey}`);
  }
  // New entries, each key once, are created in bulk; everything else goes through the upsert.
  const seen = new Set<string>();
  const bulk: number[] = [];
  inputs.forEach((input, i) => {
    const key = keyOf(input);
    if (key === null || (!existing.has(key) && !seen.has(key))) bulk.push(i);
    if (key !== null) seen.add(key);
  });
  const results = new Array<WriteResult>(inputs.length);
  // Name the first item the caller may not publish, as the one-by-one path would.
  for (const i of bulk) {
    if (!canCreateForTeam(ctx.actor, inputs[i]!.teamId)) throw new Forbidden(`entries.${i}: You may only publish for teams you belong to`);
  }
  const created = await createEntriesTx(tx, ctx, bulk.map((i) => inputs[i]!), opts);
  bulk.forEach((i, n) => (results[i] = created[n]!));
  for (const [i, input] of inputs.entries()) {
    if (results[i]) continue;
    try {
      results[i] = await upsertEntryTx(tx, ctx, input, opts);
    } catch (err) {
      if (err instanceof Error) err.message = `entries.${i}: ${err.message}`;
      throw err;
    }
  }
  return results;
}
