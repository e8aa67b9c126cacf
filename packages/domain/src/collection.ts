// Collections: ordered sections of entries, curated by a team; onboarding paths are collections too.
import { z } from "zod";
import { ZSlug } from "./identity.js";

export const ZCollectionItem = z.object({
  id: z.string().uuid(),
  entryId: z.string().uuid(),
  entryTitle: z.string(),
  entryKind: z.string(),
  note: z.string(),
  position: z.number().int(),
});

export const ZCollectionSection = z.object({
  id: z.string().uuid(),
  title: z.string(),
  position: z.number().int(),
  items: z.array(ZCollectionItem),
});

export const ZCollection = z.object({
  id: z.string().uuid(),
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  teamId: z.string().uuid().nullable(),
  isOnboarding: z.boolean(),
  createdBy: z.string().uuid(),
  version: z.number().int(),
  createdAt: z.coerce.date(),
  updatedAt: z.coerce.date(),
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

export const ZCollectionProgress = z.object({
  collectionId: z.string().uuid(),
  totalItems: z.number().int(),
  completedItemIds: z.array(z.string().uuid()),
});
export type CollectionProgress = z.infer<typeof ZCollectionProgress>;
