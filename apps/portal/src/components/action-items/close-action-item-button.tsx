// The button that closes an action item with a fix or runbook. The dialog it opens
// (close-action-item.tsx: Mantine's Modal, a searchable Select, floating-ui) loads when the button is
// pointed at or focused, so it is there by the click; pages that list action items (an entry's table,
// the action items page) do not download it until then.
import { Button } from "@mantine/core";
import { IconLink } from "@tabler/icons-react";
import { lazy, Suspense, useState } from "react";
import type { ClosingEntry } from "../../lib/action-items-view";

const loadDialog = () => import("./close-action-item");
const preloadDialog = () => void loadDialog().catch(() => undefined);
const CloseActionItemModal = lazy(() => loadDialog().then((m) => ({ default: m.CloseActionItemModal })));

export function CloseActionItemButton({
  title,
  describedBy,
  onClose,
}: {
  title: string;
  /** The id of the element naming the item, so each row's button is told apart by screen readers. */
  describedBy?: string;
  onClose: (entry: ClosingEntry) => void;
}) {
  const [opened, setOpened] = useState(false);
  const [everOpened, setEverOpened] = useState(false);
  return (
    <>
      <Button
        size="compact-xs"
        variant="subtle"
        leftSection={<IconLink size={14} aria-hidden />}
        aria-describedby={describedBy}
        onPointerEnter={preloadDialog}
        onFocus={preloadDialog}
        onClick={() => {
          setEverOpened(true);
          setOpened(true);
        }}
      >
        Close with a fix or runbook
      </Button>
      {everOpened && (
        <Suspense fallback={null}>
          <CloseActionItemModal title={title} opened={opened} onCancel={() => setOpened(false)} onClose={onClose} />
        </Suspense>
      )}
    </>
  );
}
