// Entries: one shape for every kind of learning, plus the inputs that create and change them.
import { z } from "zod";
import { ZEntryKind, KIND_FIELD_SCHEMAS, type EntryKind } from "./kinds.js";
import { ENTRY_STATUSES } from "./vocabulary.js";

export const VISIBILITIES = ["org", "team", "restricted"] as const;
export const ZVisibility = z.enum(VISIBILITIES);
export type Visibility = z.infer<typeof ZVisibility>;

export { ENTRY_STATUSES, type EntryStatus } from "./vocabulary.js";
export const ZEntryStatus = z.enum(ENTRY_STATUSES);

/** Tags and services are compared case-insensitively, so they are stored normalised. */
export const ZLabel = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "must not be empty")
  .max(60, "must be at most 60 characters")
  .regex(/^[a-z0-9][a-z0-9._/:+-]*$/, "may use letters, digits and . _ / : + -");
const ZLabels = z
  .array(ZLabel)
  .max(50, "at most 50 values")
  .transform((xs) => [...new Set(xs)]);

export const ZGrants = z.object({
  userIds: z.array(z.string().uuid()).max(500).default([]),
  teamIds: z.array(z.string().uuid()).max(100).default([]),
});
export type Grants = z.infer<typeof ZGrants>;

export const ZTitle = z
  .string({ error: (iss) => (iss.input === undefined ? "title is required" : "title must be text") })
  .trim().min(1, "title is required").max(200, "title must be at most 200 characters");
export const ZBody = z.string().max(1_000_000, "body must be at most 1,000,000 characters");
export const ZSummary = z.string().trim().max(2_000, "summary must be at most 2,000 characters");

export const ZEntry = z.object({
  id: z.string().uuid(),
  kind: ZEntryKind,
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  services: z.array(z.string()),
  teamId: z.string().uuid().nullable(),
  teamSlug: z.string().nullable(),
  authorId: z.string().uuid(),
  authorName: z.string(),
  visibility: ZVisibility,
  grants: ZGrants,
  status: ZEntryStatus,
  sourceUrl: z.string().nullable(),
  source: z.string(),
  externalKey: z.string().nullable(),
  fields: z.record(z.string(), z.unknown()),
  /**
   * Whether `fields` fit the kind's schema (they are then as the schema reads them, defaults filled).
   * The API validates every write, so false means data from an older schema: pages show the markdown
   * alone rather than the kind's structure, and an editor still gets the fields as stored. Decided by
   * the API, so a page need not bring the schemas (and the validation library) to read an entry.
   */
  fieldsFit: z.boolean(),
  /** Error fingerprints of a fix's signatures, computed on save. */
  fingerprints: z.array(z.string()),
  version: z.number().int(),
  createdAt: z.coerce.date(),
  updatedAt: z.coerce.date(),
  publishedAt: z.coerce.date().nullable(),
});
export type Entry = z.infer<typeof ZEntry>;

/** The list view: everything but the body and fields. */
export const ZEntrySummary = ZEntry.omit({ body: true, fields: true, fieldsFit: true, grants: true, fingerprints: true });
export type EntrySummary = z.infer<typeof ZEntrySummary>;

// Only web addresses: a `javascript:` or `data:` link stored here would run when someone clicks it.
const ZSourceUrl = z
  .string()
  .trim()
  .url("sourceUrl must be an absolute URL")
  .max(2_000)
  .refine((v) => /^https?:\/\//i.test(v), "sourceUrl must be an http:// or https:// address");
const ZExternalKey = z.string().trim().min(1).max(300, "externalKey must be at most 300 characters");
const ZSource = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "source may use lowercase letters, digits, '.', '_' and '-'");

/** Problems of `fields` against the schema of `kind`, with paths under `fields.`. */
export function kindFieldIssues(kind: EntryKind, fields: unknown): { path: PropertyKey[]; message: string }[] {
  const result = KIND_FIELD_SCHEMAS[kind].safeParse(fields ?? {});
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: ["fields", ...issue.path], message: issue.message }));
}

function checkKindFields(kind: EntryKind, fields: unknown, ctx: z.RefinementCtx): void {
  for (const issue of kindFieldIssues(kind, fields)) ctx.addIssue({ code: "custom", ...issue });
}

