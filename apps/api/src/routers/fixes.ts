// tRPC procedures specific to fixes and runbooks: feedback votes, reviews, the stale list.
import { ZEntry, ZEntrySummary } from "@hindsight/domain";
import { z } from "zod";
import * as feedbackService from "../services/feedback-service.js";
import * as runbookService from "../services/runbook-service.js";
import { authedProcedure, router } from "../trpc.js";

const ZFeedback = z.object({
  entryId: z.string().uuid(),
  worked: z.number().int(),
  didNotWork: z.number().int(),
  mine: z.enum(["worked", "did_not_work"]).nullable(),
});

export const fixesRouter = router({
  feedback: authedProcedure
    .input(z.object({ entryId: z.string().uuid() }))
    .output(ZFeedback)
    .query(({ ctx, input }) => feedbackService.getFeedback(ctx.services, input.entryId)),
  vote: authedProcedure
    .input(z.object({ entryId: z.string().uuid(), vote: z.enum(["worked", "did_not_work"]).nullable() }))
    .output(ZFeedback)
    .mutation(({ ctx, input }) => feedbackService.vote(ctx.services, input.entryId, input.vote)),
});

export const runbooksRouter = router({
  markReviewed: authedProcedure
    .input(z.object({ id: z.string().uuid(), expectedVersion: z.number().int().min(1).optional() }))
    .output(ZEntry)
    .mutation(({ ctx, input }) => runbookService.markReviewed(ctx.services, input.id, input.expectedVersion)),
  stale: authedProcedure
    .input(z.object({ teamId: z.string().uuid().optional() }))
    .output(z.array(ZEntrySummary.extend({ reviewDueAt: z.coerce.date() })))
    .query(({ ctx, input }) => runbookService.staleRunbooks(ctx.services, input.teamId)),
});
