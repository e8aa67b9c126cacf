// A page of entries as a table: what kind, which one, whose, in what state, how recent.
import { entryPath } from "@hindsight/domain";
import { Anchor, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import { formatDate, isoString } from "../lib/format";
import type { EntryListItem, TeamView } from "../lib/trpc";
import { KindBadge } from "./kind-badge";
import { StatusBadge } from "./status-badge";

export interface EntriesTableProps {
  entries: readonly EntryListItem[];
  teams: readonly TeamView[];
  caption?: string;
}

export function EntriesTable({ entries, teams, caption = "Entries" }: EntriesTableProps) {
  const teamNames = new Map(teams.map((team) => [team.id, team.name]));
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" highlightOnHover>
        <caption className="sr-only">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Kind</Table.Th>
            <Table.Th scope="col">Title</Table.Th>
            <Table.Th scope="col">Team</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Updated</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.id}>
              <Table.Td>
                <KindBadge kind={entry.kind} />
              </Table.Td>
              <Table.Td maw={420}>
                <Anchor component={Link} to={entryPath(entry.slug)} fw={500}>
                  {entry.title}
                </Anchor>
                {entry.summary && (
                  <Text size="sm" c="dimmed" lineClamp={1}>
                    {entry.summary}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{(entry.teamId && teamNames.get(entry.teamId)) ?? entry.teamSlug ?? "—"}</Text>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={entry.status} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" component="time" dateTime={isoString(entry.updatedAt)}>
                  {formatDate(entry.updatedAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
