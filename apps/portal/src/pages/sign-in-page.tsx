// Sign-in for the embedded default: pick an existing local account, or create one. The new-account
// form is checked with the same zod schema the API enforces, so most mistakes show before a request.
import { ZCreateUserInput } from "@hindsight/domain";
import {
  Alert,
  Button,
  Center,
  Container,
  Divider,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { PageLoader } from "../components/page-loader";
import { QueryError } from "../components/query-error";
import { errorMessage, fieldErrors } from "../lib/errors";
import { safeNextPath } from "../lib/redirect";
import { useMe } from "../lib/session";
import { useTRPC } from "../lib/trpc";

/** After any sign-in: forget everything cached for the previous session, then go where the user was headed. */
function useAfterSignIn() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get("next"));
  return () => {
    queryClient.clear();
    void navigate(next, { replace: true });
  };
}

function PickAccount() {
  const trpc = useTRPC();
  const users = useQuery(trpc.auth.users.queryOptions());
  const [userId, setUserId] = useState<string | null>(null);
  const afterSignIn = useAfterSignIn();
  const signIn = useMutation(trpc.auth.signIn.mutationOptions({ onSuccess: afterSignIn }));

  if (users.isPending) return <PageLoader label="Loading accounts" />;
  if (users.isError) return <QueryError error={users.error} title="Could not load accounts" onRetry={() => void users.refetch()} />;
  if (users.data.length === 0) return <Text c="dimmed">No accounts yet. Create the first one below.</Text>;

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
        <Select
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

type AccountField = "handle" | "name" | "email";

function CreateAccount() {
  const trpc = useTRPC();
  const afterSignIn = useAfterSignIn();
  const signUp = useMutation(trpc.auth.signUp.mutationOptions({ onSuccess: afterSignIn }));
  const [values, setValues] = useState<Record<AccountField, string>>({ handle: "", name: "", email: "" });
  const [errors, setErrors] = useState<Partial<Record<AccountField, string>>>({});

  const field = (name: AccountField) => ({
    value: values[name],
    error: errors[name],
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const value = event.currentTarget.value;
      setValues((current) => ({ ...current, [name]: value }));
      setErrors((current) => ({ ...current, [name]: undefined }));
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = ZCreateUserInput.safeParse({
      handle: values.handle,
      name: values.name,
      email: values.email.trim() === "" ? undefined : values.email,
    });
    if (!parsed.success) {
      const next: Partial<Record<AccountField, string>> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0];
        if ((key === "handle" || key === "name" || key === "email") && !next[key]) next[key] = issue.message;
      }
      setErrors(next);
      return;
    }
    signUp.mutate(parsed.data, { onError: (error) => setErrors(fieldErrors(error)) });
  };

  const serverFieldErrors = signUp.isError ? fieldErrors(signUp.error) : {};
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="create-account-title">
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
          {...field("handle")}
        />
        <TextInput label="Name" autoComplete="name" required {...field("name")} />
        <TextInput label="Email" type="email" autoComplete="email" {...field("email")} />
        {signUp.isError && Object.keys(serverFieldErrors).length === 0 && (
          <Alert color="red" variant="light">
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

export function SignInPage() {
  const me = useMe();
  const [params] = useSearchParams();

  if (me.isPending) return <PageLoader label="Checking your session" />;
  if (me.data) return <Navigate to={safeNextPath(params.get("next"))} replace />;

  return (
    <Center mih="100vh" p="md" component="main">
      <Container size={420} w="100%" p={0}>
        <Stack gap="lg">
          <Stack gap={4} ta="center">
            <Title order={1}>Hindsight</Title>
            <Text c="dimmed">What one team learned, everyone can use.</Text>
          </Stack>
          {me.isError && <QueryError error={me.error} title="Hindsight is unavailable" onRetry={() => void me.refetch()} />}
          <Paper withBorder p="lg" radius="md">
            <Stack gap="lg">
              <PickAccount />
              <Divider label="or" labelPosition="center" />
              <CreateAccount />
            </Stack>
          </Paper>
        </Stack>
      </Container>
    </Center>
  );
}
