// The action items of the /action-items page: what, from which postmortem or game day, who, which
// team, by when, where it stands (changeable inline by those allowed) and what closed it. A table on
// wide screens; on narrower ones (a laptop half-screen) the same content as a list of cards, so the
// status and closing controls are never scrolled out of sight.
import { entryPath } from "@hindsight/domain";
import type { ActionItemStatus } from "@hindsight/domain";
import { Anchor, Box, Group, Paper, Stack, Table, Text } from "@mantine/core";
import { useId } from "react";
import { Link } from "react-router";
import type { ActionItemRow, ClosingEntry } from "../../lib/action-items-view";
import { KindBadge } from "../kind-badge";
import { ClosedBy } from "./closed-by";
import { DueDate } from "./due-date";
import { ActionItemStatusControl } from "./status-control";

export interface ActionItemHandlers {
  onStatus: (item: ActionItemRow, status: ActionItemStatus) => void;
  onClose: (item: ActionItemRow, entry: ClosingEntry) => void;
}

function From({ item }: { item: ActionItemRow }) {
  return (
    <Stack gap={4} align="flex-start">
      <KindBadge kind={item.entryKind} size="sm" />
      <Anchor component={Link} to={entryPath(item.entrySlug)} size="sm" style={{ overflowWrap: "anywhere" }}>
        {item.entryTitle}
      </Anchor>
    </Stack>
  );
}

function Row({ item, teamName, handlers }: { item: ActionItemRow; teamName: string | undefined; handlers: ActionItemHandlers }) {
  const titleId = useId();
  return (
    <Table.Tr data-overdue={item.overdue || undefined}>
      <Table.Td id={titleId} style={{ overflowWrap: "anywhere" }}>
        {item.title}
      </Table.Td>
      <Table.Td>
        <From item={item} />
      </Table.Td>
      <Table.Td style={{ overflowWrap: "break-word" }}>
        {item.owner ? (
          <Text span size="sm">
            {item.owner}
          </Text>
        ) : (
          <Text span size="sm" c="dimmed">
            Unassigned
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text span size="sm" c={teamName || item.teamSlug ? undefined : "dimmed"}>
          {teamName ?? item.teamSlug ?? "No team"}
        </Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: "nowrap" }}>
        <DueDate date={item.dueDate} overdue={item.overdue} />
      </Table.Td>
      <Table.Td>
        <ActionItemStatusControl
          title={item.title}
          status={item.status}
          canUpdate={item.canUpdate}
          onChange={(status) => handlers.onStatus(item, status)}
        />
      </Table.Td>
      <Table.Td>
        <ClosedBy item={item} canUpdate={item.canUpdate} describedBy={titleId} onClose={(entry) => handlers.onClose(item, entry)} />
      </Table.Td>
    </Table.Tr>
  );
}

function Card({ item, teamName, handlers }: { item: ActionItemRow; teamName: string | undefined; handlers: ActionItemHandlers }) {
  const titleId = useId();
  const team = teamName ?? item.teamSlug;
  return (
    <Paper component="li" withBorder p="sm" radius="md">
      <Stack gap="xs">
        <Text id={titleId} fw={600} style={{ overflowWrap: "anywhere" }}>
          {item.title}
        </Text>
        <From item={item} />
        <Text size="sm" c="dimmed">
          {item.owner ?? "Unassigned"} · {team ?? "No team"}
        </Text>
        <Group gap="md" align="center" wrap="wrap">
          <Group gap={6} wrap="nowrap" align="center">
            <Text span size="sm" c="dimmed">
              Due
            </Text>
            <DueDate date={item.dueDate} overdue={item.overdue} inline />
          </Group>
          <ActionItemStatusControl
            title={item.title}
            status={item.status}
            canUpdate={item.canUpdate}
            onChange={(status) => handlers.onStatus(item, status)}
          />
          <ClosedBy item={item} canUpdate={item.canUpdate} describedBy={titleId} onClose={(entry) => handlers.onClose(item, entry)} />
        </Group>
      </Stack>
    </Paper>
  );
}

export function ActionItemsList({
  items,
  teamNames,
  handlers,
}: {
  items: readonly ActionItemRow[];
  /** Team names by slug. */
  teamNames: ReadonlyMap<string, string>;
  handlers: ActionItemHandlers;
}) {
  const named = (item: ActionItemRow) => (item.teamSlug ? teamNames.get(item.teamSlug) : undefined);
  return (
    <>
      <Box visibleFrom="lg">
        <ItemsTable items={items} named={named} handlers={handlers} />
      </Box>
      <Stack component="ul" hiddenFrom="lg" gap="sm" m={0} p={0} aria-label="Action items" style={{ listStyle: "none" }}>
        {items.map((item) => (
          <Card key={item.id} item={item} teamName={named(item)} handlers={handlers} />
        ))}
      </Stack>
    </>
  );
}

function ItemsTable({
  items,
  named,
  handlers,
}: {
  items: readonly ActionItemRow[];
  named: (item: ActionItemRow) => string | undefined;
  handlers: ActionItemHandlers;
}) {
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table verticalSpacing="sm" striped highlightOnHover aria-label="Action items">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w="24%">
              Action
            </Table.Th>
            <Table.Th scope="col" w="20%">
              From
            </Table.Th>
            <Table.Th scope="col">Owner</Table.Th>
            <Table.Th scope="col">Team</Table.Th>
            <Table.Th scope="col">Due</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Closed by</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Row key={item.id} item={item} teamName={named(item)} handlers={handlers} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
