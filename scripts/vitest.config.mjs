// Repo-level infrastructure checks (Dockerfile, compose file, CI script, test
// summary). Not a workspace package: the root task //#test:infra runs them as part of
// `pnpm test`, with:
//   pnpm exec vitest run --config scripts/vitest.config.mjs --configLoader native
// (the native loader imports this file as is, instead of bundling it into
// scripts/node_modules/.vite-temp)
// and test-summary.mjs counts their report, test-results/infra.json.
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));

export default {
  // Keep vite's cache with the other dependencies, not in scripts/node_modules.
  cacheDir: fileURLToPath(new URL("../node_modules/.vite/infra", import.meta.url)),
  test: {
    root,
    include: ["*.test.mjs"],
    testTimeout: 60_000,
    reporters: ["default", "json"],
    outputFile: { json: fileURLToPath(new URL("../test-results/infra.json", import.meta.url)) },
  },
};
