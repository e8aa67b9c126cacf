// The portal's router: React Router in declarative mode (a browser history, <Router>, useRoutes) with
// the two things the portal took from the data router (createBrowserRouter/RouterProvider), which
// brings the whole data layer along (loaders, actions, fetchers, revalidation: about 16 kB gzipped on
// every page) for neither:
//   - useBlocker, for the editor's "Leave without saving?": in-app navigations (links, navigate(),
//     <Navigate>) ask the mounted blocker before they happen, and back/forward is undone and held,
//     as the data router does (it goes back by the same number of steps, and forward again on proceed);
//   - the error display the data router shows when a page throws while rendering ("Unexpected
//     Application Error!", the message and the stack), in place of the whole route tree and cleared
//     by the next navigation.
// Navigations are transitions, as both of React Router's routers make them, so a lazy page's chunk
// loads while the page before stays on screen.
import {
  Component,
  createContext,
  startTransition,
  useCallback,
  useContext,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ErrorInfo,
  type ReactNode,
} from "react";
import {
  Router,
  UNSAFE_createBrowserHistory as createBrowserHistory,
  useLocation,
  useRoutes,
  type Blocker,
  type BlockerFunction,
  type Location,
  NavigationType,
  type Navigator,
  type RouteObject,
  type To,
} from "react-router";

type BrowserHistory = ReturnType<typeof createBrowserHistory>;

const UNBLOCKED: Blocker = { state: "unblocked", proceed: undefined, reset: undefined, location: undefined };

/**
 * The history every navigation goes through, with one blocker at a time: the function the mounted
 * useBlocker passed, and the blocker's state (held navigation, proceed, reset) for it to render.
 */
export class BlockingHistory {
  readonly history: BrowserHistory;
  /** The location on screen (or on its way there): what a blocker sees as the current location. */
  private current: Location;
  private shouldBlock: BlockerFunction | null = null;
  private blocker: Blocker = UNBLOCKED;
  private readonly blockerListeners = new Set<() => void>();
  /** Set while undoing a blocked back/forward: the popstate that undoing causes is not a navigation. */
  private ignoreNextPop = false;
  /** Set while proceeding with a held back/forward: the blocker is not asked again. */
  private allowNextPop = false;

  constructor(history: BrowserHistory = createBrowserHistory({ v5Compat: true })) {
    this.history = history;
    this.current = history.location;
  }

  /** The navigator the <Router> hands to links and navigate(). */
  readonly navigator: Navigator = {
    createHref: (to) => this.history.createHref(to),
    createURL: (to) => this.history.createURL(to),
    encodeLocation: (to) => this.history.encodeLocation(to),
    go: (delta) => this.history.go(delta),
    push: (to, state) => this.guard(NavigationType.Push, to, state, () => this.history.push(to, state)),
    replace: (to, state) => this.guard(NavigationType.Replace, to, state, () => this.history.replace(to, state)),
  };

  /** Subscribes to the history's navigations (one listener, the router), holding blocked back/forward. */
  listen(onNavigate: (update: { action: NavigationType; location: Location }) => void): () => void {
    return this.history.listen(({ action, location, delta }) => {
      if (action === NavigationType.Pop) {
        if (this.ignoreNextPop) {
          this.ignoreNextPop = false;
          return;
        }
        if (this.allowNextPop) {
          this.allowNextPop = false;
        } else if (delta != null && this.blocks(action, location)) {
          // Put the URL back where it was, and hold the move until the blocker proceeds or resets.
          this.ignoreNextPop = true;
          this.history.go(-delta);
          this.hold(location, () => {
            this.allowNextPop = true;
            this.history.go(delta);
          });
          return;
        }
      }
      this.current = location;
      onNavigate({ action, location });
    });
  }

  /** Registers the mounted blocker's function; returns its removal. */
  setBlocker(shouldBlock: BlockerFunction): () => void {
    this.shouldBlock = shouldBlock;
    return () => {
      if (this.shouldBlock !== shouldBlock) return;
      this.shouldBlock = null;
      this.setBlockerState(UNBLOCKED);
    };
  }

  getBlocker = (): Blocker => this.blocker;

  subscribeBlocker = (listener: () => void): (() => void) => {
    this.blockerListeners.add(listener);
    return () => this.blockerListeners.delete(listener);
  };

