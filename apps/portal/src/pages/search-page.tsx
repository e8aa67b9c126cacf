// Search (placeholder until its page lands).
import { Title } from "@mantine/core";

export function SearchPage() {
  return <Title order={1}>Search</Title>;
}
