// The shared test corpus (../shared/corpus beside the repository root). Missing under CI=true is a
// failure; elsewhere the tests that need it skip with a message.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const CORPUS = fileURLToPath(new URL("../../../../../shared/corpus", import.meta.url));
export const corpusMissing = !existsSync(`${CORPUS}/README.md`);
if (corpusMissing && process.env.CI === "true") {
  throw new Error(`test corpus not found at ${CORPUS}: CI must provide ../shared/corpus beside the repository root`);
}
if (corpusMissing) console.warn(`skipping corpus tests: no corpus at ${CORPUS}`);