/** An entry's `fields` as the API returns them: read through the schema of `kind` when they fit it, else as they are. */
export function readKindFields(kind: EntryKind, fields: Record<string, unknown>): Pick<Entry, "fields" | "fieldsFit"> {
  const result = KIND_FIELD_SCHEMAS[kind].safeParse(fields ?? {});
  return result.success ? { fields: result.data as Record<string, unknown>, fieldsFit: true } : { fields, fieldsFit: false };
}

export function parseKindFields(kind: EntryKind, fields: unknown): Record<string, unknown> {
  return KIND_FIELD_SCHEMAS[kind].parse(fields ?? {}) as Record<string, unknown>;
}

/** The fields of a new entry, before the kind-fields rule: for derived inputs (`.omit` refuses refined objects). */
export const ZEntryInputFields = z.object({
  kind: ZEntryKind,
  title: ZTitle,
  body: ZBody.default(""),
  summary: ZSummary.default(""),
  tags: ZLabels.default([]),
  services: ZLabels.default([]),
  teamId: z.string().uuid().nullable().default(null),
  visibility: ZVisibility.default("org"),
  grants: ZGrants.default({ userIds: [], teamIds: [] }),
  status: ZEntryStatus.optional(),
  sourceUrl: ZSourceUrl.nullable().default(null),
  source: ZSource.default("hindsight"),
  externalKey: ZExternalKey.nullable().default(null),
  fields: z.record(z.string(), z.unknown()).default({}),
});

export const ZCreateEntryInput = ZEntryInputFields.superRefine((v, ctx) => checkKindFields(v.kind, v.fields, ctx));
export type CreateEntryInput = z.infer<typeof ZCreateEntryInput>;
export type CreateEntryInputRaw = z.input<typeof ZCreateEntryInput>;

export const ZUpdateEntryInput = z.object({
  id: z.string().uuid(),
  expectedVersion: z.number().int().min(1),
  title: ZTitle.optional(),
  body: ZBody.optional(),
  summary: ZSummary.optional(),
  tags: ZLabels.optional(),
  services: ZLabels.optional(),
  teamId: z.string().uuid().nullable().optional(),
  visibility: ZVisibility.optional(),
  grants: ZGrants.optional(),
  sourceUrl: ZSourceUrl.nullable().optional(),
  /** Validated against the entry's kind by the service, since the kind is not part of the input. */
  fields: z.record(z.string(), z.unknown()).optional(),
  note: z.string().max(500).optional(),
});
export type UpdateEntryInput = z.infer<typeof ZUpdateEntryInput>;

export const ZTransitionInput = z.object({
  id: z.string().uuid(),
  expectedVersion: z.number().int().min(1).optional(),
  /** Publish over blameless-check findings; they are recorded with the revision. */
  acknowledgeWarnings: z.boolean().optional(),
});

export const ZListEntriesInput = z.object({
  kind: ZEntryKind.optional(),
  status: ZEntryStatus.optional(),
  teamId: z.string().uuid().optional(),
  tag: z.string().optional(),
  service: z.string().optional(),
  authorId: z.string().uuid().optional(),
  /** The externalKey namespace (docs-as-code: one per repository). */
  source: z.string().max(60).optional(),
  limit: z.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).nullish(),
});
export type ListEntriesInput = z.infer<typeof ZListEntriesInput>;

export const ZEntryPage = z.object({
  items: z.array(ZEntrySummary),
  nextCursor: z.string().nullable(),
});

/** The content of an entry at one version, as kept in its revision history. */
export const ZEntrySnapshot = ZEntry.pick({
  kind: true,
  slug: true,
  title: true,
  summary: true,
  body: true,
  tags: true,
  services: true,
  teamId: true,
  visibility: true,
  grants: true,
  status: true,
  sourceUrl: true,
  externalKey: true,
  fields: true,
});
export type EntrySnapshot = z.infer<typeof ZEntrySnapshot>;

export const ZRevision = z.object({
  id: z.string().uuid(),
  entryId: z.string().uuid(),
  version: z.number().int(),
  snapshot: ZEntrySnapshot,
  authorId: z.string().uuid(),
  authorName: z.string(),
  note: z.string().nullable(),
  createdAt: z.coerce.date(),
});
export type Revision = z.infer<typeof ZRevision>;
