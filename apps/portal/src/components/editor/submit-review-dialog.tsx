// "Submit for review" from the editor: pick the people to ask (the owner team first, since an entry
// in review is readable by its team), then the editor saves and submits. Asking nobody is allowed:
// the entry is then simply marked as waiting for a writer's final look.
import { Alert, Button, Group, Modal, MultiSelect, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { reviewerOptions } from "../../lib/review-workflow";
import { useCurrentUser } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";

export interface SubmitReviewDialogProps {
  opened: boolean;
  /** The owner team chosen in the editor (it may not be saved yet). */
  teamId: string | null;
  submitting: boolean;
  /** The error of the last attempt, if it failed (the dialog stays open to fix the choice). */
  error: string | null;
  onSubmit(reviewerIds: string[]): void;
  onClose(): void;
}

export function SubmitReviewDialog({ opened, teamId, submitting, error, onSubmit, onClose }: SubmitReviewDialogProps) {
  const trpc = useTRPC();
  const me = useCurrentUser();
  const [reviewers, setReviewers] = useState<string[]>([]);
  const people = useQuery({ ...trpc.auth.users.queryOptions(), enabled: opened });
  const team = useQuery({ ...trpc.teams.get.queryOptions({ id: teamId ?? "" }), enabled: opened && teamId !== null });
  const options = reviewerOptions(people.data ?? [], {
    meId: me.id,
    team: teamId && team.data ? { name: `${team.data.name} (owner team)`, memberIds: team.data.members.map((m) => m.userId) } : null,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(reviewers);
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Submit for review"
      closeButtonProps={{ "aria-label": "Close without submitting" }}
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm">
            Your changes are saved first. The people you pick are asked to approve the entry or request changes; a writer
            publishes it afterwards.
          </Text>
          <MultiSelect
            label="Reviewers"
            description="People in the owner team can read an entry in review; others only if it is shared with them."
            placeholder={reviewers.length ? undefined : "Pick people"}
            data={options}
            value={reviewers}
            onChange={setReviewers}
            searchable
            clearable
            hidePickedOptions
            maxValues={20}
            nothingFoundMessage={people.isPending ? "Loading people…" : "No one matches"}
            data-autofocus
            comboboxProps={{ withinPortal: true }}
          />
          {people.isError && (
            <Alert color="red" variant="light" p="xs">
              Could not load the people to pick from. You can still submit without reviewers.
            </Alert>
          )}
          {error && (
            <Alert color="red" variant="light" role="alert" p="xs">
              {error}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={submitting}>
              Submit
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
