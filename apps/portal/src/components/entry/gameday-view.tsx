// A game day: the hypothesis under test, how the failure was injected and contained, what was
// expected against what was observed, the findings, and the action items they led to.
import type { GamedayFields } from "@hindsight/domain";
import { Paper, SimpleGrid } from "@mantine/core";
import { ActionItemsTable } from "./action-items-table";
import { EntrySection, ListSection, Prose, ProseSection } from "./entry-section";

export function GamedayView({ fields }: { fields: GamedayFields }) {
  return (
    <>
      {fields.hypothesis?.trim() && (
        <EntrySection title="Hypothesis">
          <Paper withBorder p="md" radius="md" style={{ borderLeft: "4px solid var(--mantine-color-orange-filled)" }}>
            <Prose>{fields.hypothesis}</Prose>
          </Paper>
        </EntrySection>
      )}
      <ProseSection title="Failure injected" text={fields.failureInjected} />
      <ProseSection title="Blast radius and abort conditions" text={fields.blastRadius} />
      {(fields.expected?.trim() || fields.observed?.trim()) && (
        <EntrySection title="Expected and observed">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Paper withBorder p="sm" radius="md">
              <ProseSection order={3} title="Expected" text={fields.expected || "Not recorded."} />
            </Paper>
            <Paper withBorder p="sm" radius="md">
              <ProseSection order={3} title="Observed" text={fields.observed || "Not recorded."} />
            </Paper>
          </SimpleGrid>
        </EntrySection>
      )}
      <ListSection title="Findings" items={fields.findings} />
      <ActionItemsTable items={fields.actionItems} />
    </>
  );
}
