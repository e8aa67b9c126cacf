// The portal build's own Vite plugins (vite-mantine-css.ts, vite-precompress.ts, vite-scroll-area-refs.ts): which stylesheet a
// Mantine module gets, the layer order that keeps the full sheet's cascade, and the compressed copies.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, existsSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { mantineComponentCss, mantineStylesheetFor, sheetOrder } from "../vite-mantine-css";
import { precompressDir } from "../vite-precompress";
import { isScrollAreaModule, MERGE_REFS_SHIM } from "../vite-scroll-area-refs";

const core = dirname(createRequire(import.meta.url).resolve("@mantine/core/styles.css"));

describe("Mantine's CSS per component", () => {
  it("maps a component's CSS module to its stylesheet, and nothing else to one", () => {
    expect(mantineStylesheetFor(join(core, "esm/components/Button/Button.module.mjs"))).toBe(`${core}/styles/Button.css`);
    // Nested components have sheets of their own.
    expect(mantineStylesheetFor(join(core, "esm/components/Checkbox/CheckboxCard/CheckboxCard.module.mjs"))).toBe(`${core}/styles/CheckboxCard.css`);
    expect(mantineStylesheetFor(join(core, "esm/components/Button/Button.mjs"))).toBeNull();
    expect(mantineStylesheetFor("/x/node_modules/@mantine/charts/esm/BarChart/BarChart.module.mjs")).toBeNull();
    expect(mantineStylesheetFor(join(core, "esm/components/Nope/Nope.module.mjs"))).toBeNull();
  });

  it("orders the layers as the full stylesheet does: globals first, a component's dependencies before it", () => {
    const order = sheetOrder(join(core, "styles"), readFileSync(join(core, "styles.css"), "utf8"));
    expect(order.slice(0, 3)).toEqual(["baseline", "default-css-variables", "global"]);
    const at = (name: string) => order.indexOf(name);
    // Combobox's dropdown rules must beat Popover's (the sign-in picker's padding), Button's UnstyledButton's.
    expect(at("Popover")).toBeGreaterThanOrEqual(0);
    expect(at("Popover")).toBeLessThan(at("Combobox"));
    expect(at("UnstyledButton")).toBeLessThan(at("Button"));
    expect(new Set(order).size).toBe(order.length);
  });

  it("fails rather than guess when a per-component sheet is not in the full one", () => {
    const dir = mkdtempSync(join(tmpdir(), "portal-mantine-css-"));
    writeFileSync(join(dir, "Known.css"), ".m_1 { color: red; }\n");
    writeFileSync(join(dir, "Stray.css"), ".m_2 { color: blue; }\n");
    expect(sheetOrder(dir, ".m_2 { color: blue; }\n\n.m_1 { color: red; }\n")).toEqual(["Stray", "Known"]);
    expect(() => sheetOrder(dir, ".m_1 { color: red; }\n")).toThrow(/Stray\.css/);
  });
});

describe("precompressed copies of the build", () => {
  it("writes .gz and .br beside text files of 1 kB or more, each decompressing to the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "portal-precompress-"));
    mkdirSync(join(dir, "assets"));
    const js = `console.log(${JSON.stringify("a chunk of the portal ".repeat(100))});\n`;
    writeFileSync(join(dir, "assets/app.js"), js);
    writeFileSync(join(dir, "assets/small.css"), "body{margin:0}");
    writeFileSync(join(dir, "assets/logo.png"), Buffer.alloc(4096, 1));
    expect(precompressDir(dir)).toBe(1);
    expect(gunzipSync(readFileSync(join(dir, "assets/app.js.gz"))).toString()).toBe(js);
    expect(brotliDecompressSync(readFileSync(join(dir, "assets/app.js.br"))).toString()).toBe(js);
    expect(existsSync(join(dir, "assets/small.css.gz"))).toBe(false);
    expect(existsSync(join(dir, "assets/logo.png.br"))).toBe(false);
  });
});

describe("the layer order in index.html", () => {
  const plugin = mantineComponentCss();
  const transform = plugin.transformIndexHtml as (html: string) => string;

  it("declares every Mantine layer right after the charset, before any stylesheet", () => {
    const html = transform('<head>\n<meta charset="UTF-8" />\n<link rel="stylesheet" href="/assets/common.css">\n</head>');
    const style = html.indexOf("<style>@layer mantine{@layer baseline,default-css-variables,global,");
    expect(style).toBeGreaterThan(html.indexOf("<meta charset"));
    expect(style).toBeLessThan(html.indexOf("<link"));
    expect(html).toMatch(/@layer [^}]*\bPopover\b[^}]*\bCombobox\b/);
  });

  it("refuses a page without a charset to put it after", () => {
    expect(() => transform("<head><title>x</title></head>")).toThrow(/charset/);
  });
});

describe("ScrollArea's useMergeRefs without the rest of floating-ui", () => {
  it("redirects ScrollArea's modules only", () => {
    expect(isScrollAreaModule(join(core, "esm/components/ScrollArea/ScrollArea.mjs"))).toBe(true);
    expect(isScrollAreaModule(join(core, "esm/components/Tooltip/Tooltip.mjs"))).toBe(false);
    expect(isScrollAreaModule(join(core, "esm/components/Popover/Popover.mjs"))).toBe(false);
    expect(isScrollAreaModule(undefined)).toBe(false);
    expect(existsSync(MERGE_REFS_SHIM)).toBe(true);
  });

  it("covers everything ScrollArea imports from @floating-ui/react (only useMergeRefs, which the copy exports)", async () => {
    const dir = join(core, "esm/components/ScrollArea");
    const imported = new Set<string>();
    const walk = (d: string) => {
      for (const name of readdirSync(d, { withFileTypes: true })) {
        const path = join(d, name.name);
        if (name.isDirectory()) walk(path);
        else if (name.name.endsWith(".mjs")) {
          for (const m of readFileSync(path, "utf8").matchAll(/import\s*\{([^}]*)\}\s*from\s*"@floating-ui\/react"/g)) {
            for (const n of m[1]!.split(",")) imported.add(n.trim());
          }
        }
      }
    };
    walk(dir);
    expect([...imported]).toEqual(["useMergeRefs"]);
    const shim = await import("./lib/floating-merge-refs");
    expect(typeof shim.useMergeRefs).toBe("function");
  });
});
