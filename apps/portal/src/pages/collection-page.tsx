// One collection (`/collections/:slug`): its ordered sections, the reader's progress with "mark as
// read" and "continue where you stopped", and for curators the learners table.
import { entryPath } from "@hindsight/domain";
import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { IconArrowRight, IconCircleCheck, IconPencil } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { CollectionItems } from "../components/collections/collection-items";
import { LearnersTable } from "../components/collections/learners-table";
import { ProgressMeter } from "../components/collections/progress-meter";
import type { CollectionDetail, CollectionProgressView } from "../components/collections/types";
import { PageLoader } from "../components/page-loader";
import { QueryError } from "../components/query-error";
import { percentOf, progressText, toggleCompleted } from "../lib/collection-progress";
import { errorMessage, isNotFound } from "../lib/errors";
import { useTRPC } from "../lib/trpc";

export function CollectionPage() {
  const { slug = "" } = useParams();
  const trpc = useTRPC();
  const collection = useQuery(trpc.collections.get.queryOptions({ slug }));

  if (collection.isPending) return <PageLoader label="Loading collection" />;
  if (collection.isError) {
    return (
      <Stack>
        <Title order={1}>{isNotFound(collection.error) ? "Collection not found" : "Collection"}</Title>
        <QueryError error={collection.error} title="Could not load this collection" onRetry={() => void collection.refetch()} />
        <Anchor component={Link} to="/collections">
          All collections
        </Anchor>
      </Stack>
    );
  }
  return <CollectionView collection={collection.data} />;
}

function CollectionView({ collection }: { collection: CollectionDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const progressKey = trpc.collections.progress.queryKey({ collectionId: collection.id });
  const progress = useQuery(trpc.collections.progress.queryOptions({ collectionId: collection.id }));
  const mark = useMutation(
    trpc.collections.markItem.mutationOptions({
      // The tick shows at once; the server's answer (or a refetch after an error) settles it.
      onMutate: async ({ itemId, done }) => {
        await queryClient.cancelQueries({ queryKey: progressKey });
        const previous = queryClient.getQueryData<CollectionProgressView>(progressKey);
        if (previous) {
          const completedItemIds = toggleCompleted(previous.completedItemIds, itemId, done);
          queryClient.setQueryData<CollectionProgressView>(progressKey, {
            ...previous,
            completedItemIds,
            doneItems: completedItemIds.length,
            percent: percentOf(completedItemIds.length, previous.totalItems),
          });
        }
      },
      onSettled: () => {
        // Only the last of several quick clicks refetches, so an older answer never wins.
        if (queryClient.isMutating({ mutationKey: trpc.collections.markItem.mutationKey() }) <= 1) {
          void queryClient.invalidateQueries({ queryKey: progressKey });
          void queryClient.invalidateQueries({ queryKey: trpc.collections.learners.queryKey({ collectionId: collection.id }) });
          void queryClient.invalidateQueries({ queryKey: trpc.collections.mine.queryKey() });
        }
      },
    }),
  );

  const completed = new Set(progress.data?.completedItemIds ?? []);
  // While a click is in flight the optimistic list is ahead of the server's "next" pointer.
  const allItems = collection.sections.flatMap((s) => s.items);
  const next = progress.data ? (allItems.find((i) => !completed.has(i.id)) ?? null) : null;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/collections" size="sm">
        ← All collections
      </Anchor>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Title order={1}>{collection.title}</Title>
          {collection.canCurate && (
            <Button component={Link} to={`/collections/${collection.slug}/edit`} variant="default" leftSection={<IconPencil size={16} aria-hidden="true" />}>
              Edit collection
            </Button>
          )}
        </Group>
        <Group gap="xs">
          {collection.isOnboarding && (
            <Badge variant="light" color="cyan">
              Onboarding path
            </Badge>
          )}
          <Text size="sm" c="dimmed">
            Curated by {collection.team?.name ?? "its author"} · {allItems.length} {allItems.length === 1 ? "entry" : "entries"}
          </Text>
        </Group>
        {collection.description && <Text maw="70ch">{collection.description}</Text>}
      </Stack>

      <Card withBorder radius="md" padding="md">
        {progress.isPending ? (
          <PageLoader label="Loading your progress" />
        ) : progress.isError ? (
          <QueryError error={progress.error} title="Could not load your progress" onRetry={() => void progress.refetch()} />
        ) : (
          <Stack gap="xs">
            <Group justify="space-between" wrap="wrap">
              <Text fw={600} id="your-progress-label">
                Your progress
              </Text>
              <Text size="sm" c="dimmed" aria-live="polite">
                {progressText(progress.data.doneItems, progress.data.totalItems)} · {progress.data.percent}%
              </Text>
            </Group>
            <ProgressMeter label="Your progress" percent={progress.data.percent} />
            {next ? (
              <Group>
                <Button component={Link} to={entryPath(next.entrySlug)} rightSection={<IconArrowRight size={16} aria-hidden="true" />} variant="light">
                  Continue where you stopped
                </Button>
                <Text size="sm" c="dimmed">
                  Next: {next.entryTitle}
                </Text>
              </Group>
            ) : progress.data.totalItems > 0 ? (
              <Group gap="xs">
                <IconCircleCheck size={18} aria-hidden="true" color="var(--mantine-color-teal-filled)" />
                <Text size="sm" fw={500}>
                  You have read everything in this collection.
                </Text>
              </Group>
            ) : null}
          </Stack>
        )}
      </Card>
      {mark.isError && (
        <Alert color="red" variant="light" title="Could not save your progress" withCloseButton onClose={() => mark.reset()} closeButtonLabel="Dismiss">
          {errorMessage(mark.error)}
        </Alert>
      )}

      <CollectionItems
        collection={collection}
        completed={completed}
        nextItemId={next?.id ?? null}
        onToggle={(itemId, done) => mark.mutate({ collectionId: collection.id, itemId, done })}
      />

      {collection.canCurate && <LearnersTable collectionId={collection.id} />}
    </Stack>
  );
}
