// REST imports for bots and scripts: markdown documents (docs-as-code), Slack exports (zip or JSON)
// and plain-text chat logs. Each request is one transaction: all of it lands, or none of it.
import { Invalid, markdownToEntry, MAX_REST_BATCH, ZEntryKind, ZVisibility, type CreateEntryInput } from "@hindsight/domain";
import type { FastifyInstance } from "fastify";
import { unzipSync, strFromU8 } from "fflate";
import { z } from "zod";
import type { AppDeps } from "../deps.js";
import { upsertEntriesTx } from "../services/entry-service.js";
import { resolveTeamRef } from "../services/team-service.js";
import type { ServiceContext } from "../services/context.js";
import { addToReport, emptyReport, importChatLog, importSlack, type ImportTarget } from "../services/transcript-service.js";
import { PUBLISH_OVER_WARNINGS, requireActor } from "./context.js";
import { serviceContext } from "../services/context.js";
import { toCreateInput } from "./entry-input.js";
import { restErrors, validatedInHandler } from "./openapi.js";
import { countImport } from "../plugins/metrics.js";

export const MAX_DOCUMENTS = MAX_REST_BATCH;
const MAX_UPLOAD = 100 * 1024 * 1024;

const ZMarkdownDocument = z.object({
  markdown: z.string({ error: "markdown is required" }).max(2_000_000).describe("the file's text; front matter wins over the other fields"),
  kind: ZEntryKind.optional().describe("for markdown whose front matter names no kind"),
  externalKey: z.string().max(300).optional(),
  sourceUrl: z.string().max(2_000).optional(),
  filename: z.string().max(500).optional(),
  team: z.string().optional().describe("owner team, by slug or id"),
  source: z.string().optional(),
});
type MarkdownDocument = z.infer<typeof ZMarkdownDocument>;

const ZMarkdownBatch = z.object({
  documents: z.array(ZMarkdownDocument).min(1).max(MAX_DOCUMENTS, `at most ${MAX_DOCUMENTS} documents per request`),
});

/** A raw markdown body names the rest in the query. */
const ZMarkdownQuery = ZMarkdownDocument.omit({ markdown: true });

const ZTarget = z.object({
  team: z.string().min(1).optional().describe("owner team of the transcripts, by slug or id"),
  visibility: ZVisibility.default("org"),
});

const ZSlackJson = z.object({
  files: z.record(z.string(), z.string()).describe('the export\'s files by path: {"users.json": "…", "general/2026-09-14.json": "…"}'),
  team: z.string().optional(),
  visibility: ZVisibility.optional(),
});

const ZChatImport = z.object({
  text: z.string().min(1, "text is required").max(5_000_000).describe("[HH:MM] name: text, HH:MM <nick> text, or IRC-style dated lines"),
  title: z.string().trim().min(1, "title is required").max(200),
  channel: z.string().max(200).optional(),
  date: z.iso.date({ message: "date must be YYYY-MM-DD" }).optional().describe("the day, for lines that carry only a time"),
  externalKey: z.string().max(300).optional().describe("stable key, so importing the log again updates it"),
  team: z.string().optional(),
  visibility: ZVisibility.optional(),
});

const ZImportReport = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  entries: z.array(
    z.object({ id: z.string().uuid(), slug: z.string(), title: z.string(), outcome: z.enum(["created", "updated", "unchanged"]), messages: z.number().int().optional() }),
  ),
  redactions: z.object({
    total: z.number().int(),
    byKind: z.record(z.string(), z.number().int()),
    locations: z.array(z.object({ entryId: z.string(), entryTitle: z.string(), kind: z.string(), where: z.string(), line: z.number().int(), column: z.number().int() })),
  }),
  warnings: z.array(z.object({ entryId: z.string(), entryTitle: z.string(), where: z.string(), match: z.string(), rule: z.string(), suggestion: z.string() })),
  skipped: z.array(z.object({ reason: z.string(), count: z.number().int() })),
});

const binary = { type: "string", format: "binary" } as const;

async function resolveTarget(ctx: ServiceContext, raw: unknown): Promise<ImportTarget> {
  const t = ZTarget.parse(raw ?? {});
  let teamId: string | null = null;
  if (t.team) {
    teamId = await resolveTeamRef(ctx, t.team);
    if (!teamId) throw new Invalid(`Unknown team ${t.team}`, { team: [`no team ${t.team}`] });
  }
  return { teamId, visibility: t.visibility };
}

function parseDocument(doc: MarkdownDocument, path: (string | number)[]) {
  try {
    const parsed = markdownToEntry(doc.markdown, {
      kind: doc.kind,
      externalKey: doc.externalKey,
      sourceUrl: doc.sourceUrl,
      filename: doc.filename,
    });
    return { ...parsed, ...(doc.team ? { team: doc.team } : {}), ...(doc.source ? { source: doc.source } : {}) };
  } catch (err) {
    if (err instanceof Invalid) {
      const prefix = path.join(".");
      const fieldErrors = Object.fromEntries(
        Object.entries(err.fieldErrors).map(([k, v]) => [prefix ? `${prefix}.${k}` : k, v]),
      );
      throw new Invalid(`${prefix ? `${prefix}: ` : ""}${err.message}`, Object.keys(fieldErrors).length ? fieldErrors : { [prefix || "markdown"]: [err.message] });
    }
    throw err;
  }
}

