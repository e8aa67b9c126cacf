// The shell around every signed-in page: a header landmark (product name, search trigger, "New entry"
// menu, user menu), the main navigation as a sidebar that folds behind a burger below 48em, and a
// main landmark for the page itself. The command palette's shortcuts live here too.
// The shell is plain HTML and CSS (styles.css) rather than Mantine's AppShell: AppShell brings its
// resize handles, aside and footer along (about 8 KB gzipped), too much for the home page budget.
import { Burger, Button, Container, Group, Text, UnstyledButton } from "@mantine/core";
import {
  IconChartBar,
  IconChecklist,
  IconChevronDown,
  IconFileImport,
  IconFolders,
  IconListDetails,
  IconPlus,
  IconSchool,
  IconSearch,
  IconUsersGroup,
  type Icon,
} from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { Suspense, useEffect, useState } from "react";
import { Link, Outlet, useLocation } from "react-router";
import { useTRPC } from "../lib/trpc";
import { lazyMenu } from "./lazy-menu";
import { PageLoader } from "./page-loader";
import { PaletteLauncher } from "./search/palette-launcher";
import { UserMenu } from "./user-menu";

interface NavItem {
  to: string;
  label: string;
  icon: Icon;
  /** Each section owns the paths under it, so "Browse" stays current on an entry page too. */
  owns: (path: string) => boolean;
}

const NAV_ITEMS: readonly NavItem[] = [
  { to: "/", label: "Search", icon: IconSearch, owns: (path) => path === "/" },
  { to: "/entries", label: "Browse", icon: IconListDetails, owns: (path) => path.startsWith("/entries") },
  { to: "/collections", label: "Collections", icon: IconFolders, owns: (path) => path.startsWith("/collections") },
  { to: "/onboarding", label: "Onboarding", icon: IconSchool, owns: (path) => path.startsWith("/onboarding") },
  { to: "/action-items", label: "Action items", icon: IconChecklist, owns: (path) => path.startsWith("/action-items") },
  { to: "/dashboards", label: "Dashboards", icon: IconChartBar, owns: (path) => path.startsWith("/dashboards") },
  { to: "/teams", label: "Teams", icon: IconUsersGroup, owns: (path) => path.startsWith("/teams") },
  { to: "/import", label: "Import", icon: IconFileImport, owns: (path) => path.startsWith("/import") },
];

const NAVBAR_ID = "main-navigation";

const LazyNewEntryMenu = lazyMenu(() => import("./new-entry-menu"));

function NewEntryMenu() {
  return (
    <LazyNewEntryMenu
      target={
        <Button
          size="sm"
          leftSection={<IconPlus size={16} aria-hidden />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
          aria-label="New entry"
          px="sm"
        >
          <Text span size="sm" fw={600} visibleFrom="xs">
            New
          </Text>
        </Button>
      }
    />
  );
}

/** Demo mode (HINDSIGHT_DEMO=true) is said on every page: anyone can sign in as anyone there. */
function useDemoMode(): boolean {
  const trpc = useTRPC();
  const options = useQuery({ ...trpc.auth.options.queryOptions(), staleTime: Infinity });
  return options.data?.demo === true;
}

function DemoBanner() {
  return (
    <div className="demo-banner" role="note" aria-label="Demo mode">
      <span>
        <strong>Demo</strong> · anyone can sign in as anyone here, so keep real incident data out.
      </span>
    </div>
  );
}

export function AppLayout() {
  const { pathname } = useLocation();
  const [navOpened, setNavOpened] = useState(false);
  const demo = useDemoMode();

  // On narrow screens the navigation is an overlay: close it once the reader has gone somewhere.
  useEffect(() => setNavOpened(false), [pathname]);

  // Escape closes the open overlay navigation, as it would a dialog.
  useEffect(() => {
    if (!navOpened) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") setNavOpened(false);
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [navOpened]);

  return (
    <div className="app-shell" data-nav-open={navOpened} data-demo={demo}>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      {demo && <DemoBanner />}
      <header className="app-header">
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={() => setNavOpened((open) => !open)}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
              aria-expanded={navOpened}
              aria-controls={NAVBAR_ID}
            />
            <UnstyledButton component={Link} to="/" aria-label="Hindsight home" className="brand-link">
              <Text component="span" fw={700} size="lg">
                Hindsight
              </Text>
            </UnstyledButton>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <PaletteLauncher />
            <NewEntryMenu />
            <UserMenu />
          </Group>
        </Group>
      </header>
      <nav id={NAVBAR_ID} aria-label="Main" className="app-navbar">
        <ul>
          {NAV_ITEMS.map((item) => {
            const current = item.owns(pathname);
            return (
              <li key={item.to}>
                <Link to={item.to} className="app-nav-link" aria-current={current ? "page" : undefined}>
                  <item.icon size={18} stroke={1.7} aria-hidden />
                  <span>{item.label}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {navOpened && <div className="app-nav-backdrop" onClick={() => setNavOpened(false)} aria-hidden />}
      <main id="main" tabIndex={-1} className="app-main">
        <Container size="lg" px={0}>
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </Container>
      </main>
    </div>
  );
}
