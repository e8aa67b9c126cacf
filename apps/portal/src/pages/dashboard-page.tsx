// Dashboards (placeholder until its page lands).
import { Title } from "@mantine/core";

export function DashboardPage() {
  return <Title order={1}>Dashboards</Title>;
}
