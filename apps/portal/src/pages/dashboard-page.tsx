// Dashboards (`/dashboards`): how the organisation learns, as charts with their data as tables.
// The charts' CSS is imported here so it stays in this page's lazy chunk, off the search page.
import "@mantine/charts/styles.layer.css";
import { SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { ActionItemsChart } from "../components/dashboard/action-items-chart";
import { KnowledgeGaps } from "../components/dashboard/knowledge-gaps";
import { PublishedChart } from "../components/dashboard/published-chart";
import { ReadershipChart } from "../components/dashboard/readership-chart";
import { ReusedFixes } from "../components/dashboard/reused-fixes";
import { StaleRunbooks } from "../components/dashboard/stale-runbooks";

export function DashboardPage() {
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Dashboards</Title>
        <Text c="dimmed">Counting only what you may read.</Text>
      </div>
      <PublishedChart />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <ActionItemsChart />
        <ReadershipChart />
      </SimpleGrid>
      <ReusedFixes />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <StaleRunbooks />
        <KnowledgeGaps />
      </SimpleGrid>
    </Stack>
  );
}
