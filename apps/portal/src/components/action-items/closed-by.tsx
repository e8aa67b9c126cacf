// The "Closed by" cell: the fix or runbook that closed an item as a link, or, for people who may
// change the item and while it is still open, the way to close it with one.
import { entryPath } from "@hindsight/domain";
import { Anchor, Group, Text } from "@mantine/core";
import { Link } from "react-router";
import { isClosedStatus, type ActionItemRow, type ClosingEntry } from "../../lib/action-items-view";
import { KindBadge } from "../kind-badge";
import { CloseActionItemButton } from "./close-action-item-button";

export function ClosedBy({
  item,
  canUpdate,
  describedBy,
  onClose,
}: {
  item: Pick<ActionItemRow, "title" | "status" | "closedByEntryId" | "closedBy">;
  canUpdate: boolean;
  describedBy?: string;
  onClose: (entry: ClosingEntry) => void;
}) {
  if (item.closedBy) {
    return (
      <Group gap={6} wrap="nowrap" align="center">
        <KindBadge kind={item.closedBy.kind} size="sm" style={{ flexShrink: 0 }} />
        <Anchor component={Link} to={entryPath(item.closedBy.slug)} size="sm" style={{ overflowWrap: "anywhere" }}>
          {item.closedBy.title}
        </Anchor>
      </Group>
    );
  }
  if (item.closedByEntryId) {
    return (
      <Text size="sm" c="dimmed">
        An entry you cannot see
      </Text>
    );
  }
  if (canUpdate && !isClosedStatus(item.status)) {
    return <CloseActionItemButton title={item.title} describedBy={describedBy} onClose={onClose} />;
  }
  return (
    <Text size="sm" c="dimmed">
      —
    </Text>
  );
}
