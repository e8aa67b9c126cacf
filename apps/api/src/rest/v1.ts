// The versioned REST surface for bots, CI and curl (documented in the README). Bearer tokens only:
// cookies are not accepted here, so cross-site requests cannot write on a browser's behalf.
import { Invalid, kindFieldIssues, Unauthorized, ZCreateEntryInput, ZEntryKind, type Actor, type CreateEntryInput } from "@hindsight/domain";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z, ZodError } from "zod";
import type { AppDeps } from "../deps.js";
import { toRestError } from "../errors.js";
import type { ServiceContext } from "../services/context.js";
import { getEntry, upsertEntryTx, type WriteResult } from "../services/entry-service.js";
import { resolveTeamRef } from "../services/team-service.js";

export const MAX_BATCH = 1_000;

const ZRestBatch = z.object({
  entries: z.array(z.unknown()).min(1, "must hold at least one entry").max(MAX_BATCH, `at most ${MAX_BATCH} entries per request`),
});

async function requireActor(req: FastifyRequest): Promise<Actor> {
  if (!req.headers.authorization) throw new Unauthorized("Send Authorization: Bearer <token>");
  const actor = await req.actor();
  if (!actor) throw new Unauthorized();
  return actor;
}

/**
 * Validates one REST entry fully, collecting every problem (shape, team, kind fields) at once and
 * reporting paths under `prefix`. REST entries name their team by slug or id and default to published.
 */
async function toCreateInput(ctx: ServiceContext, raw: unknown, prefix: (string | number)[]): Promise<CreateEntryInput> {
  const issues: z.core.$ZodIssue[] = [];
  const fail = () => new ZodError(issues.map((i) => ({ ...i, path: [...prefix, ...i.path] })));
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    issues.push({ code: "custom", path: [], message: "must be a JSON object", input: raw });
    throw fail();
  }
  const { team, teamId: _ignored, ...rest } = raw as Record<string, unknown>;
  let teamId: string | null = null;
  if (team !== undefined && team !== null) {
    if (typeof team !== "string" || team.trim() === "") {
      issues.push({ code: "custom", path: ["team"], message: "team must be a team slug or id", input: team });
    } else {
      teamId = await resolveTeamRef(ctx, team.trim());
      if (!teamId) issues.push({ code: "custom", path: ["team"], message: `no team ${team}`, input: team });
    }
  }
  const parsed = ZCreateEntryInput.safeParse({ ...rest, teamId, status: rest.status ?? "published" });
  if (!parsed.success) {
    issues.push(...parsed.error.issues);
    // zod skips the kind-fields refinement when other fields are bad; report those problems too.
    const kind = ZEntryKind.safeParse(rest.kind);
    const reported = new Set(issues.map((i) => i.path.join(".")));
    if (kind.success) {
      for (const i of kindFieldIssues(kind.data, rest.fields)) {
        if (!reported.has(i.path.join("."))) issues.push({ code: "custom", input: rest.fields, ...i });
      }
    }
  }
  if (issues.length || !parsed.success) throw fail();
  return parsed.data;
}

function resultOf(r: WriteResult) {
  return { id: r.entry.id, slug: r.entry.slug, version: r.entry.version, externalKey: r.entry.externalKey, outcome: r.outcome };
}

export async function restV1(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  const services = (actor: Actor): ServiceContext => ({ db: deps.database.db, actor, useOutbox: deps.useOutbox });

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
      const result = await deps.database.db.transaction((tx) => upsertEntryTx(tx, ctx, input));
      return reply.status(result.outcome === "created" ? 201 : 200).send({ ...resultOf(result), entry: result.entry });
    }
    const batch = ZRestBatch.parse(body);
    // Validate everything first so a bad item fails the batch before any write.
    const inputs: CreateEntryInput[] = [];
    for (const [i, raw] of batch.entries.entries()) inputs.push(await toCreateInput(ctx, raw, ["entries", i]));
    const results = await deps.database.db.transaction(async (tx) => {
      const out: WriteResult[] = [];
      for (const [i, input] of inputs.entries()) {
        try {
          out.push(await upsertEntryTx(tx, ctx, input));
        } catch (err) {
          if (err instanceof Error) err.message = `entries.${i}: ${err.message}`;
          throw err;
        }
      }
      return out;
    });
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

  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ error: { code: "NOT_FOUND", message: `No route ${req.method} ${req.url.split("?")[0]}` } }),
  );
}
