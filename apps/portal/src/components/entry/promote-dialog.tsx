// "Promote to fix / runbook": picked transcript messages become a draft that links back to the
// conversation, and the writer lands in its editor to shape it.
import { entryPath } from "@hindsight/domain";
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { errorMessage, fieldErrors } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";

export type PromoteKind = "fix" | "runbook";

export function PromoteDialog({
  kind,
  transcriptId,
  messageTs,
  suggestedTitle,
  onClose,
}: {
  kind: PromoteKind | null;
  transcriptId: string;
  messageTs: string[];
  suggestedTitle: string;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const [title, setTitle] = useState(suggestedTitle);
  const promote = useMutation(
    trpc.entries.promote.mutationOptions({
      onSuccess: (draft) => void navigate(entryPath(draft.slug, "edit")),
    }),
  );
  const titleError = promote.isError ? fieldErrors(promote.error).title : undefined;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!kind || !title.trim()) return;
    promote.mutate({ transcriptId, messageTs, kind, title: title.trim() });
  };

  const n = messageTs.length;
  return (
    <Modal opened={kind !== null} onClose={onClose} title={kind === "runbook" ? "Promote to a runbook draft" : "Promote to a fix draft"}>
      <form onSubmit={onSubmit}>
        <Stack gap="sm">
          <Text size="sm">
            {n} {n === 1 ? "message" : "messages"} will become the first draft of a new {kind === "runbook" ? "runbook" : "fix"}, linked back to this
            transcript. You can edit everything before publishing.
          </Text>
          <TextInput
            label="Title"
            required
            data-autofocus
            value={title}
            maxLength={200}
            onChange={(event) => setTitle(event.currentTarget.value)}
            error={titleError}
          />
          {promote.isError && !titleError && (
            <Alert color="red" variant="light" role="alert" p="xs">
              {errorMessage(promote.error)}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={promote.isPending} disabled={!title.trim()}>
              Create draft
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
