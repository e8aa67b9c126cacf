// The review of an entry in review: who was asked, what each decided and said, the decision buttons
// (a request for changes says what should change) for a requested reviewer, and "Publish" for the
// entry's writers. Also the blameless gate every status
// change into "published" passes from the entry page (publish here, restore in the page actions):
// the same "… anyway" choice and rewording list the editor offers, so the page never dead-ends.
import { entryPath } from "@hindsight/domain";
import { Alert, Button, Divider, Group, List, Loader, Paper, Stack, Text, Textarea, ThemeIcon, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle, IconCircleCheck, IconClockHour4, IconMessageExclamation, IconMessagePlus, IconSend, IconX } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useId, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import type { EntryBlamelessFinding } from "../../lib/editor-checks";
import { entryContent } from "../../lib/entry-content";
import { errorCode, errorMessage } from "../../lib/errors";
import { formatDate } from "../../lib/format";
import { myReview, REVIEW_STATE_LABELS, reviewTally, type ReviewState } from "../../lib/review-workflow";
import { useCurrentUser } from "../../lib/session";
import { useTRPC, useTRPCClient, type EntryView } from "../../lib/trpc";
import { QueryError } from "../query-error";

/*
 * The blameless rules (and the redaction rules beside them in lib/editor-checks) are only needed once a
 * publish or restore has been refused, so they and the list that shows their findings load then, not
 * with every entry page.
 */
const loadChecks = () => import("../../lib/editor-checks");
const BlamelessList = lazy(() => import("../editor/check-panel").then((m) => ({ default: m.BlamelessList })));

/** A success toast; its close button gets a name (Mantine's has none, which axe flags). */
export function notifyDone(message: string): void {
  notifications.show({ color: "green", message, closeButtonProps: { "aria-label": "Dismiss notification" } });
}

// ---------------------------------------------------------------------------------------------
// The blameless gate for publish and restore

export type GatedTransition = "publish" | "restore";

const VERBS: Record<GatedTransition, { do: string; doing: string; done: string }> = {
  publish: { do: "Publish", doing: "Publishing", done: "Published" },
  restore: { do: "Restore", doing: "Restoring", done: "Restored" },
};

export interface Gate {
  transition: GatedTransition;
  pending: boolean;
  error: string | null;
  /** Findings the API refused the change over (null when not paused); may be empty if only the server saw them. */
  findings: EntryBlamelessFinding[] | null;
  run(acknowledgeWarnings: boolean): Promise<void>;
  applyRewording(finding: EntryBlamelessFinding): Promise<void>;
  dismiss(): void;
}

/** Moves an entry to published (publish or restore), pausing on the blameless check like the editor. */
export function useGatedTransition(entry: EntryView, transition: GatedTransition): Gate {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [findings, setFindings] = useState<EntryBlamelessFinding[] | null>(null);

  const adopt = (saved: EntryView) => {
    queryClient.setQueryData(trpc.entries.get.queryKey({ slug: saved.slug }), saved);
    // Lists, search and the reviewers all follow the new status.
    void queryClient.invalidateQueries({ queryKey: trpc.entries.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.search.pathKey() });
  };

  const failed = (err: unknown) => {
    if (errorCode(err) === "CONFLICT") {
      setError("Someone changed this entry since the page loaded. It has been reloaded: check it and try again.");
      void queryClient.invalidateQueries({ queryKey: trpc.entries.get.queryKey({ slug: entry.slug }) });
    } else {
      setError(errorMessage(err));
    }
  };

  const run = async (acknowledgeWarnings: boolean) => {
    setPending(true);
    setError(null);
    try {
      const input = { id: entry.id, expectedVersion: entry.version, acknowledgeWarnings };
      const saved = transition === "publish" ? await client.entries.publish.mutate(input) : await client.entries.restore.mutate(input);
      setFindings(null);
      adopt(saved);
      notifyDone(`${VERBS[transition].done} “${saved.title}”`);
    } catch (err) {
      if (errorCode(err) === "BAD_REQUEST" && /blameless/i.test(errorMessage(err))) {
        const { blamelessFindings } = await loadChecks();
        setFindings(blamelessFindings(entryContent(entry)));
      } else failed(err);
    } finally {
      setPending(false);
    }
  };

  /** A rewording applied from the page is an ordinary save of the entry (a new revision). */
  const applyRewording = async (finding: EntryBlamelessFinding) => {
    const { applyRewordingToContent, blamelessFindings } = await loadChecks();
    const current = entryContent(entry);
    const next = applyRewordingToContent(current, finding);
    if (!next) return;
    setPending(true);
    setError(null);
    try {
      const saved = await client.entries.update.mutate({
        id: entry.id,
        expectedVersion: entry.version,
        title: next.title,
        summary: next.summary,
        body: next.body,
        ...(next.fields !== current.fields ? { fields: next.fields } : {}),
      });
      adopt(saved);
      const left = blamelessFindings(entryContent(saved));
      setFindings(left.length ? left : null);
      if (!left.length) notifyDone(`Reworded. ${VERBS[transition].do} when ready.`);
    } catch (err) {
      failed(err);
    } finally {
      setPending(false);
    }
  };

  return { transition, pending, error, findings, run, applyRewording, dismiss: () => setFindings(null) };
}

