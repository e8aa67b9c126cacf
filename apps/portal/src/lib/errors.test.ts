import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { errorCode, errorMessage, fieldErrors, isNotFound, isRetryable, isUnauthorized } from "./errors";

/** An error as the client builds it from a tRPC error response. */
function serverError(code: string, httpStatus: number, message: string, extra: Record<string, unknown> = {}) {
  return TRPCClientError.from({ error: { code: -32000, message, data: { code, httpStatus, ...extra } } });
}
const networkError = TRPCClientError.from(new TypeError("Failed to fetch"));

describe("tRPC error helpers", () => {
  it("reads the tRPC code", () => {
    expect(errorCode(serverError("NOT_FOUND", 404, "Entry not found"))).toBe("NOT_FOUND");
    expect(isNotFound(serverError("NOT_FOUND", 404, "Entry not found"))).toBe(true);
    expect(isUnauthorized(serverError("UNAUTHORIZED", 401, "Sign in first"))).toBe(true);
    expect(errorCode(networkError)).toBeUndefined();
    expect(errorCode(new Error("plain"))).toBeUndefined();
  });

  it("retries network and server failures, never refusals", () => {
    expect(isRetryable(networkError)).toBe(true);
    expect(isRetryable(serverError("INTERNAL_SERVER_ERROR", 500, "boom"))).toBe(true);
    expect(isRetryable(serverError("NOT_FOUND", 404, "gone"))).toBe(false);
    expect(isRetryable(serverError("UNAUTHORIZED", 401, "who"))).toBe(false);
    expect(isRetryable(serverError("CONFLICT", 409, "stale"))).toBe(false);
  });

  it("gives the user a sentence, never internals", () => {
    expect(errorMessage(serverError("CONFLICT", 409, "Handle is taken"))).toBe("Handle is taken");
    expect(errorMessage(serverError("INTERNAL_SERVER_ERROR", 500, "relation \"entries\" does not exist"))).toMatch(
      /went wrong on the server/,
    );
    expect(errorMessage(networkError)).toMatch(/Cannot reach/);
  });

  it("maps field errors from either formatter convention", () => {
    const flat = serverError("BAD_REQUEST", 400, "Invalid input", { fieldErrors: { handle: ["handle is taken"] } });
    const t3 = serverError("BAD_REQUEST", 400, "Invalid input", { zodError: { fieldErrors: { name: ["name is required"] } } });
    expect(fieldErrors(flat)).toEqual({ handle: "handle is taken" });
    expect(fieldErrors(t3)).toEqual({ name: "name is required" });
    expect(fieldErrors(serverError("BAD_REQUEST", 400, "x", { fieldErrors: null }))).toEqual({});
    expect(fieldErrors(networkError)).toEqual({});
  });
});
