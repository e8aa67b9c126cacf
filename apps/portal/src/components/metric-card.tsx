// One figure with its name and a hint ("Time to detect: 12 min, start to detection"), as a term and
// its descriptions: the enclosing <dl> is the caller's, so several cards read as one list of figures.
import { Paper, Text } from "@mantine/core";

export function MetricCard({ term, value, hint }: { term: string; value: string; hint?: string }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text component="dt" size="xs" c="dimmed" fw={600} tt="uppercase">
        {term}
      </Text>
      <Text component="dd" m={0} fz="xl" fw={700}>
        {value}
      </Text>
      {hint && (
        <Text component="dd" m={0} size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}
