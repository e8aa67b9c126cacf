// API tokens (`/settings/tokens`): what personal tokens are for, creating one (its secret shown once),
// the list of mine with revoking, and copyable examples against this Hindsight's REST API.
import { Stack, Text, Title } from "@mantine/core";
import { CreateToken } from "../components/settings/create-token";
import { TokenExamples } from "../components/settings/token-examples";
import { TokensTable } from "../components/settings/tokens-table";

export function TokensPage() {
  return (
    <Stack gap="xl" maw={960}>
      <Stack gap="xs">
        <Title order={1}>API tokens</Title>
        <Text maw="70ch">
          A personal API token lets scripts act as you on Hindsight&apos;s REST API: publishing runbooks and postmortems
          from CI (docs as code), the <code>hindsight</code> command-line tool, and chat bots. A token has exactly your
          permissions, never expires on its own, and stops working the moment you revoke it.
        </Text>
      </Stack>
      <section aria-labelledby="create-token-heading">
        <Stack gap="sm">
          <Title order={2} id="create-token-heading">
            Create a token
          </Title>
          <CreateToken />
        </Stack>
      </section>
      <section aria-labelledby="your-tokens-heading">
        <Stack gap="sm">
          <Title order={2} id="your-tokens-heading">
            Your tokens
          </Title>
          <TokensTable labelledBy="your-tokens-heading" />
        </Stack>
      </section>
      <section aria-labelledby="use-token-heading">
        <Stack gap="sm">
          <Title order={2} id="use-token-heading">
            Using a token
          </Title>
          <TokenExamples />
        </Stack>
      </section>
    </Stack>
  );
}