  private guard(action: NavigationType, to: To, state: unknown, navigate: () => void) {
    const { pathname, search, hash } = this.history.encodeLocation(to);
    const next: Location = { pathname, search, hash, state: state ?? null, key: "default" };
    if (this.blocks(action, next)) this.hold(next, navigate);
    else navigate();
  }

  private blocks(historyAction: NavigationType, nextLocation: Location): boolean {
    if (!this.shouldBlock || this.blocker.state !== "unblocked") return false;
    return this.shouldBlock({ currentLocation: this.current, nextLocation, historyAction });
  }

  private hold(location: Location, navigate: () => void) {
    this.setBlockerState({
      state: "blocked",
      location,
      reset: () => this.setBlockerState(UNBLOCKED),
      proceed: () => {
        this.setBlockerState({ state: "proceeding", location, proceed: undefined, reset: undefined });
        navigate();
        this.setBlockerState(UNBLOCKED);
      },
    });
  }

  private setBlockerState(blocker: Blocker) {
    this.blocker = blocker;
    for (const listener of this.blockerListeners) listener();
  }
}

const BlockingHistoryContext = createContext<BlockingHistory | null>(null);

/**
 * Holds in-app navigations (and back/forward) for which `shouldBlock` returns true, as React Router's
 * useBlocker: the returned blocker is "blocked" with `proceed` and `reset` until one is called.
 */
export function useBlocker(shouldBlock: BlockerFunction): Blocker {
  const blocking = useContext(BlockingHistoryContext);
  if (!blocking) throw new Error("useBlocker must be used inside <AppRouter>");
  const latest = useRef(shouldBlock);
  latest.current = shouldBlock;
  useLayoutEffect(() => blocking.setBlocker((args) => latest.current(args)), [blocking]);
  return useSyncExternalStore(blocking.subscribeBlocker, blocking.getBlocker);
}

/** The router: the browser's history, and `routes` rendered for its location. */
export function AppRouter({ routes, history }: { routes: RouteObject[]; history?: BlockingHistory }) {
  const blockingRef = useRef<BlockingHistory | null>(history ?? null);
  blockingRef.current ??= new BlockingHistory();
  const blocking = blockingRef.current;
  const [state, setStateNow] = useState(() => ({ action: blocking.history.action, location: blocking.history.location }));
  const setState = useCallback((next: typeof state) => startTransition(() => setStateNow(next)), []);
  useLayoutEffect(() => blocking.listen(setState), [blocking, setState]);
  return (
    <BlockingHistoryContext.Provider value={blocking}>
      <Router location={state.location} navigationType={state.action} navigator={blocking.navigator}>
        <RouteErrors>
          <AppRoutes routes={routes} />
        </RouteErrors>
      </Router>
    </BlockingHistoryContext.Provider>
  );
}

function AppRoutes({ routes }: { routes: RouteObject[] }) {
  return useRoutes(useMemo(() => routes, [routes]));
}

/** The error display of React Router's data router, around the routes; a navigation clears it. */
function RouteErrors({ children }: { children: ReactNode }) {
  return <RouteErrorBoundary location={useLocation()}>{children}</RouteErrorBoundary>;
}

class RouteErrorBoundary extends Component<{ location: Location; children: ReactNode }, { error: unknown; location: Location }> {
  constructor(props: { location: Location; children: ReactNode }) {
    super(props);
    this.state = { error: undefined, location: props.location };
  }

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  static getDerivedStateFromProps(props: { location: Location }, state: { error: unknown; location: Location }) {
    return state.location !== props.location ? { error: undefined, location: props.location } : null;
  }

  override componentDidCatch(error: unknown, _info: ErrorInfo) {
    console.error("React Router caught the following error during render", error);
  }

  override render() {
    const { error } = this.state;
    if (error === undefined) return this.props.children;
    const message = error instanceof Error ? error.message : JSON.stringify(error);
    const stack = error instanceof Error ? error.stack : null;
    return (
      <>
        <h2>Unexpected Application Error!</h2>
        <h3 style={{ fontStyle: "italic" }}>{message}</h3>
        {stack ? <pre style={{ padding: "0.5rem", backgroundColor: "rgba(200,200,200, 0.5)" }}>{stack}</pre> : null}
      </>
    );
  }
}
