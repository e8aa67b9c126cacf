// A collection's sections as ordered lists: each item links to its entry with its kind and the
// curator's note, and carries the reader's "mark as read" checkbox.
import { entryPath } from "@hindsight/domain";
import type { EntryKind } from "@hindsight/domain";
import { Anchor, Checkbox, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { markReadLabel } from "../../lib/collection-progress";
import type { CollectionDetail } from "./types";
import { KindBadge } from "../kind-badge";

export interface CollectionItemsProps {
  collection: CollectionDetail;
  completed: ReadonlySet<string>;
  nextItemId: string | null;
  onToggle: (itemId: string, done: boolean) => void;
}

export function CollectionItems({ collection, completed, nextItemId, onToggle }: CollectionItemsProps) {
  // Item numbers run through the whole collection, so "item 4" means the same thing in every section.
  let number = 0;
  return (
    <Stack gap="lg">
      {collection.sections.map((section) => (
        <section key={section.id} aria-labelledby={`section-${section.id}`}>
          <Title order={2} size="h3" id={`section-${section.id}`} mb="xs">
            {section.title}
          </Title>
          {section.items.length === 0 ? (
            <Text c="dimmed" size="sm">
              No entries in this section yet.
            </Text>
          ) : (
            <Stack component="ol" gap="xs" style={{ listStyle: "none", padding: 0, margin: 0 }}>
              {section.items.map((item) => {
                number += 1;
                const done = completed.has(item.id);
                const isNext = item.id === nextItemId;
                return (
                  <Paper
                    key={item.id}
                    component="li"
                    withBorder
                    p="sm"
                    radius="md"
                    aria-current={isNext ? "step" : undefined}
                    style={isNext ? { borderColor: "var(--mantine-primary-color-filled)" } : undefined}
                  >
                    <Group align="flex-start" wrap="nowrap" gap="sm">
                      <Checkbox
                        mt={2}
                        checked={done}
                        onChange={(e) => onToggle(item.id, e.currentTarget.checked)}
                        aria-label={markReadLabel(item.entryTitle)}
                      />
                      <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
                        <Group gap="xs" wrap="wrap">
                          <Text size="sm" c="dimmed" aria-hidden="true">
                            {number}.
                          </Text>
                          <Anchor component={Link} to={entryPath(item.entrySlug)} fw={500}>
                            {item.entryTitle}
                          </Anchor>
                          <KindBadge kind={item.entryKind as EntryKind} size="sm" />
                          {isNext && (
                            <Text size="xs" c="dimmed">
                              Up next
                            </Text>
                          )}
                        </Group>
                        {item.note && (
                          <Text size="sm" c="dimmed">
                            {item.note}
                          </Text>
                        )}
                      </Stack>
                    </Group>
                  </Paper>
                );
              })}
            </Stack>
          )}
        </section>
      ))}
    </Stack>
  );
}
