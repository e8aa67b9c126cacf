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
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 3 },
            // TanStack Query and the tRPC client: every signed-in page needs all of it and the sign-in page
            // none (lib/auth-api.ts), so one chunk rather than the pieces each page's imports would split it into.
            { name: "data", test: /node_modules[\\/](@tanstack[\\/](query-core|react-query)|@trpc)[\\/]/, priority: 2 },
            // Mantine's core and the components every measured page shows (sign-in, home, an entry), with the
            // error display: one chunk rather than the dozen small ones each page's imports would make of
            // them, which compress worse apart (about 6 kB on the sign-in page, 1-6 kB on the others).
            {
              name: "common",
              test: /(@mantine[\\/]core[\\/]esm[\\/](core|utils|components[\\/](Loader|Text|Alert|CloseButton|UnstyledButton|Container|Input|InputBase|TextInput|Group|Combobox[\\/]ComboboxChevron))[\\/])|src[\\/](lib[\\/]errors\.ts|components[\\/]query-error\.tsx)$/,
              priority: 1,
            },
          ],
        },
      },
    },
  },
}));
