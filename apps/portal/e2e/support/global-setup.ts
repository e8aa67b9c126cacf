// Vitest globalSetup for the e2e suite: one real server for every e2e file (a fresh data directory per
// run), handed to the test files through `provide`/`inject`; stopped when the run ends, pass or fail.
import type { TestProject } from "vitest/node";
import { browserSkipReason } from "./browser.js";
import { startServer } from "./server.js";

declare module "vitest" {
  export interface ProvidedContext {
    e2eBaseUrl: string;
    e2eAdminToken: string;
    /** Set when the suite cannot run here (no browser outside CI); every e2e test then skips with it. */
    e2eSkipReason: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const skip = browserSkipReason();
  if (skip) {
    console.warn(`\n[e2e] skipping the browser suite: ${skip}\n`);
    project.provide("e2eSkipReason", skip);
    project.provide("e2eBaseUrl", "");
    project.provide("e2eAdminToken", "");
    return async () => undefined;
  }
  const server = await startServer();
  project.provide("e2eSkipReason", "");
  project.provide("e2eBaseUrl", server.baseUrl);
  project.provide("e2eAdminToken", server.adminToken);
  console.log(`[e2e] product running at ${server.baseUrl} (PGlite in ${server.dataDir})`);
  return async () => {
    await server.stop();
  };
}
