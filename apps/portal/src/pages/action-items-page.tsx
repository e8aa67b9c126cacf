// Action items (`/action-items`): what postmortems and game days promised, across every entry, so
// they actually get closed. Mine / my teams / all, filtered by status and overdue (all in the URL),
// with the figures for the chosen tab on top and status changes made inline, optimistically.
import { MetricCard } from "../components/metric-card";
import { ACTION_ITEM_STATUSES, entryPath } from "@hindsight/domain";
import { Anchor, Box, Button, Center, Checkbox, Chip, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconInbox } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Link, useSearchParams } from "react-router";
import { ActionItemNoticeView } from "../components/action-items/action-item-notice";
import { ActionItemsList, type ActionItemHandlers } from "../components/action-items/action-items-list";
import { useUpdateActionItem } from "../components/action-items/use-update-action-item";
import { PageLoader } from "../components/page-loader";
import { QueryError } from "../components/query-error";
import {
  ACTION_ITEM_STATUS_OPTIONS,
  ACTION_ITEM_TABS,
  emptyState,
  formatRate,
  hasFilters,
  LIST_LIMIT,
  listInput,
  readView,
  scopeInput,
  selectedTeam,
  summarize,
  TAB_LABELS,
  writeView,
  type ActionItemsView,
  type ActionItemSummary,
} from "../lib/action-items-view";
import { useCurrentUser } from "../lib/session";
import { useTRPC } from "../lib/trpc";

const TAB_DATA = ACTION_ITEM_TABS.map((tab) => ({ value: tab, label: TAB_LABELS[tab] }));

function Summary({ summary, truncated, label }: { summary: ActionItemSummary; truncated: boolean; label: string }) {
  const headingId = useId();
  return (
    <Box component="section" aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId} mb="xs">
        {label}
      </Title>
      <SimpleGrid component="dl" cols={{ base: 2, sm: 4 }} spacing="sm" m={0}>
        <MetricCard term="Open" value={String(summary.open)} hint="open or in progress" />
        <MetricCard term="Overdue" value={String(summary.overdue)} hint="past due, still open" />
        <MetricCard term="Closed this month" value={String(summary.closedThisMonth)} />
        <MetricCard
          term="Closure rate"
          value={formatRate(summary.closureRate)}
          hint={summary.total ? `${summary.closed} of ${summary.total} closed` : "nothing to close yet"}
        />
      </SimpleGrid>
      {truncated && (
        <Text size="xs" c="dimmed" mt={4}>
          Counting the first {LIST_LIMIT} items.
        </Text>
      )}
    </Box>
  );
}

