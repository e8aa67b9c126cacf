#!/usr/bin/env node
/* global console */
// The portal's bundle budget: what each measured page (sign-in, home/search, an entry) downloads on a
// person's first visit, gzipped. Read from Vite's manifest (apps/portal/dist/.vite/manifest.json,
// `build.manifest: true`) and the built index.html:
//   - the HTML document itself and the classic scripts it loads (zod-without-eval.js);
//   - the entry chunk and every chunk it imports statically, transitively (index.html modulepreloads them);
//   - the lazy modules that page's first visit loads (its route's `lazy()` import, and what every page
//     loads once mounted, e.g. the toast container), each with its own static imports, transitively:
//     Vite's preload helper fetches exactly those along with a dynamic import;
//   - the CSS of every chunk above (the manifest's `css`), which the page needs before it looks right.
// Other dynamic imports (other pages, the command palette, dialogs) are not part of a first visit.
// Which lazy modules a page loads is declared in PAGES below; the browser suite (apps/portal/e2e
// first-download.e2e.ts) visits each page and checks that the files it fetched are exactly these.
// Each file is gzipped at level 9 and summed; exits 1 when a page is over the budget.
//
// Usage: node scripts/bundle-size.mjs [--dist DIR] [--budget-kb N] [--json]
//   --dist       the built portal (default apps/portal/dist)
//   --budget-kb  the per-page budget in kB of 1000 bytes, as Vite reports sizes (default 150)
//   --json       print the measurement as JSON instead of tables
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export const DEFAULT_BUDGET_KB = 150;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_DIST = join(ROOT, "apps/portal/dist");

/** Lazy modules every page loads once the app has mounted (manifest keys, i.e. source paths). */
export const EVERY_PAGE_LAZY = [];

/** The signed-in shell (header, navigation), loaded lazily once there is a session. */
const SHELL = "src/components/app-layout.tsx";

/**
 * What every signed-in page loads before the shell: the data root (TanStack Query, the tRPC client)
 * and, from the same module, the session check. The sign-in page loads neither.
 */
const SIGNED_IN = ["src/components/data-root.tsx"];

/**
 * The measured pages: where a person lands and the lazy modules (manifest keys) that first visit loads
 * beside EVERY_PAGE_LAZY. The home page is the search page.
 */
export const PAGES = [
  { name: "sign-in", path: "/sign-in", lazy: ["src/pages/sign-in-page.tsx"] },
  { name: "home", path: "/", lazy: [...SIGNED_IN, SHELL, "src/pages/search-page.tsx"] },
  { name: "entry", path: "/entries/:slug", lazy: [...SIGNED_IN, SHELL, "src/pages/entry-page.tsx"] },
];

/**
 * Lazy modules a page loads only for some content, after its first render: code highlighting once a
 * markdown body has fenced code in a named language (lowlight, then one chunk per grammar). They are
 * not in PAGES' figures; the table names their size, and the browser suite allows them beside the
 * counted files.
 */
export const CONTENT_LAZY = [/^src\/components\/markdown-lowlight\.ts$/, /highlight\.js\/es\/languages\/[^/]+\.js$/];

/** The files CONTENT_LAZY may load (each module's chunk and static imports), by manifest key. */
export function contentLazyFiles(manifest) {
  const keys = Object.keys(manifest).filter((k) => CONTENT_LAZY.some((re) => re.test(k)));
  return new Map(keys.map((k) => [k, staticClosure(manifest, [k])]));
}

/** The manifest key of the page entry: index.html when present, else the only entry. */
export function entryKey(manifest) {
  if (manifest["index.html"]?.isEntry) return "index.html";
  const entries = Object.keys(manifest).filter((k) => manifest[k]?.isEntry);
  if (entries.length !== 1) throw new Error(`expected one entry in the manifest, found ${entries.length}: ${entries.join(", ")}`);
  return entries[0];
}

/**
 * The JS and CSS files loaded for the chunks `keys`: each chunk's own file, its CSS and its static
 * imports, transitively, in discovery order, each file once. `dynamicImports` are deliberately not
 * followed.
 */
export function staticClosure(manifest, keys) {
  const seen = new Set();
  const files = [];
  const add = (file) => {
    if (!files.includes(file)) files.push(file);
  };
  const visit = (k) => {
    if (seen.has(k)) return;
    seen.add(k);
    const chunk = manifest[k];
    if (!chunk) throw new Error(`manifest has no chunk ${k}`);
    if (/\.m?js$/.test(chunk.file)) add(chunk.file);
    for (const css of chunk.css ?? []) add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const k of keys) visit(k);
  return files;
}

/** The entry's JS files loaded up front (no CSS): the entry chunk and its static imports, transitively. */
export function initialFiles(manifest, key = entryKey(manifest)) {
  return staticClosure(manifest, [key]).filter((f) => !f.endsWith(".css"));
}

/** The asset files (JS and CSS) a first visit of `page` loads: the entry's closure, then each lazy module's. */
export function pageFiles(manifest, page, everyPage = EVERY_PAGE_LAZY) {
  const lazy = [...everyPage, ...page.lazy];
  for (const k of lazy) {
    if (!manifest[k]) throw new Error(`page ${page.name}: the manifest has no lazy module ${k} (renamed, or no longer lazy?)`);
    if (!manifest[k].isDynamicEntry) throw new Error(`page ${page.name}: ${k} is not loaded lazily (no isDynamicEntry in the manifest)`);
  }
  return staticClosure(manifest, [entryKey(manifest), ...lazy]);
}

