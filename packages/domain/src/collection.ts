// Collections: ordered sections of entries, curated by a team; onboarding paths are collections too.
// Also the progress rules, so the learner's bar and the curator's table compute the same numbers.
import { z } from "zod";
import { ZSlug } from "./identity.js";

export const ZCollectionItem = z.object({
  id: z.string().uuid(),
  entryId: z.string().uuid(),
  entrySlug: z.string(),
  entryTitle: z.string(),
  entryKind: z.string(),
  note: z.string(),
  position: z.number().int(),
});
export type CollectionItem = z.infer<typeof ZCollectionItem>;

export const ZCollectionSection = z.object({
  id: z.string().uuid(),
  title: z.string(),
  position: z.number().int(),
  items: z.array(ZCollectionItem),
});

export const ZCollectionTeam = z.object({ id: z.string().uuid(), slug: z.string(), name: z.string() });

export const ZCollection = z.object({
  id: z.string().uuid(),
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  teamId: z.string().uuid().nullable(),
  /** The curating team, resolved for display. */
  team: ZCollectionTeam.nullable(),
  isOnboarding: z.boolean(),
  createdBy: z.string().uuid(),
  version: z.number().int(),
  createdAt: z.coerce.date(),
  updatedAt: z.coerce.date(),
  /** Whether the caller may edit it and see its learners (the domain `canCurateCollection`). */
  canCurate: z.boolean(),
  sections: z.array(ZCollectionSection),
});
export type Collection = z.infer<typeof ZCollection>;

export const ZCollectionSummary = ZCollection.omit({ sections: true }).extend({ itemCount: z.number().int() });
export type CollectionSummary = z.infer<typeof ZCollectionSummary>;

const ZSectionInput = z.object({
  title: z.string().trim().min(1, "section title is required").max(200),
  items: z
    .array(z.object({ entryId: z.string().uuid(), note: z.string().max(2_000).default("") }))
    .max(500)
    .default([]),
});

export const ZCreateCollectionInput = z.object({
  slug: ZSlug.optional(),
  title: z.string().trim().min(1, "title is required").max(200),
  description: z.string().max(5_000).default(""),
  teamId: z.string().uuid().nullable().default(null),
  isOnboarding: z.boolean().default(false),
  sections: z.array(ZSectionInput).max(100).default([]),
});
export type CreateCollectionInput = z.infer<typeof ZCreateCollectionInput>;

/** Replaces title, description and the whole ordered structure, guarded by the expected version. */
export const ZUpdateCollectionInput = ZCreateCollectionInput.omit({ slug: true, teamId: true }).extend({
  id: z.string().uuid(),
  expectedVersion: z.number().int().min(1),
});
export type UpdateCollectionInput = z.infer<typeof ZUpdateCollectionInput>;

/**
 * One person's progress through one collection, counted over the items that person may read (an
 * item hidden from them can never block their path).
 */
export const ZCollectionProgress = z.object({
  collectionId: z.string().uuid(),
  totalItems: z.number().int(),
  doneItems: z.number().int(),
  /** Whole percent, 0–100. */
  percent: z.number().int().min(0).max(100),
  completedItemIds: z.array(z.string().uuid()),
  /** The first unread item in reading order ("pick up where you stopped"); null once all are read. */
  nextItemId: z.string().uuid().nullable(),
  nextEntrySlug: z.string().nullable(),
  /** When they last marked an item read. */
  lastActivityAt: z.coerce.date().nullable(),
});
export type CollectionProgress = z.infer<typeof ZCollectionProgress>;

/** An onboarding path on "my onboarding": the collection and where I am in it. */
export const ZOnboardingAssignment = z.object({
  collection: ZCollectionSummary,
  progress: ZCollectionProgress,
  /** "team": assigned as a new member of the curating team; "started": I began it on my own. */
  reason: z.enum(["team", "started"]),
});
export type OnboardingAssignment = z.infer<typeof ZOnboardingAssignment>;

/** A row of the curator's "who is where" table. */
export const ZLearner = z.object({
  userId: z.string().uuid(),
  handle: z.string(),
  name: z.string(),
  totalItems: z.number().int(),
  doneItems: z.number().int(),
  percent: z.number().int().min(0).max(100),
  nextItemId: z.string().uuid().nullable(),
  lastActivityAt: z.coerce.date().nullable(),
  reason: z.enum(["team", "started"]),
});
export type Learner = z.infer<typeof ZLearner>;

/**
 * Who an onboarding path is assigned to: members (not maintainers) of the curating team who joined it
 * within this many days. Anyone else who marks an item read has started it themselves and is tracked too.
 */
export const ONBOARDING_WINDOW_DAYS = 90;

/** Whole percent done; an empty collection counts as 0% (nothing to complete, nothing completed). */
export function progressPercent(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.floor((done / total) * 100));
}

/** The first item, in reading order, that is not done. */
export function nextUnreadItem<T extends { id: string }>(itemsInOrder: readonly T[], done: ReadonlySet<string>): T | null {
  return itemsInOrder.find((i) => !done.has(i.id)) ?? null;
}
