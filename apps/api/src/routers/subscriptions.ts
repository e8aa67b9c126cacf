// tRPC procedures for a person's own subscriptions and a preview of their next digest.
import { ZCreateSubscriptionInput, ZDigestFrequency, ZDigestPreview, ZSubscription } from "@hindsight/domain";
import { z } from "zod";
import * as digestService from "../services/digest-service.js";
import * as subscriptionService from "../services/subscription-service.js";
import { authedProcedure, router } from "../trpc.js";

export const subscriptionsRouter = router({
  list: authedProcedure
    .input(z.void())
    .output(z.array(ZSubscription))
    .query(({ ctx }) => subscriptionService.listSubscriptions(ctx.services)),
  create: authedProcedure
    .input(ZCreateSubscriptionInput)
    .output(ZSubscription)
    .mutation(({ ctx, input }) => subscriptionService.createSubscription(ctx.services, ctx.deps.config.digests.chatWebhookHosts, input)),
  delete: authedProcedure
    .input(z.object({ id: z.string().uuid() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await subscriptionService.deleteSubscription(ctx.services, input.id);
      return { ok: true as const };
    }),
  previewDigest: authedProcedure
    .input(z.object({ frequency: ZDigestFrequency }))
    .output(ZDigestPreview)
    .query(({ ctx, input }) => digestService.previewDigest(ctx.services, ctx.deps, input.frequency)),
});
