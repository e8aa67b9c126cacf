// The error every call to the API rejects with, whichever way it was made (the signed-in portal's tRPC
// runtime, lib/trpc-fetch.ts, or the sign-in page's plain fetches, lib/auth-api.ts). Shaped as the tRPC
// client's TRPCClientError (its name, the error body's `data`), so lib/errors.ts reads it (message,
// code, field errors) like any other.

/** A failed call: `data` is the server's error data (code, httpStatus, fieldErrors), none when it was not reached. */
export class ApiCallError extends Error {
  override name = "TRPCClientError";
  readonly data: unknown;
  constructor(message: string, data?: unknown, cause?: unknown) {
    super(message, { cause });
    this.data = data;
  }
}

/** The error for a call that got no usable answer (no connection, an aborted request, a proxy's HTML page). */
export function unreachable(cause: unknown): ApiCallError {
  return new ApiCallError(cause instanceof Error ? cause.message : String(cause), undefined, cause);
}

/**
 * One procedure's answer in tRPC's JSON form: `{ result: { data } }`, or `{ error: { message, data } }`,
 * which becomes an ApiCallError; anything else (or a result with a failed HTTP status, `ok` false) too.
 */
export function resultOf<T>(body: unknown, status: number, ok = true): T {
  if (body && typeof body === "object" && "error" in body) {
    const error = (body as { error: { message?: unknown; data?: unknown } }).error;
    throw new ApiCallError(typeof error?.message === "string" ? error.message : "The request failed", error?.data);
  }
  if (!ok || !body || typeof body !== "object" || !("result" in body)) {
    throw new ApiCallError(`Unexpected answer from the server (HTTP ${status})`);
  }
  return (body as { result: { data: T } }).result?.data as T;
}
