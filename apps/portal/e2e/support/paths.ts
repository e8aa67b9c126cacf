// Where the e2e suite finds the built product, the shared corpus and its own output, resolved from
// this file so the suite runs the same from any working directory.
import { fileURLToPath } from "node:url";

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export const REPO_ROOT = here("../../../../");
export const API_SERVER = here("../../../api/dist/server.js");
export const PORTAL_DIST = here("../../dist/");
export const SCREENSHOTS_DIR = here("../screenshots/");
/** The shared corpus sits beside the repository: `../shared/corpus` from the repo root. */
export const CORPUS_DIR = here("../../../../../shared/corpus/");
