// The portal's root: Mantine's provider and the route table. TanStack Query and tRPC are provided by
// the data root (components/data-root.tsx), a lazy route around everything but sign-in.
import { createTheme, MantineProvider } from "@mantine/core";
import { lazy, Suspense } from "react";
import { PageLoader } from "./components/page-loader";
import { Toasts } from "./components/toasts";
import { AppRouter } from "./lib/router";
import type { RouteObject } from "react-router";
import { NotFoundPage } from "./pages/not-found-page";
const SignInPage = lazy(() => import("./pages/sign-in-page").then((m) => ({ default: m.SignInPage })));
const SetupPage = lazy(() => import("./pages/setup-page").then((m) => ({ default: m.SetupPage })));

/*
 * Every page loads on first use, so a page's first download is the shared core (React, the router,
 * Mantine's provider) plus that page: the sign-in page carries no search page, the search page no
 * markdown pipeline, editor or charts. TanStack Query and the tRPC client load with the data root and
 * the session check, which the sign-in page does without (it fetches, lib/auth-api.ts); the
 * signed-in shell (header, navigation, menus) loads once RequireAuth has a session, so a signed-out
 * visitor never downloads it.
 */
const DataRoot = lazy(() => import("./components/data-root").then((m) => ({ default: m.DataRoot })));
const RequireAuth = lazy(() => import("./components/data-root").then((m) => ({ default: m.RequireAuth })));

/** The data root, with the spinner RequireAuth shows while it checks the session. */
function Data() {
  return (
    <Suspense fallback={<PageLoader />}>
      <DataRoot />
    </Suspense>
  );
}
const AppLayout = lazy(() => import("./components/app-layout").then((m) => ({ default: m.AppLayout })));
const SearchPage = lazy(() => import("./pages/search-page").then((m) => ({ default: m.SearchPage })));

/** The signed-in shell, with the same spinner RequireAuth shows while it checks the session. */
function Shell() {
  return (
    <Suspense fallback={<PageLoader />}>
      <AppLayout />
    </Suspense>
  );
}
const EntriesPage = lazy(() => import("./pages/entries-page").then((m) => ({ default: m.EntriesPage })));
const EntryPage = lazy(() => import("./pages/entry-page").then((m) => ({ default: m.EntryPage })));
const EntryHistoryPage = lazy(() => import("./pages/entry-history-page").then((m) => ({ default: m.EntryHistoryPage })));
const EditorPage = lazy(() => import("./pages/editor-page").then((m) => ({ default: m.EditorPage })));
const ImportPage = lazy(() => import("./pages/import-page").then((m) => ({ default: m.ImportPage })));
const CollectionsPage = lazy(() => import("./pages/collections-page").then((m) => ({ default: m.CollectionsPage })));
const CollectionPage = lazy(() => import("./pages/collection-page").then((m) => ({ default: m.CollectionPage })));
const CollectionEditorPage = lazy(() =>
  import("./pages/collection-editor-page").then((m) => ({ default: m.CollectionEditorPage })),
);
const OnboardingPage = lazy(() => import("./pages/onboarding-page").then((m) => ({ default: m.OnboardingPage })));
const ActionItemsPage = lazy(() => import("./pages/action-items-page").then((m) => ({ default: m.ActionItemsPage })));
const TeamsPage = lazy(() => import("./pages/teams-page").then((m) => ({ default: m.TeamsPage })));
const TeamPage = lazy(() => import("./pages/team-page").then((m) => ({ default: m.TeamPage })));
const TokensPage = lazy(() => import("./pages/tokens-page").then((m) => ({ default: m.TokensPage })));
const SubscriptionsPage = lazy(() => import("./pages/subscriptions-page").then((m) => ({ default: m.SubscriptionsPage })));
const ChatLinksPage = lazy(() => import("./pages/chat-links-page").then((m) => ({ default: m.ChatLinksPage })));
const AccountPage = lazy(() => import("./pages/account-page").then((m) => ({ default: m.AccountPage })));
const IntegrationsPage = lazy(() => import("./pages/integrations-page").then((m) => ({ default: m.IntegrationsPage })));
const DashboardPage = lazy(() => import("./pages/dashboard-page").then((m) => ({ default: m.DashboardPage })));

const theme = createTheme({
  primaryColor: "indigo",
  // indigo.6 on white is 4.3:1, under WCAG AA for text and white-on-primary buttons; one shade darker passes.
  primaryShade: { light: 7, dark: 8 },
  components: {
    // A toast's close button is icon-only; give every one a name (a plain object, so no component
    // code joins the first download).
    Notification: { defaultProps: { closeButtonProps: { "aria-label": "Dismiss notification" } } },
  },
  defaultRadius: "sm",
});

const routes: RouteObject[] = [
  { path: "/sign-in", Component: SignInPage },
  {
    // Everything that reads or writes through tRPC: set-up and the signed-in portal.
    Component: Data,
    children: [
      { path: "/setup", Component: SetupPage },
      {
        // Everything else needs a session, and shares the header and navigation.
        Component: RequireAuth,
        children: [
          {
            Component: Shell,
            children: [
              { index: true, Component: SearchPage },
              { path: "entries", Component: EntriesPage },
              { path: "entries/:slug", Component: EntryPage },
              { path: "entries/:slug/history", Component: EntryHistoryPage },
              { path: "entries/:slug/edit", Component: EditorPage },
              { path: "new/:kind", Component: EditorPage },
              { path: "import", Component: ImportPage },
              { path: "collections", Component: CollectionsPage },
              { path: "collections/new", Component: CollectionEditorPage },
              { path: "collections/:slug", Component: CollectionPage },
              { path: "collections/:slug/edit", Component: CollectionEditorPage },
              { path: "onboarding", Component: OnboardingPage },
              { path: "action-items", Component: ActionItemsPage },
              { path: "dashboards", Component: DashboardPage },
              { path: "teams", Component: TeamsPage },
              { path: "teams/:slug", Component: TeamPage },
              { path: "settings/tokens", Component: TokensPage },
              { path: "settings/slack", Component: ChatLinksPage },
              { path: "settings/account", Component: AccountPage },
              { path: "settings/subscriptions", Component: SubscriptionsPage },
              { path: "settings/integrations", Component: IntegrationsPage },
              { path: "*", Component: NotFoundPage },
            ],
          },
        ],
      },
    ],
  },
];

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <Toasts />
      <AppRouter routes={routes} />
    </MantineProvider>
  );
}
