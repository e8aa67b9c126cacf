// One team (`/teams/:slug`): who is in it (managed here by admins and its maintainers), what it has
// published lately, and the collections and onboarding paths it curates.
import { Anchor, Badge, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { PageLoader } from "../components/page-loader";
import { QueryError } from "../components/query-error";
import { TeamCollections, TeamEntries } from "../components/teams/team-content";
import { TeamMembers } from "../components/teams/team-members";
import { TeamNotifications } from "../components/teams/team-notifications";
import { isNotFound } from "../lib/errors";
import { useCurrentUser } from "../lib/session";
import { canManageMembers, memberCountText, myTeamRole, TEAM_ROLE_LABELS } from "../lib/teams-view";
import { useTRPC } from "../lib/trpc";

function AllTeamsLink() {
  return (
    <Anchor component={Link} to="/teams" size="sm">
      <Group gap={4} component="span" wrap="nowrap">
        <IconArrowLeft size={14} aria-hidden="true" />
        All teams
      </Group>
    </Anchor>
  );
}

export function TeamPage() {
  const { slug = "" } = useParams();
  const trpc = useTRPC();
  const me = useCurrentUser();
  const team = useQuery(trpc.teams.get.queryOptions({ slug }));

  if (team.isPending) return <PageLoader label="Loading team" />;
  if (team.isError) {
    return (
      <Stack>
        <Title order={1}>{isNotFound(team.error) ? "Team not found" : "Team"}</Title>
        <QueryError error={team.error} title="Could not load this team" onRetry={() => void team.refetch()} />
        <AllTeamsLink />
      </Stack>
    );
  }

  const role = myTeamRole(me, team.data.id);
  const canManage = canManageMembers(me, team.data.id);
  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <AllTeamsLink />
        <Group gap="sm" align="center" wrap="wrap">
          <Title order={1}>{team.data.name}</Title>
          {role && (
            <Badge variant="light" color={role === "maintainer" ? "indigo" : "gray"}>
              You: {TEAM_ROLE_LABELS[role]}
            </Badge>
          )}
        </Group>
        {team.data.description && <Text maw="70ch">{team.data.description}</Text>}
        <Text size="sm" c="dimmed">
          {memberCountText(team.data.members.length)} · slug <code>{team.data.slug}</code>
          {canManage ? "" : " · maintainers and admins manage members"}
        </Text>
      </Stack>
      {(role || me.orgRole === "admin") && <TeamNotifications teamId={team.data.id} />}
      <TeamMembers team={team.data} canManage={canManage} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        <TeamEntries teamId={team.data.id} />
        <TeamCollections teamId={team.data.id} />
      </SimpleGrid>
    </Stack>
  );
}
