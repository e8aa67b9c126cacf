// A runbook: when to use it, then numbered diagnosis / mitigation / steps with copyable commands and
// their expected output, rollback and escalation, and its review state ("Stale" once overdue).
import type { RunbookFields } from "@hindsight/domain";
import { Alert, Badge, Box, Button, Group, Paper, Stack, Text, Title, ThemeIcon } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconCircleCheck, IconClockExclamation } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { errorMessage, errorCode } from "../../lib/errors";
import { formatDate, isoString } from "../../lib/format";
import { runbookReview } from "../../lib/entry-view";
import { useTRPC, type EntryView } from "../../lib/trpc";
import { CopyableCode } from "../copyable-code";
import { EntrySection, ListSection, ProseSection } from "./entry-section";
import { LinkedEntry } from "./linked-entry";

type Step = NonNullable<RunbookFields["steps"]>[number];

function StepItem({ step, number }: { step: Step; number: number }) {
  const textId = useId();
  return (
    <Group component="li" align="flex-start" gap="sm" wrap="nowrap">
      <ThemeIcon variant="light" radius="xl" size="md" aria-hidden style={{ flexShrink: 0 }}>
        <Text span size="sm" fw={700}>
          {number}
        </Text>
      </ThemeIcon>
      <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
        <Text id={textId} style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
          {step.text}
        </Text>
        {step.command && <CopyableCode value={step.command} label="Copy command" describedBy={textId} />}
        {step.expected && (
          <Text size="sm">
            <Text span size="sm" fw={600}>
              Expected:{" "}
            </Text>
            <Text span size="sm" c="dimmed" style={{ whiteSpace: "pre-line" }}>
              {step.expected}
            </Text>
          </Text>
        )}
      </Stack>
    </Group>
  );
}

function StepsSection({ title, steps }: { title: string; steps: readonly Step[] | undefined }) {
  if (!steps?.length) return null;
  return (
    <EntrySection title={title}>
      {/* The visible numbers are drawn by StepItem; the list itself keeps the order for screen readers. */}
      <Stack component="ol" gap="md" m={0} p={0} style={{ listStyle: "none" }}>
        {steps.map((step, i) => (
          <StepItem key={i} step={step} number={i + 1} />
        ))}
      </Stack>
    </EntrySection>
  );
}

function ReviewPanel({ entry, fields, canEdit }: { entry: EntryView; fields: RunbookFields; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const titleId = useId();
  const review = runbookReview(fields, entry.createdAt);
  const markReviewed = useMutation(
    trpc.runbooks.markReviewed.mutationOptions({
      onSuccess: (updated) => {
        queryClient.setQueryData(trpc.entries.get.queryKey({ slug: entry.slug }), updated);
        void queryClient.invalidateQueries({ queryKey: trpc.entries.history.queryKey({ id: entry.id }) });
        notifications.show({ color: "teal", title: "Marked reviewed", message: `“${entry.title}” is reviewed as of today.` });
      },
      onError: (error) => {
        // Someone else changed the runbook meanwhile: reload it so the next click uses the new version.
        if (errorCode(error) === "CONFLICT") void queryClient.invalidateQueries({ queryKey: trpc.entries.get.queryKey({ slug: entry.slug }) });
      },
    }),
  );

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs">
            <Title order={2} size="h4" id={titleId}>
              Review
            </Title>
            {review.dueAt &&
              (review.stale ? (
                <Badge color="red" variant="light" leftSection={<IconClockExclamation size={14} aria-hidden />}>
                  Stale
                </Badge>
              ) : (
                <Badge color="cyan" variant="light" leftSection={<IconCircleCheck size={14} aria-hidden />}>
                  Up to date
                </Badge>
              ))}
          </Group>
          {canEdit && (
            <Button
              variant={review.stale ? "filled" : "default"}
              size="sm"
              loading={markReviewed.isPending}
              onClick={() => markReviewed.mutate({ id: entry.id, expectedVersion: entry.version })}
            >
              Mark reviewed
            </Button>
          )}
        </Group>
        <Text size="sm">
          {review.lastReviewedAt ? (
            <>
              Last reviewed <time dateTime={isoString(review.lastReviewedAt)}>{formatDate(review.lastReviewedAt)}</time>.
            </>
          ) : (
            "Never reviewed since it was written."
          )}{" "}
          {review.dueAt ? (
            <>
              Review every {fields.reviewIntervalDays} days; {review.stale ? "was due" : "next due"}{" "}
              <time dateTime={isoString(review.dueAt)}>{formatDate(review.dueAt)}</time>.
            </>
          ) : (
            "No review interval set."
          )}
        </Text>
        {markReviewed.isError && (
          <Alert color="red" variant="light" role="alert" p="xs">
            {errorMessage(markReviewed.error)}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

export function RunbookView({ entry, fields, canEdit }: { entry: EntryView; fields: RunbookFields; canEdit: boolean }) {
  return (
    <>
      <ReviewPanel entry={entry} fields={fields} canEdit={canEdit} />
      <ProseSection title="Purpose" text={fields.purpose} />
      <ListSection title="When to use" items={fields.whenToUse} />
      <ProseSection title="What it means" text={fields.meaning} />
      <ProseSection title="Impact" text={fields.impact} />
      <ListSection title="Prerequisites" items={fields.prerequisites} />
      <StepsSection title="Diagnosis" steps={fields.diagnosis} />
      <StepsSection title="Mitigation" steps={fields.mitigation} />
      <StepsSection title="Steps" steps={fields.steps} />
      <ProseSection title="Rollback" text={fields.rollback} />
      <ProseSection title="Escalation" text={fields.escalation} />
      {fields.derivedFrom && (
        <EntrySection title="Derived from">
          <Box>
            <LinkedEntry id={fields.derivedFrom.entryId} />
          </Box>
        </EntrySection>
      )}
    </>
  );
}
