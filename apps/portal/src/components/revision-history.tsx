// An entry's revisions, newest first: which version, who made it, when, and their note. The two
// revisions being compared on the history page are marked in words, not only by colour.
import { Badge, Group, Table, Text } from "@mantine/core";
import { formatDateTime, isoString } from "../lib/format";
import type { RevisionView } from "../lib/trpc";

export function RevisionHistory({
  revisions,
  from,
  to,
  labelledBy,
}: {
  revisions: readonly RevisionView[];
  from?: number;
  to?: number;
  labelledBy?: string;
}) {
  if (revisions.length === 0) return <Text c="dimmed">No revisions recorded.</Text>;
  const newestFirst = [...revisions].sort((a, b) => b.version - a.version);
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table verticalSpacing="xs" aria-labelledby={labelledBy}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Version</Table.Th>
            <Table.Th scope="col">Author</Table.Th>
            <Table.Th scope="col">When</Table.Th>
            <Table.Th scope="col">Note</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {newestFirst.map((revision) => {
            const role = revision.version === from ? "From" : revision.version === to ? "To" : null;
            return (
              <Table.Tr key={revision.id} bg={role ? "var(--mantine-primary-color-light)" : undefined}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text span size="sm" fw={600}>
                      {revision.version}
                    </Text>
                    {role && (
                      <Badge size="xs" variant="default">
                        {role}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{revision.authorName}</Table.Td>
                <Table.Td>
                  <time dateTime={isoString(revision.createdAt)}>{formatDateTime(revision.createdAt)}</time>
                </Table.Td>
                <Table.Td>
                  {revision.note ? (
                    <Text span size="sm" style={{ overflowWrap: "anywhere" }}>
                      {revision.note}
                    </Text>
                  ) : (
                    <Text span size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
