// Collection editor (`/collections/new`, `/collections/:slug/edit`): title, description, curating
// team, onboarding switch and the ordered sections of entries. Saves carry the version the editor
// started from; if someone else saved first, the conflict is shown and nothing is overwritten silently.
import { Alert, Anchor, Button, Group, Select, Stack, Switch, Text, Textarea, TextInput, Title } from "@mantine/core";
import { IconAlertTriangle, IconPlus } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { SectionEditor } from "../components/collections/section-editor";
import type { CollectionDetail } from "../components/collections/types";
import { PageLoader } from "../components/page-loader";
import { QueryError } from "../components/query-error";
import {
  addItem,
  addSection,
  conflictVersion,
  draftErrors,
  draftFromCollection,
  draftToInput,
  emptyDraft,
  moveItem,
  moveSection,
  removeItem,
  removeSection,
  renameSection,
  setItemNote,
  type CollectionDraft,
} from "../lib/collection-draft";
import { errorMessage, fieldErrors } from "../lib/errors";
import { useCurrentUser } from "../lib/session";
import { useTRPC } from "../lib/trpc";

export function CollectionEditorPage() {
  const { slug } = useParams();
  const trpc = useTRPC();
  const existing = useQuery({ ...trpc.collections.get.queryOptions({ slug: slug ?? "" }), enabled: Boolean(slug) });
  if (!slug) return <CollectionEditor key="new" />;
  if (existing.isPending) return <PageLoader label="Loading collection" />;
  if (existing.isError) {
    return (
      <Stack>
        <Title order={1}>Edit collection</Title>
        <QueryError error={existing.error} title="Could not load this collection" onRetry={() => void existing.refetch()} />
      </Stack>
    );
  }
  if (!existing.data.canCurate) {
    return (
      <Stack>
        <Title order={1}>Edit collection</Title>
        <Alert color="yellow" variant="light" title="You cannot edit this collection">
          Only members of {existing.data.team?.name ?? "the curating team"} and admins may change it.{" "}
          <Anchor component={Link} to={`/collections/${existing.data.slug}`}>
            Back to the collection
          </Anchor>
        </Alert>
      </Stack>
    );
  }
  // Keyed by version: reloading after a conflict starts again from the latest saved state.
  return <CollectionEditor key={`${existing.data.id}-${existing.data.version}`} existing={existing.data} />;
}

