// ChatOps transcripts: Slack exports and plain-text chat logs become transcript entries (secrets
// redacted on the way in, like every save), link to a postmortem, and promote picked messages into
// a draft fix or runbook that links back to where it came from.
import {
  canReadEntry,
  Invalid,
  NotFound,
  parseChatLog,
  parseSlackExport,
  ZCreateEntryInput,
  type Entry,
  type EntryKind,
  type TranscriptMessage,
  type Visibility,
} from "@hindsight/domain";
import type { Tx } from "@hindsight/db";
import type { Redaction } from "./content.js";
import type { ServiceContext } from "./context.js";
import {
  changeEntry,
  createEntry,
  getEntry,
  loadGuarded,
  upsertEntryTx,
  type BlamelessWarning,
  type WriteResult,
} from "./entry-service.js";

export interface ImportTarget {
  teamId: string | null;
  visibility: Visibility;
}

export interface RedactionLocation {
  entryId: string;
  entryTitle: string;
  kind: string;
  /** Where in the entry; for messages, `message <ts>`. */
  where: string;
  line: number;
  column: number;
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  entries: { id: string; slug: string; title: string; outcome: WriteResult["outcome"]; messages?: number }[];
  redactions: { total: number; byKind: Record<string, number>; locations: RedactionLocation[] };
  /** Blameless findings published over, per entry. */
  warnings: (BlamelessWarning & { entryId: string; entryTitle: string })[];
  skipped: { reason: string; count: number }[];
}

function describeLocation(r: Redaction, messages: TranscriptMessage[] | undefined): string {
  const m = /^fields\.messages(?:\.|\[)(\d+)\]?\.(.+)$/.exec(r.path);
  if (m && messages) {
    const msg = messages[Number(m[1])];
    return msg ? `message ${msg.ts} (${msg.user}) ${m[2]}` : r.path;
  }
  return r.path;
}

export function emptyReport(): ImportReport {
  return { created: 0, updated: 0, unchanged: 0, entries: [], redactions: { total: 0, byKind: {}, locations: [] }, warnings: [], skipped: [] };
}

/** Adds one write's outcome and redactions to an import report. */
export function addToReport(report: ImportReport, result: WriteResult, messages?: TranscriptMessage[]): void {
  report[result.outcome] += 1;
  report.entries.push({
    id: result.entry.id,
    slug: result.entry.slug,
    title: result.entry.title,
    outcome: result.outcome,
    ...(messages ? { messages: messages.length } : {}),
  });
  for (const w of result.warnings) report.warnings.push({ entryId: result.entry.id, entryTitle: result.entry.title, ...w });
  for (const r of result.redactions) {
    report.redactions.total += 1;
    report.redactions.byKind[r.kind] = (report.redactions.byKind[r.kind] ?? 0) + 1;
    report.redactions.locations.push({
      entryId: result.entry.id,
      entryTitle: result.entry.title,
      kind: r.kind,
      where: describeLocation(r, messages),
      line: r.line,
      column: r.column,
    });
  }
}

function transcriptBody(channel: string, messages: TranscriptMessage[]): string {
  const threads = new Set(messages.flatMap((m) => (m.threadTs ? [m.threadTs] : []))).size;
  const people = [...new Set(messages.map((m) => m.user))];
  return [
    `Conversation in #${channel}: ${messages.length} messages, ${threads} thread${threads === 1 ? "" : "s"}.`,
    "",
    `Participants: ${people.join(", ")}.`,
  ].join("\n");
}

/**
 * Imports a Slack export (paths inside the export -> file text). One transcript per channel and day,
 * keyed `slack:<channel>/<date>` so importing the same export again updates instead of duplicating.
 */
export async function importSlack(
  ctx: ServiceContext,
  files: Record<string, string>,
  target: ImportTarget,
): Promise<ImportReport> {
  let parsed;
  try {
    parsed = parseSlackExport(files);
  } catch (err) {
    throw new Invalid(`Not a readable Slack export: ${(err as Error).message}`, { files: [(err as Error).message] });
  }
  if (parsed.transcripts.length === 0) {
    throw new Invalid("The Slack export holds no channel messages", { files: ["no <channel>/<date>.json files with messages"] });
  }
  const report = emptyReport();
  report.skipped = parsed.skipped;
  await ctx.search.transaction(ctx.db, async (tx) => {
    for (const t of parsed.transcripts) {
      const input = ZCreateEntryInput.parse({
        kind: "transcript",
        title: t.title,
        body: transcriptBody(t.channel, t.messages),
        tags: ["slack"],
        teamId: target.teamId,
        visibility: target.visibility,
        status: "published",
        source: "slack",
        externalKey: `${t.channel}/${t.date}`,
        fields: { channel: t.channel, format: "slack", messages: t.messages },
      });
      addToReport(report, await upsertEntryTx(tx, ctx, input, { acknowledgeWarnings: true }), t.messages);
    }
  });
  return report;
}

