// REST imports for bots and scripts: markdown documents (docs-as-code), Slack exports (zip or JSON)
// and plain-text chat logs. Each request is one transaction: all of it lands, or none of it.
import { Invalid, markdownToEntry, ZEntryKind, ZVisibility, type CreateEntryInput, type EntryKind } from "@hindsight/domain";
import type { FastifyInstance } from "fastify";
import { unzipSync, strFromU8 } from "fflate";
import { z } from "zod";
import type { AppDeps } from "../deps.js";
import { upsertEntriesTx } from "../services/entry-service.js";
import { resolveTeamRef } from "../services/team-service.js";
import type { ServiceContext } from "../services/context.js";
import { addToReport, emptyReport, importChatLog, importSlack, type ImportTarget } from "../services/transcript-service.js";
import { PUBLISH_OVER_WARNINGS, requireActor, serviceContext } from "./context.js";
import { toCreateInput } from "./entry-input.js";

export const MAX_DOCUMENTS = 1_000;
const MAX_UPLOAD = 100 * 1024 * 1024;

const ZMarkdownDocument = z.object({
  markdown: z.string({ error: "markdown is required" }).max(2_000_000),
  kind: ZEntryKind.optional(),
  externalKey: z.string().max(300).optional(),
  sourceUrl: z.string().max(2_000).optional(),
  filename: z.string().max(500).optional(),
  team: z.string().optional(),
  source: z.string().optional(),
});

const ZTarget = z.object({
  team: z.string().min(1).optional(),
  visibility: ZVisibility.default("org"),
});

async function resolveTarget(ctx: ServiceContext, raw: unknown): Promise<ImportTarget> {
  const t = ZTarget.parse(raw ?? {});
  let teamId: string | null = null;
  if (t.team) {
    teamId = await resolveTeamRef(ctx, t.team);
    if (!teamId) throw new Invalid(`Unknown team ${t.team}`, { team: [`no team ${t.team}`] });
  }
  return { teamId, visibility: t.visibility };
}

function parseDocument(doc: z.infer<typeof ZMarkdownDocument>, path: (string | number)[]) {
  try {
    const parsed = markdownToEntry(doc.markdown, {
      kind: doc.kind,
      externalKey: doc.externalKey,
      sourceUrl: doc.sourceUrl,
      filename: doc.filename,
    });
    return { ...parsed, ...(doc.team ? { team: doc.team } : {}), ...(doc.source ? { source: doc.source } : {}) };
  } catch (err) {
    if (err instanceof Invalid) {
      const prefix = path.join(".");
      const fieldErrors = Object.fromEntries(
        Object.entries(err.fieldErrors).map(([k, v]) => [prefix ? `${prefix}.${k}` : k, v]),
      );
      throw new Invalid(`${prefix ? `${prefix}: ` : ""}${err.message}`, Object.keys(fieldErrors).length ? fieldErrors : { [prefix || "markdown"]: [err.message] });
    }
    throw err;
  }
}

export async function importRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;

  app.addContentTypeParser(["text/markdown", "text/plain"], { parseAs: "string", bodyLimit: MAX_UPLOAD }, (_req, body, done) =>
    done(null, body),
  );
  app.addContentTypeParser(["application/zip", "application/octet-stream"], { parseAs: "buffer", bodyLimit: MAX_UPLOAD }, (_req, body, done) =>
    done(null, body),
  );

  app.post<{ Querystring: Record<string, string | undefined> }>("/import/markdown", { bodyLimit: MAX_UPLOAD }, async (req) => {
    const ctx = serviceContext(deps, await requireActor(req));
    let docs: z.infer<typeof ZMarkdownDocument>[];
    if (typeof req.body === "string") {
      docs = [ZMarkdownDocument.parse({ ...req.query, kind: req.query.kind as EntryKind | undefined, markdown: req.body })];
    } else if (req.body && typeof req.body === "object" && "documents" in req.body) {
      docs = z
        .object({ documents: z.array(ZMarkdownDocument).min(1).max(MAX_DOCUMENTS, `at most ${MAX_DOCUMENTS} documents per request`) })
        .parse(req.body).documents;
    } else {
      docs = [ZMarkdownDocument.parse(req.body)];
    }
    const batch = docs.length > 1 || (req.body && typeof req.body === "object" && "documents" in req.body);
    const inputs: CreateEntryInput[] = [];
    for (const [i, doc] of docs.entries()) {
      const path = batch ? ["documents", i] : [];
      inputs.push(await toCreateInput(ctx, parseDocument(doc, path), path));
    }
    const report = emptyReport();
    const results = await ctx.search.transaction(ctx.db, (tx) => upsertEntriesTx(tx, ctx, inputs, PUBLISH_OVER_WARNINGS));
    for (const result of results) addToReport(report, result);
    return report;
  });

  app.post<{ Querystring: Record<string, string | undefined> }>("/import/slack", { bodyLimit: MAX_UPLOAD }, async (req) => {
    const ctx = serviceContext(deps, await requireActor(req));
    let files: Record<string, string>;
    let target: ImportTarget;
    if (Buffer.isBuffer(req.body)) {
      target = await resolveTarget(ctx, req.query);
      let entries: Record<string, Uint8Array>;
      try {
        entries = unzipSync(new Uint8Array(req.body), { filter: (f) => f.name.endsWith(".json") });
      } catch (err) {
        throw new Invalid(`The upload is not a readable zip file: ${(err as Error).message}`, { body: ["must be a Slack export .zip"] });
      }
      files = Object.fromEntries(Object.entries(entries).map(([name, data]) => [name, strFromU8(data)]));
    } else {
      const body = z
        .object({ files: z.record(z.string(), z.string()), team: z.string().optional(), visibility: ZVisibility.optional() })
        .parse(req.body);
      target = await resolveTarget(ctx, { team: body.team, visibility: body.visibility });
      files = body.files;
    }
    return importSlack(ctx, files, target);
  });

  app.post("/import/chat", async (req) => {
    const ctx = serviceContext(deps, await requireActor(req));
    const body = z
      .object({
        text: z.string().min(1, "text is required").max(5_000_000),
        title: z.string().trim().min(1, "title is required").max(200),
        channel: z.string().max(200).optional(),
        date: z.iso.date({ message: "date must be YYYY-MM-DD" }).optional(),
        externalKey: z.string().max(300).optional(),
        team: z.string().optional(),
        visibility: ZVisibility.optional(),
      })
      .parse(req.body);
    const target = await resolveTarget(ctx, { team: body.team, visibility: body.visibility });
    return importChatLog(ctx, body, target);
  });
}

