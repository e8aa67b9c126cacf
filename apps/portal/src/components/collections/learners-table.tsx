// The curator's "who is where": each assigned or self-started learner with the same progress figures
// they see on their own bar (both come from the API's one progress computation).
import { Badge, Group, Progress, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { formatDateTime, isoString } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { progressText } from "../../lib/collection-progress";
import { PageLoader } from "../page-loader";
import { QueryError } from "../query-error";

export function LearnersTable({ collectionId }: { collectionId: string }) {
  const trpc = useTRPC();
  const learners = useQuery(trpc.collections.learners.queryOptions({ collectionId }));
  return (
    <section aria-labelledby="learners-heading">
      <Title order={2} id="learners-heading" mb="xs">
        Learners
      </Title>
      {learners.isPending ? (
        <PageLoader label="Loading learners" />
      ) : learners.isError ? (
        <QueryError error={learners.error} title="Could not load learners" onRetry={() => void learners.refetch()} />
      ) : learners.data.length === 0 ? (
        <Text c="dimmed">Nobody is on this path yet. New members of the curating team see it on their onboarding page.</Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table aria-labelledby="learners-heading" striped highlightOnHover verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Person</Table.Th>
                <Table.Th scope="col">Progress</Table.Th>
                <Table.Th scope="col">Last activity</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {learners.data.map((l) => (
                <Table.Tr key={l.userId}>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Text size="sm" fw={500}>
                        {l.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        @{l.handle}
                      </Text>
                      {l.reason === "started" && (
                        <Badge size="xs" variant="outline" color="gray">
                          Self-started
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap">
                      <Text size="sm" fw={600} w="3.5em">
                        {l.percent}%
                      </Text>
                      <Progress value={l.percent} size="sm" w={120} aria-hidden="true" color={l.percent === 100 ? "teal" : undefined} />
                      <Text size="xs" c="dimmed">
                        {progressText(l.doneItems, l.totalItems)}
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {l.lastActivityAt ? (
                      <Text size="sm">
                        <time dateTime={isoString(l.lastActivityAt)}>{formatDateTime(l.lastActivityAt)}</time>
                      </Text>
                    ) : (
                      <Text size="sm" c="dimmed">
                        Not started
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}
