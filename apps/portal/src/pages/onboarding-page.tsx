// Onboarding (`/onboarding`): the paths assigned to me as a new team member (and any I started on my
// own), each with my progress and a link back to where I stopped.
import { entryPath } from "@hindsight/domain";
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconArrowRight } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { ProgressMeter } from "../components/collections/progress-meter";
import type { OnboardingAssignmentView } from "../components/collections/types";
import { PageLoader } from "../components/page-loader";
import { QueryError } from "../components/query-error";
import { progressText } from "../lib/collection-progress";
import { formatDate, isoString } from "../lib/format";
import { useTRPC } from "../lib/trpc";

export function OnboardingPage() {
  const trpc = useTRPC();
  const mine = useQuery(trpc.collections.mine.queryOptions());
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Your onboarding</Title>
        <Text c="dimmed" maw="70ch">
          Reading paths your teams curated for new members. Mark entries as read as you go; your curators see how far you are.
        </Text>
      </Stack>
      {mine.isPending ? (
        <PageLoader label="Loading your onboarding paths" />
      ) : mine.isError ? (
        <QueryError error={mine.error} title="Could not load your onboarding paths" onRetry={() => void mine.refetch()} />
      ) : mine.data.length === 0 ? (
        <Card withBorder radius="md" padding="lg">
          <Stack gap="xs">
            <Text fw={500}>No onboarding paths are assigned to you.</Text>
            <Text size="sm" c="dimmed">
              Paths are assigned when you join a team that curates one. You can also start any path from{" "}
              <Anchor component={Link} to="/collections">
                Collections
              </Anchor>
              .
            </Text>
          </Stack>
        </Card>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {mine.data.map((a) => (
            <AssignmentCard key={a.collection.id} assignment={a} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

function AssignmentCard({ assignment: { collection, progress, reason } }: { assignment: OnboardingAssignmentView }) {
  const finished = progress.totalItems > 0 && progress.nextItemId === null;
  return (
    <Card component="li" withBorder radius="md" padding="md">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Title order={2} size="h3">
            <Anchor component={Link} to={`/collections/${collection.slug}`} inherit>
              {collection.title}
            </Anchor>
          </Title>
          {finished ? (
            <Badge color="teal" variant="light">
              Done
            </Badge>
          ) : reason === "started" ? (
            <Badge color="gray" variant="outline">
              Self-started
            </Badge>
          ) : null}
        </Group>
        <Text size="sm" c="dimmed">
          {collection.team ? `From ${collection.team.name}` : "Org-wide"}
          {progress.lastActivityAt && (
            <>
              {" "}
              · last read <time dateTime={isoString(progress.lastActivityAt)}>{formatDate(progress.lastActivityAt)}</time>
            </>
          )}
        </Text>
        {collection.description && (
          <Text size="sm" lineClamp={3}>
            {collection.description}
          </Text>
        )}
        <ProgressMeter label={`${collection.title} progress`} percent={progress.percent} />
        <Group justify="space-between" wrap="wrap">
          <Text size="sm" c="dimmed">
            {progressText(progress.doneItems, progress.totalItems)} · {progress.percent}%
          </Text>
          {progress.nextEntrySlug && (
            <Button
              component={Link}
              to={entryPath(progress.nextEntrySlug)}
              size="xs"
              variant="light"
              rightSection={<IconArrowRight size={14} aria-hidden="true" />}
            >
              {progress.doneItems === 0 ? `Start “${collection.title}”` : `Continue “${collection.title}”`}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
