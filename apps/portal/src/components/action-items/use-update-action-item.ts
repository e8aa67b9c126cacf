// One way to change an action item from anywhere in the portal (the action items page, an entry's
// table): the change shows at once in every cached list, is rolled back if the API refuses it, and
// leaves a sentence for the page to show (the refusal naming the problem, or what changed).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  applyChange,
  statusLabel,
  type ActionItemChange,
  type ActionItemRow,
  type ClosingEntry,
} from "../../lib/action-items-view";
import { errorMessage } from "../../lib/errors";
import { useTRPC, useTRPCClient } from "../../lib/trpc";

interface Variables {
  item: Pick<ActionItemRow, "id" | "title">;
  change: ActionItemChange;
  /** The fix or runbook picked to close the item, to show its link before the server answers. */
  closedBy?: ClosingEntry;
}

export interface ActionItemNotice {
  tone: "error" | "success";
  message: string;
}

function describe({ item, change, closedBy }: Variables, failed: boolean): string {
  if (change.closedByEntryId) {
    const by = closedBy ? ` with “${closedBy.title}”` : "";
    return failed ? `Could not close “${item.title}”${by}` : `Closed “${item.title}”${by}.`;
  }
  if (change.status) {
    const to = statusLabel(change.status);
    return failed ? `Could not change “${item.title}” to ${to}` : `“${item.title}” is now ${to}.`;
  }
  return failed ? `Could not update “${item.title}”` : `Updated “${item.title}”.`;
}

export function useUpdateActionItem() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<ActionItemNotice | null>(null);
  const listKey = trpc.actionItems.list.pathKey();

  const mutation = useMutation({
    mutationFn: ({ change }: Variables) => client.actionItems.update.mutate(change),
    onMutate: async ({ change, closedBy }) => {
      setNotice(null);
      // A list fetched before the change must not land on top of the optimistic state.
      await queryClient.cancelQueries({ queryKey: listKey });
      const snapshot = queryClient.getQueriesData<ActionItemRow[]>({ queryKey: listKey });
      queryClient.setQueriesData<ActionItemRow[]>({ queryKey: listKey }, (old) => (old ? applyChange(old, change, closedBy ?? null) : old));
      return { snapshot };
    },
    onError: (error, variables, context) => {
      for (const [key, data] of context?.snapshot ?? []) queryClient.setQueryData(key, data);
      setNotice({ tone: "error", message: `${describe(variables, true)}: ${errorMessage(error)}` });
    },
    onSuccess: (_data, variables) => {
      setNotice({ tone: "success", message: describe(variables, false) });
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: listKey }),
        queryClient.invalidateQueries({ queryKey: trpc.actionItems.stats.pathKey() }),
        // Entry pages show the items' live state from the entry itself.
        queryClient.invalidateQueries({ queryKey: trpc.entries.get.pathKey() }),
      ]),
  });

  return {
    update: (variables: Variables) => mutation.mutate(variables),
    notice,
    clearNotice: () => setNotice(null),
    isPending: (id: string) => mutation.isPending && mutation.variables?.item.id === id,
  };
}
