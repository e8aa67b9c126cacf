// Entries like this one (same services, tags and words), so a reader finds the runbook next to the
// postmortem, or the fix that came out of it.
import { entryPath } from "@hindsight/domain";
import { Anchor, Group, Loader, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { formatDate, isoString } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { KindBadge } from "../kind-badge";
import { EntrySection } from "./entry-section";

export function RelatedEntries({ entryId }: { entryId: string }) {
  const trpc = useTRPC();
  const related = useQuery(trpc.search.related.queryOptions({ id: entryId, limit: 6 }));
  // Defensive: an engine may count the entry as related to itself.
  const hits = related.data?.filter((hit) => hit.id !== entryId) ?? [];
  return (
    <EntrySection title="Related entries">
      {related.isPending ? (
        <Loader size="sm" aria-label="Loading related entries" />
      ) : related.isError ? (
        <Text size="sm" c="dimmed">
          Related entries could not be loaded.
        </Text>
      ) : hits.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing related yet.
        </Text>
      ) : (
        <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: "none" }}>
          {hits.map((hit) => (
            <Stack component="li" key={hit.id} gap={2}>
              <Anchor component={Link} to={entryPath(hit.slug)} size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
                {hit.title}
              </Anchor>
              <Group gap={6} wrap="wrap">
                <KindBadge kind={hit.kind} size="xs" />
                <Text size="xs" c="dimmed">
                  {hit.team?.name ?? "No team"} · <time dateTime={isoString(hit.updatedAt)}>{formatDate(hit.updatedAt)}</time>
                </Text>
              </Group>
            </Stack>
          ))}
        </Stack>
      )}
    </EntrySection>
  );
}
