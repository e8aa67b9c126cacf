// Mantine's stylesheet per component, loaded with the chunk that uses the component.
//
// `@mantine/core/styles.css` is every component's CSS (about 37 kB gzipped) and blocks the first render
// of every page, though a page uses a handful of components. Mantine also ships one file per component
// (`@mantine/core/styles/<Name>.css`, the same rules) whose name matches the CSS module the component's
// code imports (`esm/components/<Name>/<Name>.module.mjs`, its class names). This plugin adds, to each
// such module of @mantine/core, an import of its stylesheet, so a component's CSS joins whatever chunk
// its code lands in: nothing to keep in step by hand when a page starts or stops using a component, and
// a lazy page's components bring their CSS with them.
//
// The cascade stays the full sheet's. Chunks' stylesheets arrive in the order pages load, not in the
// full sheet's order, and some components' rules override others' (Combobox's dropdown padding over
// Popover's), so each file is wrapped in a layer of its own, `mantine.<Name>`, and index.html declares
// those layers before any stylesheet, in the order the files appear in styles.css (a `<style>` first in
// its head; the first mention of a layer fixes its place, so this must precede every stylesheet link,
// including those of chunks the entry imports): a layer's place is then fixed whenever its rules arrive.
// Being layered, Mantine's rules never override the portal's own (styles.css), as with Mantine's
// `styles.layer.css`.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Plugin } from "vite";

const MODULE = /[\\/]@mantine[\\/]core[\\/]esm[\\/].*[\\/]([A-Za-z]+)\.module\.mjs$/;
const SHEET = /[\\/]@mantine[\\/]core[\\/]styles[\\/]([A-Za-z-]+)\.css$/;
/** Imported by main.tsx: nothing in a build; the whole stylesheet on the dev server (below). */
const ORDER_ID = "virtual:mantine-layer-order.css";
/** Vite treats an id ending in .css as a stylesheet; the \0 marks it as virtual for other plugins. */
const RESOLVED_ORDER_ID = `\0${ORDER_ID}`;

/** The stylesheet of the @mantine/core CSS module at `id`, or null when `id` is not one (or has no sheet). */
export function mantineStylesheetFor(id: string): string | null {
  const match = MODULE.exec(id);
  if (!match) return null;
  const root = id.slice(0, id.search(/[\\/]esm[\\/]/));
  const sheet = `${root}/styles/${match[1]}.css`;
  return existsSync(sheet) ? sheet : null;
}

/** The layer a per-component sheet's rules go in. */
export const layerName = (sheet: string) => `mantine.${sheet}`;

/**
 * Every per-component sheet in `stylesDir`, in the order its rules appear in the full `styles.css`
 * (`fullSheet`): found by each file's first rule. Throws when one cannot be placed, so a Mantine
 * upgrade that changes the layout fails the build rather than reordering the cascade silently.
 */
export function sheetOrder(stylesDir: string, fullSheet: string): string[] {
  const placed = readdirSync(stylesDir)
    .filter((f) => f.endsWith(".css") && !f.endsWith(".layer.css"))
    .map((f) => {
      const name = f.slice(0, -".css".length);
      const text = readFileSync(join(stylesDir, f), "utf8").trim();
      const at = text ? fullSheet.indexOf(text.slice(0, 200)) : -1;
      if (at < 0) throw new Error(`mantine-component-css: cannot find styles/${f} in @mantine/core/styles.css`);
      return { name, at };
    });
  return placed.sort((a, b) => a.at - b.at).map((p) => p.name);
}

export function mantineComponentCss(): Plugin {
  const require = createRequire(import.meta.url);
  const core = dirname(require.resolve("@mantine/core/styles.css"));
  let serving = false;
  return {
    name: "hindsight:mantine-component-css",
    enforce: "pre",
    configResolved(config) {
      serving = config.command === "serve";
    },
    resolveId(id) {
      return id === ORDER_ID ? RESOLVED_ORDER_ID : null;
    },
    load(id) {
      if (id !== RESOLVED_ORDER_ID) return null;
      // The dev server prebundles @mantine/core without running this plugin's transform over it, so
      // no component would import its sheet: there, the whole stylesheet, as before this plugin.
      return serving ? readFileSync(join(core, "styles.css"), "utf8") : "";
    },
    transformIndexHtml(html) {
      const order = sheetOrder(join(core, "styles"), readFileSync(join(core, "styles.css"), "utf8"));
      // Nested, as `@layer mantine { @layer Button, ... }`: the same layers as `mantine.Button`. Right
      // after the charset (which must stay in the first 1024 bytes), before every stylesheet link.
      const charset = /<meta charset="[^"]*"\s*\/?>/i;
      if (!charset.test(html)) throw new Error("mantine-component-css: index.html has no <meta charset> to put the layer order after");
      return html.replace(charset, (tag) => `${tag}\n    <style>@layer mantine{@layer ${order.join(",")};}</style>`);
    },
    transform(code, rawId) {
      const id = rawId.split("?")[0]!;
      const sheet = SHEET.exec(id);
      if (sheet) return { code: `@layer ${layerName(sheet[1]!)} {\n${code}\n}\n`, map: null };
      const stylesheet = mantineStylesheetFor(id);
      if (!stylesheet) return null;
      // Appended: the component's dependencies are imported above its CSS module, so their CSS comes first.
      return { code: `${code}\nimport ${JSON.stringify(stylesheet)};\n`, map: null };
    },
  };
}
