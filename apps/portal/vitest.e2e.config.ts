// End-to-end tests: the real built API + portal (apps/api/dist/server.js on a fresh PGlite directory)
// driven through headless Debian Chromium with playwright-core. Run by turbo's `test:e2e` task after both
// builds. One file at a time (one server, one browser, a 2-core machine), no retries: a flaky step is a bug.
// The JSON report goes to test-results/e2e.json, next to the unit tests' vitest.json, where
// scripts/test-summary.mjs counts every *.json.
import { defineConfig } from "vitest/config";
import E2ESequencer from "./e2e/support/sequencer.js";

export default defineConfig({
  test: {
    environment: "node",
    include: ["e2e/**/*.e2e.ts"],
    globalSetup: ["e2e/support/global-setup.ts"],
    reporters: ["default", ["json", { outputFile: "test-results/e2e.json" }]],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    retry: 0,
    // `expect.poll` waits for what a page shows after navigating or typing. Its default of one second
    // is less than a page of this app takes to appear on a loaded 2-core machine (an entry page after
    // a client-side navigation, with its chunks and three API calls), which made whole steps fail on
    // timing alone; a condition that never holds still fails, ten seconds later.
    expect: { poll: { timeout: 10_000 } },
    // Test files run in alphabetical order on every machine (not vitest's cache- and size-based
    // order), and zz-logs.e2e.ts, which greps the server log for planted secrets, runs last.
    sequence: { shuffle: false, sequencer: E2ESequencer },
  },
});
