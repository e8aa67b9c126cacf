// A small typed client for Hindsight's REST surface (/api/v1): bearer token, JSON in and out, and
// one mapping from HTTP failures to messages a person can act on (which token, which field, which
// server). Answers are checked against the shapes the commands rely on, so a wrong --url fails with
// a clear message instead of an undefined deep inside a command.
import { ZRestArchiveResult, ZRestEntryList, type RestArchiveResult, type RestEntryListItem } from "@hindsight/domain";
import { z } from "zod";
import { CliError } from "./errors.js";

export interface ClientOptions {
  url: string;
  token: string | null;
  /** For tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  /** Per request; imports of large exports take a while. */
  timeoutMs?: number;
}

/** A request the server answered with an error status. `fieldErrors` keys are paths such as `entries.3.title`. */
export class ApiError extends CliError {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
    /** The server's own message, without our prefix. */
    readonly serverMessage = message,
  ) {
    super(message);
  }
}

const ZErrorBody = z.object({
  error: z.object({
    code: z.string().default("ERROR"),
    message: z.string().default(""),
    fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
  }),
});

export interface RequestInfo {
  method: string;
  path: string;
  url: string;
  hasToken: boolean;
}

/** The one place HTTP failures become messages. Never includes the token. */
export function apiErrorFrom(status: number, body: unknown, req: RequestInfo): ApiError {
  const parsed = ZErrorBody.safeParse(body);
  const code = parsed.success ? parsed.data.error.code : `HTTP_${status}`;
  const serverMessage = parsed.success ? parsed.data.error.message : "";
  const fieldErrors = (parsed.success ? parsed.data.error.fieldErrors : undefined) ?? {};
  const fields = Object.entries(fieldErrors).map(([field, msgs]) => `\n  ${field}: ${msgs.join("; ")}`).join("");
  const said = serverMessage ? `: ${serverMessage}` : "";
  let message: string;
  switch (true) {
    case status === 401:
      message = req.hasToken
        ? "the server refused the API token (401): it is unknown, revoked or mistyped; check HINDSIGHT_TOKEN or --token"
        : "the server needs an API token (401): set HINDSIGHT_TOKEN or pass --token";
      break;
    case status === 403:
      message = `not allowed (403)${said}`;
      break;
    case status === 404 && /^No route/.test(serverMessage):
      message = `${req.url} has no ${req.method} ${req.path} (404): is --url pointing at a Hindsight server with the v1 REST API?`;
      break;
    case status === 404:
      message = `not found (404)${said}`;
      break;
    case status === 400 || status === 422:
      message = `the server rejected the request (${status})${said}${fields}`;
      break;
    case status === 409:
      message = `conflict (409)${said}${fields}`;
      break;
    case status === 413:
      message = `the request is too large for the server (413)${said}`;
      break;
    case status === 429:
      message = "the server is rate limiting requests (429): try again later";
      break;
    case status >= 500:
      message = `the server failed (${status})${said}`;
      break;
    default:
      message = `${req.method} ${req.path} answered ${status}${said}`;
  }
  return new ApiError(status, code, message, fieldErrors, serverMessage);
}

// ---- answer shapes ------------------------------------------------------------------------------

const ZRedaction = z.object({ kind: z.string(), path: z.string(), line: z.number(), column: z.number() });
const ZWarning = z.object({ where: z.string(), match: z.string(), rule: z.string(), suggestion: z.string().default("") });
const ZOutcome = z.enum(["created", "updated", "unchanged"]);

export const ZWriteResult = z.object({
  id: z.string(),
  slug: z.string(),
  version: z.number(),
  externalKey: z.string().nullable(),
  outcome: ZOutcome,
  redactions: z.array(ZRedaction).default([]),
  warnings: z.array(ZWarning).default([]),
});
export type WriteResult = z.infer<typeof ZWriteResult>;

export const ZBatchResult = z.object({
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  results: z.array(ZWriteResult),
});
export type BatchResult = z.infer<typeof ZBatchResult>;

export const ZImportReport = z.object({
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  entries: z.array(z.object({ id: z.string(), slug: z.string(), title: z.string(), outcome: ZOutcome, messages: z.number().optional() })),
  redactions: z.object({
    total: z.number(),
    byKind: z.record(z.string(), z.number()),
    locations: z
      .array(z.object({ entryTitle: z.string(), kind: z.string(), where: z.string(), line: z.number(), column: z.number() }))
      .default([]),
  }),
  warnings: z.array(ZWarning.extend({ entryTitle: z.string() })).default([]),
  skipped: z.array(z.object({ reason: z.string(), count: z.number() })).default([]),
});
export type ImportReport = z.infer<typeof ZImportReport>;

export const ZSearchHit = z.object({
  id: z.string(),
  kind: z.string(),
  slug: z.string(),
  title: z.string(),
  snippet: z.string(),
  team: z.string().nullable(),
  status: z.string(),
  severity: z.string().nullable(),
  sourceUrl: z.string().nullable(),
  externalKey: z.string().nullable(),
  updatedAt: z.string(),
  score: z.number(),
  fingerprintMatch: z.boolean(),
});
export type SearchHit = z.infer<typeof ZSearchHit>;

export const ZSearchResponse = z.object({
  hits: z.array(ZSearchHit),
  total: z.number(),
  totalIsEstimate: z.boolean(),
  nextCursor: z.string().nullable(),
  mode: z.string(),
  /** Hits found, but none answers clearly (absent from servers before it existed). */
  weakMatch: z.boolean().default(false),
});
export type SearchResponse = z.infer<typeof ZSearchResponse>;

