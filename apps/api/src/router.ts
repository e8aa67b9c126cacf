// The tRPC app router: one sub-router per domain area. The portal imports only its type.
import { actionItemsRouter } from "./routers/action-items.js";
import { authRouter } from "./routers/auth.js";
import { collectionsRouter } from "./routers/collections.js";
import { entriesRouter } from "./routers/entries.js";
import { fixesRouter, runbooksRouter } from "./routers/fixes.js";
import { importsRouter } from "./routers/imports.js";
import { insightsRouter } from "./routers/insights.js";
import { integrationsRouter } from "./routers/integrations.js";
import { meRouter } from "./routers/me.js";
import { searchRouter } from "./routers/search.js";
import { subscriptionsRouter } from "./routers/subscriptions.js";
import { teamsRouter } from "./routers/teams.js";
import { router } from "./trpc.js";

export const appRouter = router({
  auth: authRouter,
  me: meRouter,
  entries: entriesRouter,
  teams: teamsRouter,
  collections: collectionsRouter,
  actionItems: actionItemsRouter,
  fixes: fixesRouter,
  runbooks: runbooksRouter,
  imports: importsRouter,
  search: searchRouter,
  insights: insightsRouter,
  subscriptions: subscriptionsRouter,
  integrations: integrationsRouter,
});

export type AppRouter = typeof appRouter;
