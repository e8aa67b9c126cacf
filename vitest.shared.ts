// Shared Vitest settings: every package also writes a JSON report that .ci/run sums up.
import { defineConfig } from "vitest/config";

export const sharedTestConfig = defineConfig({
  test: {
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "test/**/*.test.ts"],
  },
});
