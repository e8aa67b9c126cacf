// "New team" (admins only, as the API enforces): name, a slug derived from it until edited, and an
// optional description, checked with the same schema the API uses before anything is sent.
import { Alert, Button, Group, Modal, Stack, Textarea, TextInput } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { errorCode, errorMessage, fieldErrors } from "../../lib/errors";
import { checkNewTeam, slugFromName, type NewTeamForm } from "../../lib/teams-view";
import { useTRPC } from "../../lib/trpc";
import { useDialogMutation } from "../../lib/use-dialog-mutation";

const EMPTY: NewTeamForm = { name: "", slug: "", description: "" };

export function NewTeamButton() {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setOpened(true)}>
        New team
      </Button>
      {/* Mounted only while open, so every opening starts from an empty form. */}
      {opened && <NewTeamDialog onClose={() => setOpened(false)} />}
    </>
  );
}

function NewTeamDialog({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const [form, setForm] = useState<NewTeamForm>(EMPTY);
  // The slug follows the name until someone types in the slug field themselves.
  const [slugEdited, setSlugEdited] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<keyof NewTeamForm, string>>>({});

  const create = useDialogMutation(
    trpc.teams.create.mutationOptions({
      onError: (error) => {
        const fields = fieldErrors(error);
        if (errorCode(error) === "CONFLICT") fields.slug = "A team with this slug already exists";
        setErrors(fields);
      },
    }),
    // The creator maintains the new team, so their own memberships changed too.
    [trpc.teams.list.queryKey(), trpc.me.get.queryKey()],
    (team) => {
      onClose();
      void navigate(`/teams/${encodeURIComponent(team.slug)}`);
    },
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkNewTeam(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    create.mutate(checked.input);
  };

  const fieldError = errors.name ?? errors.slug ?? errors.description;
  const serverError = create.isError && !fieldError ? errorMessage(create.error) : null;

  return (
    <Modal opened onClose={onClose} title="New team" closeButtonProps={{ "aria-label": "Close without creating a team" }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label="Name"
            required
            data-autofocus
            value={form.name}
            error={errors.name}
            maxLength={120}
            onChange={(event) => {
              const name = event.currentTarget.value;
              setForm((f) => ({ ...f, name, slug: slugEdited ? f.slug : slugFromName(name) }));
            }}
          />
          <TextInput
            label="Slug"
            description="Used in links (/teams/<slug>) and by the REST API's team filter."
            required
            value={form.slug}
            error={errors.slug}
            maxLength={120}
            onChange={(event) => {
              const slug = event.currentTarget.value;
              setSlugEdited(true);
              setForm((f) => ({ ...f, slug }));
            }}
          />
          <Textarea
            label="Description"
            description="Optional: what the team owns."
            autosize
            minRows={2}
            maxLength={2000}
            value={form.description}
            error={errors.description}
            onChange={(event) => {
              const description = event.currentTarget.value;
              setForm((f) => ({ ...f, description }));
            }}
          />
          {serverError && (
            <Alert color="red" variant="light" role="alert" p="xs">
              {serverError}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create team
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
