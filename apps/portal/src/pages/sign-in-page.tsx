// Sign-in, built from what the server offers (`auth.options`): single sign-on, a password form for
// local accounts, sign-up where it is open, and, only in demo mode, the one-click people picker.
// Forms are checked with the same zod schemas the API enforces, so most mistakes show before a request.
// The page talks to the API with plain fetches (lib/auth-api.ts), not the tRPC client and TanStack
// Query, which load with the signed-in portal (components/data-root.tsx): a signed-out visitor's first
// download carries neither.
import type { AuthOptions } from "@hindsight/domain";
import {
  Alert,
  Anchor,
  Button,
  Center,
  Container,
  Divider,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { LazySelect } from "../components/lazy-select";
import { PageLoader } from "../components/page-loader";
import { QueryError } from "../components/query-error";
import { errorMessage, fieldErrors } from "../lib/errors";
import { useFormFields, zodFieldErrors } from "../lib/form-fields";
import { safeNextPath } from "../lib/redirect";
import { authApi } from "../lib/auth-api";
import { useAction, useRequest } from "../lib/use-request";

/**
 * The forms' zod schemas (the ones the API enforces), loaded on demand: `onFocus` of a form starts the
 * download, submitting awaits it (instant by then, or one small request on a very fast submit).
 */
const loadSchemas = () => import("../lib/auth-schemas");
const preloadSchemas = () => void loadSchemas();

/**
 * After any sign-in: go where the user was headed. Nothing of a previous session is cached: the
 * signed-in portal's query cache lives in its data root, which is not mounted on this page.
 */
export function useAfterSignIn() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get("next"));
  return () => void navigate(next, { replace: true });
}

function PickDemoAccount() {
  const users = useRequest(authApi.demoAccounts);
  const [userId, setUserId] = useState<string | null>(null);
  const afterSignIn = useAfterSignIn();
  const signIn = useAction(authApi.demoSignIn, { onSuccess: afterSignIn });

  if (users.isPending) return <PageLoader label="Loading accounts" />;
  if (users.isError) return <QueryError error={users.error} title="Could not load accounts" onRetry={() => void users.refetch()} />;
  if (users.data.length === 0) return <Text c="dimmed">No demo accounts yet. Create one below.</Text>;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (userId) signIn.mutate({ userId });
  };

  return (
    <form onSubmit={onSubmit} aria-labelledby="pick-account-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="pick-account-title">
          Choose your account
        </Title>
        <Text size="sm" c="dimmed">
          Demo mode: sign in as anyone in the demo company, no password needed.
        </Text>
        <LazySelect
          label="Account"
          placeholder="Search by name or handle"
          searchable
          nothingFoundMessage="No matching account"
          data={users.data.map((user) => ({ value: user.id, label: `${user.name} (@${user.handle})` }))}
          value={userId}
          onChange={setUserId}
          required
        />
        {signIn.isError && (
          <Alert color="red" variant="light">
            {errorMessage(signIn.error)}
          </Alert>
        )}
        <Button type="submit" disabled={!userId} loading={signIn.isPending}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}

function PasswordSignIn({ primary }: { primary: boolean }) {
  const afterSignIn = useAfterSignIn();
  const signIn = useAction(authApi.signIn, { onSuccess: afterSignIn });
  const form = useFormFields({ login: "", password: "" });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const { ZSignInInput } = await loadSchemas();
    const parsed = ZSignInInput.safeParse(form.values);
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    signIn.mutate(parsed.data);
  };

  return (
    <form onSubmit={(event) => void onSubmit(event)} onFocus={preloadSchemas} noValidate aria-labelledby="password-sign-in-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="password-sign-in-title">
          Sign in with your password
        </Title>
        <TextInput label="Handle or e-mail" autoComplete="username" autoCapitalize="none" spellCheck={false} required {...form.field("login")} />
        <PasswordInput label="Password" autoComplete="current-password" required {...form.field("password")} />
        {signIn.isError && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(signIn.error)}
          </Alert>
        )}
        <Button type="submit" variant={primary ? "filled" : "light"} loading={signIn.isPending}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}

