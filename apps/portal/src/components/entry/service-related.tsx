// Runbooks and fixes for the services a postmortem names (or, on a runbook or fix, the postmortems
// that cite it by service), so the reader of an incident finds the procedure next to it.
import { entryPath } from "@hindsight/domain";
import { Anchor, Group, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { useTRPC } from "../../lib/trpc";
import { KindBadge } from "../kind-badge";
import { EntrySection } from "./entry-section";

export function ServiceRelated({ entryId, kind }: { entryId: string; kind: string }) {
  const trpc = useTRPC();
  const related = useQuery(trpc.entries.serviceRelated.queryOptions({ id: entryId }));
  if (!related.data || related.data.length === 0) return null;
  return (
    <EntrySection title={kind === "postmortem" ? "Runbooks and fixes for these services" : "Cited in postmortems"}>
      <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: "none" }}>
        {related.data.map((r) => (
          <Stack component="li" key={r.id} gap={2}>
            <Anchor component={Link} to={entryPath(r.slug)} size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
              {r.title}
            </Anchor>
            <Group gap={6} wrap="wrap">
              <KindBadge kind={r.kind} size="xs" />
              <Text size="xs" c="dimmed">
                {r.teamName ?? "No team"} · {r.sharedServices.join(", ")}
              </Text>
            </Group>
          </Stack>
        ))}
      </Stack>
    </EntrySection>
  );
}
