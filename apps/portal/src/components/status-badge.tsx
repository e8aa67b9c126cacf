// Where an entry is in its life: draft, in review, published or archived.
import type { EntryStatus } from "@hindsight/domain";
import { Badge, type BadgeProps } from "@mantine/core";
import { STATUS_COLORS, STATUS_LABELS } from "../lib/labels";

export function StatusBadge({ status, ...props }: { status: EntryStatus } & Omit<BadgeProps, "color" | "children">) {
  return (
    // Coloured text on an outline failed contrast for green and gray; the words keep the page's text
    // colour and the hue moves to a dot beside them.
    <Badge
      variant="default"
      leftSection={<span aria-hidden className="status-dot" style={{ background: `var(--mantine-color-${STATUS_COLORS[status]}-filled)` }} />}
      {...props}
    >
      {STATUS_LABELS[status]}
    </Badge>
  );
}
