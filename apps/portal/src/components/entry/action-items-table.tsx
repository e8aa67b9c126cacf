// The action items of a postmortem or game day: what, who, by when, and where it stands. Overdue
// items say so in words as well as colour, since they are the reason this table exists.
import type { ActionItemInput } from "@hindsight/domain";
import { Badge, Group, Table, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { formatDate } from "../../lib/format";
import { ACTION_ITEM_STATUS_LABELS, isActionItemOverdue, localIsoDate } from "../../lib/entry-view";
import { EntrySection } from "./entry-section";

// Hues whose light badges keep 4.5:1 contrast in both colour schemes (green and yellow do not).
const STATUS_COLORS = { open: "blue", in_progress: "violet", done: "cyan", wont_do: "gray" } as const;

/** A due date as the calendar day it names, not shifted by the reader's time zone. */
function formatDueDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return y && m && d ? formatDate(new Date(y, m - 1, d)) : date;
}

export function ActionItemsTable({ items }: { items: readonly ActionItemInput[] | undefined }) {
  const today = localIsoDate();
  const list = items ?? [];
  const overdue = list.filter((item) => isActionItemOverdue(item, today)).length;
  return (
    <EntrySection
      title="Action items"
      actions={
        list.length > 0 && (
          <Text size="sm" c="dimmed">
            {list.length} {list.length === 1 ? "item" : "items"},{" "}
            {list.filter((i) => i.status === "done" || i.status === "wont_do").length} closed
            {overdue > 0 && `, ${overdue} overdue`}
          </Text>
        )
      }
    >
      {list.length === 0 ? (
        <Text c="dimmed">No action items recorded.</Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="xs" striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Action</Table.Th>
                <Table.Th scope="col">Owner</Table.Th>
                <Table.Th scope="col">Due</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((item, i) => {
                const late = isActionItemOverdue(item, today);
                const status = item.status ?? "open";
                return (
                  <Table.Tr
                    key={item.id ?? i}
                    data-overdue={late || undefined}
                    style={late ? { backgroundColor: "var(--mantine-color-red-light)" } : undefined}
                  >
                    <Table.Td style={{ overflowWrap: "anywhere" }}>{item.title}</Table.Td>
                    <Table.Td>
                      {item.owner || item.team ? (
                        <>
                          {item.owner ?? ""}
                          {item.team && (
                            <Text span size="sm" c="dimmed">
                              {item.owner ? " · " : ""}
                              {item.team}
                            </Text>
                          )}
                        </>
                      ) : (
                        <Text span c="dimmed">
                          Unassigned
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {item.dueDate ? (
                        <Text span size="sm" fw={late ? 700 : undefined} style={{ whiteSpace: "nowrap" }}>
                          <time dateTime={item.dueDate}>{formatDueDate(item.dueDate)}</time>
                        </Text>
                      ) : (
                        <Text span size="sm" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                          No date
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="wrap">
                        <Badge color={STATUS_COLORS[status]} variant="light">
                          {ACTION_ITEM_STATUS_LABELS[status]}
                        </Badge>
                        {late && (
                          <Badge color="red" variant="light" leftSection={<IconAlertTriangle size={12} aria-hidden />}>
                            Overdue
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </EntrySection>
  );
}
