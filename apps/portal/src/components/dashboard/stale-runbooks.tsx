// Runbooks past their review date, oldest first, each linking to the runbook to review it.
import { entryPath } from "@hindsight/domain";
import { Anchor, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { daysOverdue } from "../../lib/dashboard-data";
import { formatDate, isoString } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { ChartCard } from "./chart-card";
import { DataTable } from "./data-table";

export function StaleRunbooks() {
  const trpc = useTRPC();
  const query = useQuery(trpc.insights.staleRunbooks.queryOptions());
  const rows = query.data ?? [];
  return (
    <ChartCard
      id="stale-runbooks"
      title="Stale runbooks"
      description="Runbooks whose review interval has passed. Open one and mark it reviewed once it is still right."
      query={query}
      empty={rows.length === 0 && "Every runbook is within its review interval."}
      table={
        <DataTable caption="Stale runbooks" columns={["Runbook", "Team", "Review was due"]} minWidth={420}>
          {rows.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Anchor component={Link} to={entryPath(r.slug)} size="sm">
                  {r.title}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{r.team?.name ?? "—"}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  <time dateTime={isoString(r.reviewDueAt)}>{formatDate(r.reviewDueAt)}</time>{" "}
                  <Text span size="xs" c="dimmed">
                    ({daysOverdue(r.reviewDueAt)} days ago)
                  </Text>
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      }
    />
  );
}
