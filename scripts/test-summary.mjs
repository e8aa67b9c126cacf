#!/usr/bin/env node
// Sums the vitest JSON reports of every workspace package (and of repo-level
// checks) into one closing line, `N passed, N failed, N skipped`, which CI reads.
//
// Where reports are looked for (all relative to the repo root):
//   <package>/test-results/*.json   for every workspace package (apps/*, packages/*, …
//                                   as listed in pnpm-workspace.yaml)
//   test-results/*.json             repo-level checks, e.g. infra.json from .ci/run
// Only files shaped like vitest's json reporter output (numeric numTotalTests) count;
// anything else there is named and ignored.
//
// Exit code 1 when any test failed, a report says success=false (e.g. a test file
// that failed to load), a report is unreadable, or a package with a `test` script
// left no report at all. Each of those problems also counts in "N failed", so the
// closing line never reads green while the exit code says red.
//
// Usage: node scripts/test-summary.mjs [--root DIR]   (or TEST_SUMMARY_ROOT=DIR)
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

function parseArgs(argv) {
  let root = process.env.TEST_SUMMARY_ROOT || undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--root") {
      root = argv[++i];
      if (!root) throw new Error("--root needs a directory");
    } else if (arg.startsWith("--root=")) {
      root = arg.slice("--root=".length);
    } else if (arg === "-h" || arg === "--help") {
      console.log("usage: node scripts/test-summary.mjs [--root DIR]");
      process.exit(0);
    } else {
      throw new Error(`unknown argument: ${arg}`);
    }
  }
  return resolve(root ?? join(dirname(fileURLToPath(import.meta.url)), ".."));
}

function readJson(file) {
  return JSON.parse(readFileSync(file, "utf8"));
}

// pnpm-workspace.yaml's `packages:` list, read without a YAML dependency: the
// workspace globs here are only ever `dir/*` or a plain `dir`.
function workspaceGlobs(root) {
  const file = join(root, "pnpm-workspace.yaml");
  if (!existsSync(file)) return ["apps/*", "packages/*"];
  const globs = [];
  let inPackages = false;
  for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
    if (/^packages\s*:/.test(line)) {
      inPackages = true;
      continue;
    }
    if (inPackages) {
      const item = line.match(/^\s+-\s*['"]?([^'"#]+?)['"]?\s*(#.*)?$/);
      if (item) globs.push(item[1]);
      else if (/^\S/.test(line)) inPackages = false;
    }
  }
  return globs.length ? globs : ["apps/*", "packages/*"];
}

function workspacePackages(root) {
  const dirs = new Set();
  for (const glob of workspaceGlobs(root)) {
    if (glob.startsWith("!")) continue;
    if (glob.endsWith("/*")) {
      const parent = join(root, glob.slice(0, -2));
      if (!existsSync(parent)) continue;
      for (const name of readdirSync(parent).sort()) {
        const dir = join(parent, name);
        if (statSync(dir).isDirectory() && existsSync(join(dir, "package.json"))) dirs.add(dir);
      }
    } else if (existsSync(join(root, glob, "package.json"))) {
      dirs.add(join(root, glob));
    }
  }
  return [...dirs].map((dir) => {
    let pkg = {};
    try {
      pkg = readJson(join(dir, "package.json"));
    } catch {
      // A broken package.json is someone else's failure; still look for reports.
    }
    return {
      dir,
      name: pkg.name ?? relative(root, dir),
      hasTestScript: typeof pkg.scripts?.test === "string",
    };
  });
}

const num = (v) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

// One report -> counts. A test file that failed without a failed test in it (it
// threw on import, a hook failed) counts as one failure, and so does a report
// that says success=false with nothing else failed (e.g. no test files found).
function countReport(report) {
  const passed = num(report.numPassedTests);
  let failed = num(report.numFailedTests);
  const skipped = num(report.numPendingTests) + num(report.numTodoTests);
  const notes = [];
  const brokenFiles = (Array.isArray(report.testResults) ? report.testResults : []).filter(
    (file) =>
      file?.status === "failed" &&
      !(Array.isArray(file.assertionResults) && file.assertionResults.some((a) => a?.status === "failed")),
  );
  if (brokenFiles.length) {
    failed += brokenFiles.length;
    notes.push(`${brokenFiles.length} test file(s) failed outside any test`);
  }
  if (report.success === false && failed === 0) {
    failed = 1;
    notes.push("report says success=false");
  }
  return { passed, failed, skipped, note: notes.length ? ` (${notes.join("; ")})` : "" };
}

function reportFiles(dir) {
  const resultsDir = join(dir, "test-results");
  if (!existsSync(resultsDir)) return [];
  return readdirSync(resultsDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => join(resultsDir, f));
}

function main() {
  const root = parseArgs(process.argv.slice(2));
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const problems = [];
  const lines = [];

  const add = (label, file) => {
    let report;
    try {
      report = readJson(file);
    } catch (err) {
      totals.failed += 1;
      problems.push(`${label}: unreadable report ${relative(root, file)}: ${err.message}`);
      lines.push(`FAIL ${label} [${relative(root, file)}]: unreadable JSON`);
      return true;
    }
    if (!report || typeof report !== "object" || typeof report.numTotalTests !== "number") {
      lines.push(`note ${label} [${relative(root, file)}]: not a vitest report, ignored`);
      return false;
    }
    const c = countReport(report);
    totals.passed += c.passed;
    totals.failed += c.failed;
    totals.skipped += c.skipped;
    if (c.failed > 0) problems.push(`${label}: ${c.failed} failed${c.note}`);
    const status = c.failed > 0 ? "FAIL" : "ok  ";
    lines.push(
      `${status} ${label} [${relative(root, file)}]: ${c.passed} passed / ${c.failed} failed / ${c.skipped} skipped${c.note}`,
    );
    return true;
  };

  for (const pkg of workspacePackages(root)) {
    const counted = reportFiles(pkg.dir).map((f) => add(pkg.name, f)).filter(Boolean).length;
    if (counted === 0 && pkg.hasTestScript) {
      totals.failed += 1;
      problems.push(`${pkg.name}: has a test script but left no report in ${relative(root, join(pkg.dir, "test-results"))}/`);
      lines.push(`FAIL ${pkg.name}: no test report (did its tests run?)`);
    }
  }
  for (const f of reportFiles(root)) add(`(repo) ${f.split(/[\\/]/).pop().replace(/\.json$/, "")}`, f);

  console.log(`test summary for ${root}`);
  for (const line of lines) console.log(`  ${line}`);
  if (problems.length) {
    console.log("problems:");
    for (const p of problems) console.log(`  - ${p}`);
  }
  // Must stay the very last line: CI reads it.
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  return problems.length > 0 || totals.failed > 0 ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (err) {
  console.error(`test-summary: ${err.message}`);
  console.log("0 passed, 1 failed, 0 skipped");
  process.exitCode = 1;
}
