// The coloured label that tells a postmortem from a runbook at a glance.
import type { EntryKind } from "@hindsight/domain";
import { Badge, type BadgeProps } from "@mantine/core";
import { KIND_COLORS, KIND_LABELS } from "../lib/labels";

export function KindBadge({ kind, ...props }: { kind: EntryKind } & Omit<BadgeProps, "color" | "children">) {
  return (
    <Badge color={KIND_COLORS[kind]} variant="light" {...props}>
      {KIND_LABELS[kind]}
    </Badge>
  );
}
