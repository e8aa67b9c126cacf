// What a team has published and curates, on its page: its most recent published entries and its
// collections (onboarding paths flagged), each a link to the full page.
import { entryPath } from "@hindsight/domain";
import { Anchor, Badge, Group, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { formatDate, isoString } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { KindBadge } from "../kind-badge";
import { PageLoader } from "../page-loader";
import { QueryError } from "../query-error";

const RECENT = 10;

const plainList = { listStyle: "none", padding: 0, margin: 0 } as const;

export function TeamEntries({ teamId }: { teamId: string }) {
  const trpc = useTRPC();
  const entries = useQuery(trpc.entries.list.queryOptions({ teamId, status: "published", limit: RECENT }));
  return (
    <section aria-labelledby="team-entries-heading">
      <Stack gap="sm">
        <Title order={2} id="team-entries-heading">
          Recently published
        </Title>
        {entries.isPending ? (
          <PageLoader label="Loading the team's entries" />
        ) : entries.isError ? (
          <QueryError error={entries.error} title="Could not load the team's entries" onRetry={() => void entries.refetch()} />
        ) : entries.data.items.length === 0 ? (
          <Text c="dimmed">Nothing published for this team yet.</Text>
        ) : (
          <Stack component="ul" gap="xs" style={plainList}>
            {entries.data.items.map((entry) => (
              <li key={entry.id}>
                <Group gap="sm" wrap="nowrap" align="baseline">
                  <KindBadge kind={entry.kind} style={{ flexShrink: 0 }} />
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Anchor component={Link} to={entryPath(entry.slug)} fw={500}>
                      {entry.title}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      Updated <time dateTime={isoString(entry.updatedAt)}>{formatDate(entry.updatedAt)}</time>
                    </Text>
                  </Stack>
                </Group>
              </li>
            ))}
          </Stack>
        )}
        {entries.data?.nextCursor && (
          <Text size="sm">
            <Anchor component={Link} to={`/entries?team=${encodeURIComponent(teamId)}&status=published`}>
              Browse all of the team&apos;s entries
            </Anchor>
          </Text>
        )}
      </Stack>
    </section>
  );
}

export function TeamCollections({ teamId }: { teamId: string }) {
  const trpc = useTRPC();
  const collections = useQuery(trpc.collections.list.queryOptions());
  const mine = collections.data?.filter((c) => c.teamId === teamId) ?? [];
  return (
    <section aria-labelledby="team-collections-heading">
      <Stack gap="sm">
        <Title order={2} id="team-collections-heading">
          Collections and onboarding paths
        </Title>
        {collections.isPending ? (
          <PageLoader label="Loading the team's collections" />
        ) : collections.isError ? (
          <QueryError error={collections.error} title="Could not load collections" onRetry={() => void collections.refetch()} />
        ) : mine.length === 0 ? (
          <Text c="dimmed">This team curates no collections yet.</Text>
        ) : (
          <Stack component="ul" gap="xs" style={plainList}>
            {mine.map((collection) => (
              <li key={collection.id}>
                <Group gap="sm" wrap="wrap" align="baseline">
                  <Anchor component={Link} to={`/collections/${encodeURIComponent(collection.slug)}`} fw={500}>
                    {collection.title}
                  </Anchor>
                  {collection.isOnboarding && (
                    <Badge variant="light" color="cyan" size="sm">
                      Onboarding
                    </Badge>
                  )}
                  <Text size="xs" c="dimmed">
                    {collection.itemCount} {collection.itemCount === 1 ? "entry" : "entries"}
                  </Text>
                </Group>
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </section>
  );
}
