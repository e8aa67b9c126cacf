// Postmortem readership: how many teams other than the owner read each postmortem, and the share
// read by at least two other teams (the point of publishing them widely).
import { entryPath } from "@hindsight/domain";
import { BarChart } from "@mantine/charts";
import { Anchor, Group, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { formatPercent, shortTitle } from "../../lib/dashboard-data";
import { useTRPC } from "../../lib/trpc";
import { ChartCard } from "./chart-card";
import { DataTable } from "./data-table";

export function ReadershipChart() {
  const trpc = useTRPC();
  const query = useQuery(trpc.insights.readership.queryOptions({ limit: 10 }));
  const d = query.data;
  const rows = d?.postmortems ?? [];
  const data = rows.map((p) => ({ postmortem: shortTitle(p.title, 28), "Other teams": p.otherTeams }));
  return (
    <ChartCard
      id="readership"
      title="Postmortem readership"
      description="Distinct teams, other than the owner team, whose members opened each published postmortem."
      query={query}
      empty={d?.total === 0 && "No published postmortems yet."}
      extra={
        d && (
          <Group gap="xl">
            <div>
              <Text size="xl" fw={700}>
                {formatPercent(d.widelyReadRatio)}
              </Text>
              <Text size="xs" c="dimmed">
                read by 2 or more other teams ({d.widelyRead} of {d.total})
              </Text>
            </div>
          </Group>
        )
      }
      chartLabel={`Horizontal bar chart: other teams reading each of the ${rows.length} most widely read postmortems. The data is in the table below.`}
      chart={
        <BarChart
          h={Math.max(160, rows.length * 32 + 30)}
          data={data}
          dataKey="postmortem"
          orientation="vertical"
          series={[{ name: "Other teams", color: "red.6" }]}
          accessibilityLayer={false}
          maxBarWidth={24}
          yAxisProps={{ width: 190 }}
          xAxisProps={{ allowDecimals: false }}
        />
      }
      table={
        <DataTable caption="Postmortem readership" columns={["Postmortem", "Owner team", "Other teams", "Readers"]}>
          {rows.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Th scope="row" fw="normal">
                <Anchor component={Link} to={entryPath(p.slug)} size="sm">
                  {p.title}
                </Anchor>
              </Table.Th>
              <Table.Td>{p.team?.name ?? "—"}</Table.Td>
              <Table.Td>{p.otherTeams}</Table.Td>
              <Table.Td>{p.readers}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      }
    />
  );
}
