import { describe, expect, it } from "vitest";
import { isEditableTarget, moveThroughResults, opensPalette, type KeyLike } from "./search-hotkeys";

const el = (tagName: string, extra: Record<string, unknown> = {}) =>
  ({ tagName, getAttribute: () => null, ...extra }) as unknown as EventTarget;
const key = (k: string, target: EventTarget | null = el("BODY"), mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target,
  ...mods,
});

describe("opensPalette", () => {
  it("opens on Ctrl-K and Cmd-K, even while typing", () => {
    expect(opensPalette(key("k", el("BODY"), { ctrlKey: true }))).toBe(true);
    expect(opensPalette(key("K", el("INPUT"), { metaKey: true }))).toBe(true);
    expect(opensPalette(key("k", el("DIV", { isContentEditable: true }), { ctrlKey: true }))).toBe(true);
  });

  it("opens on / only outside editable fields", () => {
    expect(opensPalette(key("/"))).toBe(true);
    expect(opensPalette(key("/", el("INPUT", { type: "checkbox" })))).toBe(true);
    expect(opensPalette(key("/", el("INPUT", { type: "text" })))).toBe(false);
    expect(opensPalette(key("/", el("TEXTAREA")))).toBe(false);
    expect(opensPalette(key("/", el("DIV", { isContentEditable: true })))).toBe(false);
  });

  it("ignores other keys, Alt combinations and IME composition", () => {
    expect(opensPalette(key("k"))).toBe(false);
    expect(opensPalette(key("k", el("BODY"), { ctrlKey: true, altKey: true }))).toBe(false);
    expect(opensPalette(key("/", el("BODY"), { ctrlKey: true }))).toBe(false);
    expect(opensPalette(key("/", el("BODY"), { isComposing: true }))).toBe(false);
  });
});

describe("isEditableTarget", () => {
  it("knows text fields from other controls", () => {
    expect(isEditableTarget(el("INPUT"))).toBe(true);
    expect(isEditableTarget(el("INPUT", { type: "search" }))).toBe(true);
    expect(isEditableTarget(el("SELECT"))).toBe(true);
    expect(isEditableTarget(el("BUTTON"))).toBe(false);
    expect(isEditableTarget(el("DIV", { getAttribute: (n: string) => (n === "role" ? "textbox" : null) }))).toBe(true);
    expect(isEditableTarget(null)).toBe(false);
  });
});

describe("moveThroughResults", () => {
  it.each([
    [-1, "ArrowDown", 0],
    [0, "ArrowDown", 1],
    [2, "ArrowDown", 2],
    [1, "ArrowUp", 0],
    [0, "ArrowUp", -1],
    [1, "Escape", -1],
    [1, "Home", 0],
    [0, "End", 2],
    [1, "a", undefined],
  ])("from %i, %s goes to %s", (from, k, expected) => {
    expect(moveThroughResults(from, 3, k)).toBe(expected);
  });

  it("does nothing without results", () => {
    expect(moveThroughResults(-1, 0, "ArrowDown")).toBeUndefined();
  });
});
