// Learnings published per month over the last year, stacked by kind or by owner team.
import { BarChart } from "@mantine/charts";
import { SegmentedControl, Table } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { pivotPerMonth, pointTotal } from "../../lib/dashboard-data";
import { KIND_COLORS, KIND_LABELS } from "../../lib/labels";
import { useTRPC } from "../../lib/trpc";
import { ChartCard } from "./chart-card";
import { DataTable } from "./data-table";

export function PublishedChart() {
  const trpc = useTRPC();
  const query = useQuery(trpc.insights.publishedPerMonth.queryOptions());
  const [by, setBy] = useState<"kind" | "team">("kind");
  const pivot = query.data ? pivotPerMonth(query.data.months, query.data.rows, by, KIND_LABELS, KIND_COLORS) : null;
  const total = pivot ? pivot.data.reduce((n, p) => n + pointTotal(p, pivot.series), 0) : 0;

  return (
    <ChartCard
      id="published"
      title="Learnings published per month"
      description="Postmortems, fixes, runbooks, transcripts and game days published in the last 12 months."
      query={query}
      empty={total === 0 && "Nothing was published in the last 12 months."}
      extra={
        <SegmentedControl
          aria-label="Stack learnings by"
          size="xs"
          value={by}
          onChange={(v) => setBy(v === "team" ? "team" : "kind")}
          data={[
            { value: "kind", label: "By kind" },
            { value: "team", label: "By team" },
          ]}
          style={{ alignSelf: "flex-start" }}
        />
      }
      chartLabel={`Stacked bar chart of ${total} learnings published over the last 12 months, by ${by}. The data is in the table below.`}
      chart={
        pivot && (
          <BarChart
            h={260}
            data={pivot.data}
            dataKey="label"
            type="stacked"
            series={pivot.series.map((s) => ({ name: s.name, label: s.label, color: s.color }))}
            withLegend
            legendProps={{ verticalAlign: "bottom" }}
            accessibilityLayer={false}
            maxBarWidth={48}
            tickLine="y"
            yAxisProps={{ allowDecimals: false, width: 32 }}
            xAxisProps={{ interval: "preserveStartEnd" }}
          />
        )
      }
      table={
        pivot && (
          <DataTable
            caption={`Learnings published per month, by ${by}`}
            columns={["Month", ...pivot.series.map((s) => s.label), "Total"]}
            minWidth={400}
          >
            {pivot.data.map((p) => (
              <Table.Tr key={p.month}>
                <Table.Th scope="row">{p.label}</Table.Th>
                {pivot.series.map((s) => (
                  <Table.Td key={s.name}>{p[s.name]}</Table.Td>
                ))}
                <Table.Td>{pointTotal(p, pivot.series)}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )
      }
    />
  );
}
