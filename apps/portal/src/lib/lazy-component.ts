// A component whose code loads on first use (lib/load-once.ts), for a part of a page that appears only
// after something happens there (the search page's results, once there is a search). Unlike
// React.lazy, it renders the loaded component at once when its module has already arrived (a preload
// started it, e.g. on the first keystroke), with no round through its Suspense fallback; otherwise it
// suspends on the shared import until it arrives. Either way the component is the same element
// type, so nothing remounts when the module lands. Render it inside a <Suspense>.
import { createElement, use, type ComponentType } from "react";
import type { LoadOnce } from "./load-once";

export function lazyComponent<P extends object>(module: LoadOnce<ComponentType<P>>): ComponentType<P> {
  function LazyComponent(props: P) {
    const Loaded = module.loaded() ?? use(module.load());
    return createElement(Loaded, props);
  }
  return LazyComponent;
}
