// The wire shapes of the versioned REST surface (/api/v1) shared by the API and its clients (the CLI,
// bots, CI): the routes validate with them and the OpenAPI document is generated from them.
import { z } from "zod";
import { kindFieldIssues, ZEntryInputFields, ZEntryStatus, ZVisibility } from "./entry.js";
import { ZEntryKind } from "./kinds.js";

/** Entries (or documents) per request on the batch routes. */
export const MAX_REST_BATCH = 1_000;

/** A batch of `item`, one all-or-nothing transaction. */
export function restBatchOf<T extends z.ZodType>(item: T) {
  return z.array(item).min(1, "must hold at least one entry").max(MAX_REST_BATCH, `at most ${MAX_REST_BATCH} entries per request`);
}

/**
 * An entry as REST takes it: the owner team named by slug or id (resolved by the server, so it is not
 * part of this schema's checks), status published unless said otherwise.
 */
export const ZRestEntryInput = ZEntryInputFields.omit({ teamId: true })
  .extend({
    team: z.string().nullish().describe("owner team, by slug or id; you must belong to it"),
    status: ZEntryStatus.default("published"),
  })
  .superRefine((v, ctx) => {
    for (const issue of kindFieldIssues(v.kind, v.fields)) ctx.addIssue({ code: "custom", ...issue });
  });
export type RestEntryInput = z.input<typeof ZRestEntryInput>;

export const ZRestEntryBatch = z.object({ entries: restBatchOf(ZRestEntryInput) });

/** `GET /api/v1/entries`: what the caller may read, newest change first. */
export const ZRestListEntriesQuery = z.object({
  source: z.string().max(60).optional().describe("only entries of this externalKey namespace (e.g. the --source of `hindsight publish`)"),
  kind: ZEntryKind.optional(),
  status: ZEntryStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional().describe("nextCursor of the previous page"),
});

export const ZRestEntryListItem = z.object({
  id: z.string().uuid(),
  slug: z.string(),
  kind: ZEntryKind,
  title: z.string(),
  status: ZEntryStatus,
  visibility: ZVisibility,
  team: z.string().nullable().describe("the owner team's slug"),
  source: z.string(),
  externalKey: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string().describe("ISO 8601"),
});
export type RestEntryListItem = z.infer<typeof ZRestEntryListItem>;

export const ZRestEntryList = z.object({
  items: z.array(ZRestEntryListItem),
  nextCursor: z.string().nullable().describe("pass as cursor for the next page; null on the last one"),
});
export type RestEntryList = z.infer<typeof ZRestEntryList>;

/** `POST /api/v1/entries/:id/archive`. The body may be left out. */
export const ZRestArchiveInput = z
  .object({
    expectedVersion: z.number().int().min(1).optional().describe("refuse (409) when the entry has changed since this version"),
  })
  // Fastify hands a route with a body schema `null` when nothing was sent.
  .nullish();

export const ZRestArchiveResult = z.object({
  id: z.string().uuid(),
  slug: z.string(),
  version: z.number().int(),
  status: ZEntryStatus,
  externalKey: z.string().nullable(),
});
export type RestArchiveResult = z.infer<typeof ZRestArchiveResult>;

/** Every REST error. */
export const ZRestError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fieldErrors: z.record(z.string(), z.array(z.string())).optional().describe('e.g. {"entries.3.title": ["title is required"]}'),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