export interface SearchParams {
  q: string;
  kind?: string[];
  team?: string[];
  sort?: "relevance" | "newest";
  limit?: number;
  cursor?: string | null;
}

/** An entry as POST /api/v1/entries takes it (the team by slug). */
export interface EntryPayload {
  kind: string;
  title: string;
  summary?: string;
  body?: string;
  tags?: string[];
  services?: string[];
  team?: string;
  visibility?: string;
  status?: string;
  sourceUrl?: string | null;
  source?: string;
  externalKey?: string | null;
  fields?: Record<string, unknown>;
}

export interface ImportTarget {
  team?: string;
  visibility?: string;
}

interface Call {
  method: "GET" | "POST";
  path: string;
  query?: Record<string, string | undefined>;
  json?: unknown;
  raw?: { body: Uint8Array; contentType: string };
}

export class HindsightClient {
  readonly url: string;
  private readonly token: string | null;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(opts: ClientOptions) {
    this.url = opts.url.replace(/\/+$/, "");
    this.token = opts.token;
    this.fetchImpl = opts.fetch ?? fetch;
    this.timeoutMs = opts.timeoutMs ?? 300_000;
  }

  private async send(call: Call): Promise<Response> {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) qs.set(k, v);
    const target = `${this.url}/api/v1${call.path}${qs.size ? `?${qs}` : ""}`;
    const headers: Record<string, string> = { accept: "application/json, text/markdown;q=0.9", "user-agent": "hindsight-cli" };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let body: RequestInit["body"];
    if (call.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(call.json);
    } else if (call.raw) {
      headers["content-type"] = call.raw.contentType;
      body = call.raw.body;
    }
    const info: RequestInfo = { method: call.method, path: `/api/v1${call.path}`, url: this.url, hasToken: this.token !== null };
    let res: Response;
    try {
      res = await this.fetchImpl(target, { method: call.method, headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      throw networkError(err, info, this.timeoutMs);
    }
    if (!res.ok) {
      const text = await res.text().catch(() => "");
      throw apiErrorFrom(res.status, parseJson(text), info);
    }
    return res;
  }

  private async json<S extends z.ZodType>(schema: S, call: Call): Promise<z.infer<S>> {
    const res = await this.send(call);
    const text = await res.text();
    const parsed = schema.safeParse(parseJson(text));
    if (!parsed.success) {
      throw new CliError(
        `unexpected answer from ${this.url} to ${call.method} /api/v1${call.path} (${res.status}, ${res.headers.get("content-type") ?? "no content type"}): is --url pointing at a Hindsight server?`,
      );
    }
    return parsed.data;
  }

  /** Bulk upsert by (source, externalKey), one all-or-nothing transaction per call (at most 1,000). */
  upsertEntries(entries: EntryPayload[]): Promise<BatchResult> {
    return this.json(ZBatchResult, { method: "POST", path: "/entries", json: { entries } });
  }

  /** Every entry of `source` the token may read (all pages), archived ones included. */
  async entriesOfSource(source: string): Promise<RestEntryListItem[]> {
    const out: RestEntryListItem[] = [];
    let cursor: string | null = null;
    do {
      const page: z.infer<typeof ZRestEntryList> = await this.json(ZRestEntryList, {
        method: "GET",
        path: "/entries",
        query: { source, limit: "500", cursor: cursor ?? undefined },
      });
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }

  /** Archives one entry; `expectedVersion` refuses (409) an entry changed since it was listed. */
  archiveEntry(id: string, expectedVersion?: number): Promise<RestArchiveResult> {
    return this.json(ZRestArchiveResult, {
      method: "POST",
      path: `/entries/${encodeURIComponent(id)}/archive`,
      json: expectedVersion === undefined ? {} : { expectedVersion },
    });
  }

  search(p: SearchParams): Promise<SearchResponse> {
    return this.json(ZSearchResponse, {
      method: "GET",
      path: "/search",
      query: {
        q: p.q,
        kind: p.kind?.length ? p.kind.join(",") : undefined,
        team: p.team?.length ? p.team.join(",") : undefined,
        sort: p.sort,
        limit: p.limit === undefined ? undefined : String(p.limit),
        cursor: p.cursor ?? undefined,
      },
    });
  }

  /** The entry as markdown with YAML front matter (docs-as-code). */
  async entryMarkdown(id: string): Promise<string> {
    const res = await this.send({ method: "GET", path: `/entries/${encodeURIComponent(id)}/markdown` });
    return res.text();
  }

  importSlackZip(zip: Uint8Array, target: ImportTarget): Promise<ImportReport> {
    return this.json(ZImportReport, {
      method: "POST",
      path: "/import/slack",
      query: { team: target.team, visibility: target.visibility },
      raw: { body: zip, contentType: "application/zip" },
    });
  }

  importSlackFiles(files: Record<string, string>, target: ImportTarget): Promise<ImportReport> {
    return this.json(ZImportReport, { method: "POST", path: "/import/slack", json: { files, ...target } });
  }

  importChat(input: { text: string; title: string; channel?: string; date?: string; externalKey?: string } & ImportTarget): Promise<ImportReport> {
    return this.json(ZImportReport, { method: "POST", path: "/import/chat", json: input });
  }
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function networkError(err: unknown, req: RequestInfo, timeoutMs: number): CliError {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === "TimeoutError" || e.name === "AbortError") {
    return new CliError(`no answer from ${req.url} to ${req.method} ${req.path} within ${Math.round(timeoutMs / 1000)} s`);
  }
  const reason = e.cause?.code ?? e.cause?.message ?? e.message ?? String(err);
  return new CliError(`cannot reach Hindsight at ${req.url}: ${reason} (is the server running, and is --url / HINDSIGHT_URL right?)`);
}
