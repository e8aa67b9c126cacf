// The portal router's blocker (lib/router.tsx), against a stand-in for the browser history that
// behaves as React Router's v5Compat browser history does: push and replace tell the listener at once,
// go(n) moves through the entries and tells it later, as a popstate, with the delta.
import { describe, expect, it } from "vitest";
import type { BlockerFunction, Location, To } from "react-router";
import { BlockingHistory } from "./router";

type Listener = (update: { action: string; location: Location; delta: number | null }) => void;

function fakeHistory(start: string) {
  const entries: Location[] = [loc(start)];
  let index = 0;
  let action = "POP";
  let listener: Listener | null = null;
  const pops: number[] = [];
  const history = {
    get action() {
      return action;
    },
    get location() {
      return entries[index]!;
    },
    listen(fn: Listener) {
      listener = fn;
      return () => (listener = null);
    },
    createHref: (to: To) => (typeof to === "string" ? to : (to.pathname ?? "/")),
    createURL: (to: To) => new URL(typeof to === "string" ? to : (to.pathname ?? "/"), "http://localhost"),
    encodeLocation(to: To) {
      const url = new URL(typeof to === "string" ? to : (to.pathname ?? "/"), "http://localhost");
      return { pathname: url.pathname, search: url.search, hash: url.hash };
    },
    push(to: To) {
      action = "PUSH";
      entries.splice(index + 1, entries.length, loc(String(to)));
      index += 1;
      listener?.({ action, location: entries[index]!, delta: 1 });
    },
    replace(to: To) {
      action = "REPLACE";
      entries[index] = loc(String(to));
      listener?.({ action, location: entries[index]!, delta: 0 });
    },
    go(n: number) {
      pops.push(n);
    },
  };
  /** Delivers the back/forward moves asked for so far, as the browser's popstate would. */
  const flushPops = () => {
    while (pops.length > 0) {
      const n = pops.shift()!;
      index += n;
      action = "POP";
      listener?.({ action, location: entries[index]!, delta: n });
    }
  };
  return { history, flushPops, path: () => entries[index]!.pathname };
}

function loc(path: string): Location {
  const url = new URL(path, "http://localhost");
  return { pathname: url.pathname, search: url.search, hash: url.hash, state: null, key: path };
}

function setUp(start: string, shouldBlock: BlockerFunction) {
  const fake = fakeHistory(start);
  const blocking = new BlockingHistory(fake.history as never);
  const shown: string[] = [];
  blocking.listen(({ location }) => shown.push(location.pathname));
  blocking.setBlocker(shouldBlock);
  return { ...fake, blocking, shown };
}

const leavingEditor: BlockerFunction = ({ currentLocation, nextLocation }) =>
  currentLocation.pathname === "/edit" && nextLocation.pathname !== "/edit";

describe("BlockingHistory", () => {
  it("lets navigations through while the blocker says no", () => {
    const { blocking, shown, path } = setUp("/", leavingEditor);
    blocking.navigator.push("/edit");
    blocking.navigator.replace("/edit?tab=2");
    expect(shown).toEqual(["/edit", "/edit"]);
    expect(path()).toBe("/edit");
    expect(blocking.getBlocker().state).toBe("unblocked");
  });

  it("holds a link or navigate() the blocker refuses, until reset (stays) or proceed (goes)", () => {
    const { blocking, shown, path } = setUp("/edit", leavingEditor);
    blocking.navigator.push("/entries/a");
    expect(blocking.getBlocker().state).toBe("blocked");
    expect(blocking.getBlocker().location?.pathname).toBe("/entries/a");
    expect(path()).toBe("/edit");
    blocking.getBlocker().reset!();
    expect(blocking.getBlocker().state).toBe("unblocked");
    expect(shown).toEqual([]);

    blocking.navigator.replace("/entries/b");
    expect(blocking.getBlocker().state).toBe("blocked");
    blocking.getBlocker().proceed!();
    expect(blocking.getBlocker().state).toBe("unblocked");
    expect(shown).toEqual(["/entries/b"]);
    expect(path()).toBe("/entries/b");
  });

  it("undoes a refused back button and goes back on proceed, asking the blocker once", () => {
    let asked = 0;
    const { blocking, shown, path, history, flushPops } = setUp("/", (args) => {
      asked += 1;
      return leavingEditor(args);
    });
    blocking.navigator.push("/edit");
    history.go(-1);
    flushPops(); // back: refused, and the URL put back
    expect(blocking.getBlocker().state).toBe("blocked");
    expect(blocking.getBlocker().location?.pathname).toBe("/");
    expect(path()).toBe("/edit");
    expect(shown).toEqual(["/edit"]);
    const askedWhenBlocked = asked;

    blocking.getBlocker().proceed!();
    flushPops();
    expect(path()).toBe("/");
    expect(shown).toEqual(["/edit", "/"]);
    expect(asked).toBe(askedWhenBlocked);
    expect(blocking.getBlocker().state).toBe("unblocked");
  });

  it("stays on a refused back button when reset, and blocks the next one again", () => {
    const { blocking, shown, path, history, flushPops } = setUp("/", leavingEditor);
    blocking.navigator.push("/edit");
    history.go(-1);
    flushPops();
    blocking.getBlocker().reset!();
    expect(path()).toBe("/edit");
    history.go(-1);
    flushPops();
    expect(blocking.getBlocker().state).toBe("blocked");
    expect(shown).toEqual(["/edit"]);
  });

  it("stops blocking once the blocker is removed (the editor unmounts)", () => {
    const fake = fakeHistory("/edit");
    const blocking = new BlockingHistory(fake.history as never);
    blocking.listen(() => undefined);
    const remove = blocking.setBlocker(leavingEditor);
    remove();
    blocking.navigator.push("/entries/a");
    expect(fake.path()).toBe("/entries/a");
  });
});
