// What an import did: counts, a link to every entry it touched, the secrets it masked (by kind,
// never the secret) and the blameless findings it published over, so nothing happens unseen.
import { entryPath } from "@hindsight/domain";
import { Alert, Anchor, Badge, Group, List, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { redactionsByKind, reportHeadline, type ImportReport } from "./import-report-model";

const OUTCOME_COLORS = { created: "green", updated: "blue", unchanged: "gray" } as const;

export function ImportReportView({ report, heading = "Import report" }: { report: ImportReport; heading?: string }) {
  const redactions = redactionsByKind(report);
  return (
    <Paper withBorder p="md" radius="sm" aria-labelledby="import-report-heading">
      <Stack gap="md">
        <Title order={2} size="h3" id="import-report-heading">
          {heading}
        </Title>
        <Text role="status">{reportHeadline(report)}</Text>
        {report.entries.length > 0 && (
          <Stack gap={4}>
            <Title order={3} size="h5">
              Entries
            </Title>
            <List spacing={4} aria-label="Imported entries">
              {report.entries.map((e) => (
                <List.Item key={e.id}>
                  <Group gap="xs" wrap="wrap">
                    <Anchor component={Link} to={entryPath(e.slug)}>
                      {e.title}
                    </Anchor>
                    <Badge size="sm" variant="dot" color={OUTCOME_COLORS[e.outcome]}>
                      {e.outcome}
                    </Badge>
                    {e.messages !== undefined && (
                      <Text span size="sm" c="dimmed">
                        {e.messages} message{e.messages === 1 ? "" : "s"}
                      </Text>
                    )}
                  </Group>
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
        {report.redactions.total > 0 && (
          <Stack gap={4}>
            <Title order={3} size="h5">
              Secrets masked: {report.redactions.total}
            </Title>
            <Table withTableBorder maw={420} aria-label="Secrets masked by kind">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Kind</Table.Th>
                  <Table.Th scope="col">Count</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {redactions.map(([kind, n]) => (
                  <Table.Tr key={kind}>
                    <Table.Td>{kind}</Table.Td>
                    <Table.Td>{n}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
        {report.warnings.length > 0 && (
          <Alert color="orange" variant="light" title={`Blameless check: ${report.warnings.length} finding${report.warnings.length === 1 ? "" : "s"}`}>
            <List size="sm" spacing={4}>
              {report.warnings.slice(0, 50).map((w, i) => (
                <List.Item key={`${w.entryId}-${w.where}-${i}`}>
                  “{w.match}” in {w.entryTitle} ({w.where}). {w.suggestion}
                </List.Item>
              ))}
            </List>
            {report.warnings.length > 50 && <Text size="sm">…and {report.warnings.length - 50} more.</Text>}
          </Alert>
        )}
        {report.skipped.length > 0 && (
          <Text size="sm" c="dimmed">
            Skipped: {report.skipped.map((s) => `${s.count} ${s.reason}`).join(", ")}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
