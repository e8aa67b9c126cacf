// Action items by team: closed, still open and overdue, with each team's closure rate.
import { BarChart } from "@mantine/charts";
import { Group, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { actionItemBars, formatPercent } from "../../lib/dashboard-data";
import { useTRPC } from "../../lib/trpc";
import { ChartCard } from "./chart-card";
import { DataTable } from "./data-table";

export function ActionItemsChart() {
  const trpc = useTRPC();
  const query = useQuery(trpc.insights.actionItemsByTeam.queryOptions());
  const bars = query.data ? actionItemBars(query.data.teams) : [];
  return (
    <ChartCard
      id="action-items"
      title="Action items by team"
      description="Follow-ups from postmortems and game days: how many each team closed, and how many are past due."
      query={query}
      empty={query.data?.total === 0 && "No action items yet."}
      extra={
        query.data && (
          <Group gap="xl">
            <div>
              <Text size="xl" fw={700}>
                {formatPercent(query.data.closureRate)}
              </Text>
              <Text size="xs" c="dimmed">
                closed ({query.data.closed} of {query.data.total})
              </Text>
            </div>
            <div>
              <Text size="xl" fw={700}>
                {query.data.overdue}
              </Text>
              <Text size="xs" c="dimmed">
                overdue
              </Text>
            </div>
          </Group>
        )
      }
      chartLabel={`Stacked bar chart of closed, open and overdue action items for ${bars.length} teams. The data is in the table below.`}
      chart={
        <BarChart
          h={240}
          data={bars}
          dataKey="team"
          type="stacked"
          series={[
            { name: "Closed", color: "teal.6" },
            { name: "Open", color: "gray.5" },
            { name: "Overdue", color: "red.6" },
          ]}
          withLegend
          legendProps={{ verticalAlign: "bottom" }}
          accessibilityLayer={false}
          maxBarWidth={64}
          yAxisProps={{ allowDecimals: false, width: 32 }}
        />
      }
      table={
        <DataTable caption="Action items by team" columns={["Team", "Closed", "Open", "Overdue", "Closure rate"]}>
          {bars.map((b) => (
            <Table.Tr key={b.team}>
              <Table.Th scope="row">{b.team}</Table.Th>
              <Table.Td>{b.Closed}</Table.Td>
              <Table.Td>{b.Open}</Table.Td>
              <Table.Td>{b.Overdue}</Table.Td>
              <Table.Td>{b.closureRate}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      }
    />
  );
}
