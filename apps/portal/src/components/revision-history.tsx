// An entry's revisions, newest first: which version, who made it, when, and their note.
import { List, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { formatDateTime, isoString } from "../lib/format";
import { useTRPC } from "../lib/trpc";
import { PageLoader } from "./page-loader";
import { QueryError } from "./query-error";

export function RevisionHistory({ entryId }: { entryId: string }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.entries.history.queryOptions({ id: entryId }));
  const titleId = useId();

  return (
    <Stack gap="sm" component="section" aria-labelledby={titleId}>
      <Title order={2} size="h3" id={titleId}>
        History
      </Title>
      {history.isPending ? (
        <PageLoader label="Loading history" />
      ) : history.isError ? (
        <QueryError error={history.error} title="Could not load the history" onRetry={() => void history.refetch()} />
      ) : history.data.length === 0 ? (
        <Text c="dimmed">No revisions recorded.</Text>
      ) : (
        <List listStyleType="none" spacing="xs">
          {history.data.map((revision) => (
            <List.Item key={revision.id}>
              <Text size="sm">
                <Text span fw={600}>
                  Version {revision.version}
                </Text>
                {" by "}
                {revision.authorName}
                {", "}
                <time dateTime={isoString(revision.createdAt)}>{formatDateTime(revision.createdAt)}</time>
              </Text>
              {revision.note && (
                <Text size="sm" c="dimmed">
                  {revision.note}
                </Text>
              )}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
