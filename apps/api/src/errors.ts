// The one mapping from domain errors to tRPC codes and HTTP statuses, and the JSON error shape of REST.
import { DomainError, type DomainErrorCode } from "@hindsight/domain";
import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";

export const TRPC_CODE: Record<DomainErrorCode, TRPCError["code"]> = {
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  FORBIDDEN: "FORBIDDEN",
  INVALID: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
};

export const HTTP_STATUS: Record<DomainErrorCode, number> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  FORBIDDEN: 403,
  INVALID: 400,
  UNAUTHORIZED: 401,
};

/** zod issues as `{ "entries.3.title": ["title is required"] }`. */
export function fieldErrorsOf(err: ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of err.issues) {
    const key = issue.path.length ? issue.path.join(".") : "body";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function toTRPCError(err: unknown): TRPCError {
  if (err instanceof TRPCError) return err;
  if (err instanceof DomainError) return new TRPCError({ code: TRPC_CODE[err.code], message: err.message, cause: err });
  if (err instanceof ZodError) return new TRPCError({ code: "BAD_REQUEST", message: "Invalid input", cause: err });
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Something went wrong on our side", cause: err as Error });
}

export interface RestError {
  status: number;
  body: { error: { code: string; message: string; fieldErrors?: Record<string, string[]>; details?: Record<string, unknown> } };
}

export function toRestError(err: unknown): RestError {
  if (err instanceof ZodError) {
    const fieldErrors = fieldErrorsOf(err);
    return {
      status: 400,
      body: { error: { code: "BAD_REQUEST", message: `Invalid ${Object.keys(fieldErrors).join(", ")}`, fieldErrors } },
    };
  }
  if (err instanceof DomainError) {
    const { fieldErrors, ...details } = (err.details ?? {}) as { fieldErrors?: Record<string, string[]> };
    return {
      status: HTTP_STATUS[err.code],
      body: {
        error: {
          code: TRPC_CODE[err.code],
          message: err.message,
          ...(fieldErrors ? { fieldErrors } : {}),
          ...(Object.keys(details).length ? { details } : {}),
        },
      },
    };
  }
  return { status: 500, body: { error: { code: "INTERNAL_SERVER_ERROR", message: "Something went wrong on our side" } } };
}
