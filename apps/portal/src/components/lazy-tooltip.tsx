// A Mantine Tooltip whose code loads on first use. Tooltip positions itself with floating-ui (about
// 19 kB gzipped with Tooltip), which a page otherwise downloads for labels nobody has pointed at yet
// (an entry's copy buttons). Until then the target is rendered on its own, unchanged; pointing at it
// or focusing it starts the download, and once loaded the real Tooltip wraps it, open at once if the
// pointer or focus is still on the target (as it would have opened), with focus kept where it was.
// A press on the target (pointer down to click) is never cut in two: the swap waits for the click.
// The target is cloned with a ref and pointer/focus handlers (its own handlers still run); it must not
// carry a ref of its own.
import type { TooltipProps } from "@mantine/core";
import { cloneElement, useEffect, useRef, useState, type ComponentType, type ReactElement, type Ref } from "react";
import { loadOnce } from "../lib/load-once";

type LoadedTooltip = ComponentType<TooltipProps>;

const tooltipModule = loadOnce(() => import("./lazy-tooltip-loaded").then((m) => m.Tooltip as LoadedTooltip));

interface TargetProps {
  ref?: Ref<HTMLElement>;
  onPointerEnter?: (event: React.PointerEvent<HTMLElement>) => void;
  onPointerLeave?: (event: React.PointerEvent<HTMLElement>) => void;
  onPointerDown?: (event: React.PointerEvent<HTMLElement>) => void;
  onFocus?: (event: React.FocusEvent<HTMLElement>) => void;
  onBlur?: (event: React.FocusEvent<HTMLElement>) => void;
  onClick?: (event: React.MouseEvent<HTMLElement>) => void;
}

export type LazyTooltipProps = Omit<TooltipProps, "children"> & { children: ReactElement<TargetProps> };

export function LazyTooltip({ children, ...props }: LazyTooltipProps) {
  const [Tooltip, setTooltip] = useState<LoadedTooltip | null>(() => tooltipModule.loaded());
  const [openOnMount, setOpenOnMount] = useState(false);
  const targetRef = useRef<HTMLElement | null>(null);
  const hovered = useRef(false);
  const pressed = useRef(false);
  const hadFocus = useRef(false);
  const arrived = useRef<LoadedTooltip | null>(null);

  const swap = () => {
    const component = arrived.current;
    if (!component || pressed.current) return;
    const focused = targetRef.current !== null && document.activeElement === targetRef.current;
    hadFocus.current = focused;
    setOpenOnMount(focused || hovered.current);
    setTooltip(() => component);
  };

  const start = () => {
    tooltipModule.load().then(
      (component) => {
        arrived.current = component;
        swap();
      },
      () => undefined, // the target stays as it is; the next pointer or focus tries again
    );
  };

  useEffect(() => {
    if (Tooltip && hadFocus.current) targetRef.current?.focus({ preventScroll: true });
  }, [Tooltip]);

  if (Tooltip) {
    return (
      <Tooltip {...props} defaultOpened={openOnMount || undefined}>
        {cloneElement(children, { ref: (node: HTMLElement | null) => void (targetRef.current = node) })}
      </Tooltip>
    );
  }
  const own = children.props;
  if (props.disabled) return children;
  return cloneElement(children, {
    ref: (node: HTMLElement | null) => void (targetRef.current = node),
    onPointerEnter: (event) => {
      hovered.current = true;
      own.onPointerEnter?.(event);
      start();
    },
    onPointerLeave: (event) => {
      hovered.current = false;
      own.onPointerLeave?.(event);
      // A press dragged off the target ends without a click.
      if (pressed.current) {
        pressed.current = false;
        swap();
      }
    },
    onPointerDown: (event) => {
      pressed.current = true;
      own.onPointerDown?.(event);
    },
    onClick: (event) => {
      own.onClick?.(event);
      pressed.current = false;
      // The click has landed on this element; the Tooltip can take over now.
      setTimeout(swap, 0);
    },
    onFocus: (event) => {
      own.onFocus?.(event);
      start();
    },
    onBlur: (event) => {
      own.onBlur?.(event);
    },
  });
}
