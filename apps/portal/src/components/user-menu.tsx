// The signed-in user in the header: a button with their avatar and name that opens the user menu
// (user-menu-dropdown.tsx: teams, personal API tokens, linked chat accounts, sign-out), whose code
// loads on first use (lazy-menu.tsx).
import { Avatar, Group, Text, UnstyledButton } from "@mantine/core";
import type { ComponentPropsWithRef } from "react";
import { useCurrentUser } from "../lib/session";
import { lazyMenu } from "./lazy-menu";

const LazyUserMenu = lazyMenu(() => import("./user-menu-dropdown"));

/** The trigger; Menu.Target (or lazy-menu.tsx) adds its handlers and ARIA state through these props. */
function UserMenuButton({ name, className, ...props }: { name: string } & ComponentPropsWithRef<"button">) {
  return (
    // Named by its text, not an aria-label: the avatar's initials are visible text, and an aria-label
    // without them fails WCAG's "label in name". Below the lg breakpoint the name is visually hidden.
    <UnstyledButton {...props} className={className ? `user-menu-button ${className}` : "user-menu-button"}>
      <Group gap="xs" wrap="nowrap">
        <Avatar size="sm" radius="xl" color="indigo" variant="filled" name={name} aria-hidden />
        <Text component="span" size="sm" fw={500} className="user-menu-name">
          {name}
        </Text>
      </Group>
    </UnstyledButton>
  );
}

export function UserMenu() {
  const user = useCurrentUser();
  return <LazyUserMenu target={<UserMenuButton name={user.name} />} />;
}
