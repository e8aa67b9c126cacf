// Knowledge gaps: what people searched for and did not find (only weakly, or never opened), most asked first.
import type { KnowledgeGapReason } from "@hindsight/domain";
import { Anchor, Badge, Table } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { formatDate, isoString } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { ChartCard } from "./chart-card";
import { DataTable } from "./data-table";

const GAP_REASONS: Record<KnowledgeGapReason, { label: string; color: string }> = {
  no_results: { label: "No results", color: "red" },
  weak_match: { label: "Only weak matches", color: "orange" },
  never_opened: { label: "Never opened", color: "gray" },
};

export function KnowledgeGaps() {
  const trpc = useTRPC();
  const query = useQuery(trpc.insights.knowledgeGaps.queryOptions({ limit: 15 }));
  const rows = query.data ?? [];
  return (
    <ChartCard
      id="knowledge-gaps"
      title="Knowledge gaps"
      description="Searches of the last 90 days that found nothing, found only weak matches, or whose results nobody opened. Each one is a learning waiting to be written."
      query={query}
      empty={rows.length === 0 && "No gaps: every recent search found something people opened."}
      table={
        <DataTable caption="Knowledge gaps" columns={["Query", "Searches", "Last searched", "Why"]} minWidth={420}>
          {rows.map((g) => (
            <Table.Tr key={g.query}>
              <Table.Td>
                <Anchor component={Link} to={`/?q=${encodeURIComponent(g.query)}`} size="sm">
                  {g.query}
                </Anchor>
              </Table.Td>
              <Table.Td>{g.searches}</Table.Td>
              <Table.Td>
                <time dateTime={isoString(g.lastSearchedAt)}>{formatDate(g.lastSearchedAt)}</time>
              </Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={GAP_REASONS[g.reason].color}>
                  {GAP_REASONS[g.reason].label}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      }
    />
  );
}
