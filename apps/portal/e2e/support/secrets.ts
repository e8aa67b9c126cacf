// The registry of every secret the e2e suite plants or is handed (API tokens created, session cookies,
// passwords typed, signing and client secrets, one-time link tokens, secrets planted in content), so
// zz-logs.e2e.ts can grep the servers' logs for each of them at the end of the run. Test files run in
// separate workers, so the registry is a file in the run's directory (global-setup.ts provides it as
// `e2eRunDir`): one JSON line per secret, appended as it appears. Test files record through
// record-secret.ts; this module stays free of vitest's runtime so global setup can use it too.
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface PlantedSecret {
  /** What it is ("api token", "session cookie", …), for the failure message; never the value. */
  kind: string;
  value: string;
}

const REGISTRY = "secrets.jsonl";

/** Appends to the registry of the run in `runDir` (global setup, which cannot `inject`, passes it). */
export function recordSecretIn(runDir: string, kind: string, value: string | null | undefined): void {
  // Short values ("1", "true") would match anywhere and prove nothing.
  if (!runDir || !value || value.length < 8) return;
  appendFileSync(join(runDir, REGISTRY), `${JSON.stringify({ kind, value } satisfies PlantedSecret)}\n`);
}

export function plantedSecrets(runDir: string): PlantedSecret[] {
  const path = join(runDir, REGISTRY);
  if (!existsSync(path)) return [];
  const seen = new Set<string>();
  return readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as PlantedSecret)
    .filter((s) => (seen.has(s.value) ? false : (seen.add(s.value), true)));
}
