// Confirming a link from Slack: what the token from `/hindsight link` would link (checked by the API,
// so an expired or altered link says so before anyone clicks), a warning that the Slack account will
// act as you, and "Link account". Nothing is linked without that click: a link someone else sent
// cannot tie their Slack account to you just by being opened.
import { Alert, Button, Code, Group, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconBrandSlack } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { errorMessage } from "../../lib/errors";
import { formatDateTime } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { PageLoader } from "../page-loader";

export interface ChatLinksConfirmProps {
  token: string;
  /** Called after linking, with a sentence saying what was linked. */
  onLinked: (message: string) => void;
  onCancel: () => void;
}

export function ChatLinksConfirm({ token, onLinked, onCancel }: ChatLinksConfirmProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // The token never goes into the cache for longer than this page shows it.
  const preview = useQuery({ ...trpc.me.chatLinkPreview.queryOptions({ token }), gcTime: 0, staleTime: 0 });
  const link = useMutation(
    trpc.me.linkChat.mutationOptions({
      onSuccess: async (data) => {
        await queryClient.invalidateQueries({ queryKey: trpc.me.chatLinks.queryKey() });
        const who = `Slack user ${data.link.externalUserId} in workspace ${data.link.workspaceId}`;
        onLinked(
          data.outcome === "unchanged"
            ? `${who} was already linked to your account.`
            : `${who} is now linked to your account. /hindsight in Slack searches with your read rights.`,
        );
      },
    }),
  );

  if (preview.isPending) return <PageLoader label="Checking the link" />;
  if (preview.isError) {
    return (
      <Alert color="red" variant="light" role="alert" title="This link cannot be used">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{errorMessage(preview.error)}</Text>
          <Button size="xs" variant="default" onClick={onCancel}>
            Dismiss
          </Button>
        </Stack>
      </Alert>
    );
  }
  const { workspaceId, externalUserId, expiresAt, linkedToMe } = preview.data;
  return (
    <Stack gap="sm" maw="70ch">
      <Text fw={600}>
        Link Slack user <Code>{externalUserId}</Code> in workspace <Code>{workspaceId}</Code> to your Hindsight account?
      </Text>
      {linkedToMe ? (
        <Text size="sm">This Slack account is already linked to you; linking again changes nothing.</Text>
      ) : (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} aria-hidden="true" />} p="xs">
          <Text size="sm">
            Only continue if you ran <code>/hindsight link</code> in Slack yourself just now. Whoever uses that Slack
            account will search Hindsight with your read rights and save messages as you. If it was linked to someone
            else, it moves to you.
          </Text>
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        The link works until {formatDateTime(expiresAt)}.
      </Text>
      {link.isError && (
        <Alert color="red" variant="light" role="alert" p="xs">
          Could not link the account: {errorMessage(link.error)}
        </Alert>
      )}
      <Group gap="sm">
        <Button
          leftSection={<IconBrandSlack size={16} aria-hidden="true" />}
          loading={link.isPending}
          onClick={() => link.mutate({ token })}
        >
          Link account
        </Button>
        <Button variant="default" onClick={onCancel} disabled={link.isPending}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}
