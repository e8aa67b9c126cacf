// Tests for scripts/test-summary.mjs against fabricated workspaces in a temp dir,
// plus one real vitest JSON report so the field meanings are checked, not assumed.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const script = join(here, "test-summary.mjs");
const repoRoot = join(here, "..");
const temps = [];

afterEach(() => {
  while (temps.length) rmSync(temps.pop(), { recursive: true, force: true });
});

function write(file, content) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
}

function report({ passed = 0, failed = 0, pending = 0, todo = 0, success, testResults = [] } = {}) {
  return {
    numTotalTestSuites: 1,
    numPassedTestSuites: failed ? 0 : 1,
    numFailedTestSuites: failed ? 1 : 0,
    numPendingTestSuites: 0,
    numTotalTests: passed + failed + pending + todo,
    numPassedTests: passed,
    numFailedTests: failed,
    numPendingTests: pending,
    numTodoTests: todo,
    startTime: Date.now(),
    success: success ?? failed === 0,
    testResults,
  };
}

// A workspace: { "packages/db": { test: true, reports: { "vitest.json": {...} } }, ... }
function workspace(packages, rootReports = {}) {
  const root = mkdtempSync(join(tmpdir(), "test-summary-"));
  temps.push(root);
  write(join(root, "package.json"), { name: "fake-root", private: true });
  write(join(root, "pnpm-workspace.yaml"), "packages:\n  - apps/*\n  - 'packages/*'\nonlyBuiltDependencies:\n  - esbuild\n");
  for (const [dir, spec] of Object.entries(packages)) {
    const scripts = spec.test ? { test: "vitest run" } : { build: "tsc" };
    write(join(root, dir, "package.json"), { name: `@fake/${dir.split("/").pop()}`, scripts });
    for (const [file, content] of Object.entries(spec.reports ?? {})) {
      write(join(root, dir, "test-results", file), content);
    }
  }
  for (const [file, content] of Object.entries(rootReports)) write(join(root, "test-results", file), content);
  return root;
}

function run(args, env = {}) {
  const res = spawnSync(process.execPath, [script, ...args], {
    encoding: "utf8",
    env: { ...process.env, TEST_SUMMARY_ROOT: "", ...env },
  });
  const lines = res.stdout.trimEnd().split("\n");
  return { code: res.status, out: res.stdout, err: res.stderr, last: lines[lines.length - 1] };
}

