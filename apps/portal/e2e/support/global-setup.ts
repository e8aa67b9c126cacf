// Vitest globalSetup for the e2e suite: one real server for every e2e file (a fresh data directory per
// run), handed to the test files through `provide`/`inject`; stopped when the run ends, pass or fail.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { browserSkipReason, browserVersion } from "./browser.js";
import { recordSecretIn } from "./secrets.js";
import { startServer } from "./server.js";

declare module "vitest" {
  export interface ProvidedContext {
    e2eBaseUrl: string;
    e2eAdminToken: string;
    /** This run's directory: every server's log and the registry of planted secrets (secrets.ts). */
    e2eRunDir: string;
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
    project.provide("e2eRunDir", "");
    return async () => undefined;
  }
  // The Chromium that apt serves changes between machines; every run says which one it drove, so a
  // failure can be matched to a build.
  console.log(`[e2e] browser: ${await browserVersion()}`);
  const runDir = mkdtempSync(join(tmpdir(), "hindsight-e2e-run-"));
  const server = await startServer({ logDir: runDir, name: "shared" });
  recordSecretIn(runDir, "admin token (HINDSIGHT_ADMIN_TOKEN)", server.adminToken);
  project.provide("e2eRunDir", runDir);
  project.provide("e2eSkipReason", "");
  project.provide("e2eBaseUrl", server.baseUrl);
  project.provide("e2eAdminToken", server.adminToken);
  console.log(`[e2e] product running at ${server.baseUrl} (PGlite in ${server.dataDir})`);
  return async () => {
    await server.stop();
    rmSync(runDir, { recursive: true, force: true });
  };
}
