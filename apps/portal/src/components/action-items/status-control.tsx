// An action item's status where it is shown: a select for people who may change it (lazy-select.tsx), a badge for
// everyone else, and the overdue mark in words and an icon (never colour alone).
import type { ActionItemStatus } from "@hindsight/domain";
import { Badge } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { ACTION_ITEM_STATUS_OPTIONS, statusLabel } from "../../lib/action-items-view";
import { LazySelect } from "../lazy-select";

// Hues whose light badges keep 4.5:1 contrast in both colour schemes (green and yellow do not).
const STATUS_COLORS: Record<ActionItemStatus, string> = { open: "blue", in_progress: "violet", done: "cyan", wont_do: "gray" };

export function ActionItemStatusBadge({ status }: { status: ActionItemStatus }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="light">
      {statusLabel(status)}
    </Badge>
  );
}

export function OverdueBadge() {
  return (
    // Never cut to "OVER…": the word is the signal, colour only repeats it.
    <Badge color="red" variant="light" leftSection={<IconAlertTriangle size={12} aria-hidden />} style={{ minWidth: "max-content", flexShrink: 0 }}>
      Overdue
    </Badge>
  );
}

export function ActionItemStatusControl({
  title,
  status,
  canUpdate,
  onChange,
}: {
  title: string;
  status: ActionItemStatus;
  canUpdate: boolean;
  onChange: (status: ActionItemStatus) => void;
}) {
  if (!canUpdate) return <ActionItemStatusBadge status={status} />;
  return (
    // Mantine's Select (and floating-ui with it) loads when the control is first pointed at or focused.
    <LazySelect
      aria-label={`Status for “${title}”`}
      data={ACTION_ITEM_STATUS_OPTIONS}
      value={status}
      onChange={(value) => {
        const next = ACTION_ITEM_STATUS_OPTIONS.find((o) => o.value === value)?.value;
        if (next && next !== status) onChange(next);
      }}
      allowDeselect={false}
      size="xs"
      w={140}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
