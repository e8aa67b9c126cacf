// Renders a kind's structured fields from its spec (lib/editor-fields.ts): one generic form for every
// kind. Repeating rows (timeline events, action items, runbook steps) get numbered labels such as
// "Event 2 time", so each input is named on its own for screen readers and tests alike.
import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  NumberInput,
  Paper,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import type { EntryKind, TranscriptMessage } from "@hindsight/domain";
import { emptyRow, KIND_FIELD_SPECS, type FieldSpec, type FormRow, type FormValue, type FormValues, type RowColumn } from "../../lib/editor-fields";
import { formatDateTime } from "../../lib/format";

export interface StructuredFieldsProps {
  kind: EntryKind;
  values: FormValues;
  onChange(key: string, value: FormValue): void;
  /** Field errors keyed by path ("fields.timeline.0.at"). */
  errors: Record<string, string>;
  /** For read-only parts (a transcript's messages). */
  rawFields: Record<string, unknown>;
}

/** The first error at a path or below it. */
export function errorUnder(errors: Record<string, string>, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const key = Object.keys(errors).find((k) => k.startsWith(`${path}.`));
  return key ? errors[key] : undefined;
}

const str = (v: FormValue | undefined) => (typeof v === "string" ? v : "");

function ColumnInput({ column, label, value, onChange, error }: { column: RowColumn; label: string; value: string; onChange(v: string): void; error?: string }) {
  switch (column.type) {
    case "select":
      return <Select label={label} data={column.options ?? []} value={value || null} onChange={(v) => onChange(v ?? "")} clearable error={error} />;
    case "date":
      return <TextInput type="date" label={label} value={value} onChange={(e) => onChange(e.currentTarget.value)} error={error} />;
    case "textarea":
      return <Textarea autosize minRows={1} label={label} value={value} onChange={(e) => onChange(e.currentTarget.value)} error={error} placeholder={column.placeholder} />;
    default:
      return <TextInput label={label} value={value} onChange={(e) => onChange(e.currentTarget.value)} error={error} placeholder={column.placeholder} />;
  }
}

function RowsField({ spec, rows, onChange, errors }: { spec: FieldSpec & { type: "rows" }; rows: FormRow[]; onChange(rows: FormRow[]): void; errors: Record<string, string> }) {
  const update = (index: number, key: string, value: string) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, values: { ...row.values, [key]: value } } : row)));
  const wide = spec.columns.length > 2;
  return (
    <Fieldset
      legend={
        <Text span fw={500} size="sm">
          {spec.label}
        </Text>
      }
      variant="unstyled"
    >
      <Stack gap="xs">
        {rows.length === 0 && (
          <Text size="sm" c="dimmed">
            None yet.
          </Text>
        )}
        {rows.map((row, index) => {
          const n = index + 1;
          return (
            <Paper key={row.rowId} withBorder p="xs" radius="sm">
              <Group align="flex-start" wrap="nowrap" gap="xs">
                <SimpleGrid cols={{ base: 1, sm: wide ? 2 : 1, md: wide ? 4 : 2 }} spacing="xs" style={{ flex: 1 }}>
                  {spec.columns.map((column) => (
                    <ColumnInput
                      key={column.key}
                      column={column}
                      label={`${spec.itemLabel} ${n} ${column.label}`}
                      value={row.values[column.key] ?? ""}
                      onChange={(v) => update(index, column.key, v)}
                      error={errors[`fields.${spec.key}.${index}.${column.key}`]}
                    />
                  ))}
                </SimpleGrid>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={24}
                  aria-label={`Remove ${spec.itemLabel.toLowerCase()} ${n}`}
                  onClick={() => onChange(rows.filter((_, i) => i !== index))}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            </Paper>
          );
        })}
        <Group>
          <Button variant="light" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => onChange([...rows, emptyRow(spec)])}>
            {spec.addLabel}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

function MessagesField({ messages }: { messages: TranscriptMessage[] }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        Messages
      </Text>
      <Text size="sm" c="dimmed">
        {messages.length} message{messages.length === 1 ? "" : "s"}, imported and read-only: edit the title, summary and body to say what was learned.
      </Text>
      {messages.length > 0 && (
        <ScrollArea.Autosize mah={240} type="auto">
          <Stack gap={6} component="ol" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Transcript messages">
            {messages.slice(0, 200).map((m) => (
              <Text component="li" size="sm" key={m.ts}>
                <Text span fw={600}>
                  {m.user}
                </Text>{" "}
                <Text span c="dimmed" size="xs">
                  {m.at ? formatDateTime(m.at) : m.ts}
                </Text>{" "}
                {m.text.length > 300 ? `${m.text.slice(0, 300)}…` : m.text}
              </Text>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}

export function StructuredFields({ kind, values, onChange, errors, rawFields }: StructuredFieldsProps) {
  const specs = KIND_FIELD_SPECS[kind];
  const datetimes = specs.filter((s) => s.type === "datetime");
  const others = specs.filter((s) => s.type !== "datetime");
  const input = (spec: FieldSpec) => {
    const path = `fields.${spec.key}`;
    const error = errorUnder(errors, path);
    const value = str(values[spec.key]);
    const set = (v: string) => onChange(spec.key, v);
    switch (spec.type) {
      case "rows":
        return <RowsField key={spec.key} spec={spec} rows={(values[spec.key] as FormRow[] | undefined) ?? []} onChange={(rows) => onChange(spec.key, rows)} errors={errors} />;
      case "messages":
        return <MessagesField key={spec.key} messages={(rawFields.messages as TranscriptMessage[] | undefined) ?? []} />;
      case "select":
        return <Select key={spec.key} label={spec.label} data={spec.options} value={value || null} onChange={(v) => set(v ?? "")} clearable error={error} maw={240} />;
      case "number":
        return (
          <NumberInput key={spec.key} label={spec.label} min={spec.min} max={spec.max} value={value} onChange={(v) => set(String(v))} error={error} maw={240} allowDecimal={false} />
        );
      case "datetime":
        return <TextInput key={spec.key} type="datetime-local" label={spec.label} value={value} onChange={(e) => set(e.currentTarget.value)} error={error} />;
      case "lines":
        return (
          <Textarea key={spec.key} label={spec.label} description={spec.description} autosize minRows={2} value={value} onChange={(e) => set(e.currentTarget.value)} error={error} />
        );
      case "textarea":
        return <Textarea key={spec.key} label={spec.label} autosize minRows={2} value={value} onChange={(e) => set(e.currentTarget.value)} error={error} />;
      default:
        return <TextInput key={spec.key} label={spec.label} value={value} onChange={(e) => set(e.currentTarget.value)} error={error} />;
    }
  };
  return (
    <Stack gap="md">
      {others.slice(0, 1).map(input)}
      {datetimes.length > 0 && (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          {datetimes.map(input)}
        </SimpleGrid>
      )}
      {others.slice(1).map(input)}
    </Stack>
  );
}
