// tRPC procedures for entries: thin wrappers over the entry service.
import {
  ZCreateEntryInput,
  ZEntry,
  ZEntryPage,
  ZListEntriesInput,
  ZRevision,
  ZTransitionInput,
  ZUpdateEntryInput,
} from "@hindsight/domain";
import { z } from "zod";
import * as entryService from "../services/entry-service.js";
import { authedProcedure, router } from "../trpc.js";

const ZEntryRef = z.union([z.object({ id: z.string().uuid() }), z.object({ slug: z.string().min(1).max(200) })]);

const ZFieldChange = z.union([
  z.object({
    field: z.string(),
    type: z.literal("text"),
    parts: z.array(z.object({ value: z.string(), added: z.boolean(), removed: z.boolean() })),
  }),
  z.object({ field: z.string(), type: z.literal("value"), before: z.unknown(), after: z.unknown() }),
]);

const transition = (name: entryService.Transition) =>
  authedProcedure
    .input(ZTransitionInput)
    .output(ZEntry)
    .mutation(({ ctx, input }) => entryService.transitionEntry(ctx.services, input.id, name, { expectedVersion: input.expectedVersion }));

export const entriesRouter = router({
  list: authedProcedure
    .input(ZListEntriesInput)
    .output(ZEntryPage)
    .query(({ ctx, input }) => entryService.listEntries(ctx.services, input)),
  get: authedProcedure
    .input(ZEntryRef)
    .output(ZEntry)
    .query(({ ctx, input }) => entryService.getEntry(ctx.services, input)),
  create: authedProcedure
    .input(ZCreateEntryInput)
    .output(ZEntry)
    .mutation(({ ctx, input }) => entryService.createEntry(ctx.services, input)),
  update: authedProcedure
    .input(ZUpdateEntryInput)
    .output(ZEntry)
    .mutation(({ ctx, input }) => entryService.updateEntry(ctx.services, input)),
  submit: transition("submit"),
  publish: transition("publish"),
  archive: transition("archive"),
  restore: transition("restore"),
  history: authedProcedure
    .input(z.object({ id: z.string().uuid() }))
    .output(z.array(ZRevision))
    .query(({ ctx, input }) => entryService.entryHistory(ctx.services, input.id)),
  diff: authedProcedure
    .input(z.object({ id: z.string().uuid(), from: z.number().int().min(1), to: z.number().int().min(1) }))
    .output(z.array(ZFieldChange))
    .query(({ ctx, input }) => entryService.diffRevisions(ctx.services, input.id, input.from, input.to)),
});
