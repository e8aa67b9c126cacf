// The entries list ("Browse", `/entries`): filter by kind, status and team, then page through with "Load more".
// Filters live in the URL so a filtered list can be bookmarked and shared.
import { ENTRY_KINDS, ENTRY_STATUSES } from "@hindsight/domain";
import { Button, Center, Group, Stack, Text, Title } from "@mantine/core";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { EntriesTable } from "../components/entries-table";
import { EntryFilters, type EntryFilterValues } from "../components/entry-filters";
import { PageLoader } from "../components/page-loader";
import { QueryError } from "../components/query-error";
import { useTRPC } from "../lib/trpc";

const PAGE_SIZE = 25;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function readFilters(params: URLSearchParams): EntryFilterValues {
  // Unknown values in a hand-edited URL are ignored rather than sent to the API to be rejected.
  const team = params.get("team");
  return {
    kind: ENTRY_KINDS.find((kind) => kind === params.get("kind")),
    status: ENTRY_STATUSES.find((status) => status === params.get("status")),
    teamId: team && UUID.test(team) ? team : undefined,
  };
}

function writeFilters(values: EntryFilterValues): URLSearchParams {
  const params = new URLSearchParams();
  if (values.kind) params.set("kind", values.kind);
  if (values.status) params.set("status", values.status);
  if (values.teamId) params.set("team", values.teamId);
  return params;
}

export function EntriesPage() {
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const teams = useQuery(trpc.teams.list.queryOptions());
  const entries = useInfiniteQuery(
    trpc.entries.list.infiniteQueryOptions(
      { ...filters, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor ?? undefined, placeholderData: keepPreviousData },
    ),
  );
  const items = entries.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Boolean(filters.kind || filters.status || filters.teamId);

  return (
    <Stack gap="lg">
      <Title order={1}>Entries</Title>
      <EntryFilters
        values={filters}
        teams={teams.data ?? []}
        onChange={(values) => setParams(writeFilters(values), { replace: true })}
      />
      <section aria-label="Results" aria-busy={entries.isFetching}>
        {entries.isPending ? (
          <PageLoader label="Loading entries" />
        ) : entries.isError && items.length === 0 ? (
          <QueryError error={entries.error} title="Could not load entries" onRetry={() => void entries.refetch()} />
        ) : items.length === 0 ? (
          <Center py="xl">
            <Stack align="center" gap="xs">
              <Text c="dimmed">{filtered ? "No entries match these filters." : "No entries yet."}</Text>
              {filtered && (
                <Button variant="subtle" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
                  Clear filters
                </Button>
              )}
            </Stack>
          </Center>
        ) : (
          <Stack gap="md" style={{ opacity: entries.isPlaceholderData ? 0.6 : 1 }}>
            <EntriesTable entries={items} teams={teams.data ?? []} />
            {entries.isFetchNextPageError && (
              <QueryError error={entries.error} title="Could not load more entries" />
            )}
            {entries.hasNextPage && (
              <Group justify="center">
                <Button
                  variant="default"
                  onClick={() => void entries.fetchNextPage()}
                  loading={entries.isFetchingNextPage}
                  disabled={entries.isPlaceholderData}
                >
                  Load more
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </section>
    </Stack>
  );
}
