// The versioned REST surface for bots, CI and curl (documented in the README). Bearer tokens only:
// cookies are not accepted here, so cross-site requests cannot write on a browser's behalf.
import { entryToMarkdown, Invalid, type Actor, type CreateEntryInput } from "@hindsight/domain";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { AppDeps } from "../deps.js";
import { toRestError } from "../errors.js";
import { getEntry, toEntryDocument, upsertEntriesTx, upsertEntryTx, type WriteResult } from "../services/entry-service.js";
import { PUBLISH_OVER_WARNINGS, requireActor, serviceContext } from "./context.js";
import { toCreateInput } from "./entry-input.js";
import { importRoutes } from "./imports.js";
import { ZSearchInput } from "../routers/search.js";
import { searchEntries } from "../services/search-service.js";

export const MAX_BATCH = 1_000;

const ZRestBatch = z.object({
  entries: z.array(z.unknown()).min(1, "must hold at least one entry").max(MAX_BATCH, `at most ${MAX_BATCH} entries per request`),
});

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

  app.post("/entries", { bodyLimit: 64 * 1024 * 1024 }, async (req, reply) => {
    const ctx = services(await requireActor(req));
    const body = req.body;
    const isBatch = typeof body === "object" && body !== null && "entries" in body;
    if (!isBatch) {
      const input = await toCreateInput(ctx, body, []);
      const result = await ctx.search.transaction(ctx.db, (tx) => upsertEntryTx(tx, ctx, input, PUBLISH_OVER_WARNINGS));
      return reply.status(result.outcome === "created" ? 201 : 200).send({ ...resultOf(result), entry: result.entry });
    }
    const batch = ZRestBatch.parse(body);
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
  });

  app.get<{ Params: { id: string } }>("/entries/:id", async (req) => {
    const ctx = services(await requireActor(req));
    const id = z.string().uuid({ message: "id must be a UUID" }).safeParse(req.params.id);
    if (!id.success) throw new Invalid("id must be a UUID", { id: ["must be a UUID"] });
    return { entry: await getEntry(ctx, { id: id.data }) };
  });

  app.get<{ Params: { id: string } }>("/entries/:id/markdown", async (req, reply) => {
    const ctx = services(await requireActor(req));
    const id = z.string().uuid().safeParse(req.params.id);
    if (!id.success) throw new Invalid("id must be a UUID", { id: ["must be a UUID"] });
    const entry = await getEntry(ctx, { id: id.data });
    return reply.type("text/markdown; charset=utf-8").send(entryToMarkdown(toEntryDocument(entry)));
  });

  app.get<{ Querystring: Record<string, string | string[] | undefined> }>("/search", async (req) => {
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
    };
  });

  await app.register(importRoutes, { deps });

  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ error: { code: "NOT_FOUND", message: `No route ${req.method} ${req.url.split("?")[0]}` } }),
  );
}
