// One entry (`/entries/:slug`): its facts, summary and markdown body, and its revision history.
import { Anchor, Divider, Group, Stack, Text, Title, Typography } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { KindBadge } from "../components/kind-badge";
import { LabelList } from "../components/label-list";
import { Markdown } from "../components/markdown";
import { PageLoader } from "../components/page-loader";
import { QueryError } from "../components/query-error";
import { RevisionHistory } from "../components/revision-history";
import { StatusBadge } from "../components/status-badge";
import { isNotFound } from "../lib/errors";
import { formatDate, isoString } from "../lib/format";
import { useTRPC, type EntryView } from "../lib/trpc";
import { NotFoundPage } from "./not-found-page";

function EntryFacts({ entry, teamName }: { entry: EntryView; teamName: string | undefined }) {
  return (
    <Group gap="xs" wrap="wrap">
      <KindBadge kind={entry.kind} />
      <StatusBadge status={entry.status} />
      <Text size="sm" c="dimmed">
        {teamName ?? entry.teamSlug ?? "No team"} · by {entry.authorName} · updated{" "}
        <time dateTime={isoString(entry.updatedAt)}>{formatDate(entry.updatedAt)}</time> · version {entry.version}
      </Text>
    </Group>
  );
}

export function EntryPage() {
  const { slug = "" } = useParams();
  const trpc = useTRPC();
  const entry = useQuery(trpc.entries.get.queryOptions({ slug }));
  const teams = useQuery(trpc.teams.list.queryOptions());

  if (entry.isPending) return <PageLoader label="Loading entry" />;
  if (entry.isError) {
    if (isNotFound(entry.error)) return <NotFoundPage what="entry" />;
    return <QueryError error={entry.error} title="Could not load this entry" onRetry={() => void entry.refetch()} />;
  }

  const e = entry.data;
  const teamName = teams.data?.find((team) => team.id === e.teamId)?.name;
  return (
    <Stack gap="lg" component="article" aria-labelledby="entry-title">
      <Anchor component={Link} to="/" size="sm">
        ← All entries
      </Anchor>
      <Stack gap="xs">
        <Title order={1} id="entry-title">
          {e.title}
        </Title>
        <EntryFacts entry={e} teamName={teamName} />
        <LabelList label="Tags" values={e.tags} />
        <LabelList label="Services" values={e.services} />
      </Stack>
      {e.summary && (
        <Text size="lg" style={{ whiteSpace: "pre-line" }}>
          {e.summary}
        </Text>
      )}
      <Divider />
      {e.body.trim() ? (
        <Typography>
          <Markdown className="markdown-body">{e.body}</Markdown>
        </Typography>
      ) : (
        <Text c="dimmed">This entry has no body yet.</Text>
      )}
      <Divider />
      <RevisionHistory entryId={e.id} />
    </Stack>
  );
}
