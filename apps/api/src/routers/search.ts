// tRPC procedures for search: the query, related entries, opened hits and knowledge gaps.
import { ZEntryKind, ZEntryStatus, ZKnowledgeGapInsight } from "@hindsight/domain";
import { z } from "zod";
import * as searchService from "../services/search-service.js";
import { authedProcedure, router } from "../trpc.js";

const ZTeamRef = z.object({ id: z.string().uuid(), slug: z.string(), name: z.string() });

export const ZSearchHit = z.object({
  id: z.string().uuid(),
  kind: ZEntryKind,
  slug: z.string(),
  title: z.string(),
  snippet: z.string(),
  team: ZTeamRef.nullable(),
  status: ZEntryStatus,
  severity: z.string().nullable(),
  sourceUrl: z.string().nullable(),
  externalKey: z.string().nullable(),
  updatedAt: z.coerce.date(),
  score: z.number(),
  fingerprintMatch: z.boolean(),
});

export const ZFacets = z.object({
  kind: z.record(z.string(), z.number()),
  team: z.record(z.string(), z.number()),
  service: z.record(z.string(), z.number()),
  tag: z.record(z.string(), z.number()),
  severity: z.record(z.string(), z.number()),
  status: z.record(z.string(), z.number()),
  year: z.record(z.string(), z.number()),
});

export const ZSearchInput = z.object({
  q: z.string().max(2_000).default(""),
  kinds: z.array(ZEntryKind).max(5).optional(),
  teams: z.array(z.string().max(120)).max(20).optional(),
  services: z.array(z.string().max(60)).max(20).optional(),
  tags: z.array(z.string().max(60)).max(20).optional(),
  severities: z.array(z.string().max(20)).max(5).optional(),
  statuses: z.array(ZEntryStatus).max(4).optional(),
  years: z.array(z.number().int().min(1970).max(2100)).max(20).optional(),
  sort: z.enum(["relevance", "newest"]).default("relevance"),
  limit: z.number().int().min(1).max(50).default(20),
  cursor: z.string().max(200).nullish(),
});

export const searchRouter = router({
  query: authedProcedure
    .input(ZSearchInput)
    .output(
      z.object({
        hits: z.array(ZSearchHit),
        total: z.number().int(),
        totalIsEstimate: z.boolean(),
        facets: ZFacets,
        nextCursor: z.string().nullable(),
        mode: z.enum(["text", "error"]),
        weakMatch: z.boolean(),
        queryId: z.number().int().nullable(),
      }),
    )
    .query(({ ctx, input }) => searchService.searchEntries(ctx.services, ctx.deps.engine, input)),
  related: authedProcedure
    .input(z.object({ id: z.string().uuid(), limit: z.number().int().min(1).max(20).default(5) }))
    .output(z.array(ZSearchHit))
    .query(({ ctx, input }) => searchService.relatedEntries(ctx.services, ctx.deps.engine, input.id, input.limit)),
  opened: authedProcedure
    .input(z.object({ queryId: z.number().int(), entryId: z.string().uuid() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await searchService.recordOpened(ctx.services, input.queryId, input.entryId);
      return { ok: true as const };
    }),
  gaps: authedProcedure
    .input(z.object({ days: z.number().int().min(1).max(365).default(30), limit: z.number().int().min(1).max(200).default(50) }))
    .output(
      z.array(ZKnowledgeGapInsight),
    )
    .query(({ ctx, input }) => searchService.knowledgeGaps(ctx.services, input.days, input.limit)),
});
