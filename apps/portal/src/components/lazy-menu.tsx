// Header menus whose code loads on first use. Mantine's Menu brings Popover, a focus trap and
// floating-ui along (about 25 kB gzipped), which the home page otherwise needs for nothing until
// someone opens "New" or the user menu. Until then the trigger is rendered on its own, with the
// accessible state of a closed menu button; pointing at it or focusing it starts the download, and
// the first click renders the real menu and opens it (the trigger stays where it was and looks the same).
// Later clicks are the menu's own.
import { cloneElement, lazy, Suspense, useEffect, useRef, useState, type ComponentType, type ReactElement, type Ref, type RefObject } from "react";

/** The props the trigger element must pass on to its button. */
export interface TriggerProps {
  ref?: Ref<HTMLElement | null>;
  onClick?: () => void;
  onPointerEnter?: () => void;
  onFocus?: () => void;
  "aria-haspopup"?: "menu";
  "aria-expanded"?: boolean;
}

/**
 * What the lazily loaded module renders: a `Menu` with `target` in `Menu.Target`, its open state from
 * useFirstOpening(openOnMount).
 */
export interface LoadedMenuProps {
  target: ReactElement<TriggerProps>;
  openOnMount: boolean;
}

/**
 * The loaded menu's open state, opened once mounted when the click that loaded it asked for that. The
 * trigger was rendered anew, so focus goes back to it first; opening as an update (not a menu mounted
 * open) is what lets the menu return focus to its trigger when it closes, as it does ever after.
 */
export function useFirstOpening(openOnMount: boolean): {
  opened: boolean;
  onChange: (opened: boolean) => void;
  targetRef: RefObject<HTMLElement | null>;
} {
  const [opened, setOpened] = useState(false);
  const targetRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!openOnMount) return;
    targetRef.current?.focus({ preventScroll: true });
    setOpened(true);
    // Only the first mount opens the menu.
  }, []);
  return { opened, onChange: setOpened, targetRef };
}


export function lazyMenu(load: () => Promise<{ default: ComponentType<LoadedMenuProps> }>) {
  const Loaded = lazy(load);
  const preload = () => void load().catch(() => undefined);

  return function LazyMenu({ target }: { target: ReactElement<TriggerProps> }) {
    const [requested, setRequested] = useState(false);
    const trigger = cloneElement(target, {
      "aria-haspopup": "menu",
      "aria-expanded": false,
      onPointerEnter: preload,
      onFocus: preload,
      onClick: () => setRequested(true),
    });
    if (!requested) return trigger;
    return (
      <Suspense fallback={trigger}>
        <Loaded target={target} openOnMount />
      </Suspense>
    );
  };
}
