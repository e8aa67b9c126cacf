// The CLI's error types and the one rule for exit codes: a UsageError (bad flags or arguments) is 2,
// anything else that stops a command is 1. Messages are for people: they name the problem, and never
// carry a stack trace or a credential.

/** The command line itself is wrong: unknown flag, bad value, missing argument. Exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The command could not do its job (server refused, file unreadable, …). Exit code 1. */
export class CliError extends Error {
  override name = "CliError";
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Replaces every occurrence of each secret in `text` (tokens must never reach a terminal or a CI log). */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    // Very short strings would mangle ordinary words; real tokens are long.
    if (s.length >= 4) out = out.split(s).join("[redacted]");
  }
  return out;
}
