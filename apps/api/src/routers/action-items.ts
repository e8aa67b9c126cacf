// tRPC procedures for tracking action items across postmortems and game days.
import { ZActionItemStatus, ZEntryKind } from "@hindsight/domain";
import { z } from "zod";
import * as actionItemService from "../services/action-item-service.js";
import { authedProcedure, router } from "../trpc.js";

const ZActionItem = z.object({
  id: z.string().uuid(),
  entryId: z.string().uuid(),
  entryTitle: z.string(),
  entrySlug: z.string(),
  entryKind: ZEntryKind,
  position: z.number().int(),
  title: z.string(),
  owner: z.string().nullable(),
  ownerUserId: z.string().uuid().nullable(),
  teamId: z.string().uuid().nullable(),
  teamSlug: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: ZActionItemStatus,
  overdue: z.boolean(),
  closedByEntryId: z.string().uuid().nullable(),
  closedBy: z.object({ id: z.string().uuid(), slug: z.string(), title: z.string(), kind: ZEntryKind }).nullable(),
  canUpdate: z.boolean(),
  closedAt: z.coerce.date().nullable(),
  updatedAt: z.coerce.date(),
});

const ZCounts = z.object({ total: z.number().int(), closed: z.number().int(), overdue: z.number().int() });

export const actionItemsRouter = router({
  list: authedProcedure
    .input(
      z.object({
        owner: z.string().trim().min(1).max(120).optional(),
        ownerUserId: z.string().uuid().optional(),
        teamId: z.string().uuid().optional(),
        status: z.array(ZActionItemStatus).max(4).optional(),
        overdue: z.boolean().optional(),
        entryId: z.string().uuid().optional(),
        limit: z.number().int().min(1).max(500).default(100),
      }),
    )
    .output(z.array(ZActionItem))
    .query(({ ctx, input }) => actionItemService.listActionItems(ctx.services, input)),
  stats: authedProcedure
    .input(z.void())
    .output(
      ZCounts.extend({
        closureRate: z.number(),
        byTeam: z.array(ZCounts.extend({ teamId: z.string().uuid().nullable(), teamSlug: z.string().nullable() })),
      }),
    )
    .query(({ ctx }) => actionItemService.actionItemStats(ctx.services)),
  update: authedProcedure
    .input(
      z.object({
        id: z.string().uuid(),
        status: ZActionItemStatus.optional(),
        owner: z.string().trim().max(120).nullable().optional(),
        dueDate: z.iso.date({ message: "dueDate must be YYYY-MM-DD" }).nullable().optional(),
        closedByEntryId: z.string().uuid().nullable().optional(),
      }),
    )
    .output(ZActionItem)
    .mutation(({ ctx, input }) => actionItemService.updateActionItem(ctx.services, input)),
});
