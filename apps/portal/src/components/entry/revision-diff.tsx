// Two revisions side by side, field by field: the old text on the left, the new on the right, removed
// and added lines marked with "−"/"+" and announced as "removed"/"added" (never colour alone).
import { Box, Button, Group, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { useId, useMemo, useState } from "react";
import { fieldDiff, type DiffCell, type DiffItem, type FieldChangeInput } from "../../lib/entry-diff";
import "./revision-diff.css";

const CELL_BG = {
  removed: "var(--mantine-color-red-light)",
  added: "var(--mantine-color-green-light)",
  unchanged: undefined,
} as const;

const MARK = { removed: "−", added: "+", unchanged: " " } as const;

function Side({ cell }: { cell: DiffCell | null }) {
  if (!cell) {
    return (
      <>
        <Table.Td className="diff-line-no" />
        <Table.Td className="diff-text" data-change="empty" bg="var(--mantine-color-default-hover)">
          <VisuallyHidden>no line</VisuallyHidden>
        </Table.Td>
      </>
    );
  }
  return (
    <>
      <Table.Td className="diff-line-no">
        <Text span size="xs" c="dimmed">
          {cell.line}
        </Text>
      </Table.Td>
      <Table.Td className="diff-text" data-change={cell.change} bg={CELL_BG[cell.change]}>
        <span aria-hidden className="diff-mark">
          {MARK[cell.change]}
        </span>
        {cell.change !== "unchanged" && <VisuallyHidden>{cell.change}: </VisuallyHidden>}
        {cell.text || (cell.change === "unchanged" ? "\u00a0" : <VisuallyHidden>empty line</VisuallyHidden>)}
      </Table.Td>
    </>
  );
}

function Row({ item }: { item: DiffItem }) {
  if (item.type === "skip") {
    return (
      <Table.Tr>
        <Table.Td colSpan={4} ta="center">
          <Text span size="xs" c="dimmed">
            ⋯ {item.count} unchanged lines (from line {item.leftStart} on the left, {item.rightStart} on the right)
          </Text>
        </Table.Td>
      </Table.Tr>
    );
  }
  return (
    <Table.Tr>
      <Side cell={item.left} />
      <Side cell={item.right} />
    </Table.Tr>
  );
}

function FieldDiffTable({ change, fromLabel, toLabel }: { change: FieldChangeInput; fromLabel: string; toLabel: string }) {
  const titleId = useId();
  const [expanded, setExpanded] = useState(false);
  const diff = useMemo(() => fieldDiff(change), [change]);
  const full = useMemo(() => fieldDiff(change, Number.POSITIVE_INFINITY), [change]);
  const folded = diff.items.some((i) => i.type === "skip");
  const items = expanded ? full.items : diff.items;
  return (
    <Stack component="section" aria-labelledby={titleId} gap="xs">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="sm" wrap="wrap" align="baseline">
          <Title order={3} size="h4" id={titleId}>
            {diff.label}
          </Title>
          <Text size="sm" c="dimmed">
            {diff.added} {diff.added === 1 ? "line" : "lines"} added, {diff.removed} removed
          </Text>
        </Group>
        {folded && (
          <Button variant="subtle" size="xs" onClick={() => setExpanded((x) => !x)} aria-expanded={expanded}>
            {expanded ? "Hide unchanged lines" : "Show all lines"}
          </Button>
        )}
      </Group>
      <Box className="diff-scroll">
        <Table className="diff-table" layout="fixed" withTableBorder withColumnBorders verticalSpacing={2} horizontalSpacing={6}>
          <caption className="sr-only">
            {diff.label}: {fromLabel} on the left, {toLabel} on the right
          </caption>
          <colgroup>
            <col style={{ width: "3.25em" }} />
            <col />
            <col style={{ width: "3.25em" }} />
            <col />
          </colgroup>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="colgroup" colSpan={2}>
                {fromLabel}
              </Table.Th>
              <Table.Th scope="colgroup" colSpan={2}>
                {toLabel}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item, i) => (
              <Row key={i} item={item} />
            ))}
          </Table.Tbody>
        </Table>
      </Box>
    </Stack>
  );
}

export function RevisionDiff({
  changes,
  fromLabel,
  toLabel,
}: {
  changes: readonly FieldChangeInput[];
  fromLabel: string;
  toLabel: string;
}) {
  if (changes.length === 0) return <Text c="dimmed">These two revisions have the same content.</Text>;
  return (
    <Stack gap="xl">
      {changes.map((change) => (
        <FieldDiffTable key={change.field} change={change} fromLabel={fromLabel} toLabel={toLabel} />
      ))}
    </Stack>
  );
}
