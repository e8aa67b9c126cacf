// The sign-in page's fetches of tRPC's HTTP form: what they send, and that their errors read like the
// tRPC client's (lib/errors.ts) for the page to show.
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiCallError, authApi } from "./auth-api";
import { errorCode, errorMessage, fieldErrors, isRetryable } from "./errors";

function answer(status: number, body: unknown) {
  return vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } }));
}

afterEach(() => vi.unstubAllGlobals());

describe("authApi", () => {
  it("reads a query's data from GET /trpc/<path>, with the cookie and the CSRF header", async () => {
    const fetch = answer(200, { result: { data: { demo: true } } });
    vi.stubGlobal("fetch", fetch);
    await expect(authApi.options()).resolves.toEqual({ demo: true });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/trpc/auth.options");
    expect(init.method).toBeUndefined();
    expect(init.credentials).toBe("include");
    expect(init.headers).toMatchObject({ "x-hindsight-csrf": "1" });
  });

  it("posts a mutation's input as JSON", async () => {
    const fetch = answer(200, { result: { data: { ok: true } } });
    vi.stubGlobal("fetch", fetch);
    await authApi.signIn({ login: "ada", password: "correct horse battery" });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/trpc/auth.signIn");
    expect(init.method).toBe("POST");
    expect(init.headers).toMatchObject({ "content-type": "application/json", "x-hindsight-csrf": "1" });
    expect(JSON.parse(String(init.body))).toEqual({ login: "ada", password: "correct horse battery" });
  });

  it("throws the server's refusal with its code, message and field errors, as the portal reads them", async () => {
    vi.stubGlobal(
      "fetch",
      answer(400, {
        error: { message: "Invalid input", code: -32600, data: { code: "BAD_REQUEST", httpStatus: 400, fieldErrors: { handle: ["Taken"] } } },
      }),
    );
    const error = await authApi.signUp({ handle: "ada", name: "Ada", password: "correct horse battery" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(errorCode(error)).toBe("BAD_REQUEST");
    expect(errorMessage(error)).toBe("Invalid input");
    expect(fieldErrors(error)).toEqual({ handle: "Taken" });
    expect(isRetryable(error)).toBe(false);
  });

  it("says the server cannot be reached when there is no answer, or no JSON one", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    const offline = await authApi.me().catch((e: unknown) => e);
    expect(errorMessage(offline)).toMatch(/Cannot reach the Hindsight server/);
    expect(isRetryable(offline)).toBe(true);
    vi.stubGlobal("fetch", vi.fn(async () => new Response("<html>Bad gateway</html>", { status: 502 })));
    expect(errorMessage(await authApi.me().catch((e: unknown) => e))).toMatch(/Cannot reach the Hindsight server/);
  });
});
