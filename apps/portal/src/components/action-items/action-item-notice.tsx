// What the last change to an action item did: a refusal in an alert naming the problem, a success in
// a polite live region (the table already shows the new state, so it is only said, not shown).
import { Alert, VisuallyHidden } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import type { ActionItemNotice } from "./use-update-action-item";

export function ActionItemNoticeView({ notice, onClose }: { notice: ActionItemNotice | null; onClose: () => void }) {
  return (
    <>
      <VisuallyHidden role="status" aria-live="polite">
        {notice?.tone === "success" ? notice.message : ""}
      </VisuallyHidden>
      {notice?.tone === "error" && (
        <Alert
          color="red"
          variant="light"
          title="The change was not saved"
          icon={<IconAlertCircle aria-hidden />}
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={onClose}
        >
          {notice.message}
        </Alert>
      )}
    </>
  );
}
