// A team's members. Everyone sees who is in it and in what role; admins and the team's maintainers
// (the domain policy, asked through lib/teams-view) also change roles, remove people after a
// confirmation, and add anyone who is not in the team yet.
import { ConfirmDialog } from "../confirm-dialog";
import { Alert, Badge, Button, Group, NativeSelect, Select, Stack, Text, Title } from "@mantine/core";
import type { TeamRole } from "@hindsight/domain";
import { IconUserPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessage } from "../../lib/errors";
import { useCurrentUser } from "../../lib/session";
import { addablePeople, isTeamRole, sortMembers, TEAM_ROLE_LABELS, TEAM_ROLE_OPTIONS } from "../../lib/teams-view";
import { useTRPC } from "../../lib/trpc";
import { useDialogMutation } from "../../lib/use-dialog-mutation";
import { AdminTable } from "../admin-table";

export interface TeamMembersProps {
  team: { id: string; name: string; members: { userId: string; handle: string; name: string; role: TeamRole }[] };
  canManage: boolean;
}

interface Member {
  userId: string;
  name: string;
}

/** Sets or removes (role null) a membership, then refreshes everything that shows memberships. */
function useSetMember() {
  const trpc = useTRPC();
  return useDialogMutation(trpc.teams.setMember.mutationOptions(), [
    trpc.teams.get.queryKey(),
    trpc.teams.list.queryKey(),
    // My own role may be the one that changed, and with it what this page lets me do.
    trpc.me.get.queryKey(),
  ]);
}

export function TeamMembers({ team, canManage }: TeamMembersProps) {
  const me = useCurrentUser();
  const setRole = useSetMember();
  const [removing, setRemoving] = useState<Member | null>(null);
  const members = sortMembers(team.members);

  return (
    <section aria-labelledby="members-heading">
      <Stack gap="sm">
        <Title order={2} id="members-heading">
          Members
        </Title>
        {members.length === 0 ? (
          <Text c="dimmed">Nobody is in this team yet.</Text>
        ) : (
          <AdminTable
            labelledBy="members-heading"
            minWidth={480}
            rows={members}
            rowKey={(member) => member.userId}
            columns={[
              {
                header: "Person",
                cell: (member) => (
                  <Group gap="xs" wrap="nowrap">
                    <Text size="sm" fw={500}>
                      {member.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      @{member.handle}
                      {member.userId === me.id ? " (you)" : ""}
                    </Text>
                  </Group>
                ),
              },
              {
                header: "Role",
                cell: (member) =>
                  canManage ? (
                    <NativeSelect
                      aria-label={`Role for ${member.name}`}
                      size="xs"
                      w={150}
                      data={TEAM_ROLE_OPTIONS}
                      value={member.role}
                      disabled={setRole.isPending}
                      onChange={(event) => {
                        const role = event.currentTarget.value;
                        if (isTeamRole(role) && role !== member.role) {
                          setRole.mutate({ teamId: team.id, userId: member.userId, role });
                        }
                      }}
                    />
                  ) : (
                    <Badge variant="light" color={member.role === "maintainer" ? "indigo" : "gray"}>
                      {TEAM_ROLE_LABELS[member.role]}
                    </Badge>
                  ),
              },
            ]}
            action={
              canManage
                ? {
                    text: "Remove",
                    label: (member) => `Remove ${member.name}`,
                    onClick: (member) => setRemoving({ userId: member.userId, name: member.name }),
                  }
                : undefined
            }
          />
        )}
        {setRole.isError && (
          <Alert color="red" variant="light" role="alert" p="xs">
            Could not change the role: {errorMessage(setRole.error)}
          </Alert>
        )}
        {canManage && <AddMember team={team} />}
      </Stack>
      {removing && (
        <RemoveMemberDialog
          teamId={team.id}
          teamName={team.name}
          member={removing}
          isSelf={removing.userId === me.id}
          onClose={() => setRemoving(null)}
        />
      )}
    </section>
  );
}

function RemoveMemberDialog({
  teamId,
  teamName,
  member,
  isSelf,
  onClose,
}: {
  teamId: string;
  teamName: string;
  member: Member;
  isSelf: boolean;
  onClose: () => void;
}) {
  const remove = useSetMember();
  return (
    <ConfirmDialog
      title={`Remove ${member.name}?`}
      closeLabel="Keep this member"
      confirmLabel="Remove from team"
      destructive
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() => remove.mutate({ teamId, userId: member.userId, role: null }, { onSuccess: onClose })}
      onClose={onClose}
    >
      {isSelf
        ? `You leave ${teamName}: you will no longer see its team-only entries or manage its members.`
        : `${member.name} leaves ${teamName}. Entries they wrote stay with the team.`}
    </ConfirmDialog>
  );
}

function AddMember({ team }: Pick<TeamMembersProps, "team">) {
  const trpc = useTRPC();
  const people = useQuery(trpc.auth.users.queryOptions());
  const add = useSetMember();
  const [userId, setUserId] = useState<string | null>(null);
  const [role, setRole] = useState<TeamRole>("member");
  const [missing, setMissing] = useState(false);
  const options = addablePeople(people.data ?? [], team.members.map((m) => m.userId));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!userId) {
      setMissing(true);
      return;
    }
    add.mutate(
      { teamId: team.id, userId, role },
      {
        onSuccess: () => {
          setUserId(null);
          setRole("member");
        },
      },
    );
  };

  return (
    <form onSubmit={submit} aria-labelledby="add-member-heading">
      <Stack gap="xs" mt="sm">
        <Title order={3} size="h5" id="add-member-heading">
          Add a member
        </Title>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select
            label="Add a person"
            placeholder={people.isPending ? "Loading people…" : "Search by name or handle"}
            searchable
            clearable
            data={options}
            value={userId}
            onChange={(value) => {
              setUserId(value);
              setMissing(false);
            }}
            nothingFoundMessage={people.isPending ? "Loading people…" : "No one else to add"}
            error={missing ? "Pick a person to add" : undefined}
            w={{ base: "100%", xs: 300 }}
            comboboxProps={{ withinPortal: true }}
          />
          <NativeSelect
            label="Role"
            data={TEAM_ROLE_OPTIONS}
            value={role}
            onChange={(event) => {
              const value = event.currentTarget.value;
              if (isTeamRole(value)) setRole(value);
            }}
            w={150}
          />
          <Button type="submit" leftSection={<IconUserPlus size={16} aria-hidden="true" />} loading={add.isPending}>
            Add member
          </Button>
        </Group>
        {people.isError && (
          <Alert color="red" variant="light" p="xs">
            Could not load the people to add: {errorMessage(people.error)}
          </Alert>
        )}
        {add.isError && (
          <Alert color="red" variant="light" role="alert" p="xs">
            Could not add the member: {errorMessage(add.error)}
          </Alert>
        )}
      </Stack>
    </form>
  );
}
