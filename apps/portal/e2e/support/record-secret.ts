// recordSecret for test files: appends to this run's registry of planted secrets (secrets.ts), found
// through the run directory global setup provides. A no-op when the suite is skipped.
import { inject } from "vitest";
import { recordSecretIn } from "./secrets.js";

export function recordSecret(kind: string, value: string | null | undefined): void {
  recordSecretIn(inject("e2eRunDir"), kind, value);
}
