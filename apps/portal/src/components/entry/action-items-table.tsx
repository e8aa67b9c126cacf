// The action items of a postmortem or game day: what, who, by when, and where it stands. Overdue
// items say so in words as well as colour, since they are the reason this table exists. People who
// may change an item (its owner, the entry's writers) change its status or close it right here,
// with the same controls as the action items page; the tracked rows come from that page's API.
import type { ActionItemInput } from "@hindsight/domain";
import { Anchor, Group, Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Link, useParams } from "react-router";
import { isClosedStatus, type ActionItemRow } from "../../lib/action-items-view";
import { isActionItemOverdue, localIsoDate } from "../../lib/entry-view";
import { useTRPC } from "../../lib/trpc";
import { ActionItemNoticeView } from "../action-items/action-item-notice";
import { DueDate } from "../action-items/due-date";
import { ClosedBy } from "../action-items/closed-by";
import { ActionItemStatusControl } from "../action-items/status-control";
import { useUpdateActionItem } from "../action-items/use-update-action-item";
import { EntrySection } from "./entry-section";

/**
 * The tracked rows of the entry on screen (live status, who may change them, the closing entry). The
 * entry page has already loaded the entry by its slug, so that read is a cache hit.
 */
function useTrackedItems(enabled: boolean) {
  const trpc = useTRPC();
  const { slug } = useParams();
  const entry = useQuery({ ...trpc.entries.get.queryOptions({ slug: slug ?? "" }), enabled: enabled && Boolean(slug) });
  const entryId = entry.data?.id;
  const tracked = useQuery({
    ...trpc.actionItems.list.queryOptions({ entryId: entryId ?? "", limit: 500 }),
    enabled: enabled && Boolean(entryId),
  });
  return { entryId, byId: new Map((tracked.data ?? []).map((row) => [row.id, row])) };
}

function ItemRow({
  item,
  tracked,
  today,
  update,
}: {
  item: ActionItemInput;
  tracked: ActionItemRow | undefined;
  today: string;
  update: ReturnType<typeof useUpdateActionItem>["update"];
}) {
  const titleId = useId();
  const status = tracked?.status ?? item.status ?? "open";
  const late = tracked ? tracked.overdue : isActionItemOverdue(item, today);
  const canUpdate = tracked?.canUpdate ?? false;
  return (
    <Table.Tr data-overdue={late || undefined} style={late ? { backgroundColor: "var(--mantine-color-red-light)" } : undefined}>
      <Table.Td id={titleId} style={{ overflowWrap: "anywhere" }}>
        {item.title}
      </Table.Td>
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
      <Table.Td style={{ whiteSpace: "nowrap" }}>
        <DueDate date={item.dueDate ?? null} overdue={late} />
      </Table.Td>
      <Table.Td>
        <Stack gap={6} align="flex-start">
          <ActionItemStatusControl
            title={item.title}
            status={status}
            canUpdate={canUpdate}
            onChange={(next) => tracked && update({ item: tracked, change: { id: tracked.id, status: next } })}
          />
          {tracked && (tracked.closedByEntryId || (canUpdate && !isClosedStatus(status))) && (
            <ClosedBy
              item={tracked}
              canUpdate={canUpdate}
              describedBy={titleId}
              onClose={(closer) => update({ item: tracked, change: { id: tracked.id, closedByEntryId: closer.id }, closedBy: closer })}
            />
          )}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

export function ActionItemsTable({ items }: { items: readonly ActionItemInput[] | undefined }) {
  const today = localIsoDate();
  const list = items ?? [];
  const { entryId, byId } = useTrackedItems(list.length > 0);
  const { update, notice, clearNotice } = useUpdateActionItem();
  const statusOf = (item: ActionItemInput) => (item.id ? byId.get(item.id)?.status : undefined) ?? item.status ?? "open";
  const overdue = list.filter((item) => {
    const tracked = item.id ? byId.get(item.id) : undefined;
    return tracked ? tracked.overdue : isActionItemOverdue(item, today);
  }).length;
  const closed = list.filter((i) => isClosedStatus(statusOf(i))).length;
  return (
    <EntrySection
      title="Action items"
      actions={
        list.length > 0 && (
          <Group gap="sm" justify="space-between" wrap="wrap">
            <Text size="sm" c="dimmed">
              {list.length} {list.length === 1 ? "item" : "items"}, {closed} closed
              {overdue > 0 && `, ${overdue} overdue`}
            </Text>
            {entryId && (
              <Anchor component={Link} to={`/action-items?entry=${entryId}`} size="sm">
                Track these on the action items page
              </Anchor>
            )}
          </Group>
        )
      }
    >
      <ActionItemNoticeView notice={notice} onClose={clearNotice} />
      {list.length === 0 ? (
        <Text c="dimmed">No action items recorded.</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
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
              {list.map((item, i) => (
                <ItemRow key={item.id ?? i} item={item} tracked={item.id ? byId.get(item.id) : undefined} today={today} update={update} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </EntrySection>
  );
}
