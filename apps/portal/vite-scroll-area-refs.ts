// Mantine's ScrollArea imports one hook, useMergeRefs, from @floating-ui/react. A module is never split
// across chunks, so that import put all of floating-ui (15 kB gzipped: positioning, focus management,
// interactions, which Tooltip, Popover and Menu use) into the first download of every page with a
// Mantine Table (tables scroll in a ScrollArea). This plugin resolves that one import, from
// ScrollArea's own modules only, to an unchanged copy of the hook (src/lib/floating-merge-refs.ts);
// everything else that imports @floating-ui/react gets the real module.
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";

export const MERGE_REFS_SHIM = fileURLToPath(new URL("./src/lib/floating-merge-refs.ts", import.meta.url));

/** Whether `importer` is one of Mantine's ScrollArea modules, whose @floating-ui/react import is only useMergeRefs. */
export function isScrollAreaModule(importer: string | undefined): boolean {
  return !!importer && /[\\/]@mantine[\\/]core[\\/]esm[\\/]components[\\/]ScrollArea[\\/][^\\/]+\.mjs$/.test(importer);
}

export function scrollAreaMergeRefs(): Plugin {
  return {
    name: "hindsight:scroll-area-merge-refs",
    enforce: "pre",
    apply: "build",
    resolveId(id, importer) {
      if (id === "@floating-ui/react" && isScrollAreaModule(importer)) return MERGE_REFS_SHIM;
      return null;
    },
  };
}
