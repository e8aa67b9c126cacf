// tRPC procedures for entries: thin wrappers over the entry service.
import {
  checkEntryBlameless,
  entryToMarkdown,
  templateFor,
  ZBody,
  ZEntryKind,
  ZTitle,
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
import * as relatedService from "../services/related-service.js";
import * as reviewService from "../services/review-service.js";
import * as transcriptService from "../services/transcript-service.js";
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
    .mutation(({ ctx, input }) =>
      entryService.transitionEntry(ctx.services, input.id, name, {
        expectedVersion: input.expectedVersion,
        acknowledgeWarnings: input.acknowledgeWarnings,
      }),
    );

const ZReviewer = z.object({
  userId: z.string().uuid(),
  name: z.string(),
  handle: z.string(),
  state: z.enum(["pending", "approved", "changes_requested"]),
  decidedAt: z.coerce.date().nullable(),
  comment: z.string().nullable(),
});

// A comment is required with "changes_requested"; the service enforces that, so the refusal reads
// as one sentence naming the field rather than a list of zod issues.
const ZReviewInput = z.object({
  id: z.string().uuid(),
  decision: z.enum(["approved", "changes_requested"]),
  comment: z.string().trim().max(2000).optional(),
});

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
  submit: authedProcedure
    .input(ZTransitionInput.extend({ reviewers: z.array(z.string().uuid()).max(20).default([]) }))
    .output(ZEntry)
    .mutation(({ ctx, input }) => reviewService.submitForReview(ctx.services, input.id, input.reviewers, input.expectedVersion)),
  reviewers: authedProcedure
    .input(z.object({ id: z.string().uuid() }))
    .output(z.array(ZReviewer))
    .query(({ ctx, input }) => reviewService.listReviewers(ctx.services, input.id)),
  review: authedProcedure
    .input(ZReviewInput)
    .output(z.array(ZReviewer))
    .mutation(({ ctx, input }) => reviewService.recordReview(ctx.services, input.id, input.decision, input.comment)),
  publish: transition("publish"),
  archive: transition("archive"),
  restore: transition("restore"),
  template: authedProcedure
    .input(z.object({ kind: ZEntryKind }))
    .output(z.object({ kind: ZEntryKind, title: z.string(), summary: z.string(), body: z.string(), fields: z.record(z.string(), z.unknown()) }))
    .query(({ input }) => templateFor(input.kind)),
  checkBlameless: authedProcedure
    .input(z.object({ title: z.string().max(200).default(""), summary: z.string().max(2_000).default(""), body: ZBody.default(""), fields: z.record(z.string(), z.unknown()).default({}) }))
    .output(
      z.array(
        z.object({ where: z.string(), start: z.number(), end: z.number(), match: z.string(), rule: z.string(), reason: z.string(), suggestion: z.string() }),
      ),
    )
    .query(({ input }) => checkEntryBlameless(input)),
  exportMarkdown: authedProcedure
    .input(z.object({ id: z.string().uuid() }))
    .output(z.object({ filename: z.string(), markdown: z.string() }))
    .query(async ({ ctx, input }) => {
      const entry = await entryService.getEntry(ctx.services, { id: input.id });
      return { filename: `${entry.slug}.md`, markdown: entryToMarkdown(entryService.toEntryDocument(entry)) };
    }),
  linkTranscript: authedProcedure
    .input(z.object({ transcriptId: z.string().uuid(), postmortemId: z.string().uuid() }))
    .output(ZEntry)
    .mutation(({ ctx, input }) => transcriptService.linkTranscript(ctx.services, input.transcriptId, input.postmortemId)),
  promote: authedProcedure
    .input(
      z.object({
        transcriptId: z.string().uuid(),
        messageTs: z.array(z.string().max(64)).min(1, "pick at least one message").max(1_000),
        kind: z.enum(["fix", "runbook"]),
        title: ZTitle,
      }),
    )
    .output(ZEntry)
    .mutation(({ ctx, input }) => transcriptService.promoteMessages(ctx.services, input)),
  /** Runbooks and fixes sharing a postmortem's services (or, for a runbook or fix, the postmortems citing it). */
  serviceRelated: authedProcedure
    .input(z.object({ id: z.string().uuid() }))
    .output(
      z.array(
        z.object({
          id: z.string().uuid(),
          kind: ZEntryKind,
          slug: z.string(),
          title: z.string(),
          teamSlug: z.string().nullable(),
          teamName: z.string().nullable(),
          sharedServices: z.array(z.string()),
        }),
      ),
    )
    .query(async ({ ctx, input }) => {
      const entry = await entryService.getEntry(ctx.services, { id: input.id });
      return relatedService.serviceRelated(ctx.services, entry);
    }),
  history: authedProcedure
    .input(z.object({ id: z.string().uuid() }))
    .output(z.array(ZRevision))
    .query(({ ctx, input }) => entryService.entryHistory(ctx.services, input.id)),
  diff: authedProcedure
    .input(z.object({ id: z.string().uuid(), from: z.number().int().min(1), to: z.number().int().min(1) }))
    .output(z.array(ZFieldChange))
    .query(({ ctx, input }) => entryService.diffRevisions(ctx.services, input.id, input.from, input.to)),
});
