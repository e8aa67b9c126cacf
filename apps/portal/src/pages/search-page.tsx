// The home page: search first. The box has focus on load; results come as you type (debounced, and
// a newer search cancels the older request); the query, filters and sort live in the URL
// (lib/search-params.ts) so a search can be shared and Back works.
import { Button, Group, Loader, Stack, TextInput, Title, VisuallyHidden } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { IconSearch, IconX } from "@tabler/icons-react";
import { Suspense, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useSearchParams } from "react-router";
import { SearchStart } from "../components/search/search-start";
import { RESULT_LINK_SELECTOR, type SearchHitView } from "../components/search/search-types";
import { lazyComponent } from "../lib/lazy-component";
import { loadOnce } from "../lib/load-once";
import {
  isActiveSearch,
  parseSearchParams,
  replacesHistory,
  toSearchInput,
  toSearchParams,
  type SearchState,
} from "../lib/search-params";
import { useTRPC, useTRPCClient } from "../lib/trpc";

/**
 * The results view (facets, hits, sort; components/search/search-results-view.tsx) loads once there
 * is a search: the first keystroke starts the download, alongside the search's own request, and a page
 * opened with a search in its URL loads it at once.
 */
const resultsView = loadOnce(() => import("../components/search/search-results-view").then((m) => m.SearchResultsView));
const SearchResultsView = lazyComponent(resultsView);
const preloadResultsView = () => void resultsView.load().catch(() => undefined);

const PAGE_SIZE = 20;
/**
 * A search starts once typing pauses this long: enough to fold the events of one gesture (a paste,
 * key repeat, an input method) into one request, short enough that results can follow the last
 * keystroke within about 100 ms. One search is in flight at a time (see `searchText`), so a fast
 * typist does not queue a search per keystroke on the server.
 */
const SEARCH_DEBOUNCE_MS = 50;
/** The URL (and so the history entry) is written once typing pauses for longer. */
const URL_DEBOUNCE_MS = 200;

export function SearchPage() {
  const trpc = useTRPC();
  const trpcClient = useTRPCClient();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseSearchParams(params), [params]);
  const boxRef = useRef<HTMLInputElement>(null);
  const [filtersOpen, setFiltersOpen] = useState(false);

  // The box is ahead of the URL while typing; the search follows it after a short pause, and the URL
  // catches up after a longer one.
  const [text, setText] = useState(state.q);
  const [typed] = useDebouncedValue(text, SEARCH_DEBOUNCE_MS);
  // The words searched: `typed`, except that while a search is in flight, words typed meanwhile wait
  // for it and then only the latest are searched (the effect below). A superseded search is cancelled
  // in the browser, but the server would still run it, and its single embedded connection would
  // queue every prefix of a word ahead of the word itself.
  const [searchText, setSearchText] = useState(typed);
  const [debouncedText] = useDebouncedValue(text, URL_DEBOUNCE_MS);
  const stateRef = useRef(state);
  stateRef.current = state;

  const navigateTo = (next: SearchState) => {
    setParams(toSearchParams(next), { replace: replacesHistory(stateRef.current, next) });
  };

  // The URL's words as last seen or written here; a URL change to anything else came from outside.
  const lastUrlQ = useRef(state.q);

  useEffect(() => {
    const current = stateRef.current;
    if (debouncedText === current.q) return;
    // Our own write is not news to the effect below: without this, the write landing just after the
    // person typed on would put the written words back into the box over what they typed since.
    lastUrlQ.current = debouncedText;
    navigateTo({ ...current, q: debouncedText });
    // Only a pause in typing writes the URL (so the effect depends on nothing else); a URL change
    // such as Back must not be written back.
  }, [debouncedText]);

  // Back/Forward, or a link with ?q=, changes the URL under the box: show its words.
  useEffect(() => {
    if (state.q !== lastUrlQ.current) {
      lastUrlQ.current = state.q;
      setText(state.q);
    }
  }, [state.q]);

  // What is searched: the URL's state, with the words typed since the URL was last written. When the
  // box shows the URL's words (after Back, or once the URL caught up) those are searched at once.
  const searched = text === state.q ? state : { ...state, q: searchText };
  const active = isActiveSearch(searched);
  const input = toSearchInput(searched, PAGE_SIZE);
  const results = useInfiniteQuery({
    ...trpc.search.query.infiniteQueryOptions(input, {
      getNextPageParam: (page) => page.nextCursor ?? undefined,
      // Passing the AbortSignal lets TanStack Query cancel a search nobody waits for any more.
      trpc: { abortOnUnmount: true },
    }),
    enabled: active,
    // Each search has its own cache key, so a slow old response can never land on a newer search;
    // the previous results stay on screen (dimmed) until the new ones arrive.
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
  const searching = results.isFetching;
  useEffect(() => {
    if (!searching) setSearchText(typed);
  }, [typed, searching]);
  const teams = useQuery({ ...trpc.teams.list.queryOptions(), enabled: active, staleTime: 5 * 60_000 });
  const teamNames = useMemo(() => new Map((teams.data ?? []).map((team) => [team.slug, team.name])), [teams.data]);

  const queryId = results.data?.pages[0]?.queryId ?? null;

  const onOpen = (hit: SearchHitView) => {
    // Fire and forget: the never-opened statistic must not delay or break opening the entry.
    if (queryId !== null) trpcClient.search.opened.mutate({ queryId, entryId: hit.id }).catch(() => undefined);
  };

  const onBoxKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      const link = document.querySelector<HTMLAnchorElement>(`[aria-label="Search results"] ${RESULT_LINK_SELECTOR}`);
      if (link) {
        event.preventDefault();
        link.focus();
      }
    } else if (event.key === "Escape" && text) {
      setText("");
    }
  };

  const clear = () => {
    setText("");
    boxRef.current?.focus();
  };

  return (
    <Stack gap="lg">
      <VisuallyHidden>
        <Title order={1}>Search</Title>
      </VisuallyHidden>
      <form role="search" onSubmit={(event) => event.preventDefault()} className="search-form">
        <TextInput
          ref={boxRef}
          type="search"
          size="lg"
          radius="md"
          aria-label="Search Hindsight"
          placeholder="Search postmortems, fixes, runbooks… or paste an error line"
          value={text}
          onChange={(event) => {
            preloadResultsView();
            setText(event.currentTarget.value);
          }}
          onKeyDown={onBoxKeyDown}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          leftSection={<IconSearch size={20} aria-hidden />}
          rightSection={
            results.isFetching && active ? (
              <Loader size="xs" aria-hidden />
            ) : text ? (
              <Button variant="subtle" color="gray" size="compact-sm" onClick={clear} aria-label="Clear search" px={4}>
                <IconX size={16} aria-hidden />
              </Button>
            ) : null
          }
          rightSectionPointerEvents="all"
        />
      </form>

      {!active ? (
        <SearchStart />
      ) : (
        <Suspense
          fallback={
            <Group justify="center" py="xl">
              <Loader aria-label="Searching" />
            </Group>
          }
        >
          <SearchResultsView
            state={state}
            q={searched.q}
            results={results}
            teamNames={teamNames}
            filtersOpen={filtersOpen}
            onToggleFilters={() => setFiltersOpen((open) => !open)}
            navigateTo={navigateTo}
            onOpen={onOpen}
            searchBoxRef={boxRef}
          />
        </Suspense>
      )}
    </Stack>
  );
}
