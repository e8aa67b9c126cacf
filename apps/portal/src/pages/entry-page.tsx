// One entry (`/entries/:slug`): its title and facts, the structure of its kind (a postmortem's
// timeline, a fix's signatures, a runbook's steps, a transcript's chat, a game day's findings), its
// sanitised markdown body, and an aside with who owns it, who can read it and what is related.
import { Anchor, Divider, Grid, Group, Stack, Text, Title, Typography } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link, useParams } from "react-router";
import { EntryActions } from "../components/entry/entry-actions";
import { EntryFacts } from "../components/entry/entry-facts";
import { EntryNotice } from "../components/entry/entry-notice";
import { EntrySection } from "../components/entry/entry-section";
import { KIND_PAGES } from "../components/entry/kind-views";
import { SeverityBadge } from "../components/entry/postmortem-view";
import { RelatedEntries } from "../components/entry/related-entries";
import { ServiceRelated } from "../components/entry/service-related";
import { ReviewPanel } from "../components/entry/review-panel";
import { KindBadge } from "../components/kind-badge";
import { Markdown } from "../components/markdown";
import { PageLoader } from "../components/page-loader";
import { QueryError } from "../components/query-error";
import { StatusBadge } from "../components/status-badge";
import { canEdit as mayEdit, stripLeadingTitle } from "../lib/entry-view";
import { isNotFound } from "../lib/errors";
import { useCurrentUser } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { NotFoundPage } from "./not-found-page";

/**
 * Counts this reading for the readership dashboard (how widely postmortems travel across teams). The
 * API keeps one view per person, entry and day, so a revisit or a re-render costs nothing; a failure
 * only loses a statistic, so it is not shown.
 */
function useRecordView(entryId: string | undefined) {
  const trpc = useTRPC();
  const { mutate } = useMutation(trpc.insights.recordView.mutationOptions());
  useEffect(() => {
    if (entryId) mutate({ entryId });
  }, [entryId, mutate]);
}

export function EntryPage() {
  const { slug = "" } = useParams();
  const trpc = useTRPC();
  const me = useCurrentUser();
  const entry = useQuery(trpc.entries.get.queryOptions({ slug }));
  const teams = useQuery(trpc.teams.list.queryOptions());
  useRecordView(entry.data?.id);

  if (entry.isPending) return <PageLoader label="Loading entry" />;
  if (entry.isError) {
    if (isNotFound(entry.error)) return <NotFoundPage what="entry" />;
    return <QueryError error={entry.error} title="Could not load this entry" onRetry={() => void entry.refetch()} />;
  }

  const e = entry.data;
  const teamName = teams.data?.find((team) => team.id === e.teamId)?.name;
  const canEdit = mayEdit(me, e);
  const body = stripLeadingTitle(e.body, e.title).trim();
  const page = KIND_PAGES[e.kind];
  // Only a postmortem's schema has a severity.
  const severity = typeof e.fields.severity === "string" ? e.fields.severity : null;

  return (
    <Stack gap="lg" component="article" aria-labelledby="entry-title" pb="xl">
      <Anchor component={Link} to="/entries" size="sm" style={{ alignSelf: "flex-start" }}>
        <Group gap={4} component="span" wrap="nowrap">
          <IconArrowLeft size={14} aria-hidden />
          All entries
        </Group>
      </Anchor>

      <Stack gap="sm">
        <Group gap="xs" wrap="wrap">
          <KindBadge kind={e.kind} />
          <StatusBadge status={e.status} />
          {severity && <SeverityBadge severity={severity} />}
          <Text size="sm" c="dimmed">
            {teamName ?? e.teamSlug ?? "No team"} · by {e.authorName}
          </Text>
        </Group>
        <Title order={1} id="entry-title" style={{ overflowWrap: "anywhere" }}>
          {e.title}
        </Title>
        {e.summary && (
          <Text size="lg" style={{ whiteSpace: "pre-line" }}>
            {e.summary}
          </Text>
        )}
        <EntryActions entry={e} canEdit={canEdit} />
      </Stack>

      <EntryNotice entry={e} canEdit={canEdit} />
      {e.status === "in_review" && <ReviewPanel entry={e} canEdit={canEdit} />}

      <Grid gap={{ base: "lg", md: "xl" }}>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="xl">
            <page.View entry={e} canEdit={canEdit} />
            {body ? (
              <EntrySection title={page.bodyTitle}>
                <Typography>
                  <Markdown className="markdown-body" headingOffset={1}>
                    {body}
                  </Markdown>
                </Typography>
              </EntrySection>
            ) : (
              page.expectsWriteUp && (
                <Text c="dimmed" size="sm">
                  This entry has no write-up yet.
                </Text>
              )
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="lg" style={{ position: "sticky", top: "calc(var(--app-shell-header-offset, 56px) + 16px)" }}>
            <Divider hiddenFrom="md" />
            <EntryFacts entry={e} teamName={teamName} />
            <Divider />
            <ServiceRelated entryId={e.id} kind={e.kind} />
            <RelatedEntries entryId={e.id} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
