// Two small hooks for the pages that run before the portal's data layer (TanStack Query) is loaded,
// i.e. the sign-in page: a request made on mount, and an action run on demand. The same fields as
// TanStack Query's results, so those pages read like the rest of the portal.
import { useCallback, useEffect, useRef, useState } from "react";

export type RequestState<T> =
  | { isPending: true; isError: false; data: undefined; error: null }
  | { isPending: false; isError: true; data: undefined; error: unknown }
  | { isPending: false; isError: false; data: T; error: null };

/** Runs `load` on mount (and on refetch); a late answer of an unmounted or superseded run is dropped. */
export function useRequest<T>(load: () => Promise<T>): RequestState<T> & { refetch(): void } {
  const [state, setState] = useState<RequestState<T>>({ isPending: true, isError: false, data: undefined, error: null });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let current = true;
    setState({ isPending: true, isError: false, data: undefined, error: null });
    loadRef.current().then(
      (data) => current && setState({ isPending: false, isError: false, data, error: null }),
      (error: unknown) => current && setState({ isPending: false, isError: true, data: undefined, error }),
    );
    return () => {
      current = false;
    };
  }, [attempt]);
  const refetch = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, refetch };
}

export interface ActionState<I> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  mutate(input: I, options?: { onError?: (error: unknown) => void }): void;
}

/** Runs `run` when asked; `onSuccess` follows a success, the error is kept for the page to show. */
export function useAction<I, O>(run: (input: I) => Promise<O>, { onSuccess }: { onSuccess?: (output: O) => void } = {}): ActionState<I> {
  const [state, setState] = useState<{ isPending: boolean; error: unknown; isError: boolean }>({ isPending: false, error: null, isError: false });
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const mutate = (input: I, options: { onError?: (error: unknown) => void } = {}) => {
    setState({ isPending: true, error: null, isError: false });
    run(input).then(
      (output) => {
        if (mounted.current) setState({ isPending: false, error: null, isError: false });
        onSuccess?.(output);
      },
      (error: unknown) => {
        if (mounted.current) setState({ isPending: false, error, isError: true });
        options.onError?.(error);
      },
    );
  };
  return { ...state, mutate };
}
