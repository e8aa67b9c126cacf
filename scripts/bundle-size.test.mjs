// scripts/bundle-size.mjs: which files count as a page's first download (the document and its classic
// scripts, the entry and its static imports, the page's lazy modules and theirs, and their CSS; never
// other dynamic imports), the gzip arithmetic, and the CLI's budget exit code.
import { Buffer } from "node:buffer";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { entryKey, gzipSize, htmlScripts, initialFiles, measurePages, pageFiles, PAGES as PORTAL_PAGES, staticClosure } from "./bundle-size.mjs";

const script = join(dirname(fileURLToPath(import.meta.url)), "bundle-size.mjs");

const manifest = {
  "index.html": { file: "assets/index.js", isEntry: true, imports: ["_react.js", "_shared.js"], dynamicImports: ["src/pages/editor.tsx"], css: ["assets/index.css"] },
  "_react.js": { file: "assets/react.js", imports: ["_runtime.js"] },
  "_shared.js": { file: "assets/shared.js", imports: ["_react.js", "_runtime.js"] },
  "_runtime.js": { file: "assets/runtime.js" },
  "src/pages/editor.tsx": { file: "assets/editor.js", isDynamicEntry: true, imports: ["_codemirror.js", "_shared.js"], css: ["assets/editor.css"] },
  "_codemirror.js": { file: "assets/codemirror.js", css: ["assets/codemirror.css"] },
  "src/pages/sign-in.tsx": { file: "assets/sign-in.js", isDynamicEntry: true, imports: ["index.html", "_shared.js", "_form.js"] },
  "_form.js": { file: "assets/form.js", dynamicImports: ["src/pages/editor.tsx"] },
};

const HTML = '<script type="module" crossorigin src="/assets/index.js"></script>\n<script src="/zod-without-eval.js"></script>';
const PAGES = [
  { name: "sign-in", path: "/sign-in", lazy: ["src/pages/sign-in.tsx"] },
  { name: "home", path: "/", lazy: [] },
];

