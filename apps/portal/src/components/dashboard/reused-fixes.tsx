// Most reused fixes: the fixes people said worked, built on, or used to close action items.
import { entryPath } from "@hindsight/domain";
import { BarChart } from "@mantine/charts";
import { Anchor, Table } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { shortTitle } from "../../lib/dashboard-data";
import { useTRPC } from "../../lib/trpc";
import { ChartCard } from "./chart-card";
import { DataTable } from "./data-table";

export function ReusedFixes() {
  const trpc = useTRPC();
  const query = useQuery(trpc.insights.reusedFixes.queryOptions({ limit: 10 }));
  const fixes = query.data ?? [];
  const data = fixes.map((f) => ({ fix: shortTitle(f.title, 28), Worked: f.worked, Derived: f.derived, "Closed items": f.closedActionItems }));
  return (
    <ChartCard
      id="reused-fixes"
      title="Most reused fixes"
      description="“This worked for me” votes, entries derived from a fix, and action items a fix closed."
      query={query}
      empty={fixes.length === 0 && "No fix has been reused yet. Vote “This worked for me” on a fix that helped you."}
      chartLabel={`Horizontal bar chart of the ${fixes.length} most reused fixes. The list follows.`}
      chart={
        <BarChart
          h={Math.max(160, fixes.length * 36 + 40)}
          data={data}
          dataKey="fix"
          orientation="vertical"
          type="stacked"
          series={[
            { name: "Worked", color: "teal.6" },
            { name: "Derived", color: "indigo.6" },
            { name: "Closed items", color: "orange.6" },
          ]}
          withLegend
          legendProps={{ verticalAlign: "bottom" }}
          accessibilityLayer={false}
          maxBarWidth={24}
          yAxisProps={{ width: 190 }}
          xAxisProps={{ allowDecimals: false }}
        />
      }
      table={
        <DataTable caption="Most reused fixes" columns={["Fix", "Reuses", "Worked", "Derived", "Closed items"]}>
          {fixes.map((f) => (
            <Table.Tr key={f.id}>
              <Table.Th scope="row" fw="normal">
                <Anchor component={Link} to={entryPath(f.slug)} size="sm">
                  {f.title}
                </Anchor>
              </Table.Th>
              <Table.Td>{f.reuses}</Table.Td>
              <Table.Td>{f.worked}</Table.Td>
              <Table.Td>{f.derived}</Table.Td>
              <Table.Td>{f.closedActionItems}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      }
    />
  );
}
