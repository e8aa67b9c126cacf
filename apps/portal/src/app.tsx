// The portal's root: providers (Mantine, TanStack Query, tRPC) and the route table.
import { createTheme, MantineProvider } from "@mantine/core";
import { QueryClientProvider } from "@tanstack/react-query";
import { lazy, useState } from "react";
import { createBrowserRouter, RouterProvider } from "react-router";
import { AppLayout } from "./components/app-layout";
import { RequireAuth } from "./components/require-auth";
import { makeQueryClient } from "./lib/query-client";
import { makeTrpcClient, TRPCProvider } from "./lib/trpc";
import { CollectionsPage } from "./pages/collections-page";
import { EntriesPage } from "./pages/entries-page";
import { NotFoundPage } from "./pages/not-found-page";
import { SignInPage } from "./pages/sign-in-page";

// The entry page carries the markdown pipeline (about a third of the code), so it loads on first use.
const EntryPage = lazy(() => import("./pages/entry-page").then((module) => ({ default: module.EntryPage })));

const theme = createTheme({
  primaryColor: "indigo",
  defaultRadius: "sm",
});

const router = createBrowserRouter([
  { path: "/sign-in", Component: SignInPage },
  {
    // Everything else needs a session, and shares the header and navigation.
    Component: RequireAuth,
    children: [
      {
        Component: AppLayout,
        children: [
          { index: true, Component: EntriesPage },
          { path: "entries/:slug", Component: EntryPage },
          { path: "collections", Component: CollectionsPage },
          { path: "*", Component: NotFoundPage },
        ],
      },
    ],
  },
]);

export function App() {
  // Created once per mounted app, never at module scope, so tests can mount isolated instances.
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(makeTrpcClient);
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <RouterProvider router={router} />
        </TRPCProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
