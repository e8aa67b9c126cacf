// How a token is used, as commands that work when pasted: built from this portal's own origin.
import { Stack, Text, Title } from "@mantine/core";
import { tokenExamples, TOKEN_ENV } from "../../lib/tokens-view";
import { CopyableCode } from "../copyable-code";

export function TokenExamples() {
  const examples = tokenExamples(window.location.origin);
  return (
    <Stack gap="sm">
      <Text size="sm">
        Put the token in an environment variable (<code>{TOKEN_ENV}</code>) rather than in the command itself, so it
        stays out of your shell history and CI logs.
      </Text>
      <Title order={3} size="h5">
        Search
      </Title>
      <CopyableCode value={examples.search} label="Copy search example" />
      <Title order={3} size="h5">
        Publish a markdown document
      </Title>
      <Text size="sm" c="dimmed">
        Front matter wins; plain markdown needs a <code>kind</code> and takes its title from the first heading. Posting
        the same <code>externalKey</code> again updates the entry instead of duplicating it.
      </Text>
      <CopyableCode value={examples.importMarkdown} label="Copy markdown import example" />
      <Title order={3} size="h5">
        Publish an entry
      </Title>
      <CopyableCode value={examples.publishEntry} label="Copy publish example" />
    </Stack>
  );
}
