// A link to another entry known only by id (a postmortem's transcript, a fix's source transcript).
// The reader may not be allowed to see it; then the page says so instead of showing a broken link.
import { entryPath } from "@hindsight/domain";
import { Anchor, Group, Loader, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { isNotFound } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";
import { KindBadge } from "../kind-badge";

export function LinkedEntry({ id, suffix }: { id: string; suffix?: string }) {
  const trpc = useTRPC();
  const linked = useQuery(trpc.entries.get.queryOptions({ id }));
  if (linked.isPending) return <Loader size="xs" aria-label="Loading linked entry" />;
  if (linked.isError) {
    return (
      <Text c="dimmed" size="sm">
        {isNotFound(linked.error) ? "An entry you do not have access to." : "The linked entry could not be loaded."}
      </Text>
    );
  }
  return (
    <Group gap="xs" wrap="wrap">
      <KindBadge kind={linked.data.kind} size="sm" />
      <Anchor component={Link} to={entryPath(linked.data.slug)}>
        {linked.data.title}
      </Anchor>
      {suffix && (
        <Text span size="sm" c="dimmed">
          {suffix}
        </Text>
      )}
    </Group>
  );
}
