// Collections (`/collections`): curated, ordered sets of entries; onboarding paths are flagged.
import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { PageLoader } from "../components/page-loader";
import { QueryError } from "../components/query-error";
import { formatDate, isoString } from "../lib/format";
import { useTRPC } from "../lib/trpc";

export function CollectionsPage() {
  const trpc = useTRPC();
  const collections = useQuery(trpc.collections.list.queryOptions());

  return (
    <Stack gap="lg">
      <Title order={1}>Collections</Title>
      {collections.isPending ? (
        <PageLoader label="Loading collections" />
      ) : collections.isError ? (
        <QueryError error={collections.error} title="Could not load collections" onRetry={() => void collections.refetch()} />
      ) : collections.data.length === 0 ? (
        <Text c="dimmed">No collections yet.</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {collections.data.map((collection) => (
            <Card key={collection.id} component="li" withBorder padding="md" radius="md">
              <Stack gap="xs">
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <Title order={2} size="h4">
                    {collection.title}
                  </Title>
                  {collection.isOnboarding && (
                    <Badge variant="light" color="cyan">
                      Onboarding
                    </Badge>
                  )}
                </Group>
                {collection.description && (
                  <Text size="sm" c="dimmed" lineClamp={3}>
                    {collection.description}
                  </Text>
                )}
                <Text size="xs" c="dimmed">
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
