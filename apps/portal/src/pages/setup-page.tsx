// First start outside demo mode: the server prints `<url>/setup#token=hsu_…`. The token travels in the
// fragment, so it never reaches a server log or a Referer header; this page reads it and creates the
// first administrator with a password.
import { ZFirstAdminInput } from "@hindsight/domain";
import { Alert, Button, Paper, PasswordInput, Stack, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessage, fieldErrors } from "../lib/errors";
import { useFormFields, zodFieldErrors } from "../lib/form-fields";
import { useTRPC } from "../lib/trpc";
import { AuthFrame, useAfterSignIn } from "./sign-in-page";

/** After set-up signs the administrator in: nothing cached before it may survive, then on as sign-in goes. */
function useAfterSetup() {
  const queryClient = useQueryClient();
  const afterSignIn = useAfterSignIn();
  return () => {
    queryClient.clear();
    afterSignIn();
  };
}

function tokenFromFragment(): string {
  return new URLSearchParams(window.location.hash.replace(/^#/, "")).get("token") ?? "";
}

export function SetupPage() {
  const trpc = useTRPC();
  const afterSetup = useAfterSetup();
  const setup = useMutation(trpc.auth.setup.mutationOptions({ onSuccess: afterSetup }));
  const [fromLink] = useState(tokenFromFragment);
  const form = useFormFields({ token: fromLink, handle: "", name: "", email: "", password: "" });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const { email, ...rest } = form.values;
    const parsed = ZFirstAdminInput.safeParse({ ...rest, email: email.trim() === "" ? undefined : email });
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    setup.mutate(parsed.data, { onError: (error) => form.setErrors(fieldErrors(error)) });
  };

  const serverFieldErrors = setup.isError ? fieldErrors(setup.error) : {};
  return (
    <AuthFrame>
      <Paper withBorder p="lg" radius="md">
        <form onSubmit={onSubmit} noValidate aria-labelledby="setup-title">
          <Stack gap="sm">
            <Title order={2} size="h4" id="setup-title">
              Create the first administrator
            </Title>
            {!fromLink && <TextInput label="Set-up token" description="Printed by the server at its first start" required {...form.field("token")} />}
            <TextInput label="Handle" autoComplete="username" autoCapitalize="none" spellCheck={false} required {...form.field("handle")} />
            <TextInput label="Name" autoComplete="name" required {...form.field("name")} />
            <TextInput label="Email" type="email" autoComplete="email" {...form.field("email")} />
            <PasswordInput label="Password" description="At least 12 characters" autoComplete="new-password" required {...form.field("password")} />
            {setup.isError && Object.keys(serverFieldErrors).length === 0 && (
              <Alert color="red" variant="light" role="alert">
                {errorMessage(setup.error)}
              </Alert>
            )}
            <Button type="submit" loading={setup.isPending}>
              Create administrator and sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </AuthFrame>
  );
}
