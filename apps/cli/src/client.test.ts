import { describe, expect, it } from "vitest";
import { ApiError, HindsightClient } from "./client.js";
import { CliError } from "./errors.js";

const TOKEN = "tok-secret-0123456789";

function fakeFetch(status: number, body: unknown, contentType = "application/json") {
  const calls: { url: string; init: RequestInit }[] = [];
  const impl = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const text = typeof body === "string" ? body : JSON.stringify(body);
    return new Response(text, { status, headers: { "content-type": contentType } });
  }) as typeof fetch;
  return { impl, calls };
}

async function failure(status: number, body: unknown, token: string | null = TOKEN): Promise<ApiError> {
  const client = new HindsightClient({ url: "http://kb.example", token, fetch: fakeFetch(status, body).impl });
  try {
    await client.search({ q: "x" });
  } catch (err) {
    return err as ApiError;
  }
  throw new Error("expected a failure");
}

const err = (code: string, message: string, fieldErrors?: Record<string, string[]>) => ({ error: { code, message, ...(fieldErrors ? { fieldErrors } : {}) } });

describe("error mapping", () => {
  it.each([
    [401, err("UNAUTHORIZED", "Not signed in"), TOKEN, /^the server refused the API token \(401\): .*check HINDSIGHT_TOKEN or --token$/],
    [401, err("UNAUTHORIZED", "Send Authorization: Bearer <token>"), null, /^the server needs an API token \(401\): set HINDSIGHT_TOKEN or pass --token$/],
    [403, err("FORBIDDEN", "You may only publish for teams you belong to"), TOKEN, /^not allowed \(403\): You may only publish for teams you belong to$/],
    [404, err("NOT_FOUND", "Entry not found"), TOKEN, /^not found \(404\): Entry not found$/],
    [404, err("NOT_FOUND", "No route GET /api/v1/search"), TOKEN, /^http:\/\/kb\.example has no GET \/api\/v1\/search \(404\): is --url pointing at a Hindsight server/],
    [
      400,
      err("BAD_REQUEST", "Invalid entries.0.title, limit", { "entries.0.title": ["title is required"], limit: ["Too big"] }),
      TOKEN,
      /^the server rejected the request \(400\): Invalid entries\.0\.title, limit\n {2}entries\.0\.title: title is required\n {2}limit: Too big$/,
    ],
    [409, err("CONFLICT", "Version moved on"), TOKEN, /^conflict \(409\): Version moved on$/],
    [413, err("BAD_REQUEST", "Request body is too large"), TOKEN, /^the request is too large for the server \(413\)/],
    [500, err("INTERNAL_SERVER_ERROR", "Something went wrong on our side"), TOKEN, /^the server failed \(500\): Something went wrong on our side$/],
    [502, "<html>Bad gateway</html>", TOKEN, /^the server failed \(502\)$/],
  ])("%i answers become a clear message", async (status, body, token, message) => {
    const e = await failure(status, body, token);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(status);
    expect(e.message).toMatch(message);
    expect(e.message).not.toContain(TOKEN);
  });

  it("keeps field errors for callers that point at a file", async () => {
    const e = await failure(400, err("BAD_REQUEST", "Invalid", { "entries.2.team": ["no team x"] }));
    expect(e.fieldErrors).toEqual({ "entries.2.team": ["no team x"] });
    expect(e.serverMessage).toBe("Invalid");
  });

  it("a server that cannot be reached is named, with the cause", async () => {
    const refused = (async () => {
      throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
    }) as typeof fetch;
    const client = new HindsightClient({ url: "http://127.0.0.1:1", token: TOKEN, fetch: refused });
    await expect(client.search({ q: "x" })).rejects.toThrow(/^cannot reach Hindsight at http:\/\/127\.0\.0\.1:1: ECONNREFUSED/);
  });

  it("an answer that is not Hindsight's says so", async () => {
    const client = new HindsightClient({ url: "http://kb.example", token: TOKEN, fetch: fakeFetch(200, "<html>hello</html>", "text/html").impl });
    const e = await client.search({ q: "x" }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CliError);
    expect((e as Error).message).toMatch(/unexpected answer from http:\/\/kb\.example to GET \/api\/v1\/search \(200, text\/html\): is --url pointing at a Hindsight server\?/);
  });
});

describe("requests", () => {
  it("sends the bearer token only when there is one, and the search filters as query parameters", async () => {
    const body = { hits: [], total: 0, totalIsEstimate: false, facets: {}, nextCursor: null, mode: "text" };
    const withToken = fakeFetch(200, body);
    await new HindsightClient({ url: "http://kb.example/", token: TOKEN, fetch: withToken.impl }).search({ q: "pool exhausted", kind: ["fix", "runbook"], limit: 5 });
    expect(withToken.calls[0]!.url).toBe("http://kb.example/api/v1/search?q=pool+exhausted&kind=fix%2Crunbook&limit=5");
    expect((withToken.calls[0]!.init.headers as Record<string, string>).authorization).toBe(`Bearer ${TOKEN}`);

    const anonymous = fakeFetch(200, body);
    await new HindsightClient({ url: "http://kb.example", token: null, fetch: anonymous.impl }).search({ q: "x" });
    expect((anonymous.calls[0]!.init.headers as Record<string, string>).authorization).toBeUndefined();
  });

  it("posts a batch of entries as {entries: [...]}", async () => {
    const answer = { created: 1, updated: 0, unchanged: 0, results: [{ id: "i", slug: "s", version: 1, externalKey: "a.md", outcome: "created" }] };
    const f = fakeFetch(200, answer);
    const res = await new HindsightClient({ url: "http://kb.example", token: TOKEN, fetch: f.impl }).upsertEntries([{ kind: "fix", title: "T", externalKey: "a.md" }]);
    expect(res.results[0]).toMatchObject({ outcome: "created", redactions: [], warnings: [] });
    expect(f.calls[0]!.init.method).toBe("POST");
    expect(JSON.parse(String(f.calls[0]!.init.body))).toEqual({ entries: [{ kind: "fix", title: "T", externalKey: "a.md" }] });
  });
});
