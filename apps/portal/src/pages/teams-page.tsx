// Teams (placeholder until its page lands).
import { Title } from "@mantine/core";

export function TeamsPage() {
  return <Title order={1}>Teams</Title>;
}
