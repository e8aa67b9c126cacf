// Subscriptions (`/settings/subscriptions`): follow a team, a service, a tag or a saved search, get
// a daily or weekly digest by e-mail or in a chat channel, and preview what the next digest holds.
import { entryPath, type DigestFrequency, type SubscriptionTarget } from "@hindsight/domain";
import { Alert, Anchor, Button, Group, SegmentedControl, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { KindBadge } from "../components/kind-badge";
import { PageLoader } from "../components/page-loader";
import { QueryError } from "../components/query-error";
import { errorMessage, fieldErrors } from "../lib/errors";
import { formatDate, formatDateTime, isoString } from "../lib/format";
import { useTRPC } from "../lib/trpc";
import { useDialogMutation } from "../lib/use-dialog-mutation";
import { AdminTable } from "../components/admin-table";

const TARGETS: { value: SubscriptionTarget; label: string }[] = [
  { value: "team", label: "A team" },
  { value: "service", label: "A service" },
  { value: "tag", label: "A tag" },
  { value: "search", label: "A saved search" },
];

const FREQUENCIES: { value: DigestFrequency; label: string }[] = [
  { value: "daily", label: "Daily" },
  { value: "weekly", label: "Weekly" },
];

function splitList(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function NewSubscription() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const teams = useQuery(trpc.teams.list.queryOptions());
  const [target, setTarget] = useState<SubscriptionTarget>("team");
  const [value, setValue] = useState("");
  const [searchTeams, setSearchTeams] = useState("");
  const [searchServices, setSearchServices] = useState("");
  const [frequency, setFrequency] = useState<DigestFrequency>("weekly");
  const [channel, setChannel] = useState<"email" | "chat">("email");
  const [webhook, setWebhook] = useState("");
  const create = useMutation(
    trpc.subscriptions.create.mutationOptions({
      onSuccess: async () => {
        setValue("");
        setSearchTeams("");
        setSearchServices("");
        setWebhook("");
        await queryClient.invalidateQueries({ queryKey: trpc.subscriptions.pathKey() });
      },
    }),
  );
  const errors = fieldErrors(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({
      target,
      value,
      frequency,
      channel,
      ...(target === "search" ? { filters: { ...(searchTeams ? { teams: splitList(searchTeams) } : {}), ...(searchServices ? { services: splitList(searchServices) } : {}) } } : {}),
      ...(channel === "chat" ? { chatWebhookUrl: webhook } : {}),
    });
  };
  return (
    <form onSubmit={submit} aria-labelledby="new-subscription-heading">
      <Stack gap="sm" maw={640}>
        <Select
          label="Follow"
          data={TARGETS}
          value={target}
          allowDeselect={false}
          onChange={(v) => {
            setTarget((v as SubscriptionTarget | null) ?? "team");
            setValue("");
          }}
        />
        {target === "team" ? (
          <Select
            label="Team"
            placeholder={teams.isPending ? "Loading teams…" : "Pick a team"}
            data={(teams.data ?? []).map((t) => ({ value: t.slug, label: t.name }))}
            value={value || null}
            onChange={(v) => setValue(v ?? "")}
            searchable
            error={errors.value}
          />
        ) : (
          <TextInput
            label={target === "search" ? "Search text" : target === "service" ? "Service" : "Tag"}
            description={target === "search" ? "As you would type it on the search page; new entries it finds go in your digest." : undefined}
            placeholder={target === "search" ? "connection pool exhausted" : target === "service" ? "checkout" : "kafka"}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            error={errors.value}
          />
        )}
        {target === "search" && (
          <Group grow align="flex-start">
            <TextInput label="Only teams (slugs, comma-separated)" value={searchTeams} onChange={(e) => setSearchTeams(e.currentTarget.value)} error={errors["filters.teams"] ?? errors.filters} />
            <TextInput label="Only services (comma-separated)" value={searchServices} onChange={(e) => setSearchServices(e.currentTarget.value)} error={errors["filters.services"]} />
          </Group>
        )}
        <Group gap="xl" align="flex-end">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="frequency-label">
              How often
            </Text>
            <SegmentedControl aria-labelledby="frequency-label" data={FREQUENCIES} value={frequency} onChange={(v) => setFrequency(v as DigestFrequency)} />
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="channel-label">
              Where
            </Text>
            <SegmentedControl
              aria-labelledby="channel-label"
              data={[
                { value: "email", label: "E-mail" },
                { value: "chat", label: "Chat channel" },
              ]}
              value={channel}
              onChange={(v) => setChannel(v as "email" | "chat")}
            />
          </Stack>
        </Group>
        {channel === "chat" && (
          <TextInput
            label="Incoming webhook URL"
            description="A Slack (or Slack-compatible) incoming webhook for the channel. It is kept secret: only its host is shown afterwards."
            placeholder="https://hooks.slack.com/services/…"
            value={webhook}
            onChange={(e) => setWebhook(e.currentTarget.value)}
            error={errors.chatWebhookUrl}
          />
        )}
        {create.error && Object.keys(errors).length === 0 && (
          <Alert color="red" title="Could not subscribe">
            {errorMessage(create.error)}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={create.isPending}>
            Subscribe
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SubscriptionsTable() {
  const trpc = useTRPC();
  const subs = useQuery(trpc.subscriptions.list.queryOptions());
  const remove = useDialogMutation(trpc.subscriptions.delete.mutationOptions(), [trpc.subscriptions.pathKey()]);
  if (subs.isPending) return <PageLoader label="Loading your subscriptions" />;
  if (subs.isError) return <QueryError error={subs.error} title="Could not load your subscriptions" onRetry={() => void subs.refetch()} />;
  if (subs.data.length === 0) return <Text c="dimmed">You follow nothing yet.</Text>;
  return (
    <AdminTable
      labelledBy="your-subscriptions-heading"
      minWidth={560}
      highlightOnHover={false}
      rows={subs.data}
      rowKey={(s) => s.id}
      columns={[
        {
          header: "Following",
          cell: (s) => (
            <Text size="sm" style={{ overflowWrap: "anywhere" }}>
              {s.label}
            </Text>
          ),
        },
        { header: "How often", cell: (s) => (s.frequency === "daily" ? "Daily" : "Weekly") },
        { header: "Where", cell: (s) => (s.channel === "email" ? "E-mail" : `Chat (${s.chatWebhookHost ?? "webhook"})`) },
      ]}
      action={{
        text: "Unsubscribe",
        label: (s) => `Unsubscribe from ${s.label}`,
        onClick: (s) => remove.mutate({ id: s.id }),
        loading: (s) => remove.isPending && remove.variables?.id === s.id,
      }}
    />
  );
}

function DigestPreview() {
  const trpc = useTRPC();
  const [frequency, setFrequency] = useState<DigestFrequency>("weekly");
  const preview = useQuery(trpc.subscriptions.previewDigest.queryOptions({ frequency }));
  return (
    <Stack gap="sm">
      <SegmentedControl aria-label="Which digest" data={FREQUENCIES} value={frequency} onChange={(v) => setFrequency(v as DigestFrequency)} w="fit-content" />
      {preview.isPending ? (
        <PageLoader label="Loading the preview" />
      ) : preview.isError ? (
        <QueryError error={preview.error} title="Could not preview the digest" onRetry={() => void preview.refetch()} />
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Published since <time dateTime={isoString(preview.data.periodStart)}>{formatDateTime(preview.data.periodStart)}</time>; goes out around{" "}
            <time dateTime={isoString(preview.data.sendsAt)}>{formatDateTime(preview.data.sendsAt)}</time>
            {preview.data.deliveries.length > 0
              ? ` to ${preview.data.deliveries.map((d) => (d.channel === "email" ? d.to : `chat (${d.to})`)).join(", ")}.`
              : ". It has nowhere to go yet: add a subscription (e-mail needs an address on your account)."}
          </Text>
          {preview.data.entries.length === 0 ? (
            <Text c="dimmed">Nothing new for this digest so far.</Text>
          ) : (
            <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: "none" }}>
              {preview.data.entries.map((e) => (
                <Stack component="li" key={e.id} gap={2}>
                  <Group gap={6} wrap="wrap">
                    <KindBadge kind={e.kind} size="xs" />
                    <Anchor component={Link} to={entryPath(e.slug)} fw={600} size="sm">
                      {e.title}
                    </Anchor>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {e.teamName ?? "No team"} · <time dateTime={isoString(e.publishedAt)}>{formatDate(e.publishedAt)}</time> · because you follow {e.matched.join(", ")}
                  </Text>
                </Stack>
              ))}
            </Stack>
          )}
        </Stack>
      )}
    </Stack>
  );
}

export function SubscriptionsPage() {
  return (
    <Stack gap="xl" maw={960}>
      <Stack gap="xs">
        <Title order={1}>Subscriptions</Title>
        <Text maw="70ch">
          Follow what matters to you and Hindsight sends you a digest of what was newly published: only entries you may read,
          once a day or once a week, by e-mail or to a chat channel.
        </Text>
      </Stack>
      <section aria-labelledby="new-subscription-heading">
        <Stack gap="sm">
          <Title order={2} id="new-subscription-heading">
            Follow something
          </Title>
          <NewSubscription />
        </Stack>
      </section>
      <section aria-labelledby="your-subscriptions-heading">
        <Stack gap="sm">
          <Title order={2} id="your-subscriptions-heading">
            You follow
          </Title>
          <SubscriptionsTable />
        </Stack>
      </section>
      <section aria-labelledby="digest-preview-heading">
        <Stack gap="sm">
          <Title order={2} id="digest-preview-heading">
            Your next digest
          </Title>
          <DigestPreview />
        </Stack>
      </section>
    </Stack>
  );
}
