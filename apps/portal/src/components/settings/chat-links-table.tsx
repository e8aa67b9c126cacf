// My linked chat accounts: platform, workspace and member id, when each was linked, and unlinking
// after a confirmation. An unlinked Slack account reads only org-wide entries and cannot save.
import { ConfirmDialog } from "../confirm-dialog";
import { Button, Code, Table, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { formatDateTime, isoString } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { PageLoader } from "../page-loader";
import { QueryError } from "../query-error";

const PLATFORMS: Record<string, string> = { slack: "Slack" };

interface LinkRef {
  id: string;
  label: string;
}

export function ChatLinksTable({ labelledBy }: { labelledBy: string }) {
  const trpc = useTRPC();
  const links = useQuery(trpc.me.chatLinks.queryOptions());
  const [unlinking, setUnlinking] = useState<LinkRef | null>(null);

  if (links.isPending) return <PageLoader label="Loading your chat accounts" />;
  if (links.isError) {
    return <QueryError error={links.error} title="Could not load your chat accounts" onRetry={() => void links.refetch()} />;
  }
  if (links.data.length === 0) {
    return (
      <Text c="dimmed">
        No chat accounts are linked to you. Run <code>/hindsight link</code> in Slack to link one.
      </Text>
    );
  }
  return (
    <>
      <Table.ScrollContainer minWidth={560}>
        <Table aria-labelledby={labelledBy} verticalSpacing="xs" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Platform</Table.Th>
              <Table.Th scope="col">Workspace</Table.Th>
              <Table.Th scope="col">Member</Table.Th>
              <Table.Th scope="col">Linked</Table.Th>
              <Table.Th scope="col">
                <span className="sr-only">Actions</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {links.data.map((link) => {
              const platform = PLATFORMS[link.platform] ?? link.platform;
              const label = `${platform} user ${link.externalUserId} in workspace ${link.workspaceId}`;
              return (
                <Table.Tr key={link.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {platform}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Code>{link.workspaceId}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Code>{link.externalUserId}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" component="time" dateTime={isoString(link.createdAt)}>
                      {formatDateTime(link.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      aria-label={`Unlink ${label}`}
                      onClick={() => setUnlinking({ id: link.id, label })}
                    >
                      Unlink
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {unlinking && <UnlinkDialog link={unlinking} onClose={() => setUnlinking(null)} />}
    </>
  );
}

function UnlinkDialog({ link, onClose }: { link: LinkRef; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const unlink = useMutation(
    trpc.me.unlinkChat.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.me.chatLinks.queryKey() });
        onClose();
      },
    }),
  );
  return (
    <ConfirmDialog
      title="Unlink this chat account?"
      closeLabel="Keep this link"
      confirmLabel="Unlink account"
      destructive
      pending={unlink.isPending}
      error={unlink.error}
      onConfirm={() => unlink.mutate({ id: link.id })}
      onClose={onClose}
    >
      {link.label} will no longer act as you: <code>/hindsight</code> there shows only entries published to the whole
      organisation, and it cannot save messages until it is linked again with <code>/hindsight link</code>.
    </ConfirmDialog>
  );
}
