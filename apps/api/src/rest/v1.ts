// The versioned REST surface for bots, CI and curl (documented in the README and, generated from the
// schemas declared here, at /api/v1/openapi.json). Bearer tokens only: cookies are not accepted here, so
// cross-site requests cannot write on a browser's behalf.
import {
  entryToMarkdown,
  restBatchOf,
  ZEntry,
  ZEntryKind,
  ZEntryStatus,
  ZRestArchiveInput,
  ZRestArchiveResult,
  ZRestEntryBatch,
  ZRestEntryInput,
  ZRestEntryList,
  ZRestListEntriesQuery,
  type Actor,
  type CreateEntryInput,
  type RestEntryList,
} from "@hindsight/domain";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { AppDeps } from "../deps.js";
import { toRestError } from "../errors.js";
import { ZFacets, ZSearchHit, ZSearchInput } from "../routers/search.js";
import { getEntry, listEntries, toEntryDocument, transitionEntry, upsertEntriesTx, upsertEntryTx, type WriteResult } from "../services/entry-service.js";
import { searchEntries } from "../services/search-service.js";
import { PUBLISH_OVER_WARNINGS, requireActor } from "./context.js";
import { serviceContext } from "../services/context.js";
import { toCreateInput } from "./entry-input.js";
import { importRoutes } from "./imports.js";
import { jsonSerializerCompiler, restErrors, validatedInHandler, zodValidatorCompiler } from "./openapi.js";

/** The batch envelope as checked before its items (which are checked one by one, teams resolved). */
const ZRestBatchEnvelope = z.object({ entries: restBatchOf(z.unknown()) });

const ZRedaction = z.object({ kind: z.string(), path: z.string(), line: z.number().int(), column: z.number().int() });
const ZWarning = z.object({ where: z.string(), match: z.string(), rule: z.string(), suggestion: z.string() });
const ZWriteResult = z.object({
  id: z.string().uuid(),
  slug: z.string(),
  version: z.number().int(),
  externalKey: z.string().nullable(),
  outcome: z.enum(["created", "updated", "unchanged"]),
  redactions: z.array(ZRedaction).optional().describe("secrets masked before storing (never the secret itself)"),
  warnings: z.array(ZWarning).optional().describe("blameless-check findings, published over"),
});
const ZBatchResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  results: z.array(ZWriteResult),
});

const ZIdParams = z.object({ id: z.string().uuid({ message: "must be a UUID" }) });

/** A value, a comma-separated list, or the parameter repeated. */
const listParam = (what: string) =>
  z.union([z.string(), z.array(z.string())]).optional().describe(`${what}: one value, a comma-separated list, or the parameter repeated`);

const ZRestSearchQuery = z.object({
  q: z.string().optional().describe("words, \"quoted phrases\", or a pasted error line; empty browses"),
  kind: listParam(`kinds (${ZEntryKind.options.join(", ")})`),
  team: listParam("team slugs"),
  service: listParam("services"),
  tag: listParam("tags"),
  severity: listParam("severities"),
  status: listParam(`statuses (${ZEntryStatus.options.join(", ")})`),
  year: listParam("years"),
  sort: z.string().optional().describe("relevance (default) or newest"),
  limit: z.string().optional().describe("hits per page, up to 50 (default 20)"),
  cursor: z.string().optional().describe("nextCursor of the previous page"),
});
type SearchQuery = z.infer<typeof ZRestSearchQuery>;

function resultOf(r: WriteResult) {
  return {
    id: r.entry.id,
    slug: r.entry.slug,
    version: r.entry.version,
    externalKey: r.entry.externalKey,
    outcome: r.outcome,
    ...(r.redactions.length ? { redactions: r.redactions.map(({ kind, path, line, column }) => ({ kind, path, line, column })) } : {}),
    ...(r.warnings.length ? { warnings: r.warnings } : {}),
  };
}