describe("test-summary.mjs", () => {
  it("sums every package report and the repo-level reports", () => {
    const root = workspace(
      {
        "apps/api": { test: true, reports: { "vitest.json": report({ passed: 10, pending: 1 }) } },
        "apps/portal": { test: true, reports: { "vitest.json": report({ passed: 2, todo: 2 }), "e2e.json": report({ passed: 3 }) } },
        "packages/domain": { test: true, reports: { "vitest.json": report({ passed: 40 }) } },
        "packages/db": { test: false },
      },
      { "infra.json": report({ passed: 1 }) },
    );
    const r = run(["--root", root]);
    expect(r.code).toBe(0);
    expect(r.last).toBe("56 passed, 0 failed, 3 skipped");
    expect(r.out).toContain("@fake/api");
    expect(r.out).toContain("(repo) infra");
    expect(r.out).toContain("apps/portal/test-results/e2e.json");
  });

  it("fails when a test failed", () => {
    const root = workspace({
      "apps/api": { test: true, reports: { "vitest.json": report({ passed: 3, failed: 2 }) } },
      "packages/domain": { test: true, reports: { "vitest.json": report({ passed: 1 }) } },
    });
    const r = run(["--root", root]);
    expect(r.code).toBe(1);
    expect(r.last).toBe("4 passed, 2 failed, 0 skipped");
    expect(r.out).toMatch(/FAIL @fake\/api/);
  });

  it("fails, and counts a failure, when a package with a test script left no report", () => {
    const root = workspace({
      "apps/api": { test: true, reports: { "vitest.json": report({ passed: 3 }) } },
      "packages/search": { test: true },
      "packages/db": { test: false },
    });
    const r = run(["--root", root]);
    expect(r.code).toBe(1);
    expect(r.last).toBe("3 passed, 1 failed, 0 skipped");
    expect(r.out).toContain("@fake/search: no test report");
    expect(r.out).not.toContain("@fake/db");
  });

  it("counts a test file that failed outside any test (e.g. an import error)", () => {
    const broken = { status: "failed", message: "Cannot find module", assertionResults: [] };
    const fine = { status: "passed", assertionResults: [{ status: "passed" }] };
    const root = workspace({
      "packages/db": {
        test: true,
        reports: { "vitest.json": { ...report({ passed: 1 }), success: false, numFailedTestSuites: 1, testResults: [fine, broken] } },
      },
    });
    const r = run(["--root", root]);
    expect(r.code).toBe(1);
    expect(r.last).toBe("1 passed, 1 failed, 0 skipped");
  });

  it("counts success=false with nothing else failed as one failure", () => {
    const root = workspace({ "packages/db": { test: true, reports: { "vitest.json": report({ success: false }) } } });
    const r = run(["--root", root]);
    expect(r.code).toBe(1);
    expect(r.last).toBe("0 passed, 1 failed, 0 skipped");
  });

  it("fails on an unreadable report and ignores JSON that is not a vitest report", () => {
    const root = workspace({
      "apps/api": { test: true, reports: { "vitest.json": "{not json" } },
      "apps/portal": { test: true, reports: { "vitest.json": report({ passed: 1 }), ".last-run.json": { status: "passed" } } },
    });
    const r = run(["--root", root]);
    expect(r.code).toBe(1);
    expect(r.last).toBe("1 passed, 1 failed, 0 skipped");
    expect(r.out).toContain("not a vitest report, ignored");
  });

  it("takes the root from TEST_SUMMARY_ROOT as well as --root", () => {
    const root = workspace({ "packages/domain": { test: true, reports: { "vitest.json": report({ passed: 7 }) } } });
    const r = run([], { TEST_SUMMARY_ROOT: root });
    expect(r.code).toBe(0);
    expect(r.last).toBe("7 passed, 0 failed, 0 skipped");
    expect(run([`--root=${root}`]).last).toBe("7 passed, 0 failed, 0 skipped");
  });

  it("rejects an unknown argument with a failing summary line", () => {
    const r = run(["--bogus"]);
    expect(r.code).toBe(1);
    expect(r.last).toBe("0 passed, 1 failed, 0 skipped");
  });

  it("reads a real vitest json report the same way vitest counts it", () => {
    const root = workspace({ "packages/fake": { test: true } });
    const pkg = join(root, "packages/fake");
    write(
      join(pkg, "sample.test.mjs"),
      [
        'import { it } from "vitest";',
        'it("passes", () => {});',
        'it("passes too", () => {});',
        'it.skip("skipped", () => {});',
        'it.todo("todo");',
        'it("fails", () => { throw new Error("boom"); });',
      ].join("\n"),
    );
    write(join(pkg, "broken.test.mjs"), 'import "./missing-module.mjs";\n');
    const vitest = spawnSync(
      process.execPath,
      [join(repoRoot, "node_modules/vitest/vitest.mjs"), "run", "--root", pkg,
        "--reporter=json", "--outputFile=test-results/vitest.json"],
      { encoding: "utf8", cwd: pkg, env: { ...process.env, CI: "true" } },
    );
    expect(vitest.status).toBe(1);
    const r = run(["--root", root]);
    expect(r.code).toBe(1);
    // 2 passed; 1 failed test + 1 file that failed to import; skip + todo skipped.
    expect(r.last).toBe("2 passed, 2 failed, 2 skipped");
  });
});