function CollectionEditor({ existing }: { existing?: CollectionDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const teams = useQuery(trpc.teams.list.queryOptions());
  const [draft, setDraft] = useState<CollectionDraft>(() => (existing ? draftFromCollection(existing) : emptyDraft(me.teams[0]?.id ?? null)));
  const [baseVersion, setBaseVersion] = useState(existing?.version ?? 1);
  const [showErrors, setShowErrors] = useState(false);

  const onSaved = (saved: CollectionDetail) => {
    queryClient.setQueryData(trpc.collections.get.queryKey({ slug: saved.slug }), saved);
    void queryClient.invalidateQueries({ queryKey: trpc.collections.list.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.collections.mine.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.collections.progress.queryKey({ collectionId: saved.id }) });
    void navigate(`/collections/${saved.slug}`);
  };
  const create = useMutation(trpc.collections.create.mutationOptions({ onSuccess: onSaved }));
  const update = useMutation(trpc.collections.update.mutationOptions({ onSuccess: onSaved }));
  const save = existing ? update : create;
  const conflictAt = conflictVersion(save.error);
  // A refused save is reported at the top of the form; bring it into view (and focus) from the Save button.
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (save.error && alertRef.current) {
      alertRef.current.scrollIntoView({ block: "center" });
      alertRef.current.focus();
    }
  }, [save.error]);

  const localErrors = draftErrors(draft);
  const serverErrors = save.error ? fieldErrors(save.error) : {};
  const errorFor = (key: string) => (showErrors ? localErrors[key] : undefined) ?? serverErrors[key];

  const submit = (overwriteVersion?: number) => {
    setShowErrors(true);
    if (Object.keys(localErrors).length > 0) return;
    const input = draftToInput(draft);
    if (existing) {
      const expectedVersion = overwriteVersion ?? baseVersion;
      if (overwriteVersion) setBaseVersion(overwriteVersion);
      update.mutate({ id: existing.id, expectedVersion, ...input });
    } else {
      create.mutate({ ...input, teamId: draft.teamId });
    }
  };

  // Members pick one of their teams; admins may curate for any team.
  const teamOptions = [
    { value: "", label: "No team (only you curate it)" },
    ...(teams.data ?? [])
      .filter((t) => me.orgRole === "admin" || me.teams.some((m) => m.id === t.id))
      .map((t) => ({ value: t.id, label: t.name })),
  ];
  const usedEntryIds = new Set(draft.sections.flatMap((s) => s.items.map((i) => i.entryId)));
  const title = existing ? `Edit “${existing.title}”` : "New collection";

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="lg">
        <Anchor component={Link} to={existing ? `/collections/${existing.slug}` : "/collections"} size="sm">
          ← {existing ? "Back to the collection" : "All collections"}
        </Anchor>
        <Title order={1}>{title}</Title>

        {conflictAt !== null ? (
          <Alert
            ref={alertRef}
            tabIndex={-1}
            color="orange"
            variant="light"
            title="Someone else saved this collection first"
            role="alert"
            icon={<IconAlertTriangle aria-hidden="true" />}
            // The light orange title colour is too faint on its background; the icon carries the accent.
            styles={{ label: { color: "var(--mantine-color-text)" } }}
          >
            <Stack gap="xs">
              <Text size="sm">
                It is now at version {conflictAt}; you started from version {baseVersion}. Your changes are still here and nothing was
                overwritten. Reload to see their version (your edits here are discarded), or save yours over it.
              </Text>
              <Group gap="xs">
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => void queryClient.invalidateQueries({ queryKey: trpc.collections.get.queryKey({ slug: existing?.slug ?? "" }) })}
                >
                  Reload their version
                </Button>
                <Button size="xs" variant="default" onClick={() => submit(conflictAt)}>
                  Save mine over it
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : save.isError ? (
          <Alert ref={alertRef} tabIndex={-1} color="red" variant="light" title="Could not save the collection" role="alert">
            {errorMessage(save.error)}
          </Alert>
        ) : null}

        <Stack gap="md" maw={720}>
          <TextInput label="Title" required value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })} error={errorFor("title")} />
          <Textarea
            label="Description"
            description="Who it is for and how to use it"
            autosize
            minRows={2}
            maxRows={8}
            value={draft.description}
            onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value })}
            error={errorFor("description")}
          />
          <Select
            label="Team"
            description={existing ? "The curating team is set when a collection is created." : "Members of this team curate the collection."}
            data={teamOptions}
            value={draft.teamId ?? ""}
            onChange={(v) => setDraft({ ...draft, teamId: v ? v : null })}
            disabled={Boolean(existing)}
            allowDeselect={false}
            error={errorFor("teamId")}
          />
          <Switch
            label="Onboarding path"
            description="Assigned to people who joined the curating team in the last 90 days; they see it under Onboarding with their progress."
            checked={draft.isOnboarding}
            onChange={(e) => setDraft({ ...draft, isOnboarding: e.currentTarget.checked })}
          />
      </Stack>

      <Stack gap="sm">
        <Title order={2}>Sections</Title>
        {errorFor("sections") && (
          <Text c="red" size="sm" role="alert">
            {errorFor("sections")}
          </Text>
        )}
        {draft.sections.map((section, index) => (
          <SectionEditor
            key={section.key}
            section={section}
            index={index}
            count={draft.sections.length}
            titleError={errorFor(`sections.${index}.title`)}
            usedEntryIds={usedEntryIds}
            onRename={(t) => setDraft((d) => renameSection(d, section.key, t))}
            onMove={(delta) => setDraft((d) => moveSection(d, section.key, delta))}
            onRemove={() => setDraft((d) => removeSection(d, section.key))}
            onAddItem={(entry) => setDraft((d) => addItem(d, section.key, entry))}
            onMoveItem={(itemKey, delta) => setDraft((d) => moveItem(d, section.key, itemKey, delta))}
            onRemoveItem={(itemKey) => setDraft((d) => removeItem(d, section.key, itemKey))}
            onNote={(itemKey, note) => setDraft((d) => setItemNote(d, section.key, itemKey, note))}
          />
        ))}
        <Group>
          <Button variant="default" leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setDraft((d) => addSection(d))}>
            Add section
          </Button>
        </Group>
      </Stack>

      <Group>
        <Button type="submit" loading={save.isPending}>
          {existing ? "Save collection" : "Create collection"}
        </Button>
        <Button component={Link} to={existing ? `/collections/${existing.slug}` : "/collections"} variant="subtle">
          Cancel
        </Button>
      </Group>
      </Stack>
    </form>
  );
}
