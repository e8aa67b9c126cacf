// The portal's batched tRPC fetches: one request per tick and call type, each call's own answer or
// error (read by lib/errors.ts as the tRPC client's), and aborting that leaves the other calls alone.
import { describe, expect, it, vi } from "vitest";
import { errorCode, errorMessage, fieldErrors, isRetryable } from "./errors";
import { createTrpcFetch } from "./trpc-fetch";

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });

describe("createTrpcFetch", () => {
  it("sends the queries of one tick as one GET, and the mutations as one POST, each call getting its own answer", async () => {
    const fetch = vi.fn(async (input: RequestInfo | URL) => {
      const paths = new URL(String(input), "http://portal").pathname.split("/").at(-1)!.split(",");
      return json(paths.map((path) => ({ result: { data: `answer to ${path}` } })));
    });
    const client = createTrpcFetch({ url: "/trpc/", headers: { "x-hindsight-csrf": "1" }, fetch });
    const answers = await Promise.all([
      client.query("me.get", undefined),
      client.query("entries.get", { slug: "a" }),
      client.mutation("search.opened", { queryId: 1, entryId: "e" }),
    ]);
    expect(answers).toEqual(["answer to me.get", "answer to entries.get", "answer to search.opened"]);
    expect(fetch).toHaveBeenCalledTimes(2);
    const [getUrl, getInit] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(getUrl).toBe(`/trpc/me.get,entries.get?batch=1&input=${encodeURIComponent('{"1":{"slug":"a"}}')}`);
    expect(getInit).toMatchObject({ method: "GET", body: undefined, headers: { "x-hindsight-csrf": "1" } });
    const [postUrl, postInit] = fetch.mock.calls[1] as unknown as [string, RequestInit];
    expect(postUrl).toBe("/trpc/search.opened?batch=1");
    expect(postInit).toMatchObject({ method: "POST", headers: { "content-type": "application/json", "x-hindsight-csrf": "1" } });
    expect(JSON.parse(String(postInit.body))).toEqual({ 0: { queryId: 1, entryId: "e" } });
  });

  it("rejects only the refused call of a batch, with the server's code, message and field errors", async () => {
    const fetch = vi.fn(async () =>
      json(
        [
          { result: { data: 1 } },
          { error: { message: "Invalid input", code: -32600, data: { code: "BAD_REQUEST", httpStatus: 400, zodError: { fieldErrors: { title: ["Required"] } } } } },
        ],
        207,
      ),
    );
    const client = createTrpcFetch({ url: "/trpc", fetch });
    const [ok, refused] = await Promise.allSettled([client.query("a.b", 1), client.query("c.d", 2)]);
    expect(ok).toEqual({ status: "fulfilled", value: 1 });
    const error = (refused as PromiseRejectedResult).reason;
    expect(error).toMatchObject({ name: "TRPCClientError" });
    expect(errorCode(error)).toBe("BAD_REQUEST");
    expect(errorMessage(error)).toBe("Invalid input");
    expect(fieldErrors(error)).toEqual({ title: "Required" });
    expect(isRetryable(error)).toBe(false);
  });

  it("answers every call with a refusal of the whole request, and says the server cannot be reached without an answer", async () => {
    const refused = createTrpcFetch({
      url: "/trpc",
      fetch: async () => json({ error: { message: "Signed out", data: { code: "UNAUTHORIZED", httpStatus: 401 } } }, 401),
    });
    const errors = await Promise.all([refused.query("a.b", 1), refused.query("c.d", 2)].map((p) => p.catch((e: unknown) => e)));
    expect(errors.map(errorCode)).toEqual(["UNAUTHORIZED", "UNAUTHORIZED"]);

    const offline = createTrpcFetch({ url: "/trpc", fetch: async () => Promise.reject(new TypeError("Failed to fetch")) });
    const error = await offline.query("me.get", undefined).catch((e: unknown) => e);
    expect(errorMessage(error)).toMatch(/Cannot reach the Hindsight server/);
    expect(isRetryable(error)).toBe(true);

    const proxyPage = createTrpcFetch({ url: "/trpc", fetch: async () => new Response("<html>Bad gateway</html>", { status: 502 }) });
    expect(errorMessage(await proxyPage.query("me.get", undefined).catch((e: unknown) => e))).toMatch(/Cannot reach/);
  });

  it("rejects an aborted call at once, and aborts the request only when every call in it is aborted", async () => {
    let requestSignal: AbortSignal | undefined;
    let answer!: (response: Response) => void;
    const fetch = vi.fn((_input: RequestInfo | URL, init?: RequestInit) => {
      requestSignal = init?.signal ?? undefined;
      return new Promise<Response>((resolve) => (answer = resolve));
    });
    const client = createTrpcFetch({ url: "/trpc", fetch });
    const first = new AbortController();
    const second = new AbortController();
    const a = client.query("search.query", { q: "a" }, { signal: first.signal });
    const b = client.query("search.query", { q: "b" }, { signal: second.signal });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(fetch).toHaveBeenCalledTimes(1);
    first.abort();
    await expect(a).rejects.toMatchObject({ name: "TRPCClientError" });
    expect(requestSignal?.aborted).toBe(false);
    answer(json([{ result: { data: "a" } }, { result: { data: "b" } }]));
    await expect(b).resolves.toBe("b");

    const c = client.query("search.query", { q: "c" }, { signal: first.signal });
    await expect(c).rejects.toMatchObject({ name: "TRPCClientError" });
    const d = client.query("search.query", { q: "d" }, { signal: second.signal });
    await new Promise((resolve) => setTimeout(resolve, 5));
    second.abort();
    await expect(d).rejects.toMatchObject({ name: "TRPCClientError" });
    expect(requestSignal?.aborted).toBe(true);
  });

  it("never aborts a request with a call that has no signal", async () => {
    let requestSignal: AbortSignal | undefined;
    const client = createTrpcFetch({
      url: "/trpc",
      fetch: (_input, init) => {
        requestSignal = init?.signal ?? undefined;
        return new Promise(() => undefined);
      },
    });
    const controller = new AbortController();
    void client.query("a.b", 1, { signal: controller.signal }).catch(() => undefined);
    void client.query("c.d", 2);
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    expect(requestSignal?.aborted).toBe(false);
  });
});
