// tRPC procedures for collections, personal progress through them, my onboarding paths and the
// curator's view of who is where.
import {
  ZCollection,
  ZCollectionProgress,
  ZCollectionSummary,
  ZCreateCollectionInput,
  ZLearner,
  ZOnboardingAssignment,
  ZUpdateCollectionInput,
} from "@hindsight/domain";
import { z } from "zod";
import * as collectionService from "../services/collection-service.js";
import { authedProcedure, router } from "../trpc.js";

export const collectionsRouter = router({
  list: authedProcedure
    .input(z.void())
    .output(z.array(ZCollectionSummary))
    .query(({ ctx }) => collectionService.listCollections(ctx.services)),
  get: authedProcedure
    .input(z.union([z.object({ id: z.string().uuid() }), z.object({ slug: z.string().min(1) })]))
    .output(ZCollection)
    .query(({ ctx, input }) => collectionService.getCollection(ctx.services, input)),
  create: authedProcedure
    .input(ZCreateCollectionInput)
    .output(ZCollection)
    .mutation(({ ctx, input }) => collectionService.createCollection(ctx.services, input)),
  update: authedProcedure
    .input(ZUpdateCollectionInput)
    .output(ZCollection)
    .mutation(({ ctx, input }) => collectionService.updateCollection(ctx.services, input)),
  delete: authedProcedure
    .input(z.object({ id: z.string().uuid() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await collectionService.deleteCollection(ctx.services, input.id);
      return { ok: true as const };
    }),
  progress: authedProcedure
    .input(z.object({ collectionId: z.string().uuid() }))
    .output(ZCollectionProgress)
    .query(({ ctx, input }) => collectionService.getProgress(ctx.services, input.collectionId)),
  markItem: authedProcedure
    .input(z.object({ collectionId: z.string().uuid(), itemId: z.string().uuid(), done: z.boolean() }))
    .output(ZCollectionProgress)
    .mutation(({ ctx, input }) => collectionService.markItem(ctx.services, input.collectionId, input.itemId, input.done)),
  /** My onboarding paths with my progress through each. */
  mine: authedProcedure
    .input(z.void())
    .output(z.array(ZOnboardingAssignment))
    .query(({ ctx }) => collectionService.myOnboarding(ctx.services)),
  /** Curators only: each assigned or started learner with their progress. */
  learners: authedProcedure
    .input(z.object({ collectionId: z.string().uuid() }))
    .output(z.array(ZLearner))
    .query(({ ctx, input }) => collectionService.learners(ctx.services, input.collectionId)),
});
