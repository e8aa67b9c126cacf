// The bundle budget as a test: the home (search) page's initial JavaScript, measured on the built
// portal by scripts/bundle-size.mjs, stays within 200 kB gzipped. The portal's `test` task depends on
// `build`, so dist/ is there under turbo; a bare `vitest run` without a build skips (fails under CI).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DEFAULT_BUDGET_KB, formatTable, measureBundle } from "../../../scripts/bundle-size.mjs";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const built = existsSync(new URL("../dist/.vite/manifest.json", import.meta.url));
if (!built && process.env.CI === "true") {
  throw new Error(`no built portal at ${dist} (dist/.vite/manifest.json): CI must build before the bundle budget test`);
}

describe("bundle budget", () => {
  it(`keeps the home page's initial JS within ${DEFAULT_BUDGET_KB} kB gzipped`, (ctx) => {
    if (!built) ctx.skip(`the portal is not built at ${dist}; run \`pnpm --filter @hindsight/portal build\``);
    const result = measureBundle(dist);
    expect(result.chunks.length).toBeGreaterThan(0);
    expect(result.totalGzip, `\n${formatTable(result)}`).toBeLessThanOrEqual(DEFAULT_BUDGET_KB * 1000);
  });
});