export async function importChatLog(
  ctx: ServiceContext,
  input: { text: string; title: string; channel?: string; date?: string; externalKey?: string },
  target: ImportTarget,
): Promise<ImportReport> {
  const messages = parseChatLog(input.text, input.date ? { date: input.date } : {});
  if (messages.length === 0) {
    throw new Invalid("No chat messages found", { text: ["no lines like '[10:02] name: text' or '10:02 <nick> text'"] });
  }
  const channel = input.channel ?? "chat";
  const entry = ZCreateEntryInput.parse({
    kind: "transcript",
    title: input.title,
    body: transcriptBody(channel, messages),
    teamId: target.teamId,
    visibility: target.visibility,
    status: "published",
    source: "chat-log",
    externalKey: input.externalKey ?? null,
    fields: { channel, format: "text", messages },
  });
  const report = emptyReport();
  const result = await ctx.search.transaction(ctx.db, (tx: Tx) => upsertEntryTx(tx, ctx, entry, { acknowledgeWarnings: true }));
  addToReport(report, result, messages);
  return report;
}

/** Links a transcript and a postmortem both ways (each gets a new revision). */
export async function linkTranscript(ctx: ServiceContext, transcriptId: string, postmortemId: string): Promise<Entry> {
  const pm = await getEntry(ctx, { id: postmortemId });
  if (pm.kind !== "postmortem") throw new Invalid("Transcripts link to postmortems", { postmortemId: ["is not a postmortem"] });
  const transcript = await changeEntry(ctx, transcriptId, {
    action: "transcript.link",
    changes: (current) => {
      if (current.kind !== "transcript") throw new Invalid("Only transcripts link to postmortems", { transcriptId: ["is not a transcript"] });
      return { fields: { ...current.fields, postmortemId } };
    },
  });
  await changeEntry(ctx, postmortemId, {
    action: "postmortem.link_transcript",
    changes: (current) => ({ fields: { ...current.fields, transcriptId } }),
  });
  return transcript;
}

function quote(m: TranscriptMessage): string {
  const when = m.at ? ` (${m.at.slice(0, 16).replace("T", " ")})` : "";
  return `> **${m.user}**${when}: ${m.text.replace(/\n/g, "\n> ")}`;
}

/** Promotes picked messages of a transcript into a draft fix or runbook that links back to them. */
export async function promoteMessages(
  ctx: ServiceContext,
  input: { transcriptId: string; messageTs: string[]; kind: Extract<EntryKind, "fix" | "runbook">; title: string },
): Promise<Entry> {
  const found = await loadGuarded(ctx.db, input.transcriptId);
  if (!found || !canReadEntry(ctx.actor, found.guard)) throw new NotFound("Transcript");
  if (found.row.kind !== "transcript") throw new Invalid("Messages are promoted from transcripts", { transcriptId: ["is not a transcript"] });
  const all = (found.row.fields.messages as TranscriptMessage[] | undefined) ?? [];
  const wanted = new Set(input.messageTs);
  const picked = all.filter((m) => wanted.has(m.ts));
  const missing = input.messageTs.filter((ts) => !all.some((m) => m.ts === ts));
  if (missing.length) throw new Invalid(`Unknown messages: ${missing.join(", ")}`, { messageTs: [`no message ${missing[0]} in this transcript`] });
  const body = [
    `Promoted from the transcript [${found.row.title}](/entries/${found.row.slug}).`,
    "",
    ...picked.map(quote).flatMap((q) => [q, ""]),
  ].join("\n");
  const derivedFrom = { entryId: found.row.id, messageTs: picked.map((m) => m.ts) };
  const fields =
    input.kind === "fix"
      ? { resolutionSteps: picked.map((m) => m.text), derivedFrom }
      : { steps: picked.map((m) => ({ text: m.text })), derivedFrom };
  return createEntry(
    ctx,
    ZCreateEntryInput.parse({
      kind: input.kind,
      title: input.title,
      body,
      teamId: found.row.teamId && ctx.actor.teams.has(found.row.teamId) ? found.row.teamId : null,
      visibility: found.row.visibility,
      status: "draft",
      fields,
    }),
  );
}
