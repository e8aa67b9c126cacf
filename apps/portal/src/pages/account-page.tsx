// Account (`/settings/account`): who I am and, for local accounts, changing the password. A change
// ends every other session of mine (the server rotates this browser's own).
import { ZChangePasswordInput } from "@hindsight/domain";
import { Alert, Button, Paper, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent } from "react";
import { useNavigate } from "react-router";
import { errorMessage, fieldErrors } from "../lib/errors";
import { useFormFields, zodFieldErrors } from "../lib/form-fields";
import { useCurrentUser } from "../lib/session";
import { useTRPC } from "../lib/trpc";

function ChangePassword({ hasPassword }: { hasPassword: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useFormFields({ currentPassword: "", newPassword: "" });
  const change = useMutation(
    trpc.me.changePassword.mutationOptions({
      onSuccess: () => {
        form.reset();
        void queryClient.invalidateQueries({ queryKey: trpc.me.get.queryKey() });
      },
      onError: (error) => form.setErrors(fieldErrors(error)),
    }),
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const { currentPassword, newPassword } = form.values;
    const parsed = ZChangePasswordInput.safeParse({ newPassword, currentPassword: hasPassword ? currentPassword : undefined });
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    change.mutate(parsed.data);
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="password-heading">
      <Stack gap="sm" maw={420}>
        <Title order={2} id="password-heading">
          {hasPassword ? "Change password" : "Set a password"}
        </Title>
        <Text size="sm" c="dimmed">
          Every other browser and device signed in as you is signed out.
        </Text>
        {hasPassword && <PasswordInput label="Current password" autoComplete="current-password" required {...form.field("currentPassword")} />}
        <PasswordInput label="New password" description="At least 12 characters; common passwords are refused" autoComplete="new-password" required {...form.field("newPassword")} />
        {change.isError && Object.keys(fieldErrors(change.error)).length === 0 && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(change.error)}
          </Alert>
        )}
        {change.isSuccess && (
          <Alert color="green" variant="light" role="status">
            Password changed. Other sessions were signed out.
          </Alert>
        )}
        <Button type="submit" loading={change.isPending} w="fit-content">
          {hasPassword ? "Change password" : "Set password"}
        </Button>
      </Stack>
    </form>
  );
}

/** Ends every session of this person, this browser's too (a lost laptop, a computer left signed in). */
function SignOutEverywhere() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation(
    trpc.auth.signOutEverywhere.mutationOptions({
      onSuccess: () => {
        queryClient.clear();
        queryClient.setQueryData(trpc.me.get.queryKey(), null);
        void navigate("/sign-in", { replace: true });
      },
    }),
  );
  return (
    <Stack gap="sm" maw={420}>
      <Title order={2}>Sessions</Title>
      <Text size="sm" c="dimmed">
        Signs you out on every browser and device, this one included. Your API tokens keep working; revoke them on the tokens page.
      </Text>
      {signOut.isError && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(signOut.error)}
        </Alert>
      )}
      <Button color="red" variant="light" w="fit-content" loading={signOut.isPending} onClick={() => signOut.mutate()}>
        Sign out everywhere
      </Button>
    </Stack>
  );
}

export function AccountPage() {
  const me = useCurrentUser();
  return (
    <Stack gap="xl" maw={960}>
      <Stack gap="xs">
        <Title order={1}>Account</Title>
        <Text>
          Signed in as <strong>{me.name}</strong> (@{me.handle}){me.email ? `, ${me.email}` : ""}.
        </Text>
      </Stack>
      <Paper withBorder p="lg" radius="md">
        <ChangePassword hasPassword={me.hasPassword} />
      </Paper>
      <Paper withBorder p="lg" radius="md">
        <SignOutEverywhere />
      </Paper>
    </Stack>
  );
}
