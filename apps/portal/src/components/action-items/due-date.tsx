// An action item's due date, and the overdue mark beside it in words (never colour alone). Its own
// module, so an entry's action items table has it without the action items page's list.
import { Group, Stack, Text } from "@mantine/core";
import { formatDueDate } from "../../lib/action-items-view";
import { OverdueBadge } from "./status-control";

export function DueDate({ date, overdue, inline = false }: { date: string | null; overdue: boolean; inline?: boolean }) {
  if (!date) {
    return (
      <Text span size="sm" c="dimmed" style={{ whiteSpace: "nowrap" }}>
        No date
      </Text>
    );
  }
  const content = (
    <>
      <Text span size="sm" fw={overdue ? 700 : undefined} style={{ whiteSpace: "nowrap" }}>
        <time dateTime={date}>{formatDueDate(date)}</time>
      </Text>
      {overdue && <OverdueBadge />}
    </>
  );
  return inline ? (
    <Group gap={6} align="center" wrap="nowrap">
      {content}
    </Group>
  ) : (
    <Stack gap={4} align="flex-start">
      {content}
    </Stack>
  );
}
