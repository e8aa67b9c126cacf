// The user menu itself (loaded on first use, lazy-menu.tsx): who is signed in, links to teams,
// personal API tokens and linked chat accounts, and sign-out. Signing out drops every cached response,
// so the next person on this browser never sees what the previous one could.
import { Menu, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { IconBrandSlack, IconKey, IconMailFast, IconPlugConnected, IconUserCircle, IconUsersGroup } from "@tabler/icons-react";
import { cloneElement } from "react";
import { Link, useNavigate } from "react-router";
import { errorMessage } from "../lib/errors";
import { useCurrentUser } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { useFirstOpening, type LoadedMenuProps } from "./lazy-menu";

export default function UserMenuDropdown({ target, openOnMount }: LoadedMenuProps) {
  const { opened, onChange, targetRef } = useFirstOpening(openOnMount);
  const user = useCurrentUser();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSuccess: ({ redirectTo }) => {
        queryClient.clear();
        queryClient.setQueryData(trpc.me.get.queryKey(), null);
        // Single sign-on: end the session at the identity provider too (RP-initiated logout); it sends
        // the browser back to the sign-in page afterwards.
        if (redirectTo) window.location.assign(redirectTo);
        else void navigate("/sign-in", { replace: true });
      },
    }),
  );

  return (
    <Menu position="bottom-end" width={240} withinPortal opened={opened} onChange={onChange}>
      <Menu.Target>{cloneElement(target, { ref: targetRef })}</Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          Signed in as @{user.handle}
          {user.orgRole === "admin" ? " (admin)" : ""}
        </Menu.Label>
        {user.teams.length > 0 && (
          <Menu.Label>Teams: {user.teams.map((team) => team.name).join(", ")}</Menu.Label>
        )}
        <Menu.Divider />
        <Menu.Item component={Link} to="/teams" leftSection={<IconUsersGroup size={16} aria-hidden />}>
          Teams
        </Menu.Item>
        <Menu.Item component={Link} to="/settings/account" leftSection={<IconUserCircle size={16} aria-hidden />}>
          Account
        </Menu.Item>
        <Menu.Item component={Link} to="/settings/tokens" leftSection={<IconKey size={16} aria-hidden />}>
          API tokens
        </Menu.Item>
        <Menu.Item component={Link} to="/settings/subscriptions" leftSection={<IconMailFast size={16} aria-hidden />}>
          Subscriptions
        </Menu.Item>
        <Menu.Item component={Link} to="/settings/slack" leftSection={<IconBrandSlack size={16} aria-hidden />}>
          Chat accounts
        </Menu.Item>
        {user.orgRole === "admin" && (
          <Menu.Item component={Link} to="/settings/integrations" leftSection={<IconPlugConnected size={16} aria-hidden />}>
            Chat integrations
          </Menu.Item>
        )}
        <Menu.Divider />
        <Menu.Item color="red" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          {signOut.isPending ? "Signing out…" : "Sign out"}
        </Menu.Item>
        {signOut.isError && (
          <Text size="xs" c="red" px="sm" pb="xs" role="alert">
            {errorMessage(signOut.error)}
          </Text>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
