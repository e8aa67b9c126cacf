// What the home page shows before anything is typed: what Hindsight can find, and the most recently
// updated published entries, so the first screen is never blank.
import { entryPath } from "@hindsight/domain";
import { Anchor, Group, Kbd, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { isoString } from "../../lib/format";
import { KIND_LABELS } from "../../lib/labels";
import { timeAgo } from "../../lib/search-time";
import { useTRPC } from "../../lib/trpc";
import { QueryError } from "../query-error";
import { KindIcon } from "./kind-icon";

export function SearchStart() {
  const trpc = useTRPC();
  const recent = useQuery(trpc.entries.list.queryOptions({ status: "published", limit: 8 }));
  const teams = useQuery({ ...trpc.teams.list.queryOptions(), staleTime: 5 * 60_000 });
  const teamNames = new Map((teams.data ?? []).map((team) => [team.id, team.name]));
  return (
    <Stack gap="md">
      <Text c="dimmed" size="sm">
        Search postmortems, fixes, runbooks, chat transcripts and game days. Paste an error or log line to find
        the fix for it. Press <Kbd size="xs">/</Kbd> or <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">K</Kbd> on any page to search from there.
      </Text>
      <section aria-labelledby="recent-heading">
        <Title order={2} size="h4" id="recent-heading" mb="sm">
          Recently updated
        </Title>
        {recent.isPending ? (
          <Stack gap="sm" aria-busy>
            {Array.from({ length: 4 }, (_, index) => (
              <Skeleton key={index} height={36} />
            ))}
          </Stack>
        ) : recent.isError ? (
          <QueryError error={recent.error} title="Could not load recent entries" onRetry={() => void recent.refetch()} />
        ) : recent.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing published yet.{" "}
            <Anchor component={Link} to="/new/postmortem">
              Write the first postmortem
            </Anchor>
            .
          </Text>
        ) : (
          <ul className="search-results" aria-label="Recently updated entries">
            {recent.data.items.map((entry) => {
              const updated = timeAgo(entry.updatedAt);
              return (
                <li key={entry.id}>
                  <Group gap="sm" wrap="nowrap" align="flex-start" className="search-hit">
                    <KindIcon kind={entry.kind} size="sm" mt={2} />
                    <Stack gap={0} miw={0}>
                      <Anchor component={Link} to={entryPath(entry.slug)} fw={500}>
                        {entry.title}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {KIND_LABELS[entry.kind]}
                        {entry.teamId || entry.teamSlug
                          ? ` · ${(entry.teamId && teamNames.get(entry.teamId)) ?? entry.teamSlug ?? ""}`
                          : ""}
                        {updated && (
                          <>
                            {" · updated "}
                            <time dateTime={isoString(entry.updatedAt)}>{updated}</time>
                          </>
                        )}
                      </Text>
                    </Stack>
                  </Group>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </Stack>
  );
}
