// The merge dialog shown when someone else saved the entry first. Fields only one side changed are
// already merged (and listed); for each field both changed the writer picks theirs or mine, and for
// text may edit the merged result. Nothing is saved until the writer confirms.
import { Badge, Box, Button, Code, Group, Modal, Radio, SimpleGrid, Stack, Text, Textarea } from "@mantine/core";
import type { EntryKind } from "@hindsight/domain";
import { useState } from "react";
import { fieldPathLabel } from "../../lib/editor-fields";
import { diffRows, mergeText, resolveMerge, type EditorContent, type MergeChoice, type MergeConflict, type MergeResult } from "../../lib/editor-merge";

export interface MergeDialogProps {
  kind: EntryKind;
  result: MergeResult;
  /** Who saved the version being merged, and which version it is. */
  theirs: { authorName: string; version: number };
  saving: boolean;
  onResolve(content: EditorContent): void;
  onCancel(): void;
}

function formatValue(value: unknown): string {
  if (value === undefined || value === null || value === "") return "(empty)";
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value.length ? value.join(", ") : "(none)";
  return JSON.stringify(value, null, 2);
}

/** theirs -> mine as a unified line diff: "−" lines only theirs have, "+" lines only mine has. */
export function LineDiff({ from, to, label }: { from: string; to: string; label: string }) {
  const rows = diffRows(from, to);
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed">
        Lines marked − are only in theirs, lines marked + only in yours.
      </Text>
      {/* Focusable so keyboard users can scroll a long diff. */}
      <Box
        component="pre"
        aria-label={label}
        tabIndex={0}
        m={0}
        p="xs"
        style={{ maxHeight: 320, overflow: "auto", fontSize: 13, whiteSpace: "pre-wrap", border: "1px solid var(--mantine-color-default-border)", borderRadius: 4 }}
      >
        {rows.map((row, i) => {
          if (row.type === "skipped") {
            return (
              <Box key={i} c="dimmed" style={{ fontStyle: "italic" }}>
                {`⋯ ${row.count} unchanged line${row.count === 1 ? "" : "s"}`}
              </Box>
            );
          }
          const sign = row.type === "added" ? "+" : row.type === "removed" ? "−" : " ";
          const bg = row.type === "added" ? "var(--mantine-color-green-light)" : row.type === "removed" ? "var(--mantine-color-red-light)" : undefined;
          const text = `${sign} ${row.text}`;
          return (
            <Box key={i} style={{ background: bg }}>
              {row.type === "added" ? <ins style={{ textDecoration: "none" }}>{text}</ins> : row.type === "removed" ? <del style={{ textDecoration: "none" }}>{text}</del> : text}
            </Box>
          );
        })}
      </Box>
    </Stack>
  );
}

/** Text both sides changed in different places, combined line by line; absent where the edits overlap. */
function combinedTexts(conflicts: MergeConflict[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of conflicts) {
    if (typeof c.base !== "string" || typeof c.mine !== "string" || typeof c.theirs !== "string") continue;
    const combined = mergeText(c.base, c.mine, c.theirs);
    if (combined !== null) out[c.key] = combined;
  }
  return out;
}

/** One side of a conflicting short field, as written. */
function SideValue({ side, value }: { side: string; value: unknown }) {
  return (
    <Stack gap={2}>
      <Text size="xs" fw={600}>
        {side}
      </Text>
      <Code block style={{ whiteSpace: "pre-wrap" }}>
        {formatValue(value)}
      </Code>
    </Stack>
  );
}

export function MergeDialog({ kind, result, theirs, saving, onResolve, onCancel }: MergeDialogProps) {
  const [combined] = useState(() => combinedTexts(result.conflicts));
  // Combined text is the starting choice where it exists; the writer can still pick a side.
  const [choices, setChoices] = useState<Record<string, MergeChoice>>(() =>
    Object.fromEntries(Object.entries(combined).map(([key, value]) => [key, { pick: "edited", value }])),
  );
  const [edited, setEdited] = useState<Record<string, string>>({});
  const label = (key: string) => fieldPathLabel(kind, key);

  return (
    <Modal
      opened
      onClose={onCancel}
      size="xl"
      title="Someone else saved first"
      closeOnClickOutside={false}
      closeButtonProps={{ "aria-label": "Close without saving" }}
    >
      <Stack gap="md">
        <Text size="sm">
          {theirs.authorName} saved version {theirs.version} while you were editing. Nothing of yours was overwritten.
          {result.conflicts.length === 0
            ? " Their changes and yours touch different fields, so they merge cleanly."
            : ` Choose what to keep for the ${result.conflicts.length} field${result.conflicts.length === 1 ? "" : "s"} you both changed.`}
        </Text>
        {(result.fromTheirs.length > 0 || result.fromMine.length > 0) && (
          <Stack gap={4}>
            {result.fromTheirs.length > 0 && (
              <Text size="sm">
                <Badge variant="light" color="blue" mr={6}>
                  Theirs
                </Badge>
                Taken from their version: {result.fromTheirs.map(label).join(", ")}
              </Text>
            )}
            {result.fromMine.length > 0 && (
              <Text size="sm">
                <Badge variant="light" color="green" mr={6}>
                  Yours
                </Badge>
                Kept from your version: {result.fromMine.map(label).join(", ")}
              </Text>
            )}
          </Stack>
        )}
        {result.conflicts.map((conflict) => {
          const choice = choices[conflict.key] ?? { pick: "mine" };
          const isText = typeof conflict.mine === "string" && typeof conflict.theirs === "string";
          const mineText = typeof conflict.mine === "string" ? conflict.mine : "";
          const theirsText = typeof conflict.theirs === "string" ? conflict.theirs : "";
          const multiline = isText && (mineText.includes("\n") || theirsText.includes("\n"));
          return (
            <Box key={conflict.key} p="sm" style={{ border: "1px solid var(--mantine-color-default-border)", borderRadius: 4 }}>
              <Radio.Group
                label={label(conflict.key)}
                value={choice.pick}
                onChange={(pick) =>
                  setChoices((c) => ({
                    ...c,
                    [conflict.key]:
                      pick === "edited"
                        ? { pick, value: edited[conflict.key] ?? combined[conflict.key] ?? mineText }
                        : ({ pick } as MergeChoice),
                  }))
                }
              >
                <Group gap="lg" mt={6}>
                  <Radio value="mine" label="Keep mine" />
                  <Radio value="theirs" label="Take theirs" />
                  {isText && <Radio value="edited"  label={combined[conflict.key] !== undefined ? "Combine both (editable)" : "Edit merged text"} />}
                </Group>
              </Radio.Group>
              <Box mt="sm">
                {multiline ? (
                  <LineDiff from={theirsText} to={mineText} label={`${label(conflict.key)}: changes from theirs (−) to yours (+)`} />
                ) : (
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                    <SideValue side="Theirs" value={conflict.theirs} />
                    <SideValue side="Yours" value={conflict.mine} />
                  </SimpleGrid>
                )}
              </Box>
              {choice.pick === "edited" && (
                <Textarea
                  mt="sm"
                  label={`Merged ${label(conflict.key).toLowerCase()}`}
                  autosize
                  minRows={4}
                  maxRows={16}
                  value={choice.value}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setEdited((x) => ({ ...x, [conflict.key]: value }));
                    setChoices((c) => ({ ...c, [conflict.key]: { pick: "edited", value } }));
                  }}
                />
              )}
            </Box>
          );
        })}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Keep editing without saving
          </Button>
          <Button loading={saving} onClick={() => onResolve(resolveMerge(result, choices))}>
            Save merged version
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
