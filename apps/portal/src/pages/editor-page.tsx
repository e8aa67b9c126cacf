// The editor page for `/new/:kind` and `/entries/:slug/edit`: resolves where the editor starts (the
// kind's template, or the saved entry) and which teams the writer may file it under, then hands
// over to components/editor/entry-editor.tsx. This page is lazy-loaded, so CodeMirror, the domain
// schemas and the markdown preview never reach the search page's bundle.
import { ENTRY_KINDS, KIND_LABELS, type EntryKind, entryPath, newEntryPath } from "@hindsight/domain";
import { Anchor, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { Link, useLocation, useNavigate, useParams, useSearchParams } from "react-router";
import { EntryEditor } from "../components/editor/entry-editor";
import { PageLoader } from "../components/page-loader";
import { QueryError } from "../components/query-error";
import { entryContent, newEntryContent } from "../lib/editor-content";
import { isNotFound } from "../lib/errors";
import { useCurrentUser } from "../lib/session";
import { useTRPC, type EntryView } from "../lib/trpc";

const isKind = (k: string | undefined): k is EntryKind => (ENTRY_KINDS as readonly string[]).includes(k ?? "");

/** Teams the writer may file an entry under: their own (every team for admins), plus the entry's current one. */
function useTeamOptions(currentTeamId: string | null) {
  const trpc = useTRPC();
  const user = useCurrentUser();
  const teams = useQuery(trpc.teams.list.queryOptions());
  return useMemo(() => {
    const all = teams.data ?? [];
    const mine = new Set(user.teams.map((t) => t.id));
    const allowed = user.orgRole === "admin" ? all : all.filter((t) => mine.has(t.id) || t.id === currentTeamId);
    const options = allowed.map((t) => ({ value: t.id, label: t.name }));
    // Before the list arrives (or if it fails), the user's own teams are enough to pick from.
    if (options.length === 0) return user.teams.map((t) => ({ value: t.id, label: t.name }));
    return options;
  }, [teams.data, user, currentTeamId]);
}

function useEditorKey(fallback: string): string {
  const state: unknown = useLocation().state;
  const key = state && typeof state === "object" ? (state as { editorKey?: unknown }).editorKey : undefined;
  return typeof key === "string" ? key : fallback;
}

function NewEntry({ kind }: { kind: EntryKind }) {
  const user = useCurrentUser();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const teamOptions = useTeamOptions(null);
  const editorKey = useEditorKey(`new:${kind}`);
  const prefillTitle = params.get("title");
  const initial = useMemo(
    () => newEntryContent(kind, { title: prefillTitle, teamId: user.teams[0]?.id ?? null }),
    [kind, prefillTitle, user.teams],
  );
  const onCreated = (entry: EntryView) => void navigate(entryPath(entry.slug, "edit"), { replace: true, state: { editorKey } });
  return <EntryEditor key={editorKey} kind={kind} entry={null} initial={initial} teamOptions={teamOptions} onCreated={onCreated} />;
}

function EditEntry({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const entry = useQuery({ ...trpc.entries.get.queryOptions({ slug }), staleTime: 0, refetchOnWindowFocus: false });
  const editorKey = useEditorKey(`edit:${slug}`);
  const teamOptions = useTeamOptions(entry.data?.teamId ?? null);
  // The editor owns its copy from here on: refetches must not reset what the writer is typing.
  const initial = useMemo(() => (entry.data ? entryContent(entry.data) : null), [entry.data?.id]);
  if (entry.isPending) return <PageLoader label="Loading entry" />;
  if (entry.isError) {
    if (isNotFound(entry.error)) {
      return (
        <Stack>
          <Title order={1}>Entry not found</Title>
          <Text>
            It may have been renamed, or you may not have access. <Anchor component={Link} to="/entries">Browse entries</Anchor>
          </Text>
        </Stack>
      );
    }
    return <QueryError error={entry.error} onRetry={() => void entry.refetch()} />;
  }
  return (
    <EntryEditor key={editorKey} kind={entry.data.kind} entry={entry.data} initial={initial ?? entryContent(entry.data)} teamOptions={teamOptions} onCreated={() => undefined} />
  );
}

export function EditorPage() {
  const { kind, slug } = useParams();
  if (slug) return <EditEntry slug={slug} />;
  if (!isKind(kind)) {
    return (
      <Stack>
        <Title order={1}>No such kind of entry</Title>
        <Text>
          Pick one of: {ENTRY_KINDS.map((k, i) => (
            <span key={k}>
              {i > 0 && ", "}
              <Anchor component={Link} to={newEntryPath(k)}>
                {KIND_LABELS[k]}
              </Anchor>
            </span>
          ))}
          .
        </Text>
      </Stack>
    );
  }
  return <NewEntry kind={kind} />;
}
