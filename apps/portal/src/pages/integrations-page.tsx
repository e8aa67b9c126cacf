// Chat integrations (`/settings/integrations`, admins): connect Mattermost, Rocket.Chat, Teams and
// bots. Creating or rotating shows the secret once (component state only, the mutation dropped from
// the cache at once), with the webhook URL and the tool's setup steps; integrations can be disabled.
import { Alert, Badge, Button, Group, List, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { IconAlertTriangle, IconPlugConnected } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ZCreateIntegrationInput, type IntegrationKind } from "@hindsight/domain";
import { ConfirmDialog } from "../components/confirm-dialog";
import { CopyableCode } from "../components/copyable-code";
import { PageLoader } from "../components/page-loader";
import { QueryError } from "../components/query-error";
import { errorMessage, fieldErrors } from "../lib/errors";
import { formatDateTime } from "../lib/format";
import { integrationSetup, KIND_OPTIONS } from "../lib/integrations-view";
import { useCurrentUser } from "../lib/session";
import { useTRPC } from "../lib/trpc";

interface Revealed {
  name: string;
  kind: IntegrationKind;
  webhookUrl: string;
  secret: string;
  rotated: boolean;
}

function SecretOnce({ revealed, onDone }: { revealed: Revealed; onDone: () => void }) {
  const setup = integrationSetup(revealed.kind);
  return (
    <Alert color="indigo" variant="light" title={`${revealed.rotated ? "New secret for" : "Integration"} “${revealed.name}”${revealed.rotated ? "" : " created"}`} icon={<IconAlertTriangle size={18} aria-hidden />}>
      <Stack gap="sm">
        <Text size="sm" fw={600}>Webhook URL</Text>
        <CopyableCode value={revealed.webhookUrl} label="Copy webhook URL" />
        <Text size="sm" fw={600}>
          Secret: copy it now, it won&apos;t be shown again.
        </Text>
        <CopyableCode value={revealed.secret} label="Copy secret" />
        <List size="sm" type="ordered">
          {setup.steps.map((step) => (
            <List.Item key={step}>{step}</List.Item>
          ))}
        </List>
        <Group>
          <Button variant="default" size="xs" onClick={onDone}>
            Done, I have copied it
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function CreateIntegration({ onCreated }: { onCreated: (r: Revealed) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const teams = useQuery(trpc.teams.list.queryOptions());
  const [kind, setKind] = useState<IntegrationKind>("mattermost");
  const [name, setName] = useState("");
  const [teamId, setTeamId] = useState<string | null>(null);
  const [secret, setSecret] = useState("");
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const create = useMutation({ ...trpc.integrations.create.mutationOptions(), gcTime: 0 });
  const setup = integrationSetup(kind);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = { kind, name, teamId, ...(setup.pasteSecret && secret.trim() ? { secret } : {}) };
    // The same schema the API enforces.
    const parsed = ZCreateIntegrationInput.safeParse(input);
    if (!parsed.success) {
      const next: Record<string, string> = {};
      for (const issue of parsed.error.issues) next[String(issue.path[0])] ??= issue.message;
      setErrors(next);
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: (data) => {
        onCreated({ name: data.integration.name, kind: data.integration.kind, webhookUrl: data.integration.webhookUrl, secret: data.secret, rotated: false });
        setName("");
        setSecret("");
        create.reset();
        void queryClient.invalidateQueries({ queryKey: trpc.integrations.list.queryKey() });
      },
      onError: (error) => setErrors(fieldErrors(error)),
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="create-integration-heading">
      <Stack gap="sm" maw={520}>
        <Select label="Chat tool" data={KIND_OPTIONS} value={kind} onChange={(v) => v && setKind(v as IntegrationKind)} allowDeselect={false} />
        <TextInput label="Name" description="Where it is used, e.g. “Mattermost #incidents”." value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} maxLength={100} />
        <Select
          label="Team for saved threads"
          description="Threads saved by people whose chat account is not linked become drafts of this team. Searches from them only ever see entries published to the whole organisation."
          data={(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
          value={teamId}
          onChange={setTeamId}
          clearable
          placeholder="No team"
          error={errors.teamId}
        />
        {setup.pasteSecret && (
          <TextInput label={setup.secretLabel} value={secret} onChange={(e) => setSecret(e.currentTarget.value)} error={errors.secret} autoComplete="off" />
        )}
        {create.isError && !Object.keys(errors).length && (
          <Alert color="red" variant="light" role="alert" p="xs">
            Could not create the integration: {errorMessage(create.error)}
          </Alert>
        )}
        {errors.kind && (
          <Alert color="red" variant="light" role="alert" p="xs">
            {errors.kind}
          </Alert>
        )}
        <Group>
          <Button type="submit" leftSection={<IconPlugConnected size={16} aria-hidden />} loading={create.isPending}>
            Create integration
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function IntegrationsTable({ onRotated }: { onRotated: (r: Revealed) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.integrations.list.queryOptions());
  const [rotating, setRotating] = useState<{ id: string; name: string; kind: IntegrationKind } | null>(null);
  const [pasted, setPasted] = useState("");
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.integrations.list.queryKey() });
  const rotate = useMutation({ ...trpc.integrations.rotateSecret.mutationOptions(), gcTime: 0 });
  const toggle = useMutation(trpc.integrations.setEnabled.mutationOptions({ onSuccess: () => void invalidate() }));

  if (list.isPending) return <PageLoader label="Loading integrations" />;
  if (list.isError) return <QueryError error={list.error} title="Could not load integrations" onRetry={() => void list.refetch()} />;
  if (list.data.length === 0) return <Text c="dimmed">No chat integrations yet.</Text>;
  const rotatingSetup = rotating ? integrationSetup(rotating.kind) : null;
  return (
    <>
      <Table.ScrollContainer minWidth={640}>
        <Table aria-labelledby="integrations-heading">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Tool</Table.Th>
              <Table.Th>Team</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>{i.name}</Table.Td>
                <Table.Td>{integrationSetup(i.kind).label}</Table.Td>
                <Table.Td>{i.teamName ?? "No team"}</Table.Td>
                <Table.Td>{i.lastUsedAt ? formatDateTime(i.lastUsedAt) : "Never"}</Table.Td>
                <Table.Td>
                  <Badge variant="default">{i.enabled ? "Enabled" : "Disabled"}</Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button size="xs" variant="default" onClick={() => setRotating({ id: i.id, name: i.name, kind: i.kind })} aria-label={`Rotate the secret of ${i.name}`}>
                      Rotate secret
                    </Button>
                    <Button
                      size="xs"
                      variant="default"
                      color={i.enabled ? "red" : undefined}
                      loading={toggle.isPending && toggle.variables?.id === i.id}
                      onClick={() => toggle.mutate({ id: i.id, enabled: !i.enabled })}
                      aria-label={`${i.enabled ? "Disable" : "Enable"} ${i.name}`}
                    >
                      {i.enabled ? "Disable" : "Enable"}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {toggle.isError && (
        <Alert color="red" variant="light" role="alert" p="xs">
          {errorMessage(toggle.error)}
        </Alert>
      )}
      {rotating && rotatingSetup && (
        <ConfirmDialog
          title={`Rotate the secret of “${rotating.name}”?`}
          confirmLabel="Rotate secret"
          closeLabel="Keep the current secret"
          destructive
          pending={rotate.isPending}
          error={rotate.error}
          onClose={() => {
            setRotating(null);
            setPasted("");
            rotate.reset();
          }}
          onConfirm={() =>
            rotate.mutate(
              { id: rotating.id, ...(rotatingSetup.pasteSecret ? { secret: pasted } : {}) },
              {
                onSuccess: (data) => {
                  onRotated({ name: data.integration.name, kind: data.integration.kind, webhookUrl: data.integration.webhookUrl, secret: data.secret, rotated: true });
                  setRotating(null);
                  setPasted("");
                  rotate.reset();
                  void invalidate();
                },
              },
            )
          }
        >
          <Stack gap="xs">
            <Text size="sm">The current secret stops working at once; the chat tool needs the new one.</Text>
            {rotatingSetup.pasteSecret && (
              <TextInput label={`New ${rotatingSetup.secretLabel?.toLowerCase()}`} value={pasted} onChange={(e) => setPasted(e.currentTarget.value)} autoComplete="off" />
            )}
          </Stack>
        </ConfirmDialog>
      )}
    </>
  );
}

export function IntegrationsPage() {
  const user = useCurrentUser();
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  if (user.orgRole !== "admin") {
    return (
      <Stack maw={960}>
        <Title order={1}>Chat integrations</Title>
        <Text>Only admins manage chat integrations.</Text>
      </Stack>
    );
  }
  return (
    <Stack gap="xl" maw={960}>
      <Stack gap="xs">
        <Title order={1}>Chat integrations</Title>
        <Text maw="70ch">
          Mattermost, Rocket.Chat, Microsoft Teams and chat bots (Hubot, Errbot, your own) can search Hindsight and save
          threads as draft transcripts through an outgoing webhook. Each integration has its own secret; requests that are
          not signed with it, or are sent twice, are refused.
        </Text>
      </Stack>
      {revealed && <SecretOnce revealed={revealed} onDone={() => setRevealed(null)} />}
      <section aria-labelledby="create-integration-heading">
        <Stack gap="sm">
          <Title order={2} id="create-integration-heading">
            Connect a chat tool
          </Title>
          <CreateIntegration onCreated={setRevealed} />
        </Stack>
      </section>
      <section aria-labelledby="integrations-heading">
        <Stack gap="sm">
          <Title order={2} id="integrations-heading">
            Integrations
          </Title>
          <IntegrationsTable onRotated={setRevealed} />
        </Stack>
      </section>
    </Stack>
  );
}
