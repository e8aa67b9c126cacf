// tRPC procedures for the dashboards, one per chart so each loads (and fails) on its own, plus the
// entry-view recording behind postmortem readership.
import {
  ZActionItemsByTeam,
  ZKnowledgeGapInsight,
  ZPostmortemReadership,
  ZPublishedPerMonth,
  ZReusedFix,
  ZStaleRunbookInsight,
} from "@hindsight/domain";
import { z } from "zod";
import * as insightService from "../services/insight-service.js";
import { authedProcedure, router } from "../trpc.js";

export const insightsRouter = router({
  publishedPerMonth: authedProcedure
    .input(z.void())
    .output(ZPublishedPerMonth)
    .query(({ ctx }) => insightService.publishedPerMonth(ctx.services)),
  actionItemsByTeam: authedProcedure
    .input(z.void())
    .output(ZActionItemsByTeam)
    .query(({ ctx }) => insightService.actionItemsByTeam(ctx.services)),
  reusedFixes: authedProcedure
    .input(z.object({ limit: z.number().int().min(1).max(50).default(10) }).default({ limit: 10 }))
    .output(z.array(ZReusedFix))
    .query(({ ctx, input }) => insightService.mostReusedFixes(ctx.services, input.limit)),
  staleRunbooks: authedProcedure
    .input(z.void())
    .output(z.array(ZStaleRunbookInsight))
    .query(({ ctx }) => insightService.staleRunbookInsights(ctx.services)),
  knowledgeGaps: authedProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(20) }).default({ limit: 20 }))
    .output(z.array(ZKnowledgeGapInsight))
    .query(({ ctx, input }) => insightService.knowledgeGapInsights(ctx.services, input.limit)),
  readership: authedProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(15) }).default({ limit: 15 }))
    .output(ZPostmortemReadership)
    .query(({ ctx, input }) => insightService.postmortemReadership(ctx.services, input.limit)),
  /** Called by the entry page when someone opens an entry; counted once per person per day. */
  recordView: authedProcedure
    .input(z.object({ entryId: z.string().uuid() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await insightService.recordView(ctx.services, input.entryId);
      return { ok: true as const };
    }),
});
