// A labelled row of tags or services; renders nothing when there are none.
import { Badge, Group, Text } from "@mantine/core";

export function LabelList({ label, values }: { label: string; values: readonly string[] }) {
  if (values.length === 0) return null;
  return (
    <Group gap="xs" wrap="wrap">
      <Text size="sm" c="dimmed" component="span">
        {label}:
      </Text>
      <Group gap={6} component="ul" aria-label={label} style={{ listStyle: "none", margin: 0, padding: 0 }}>
        {values.map((value) => (
          <Badge key={value} component="li" variant="default" radius="sm" tt="none">
            {value}
          </Badge>
        ))}
      </Group>
    </Group>
  );
}