const scratch = mkdtempSync(join(tmpdir(), "bundle-size-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A fake dist: each file holds `size` random bytes, which gzip cannot shrink. */
function fakeDist(name, sizes, chunks = manifest) {
  const dist = join(scratch, name);
  mkdirSync(join(dist, ".vite"), { recursive: true });
  mkdirSync(join(dist, "assets"), { recursive: true });
  writeFileSync(join(dist, ".vite/manifest.json"), JSON.stringify(chunks));
  writeFileSync(join(dist, "index.html"), HTML);
  for (const [file, size] of Object.entries(sizes)) writeFileSync(join(dist, file), randomBytes(size));
  return dist;
}

describe("initialFiles", () => {
  it("takes the entry and its static imports transitively, once each, and no dynamic import", () => {
    expect(initialFiles(manifest)).toEqual(["assets/index.js", "assets/react.js", "assets/runtime.js", "assets/shared.js"]);
  });

  it("picks index.html as the entry, or the only entry there is", () => {
    expect(entryKey(manifest)).toBe("index.html");
    expect(entryKey({ "src/main.tsx": { file: "a.js", isEntry: true } })).toBe("src/main.tsx");
    expect(() => entryKey({ a: { file: "a.js", isEntry: true }, b: { file: "b.js", isEntry: true } })).toThrow(/one entry/);
  });

  it("names a chunk the manifest does not have", () => {
    expect(() => initialFiles({ "index.html": { file: "i.js", isEntry: true, imports: ["_gone.js"] } })).toThrow(/_gone\.js/);
  });
});

describe("pageFiles", () => {
  it("adds the page's lazy module and its static imports, with every chunk's CSS, each file once", () => {
    expect(pageFiles(manifest, PAGES[0], [])).toEqual([
      "assets/index.js",
      "assets/index.css",
      "assets/react.js",
      "assets/runtime.js",
      "assets/shared.js",
      "assets/sign-in.js",
      "assets/form.js",
    ]);
  });

  it("follows no dynamic import of a lazy module (the editor stays out of the sign-in page)", () => {
    expect(pageFiles(manifest, PAGES[0], []).some((f) => f.includes("editor") || f.includes("codemirror"))).toBe(false);
    expect(staticClosure(manifest, ["src/pages/editor.tsx"])).toEqual(["assets/editor.js", "assets/editor.css", "assets/codemirror.js", "assets/codemirror.css", "assets/shared.js", "assets/react.js", "assets/runtime.js"]);
  });

  it("counts what every page loads, and refuses a lazy module that is missing or not lazy", () => {
    expect(pageFiles(manifest, PAGES[1], ["src/pages/editor.tsx"])).toContain("assets/codemirror.css");
    expect(() => pageFiles(manifest, { name: "x", path: "/x", lazy: ["src/pages/gone.tsx"] }, [])).toThrow(/no lazy module src\/pages\/gone\.tsx/);
    expect(() => pageFiles(manifest, { name: "x", path: "/x", lazy: ["_shared.js"] }, [])).toThrow(/not loaded lazily/);
  });

  it("finds the classic scripts of index.html, not its module scripts", () => {
    expect(htmlScripts(HTML)).toEqual(["zod-without-eval.js"]);
  });
});

describe("measurePages", () => {
  it("sums gzip -9 sizes of each page's files: document, classic scripts, JS and CSS", () => {
    const dist = fakeDist("ok", {
      "zod-without-eval.js": 300,
      "assets/index.js": 3000,
      "assets/index.css": 2000,
      "assets/react.js": 5000,
      "assets/shared.js": 1000,
      "assets/runtime.js": 100,
      "assets/sign-in.js": 700,
      "assets/form.js": 400,
      "assets/editor.js": 90_000,
      "assets/editor.css": 9000,
      "assets/codemirror.js": 90_000,
      "assets/codemirror.css": 9000,
    });
    const result = measurePages(dist, PAGES);
    const [signIn, home] = result.pages;
    expect(home.files.map((f) => f.file)).toEqual(["index.html", "zod-without-eval.js", "assets/index.js", "assets/index.css", "assets/react.js", "assets/runtime.js", "assets/shared.js"]);
    expect(signIn.files.map((f) => f.file)).toEqual([...home.files.map((f) => f.file), "assets/sign-in.js", "assets/form.js"]);
    expect(home.totalBytes).toBe(HTML.length + 300 + 3000 + 2000 + 5000 + 1000 + 100);
    expect(home.totalGzip).toBe(home.files.reduce((n, f) => n + f.gzip, 0));
    expect(home.totalGzip).toBe(home.jsGzip + home.cssGzip + home.htmlGzip);
    expect(home.cssGzip).toBe(home.files.find((f) => f.file === "assets/index.css").gzip);
    // Random bytes do not compress: near the raw size of the counted files, far from the lazy editor's 198 kB.
    expect(signIn.totalGzip).toBeGreaterThan(12_500);
    expect(signIn.totalGzip).toBeLessThan(16_000);
  });

  it("gzips at level 9", () => {
    const text = Buffer.from("const a = 1;\n".repeat(500));
    expect(gzipSize(text)).toBe(gzipSync(text, { level: 9 }).length);
  });

  it("says how to build when there is no manifest", () => {
    expect(() => measurePages(join(scratch, "nowhere"))).toThrow(/build the portal first/);
  });
});

describe("the CLI", () => {
  // The portal's own pages, each a 1 kB lazy chunk beside a 81 kB core.
  const lazyKeys = [...new Set(PORTAL_PAGES.flatMap((p) => p.lazy))];
  const cliManifest = { ...manifest };
  const sizes = { "zod-without-eval.js": 300, "assets/index.js": 60_000, "assets/index.css": 100, "assets/react.js": 10_000, "assets/shared.js": 10_000, "assets/runtime.js": 1_000 };
  lazyKeys.forEach((key, i) => {
    cliManifest[key] = { file: `assets/lazy${i}.js`, isDynamicEntry: true, imports: ["index.html"] };
    sizes[`assets/lazy${i}.js`] = 1000;
  });
  const dist = fakeDist("cli", sizes, cliManifest);
  const run = (...args) => spawnSync(process.execPath, [script, "--dist", dist, ...args], { encoding: "utf8" });

  it("prints the table and passes within the budget", () => {
    const res = run("--budget-kb", "200");
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/assets\/index\.js/);
    expect(res.stdout).toMatch(/^total\s/m);
    for (const page of PORTAL_PAGES) expect(res.stdout).toContain(`page ${page.name} (${page.path})`);
    expect(res.stdout).toMatch(/within/);
    expect(res.stdout).not.toMatch(/OVER/);
  });

  it("exits 1 over the budget", () => {
    const res = run("--budget-kb=50");
    expect(res.status).toBe(1);
    expect(res.stdout).toMatch(/OVER/);
    expect(JSON.parse(run("--budget-kb=50", "--json").stdout).over).toEqual(PORTAL_PAGES.map((p) => p.name));
  });

  it("exits 2 on a bad argument", () => {
    expect(run("--budget-kb", "zero").status).toBe(2);
  });
});
