// One section of the collection editor: its title, its ordered items with notes, and up/down/remove
// buttons for both, so everything can be rearranged from the keyboard.
import type { EntryKind } from "@hindsight/domain";
import { ActionIcon, Card, Group, Stack, Text, Textarea, TextInput, Title, Tooltip } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconTrash } from "@tabler/icons-react";
import type { DraftSection } from "../../lib/collection-draft";
import { KindBadge } from "../kind-badge";
import { EntryPicker, type PickedEntry } from "./entry-picker";

export interface SectionEditorProps {
  section: DraftSection;
  index: number;
  count: number;
  titleError?: string;
  usedEntryIds: ReadonlySet<string>;
  onRename: (title: string) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
  onAddItem: (entry: PickedEntry) => void;
  onMoveItem: (itemKey: string, delta: -1 | 1) => void;
  onRemoveItem: (itemKey: string) => void;
  onNote: (itemKey: string, note: string) => void;
}

function IconButton({ label, onClick, disabled, children, color }: { label: string; onClick: () => void; disabled?: boolean; children: React.ReactNode; color?: string }) {
  return (
    <Tooltip label={label} withArrow openDelay={400}>
      <ActionIcon variant="subtle" color={color ?? "gray"} aria-label={label} onClick={onClick} disabled={disabled}>
        {children}
      </ActionIcon>
    </Tooltip>
  );
}

export function SectionEditor(p: SectionEditorProps) {
  const n = p.index + 1;
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={`section-legend-${p.section.key}`}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-end">
          <Title order={3} size="h5" id={`section-legend-${p.section.key}`}>
            Section {n}
          </Title>
          <Group gap={4} wrap="nowrap">
            <IconButton label={`Move section ${n} up`} onClick={() => p.onMove(-1)} disabled={p.index === 0}>
              <IconArrowUp size={16} aria-hidden="true" />
            </IconButton>
            <IconButton label={`Move section ${n} down`} onClick={() => p.onMove(1)} disabled={p.index === p.count - 1}>
              <IconArrowDown size={16} aria-hidden="true" />
            </IconButton>
            <IconButton label={`Remove section ${n}`} onClick={p.onRemove} color="red">
              <IconTrash size={16} aria-hidden="true" />
            </IconButton>
          </Group>
        </Group>
        <TextInput label={`Section ${n} name`} value={p.section.title} onChange={(e) => p.onRename(e.currentTarget.value)} error={p.titleError} required />
        {p.section.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            No entries yet. Search for one below.
          </Text>
        ) : (
          <Stack component="ol" gap="xs" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {p.section.items.map((item, i) => (
              <Card key={item.key} component="li" withBorder radius="sm" padding="xs">
                <Stack gap={6}>
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <Group gap="xs" wrap="wrap" style={{ minWidth: 0 }}>
                      <Text size="sm" c="dimmed">
                        {i + 1}.
                      </Text>
                      <Text size="sm" fw={500}>
                        {item.entryTitle}
                      </Text>
                      <KindBadge kind={item.entryKind as EntryKind} size="xs" />
                    </Group>
                    <Group gap={4} wrap="nowrap">
                      <IconButton label={`Move “${item.entryTitle}” up`} onClick={() => p.onMoveItem(item.key, -1)} disabled={i === 0}>
                        <IconArrowUp size={16} aria-hidden="true" />
                      </IconButton>
                      <IconButton label={`Move “${item.entryTitle}” down`} onClick={() => p.onMoveItem(item.key, 1)} disabled={i === p.section.items.length - 1}>
                        <IconArrowDown size={16} aria-hidden="true" />
                      </IconButton>
                      <IconButton label={`Remove “${item.entryTitle}”`} onClick={() => p.onRemoveItem(item.key)} color="red">
                        <IconTrash size={16} aria-hidden="true" />
                      </IconButton>
                    </Group>
                  </Group>
                  <Textarea
                    label={`Note for “${item.entryTitle}”`}
                    size="xs"
                    autosize
                    minRows={1}
                    maxRows={4}
                    placeholder="Why read this, and what to look for"
                    value={item.note}
                    onChange={(e) => p.onNote(item.key, e.currentTarget.value)}
                  />
                </Stack>
              </Card>
            ))}
          </Stack>
        )}
        <EntryPicker label={`Add entry to section ${n}`} excludeIds={p.usedEntryIds} onPick={p.onAddItem} />
      </Stack>
    </Card>
  );
}
