// The home page once there is something to search for: the facet sidebar, the results heading and
// sort, the error-line and weak-match notices, the hits (or no results, or the error) and "Load more". Its own chunk,
// loaded when a search becomes active (the first keystroke in the box starts the download, beside the
// search's own request), so a first visit to the search page does not download it before anyone typed.
// The search itself (its query, the URL, the box) stays in pages/search-page.tsx.
import { Alert, Anchor, Box, Button, Group, Loader, NativeSelect, Stack, Text, Title } from "@mantine/core";
import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";
import { IconAdjustmentsHorizontal, IconAlertTriangle, IconInfoCircle } from "@tabler/icons-react";
import { useEffect, useMemo, type RefObject } from "react";
import { Link } from "react-router";
import { buildFacetGroups } from "../../lib/search-facets";
import { clearFilters, hasFilters, publishLink, toggleFacet, type FacetKey, type SearchSort, type SearchState } from "../../lib/search-params";
import { QueryError } from "../query-error";
import { FacetSidebar } from "./facet-sidebar";
import { NoResults } from "./no-results";
import { SearchResults } from "./search-results";
import type { SearchHitView, SearchResponse } from "./search-types";

const SORT_OPTIONS = [
  { value: "relevance", label: "Relevance" },
  { value: "newest", label: "Newest" },
];

function resultCount(total: number, estimate: boolean): string {
  const n = total.toLocaleString("en");
  return `${estimate ? "About " : ""}${n} ${total === 1 ? "result" : "results"}`;
}

export interface SearchResultsViewProps {
  /** The URL's search state (filters, sort). */
  state: SearchState;
  /** The words searched, which may be ahead of the URL's while typing. */
  q: string;
  results: UseInfiniteQueryResult<InfiniteData<SearchResponse, unknown>, unknown>;
  teamNames: ReadonlyMap<string, string>;
  filtersOpen: boolean;
  onToggleFilters: () => void;
  navigateTo: (next: SearchState) => void;
  onOpen: (hit: SearchHitView) => void;
  searchBoxRef: RefObject<HTMLInputElement | null>;
}

export function SearchResultsView(props: SearchResultsViewProps) {
  const { state, q, results, teamNames, filtersOpen, onToggleFilters, navigateTo, onOpen, searchBoxRef } = props;
  const pages = results.data?.pages ?? [];
  const first = pages[0];
  const hits = pages.flatMap((page) => page.hits);
  const groups = useMemo(() => buildFacetGroups(first?.facets, state, teamNames), [first?.facets, state, teamNames]);
  const selectedCount = groups.reduce((sum, group) => sum + group.options.filter((o) => o.checked).length, 0);

  // The moment a search's own results (not the previous ones kept on screen meanwhile) have rendered,
  // as a Performance API mark: the browser suite measures keystroke-to-results from it
  // (e2e/portal-perf.e2e.ts). A passive effect runs after the browser has painted the commit; it is
  // here, in the component that renders the results, so a first search marks once they are on screen.
  useEffect(() => {
    if (first && !results.isPlaceholderData) performance.mark("hindsight:search-results", { detail: { q } });
  }, [first, results.isPlaceholderData]);

  return (
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
              onClick={onToggleFilters}
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

        {first?.weakMatch && hits.length > 0 && !results.isPlaceholderData && (
          <Alert variant="light" color="yellow" icon={<IconInfoCircle size={18} aria-hidden />} mb="md" title="No clear answer yet">
            These entries only share some of your words; none of them is clearly about “{q.trim()}”. The search has
            been noted as a knowledge gap. If you work it out,{" "}
            <Anchor component={Link} to={publishLink(q.trim())}>
              publish what you learn
            </Anchor>
            .
          </Alert>
        )}

        {results.isPending ? (
          <Group justify="center" py="xl">
            <Loader aria-label="Searching" />
          </Group>
        ) : results.isError && hits.length === 0 ? (
          <QueryError error={results.error} title="Search failed" onRetry={() => void results.refetch()} />
        ) : hits.length === 0 ? (
          <NoResults q={q} filtered={hasFilters(state)} onClearFilters={() => navigateTo(clearFilters(state))} />
        ) : (
          <Stack gap="md">
            <SearchResults hits={hits} onOpen={onOpen} searchBoxRef={searchBoxRef} stale={results.isPlaceholderData} />
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
  );
}
