// Turns whatever a tRPC call threw into what the portal needs: a code to branch on, a sentence for
// the user, and per-field messages when the API rejected a form.
/**
 * A failed call to the API: the tRPC client's TRPCClientError, or the sign-in page's ApiCallError
 * (lib/auth-api.ts), which has the same name and `data`. Recognised by name rather than by class, so
 * this module, which the sign-in page uses too, does not bring the tRPC client with it.
 */
function isApiError(error: unknown): error is Error & { data?: unknown } {
  return error instanceof Error && error.name === "TRPCClientError";
}

function errorData(error: unknown): Record<string, unknown> | undefined {
  if (!isApiError(error)) return undefined;
  const data: unknown = error.data;
  return data && typeof data === "object" ? (data as Record<string, unknown>) : undefined;
}

/** The tRPC error code (`NOT_FOUND`, `UNAUTHORIZED`, …), or undefined for network and other errors. */
export function errorCode(error: unknown): string | undefined {
  const code = errorData(error)?.code;
  return typeof code === "string" ? code : undefined;
}

export const isUnauthorized = (error: unknown) => errorCode(error) === "UNAUTHORIZED";
export const isNotFound = (error: unknown) => errorCode(error) === "NOT_FOUND";

/** Errors worth retrying: the network and the server's own failures, never a refusal of the request. */
export function isRetryable(error: unknown): boolean {
  const status = errorData(error)?.httpStatus;
  return !(typeof status === "number" && status >= 400 && status < 500);
}

export function errorMessage(error: unknown): string {
  if (isApiError(error)) {
    if (!errorData(error)) return "Cannot reach the Hindsight server. Check your connection and try again.";
    if (errorCode(error) === "INTERNAL_SERVER_ERROR") return "Something went wrong on the server. Try again shortly.";
    return error.message;
  }
  return error instanceof Error ? error.message : "Something went wrong.";
}

/**
 * Field messages from a rejected input. The API's error formatter flattens zod errors; accept both
 * `data.zodError.fieldErrors` (the create-t3 convention) and `data.fieldErrors`.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  const data = errorData(error);
  const zodError = data?.zodError;
  const raw =
    (zodError && typeof zodError === "object" ? (zodError as Record<string, unknown>).fieldErrors : undefined) ??
    data?.fieldErrors;
  const out: Record<string, string> = {};
  if (!raw || typeof raw !== "object") return out;
  for (const [field, messages] of Object.entries(raw as Record<string, unknown>)) {
    const first = Array.isArray(messages) ? messages.find((m) => typeof m === "string") : undefined;
    if (typeof first === "string") out[field] = first;
  }
  return out;
}
