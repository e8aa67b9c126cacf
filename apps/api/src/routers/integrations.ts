// Chat integrations, for admins: list, create (the secret returned once), rotate the secret, disable/enable.
import { ZCreateIntegrationInput, ZIntegration, ZIntegrationWithSecret, ZRotateIntegrationSecretInput, ZSetIntegrationEnabledInput } from "@hindsight/domain";
import { z } from "zod";
import { createIntegration, listIntegrations, rotateIntegrationSecret, setIntegrationEnabled } from "../services/integration-service.js";
import { adminProcedure, router } from "../trpc.js";

export const integrationsRouter = router({
  list: adminProcedure
    .input(z.void())
    .output(z.array(ZIntegration))
    .query(({ ctx }) => listIntegrations(ctx.deps, ctx.actor)),
  create: adminProcedure
    .input(ZCreateIntegrationInput)
    .output(ZIntegrationWithSecret)
    .mutation(({ ctx, input }) => createIntegration(ctx.deps, ctx.actor, input)),
  rotateSecret: adminProcedure
    .input(ZRotateIntegrationSecretInput)
    .output(ZIntegrationWithSecret)
    .mutation(({ ctx, input }) => rotateIntegrationSecret(ctx.deps, ctx.actor, input)),
  setEnabled: adminProcedure
    .input(ZSetIntegrationEnabledInput)
    .output(ZIntegration)
    .mutation(({ ctx, input }) => setIntegrationEnabled(ctx.deps, ctx.actor, input.id, input.enabled)),
});
