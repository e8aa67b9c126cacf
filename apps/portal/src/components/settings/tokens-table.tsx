// My API tokens: name, the first characters (to tell them apart), when each was created and last
// used, and whether it still works; active ones can be revoked after a confirmation.
import { ConfirmDialog } from "../confirm-dialog";
import { Badge, Code, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { formatDateTime, isoString, type DateLike } from "../../lib/format";
import { orderTokens, tokenState, type TokenState } from "../../lib/tokens-view";
import { useTRPC } from "../../lib/trpc";
import { useDialogMutation } from "../../lib/use-dialog-mutation";
import { AdminTable } from "../admin-table";
import { PageLoader } from "../page-loader";
import { QueryError } from "../query-error";

// Like the entry status badge: the words in the page's text colour and the hue on a dot, since
// coloured text on a light badge falls under 4.5:1 contrast.
function TokenStateBadge({ state }: { state: TokenState }) {
  return (
    <Badge
      variant="default"
      // A narrow table would otherwise squeeze the label to "REVO…".
      styles={{ label: { overflow: "visible" } }}
      leftSection={
        <span
          aria-hidden
          className="status-dot"
          style={{ background: `var(--mantine-color-${state === "active" ? "green" : "gray"}-filled)` }}
        />
      }
    >
      {state === "active" ? "Active" : "Revoked"}
    </Badge>
  );
}

function When({ value, never }: { value: DateLike; never: string }) {
  return value ? (
    <Text size="sm" component="time" dateTime={isoString(value)}>
      {formatDateTime(value)}
    </Text>
  ) : (
    <Text size="sm" c="dimmed">
      {never}
    </Text>
  );
}

export function TokensTable({ labelledBy }: { labelledBy: string }) {
  const trpc = useTRPC();
  const tokens = useQuery(trpc.me.tokens.queryOptions());
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);

  if (tokens.isPending) return <PageLoader label="Loading your tokens" />;
  if (tokens.isError) {
    return <QueryError error={tokens.error} title="Could not load your tokens" onRetry={() => void tokens.refetch()} />;
  }
  if (tokens.data.length === 0) {
    return <Text c="dimmed">You have no API tokens yet.</Text>;
  }
  return (
    <>
      <AdminTable
        labelledBy={labelledBy}
        minWidth={640}
        rows={orderTokens(tokens.data)}
        rowKey={(token) => token.id}
        columns={[
          {
            header: "Name",
            cell: (token) => (
              <Text size="sm" fw={500} c={tokenState(token) === "revoked" ? "dimmed" : undefined}>
                {token.name}
              </Text>
            ),
          },
          { header: "Starts with", cell: (token) => <Code>{token.prefix}…</Code> },
          { header: "Created", cell: (token) => <When value={token.createdAt} never="—" /> },
          { header: "Last used", cell: (token) => <When value={token.lastUsedAt} never="Never" /> },
          { header: "Status", cell: (token) => <TokenStateBadge state={tokenState(token)} /> },
        ]}
        action={{
          text: "Revoke",
          label: (token) => `Revoke ${token.name}`,
          onClick: (token) => setRevoking({ id: token.id, name: token.name }),
          when: (token) => tokenState(token) === "active",
        }}
      />
      {revoking && <RevokeDialog token={revoking} onClose={() => setRevoking(null)} />}
    </>
  );
}

function RevokeDialog({ token, onClose }: { token: { id: string; name: string }; onClose: () => void }) {
  const trpc = useTRPC();
  const revoke = useDialogMutation(trpc.me.revokeToken.mutationOptions(), [trpc.me.tokens.queryKey()], onClose);
  return (
    <ConfirmDialog
      title={`Revoke “${token.name}”?`}
      closeLabel="Keep this token"
      confirmLabel="Revoke token"
      destructive
      pending={revoke.isPending}
      error={revoke.error}
      onConfirm={() => revoke.mutate({ id: token.id })}
      onClose={onClose}
    >
      Anything still using this token (a CI job, a bot, the <code>hindsight</code> CLI) gets “401 Unauthorized” from
      then on. This cannot be undone; create a new token if you need one again.
    </ConfirmDialog>
  );
}
