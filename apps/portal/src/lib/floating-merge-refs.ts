// floating-ui's useMergeRefs (@floating-ui/react 0.27, MIT), copied unchanged but for types (and its two
// lint comments, for a plugin this repo does not use), for Mantine's ScrollArea: vite-scroll-area-refs.ts
// points ScrollArea's one import from @floating-ui/react here. ScrollArea (inside every Mantine Table)
// needs only this hook, but importing it from @floating-ui/react put the whole floating-ui module
// (positioning, focus management, interactions: 15 kB gzipped) on every page with a table, since a module
// is never split across chunks and Tooltip, Popover and Menu use the rest.
import * as React from "react";

type RefLike<T> = React.Ref<T> | undefined;

/** Merges an array of refs into a single memoized callback ref or `null`. */
export function useMergeRefs<T>(refs: Array<RefLike<T>>): null | React.RefCallback<T> {
  const cleanupRef = React.useRef<(() => void) | undefined>(undefined);
  const refEffect = React.useCallback((instance: T) => {
    const cleanups = refs.map((ref) => {
      if (ref == null) {
        return;
      }
      if (typeof ref === "function") {
        const refCallback = ref;
        const refCleanup = refCallback(instance);
        return typeof refCleanup === "function"
          ? refCleanup
          : () => {
              refCallback(null);
            };
      }
      (ref as React.RefObject<T | null>).current = instance;
      return () => {
        (ref as React.RefObject<T | null>).current = null;
      };
    });
    return () => {
      cleanups.forEach((refCleanup) => (refCleanup == null ? void 0 : refCleanup()));
    };
  }, refs);
  return React.useMemo(() => {
    if (refs.every((ref) => ref == null)) {
      return null;
    }
    return (value: T | null) => {
      if (cleanupRef.current) {
        cleanupRef.current();
        cleanupRef.current = undefined;
      }
      if (value != null) {
        cleanupRef.current = refEffect(value);
      }
    };
  }, refs);
}
