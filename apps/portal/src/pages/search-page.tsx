// The home page: search first. The box has focus on load; results come as you type (debounced, and
// a newer search cancels the older request); the query, filters and sort live in the URL
// (lib/search-params.ts) so a search can be shared and Back works.
import { Alert, Box, Button, Group, Loader, NativeSelect, Stack, Text, TextInput, Title, VisuallyHidden } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { IconAlertTriangle, IconAdjustmentsHorizontal, IconSearch, IconX } from "@tabler/icons-react";
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useSearchParams } from "react-router";
import { FacetSidebar } from "../components/search/facet-sidebar";
import { NoResults } from "../components/search/no-results";
import { SearchResults, RESULT_LINK_SELECTOR } from "../components/search/search-results";
import { SearchStart } from "../components/search/search-start";
import type { SearchHitView } from "../components/search/search-types";
import { QueryError } from "../components/query-error";
import { buildFacetGroups } from "../lib/search-facets";
import {
  clearFilters,
  hasFilters,
  isActiveSearch,
  parseSearchParams,
  replacesHistory,
  toggleFacet,
  toSearchInput,
  toSearchParams,
  type FacetKey,
  type SearchSort,
  type SearchState,
} from "../lib/search-params";
import { useTRPC, useTRPCClient } from "../lib/trpc";

const PAGE_SIZE = 20;
const TYPING_DEBOUNCE_MS = 200;

const SORT_OPTIONS = [
  { value: "relevance", label: "Relevance" },
  { value: "newest", label: "Newest" },
];

function resultCount(total: number, estimate: boolean): string {
  const n = total.toLocaleString("en");
  return `${estimate ? "About " : ""}${n} ${total === 1 ? "result" : "results"}`;
}

export function SearchPage() {
  const trpc = useTRPC();
  const trpcClient = useTRPCClient();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseSearchParams(params), [params]);
  const boxRef = useRef<HTMLInputElement>(null);
  const [filtersOpen, setFiltersOpen] = useState(false);

  // The box is ahead of the URL while typing; the URL catches up once typing pauses.
  const [text, setText] = useState(state.q);
  const [debouncedText] = useDebouncedValue(text, TYPING_DEBOUNCE_MS);
  const stateRef = useRef(state);
  stateRef.current = state;

  const navigateTo = (next: SearchState) => {
    setParams(toSearchParams(next), { replace: replacesHistory(stateRef.current, next) });
  };

  useEffect(() => {
    const current = stateRef.current;
    if (debouncedText !== current.q) navigateTo({ ...current, q: debouncedText });
    // Only a pause in typing writes the URL (so the effect depends on nothing else); a URL change
    // such as Back must not be written back.
  }, [debouncedText]);

  // Back/Forward, or a link with ?q=, changes the URL under the box: show its words.
  const lastUrlQ = useRef(state.q);
  useEffect(() => {
    if (state.q !== lastUrlQ.current) {
      lastUrlQ.current = state.q;
      setText(state.q);
    }
  }, [state.q]);

  const active = isActiveSearch(state);
  const input = toSearchInput(state, PAGE_SIZE);
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
  const teams = useQuery({ ...trpc.teams.list.queryOptions(), enabled: active, staleTime: 5 * 60_000 });
  const teamNames = useMemo(() => new Map((teams.data ?? []).map((team) => [team.slug, team.name])), [teams.data]);

  const pages = results.data?.pages ?? [];
  const first = pages[0];
  const hits = pages.flatMap((page) => page.hits);
  const groups = useMemo(() => buildFacetGroups(first?.facets, state, teamNames), [first?.facets, state, teamNames]);
  const selectedCount = groups.reduce((sum, group) => sum + group.options.filter((o) => o.checked).length, 0);
  const queryId = first?.queryId ?? null;

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
          onChange={(event) => setText(event.currentTarget.value)}
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
        <Box className="search-layout">
          <Box component="aside" aria-label="Filters" className="search-facets" data-open={filtersOpen}>
            <Group justify="space-between" mb="xs">
              <Title order={2} size="h5">
                Filters
              </Title>
              {hasFilters(state) && (
                <Button variant="subtle" size="compact-xs" onClick={() => navigateTo(clearFilters(state))}>
                  Clear all
                </Button>
              )}
            </Group>
            <FacetSidebar groups={groups} onToggle={(key: FacetKey, value) => navigateTo(toggleFacet(state, key, value))} />
          </Box>

          <Box component="section" aria-labelledby="results-heading" miw={0}>
            <Group justify="space-between" align="flex-end" mb="sm" gap="sm">
              <div>
                <Title order={2} size="h5" id="results-heading">
                  Results
                </Title>
                <Text size="sm" c="dimmed" role="status">
                  {first ? resultCount(first.total, first.totalIsEstimate) : results.isPending ? "Searching…" : ""}
                </Text>
              </div>
              <Group gap="xs" align="flex-end">
                <Button
                  variant="default"
                  size="xs"
                  hiddenFrom="sm"
                  leftSection={<IconAdjustmentsHorizontal size={14} aria-hidden />}
                  aria-expanded={filtersOpen}
                  onClick={() => setFiltersOpen((open) => !open)}
                >
                  {selectedCount ? `Filters (${selectedCount})` : "Filters"}
                </Button>
                <NativeSelect
                  label="Sort"
                  size="xs"
                  data={SORT_OPTIONS}
                  value={state.sort}
                  onChange={(event) => navigateTo({ ...state, sort: event.currentTarget.value as SearchSort })}
                  className="search-sort"
                />
              </Group>
            </Group>

            {first?.mode === "error" && (
              <Alert variant="light" color="orange" icon={<IconAlertTriangle size={18} aria-hidden />} mb="md">
                Searching as an error line: matching on its fingerprint, so the same error with other ids, numbers,
                paths or timestamps still matches.
              </Alert>
            )}

            {results.isPending ? (
              <Group justify="center" py="xl">
                <Loader aria-label="Searching" />
              </Group>
            ) : results.isError && hits.length === 0 ? (
              <QueryError error={results.error} title="Search failed" onRetry={() => void results.refetch()} />
            ) : hits.length === 0 ? (
              <NoResults q={state.q} filtered={hasFilters(state)} onClearFilters={() => navigateTo(clearFilters(state))} />
            ) : (
              <Stack gap="md">
                <SearchResults hits={hits} onOpen={onOpen} searchBoxRef={boxRef} stale={results.isPlaceholderData} />
                {results.isFetchNextPageError && <QueryError error={results.error} title="Could not load more results" />}
                {results.hasNextPage && (
                  <Group justify="center">
                    <Button
                      variant="default"
                      onClick={() => void results.fetchNextPage()}
                      loading={results.isFetchingNextPage}
                      disabled={results.isPlaceholderData}
                    >
                      Load more results
                    </Button>
                  </Group>
                )}
              </Stack>
            )}
          </Box>
        </Box>
      )}
    </Stack>
  );
}
