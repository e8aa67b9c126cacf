// The mutation a dialog (or a row's control) runs: on success, refresh the queries that show what it
// changed, wait for them, then close or move on, so the dialog never closes onto stale data.
import { useMutation, useQueryClient, type QueryKey, type UseMutationOptions } from "@tanstack/react-query";

export function useDialogMutation<TData, TError, TVariables, TContext>(
  options: Omit<UseMutationOptions<TData, TError, TVariables, TContext>, "onSuccess">,
  invalidate: readonly QueryKey[],
  onDone?: (data: TData) => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    onSuccess: async (data: TData) => {
      await Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      onDone?.(data);
    },
  });
}