/** The classic (non-module) scripts index.html loads from the site itself, e.g. /zod-without-eval.js. */
export function htmlScripts(html) {
  return [...html.matchAll(/<script\b(?![^>]*type="module")[^>]*\bsrc="\/([^"]+)"/g)].map((m) => m[1]);
}

export function gzipSize(buffer) {
  return gzipSync(buffer, { level: 9 }).length;
}

const kindOf = (file) => (file.endsWith(".css") ? "css" : file.endsWith(".html") ? "html" : "js");

/** Measures every page of `pages` in the built portal at `dist`; throws with a clear message when it is not built. */
export function measurePages(dist = DEFAULT_DIST, pages = PAGES) {
  const manifestPath = join(dist, ".vite/manifest.json");
  if (!existsSync(manifestPath)) {
    throw new Error(`no Vite manifest at ${manifestPath}: build the portal first (pnpm --filter @hindsight/portal build)`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const sizes = new Map();
  const measure = (file) => {
    if (!sizes.has(file)) {
      const bytes = readFileSync(join(dist, file));
      sizes.set(file, { file, kind: kindOf(file), bytes: bytes.length, gzip: gzipSize(bytes) });
    }
    return sizes.get(file);
  };
  const document = ["index.html", ...htmlScripts(html)];
  const lowlightKey = Object.keys(manifest).find((k) => CONTENT_LAZY[0].test(k));
  const grammarKeys = Object.keys(manifest).filter((k) => CONTENT_LAZY[1].test(k));
  const grammarGzip = grammarKeys.map((k) => measure(manifest[k].file).gzip).sort((a, b) => a - b);
  return {
    entry: entryKey(manifest),
    // What a markdown body with code adds after its first render: lowlight, and one chunk per grammar.
    highlighting: {
      lowlightGzip: lowlightKey ? measure(manifest[lowlightKey].file).gzip : 0,
      grammars: grammarKeys.length,
      grammarGzipMedian: grammarGzip[Math.floor(grammarGzip.length / 2)] ?? 0,
      grammarGzipMax: grammarGzip.at(-1) ?? 0,
    },
    pages: pages.map((page) => {
      const files = [...document, ...pageFiles(manifest, page)].map(measure);
      const sum = (kind) => files.filter((f) => !kind || f.kind === kind).reduce((n, f) => n + f.gzip, 0);
      return {
        name: page.name,
        path: page.path,
        lazy: [...EVERY_PAGE_LAZY, ...page.lazy],
        files,
        totalBytes: files.reduce((n, f) => n + f.bytes, 0),
        totalGzip: sum(),
        jsGzip: sum("js"),
        cssGzip: sum("css"),
        htmlGzip: sum("html"),
      };
    }),
  };
}

const kb = (n) => `${(n / 1000).toFixed(2)} kB`;

export function formatTable(result, budgetKb = DEFAULT_BUDGET_KB) {
  const out = [];
  for (const page of result.pages) {
    const width = Math.max(5, ...page.files.map((f) => f.file.length));
    const row = (a, b, c) => `${a.padEnd(width)}  ${b.padStart(12)}  ${c.padStart(12)}`;
    out.push(
      `page ${page.name} (${page.path}): first download = document, entry ${result.entry} + static imports, lazy ${page.lazy.join(", ")} + static imports, their CSS`,
      row("file", "raw", "gzip -9"),
      ...page.files.map((f) => row(f.file, kb(f.bytes), kb(f.gzip))),
      row("total", kb(page.totalBytes), kb(page.totalGzip)),
      `  (JS ${kb(page.jsGzip)}, CSS ${kb(page.cssGzip)}, HTML ${kb(page.htmlGzip)}; ${page.files.length} files)`,
      `budget ${budgetKb} kB gzipped: ${page.totalGzip <= budgetKb * 1000 ? "within" : "OVER"} (${kb(page.totalGzip)})`,
      "",
    );
  }
  const h = result.highlighting;
  out.push(
    "summary (gzip -9):",
    ...result.pages.map((p) => `  ${p.name.padEnd(8)} ${kb(p.totalGzip).padStart(10)}  (JS ${kb(p.jsGzip)}, CSS ${kb(p.cssGzip)}, HTML ${kb(p.htmlGzip)})`),
    `after the first render of a markdown body with fenced code: lowlight ${kb(h.lowlightGzip)} + one of ${h.grammars} grammar chunks per language (median ${kb(h.grammarGzipMedian)}, largest ${kb(h.grammarGzipMax)})`,
  );
  return out.join("\n");
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
    const result = measurePages(opts.dist);
    const over = result.pages.filter((p) => p.totalGzip > opts.budgetKb * 1000).map((p) => p.name);
    console.log(opts.json ? JSON.stringify({ ...result, budgetKb: opts.budgetKb, over }, null, 2) : formatTable(result, opts.budgetKb));
    process.exitCode = over.length ? 1 : 0;
  } catch (err) {
    console.error(`bundle-size: ${err.message}`);
    process.exitCode = 2;
  }
}