/** What a paused publish or restore shows: the flagged phrases, "… anyway", or back to the wording. */
export function GateNotice({ entry, gate }: { entry: EntryView; gate: Gate }) {
  const navigate = useNavigate();
  const verbs = VERBS[gate.transition];
  return (
    <>
      {gate.error && (
        <Alert color="red" variant="light" role="alert" p="xs">
          {gate.error}
        </Alert>
      )}
      {gate.findings && (
        <Stack gap="xs">
          {gate.findings.length > 0 ? (
            <Suspense fallback={<Loader size="sm" aria-label="Loading the flagged phrases" />}>
              <BlamelessList
                kind={entry.kind}
                title={`${verbs.doing} paused`}
                findings={gate.findings}
                onApply={(f) => void gate.applyRewording(f)}
                onReveal={() => void navigate(entryPath(entry.slug, "edit"))}
              />
            </Suspense>
          ) : (
            <Text size="sm">{verbs.doing} paused: the blameless check flagged phrases in this entry.</Text>
          )}
          <Group gap="sm">
            <Button variant="default" leftSection={<IconAlertTriangle size={16} aria-hidden />} onClick={() => void gate.run(true)} loading={gate.pending}>
              {verbs.do} anyway
            </Button>
            <Button variant="default" component={Link} to={entryPath(entry.slug, "edit")}>
              Change the wording
            </Button>
            <Button variant="subtle" onClick={gate.dismiss}>
              Not now
            </Button>
          </Group>
          <Text size="sm" c="dimmed">
            {verbs.doing} anyway records these findings with the revision.
          </Text>
        </Stack>
      )}
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// The review panel

const STATE_ICONS: Record<ReviewState, { icon: typeof IconCircleCheck; color: string }> = {
  pending: { icon: IconClockHour4, color: "gray" },
  approved: { icon: IconCircleCheck, color: "green" },
  changes_requested: { icon: IconMessageExclamation, color: "orange" },
};

/** The most a reviewer's comment may hold; the API refuses longer ones. */
const COMMENT_MAX = 2000;

/** Which comment box the reviewer has open: none, the optional one for an approval, or a request for changes. */
type Composing = null | "approval" | "changes";

export function ReviewPanel({ entry, canEdit }: { entry: EntryView; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useCurrentUser();
  const headingId = useId();
  const [composing, setComposing] = useState<Composing>(null);
  const [draft, setDraft] = useState("");
  const [draftError, setDraftError] = useState<string | null>(null);
  const reviewers = useQuery(trpc.entries.reviewers.queryOptions({ id: entry.id }));
  const review = useMutation(
    trpc.entries.review.mutationOptions({
      onSuccess: (list, { decision }) => {
        queryClient.setQueryData(trpc.entries.reviewers.queryKey({ id: entry.id }), list);
        setComposing(null);
        setDraft("");
        notifyDone(decision === "approved" ? "You approved this entry" : "You requested changes");
      },
    }),
  );
  const publish = useGatedTransition(entry, "publish");

  const list = reviewers.data ?? [];
  const mine = myReview(list, me.id);

  const compose = (next: Composing) => {
    // A request for changes the reviewer already sent is the starting point for revising it.
    setDraft(next === "changes" && mine?.state === "changes_requested" ? (mine.comment ?? "") : "");
    setDraftError(null);
    review.reset();
    setComposing(next);
  };

  const approve = () => {
    const comment = composing === "approval" ? draft.trim() : "";
    review.mutate({ id: entry.id, decision: "approved", ...(comment ? { comment } : {}) });
  };

  const requestChanges = (event: FormEvent) => {
    event.preventDefault();
    const comment = draft.trim();
    if (!comment) {
      setDraftError("Say what should change");
      return;
    }
    review.mutate({ id: entry.id, decision: "changes_requested", comment });
  };

  return (
    <Paper withBorder p="md" radius="sm" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={headingId}>
          Review
        </Title>
        {reviewers.isPending ? (
          <Group gap="xs">
            <Loader size="xs" aria-hidden />
            <Text size="sm" c="dimmed">
              Loading reviewers…
            </Text>
          </Group>
        ) : reviewers.isError ? (
          <QueryError error={reviewers.error} title="Could not load the reviewers" onRetry={() => void reviewers.refetch()} />
        ) : (
          <>
            <Text size="sm">{reviewTally(list)}</Text>
            {list.length > 0 && (
              <List spacing="xs" listStyleType="none" aria-label="Reviewers" styles={{ itemWrapper: { width: "100%" } }}>
                {list.map((r) => {
                  const { icon: Icon, color } = STATE_ICONS[r.state];
                  return (
                    <List.Item
                      key={r.userId}
                      icon={
                        <ThemeIcon variant="light" color={color} size="md" radius="xl" aria-hidden>
                          <Icon size={16} />
                        </ThemeIcon>
                      }
                    >
                      <Group gap="xs" wrap="wrap">
                        <Text span fw={600}>
                          {r.name}
                          {r.userId === me.id ? " (you)" : ""}
                        </Text>
                        <Text span size="sm" c="dimmed">
                          @{r.handle}
                        </Text>
                        <Text span size="sm">
                          {REVIEW_STATE_LABELS[r.state]}
                          {r.decidedAt ? ` on ${formatDate(r.decidedAt)}` : ""}
                        </Text>
                      </Group>
                      {r.comment && (
                        // Plain text as typed: React escapes it, pre-wrap keeps the reviewer's line breaks.
                        <Text size="sm" mt={4} style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                          {r.comment}
                        </Text>
                      )}
                    </List.Item>
                  );
                })}
              </List>
            )}
          </>
        )}

        {mine && (
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              {mine.state === "pending" ? "You were asked to review this entry." : `Your review: ${REVIEW_STATE_LABELS[mine.state].toLowerCase()}. You can change it until the entry is published.`}
            </Text>
            {composing === "changes" ? (
              <form onSubmit={requestChanges} noValidate aria-label="Request changes">
                <Stack gap="xs">
                  <Textarea
                    label="What should change?"
                    description="The entry's writers read this in the Review section."
                    required
                    autosize
                    minRows={3}
                    maxRows={12}
                    maxLength={COMMENT_MAX}
                    autoFocus
                    value={draft}
                    error={draftError}
                    onChange={(e) => {
                      setDraft(e.currentTarget.value);
                      setDraftError(null);
                    }}
                  />
                  <Group gap="sm">
                    <Button type="submit" leftSection={<IconSend size={16} aria-hidden />} loading={review.isPending}>
                      Send request
                    </Button>
                    <Button variant="subtle" onClick={() => compose(null)} disabled={review.isPending}>
                      Cancel
                    </Button>
                  </Group>
                </Stack>
              </form>
            ) : (
              <>
                {composing === "approval" && (
                  <Textarea
                    label="Comment (optional)"
                    autosize
                    minRows={2}
                    maxRows={12}
                    maxLength={COMMENT_MAX}
                    autoFocus
                    value={draft}
                    onChange={(e) => setDraft(e.currentTarget.value)}
                  />
                )}
                <Group gap="sm">
                  <Button
                    leftSection={<IconCircleCheck size={16} aria-hidden />}
                    variant={mine.state === "approved" ? "default" : "filled"}
                    loading={review.isPending && review.variables.decision === "approved"}
                    disabled={review.isPending || mine.state === "approved"}
                    onClick={approve}
                  >
                    Approve
                  </Button>
                  <Button variant="default" leftSection={<IconX size={16} aria-hidden />} disabled={review.isPending} onClick={() => compose("changes")}>
                    {mine.state === "changes_requested" ? "Change your request" : "Request changes"}
                  </Button>
                  {mine.state !== "approved" &&
                    (composing === "approval" ? (
                      <Button variant="subtle" disabled={review.isPending} onClick={() => compose(null)}>
                        Remove the comment
                      </Button>
                    ) : (
                      <Button variant="subtle" leftSection={<IconMessagePlus size={16} aria-hidden />} disabled={review.isPending} onClick={() => compose("approval")}>
                        Add a comment
                      </Button>
                    ))}
                </Group>
              </>
            )}
            {mine.state === "changes_requested" && composing !== "changes" && (
              <Text size="sm" c="dimmed">
                The writers see your request above; once they have edited the entry you can approve it.
              </Text>
            )}
            {review.isError && (
              <Alert color="red" variant="light" role="alert" p="xs">
                {errorMessage(review.error)}
              </Alert>
            )}
          </Stack>
        )}

        {canEdit && (
          <Stack gap="xs">
            {mine && <Divider />}
            <Group gap="sm" align="center">
              <Button leftSection={<IconSend size={16} aria-hidden />} onClick={() => void publish.run(false)} loading={publish.pending}>
                Publish
              </Button>
              {list.some((r) => r.state !== "approved") && (
                <Text size="sm" c="dimmed">
                  Publishing does not wait for every reviewer; it is your call as a writer.
                </Text>
              )}
            </Group>
            <GateNotice entry={entry} gate={publish} />
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
