// Typed domain errors. Services throw these; the API maps them once to tRPC codes and HTTP statuses.
export type DomainErrorCode = "NOT_FOUND" | "CONFLICT" | "FORBIDDEN" | "INVALID" | "UNAUTHORIZED";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFound extends DomainError {
  constructor(what: string) {
    super("NOT_FOUND", `${what} not found`);
  }
}

export class Conflict extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super("CONFLICT", message, details);
  }
}

export class Forbidden extends DomainError {
  constructor(message = "You may not do this") {
    super("FORBIDDEN", message);
  }
}

export class Invalid extends DomainError {
  /** fieldErrors: field path -> messages, the same shape the API returns for schema errors. */
  constructor(message: string, readonly fieldErrors: Record<string, string[]> = {}) {
    super("INVALID", message, { fieldErrors });
  }
}

export class Unauthorized extends DomainError {
  constructor(message = "Sign in or send a valid bearer token") {
    super("UNAUTHORIZED", message);
  }
}
