// scripts/bundle-size.mjs: which chunks count as the home page's initial JS (the entry and its static
// imports, transitively; never dynamic imports), the gzip arithmetic, and the CLI's budget exit code.
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
import { entryKey, gzipSize, initialFiles, measureBundle } from "./bundle-size.mjs";

const script = join(dirname(fileURLToPath(import.meta.url)), "bundle-size.mjs");

const manifest = {
  "index.html": { file: "assets/index.js", isEntry: true, imports: ["_react.js", "_shared.js"], dynamicImports: ["src/pages/editor.tsx"], css: ["assets/index.css"] },
  "_react.js": { file: "assets/react.js", imports: ["_runtime.js"] },
  "_shared.js": { file: "assets/shared.js", imports: ["_react.js", "_runtime.js"] },
  "_runtime.js": { file: "assets/runtime.js" },
  "src/pages/editor.tsx": { file: "assets/editor.js", isDynamicEntry: true, imports: ["_codemirror.js", "_shared.js"] },
  "_codemirror.js": { file: "assets/codemirror.js" },
};

const scratch = mkdtempSync(join(tmpdir(), "bundle-size-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A fake dist: each file holds `size` random bytes, which gzip cannot shrink. */
function fakeDist(name, sizes) {
  const dist = join(scratch, name);
  mkdirSync(join(dist, ".vite"), { recursive: true });
  mkdirSync(join(dist, "assets"), { recursive: true });
  writeFileSync(join(dist, ".vite/manifest.json"), JSON.stringify(manifest));
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

describe("measureBundle", () => {
  it("sums gzip -9 sizes of the initial files only", () => {
    const dist = fakeDist("ok", {
      "assets/index.js": 3000,
      "assets/react.js": 5000,
      "assets/shared.js": 1000,
      "assets/runtime.js": 100,
      "assets/editor.js": 90_000,
      "assets/codemirror.js": 90_000,
    });
    const result = measureBundle(dist);
    expect(result.chunks.map((c) => c.file)).toEqual(["assets/index.js", "assets/react.js", "assets/runtime.js", "assets/shared.js"]);
    expect(result.totalBytes).toBe(9100);
    expect(result.totalGzip).toBe(result.chunks.reduce((n, c) => n + c.gzip, 0));
    // Random bytes do not compress: the gzip total is near the raw size of the four files, far from the lazy 180 kB.
    expect(result.totalGzip).toBeGreaterThan(9100);
    expect(result.totalGzip).toBeLessThan(12_000);
  });

  it("gzips at level 9", () => {
    const text = Buffer.from("const a = 1;\n".repeat(500));
    expect(gzipSize(text)).toBe(gzipSync(text, { level: 9 }).length);
  });

  it("says how to build when there is no manifest", () => {
    expect(() => measureBundle(join(scratch, "nowhere"))).toThrow(/build the portal first/);
  });
});

describe("the CLI", () => {
  const dist = fakeDist("cli", {
    "assets/index.js": 60_000,
    "assets/react.js": 10_000,
    "assets/shared.js": 10_000,
    "assets/runtime.js": 1_000,
  });
  const run = (...args) => spawnSync(process.execPath, [script, "--dist", dist, ...args], { encoding: "utf8" });

  it("prints the table and passes within the budget", () => {
    const res = run("--budget-kb", "200");
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/assets\/index\.js/);
    expect(res.stdout).toMatch(/^total\s/m);
    expect(res.stdout).toMatch(/within/);
  });

  it("exits 1 over the budget", () => {
    const res = run("--budget-kb=50");
    expect(res.status).toBe(1);
    expect(res.stdout).toMatch(/OVER/);
  });

  it("exits 2 on a bad argument", () => {
    expect(run("--budget-kb", "zero").status).toBe(2);
  });
});
