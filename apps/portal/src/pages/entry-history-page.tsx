// History (placeholder until its page lands).
import { Title } from "@mantine/core";

export function EntryHistoryPage() {
  return <Title order={1}>History</Title>;
}