export function ActionItemsPage() {
  const trpc = useTRPC();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const view = readView(params);
  const setView = (next: ActionItemsView) => setParams(writeView(next), { replace: true });
  const showLabelId = useId();

  const scope = scopeInput(view, me);
  const input = listInput(view, me);
  const teams = useQuery(trpc.teams.list.queryOptions());
  const entry = useQuery({ ...trpc.entries.get.queryOptions({ id: view.entryId ?? "" }), enabled: Boolean(view.entryId) });
  // The figures count the whole tab; the table shows it filtered. Without filters both are one request.
  const scoped = useQuery({ ...trpc.actionItems.list.queryOptions(scope ?? { limit: 1 }), enabled: scope !== null });
  const list = useQuery({ ...trpc.actionItems.list.queryOptions(input ?? { limit: 1 }), enabled: input !== null, placeholderData: keepPreviousData });
  const { update, notice, clearNotice } = useUpdateActionItem();

  const handlers: ActionItemHandlers = {
    onStatus: (item, status) => update({ item, change: { id: item.id, status } }),
    onClose: (item, closer) => update({ item, change: { id: item.id, closedByEntryId: closer.id }, closedBy: closer }),
  };

  const team = view.tab === "teams" ? selectedTeam(view, me) : undefined;
  const teamNames = new Map((teams.data ?? []).map((t) => [t.slug, t.name]));
  const summaryLabel =
    view.tab === "mine" ? "Assigned to you" : view.tab === "teams" ? (team ? `Team ${team.name}` : "Your teams") : "Everything you may read";
  // A tab with nothing to ask (no team yet) must not keep showing the previous tab's rows.
  const items = input === null ? [] : (list.data ?? []);
  const empty = emptyState(view, me);

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Action items</Title>
        <Text c="dimmed">What postmortems and game days promised, and whether it got done.</Text>
      </div>

      <Group gap="md" align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Text size="sm" fw={500} id={showLabelId}>
            Show
          </Text>
          <SegmentedControl
            aria-labelledby={showLabelId}
            data={TAB_DATA}
            value={view.tab}
            onChange={(tab) => {
              const next = ACTION_ITEM_TABS.find((t) => t === tab);
              if (next) setView({ ...view, tab: next, team: next === "teams" ? view.team : undefined });
            }}
          />
        </Stack>
        {view.tab === "teams" && me.teams.length > 0 && (
          <Select
            label="Team"
            data={me.teams.map((t) => ({ value: t.slug, label: t.name }))}
            value={team?.slug ?? null}
            onChange={(slug) => slug && setView({ ...view, team: slug })}
            allowDeselect={false}
            w={220}
          />
        )}
      </Group>

      {view.entryId && (
        <Paper withBorder p="sm" radius="md">
          <Group justify="space-between" gap="sm" wrap="wrap">
            <Text size="sm">
              Only the items of{" "}
              {entry.data ? (
                <Anchor component={Link} to={entryPath(entry.data.slug)}>
                  {entry.data.title}
                </Anchor>
              ) : (
                "one entry"
              )}
              .
            </Text>
            <Button size="xs" variant="default" onClick={() => setView({ ...view, entryId: undefined })}>
              Show items from every entry
            </Button>
          </Group>
        </Paper>
      )}

      {scope === null ? null : scoped.isError ? (
        <QueryError error={scoped.error} title="Could not load the figures" onRetry={() => void scoped.refetch()} />
      ) : scoped.data ? (
        <Summary summary={summarize(scoped.data)} truncated={scoped.data.length >= LIST_LIMIT} label={summaryLabel} />
      ) : null}

      <Group gap="lg" align="flex-end" wrap="wrap" component="section" aria-label="Filters">
        <Box component="fieldset" m={0} p={0} style={{ border: 0 }}>
          <Text component="legend" size="sm" fw={500} mb={4} p={0}>
            Status
          </Text>
          <Chip.Group
            multiple
            value={view.statuses}
            onChange={(values) => setView({ ...view, statuses: ACTION_ITEM_STATUSES.filter((s) => values.includes(s)) })}
          >
            <Group gap={6} wrap="wrap">
              {ACTION_ITEM_STATUS_OPTIONS.map((o) => (
                <Chip key={o.value} value={o.value} size="sm">
                  {o.label}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Box>
        <Checkbox
          label="Overdue only"
          checked={view.overdueOnly}
          onChange={(event) => setView({ ...view, overdueOnly: event.currentTarget.checked })}
          mb={6}
        />
        {hasFilters(view) && (
          <Button variant="subtle" size="xs" onClick={() => setView({ ...view, statuses: [], overdueOnly: false })}>
            Clear filters
          </Button>
        )}
      </Group>

      <ActionItemNoticeView notice={notice} onClose={clearNotice} />

      <Box component="section" aria-label="Results" aria-busy={list.isFetching}>
        {input !== null && list.isPending ? (
          <PageLoader label="Loading action items" />
        ) : input !== null && list.isError && items.length === 0 ? (
          <QueryError error={list.error} title="Could not load action items" onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <Center py="xl">
            <Stack align="center" gap="xs" maw={520}>
              <IconInbox size={32} aria-hidden style={{ color: "var(--mantine-color-dimmed)" }} />
              <Text fw={600} ta="center">
                {empty.title}
              </Text>
              <Text c="dimmed" size="sm" ta="center">
                {empty.hint}
              </Text>
              {hasFilters(view) ? (
                <Button variant="subtle" onClick={() => setView({ ...view, statuses: [], overdueOnly: false })}>
                  Clear filters
                </Button>
              ) : view.tab !== "all" ? (
                <Button variant="subtle" onClick={() => setView({ ...view, tab: "all", team: undefined })}>
                  Show all action items
                </Button>
              ) : (
                <Anchor component={Link} to="/new/postmortem">
                  Write a postmortem
                </Anchor>
              )}
            </Stack>
          </Center>
        ) : (
          <Box style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
            <ActionItemsList items={items} teamNames={teamNames} handlers={handlers} />
            {items.length >= LIST_LIMIT && (
              <Text size="sm" c="dimmed" mt="xs">
                Showing the first {LIST_LIMIT} items; narrow the filters to see the rest.
              </Text>
            )}
          </Box>
        )}
      </Box>
    </Stack>
  );
}
