// Vite config for the portal: a static SPA built to dist/, which the API serves in the embedded default.
// In development the API runs on :3000 and the dev server proxies every server-side path to it, so the
// session cookie stays first-party and the portal never needs CORS.
import react from "@vitejs/plugin-react";
import { visualizer } from "rollup-plugin-visualizer";
import { defineConfig } from "vite";
import { mantineComponentCss } from "./vite-mantine-css";
import { precompress } from "./vite-precompress";
import { scrollAreaMergeRefs } from "./vite-scroll-area-refs";

const API_ORIGIN = "http://localhost:3000";

/**
 * The `common` chunk: Mantine's core, the components all three measured pages show, the error display,
 * and what the entry chunk and the signed-in chunk both import (the preload helper, the page loader,
 * lib/api-error.ts, the CSRF header), which the signed-in group would otherwise take along.
 */
const COMMON =
  /(@mantine[\\/]core[\\/]esm[\\/](core|utils|components[\\/](Loader|Text|Alert|CloseButton|UnstyledButton|Container|Input|InputBase|TextInput|Group|Center|VisuallyHidden))[\\/])|vite[\\/]preload-helper|packages[\\/]domain[\\/]dist[\\/]csrf\.js$|src[\\/](lib[\\/](errors|api-error|load-once)\.ts|components[\\/](query-error|page-loader)\.tsx)$/;
/**
 * Not in `common`, though under the folders it takes: Mantine's helpers for floating elements
 * (Popover, Tooltip, Menu), inline inputs (Checkbox, Radio, Switch), fieldsets and keyboard
 * navigation, and the Combobox, which only later-loaded components use (Select, the lazy selects,
 * NativeSelect's chevron). Matching their whole folders put them on every page (about 4 kB).
 */
const NOT_COMMON =
  /@mantine[\\/]core[\\/]esm[\\/](utils[\\/](Floating|InlineInput|InputsGroupFieldset)|core[\\/]utils[\\/](create-scoped-keydown-handler|get-context-item-index|close-on-escape|find-element-in-shadow-dom)|components[\\/]Combobox)[\\/]/;
/** The `signed-in` chunk: see its group below. */
const SIGNED_IN =
  /node_modules[\\/]@tanstack[\\/](query-core|react-query)[\\/]|src[\\/](lib[\\/](session|trpc|trpc-fetch|trpc-proxy|query-client|search-hotkeys|search-kinds|format|labels)\.ts|components[\\/](require-auth|lazy-menu|user-menu|search[\\/](palette-launcher|kind-icon))\.tsx)$|packages[\\/]domain[\\/]dist[\\/](vocabulary|portal-paths)\.js$|@mantine[\\/]hooks[\\/]esm[\\/]use-debounced-value[\\/]|@tabler[\\/]icons-react[\\/]dist[\\/]esm[\\/](createReactComponent|defaultAttributes|icons[\\/]Icon(Plus|ChevronDown|Search|ChartBar|Checklist|FileImport|Folders|ListDetails|School|UsersGroup|X))\.mjs$|@mantine[\\/]core[\\/]esm[\\/]components[\\/](Burger|Avatar|Kbd|ThemeIcon)[\\/]/;

export default defineConfig(({ mode }) => ({
  plugins: [
    react(),
    mantineComponentCss(),
    scrollAreaMergeRefs(),
    precompress(),
    // Opt-in, for looking inside the chunks: `pnpm --filter @hindsight/portal build --mode analyze` writes
    // bundle-stats.html (a treemap with gzip sizes) next to this file. Never part of a normal build.
    mode === "analyze" &&
      visualizer({ filename: "bundle-stats.html", template: "treemap", gzipSize: true, sourcemap: false }),
  ],
  server: {
    port: 5173,
    proxy: {
      "/trpc": API_ORIGIN,
      "/api": API_ORIGIN,
      "/healthz": API_ORIGIN,
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // dist/.vite/manifest.json: the chunk graph that scripts/bundle-size.mjs measures each page's first download from.
    manifest: true,
    rolldownOptions: {
      output: {
        // Libraries change far less often than the portal, so they get chunks of their own that
        // browsers keep cached across deployments.
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 4 },
            // Mantine's core and the components every measured page shows (sign-in, home, an entry), with the
            // error display: one chunk rather than the dozen small ones each page's imports would make of
            // them, which compress worse apart (about 6 kB on the sign-in page, 1-6 kB on the others).
            { name: "common", test: (id: string) => COMMON.test(id) && !NOT_COMMON.test(id), priority: 3 },
            // Everything a signed-in page loads before its own chunk: TanStack Query (lib/trpc.ts is the
            // portal's own tRPC runtime), the session check and the shell's header and navigation. Every
            // signed-in page needs all of it and the sign-in page none (lib/auth-api.ts), so one chunk rather
            // than the pieces (each under 1 kB, a dozen on the home page) the pages' imports would cut it into.
            // Below common, so the modules both use stay there (a group takes its modules' imports along).
            { name: "signed-in", test: (id: string) => SIGNED_IN.test(id), priority: 2 },
          ],
        },
      },
    },
  },
}));
