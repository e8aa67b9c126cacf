// My linked chat accounts: platform, workspace and member id, when each was linked, and unlinking
// after a confirmation. An unlinked Slack account reads only org-wide entries and cannot save.
import { ConfirmDialog } from "../confirm-dialog";
import { Code, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { formatDateTime, isoString } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { useDialogMutation } from "../../lib/use-dialog-mutation";
import { AdminTable } from "../admin-table";
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
  const rows = links.data.map((link) => {
    const platform = PLATFORMS[link.platform] ?? link.platform;
    return { ...link, platform, label: `${platform} user ${link.externalUserId} in workspace ${link.workspaceId}` };
  });
  return (
    <>
      <AdminTable
        labelledBy={labelledBy}
        minWidth={560}
        rows={rows}
        rowKey={(link) => link.id}
        columns={[
          {
            header: "Platform",
            cell: (link) => (
              <Text size="sm" fw={500}>
                {link.platform}
              </Text>
            ),
          },
          { header: "Workspace", cell: (link) => <Code>{link.workspaceId}</Code> },
          { header: "Member", cell: (link) => <Code>{link.externalUserId}</Code> },
          {
            header: "Linked",
            cell: (link) => (
              <Text size="sm" component="time" dateTime={isoString(link.createdAt)}>
                {formatDateTime(link.createdAt)}
              </Text>
            ),
          },
        ]}
        action={{ text: "Unlink", label: (link) => `Unlink ${link.label}`, onClick: (link) => setUnlinking({ id: link.id, label: link.label }) }}
      />
      {unlinking && <UnlinkDialog link={unlinking} onClose={() => setUnlinking(null)} />}
    </>
  );
}

function UnlinkDialog({ link, onClose }: { link: LinkRef; onClose: () => void }) {
  const trpc = useTRPC();
  const unlink = useDialogMutation(trpc.me.unlinkChat.mutationOptions(), [trpc.me.chatLinks.queryKey()], onClose);
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
