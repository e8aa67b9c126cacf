// Route guard: renders the child routes for a signed-in user and sends everyone else to sign-in,
// remembering where they were headed.
import { Container } from "@mantine/core";
import { Navigate, Outlet, useLocation } from "react-router";
import { CurrentUserContext, useMe, useSessionExpiry } from "../lib/session";
import { PageLoader } from "./page-loader";
import { QueryError } from "./query-error";

export function RequireAuth() {
  useSessionExpiry();
  const me = useMe();
  const location = useLocation();

  if (me.isPending) return <PageLoader label="Checking your session" />;
  if (me.isError) {
    return (
      <Container size="sm" py="xl" component="main">
        <QueryError error={me.error} title="Hindsight is unavailable" onRetry={() => void me.refetch()} />
      </Container>
    );
  }
  if (!me.data) {
    const next = location.pathname + location.search + location.hash;
    const search = next === "/" ? "" : `?${new URLSearchParams({ next })}`;
    return <Navigate to={`/sign-in${search}`} replace />;
  }
  return (
    <CurrentUserContext value={me.data}>
      <Outlet />
    </CurrentUserContext>
  );
}
