// The shell around every signed-in page: a header landmark with the product name, the main
// navigation and the user menu, and a main landmark for the page itself.
import { Anchor, AppShell, Container, Group, Text } from "@mantine/core";
import { Suspense } from "react";
import { Link, Outlet, useLocation } from "react-router";
import { PageLoader } from "./page-loader";
import { UserMenu } from "./user-menu";

// Each section owns the paths under it, so "Entries" stays current on an entry page too.
const NAV_ITEMS = [
  { to: "/", label: "Entries", owns: (path: string) => path === "/" || path.startsWith("/entries/") },
  { to: "/collections", label: "Collections", owns: (path: string) => path.startsWith("/collections") },
] as const;

export function AppLayout() {
  const { pathname } = useLocation();
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <AppShell.Header>
        <Container size="lg" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Group gap="lg" wrap="nowrap">
              <Anchor component={Link} to="/" underline="never" c="inherit" aria-label="Hindsight home">
                <Text component="span" fw={700} size="lg">
                  Hindsight
                </Text>
              </Anchor>
              <nav aria-label="Main">
                <Group gap="md" wrap="nowrap">
                  {NAV_ITEMS.map((item) => (
                    <Anchor
                      key={item.to}
                      component={Link}
                      to={item.to}
                      className="nav-link"
                      size="sm"
                      aria-current={item.owns(pathname) ? "page" : undefined}
                    >
                      {item.label}
                    </Anchor>
                  ))}
                </Group>
              </nav>
            </Group>
            <UserMenu />
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Main id="main" tabIndex={-1}>
        <Container size="lg">
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
