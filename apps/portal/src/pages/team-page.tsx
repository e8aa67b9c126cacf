// Team (placeholder until its page lands).
import { Title } from "@mantine/core";

export function TeamPage() {
  return <Title order={1}>Team</Title>;
}
