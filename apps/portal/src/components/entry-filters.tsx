// The filter bar of the entries list. It is controlled: the page owns the values (in the URL) and
// this component only renders them and reports changes.
import { ENTRY_KINDS, ENTRY_STATUSES, type EntryKind, type EntryStatus } from "@hindsight/domain";
import { Group, ScrollArea, SegmentedControl, Select, Stack, Text } from "@mantine/core";
import { useId } from "react";
import { KIND_LABELS, STATUS_LABELS } from "../lib/labels";
import type { TeamView } from "../lib/trpc";

export interface EntryFilterValues {
  kind?: EntryKind;
  status?: EntryStatus;
  teamId?: string;
}

export interface EntryFiltersProps {
  values: EntryFilterValues;
  teams: readonly TeamView[];
  onChange: (values: EntryFilterValues) => void;
}

const ALL = "all";

const kindOptions = [{ value: ALL, label: "All kinds" }, ...ENTRY_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }))];
const statusOptions = [{ value: ALL, label: "Any status" }, ...ENTRY_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))];

const fromOption = <T extends string>(value: string | null, allowed: readonly T[]): T | undefined =>
  allowed.find((candidate) => candidate === value);

export function EntryFilters({ values, teams, onChange }: EntryFiltersProps) {
  const kindLabelId = useId();
  const teamOptions = [{ value: ALL, label: "All teams" }, ...teams.map((team) => ({ value: team.id, label: team.name }))];
  return (
    <Stack gap="xs" component="section" aria-label="Filters">
      <Stack gap={4}>
        <Text size="sm" fw={500} id={kindLabelId}>
          Kind
        </Text>
        <ScrollArea type="auto" offsetScrollbars scrollbarSize={6}>
          <SegmentedControl
            aria-labelledby={kindLabelId}
            data={kindOptions}
            value={values.kind ?? ALL}
            onChange={(value) => onChange({ ...values, kind: fromOption(value, ENTRY_KINDS) })}
          />
        </ScrollArea>
      </Stack>
      <Group gap="sm" align="flex-end">
        <Select
          label="Status"
          data={statusOptions}
          value={values.status ?? ALL}
          onChange={(value) => onChange({ ...values, status: fromOption(value, ENTRY_STATUSES) })}
          allowDeselect={false}
          w={180}
        />
        <Select
          label="Team"
          data={teamOptions}
          value={values.teamId ?? ALL}
          onChange={(value) => onChange({ ...values, teamId: value && value !== ALL ? value : undefined })}
          allowDeselect={false}
          searchable
          nothingFoundMessage="No matching team"
          w={220}
        />
      </Group>
    </Stack>
  );
}
