#!/usr/bin/env node
/* global console */
// The portal's bundle budget: how much JavaScript the home (search) page downloads before it can run.
// Reads Vite's manifest (apps/portal/dist/.vite/manifest.json, `build.manifest: true`), takes the HTML
// entry's chunk plus every chunk it imports statically, transitively (dynamic imports, i.e. lazy pages,
// are not part of the first load), gzips each file at level 9 and sums them. Prints a table and the total;
// exits 1 when the total is over the budget.
//
// Usage: node scripts/bundle-size.mjs [--dist DIR] [--budget-kb N] [--json]
//   --dist       the built portal (default apps/portal/dist)
//   --budget-kb  the budget in kB of 1000 bytes, as Vite reports sizes (default 200)
//   --json       print the measurement as JSON instead of a table
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export const DEFAULT_BUDGET_KB = 200;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_DIST = join(ROOT, "apps/portal/dist");

/** The manifest key of the page entry: index.html when present, else the only entry. */
export function entryKey(manifest) {
  if (manifest["index.html"]?.isEntry) return "index.html";
  const entries = Object.keys(manifest).filter((k) => manifest[k]?.isEntry);
  if (entries.length !== 1) throw new Error(`expected one entry in the manifest, found ${entries.length}: ${entries.join(", ")}`);
  return entries[0];
}

/**
 * The JS files loaded up front for an entry: its own file and its static imports, transitively, in
 * discovery order. `dynamicImports` are deliberately not followed.
 */
export function initialFiles(manifest, key = entryKey(manifest)) {
  const seen = new Set();
  const files = [];
  const visit = (k) => {
    if (seen.has(k)) return;
    seen.add(k);
    const chunk = manifest[k];
    if (!chunk) throw new Error(`manifest has no chunk ${k}`);
    if (chunk.file.endsWith(".js") || chunk.file.endsWith(".mjs")) files.push(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(key);
  return files;
}

export function gzipSize(buffer) {
  return gzipSync(buffer, { level: 9 }).length;
}

/** Measures the built portal in `dist`; throws with a clear message when it is not built. */
export function measureBundle(dist = DEFAULT_DIST) {
  const manifestPath = join(dist, ".vite/manifest.json");
  if (!existsSync(manifestPath)) {
    throw new Error(`no Vite manifest at ${manifestPath}: build the portal first (pnpm --filter @hindsight/portal build)`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  const chunks = initialFiles(manifest).map((file) => {
    const bytes = readFileSync(join(dist, file));
    return { file, bytes: bytes.length, gzip: gzipSize(bytes) };
  });
  return {
    entry: entryKey(manifest),
    chunks,
    totalBytes: chunks.reduce((n, c) => n + c.bytes, 0),
    totalGzip: chunks.reduce((n, c) => n + c.gzip, 0),
  };
}

const kb = (n) => `${(n / 1000).toFixed(2)} kB`;

export function formatTable(result, budgetKb = DEFAULT_BUDGET_KB) {
  const width = Math.max(5, ...result.chunks.map((c) => c.file.length));
  const row = (a, b, c) => `${a.padEnd(width)}  ${b.padStart(12)}  ${c.padStart(12)}`;
  const lines = [
    `initial JS of the portal home page (entry ${result.entry}; static imports, transitively)`,
    row("chunk", "raw", "gzip -9"),
    ...result.chunks.map((c) => row(c.file, kb(c.bytes), kb(c.gzip))),
    row("total", kb(result.totalBytes), kb(result.totalGzip)),
    `budget ${budgetKb} kB gzipped: ${result.totalGzip <= budgetKb * 1000 ? "within" : "OVER"} (${kb(result.totalGzip)})`,
  ];
  return lines.join("\n");
}

function parseArgs(argv) {
  const opts = { dist: DEFAULT_DIST, budgetKb: DEFAULT_BUDGET_KB, json: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i];
    if (flag === "--dist") opts.dist = resolve(value());
    else if (flag === "--budget-kb") {
      opts.budgetKb = Number(value());
      if (!Number.isFinite(opts.budgetKb) || opts.budgetKb <= 0) throw new Error("--budget-kb needs a positive number");
    } else if (flag === "--json") opts.json = true;
    else if (flag === "-h" || flag === "--help") {
      console.log("usage: node scripts/bundle-size.mjs [--dist DIR] [--budget-kb N] [--json]");
      process.exit(0);
    } else throw new Error(`unknown argument: ${argv[i]}`);
  }
  return opts;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const opts = parseArgs(process.argv.slice(2));
    const result = measureBundle(opts.dist);
    const over = result.totalGzip > opts.budgetKb * 1000;
    console.log(opts.json ? JSON.stringify({ ...result, budgetKb: opts.budgetKb, over }, null, 2) : formatTable(result, opts.budgetKb));
    process.exitCode = over ? 1 : 0;
  } catch (err) {
    console.error(`bundle-size: ${err.message}`);
    process.exitCode = 2;
  }
}
