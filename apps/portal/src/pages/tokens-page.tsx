// API tokens (placeholder until its page lands).
import { Title } from "@mantine/core";

export function TokensPage() {
  return <Title order={1}>API tokens</Title>;
}
