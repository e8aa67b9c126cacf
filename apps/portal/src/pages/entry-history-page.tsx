// An entry's history (`/entries/:slug/history`): every revision, and a side-by-side diff of any two.
// The compared versions live in the URL (?from=&to=), so a diff can be linked to in a review.
import { entryPath } from "@hindsight/domain";
import { Anchor, Group, NativeSelect, Stack, Text, Title } from "@mantine/core";
import { IconArrowLeft, IconArrowsLeftRight } from "@tabler/icons-react";
import { skipToken, useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { RevisionDiff } from "../components/entry/revision-diff";
import { PageLoader } from "../components/page-loader";
import { QueryError } from "../components/query-error";
import { RevisionHistory } from "../components/revision-history";
import { isNotFound } from "../lib/errors";
import { formatDateTime } from "../lib/format";
import { useTRPC, type RevisionView } from "../lib/trpc";
import { NotFoundPage } from "./not-found-page";

function versionParam(value: string | null, versions: readonly number[]): number | undefined {
  const n = Number(value);
  return value && Number.isInteger(n) && versions.includes(n) ? n : undefined;
}

function revisionLabel(r: RevisionView): string {
  return `Version ${r.version} · ${r.authorName} · ${formatDateTime(r.createdAt)}`;
}

export function EntryHistoryPage() {
  const { slug = "" } = useParams();
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const revisionsTitleId = useId();
  const compareTitleId = useId();

  const entry = useQuery(trpc.entries.get.queryOptions({ slug }));
  const history = useQuery(trpc.entries.history.queryOptions(entry.data ? { id: entry.data.id } : skipToken));

  const revisions = history.data ?? [];
  const versions = revisions.map((r) => r.version).sort((a, b) => a - b);
  const latest = versions.at(-1);
  const previous = versions.at(-2);
  const to = versionParam(params.get("to"), versions) ?? latest;
  const from = versionParam(params.get("from"), versions) ?? previous ?? latest;

  const diff = useQuery(
    trpc.entries.diff.queryOptions(
      entry.data && from !== undefined && to !== undefined && from !== to ? { id: entry.data.id, from, to } : skipToken,
    ),
  );

  if (entry.isPending) return <PageLoader label="Loading history" />;
  if (entry.isError) {
    if (isNotFound(entry.error)) return <NotFoundPage what="entry" />;
    return <QueryError error={entry.error} title="Could not load this entry" onRetry={() => void entry.refetch()} />;
  }
  const e = entry.data;

  const choose = (key: "from" | "to", value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    if (key === "from" && to !== undefined) next.set("to", String(to));
    if (key === "to" && from !== undefined) next.set("from", String(from));
    setParams(next, { replace: true });
  };

  const options = [...revisions]
    .sort((a, b) => b.version - a.version)
    .map((r) => ({ value: String(r.version), label: revisionLabel(r) }));

  return (
    <Stack gap="lg" pb="xl">
      <Anchor component={Link} to={entryPath(e.slug)} size="sm" style={{ alignSelf: "flex-start" }}>
        <Group gap={4} component="span" wrap="nowrap">
          <IconArrowLeft size={14} aria-hidden />
          Back to the entry
        </Group>
      </Anchor>
      <Stack gap={4}>
        <Title order={1} style={{ overflowWrap: "anywhere" }}>
          History of “{e.title}”
        </Title>
        <Text c="dimmed">
          {revisions.length > 0
            ? `${revisions.length} ${revisions.length === 1 ? "revision" : "revisions"}; the current one is version ${e.version}.`
            : "Every save is kept as a revision."}
        </Text>
      </Stack>

      {history.isPending ? (
        <PageLoader label="Loading revisions" />
      ) : history.isError ? (
        <QueryError error={history.error} title="Could not load the revisions" onRetry={() => void history.refetch()} />
      ) : (
        <>
          <Stack component="section" aria-labelledby={compareTitleId} gap="md">
            <Title order={2} size="h3" id={compareTitleId}>
              Compare revisions
            </Title>
            {revisions.length < 2 ? (
              <Text c="dimmed">There is only one revision so far, so there is nothing to compare yet.</Text>
            ) : (
              <>
                <Group align="flex-end" gap="sm" wrap="wrap">
                  <NativeSelect
                    label="From revision"
                    data={options}
                    value={String(from)}
                    onChange={(event) => choose("from", event.currentTarget.value)}
                    style={{ flex: "1 1 240px" }}
                  />
                  <IconArrowsLeftRight size={20} aria-hidden style={{ marginBottom: 8 }} />
                  <NativeSelect
                    label="To revision"
                    data={options}
                    value={String(to)}
                    onChange={(event) => choose("to", event.currentTarget.value)}
                    style={{ flex: "1 1 240px" }}
                  />
                </Group>
                {from === to ? (
                  <Text c="dimmed">Pick two different revisions to see what changed between them.</Text>
                ) : diff.isPending ? (
                  <PageLoader label="Loading the differences" />
                ) : diff.isError ? (
                  <QueryError error={diff.error} title="Could not compare these revisions" onRetry={() => void diff.refetch()} />
                ) : (
                  <RevisionDiff changes={diff.data} fromLabel={`Version ${from}`} toLabel={`Version ${to}`} />
                )}
              </>
            )}
          </Stack>

          <Stack component="section" aria-labelledby={revisionsTitleId} gap="sm">
            <Title order={2} size="h3" id={revisionsTitleId}>
              Revisions
            </Title>
            <RevisionHistory revisions={revisions} from={from} to={to} labelledBy={revisionsTitleId} />
          </Stack>
        </>
      )}
    </Stack>
  );
}
