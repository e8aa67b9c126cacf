// tRPC procedures for importing from the portal: Slack exports, chat logs and markdown files.
import { markdownToEntry, ZEntryKind, ZVisibility, Invalid } from "@hindsight/domain";
import { strFromU8, unzipSync } from "fflate";
import { z } from "zod";
import { toCreateInput } from "../rest/entry-input.js";
import { upsertEntryTx } from "../services/entry-service.js";
import { resolveTeamRef } from "../services/team-service.js";
import type { ServiceContext } from "../services/context.js";
import { addToReport, emptyReport, importChatLog, importSlack, type ImportTarget } from "../services/transcript-service.js";
import { authedProcedure, router } from "../trpc.js";
import { countImport } from "../plugins/metrics.js";

export const ZImportReport = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  entries: z.array(
    z.object({
      id: z.string().uuid(),
      slug: z.string(),
      title: z.string(),
      outcome: z.enum(["created", "updated", "unchanged"]),
      messages: z.number().int().optional(),
    }),
  ),
  redactions: z.object({
    total: z.number().int(),
    byKind: z.record(z.string(), z.number().int()),
    locations: z.array(
      z.object({ entryId: z.string(), entryTitle: z.string(), kind: z.string(), where: z.string(), line: z.number(), column: z.number() }),
    ),
  }),
  warnings: z.array(
    z.object({ entryId: z.string(), entryTitle: z.string(), where: z.string(), match: z.string(), rule: z.string(), suggestion: z.string() }),
  ),
  skipped: z.array(z.object({ reason: z.string(), count: z.number().int() })),
});

const ZTarget = { teamId: z.string().uuid().nullable().default(null), visibility: ZVisibility.default("org") };

async function target(ctx: ServiceContext, t: { teamId: string | null; visibility: ImportTarget["visibility"] }): Promise<ImportTarget> {
  if (t.teamId && !(await resolveTeamRef(ctx, t.teamId))) throw new Invalid("Unknown team", { teamId: ["no team with this id"] });
  return t;
}

export const importsRouter = router({
  slack: authedProcedure
    .input(
      z
        .object({
          /** Paths inside the export -> JSON text. */
          files: z.record(z.string(), z.string()).optional(),
          /** Or the export's .zip, base64-encoded. */
          zipBase64: z.string().max(140_000_000).optional(),
          ...ZTarget,
        })
        .refine((v) => Boolean(v.files) !== Boolean(v.zipBase64), { message: "send either files or zipBase64", path: ["files"] }),
    )
    .output(ZImportReport)
    .mutation(async ({ ctx, input }) => countImport(ctx.deps.metrics, "slack", async () => {
        let files = input.files;
        if (input.zipBase64) {
          try {
            const unzipped = unzipSync(Buffer.from(input.zipBase64, "base64"), { filter: (f) => f.name.endsWith(".json") });
            files = Object.fromEntries(Object.entries(unzipped).map(([k, v]) => [k, strFromU8(v)]));
          } catch (err) {
            throw new Invalid(`Not a readable zip file: ${(err as Error).message}`, { zipBase64: ["must be a Slack export .zip"] });
          }
        }
        return importSlack(ctx.services, files!, await target(ctx.services, input));
    })),
  chatLog: authedProcedure
    .input(
      z.object({
        text: z.string().min(1, "text is required").max(5_000_000),
        title: z.string().trim().min(1, "title is required").max(200),
        channel: z.string().max(200).optional(),
        date: z.iso.date({ message: "date must be YYYY-MM-DD" }).optional(),
        ...ZTarget,
      }),
    )
    .output(ZImportReport)
    .mutation(async ({ ctx, input }) => countImport(ctx.deps.metrics, "chat", async () => importChatLog(ctx.services, input, await target(ctx.services, input)))),
  markdown: authedProcedure
    .input(
      z.object({
        markdown: z.string().min(1, "markdown is required").max(2_000_000),
        kind: ZEntryKind.optional(),
        filename: z.string().max(500).optional(),
        /** Portal imports start as drafts unless the file says otherwise. */
        status: z.enum(["draft", "published"]).default("draft"),
      }),
    )
    .output(ZImportReport)
    .mutation(async ({ ctx, input }) => countImport(ctx.deps.metrics, "markdown", async () => {
        const doc = markdownToEntry(input.markdown, { kind: input.kind, filename: input.filename, status: input.status });
        const create = await toCreateInput(ctx.services, doc, []);
        const report = emptyReport();
        const result = await ctx.services.search.transaction(ctx.services.db, (tx) => upsertEntryTx(tx, ctx.services, create));
        addToReport(report, result);
        return report;
    })),
});
