// Teams (`/teams`): every team with its size and the viewer's role in it; admins create teams here.
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { PageLoader } from "../components/page-loader";
import { QueryError } from "../components/query-error";
import { NewTeamButton } from "../components/teams/new-team-dialog";
import { useCurrentUser } from "../lib/session";
import { memberCountText, myTeamRole, TEAM_ROLE_LABELS } from "../lib/teams-view";
import { useTRPC } from "../lib/trpc";

export function TeamsPage() {
  const trpc = useTRPC();
  const me = useCurrentUser();
  const teams = useQuery(trpc.teams.list.queryOptions());

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center" wrap="wrap">
        <Title order={1}>Teams</Title>
        {me.orgRole === "admin" && <NewTeamButton />}
      </Group>
      <Text c="dimmed" maw="60ch">
        Teams own entries and curate collections. Their maintainers add and remove members; a team&apos;s new members
        see its onboarding paths.
      </Text>
      {teams.isPending ? (
        <PageLoader label="Loading teams" />
      ) : teams.isError ? (
        <QueryError error={teams.error} title="Could not load teams" onRetry={() => void teams.refetch()} />
      ) : teams.data.length === 0 ? (
        <Text c="dimmed">
          No teams yet.{me.orgRole === "admin" ? " Create the first one with “New team”." : " An admin creates them."}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {teams.data.map((team) => {
            const role = myTeamRole(me, team.id);
            return (
              <Card key={team.id} component="li" withBorder padding="md" radius="md">
                <Stack gap="xs" h="100%">
                  <Group justify="space-between" align="flex-start" wrap="nowrap">
                    <Title order={2} size="h4">
                      <Anchor component={Link} to={`/teams/${encodeURIComponent(team.slug)}`} inherit>
                        {team.name}
                      </Anchor>
                    </Title>
                    {role && (
                      <Badge variant="light" color={role === "maintainer" ? "indigo" : "gray"} style={{ flexShrink: 0 }}>
                        You: {TEAM_ROLE_LABELS[role]}
                      </Badge>
                    )}
                  </Group>
                  {team.description && (
                    <Text size="sm" c="dimmed" lineClamp={3}>
                      {team.description}
                    </Text>
                  )}
                  <Text size="xs" c="dimmed" mt="auto">
                    {memberCountText(team.memberCount)} · {team.slug}
                  </Text>
                </Stack>
              </Card>
            );
          })}
        </SimpleGrid>
      )}
    </Stack>
  );
}
