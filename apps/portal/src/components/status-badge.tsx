// Where an entry is in its life: draft, in review, published or archived.
import type { EntryStatus } from "@hindsight/domain";
import { Badge, type BadgeProps } from "@mantine/core";
import { STATUS_COLORS, STATUS_LABELS } from "../lib/labels";

export function StatusBadge({ status, ...props }: { status: EntryStatus } & Omit<BadgeProps, "color" | "children">) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="outline" {...props}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}
