// Creating a personal API token. The secret exists in the browser only while this form shows it:
// it lives in component state (never in the query cache, the URL, storage or the console), the
// mutation that returned it is dropped from TanStack's cache at once, and leaving the page or
// pressing "Done" forgets it.
import { Alert, Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertTriangle, IconKey } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessage, fieldErrors } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";
import { CopyableCode } from "../copyable-code";

interface NewToken {
  name: string;
  secret: string;
}

export function CreateToken() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const [created, setCreated] = useState<NewToken | null>(null);
  // gcTime 0: once reset, the finished mutation (whose data holds the secret) leaves the cache.
  const create = useMutation({ ...trpc.me.createToken.mutationOptions(), gcTime: 0 });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setNameError("Give the token a name, such as the job or bot that will use it");
      return;
    }
    setNameError(null);
    setCreated(null);
    create.mutate(
      { name: trimmed },
      {
        onSuccess: (data) => {
          setCreated({ name: data.info.name, secret: data.token });
          setName("");
          create.reset();
          void queryClient.invalidateQueries({ queryKey: trpc.me.tokens.queryKey() });
        },
        onError: (error) => setNameError(fieldErrors(error).name ?? null),
      },
    );
  };

  return (
    <Stack gap="sm">
      <form onSubmit={submit} noValidate aria-labelledby="create-token-heading">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label="Token name"
            description="Say where it will be used, e.g. “docs publishing CI” or “ops bot”."
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={nameError}
            maxLength={100}
            w={{ base: "100%", xs: 360 }}
          />
          <Button type="submit" leftSection={<IconKey size={16} aria-hidden="true" />} loading={create.isPending}>
            Create token
          </Button>
        </Group>
      </form>
      {create.isError && !nameError && (
        <Alert color="red" variant="light" role="alert" p="xs">
          Could not create the token: {errorMessage(create.error)}
        </Alert>
      )}
      {created && (
        // Indigo: the light teal and green alerts put their title under 4.5:1 contrast.
        <Alert
          color="indigo"
          variant="light"
          title={`Token “${created.name}” created`}
          icon={<IconAlertTriangle size={18} aria-hidden="true" />}
        >
          <Stack gap="sm">
            <Text size="sm" fw={600}>
              Copy it now: it won&apos;t be shown again. Hindsight stores only a hash of it.
            </Text>
            <CopyableCode value={created.secret} label="Copy token" />
            <Text size="sm">
              Keep it in your CI&apos;s or bot&apos;s secret store, for example as <code>HINDSIGHT_TOKEN</code>. It acts
              with your permissions until you revoke it.
            </Text>
            <Group>
              <Button variant="default" size="xs" onClick={() => setCreated(null)}>
                Done, I have copied it
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
