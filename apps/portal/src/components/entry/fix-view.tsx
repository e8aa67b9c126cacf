// A fix: the error signatures people paste into search (each copyable), the problem and its cause,
// the resolution, where it applies, and whether it worked for the people who tried it.
import type { FixFields } from "@hindsight/domain";
import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconThumbDown, IconThumbUp } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { errorMessage } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";
import { CopyableCode } from "../copyable-code";
import { EntrySection, ListSection, ProseSection } from "./entry-section";
import { LinkedEntry } from "./linked-entry";

function plural(n: number, one: string, many: string) {
  return `${n} ${n === 1 ? one : many}`;
}

/** "This worked for me": one changeable vote per person; pressing it again withdraws the vote. */
export function FixFeedback({ entryId }: { entryId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const titleId = useId();
  const feedback = useQuery(trpc.fixes.feedback.queryOptions({ entryId }));
  const vote = useMutation(
    trpc.fixes.vote.mutationOptions({
      onSuccess: (data) => queryClient.setQueryData(trpc.fixes.feedback.queryKey({ entryId }), data),
    }),
  );
  const mine = feedback.data?.mine ?? null;
  const worked = feedback.data?.worked ?? 0;
  const didNotWork = feedback.data?.didNotWork ?? 0;
  const busy = feedback.isPending || vote.isPending;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Title order={2} size="h4" id={titleId}>
          Did this fix work for you?
        </Title>
        <Group gap="sm" wrap="wrap">
          <Button
            variant={mine === "worked" ? "filled" : "light"}
            // Shade 8: white on the default filled shade misses 4.5:1.
            color={mine === "worked" ? "indigo.8" : "indigo"}
            leftSection={<IconThumbUp size={18} aria-hidden />}
            aria-pressed={mine === "worked"}
            disabled={busy}
            onClick={() => vote.mutate({ entryId, vote: mine === "worked" ? null : "worked" })}
          >
            This worked for me
          </Button>
          <Button
            variant={mine === "did_not_work" ? "filled" : "default"}
            color={mine === "did_not_work" ? "gray.8" : "gray"}
            leftSection={<IconThumbDown size={18} aria-hidden />}
            aria-pressed={mine === "did_not_work"}
            disabled={busy}
            onClick={() => vote.mutate({ entryId, vote: mine === "did_not_work" ? null : "did_not_work" })}
          >
            It did not work
          </Button>
        </Group>
        <Text size="sm" c="dimmed" role="status" aria-live="polite">
          {feedback.isError
            ? "Votes could not be loaded."
            : feedback.isPending
              ? "Loading votes…"
              : `${plural(worked, "person says", "people say")} this worked` +
                (didNotWork ? `, ${plural(didNotWork, "says", "say")} it did not` : "") +
                (mine === "worked" ? " (including you)." : mine === "did_not_work" ? ". You said it did not work." : ".")}
        </Text>
        {vote.isError && (
          <Alert color="red" variant="light" role="alert" p="xs">
            {errorMessage(vote.error)}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

export function FixView({ fields }: { fields: FixFields }) {
  const signatures = fields.errorSignatures ?? [];
  const applies = fields.appliesTo;
  const appliesRows = applies
    ? ([
        ["Services", applies.services],
        ["Technologies", applies.technologies],
        ["Versions", applies.versions],
      ] as const).filter(([, values]) => values?.length)
    : [];
  return (
    <>
      <ProseSection title="Problem" text={fields.problem} />
      <ListSection title="Symptoms" items={fields.symptoms} />

      <EntrySection title="Error signatures">
        {signatures.length === 0 ? (
          <Text c="dimmed">No error signatures recorded.</Text>
        ) : (
          <Stack gap="xs" component="ol" m={0} p={0} style={{ listStyle: "none" }}>
            {signatures.map((signature, i) => (
              <li key={i}>
                <CopyableCode value={signature} label={`Copy signature ${i + 1}`} />
              </li>
            ))}
          </Stack>
        )}
      </EntrySection>

      <ProseSection title="Cause" text={fields.cause} />
      <ListSection title="Resolution" items={fields.resolutionSteps} ordered />

      {appliesRows.length > 0 && (
        <EntrySection title="Applies to">
          <Stack gap={6} component="dl" m={0}>
            {appliesRows.map(([label, values]) => (
              <Group key={label} gap="xs" wrap="wrap" align="baseline">
                <Text component="dt" size="sm" c="dimmed" w={110}>
                  {label}
                </Text>
                <Group component="dd" m={0} gap={6} wrap="wrap">
                  {values!.map((value) => (
                    <Badge key={value} variant="default" radius="sm" tt="none">
                      {value}
                    </Badge>
                  ))}
                </Group>
              </Group>
            ))}
          </Stack>
        </EntrySection>
      )}

      <ProseSection title="Verification" text={fields.verification} />

      {fields.derivedFrom && (
        <EntrySection title="Derived from">
          <LinkedEntry
            id={fields.derivedFrom.entryId}
            suffix={fields.derivedFrom.messageTs.length ? plural(fields.derivedFrom.messageTs.length, "message", "messages") : undefined}
          />
        </EntrySection>
      )}
    </>
  );
}
