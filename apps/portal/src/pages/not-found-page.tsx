// Shown for unknown routes and for entries or collections that do not exist (or are not visible to you).
import { Anchor, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";

export function NotFoundPage({ what = "page" }: { what?: string }) {
  return (
    <Stack gap="sm" py="xl" align="flex-start">
      <Title order={1}>Not found</Title>
      <Text c="dimmed">This {what} does not exist, or you do not have access to it.</Text>
      <Anchor component={Link} to="/">
        Back to entries
      </Anchor>
    </Stack>
  );
}
