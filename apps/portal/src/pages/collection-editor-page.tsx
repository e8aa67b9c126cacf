// Edit collection (placeholder until its page lands).
import { Title } from "@mantine/core";

export function CollectionEditorPage() {
  return <Title order={1}>Edit collection</Title>;
}