function CreateAccount({ domains }: { domains: string[] | null }) {
  const afterSignIn = useAfterSignIn();
  const signUp = useAction(authApi.signUp, { onSuccess: afterSignIn });
  const form = useFormFields({ handle: "", name: "", email: "", password: "" });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const { email, ...rest } = form.values;
    const { ZSignUpInput } = await loadSchemas();
    const parsed = ZSignUpInput.safeParse({ ...rest, email: email.trim() === "" ? undefined : email });
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    signUp.mutate(parsed.data, { onError: (error) => form.setErrors(fieldErrors(error)) });
  };

  const serverFieldErrors = signUp.isError ? fieldErrors(signUp.error) : {};
  return (
    <form onSubmit={(event) => void onSubmit(event)} onFocus={preloadSchemas} noValidate aria-labelledby="create-account-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="create-account-title">
          Create a local account
        </Title>
        <TextInput
          label="Handle"
          description="Lowercase letters, digits, '.', '_' and '-'"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          {...form.field("handle")}
        />
        <TextInput label="Name" autoComplete="name" required {...form.field("name")} />
        <TextInput
          label="Email"
          type="email"
          autoComplete="email"
          required={domains !== null}
          description={domains ? `Sign-up is open to addresses at ${domains.join(", ")}` : undefined}
          {...form.field("email")}
        />
        <PasswordInput
          label="Password"
          description="At least 12 characters; common passwords are refused"
          autoComplete="new-password"
          required
          {...form.field("password")}
        />
        {signUp.isError && Object.keys(serverFieldErrors).length === 0 && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(signUp.error)}
          </Alert>
        )}
        <Button type="submit" variant="light" loading={signUp.isPending}>
          Create account and sign in
        </Button>
      </Stack>
    </form>
  );
}

function SingleSignOn({ sso, next }: { sso: NonNullable<AuthOptions["sso"]>; next: string }) {
  const href = `${sso.startUrl}?returnTo=${encodeURIComponent(next)}`;
  return (
    <Button component="a" href={href} size="md">
      Sign in with {sso.name}
    </Button>
  );
}

function SignInOptions({ options }: { options: AuthOptions }) {
  const [params] = useSearchParams();
  const next = safeNextPath(params.get("next"));
  const sections: React.ReactNode[] = [];
  if (options.sso) sections.push(<SingleSignOn key="sso" sso={options.sso} next={next} />);
  if (options.demo) sections.push(<PickDemoAccount key="demo" />);
  if (options.localLogin && !options.demo) sections.push(<PasswordSignIn key="password" primary={!options.sso} />);
  if (options.signup.enabled) sections.push(<CreateAccount key="signup" domains={options.signup.domains} />);

  return (
    <Stack gap="lg">
      {options.setupRequired && (
        <Alert color="yellow" variant="light" title="No administrator yet">
          Open the set-up link printed when the server first started, or run <code>hindsight-admin create-admin</code> on
          the server. <Anchor component={Link} to="/setup">I have a set-up token</Anchor>
        </Alert>
      )}
      {sections.length === 0 && <Text c="dimmed">This server offers no way to sign in. Ask its administrator.</Text>}
      {sections.flatMap((section, i) => (i === 0 ? [section] : [<Divider key={`or-${i}`} label="or" labelPosition="center" />, section]))}
    </Stack>
  );
}

/** The card that the sign-in and set-up pages share. */
export function AuthFrame({ children }: { children: React.ReactNode }) {
  return (
    <Center mih="100vh" p="md" component="main">
      <Container size={420} w="100%" p={0}>
        <Stack gap="lg">
          <Stack gap={4} ta="center">
            <Title order={1}>Hindsight</Title>
            <Text c="dimmed">What one team learned, everyone can use.</Text>
          </Stack>
          {children}
        </Stack>
      </Container>
    </Center>
  );
}

export function SignInPage() {
  const me = useRequest(authApi.me);
  const options = useRequest(authApi.options);
  const [params] = useSearchParams();
  // A single sign-on attempt that failed comes back here with the reason.
  const ssoError = params.get("error");

  if (me.isPending) return <PageLoader label="Checking your session" />;
  if (me.data) return <Navigate to={safeNextPath(params.get("next"))} replace />;

  return (
    <AuthFrame>
      {me.isError && <QueryError error={me.error} title="Hindsight is unavailable" onRetry={() => void me.refetch()} />}
      {options.data?.demo && (
        // The in-app demo banner's burnt orange: white on it is 6.4:1 (Mantine's orange shades are under 4.5:1).
        <Alert color="#a8390b" variant="filled" title="Demo">
          This is a demo server: anyone can sign in as anyone. Do not store real incident data here.
        </Alert>
      )}
      {ssoError && (
        <Alert color="red" variant="light" role="alert" title="Sign-in failed">
          {ssoError}
        </Alert>
      )}
      <Paper withBorder p="lg" radius="md">
        {options.isPending ? (
          <PageLoader label="Loading sign-in options" />
        ) : options.isError ? (
          <QueryError error={options.error} title="Could not load sign-in options" onRetry={() => void options.refetch()} />
        ) : (
          <SignInOptions options={options.data} />
        )}
      </Paper>
    </AuthFrame>
  );
}
