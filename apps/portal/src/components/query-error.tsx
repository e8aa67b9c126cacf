// How a failed request looks on a page: the reason in plain words and, when it may help, a retry.
import { Alert, Button, Group, Text } from "@mantine/core";
import { errorMessage } from "../lib/errors";

export interface QueryErrorProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

export function QueryError({ error, title = "Could not load this", onRetry }: QueryErrorProps) {
  return (
    <Alert color="red" variant="light" title={title}>
      <Group justify="space-between" align="center" wrap="nowrap">
        <Text size="sm">{errorMessage(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="default" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Group>
    </Alert>
  );
}
