// The entry editor: common fields, the kind's structured fields, the markdown body with its live
// checks, and the save cycle. Saving creates the entry as a draft once, then updates it with the
// version it was based on; drafts autosave. A save refused because someone else saved first opens
// the merge dialog instead of overwriting: the server's version is never replaced silently.
import {
  Alert,
  Button,
  Divider,
  Grid,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { KIND_LABELS, type EntryKind, type Visibility, entryPath } from "@hindsight/domain";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { useBlocker } from "../../lib/router";
import { applyRewordingToContent, blamelessFindings, redactionPreview, type EntryBlamelessFinding } from "../../lib/editor-checks";
import { entryContent, errorSummary, validateContent } from "../../lib/editor-content";
import { fieldPathLabel, fieldsToForm, formToFields, getPath, KIND_FIELD_SPECS, type FormRow, type FormValue, type FormValues } from "../../lib/editor-fields";
import { sameContent, threeWayMerge, type EditorContent, type MergeResult } from "../../lib/editor-merge";
import { errorCode, errorMessage, fieldErrors } from "../../lib/errors";
import { useTRPC, useTRPCClient, type EntryView } from "../../lib/trpc";
import { StatusBadge } from "../status-badge";
import { BlamelessList, RedactionNotice } from "./check-panel";
import { MarkdownEditor, type MarkdownEditorHandle } from "./markdown-editor";
import { MergeDialog } from "./merge-dialog";
import { StructuredFields } from "./structured-fields";
import { SubmitReviewDialog } from "./submit-review-dialog";

const AUTOSAVE_MS = 2_000;
const CHECK_MS = 400;

const VISIBILITY_OPTIONS: { value: Visibility; label: string }[] = [
  { value: "org", label: "Everyone in the organisation" },
  { value: "team", label: "Owner team only" },
  { value: "restricted", label: "Restricted to granted people and teams" },
];

export interface EntryEditorProps {
  kind: EntryKind;
  /** The saved entry being edited; null for a new one. */
  entry: EntryView | null;
  /** Where the editor starts: the entry's content, or the kind's template. */
  initial: EditorContent;
  teamOptions: { value: string; label: string }[];
  /** Called once a new entry exists, so the page can move to its edit URL. */
  onCreated(entry: EntryView): void;
}

interface SavedMeta {
  id: string;
  slug: string;
  version: number;
  status: EntryView["status"];
}

type SaveState = { kind: "idle" } | { kind: "saving" } | { kind: "saved" } | { kind: "error"; message: string };

/** Carries the ids and statuses the server gave to new action items into the rows being edited. */
function adoptRowExtras(kind: EntryKind, form: FormValues, savedFields: Record<string, unknown>): FormValues {
  let next = form;
  for (const spec of KIND_FIELD_SPECS[kind]) {
    if (spec.type !== "rows") continue;
    const saved = getPath(savedFields, spec.key);
    const rows = form[spec.key];
    if (!Array.isArray(saved) || !Array.isArray(rows)) continue;
    const patched = (rows as FormRow[]).map((row, i) => {
      const item = saved[i] as Record<string, unknown> | undefined;
      if (!item || row.extra.id || typeof item.id !== "string" || item.title !== (row.values.title ?? "").trim()) return row;
      const extra = Object.fromEntries(Object.entries(item).filter(([k]) => !spec.columns.some((c) => c.key === k)));
      const values = "status" in row.values && !row.values.status && typeof item.status === "string" ? { ...row.values, status: item.status } : row.values;
      return { ...row, extra: { ...row.extra, ...extra }, values };
    });
    next = { ...next, [spec.key]: patched };
  }
  return next;
}

export function EntryEditor({ kind, entry, initial, teamOptions, onCreated }: EntryEditorProps) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  // --- the content being edited -------------------------------------------------------------
  const [title, setTitle] = useState(initial.title);
  const [summary, setSummary] = useState(initial.summary);
  const [body, setBody] = useState(initial.body);
  const [tags, setTags] = useState(initial.tags);
  const [services, setServices] = useState(initial.services);
  const [teamId, setTeamId] = useState(initial.teamId);
  const [visibility, setVisibility] = useState<Visibility>(initial.visibility);
  const [form, setForm] = useState<FormValues>(() => fieldsToForm(kind, initial.fields));
  /** The fields as last loaded or saved: keys the form does not edit are carried from here. */
  const [rawFields, setRawFields] = useState(initial.fields);

  const content: EditorContent = useMemo(
    () => ({ title, summary, body, tags, services, teamId, visibility, fields: formToFields(kind, form, rawFields) }),
    [kind, title, summary, body, tags, services, teamId, visibility, form, rawFields],
  );

  const setContent = useCallback(
    (c: EditorContent, raw: Record<string, unknown>) => {
      setTitle(c.title);
      setSummary(c.summary);
      setBody(c.body);
      setTags(c.tags);
      setServices(c.services);
      setTeamId(c.teamId);
      setVisibility(c.visibility);
      setRawFields(raw);
      setForm(fieldsToForm(kind, c.fields));
    },
    [kind],
  );

  // --- what the server has ------------------------------------------------------------------
  const [meta, setMeta] = useState<SavedMeta | null>(entry && { id: entry.id, slug: entry.slug, version: entry.version, status: entry.status });
  /** The content of `meta.version` as this editor normalises it: the merge base and the dirty check. */
  const [base, setBase] = useState<EditorContent>(() => ({ ...initial, fields: formToFields(kind, fieldsToForm(kind, initial.fields), initial.fields) }));
  const dirty = !sameContent(content, base);

  const [saveState, setSaveState] = useState<SaveState>({ kind: "idle" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [merge, setMerge] = useState<{ result: MergeResult; theirs: EntryView } | null>(null);
  const [publishWarnings, setPublishWarnings] = useState<EntryBlamelessFinding[] | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [submitDialog, setSubmitDialog] = useState<{ error: string | null } | null>(null);
  const [submitting, setSubmitting] = useState(false);

  // Refs so the async save path always sees the latest values, not the render it started in.
  const latest = useRef({ content, meta, base, dirty, form });
  latest.current = { content, meta, base, dirty, form };
  const saving = useRef(false);
  const allowLeave = useRef(false);

  const createM = useMutation(trpc.entries.create.mutationOptions());
  const updateM = useMutation(trpc.entries.update.mutationOptions());
  const publishM = useMutation(trpc.entries.publish.mutationOptions());
  const submitM = useMutation(trpc.entries.submit.mutationOptions());

  /** After any successful write: remember the server's version and adopt what it normalised. */
  const adopt = useCallback(
    (saved: EntryView, sent: EditorContent) => {
      const savedContent = entryContent(saved);
      const normalised = { ...savedContent, fields: formToFields(kind, fieldsToForm(kind, saved.fields), saved.fields) };
      setMeta({ id: saved.id, slug: saved.slug, version: saved.version, status: saved.status });
      setBase(normalised);
      setRawFields(saved.fields);
      queryClient.setQueryData(trpc.entries.get.queryKey({ slug: saved.slug }), saved);
      const now = latest.current;
      if (sameContent(now.content, sent)) {
        // Nothing typed since: show what was stored (masked secrets, normalised tags, new item ids).
        const patched = adoptRowExtras(kind, now.form, saved.fields);
        const patchedFields = formToFields(kind, patched, saved.fields);
        if (!sameContent({ ...now.content, fields: patchedFields }, normalised)) setContent(normalised, saved.fields);
        else setForm(patched);
      } else {
        setForm((f) => adoptRowExtras(kind, f, saved.fields));
      }
    },
    [kind, queryClient, trpc, setContent],
  );

  const openMerge = useCallback(
    async (id: string) => {
      try {
        const theirs = await client.entries.get.query({ id });
        const mine = latest.current.content;
        const result = threeWayMerge(latest.current.base, mine, entryContent(theirs));
        setMerge({ result, theirs });
        setSaveState({ kind: "error", message: "Not saved: someone else saved first. Merge to continue." });
      } catch (err) {
        setSaveState({ kind: "error", message: errorMessage(err) });
      }
    },
    [client],
  );

  /**
   * Saves the current content (or `override` after a merge). Returns the saved entry, or null when
   * nothing was saved (invalid, conflict, error). `auto` saves stay quiet about validation.
   */
  const save = useCallback(
    async (mode: "manual" | "auto", override?: { content: EditorContent; version: number }): Promise<EntryView | null> => {
      if (saving.current) return null;
      const { meta: m, dirty: isDirty } = latest.current;
      const sent = override?.content ?? latest.current.content;
      const problems = validateContent(kind, sent);
      if (Object.keys(problems).length > 0) {
        if (mode === "manual") {
          setErrors(problems);
          setSaveState({ kind: "error", message: errorSummary(problems, (p) => fieldPathLabel(kind, p)) });
        }
        return null;
      }
      if (m && !isDirty && !override) {
        setSaveState({ kind: "saved" });
        return queryClient.getQueryData(trpc.entries.get.queryKey({ slug: m.slug })) ?? (await client.entries.get.query({ id: m.id }));
      }
      saving.current = true;
      setSaveState({ kind: "saving" });
      setErrors({});
      try {
        let saved: EntryView;
        if (!m) {
          saved = await createM.mutateAsync({ kind, ...sent, status: "draft" });
          adopt(saved, sent);
          // Moving to the new entry's edit URL is not leaving the editor.
          allowLeave.current = true;
          onCreated(saved);
        } else {
          saved = await updateM.mutateAsync({ id: m.id, expectedVersion: override?.version ?? m.version, ...sent });
          adopt(saved, sent);
        }
        setSaveState({ kind: "saved" });
        return saved;
      } catch (err) {
        if (m && errorCode(err) === "CONFLICT") {
          await openMerge(m.id);
        } else {
          setErrors(fieldErrors(err));
          setSaveState({ kind: "error", message: `Not saved: ${errorMessage(err)}` });
        }
        return null;
      } finally {
        saving.current = false;
      }
    },
    [kind, createM, updateM, adopt, onCreated, openMerge, queryClient, trpc, client],
  );

  // --- autosave -----------------------------------------------------------------------------
  const contentKey = useMemo(() => JSON.stringify(content), [content]);
  const canAutosave = meta?.status === "draft" && !merge && saveState.kind !== "saving";
  useEffect(() => {
    if (!canAutosave || !dirty) return;
    const timer = window.setTimeout(() => void save("auto"), AUTOSAVE_MS);
    return () => window.clearTimeout(timer);
  }, [contentKey, canAutosave, dirty, save]);

  // --- leaving with unsaved changes ---------------------------------------------------------
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [dirty]);
  const { pathname } = useLocation();
  useEffect(() => {
    allowLeave.current = false;
  }, [pathname]);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => latest.current.dirty && !allowLeave.current && currentLocation.pathname !== nextLocation.pathname,
  );

  // --- live checks --------------------------------------------------------------------------
  const [checked] = useDebouncedValue(content, CHECK_MS);
  const findings = useMemo(() => blamelessFindings(checked), [checked]);
  const bodyFlags = useMemo(
    () => findings.filter((f) => f.where === "body").map((f) => ({ from: f.start, to: f.end, title: f.reason })),
    [findings],
  );
  const redactions = useMemo(() => redactionPreview(checked), [checked]);
  const editorRef = useRef<MarkdownEditorHandle>(null);

  const applyRewording = (finding: EntryBlamelessFinding) => {
    const next = applyRewordingToContent(content, finding);
    if (!next) return;
    setTitle(next.title);
    setSummary(next.summary);
    setBody(next.body);
    if (next.fields !== content.fields) setForm(fieldsToForm(kind, next.fields));
    setPublishWarnings(null);
  };

  // --- publish ------------------------------------------------------------------------------
  const publish = async (acknowledgeWarnings: boolean) => {
    setPublishing(true);
    try {
      const saved = await save("manual");
      if (!saved) return;
      try {
        const published = await publishM.mutateAsync({ id: saved.id, expectedVersion: saved.version, acknowledgeWarnings });
        allowLeave.current = true;
        queryClient.setQueryData(trpc.entries.get.queryKey({ slug: published.slug }), published);
        notifications.show({ color: "green", message: `Published “${published.title}”` });
        void navigate(entryPath(published.slug));
      } catch (err) {
        if (errorCode(err) === "BAD_REQUEST" && /blameless/i.test(errorMessage(err))) {
          setPublishWarnings(blamelessFindings(latest.current.content));
          setSaveState({ kind: "saved" });
        } else if (errorCode(err) === "CONFLICT" && meta) {
          await openMerge(meta.id);
        } else {
          setSaveState({ kind: "error", message: `Not published: ${errorMessage(err)}` });
        }
      }
    } finally {
      setPublishing(false);
    }
  };

  // --- submit for review --------------------------------------------------------------------
  /** Saves through the one save path, then submits that version; a failed save shows in the form. */
  const submitForReview = async (reviewers: string[]) => {
    setSubmitting(true);
    try {
      // An autosave in flight would make this save a no-op; let it land first.
      while (saving.current) await new Promise((resolve) => setTimeout(resolve, 100));
      const saved = await save("manual");
      if (!saved) {
        setSubmitDialog(null);
        return;
      }
      try {
        const submitted = await submitM.mutateAsync({ id: saved.id, expectedVersion: saved.version, reviewers });
        allowLeave.current = true;
        setSubmitDialog(null);
        queryClient.setQueryData(trpc.entries.get.queryKey({ slug: submitted.slug }), submitted);
        void queryClient.invalidateQueries({ queryKey: trpc.entries.reviewers.queryKey({ id: submitted.id }) });
        notifications.show({ color: "green", message: `Submitted “${submitted.title}” for review`, closeButtonProps: { "aria-label": "Dismiss notification" } });
        void navigate(entryPath(submitted.slug));
      } catch (err) {
        if (errorCode(err) === "CONFLICT") {
          setSubmitDialog(null);
          await openMerge(saved.id);
        } else {
          setSubmitDialog({ error: `Not submitted: ${errorMessage(err)}` });
        }
      }
    } finally {
      setSubmitting(false);
    }
  };

  const resolveMerge = async (merged: EditorContent) => {
    if (!merge) return;
    const theirs = merge.theirs;
    setContent(merged, theirs.fields);
    setBase(entryContent(theirs));
    setMeta({ id: theirs.id, slug: theirs.slug, version: theirs.version, status: theirs.status });
    setMerge(null);
    const saved = await save("manual", { content: merged, version: theirs.version });
    if (saved) notifications.show({ color: "green", message: "Merged and saved" });
  };

  const isNew = meta === null;
  const isDraft = meta === null || meta.status === "draft" || meta.status === "in_review";
  const statusText =
    saveState.kind === "saving"
      ? "Saving…"
      : saveState.kind === "error"
        ? saveState.message
        : dirty
          ? isNew
            ? "Not saved yet"
            : "Unsaved changes"
          : saveState.kind === "saved" || !isNew
            ? "Saved"
            : "";

  const setField = (key: string, value: FormValue) => setForm((f) => ({ ...f, [key]: value }));
  const kindLabel = KIND_LABELS[kind].toLowerCase();
  const headline = isNew ? `New ${kindLabel}` : `Edit ${kindLabel}`;

  return (
    <Stack gap="lg">
      {/* Sticky under the app header, so Save and Publish stay in reach at the end of a long form. */}
      <Group
        justify="space-between"
        align="flex-start"
        wrap="wrap"
        py="xs"
        style={{ position: "sticky", top: "var(--app-shell-header-offset, 56px)", zIndex: 3, background: "var(--mantine-color-body)" }}
      >
        <Stack gap={4}>
          <Title order={1}>{headline}</Title>
          {meta && (
            <Group gap="xs">
              <StatusBadge status={meta.status} />
              <Text size="sm" c="dimmed">
                Version {meta.version}
              </Text>
            </Group>
          )}
        </Stack>
        <Group gap="sm" align="center">
          <Text
            size="sm"
            role="status"
            aria-live="polite"
            maw={360}
            // Mantine's default red is below 4.5:1 on white; a darker shade in light mode, a lighter one in dark.
            style={{ color: saveState.kind === "error" ? "light-dark(var(--mantine-color-red-8), var(--mantine-color-red-4))" : "var(--mantine-color-dimmed)" }}
          >
            {statusText}
          </Text>
          <Button variant="default" onClick={() => void save("manual")} loading={saveState.kind === "saving" && !publishing}>
            {isDraft ? "Save draft" : "Save"}
          </Button>
          {(isNew || meta.status === "draft") && (
            <Button variant="default" onClick={() => setSubmitDialog({ error: null })} loading={submitting}>
              Submit for review
            </Button>
          )}
          {isDraft && (
            <Button onClick={() => void publish(false)} loading={publishing}>
              Publish
            </Button>
          )}
        </Group>
      </Group>

      {publishWarnings && (
        <Stack gap="xs">
          <BlamelessList
            kind={kind}
            title="Publishing paused"
            findings={publishWarnings}
            onApply={applyRewording}
            onReveal={(f) => editorRef.current?.reveal(f.start, f.end)}
          />
          <Group>
            <Button color="orange" onClick={() => void publish(true)} loading={publishing}>
              Publish anyway
            </Button>
            <Button variant="default" onClick={() => setPublishWarnings(null)}>
              Keep editing
            </Button>
          </Group>
          <Text size="sm" c="dimmed">
            Publishing anyway records these findings with the revision.
          </Text>
        </Stack>
      )}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <TextInput label="Title" required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} maxLength={200} />
            <Textarea
              label="Summary"
              description="Two or three sentences for search results and link previews."
              autosize
              minRows={3}
              value={summary}
              onChange={(e) => setSummary(e.currentTarget.value)}
              error={errors.summary}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder p="md" radius="sm">
            <Stack gap="sm">
              <Title order={2} size="h4">
                Ownership
              </Title>
              <Select
                label="Team"
                data={teamOptions}
                value={teamId}
                onChange={setTeamId}
                clearable
                placeholder="No team"
                error={errors.teamId}
                nothingFoundMessage="You are not in any team"
              />
              <Select
                label="Visibility"
                data={VISIBILITY_OPTIONS}
                value={visibility}
                onChange={(v) => v && setVisibility(v as Visibility)}
                allowDeselect={false}
                error={errors.visibility}
              />
              <TagsInput label="Tags" value={tags} onChange={setTags} error={errorFor(errors, "tags")} clearable description="Press Enter after each tag." />
              <TagsInput label="Services" value={services} onChange={setServices} error={errorFor(errors, "services")} clearable />
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>

      <Stack gap="md">
        <MarkdownEditor ref={editorRef} value={body} onChange={setBody} flagged={bodyFlags} flaggedFor={checked.body} error={errors.body} />
        <BlamelessList kind={kind} findings={findings} onApply={applyRewording} onReveal={(f) => editorRef.current?.reveal(f.start, f.end)} />
        <RedactionNotice kind={kind} items={redactions} />
      </Stack>

      <Divider />
      <Stack gap="md">
        <Title order={2} size="h3">
          {KIND_LABELS[kind]} details
        </Title>
        <StructuredFields kind={kind} values={form} onChange={setField} errors={errors} rawFields={rawFields} />
      </Stack>

      <SubmitReviewDialog
        opened={submitDialog !== null}
        teamId={teamId}
        submitting={submitting}
        error={submitDialog?.error ?? null}
        onSubmit={(ids) => void submitForReview(ids)}
        onClose={() => setSubmitDialog(null)}
      />

      {merge && (
        <MergeDialog
          kind={kind}
          result={merge.result}
          theirs={{ authorName: merge.theirs.authorName, version: merge.theirs.version }}
          saving={saveState.kind === "saving"}
          onResolve={(c) => void resolveMerge(c)}
          onCancel={() => setMerge(null)}
        />
      )}

      <Modal opened={blocker.state === "blocked"} onClose={() => blocker.reset?.()} closeButtonProps={{ "aria-label": "Stay on this page" }} title="Leave without saving?">
        <Stack>
          <Text size="sm">Your latest changes are not saved yet. If you leave now they are lost.</Text>
          {Object.keys(errors).length > 0 && (
            <Alert color="red" variant="light">
              Some fields need fixing before this can be saved.
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => blocker.reset?.()}>
              Stay
            </Button>
            <Button color="red" onClick={() => blocker.proceed?.()}>
              Leave
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function errorFor(errors: Record<string, string>, key: string): string | undefined {
  return errors[key] ?? Object.entries(errors).find(([k]) => k.startsWith(`${key}.`))?.[1];
}