export async function importRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;

  app.addContentTypeParser(["text/markdown", "text/plain"], { parseAs: "string", bodyLimit: MAX_UPLOAD }, (_req, body, done) =>
    done(null, body),
  );
  app.addContentTypeParser(["application/zip", "application/octet-stream"], { parseAs: "buffer", bodyLimit: MAX_UPLOAD }, (_req, body, done) =>
    done(null, body),
  );

  app.post<{ Querystring: z.infer<typeof ZMarkdownQuery> }>(
    "/import/markdown",
    {
      bodyLimit: MAX_UPLOAD,
      schema: {
        tags: ["import"],
        summary: "Import markdown documents (docs-as-code)",
        description:
          "One document, `{documents: [...]}` (up to 1,000, one transaction), or a raw text/markdown body with the other fields in the query. Plain markdown needs a kind; recognised headings fill the kind's fields.",
        querystring: ZMarkdownQuery,
        body: {
          content: {
            "application/json": { schema: validatedInHandler(z.union([ZMarkdownBatch, ZMarkdownDocument])) },
            "text/markdown": { schema: z.string().max(2_000_000) },
            "text/plain": { schema: z.string().max(2_000_000) },
          },
        },
        response: { 200: ZImportReport, ...restErrors(400, 401, 403, 413) },
      },
    },
    async (req) => {
      const ctx = serviceContext(deps, await requireActor(req));
      return countImport(deps.metrics, "markdown", async () => {
        const body = req.body;
        const batch = typeof body === "object" && body !== null && "documents" in body;
        let docs: MarkdownDocument[];
        if (typeof body === "string") docs = [ZMarkdownDocument.parse({ ...req.query, markdown: body })];
        else if (batch) docs = ZMarkdownBatch.parse(body).documents;
        else docs = [ZMarkdownDocument.parse(body)];
        const inputs: CreateEntryInput[] = [];
        for (const [i, doc] of docs.entries()) {
          const path = batch || docs.length > 1 ? ["documents", i] : [];
          inputs.push(await toCreateInput(ctx, parseDocument(doc, path), path));
        }
        const report = emptyReport();
        const results = await ctx.search.transaction(ctx.db, (tx) => upsertEntriesTx(tx, ctx, inputs, PUBLISH_OVER_WARNINGS));
        for (const result of results) addToReport(report, result);
        return report;
      });
    },
  );

  app.post<{ Querystring: z.input<typeof ZTarget>; Body: Buffer | z.infer<typeof ZSlackJson> }>(
    "/import/slack",
    {
      bodyLimit: MAX_UPLOAD,
      schema: {
        tags: ["import"],
        summary: "Import a Slack export",
        description:
          "The export's .zip (query: team, visibility), or its files as JSON. One transcript per channel and day, keyed slack:<channel>/<date> so importing again updates; threads kept, mentions resolved to names, secrets redacted.",
        querystring: ZTarget.partial(),
        body: {
          content: {
            "application/json": { schema: ZSlackJson },
            "application/zip": { schema: binary },
          },
        },
        response: { 200: ZImportReport, ...restErrors(400, 401, 403, 413) },
      },
    },
    async (req) => {
      const ctx = serviceContext(deps, await requireActor(req));
      return countImport(deps.metrics, "slack", async () => {
        let files: Record<string, string>;
        let target: ImportTarget;
        if (Buffer.isBuffer(req.body)) {
          target = await resolveTarget(ctx, req.query);
          let entries: Record<string, Uint8Array>;
          try {
            entries = unzipSync(new Uint8Array(req.body), { filter: (f) => f.name.endsWith(".json") });
          } catch (err) {
            throw new Invalid(`The upload is not a readable zip file: ${(err as Error).message}`, { body: ["must be a Slack export .zip"] });
          }
          files = Object.fromEntries(Object.entries(entries).map(([name, data]) => [name, strFromU8(data)]));
        } else {
          // JSON was checked by the route schema; other text bodies are checked here against the same one.
          const body = ZSlackJson.parse(req.body);
          target = await resolveTarget(ctx, { team: body.team, visibility: body.visibility });
          files = body.files;
        }
        return importSlack(ctx, files, target);
      });
    },
  );

  app.post<{ Body: z.infer<typeof ZChatImport> }>(
    "/import/chat",
    {
      schema: {
        tags: ["import"],
        summary: "Import a plain-text chat log as a transcript",
        body: ZChatImport,
        response: { 200: ZImportReport, ...restErrors(400, 401, 403) },
      },
    },
    async (req) => {
      const ctx = serviceContext(deps, await requireActor(req));
      return countImport(deps.metrics, "chat", async () => {
        const target = await resolveTarget(ctx, { team: req.body.team, visibility: req.body.visibility });
        return importChatLog(ctx, req.body, target);
      });
    },
  );
}