export async function restV1(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  const services = (actor: Actor) => serviceContext(deps, actor);
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(jsonSerializerCompiler);

  app.setErrorHandler((err, req, reply) => {
    const mapped = toRestError(err);
    if (mapped.status === 500) {
      // Fastify's own client errors (bad JSON, body too large) keep their status and message.
      const status = (err as { statusCode?: number }).statusCode;
      if (status && status >= 400 && status < 500) {
        return reply.status(status).send({ error: { code: "BAD_REQUEST", message: (err as Error).message } });
      }
      req.log.error({ err }, "request failed");
    }
    return reply.status(mapped.status).send(mapped.body);
  });

  app.get(
    "/openapi.json",
    {
      schema: {
        tags: ["meta"],
        summary: "This API's OpenAPI 3.1 document",
        description: "Generated from the schemas the routes validate with. No token needed; a reference page is at /api/docs.",
        security: [],
      },
    },
    async () => app.swagger(),
  );

  app.post(
    "/entries",
    {
      bodyLimit: 64 * 1024 * 1024,
      schema: {
        tags: ["entries"],
        summary: "Create or update entries (one, or a batch of up to 1,000)",
        description:
          "An entry with an existing (source, externalKey) updates that entry (a new revision, or outcome `unchanged`). A batch is one all-or-nothing transaction: every item is checked before anything is written.",
        body: validatedInHandler(z.union([ZRestEntryBatch, ZRestEntryInput])),
        response: {
          200: z.union([ZWriteResult.extend({ entry: ZEntry }), ZBatchResult]).describe("updated or unchanged (one entry), or the batch's counts"),
          201: ZWriteResult.extend({ entry: ZEntry }).describe("created"),
          ...restErrors(400, 401, 403, 409, 413),
        },
      },
    },
    async (req, reply) => {
      const ctx = services(await requireActor(req));
      const body = req.body;
      const isBatch = typeof body === "object" && body !== null && "entries" in body;
      if (!isBatch) {
        const input = await toCreateInput(ctx, body, []);
        const result = await ctx.search.transaction(ctx.db, (tx) => upsertEntryTx(tx, ctx, input, PUBLISH_OVER_WARNINGS));
        return reply.status(result.outcome === "created" ? 201 : 200).send({ ...resultOf(result), entry: result.entry });
      }
      const batch = ZRestBatchEnvelope.parse(body);
      // Validate everything first so a bad item fails the batch before any write.
      const inputs: CreateEntryInput[] = [];
      for (const [i, raw] of batch.entries.entries()) inputs.push(await toCreateInput(ctx, raw, ["entries", i]));
      const results = await ctx.search.transaction(ctx.db, (tx) => upsertEntriesTx(tx, ctx, inputs, PUBLISH_OVER_WARNINGS));
      const count = (o: WriteResult["outcome"]) => results.filter((r) => r.outcome === o).length;
      return reply.status(200).send({
        created: count("created"),
        updated: count("updated"),
        unchanged: count("unchanged"),
        results: results.map(resultOf),
      });
    },
  );

  app.get<{ Querystring: z.infer<typeof ZRestListEntriesQuery> }>(
    "/entries",
    {
      schema: {
        tags: ["entries"],
        summary: "List the entries you may read, newest change first",
        description:
          "Filter by `source` to see what one docs-as-code publisher owns (their externalKeys). Pages of up to 500; follow `nextCursor` until it is null.",
        querystring: ZRestListEntriesQuery,
        response: { 200: ZRestEntryList, ...restErrors(400, 401) },
      },
    },
    async (req): Promise<RestEntryList> => {
      const ctx = services(await requireActor(req));
      const q = req.query;
      const page = await listEntries(ctx, { source: q.source, kind: q.kind, status: q.status, limit: q.limit, cursor: q.cursor });
      return {
        items: page.items.map((e) => ({
          id: e.id,
          slug: e.slug,
          kind: e.kind,
          title: e.title,
          status: e.status,
          visibility: e.visibility,
          team: e.teamSlug,
          source: e.source,
          externalKey: e.externalKey,
          version: e.version,
          updatedAt: new Date(e.updatedAt).toISOString(),
        })),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get<{ Params: z.infer<typeof ZIdParams> }>(
    "/entries/:id",
    {
      schema: {
        tags: ["entries"],
        summary: "One entry with every field",
        params: ZIdParams,
        response: { 200: z.object({ entry: ZEntry }), ...restErrors(400, 401, 404) },
      },
    },
    async (req) => {
      const ctx = services(await requireActor(req));
      return { entry: await getEntry(ctx, { id: req.params.id }) };
    },
  );

  app.get<{ Params: z.infer<typeof ZIdParams> }>(
    "/entries/:id/markdown",
    {
      schema: {
        tags: ["entries"],
        summary: "The entry as markdown with YAML front matter (docs-as-code)",
        params: ZIdParams,
        produces: ["text/markdown"],
        response: {
          200: { description: "importing it back gives the same entry", content: { "text/markdown": { schema: z.string() } } },
          ...restErrors(400, 401, 404),
        },
      },
    },
    async (req, reply) => {
      const ctx = services(await requireActor(req));
      const entry = await getEntry(ctx, { id: req.params.id });
      return reply.type("text/markdown; charset=utf-8").send(entryToMarkdown(toEntryDocument(entry)));
    },
  );

  app.post<{ Params: z.infer<typeof ZIdParams>; Body: z.infer<typeof ZRestArchiveInput> }>(
    "/entries/:id/archive",
    {
      schema: {
        tags: ["entries"],
        summary: "Archive an entry",
        description:
          "Archived entries leave search but keep their history; publishing the same (source, externalKey) again brings one back. The body may be left out.",
        params: ZIdParams,
        body: ZRestArchiveInput,
        response: { 200: ZRestArchiveResult, ...restErrors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const ctx = services(await requireActor(req));
      const entry = await transitionEntry(ctx, req.params.id, "archive", { expectedVersion: req.body?.expectedVersion });
      return { id: entry.id, slug: entry.slug, version: entry.version, status: entry.status, externalKey: entry.externalKey };
    },
  );

  app.get<{ Querystring: SearchQuery }>(
    "/search",
    {
      schema: {
        tags: ["search"],
        summary: "Search what you may read",
        description:
          "Visibility is part of the engine query, so hits, totals and facets never count an entry you cannot open. A query that looks like an error line switches to `mode: error` (fingerprint match first).",
        querystring: ZRestSearchQuery,
        response: {
          200: z.object({
            hits: z.array(ZSearchHit.extend({ team: z.string().nullable().describe("the owner team's slug") })),
            total: z.number().int(),
            totalIsEstimate: z.boolean(),
            facets: ZFacets,
            nextCursor: z.string().nullable(),
            mode: z.enum(["text", "error"]),
            weakMatch: z.boolean().describe("hits were found, but none answers the query clearly (they only share some of its words)"),
          }),
          ...restErrors(400, 401),
        },
      },
    },
    async (req) => {
      const ctx = services(await requireActor(req));
      const list = (v: string | string[] | undefined) => (v === undefined ? undefined : (Array.isArray(v) ? v : v.split(",")).filter(Boolean));
      const q = req.query;
      const input = ZSearchInput.parse({
        q: q.q ?? "",
        kinds: list(q.kind),
        teams: list(q.team),
        services: list(q.service),
        tags: list(q.tag),
        severities: list(q.severity),
        statuses: list(q.status),
        years: list(q.year)?.map(Number),
        sort: q.sort,
        limit: q.limit === undefined ? undefined : Number(q.limit),
        cursor: q.cursor,
      });
      const result = await searchEntries(ctx, deps.engine, input);
      return {
        hits: result.hits.map((h) => ({ ...h, team: h.team?.slug ?? null })),
        total: result.total,
        totalIsEstimate: result.totalIsEstimate,
        facets: result.facets,
        nextCursor: result.nextCursor,
        mode: result.mode,
        weakMatch: result.weakMatch,
      };
    },
  );

  await app.register(importRoutes, { deps });

  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ error: { code: "NOT_FOUND", message: `No route ${req.method} ${req.url.split("?")[0]}` } }),
  );
}
