// A module that loads on first use: the import starts on the first call and is shared by every
// later one; once it has arrived, `loaded()` returns it synchronously (so a component mounted after
// it can render the real thing at once). A failed import is forgotten, so the next call tries again.
export interface LoadOnce<T> {
  load(): Promise<T>;
  loaded(): T | null;
}

export function loadOnce<T>(importer: () => Promise<T>): LoadOnce<T> {
  let value: T | null = null;
  let loading: Promise<T> | null = null;
  return {
    load() {
      loading ??= importer().then(
        (v) => (value = v),
        (error: unknown) => {
          loading = null; // try again on the next call
          throw error;
        },
      );
      return loading;
    },
    loaded: () => value,
  };
}
