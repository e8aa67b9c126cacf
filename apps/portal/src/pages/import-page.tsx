// Import (placeholder until its page lands).
import { Title } from "@mantine/core";

export function ImportPage() {
  return <Title order={1}>Import</Title>;
}
