// Collection (placeholder until its page lands).
import { Title } from "@mantine/core";

export function CollectionPage() {
  return <Title order={1}>Collection</Title>;
}
