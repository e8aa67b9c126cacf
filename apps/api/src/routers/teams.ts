// tRPC procedures for teams and memberships.
import { ZCreateTeamInput, ZTeam, ZTeamMember, ZTeamNotification, ZTeamRole } from "@hindsight/domain";
import { z } from "zod";
import * as relatedService from "../services/related-service.js";
import * as teamService from "../services/team-service.js";
import { adminProcedure, authedProcedure, router } from "../trpc.js";

export const teamsRouter = router({
  list: authedProcedure
    .input(z.void())
    .output(z.array(ZTeam.extend({ memberCount: z.number().int() })))
    .query(({ ctx }) => teamService.listTeams(ctx.services)),
  get: authedProcedure
    .input(z.union([z.object({ id: z.string().uuid() }), z.object({ slug: z.string().min(1) })]))
    .output(ZTeam.extend({ members: z.array(ZTeamMember) }))
    .query(({ ctx, input }) => teamService.getTeam(ctx.services, input)),
  create: adminProcedure
    .input(ZCreateTeamInput)
    .output(ZTeam)
    .mutation(({ ctx, input }) => teamService.createTeam(ctx.services, input)),
  setMember: authedProcedure
    .input(z.object({ teamId: z.string().uuid(), userId: z.string().uuid(), role: ZTeamRole.nullable() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await teamService.setMembership(ctx.services, input.teamId, input.userId, input.role);
      return { ok: true as const };
    }),
  /** The team's inbox ("your runbook was cited in a new postmortem"), for its members. */
  notifications: authedProcedure
    .input(z.object({ teamId: z.string().uuid(), unreadOnly: z.boolean().default(false), limit: z.number().int().min(1).max(100).default(50) }))
    .output(z.array(ZTeamNotification))
    .query(({ ctx, input }) => relatedService.listTeamNotifications(ctx.services, input.teamId, input)),
  markNotificationsRead: authedProcedure
    .input(z.object({ teamId: z.string().uuid() }))
    .output(z.object({ marked: z.number().int() }))
    .mutation(async ({ ctx, input }) => ({ marked: await relatedService.markTeamNotificationsRead(ctx.services, input.teamId) })),
});
