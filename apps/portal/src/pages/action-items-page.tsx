// Action items (placeholder until its page lands).
import { Title } from "@mantine/core";

export function ActionItemsPage() {
  return <Title order={1}>Action items</Title>;
}
