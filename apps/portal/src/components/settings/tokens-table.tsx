// My API tokens: name, the first characters (to tell them apart), when each was created and last
// used, and whether it still works; active ones can be revoked after a confirmation.
import { ConfirmDialog } from "../confirm-dialog";
import { Badge, Button, Code, Table, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { formatDateTime, isoString, type DateLike } from "../../lib/format";
import { orderTokens, tokenState, type TokenState } from "../../lib/tokens-view";
import { useTRPC } from "../../lib/trpc";
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
      <Table.ScrollContainer minWidth={640}>
        <Table aria-labelledby={labelledBy} verticalSpacing="xs" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Starts with</Table.Th>
              <Table.Th scope="col">Created</Table.Th>
              <Table.Th scope="col">Last used</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">
                <span className="sr-only">Actions</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {orderTokens(tokens.data).map((token) => {
              const state = tokenState(token);
              return (
                <Table.Tr key={token.id}>
                  <Table.Td>
                    <Text size="sm" fw={500} c={state === "revoked" ? "dimmed" : undefined}>
                      {token.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Code>{token.prefix}…</Code>
                  </Table.Td>
                  <Table.Td>
                    <When value={token.createdAt} never="—" />
                  </Table.Td>
                  <Table.Td>
                    <When value={token.lastUsedAt} never="Never" />
                  </Table.Td>
                  <Table.Td>
                    <TokenStateBadge state={state} />
                  </Table.Td>
                  <Table.Td ta="right">
                    {state === "active" && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={`Revoke ${token.name}`}
                        onClick={() => setRevoking({ id: token.id, name: token.name })}
                      >
                        Revoke
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {revoking && <RevokeDialog token={revoking} onClose={() => setRevoking(null)} />}
    </>
  );
}

function RevokeDialog({ token, onClose }: { token: { id: string; name: string }; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.me.revokeToken.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.me.tokens.queryKey() });
        onClose();
      },
    }),
  );
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
