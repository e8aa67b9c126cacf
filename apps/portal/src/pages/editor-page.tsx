// Editor (placeholder until its page lands).
import { Title } from "@mantine/core";

export function EditorPage() {
  return <Title order={1}>Editor</Title>;
}
