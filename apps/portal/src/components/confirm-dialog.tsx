// Asking before an action that is hard to take back (revoke, remove, unlink, archive): what will
// happen, the refusal if the server gives one, and two clearly named buttons. Destructive actions use
// red.9, since white on the default red shade is under 4.5:1.
import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { errorMessage } from "../lib/errors";

export interface ConfirmDialogProps {
  title: string;
  /** What happens if they confirm. */
  children: ReactNode;
  confirmLabel: string;
  /** Name of the dialog's close (×) button: what closing keeps ("Keep this token"). */
  closeLabel: string;
  destructive?: boolean;
  pending: boolean;
  error: unknown;
  onConfirm(): void;
  onClose(): void;
}

export function ConfirmDialog({ title, children, confirmLabel, closeLabel, destructive = false, pending, error, onConfirm, onClose }: ConfirmDialogProps) {
  return (
    <Modal opened onClose={onClose} title={title} closeButtonProps={{ "aria-label": closeLabel }}>
      <Stack gap="sm">
        <Text size="sm" component="div">
          {children}
        </Text>
        {error != null && (
          <Alert color="red" variant="light" role="alert" p="xs">
            {errorMessage(error)}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          {/* Focus starts on the safe choice for destructive actions. */}
          <Button variant="default" onClick={onClose} data-autofocus={destructive || undefined}>
            Cancel
          </Button>
          <Button color={destructive ? "red.9" : undefined} loading={pending} onClick={onConfirm} data-autofocus={!destructive || undefined}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
