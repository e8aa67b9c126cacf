// A team's inbox on its page: "your runbook was cited in a new postmortem" and the like, for its
// members. The API shows only notices whose entries the reader may read.
import { entryPath } from "@hindsight/domain";
import { Anchor, Badge, Button, Group, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { formatDate, isoString } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { QueryError } from "../query-error";

const KIND_WORD: Record<string, string> = { runbook: "runbook", fix: "fix", postmortem: "postmortem", transcript: "transcript", gameday: "game day" };

export function TeamNotifications({ teamId }: { teamId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notices = useQuery(trpc.teams.notifications.queryOptions({ teamId }));
  const markRead = useMutation(
    trpc.teams.markNotificationsRead.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.teams.notifications.queryKey({ teamId }) }),
    }),
  );
  if (notices.isPending) return null;
  if (notices.isError) return <QueryError error={notices.error} title="Could not load the team's notifications" onRetry={() => void notices.refetch()} />;
  const unread = notices.data.filter((n) => !n.readAt).length;
  return (
    <section aria-labelledby="team-notifications-heading">
      <Stack gap="sm">
        <Group gap="sm">
          <Title order={2} id="team-notifications-heading">
            Notifications
          </Title>
          {unread > 0 && <Badge variant="light">{unread} new</Badge>}
          {unread > 0 && (
            <Button size="xs" variant="subtle" onClick={() => markRead.mutate({ teamId })} loading={markRead.isPending}>
              Mark all read
            </Button>
          )}
        </Group>
        {notices.data.length === 0 ? (
          <Text c="dimmed" size="sm">
            Nothing yet. When a new postmortem touches a service one of your runbooks or fixes covers, it shows up here.
          </Text>
        ) : (
          <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: "none" }}>
            {notices.data.map((n) => (
              <Text component="li" key={n.id} size="sm" fw={n.readAt ? undefined : 600}>
                Your {KIND_WORD[n.entry.kind] ?? n.entry.kind}{" "}
                <Anchor component={Link} to={entryPath(n.entry.slug)} inherit>
                  {n.entry.title}
                </Anchor>{" "}
                was cited in a new postmortem:{" "}
                <Anchor component={Link} to={entryPath(n.source.slug)} inherit>
                  {n.source.title}
                </Anchor>{" "}
                <Text span size="xs" c="dimmed" fw={400}>
                  <time dateTime={isoString(n.createdAt)}>{formatDate(n.createdAt)}</time>
                </Text>
              </Text>
            ))}
          </Stack>
        )}
      </Stack>
    </section>
  );
}
