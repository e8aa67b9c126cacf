// Which key presses open the command palette: Ctrl/Cmd-K anywhere (also while typing, as in most
// apps), and "/" only when focus is not in something editable, where it must stay a character.

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
  isComposing?: boolean;
}

// Input types where "/" is not text; a focused checkbox or button should not swallow the shortcut.
const NON_TEXT_INPUTS = new Set(["checkbox", "radio", "button", "submit", "reset", "range", "color", "file", "image"]);

interface ElementLike {
  tagName?: string;
  type?: string;
  isContentEditable?: boolean;
  getAttribute?: (name: string) => string | null;
}

export function isEditableTarget(target: EventTarget | null): boolean {
  if (!target || typeof target !== "object") return false;
  const el = target as ElementLike;
  if (el.isContentEditable) return true;
  const tag = el.tagName?.toUpperCase();
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") return !NON_TEXT_INPUTS.has((el.type ?? "text").toLowerCase());
  const role = el.getAttribute?.("role");
  return role === "textbox" || role === "combobox" || role === "searchbox";
}

export function opensPalette(event: KeyLike): boolean {
  if (event.isComposing || event.altKey) return false;
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k") return true;
  return event.key === "/" && !event.ctrlKey && !event.metaKey && !isEditableTarget(event.target);
}

/**
 * Arrow-key movement through a list of `count` results from `current` (-1: the search box).
 * Returns the index to focus, or -1 to go back to the search box.
 */
export function moveThroughResults(current: number, count: number, key: string): number | undefined {
  if (count === 0) return undefined;
  if (key === "ArrowDown") return Math.min(current + 1, count - 1);
  if (key === "ArrowUp") return current <= 0 ? -1 : current - 1;
  if (key === "Home") return 0;
  if (key === "End") return count - 1;
  if (key === "Escape") return -1;
  return undefined;
}
