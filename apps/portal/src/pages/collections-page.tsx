// Collections (`/collections`): curated, ordered sets of entries; onboarding paths are flagged.
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { PageLoader } from "../components/page-loader";
import { QueryError } from "../components/query-error";
import { formatDate, isoString } from "../lib/format";
import { useTRPC } from "../lib/trpc";

export function CollectionsPage() {
  const trpc = useTRPC();
  const collections = useQuery(trpc.collections.list.queryOptions());

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center" wrap="wrap">
        <Title order={1}>Collections</Title>
        {/* Anyone may curate: a collection of no team, or one for a team they belong to. */}
        <Button component={Link} to="/collections/new" leftSection={<IconPlus size={16} aria-hidden="true" />}>
          New collection
        </Button>
      </Group>
      {collections.isPending ? (
        <PageLoader label="Loading collections" />
      ) : collections.isError ? (
        <QueryError error={collections.error} title="Could not load collections" onRetry={() => void collections.refetch()} />
      ) : collections.data.length === 0 ? (
        <Text c="dimmed">No collections yet. Group the entries a newcomer should read first into one.</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {collections.data.map((collection) => (
            <Card key={collection.id} component="li" withBorder padding="md" radius="md">
              <Stack gap="xs" h="100%">
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <Title order={2} size="h4">
                    <Anchor component={Link} to={`/collections/${collection.slug}`} inherit>
                      {collection.title}
                    </Anchor>
                  </Title>
                  {collection.isOnboarding && (
                    <Badge variant="light" color="cyan" style={{ flexShrink: 0 }}>
                      Onboarding
                    </Badge>
                  )}
                </Group>
                <Text size="sm">{collection.team ? `Curated by ${collection.team.name}` : "Curated by its author"}</Text>
                {collection.description && (
                  <Text size="sm" c="dimmed" lineClamp={3}>
                    {collection.description}
                  </Text>
                )}
                <Text size="xs" c="dimmed" mt="auto">
                  {collection.itemCount} {collection.itemCount === 1 ? "entry" : "entries"} · updated{" "}
                  <time dateTime={isoString(collection.updatedAt)}>{formatDate(collection.updatedAt)}</time>
                </Text>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
