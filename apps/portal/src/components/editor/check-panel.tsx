// What the checks found, in words: blameless findings (with the neutral rewording to apply, and a
// jump to the underlined span in the body) and the secrets that will be masked on save. The
// underline alone is not enough: colour and hover do not reach everyone, this list does.
// Alert titles use the body text colour: the light variant's coloured title fails contrast.
import { Alert, Anchor, Button, Code, Group, List, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconShieldLock } from "@tabler/icons-react";
import type { EntryKind } from "@hindsight/domain";
import { rewordingLabel, rewordingOf, redactionNotice, type EntryBlamelessFinding, type RedactionPreviewItem } from "../../lib/editor-checks";
import { fieldPathLabel } from "../../lib/editor-fields";

const alertStyles = { title: { color: "var(--mantine-color-text)" } };

export interface BlamelessListProps {
  kind: EntryKind;
  findings: EntryBlamelessFinding[];
  onApply(finding: EntryBlamelessFinding): void;
  onReveal(finding: EntryBlamelessFinding): void;
  title?: string;
}

export function BlamelessList({ kind, findings, onApply, onReveal, title = "Blameless check" }: BlamelessListProps) {
  if (findings.length === 0) return null;
  return (
    <Alert color="orange" variant="light" styles={alertStyles} icon={<IconAlertTriangle size={18} aria-hidden />} title={`${title}: ${findings.length} phrase${findings.length === 1 ? "" : "s"} to reconsider`}>
      <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {findings.map((f, i) => {
          const rewording = rewordingOf(f);
          return (
            <li key={`${f.where}-${f.start}-${i}`}>
              <Text size="sm">
                <Text span fw={600}>
                  “{f.match}”
                </Text>{" "}
                in{" "}
                {f.where === "body" ? (
                  <Anchor component="button" type="button" size="sm" c="inherit" underline="always" fw={600} onClick={() => onReveal(f)}>
                    Body
                  </Anchor>
                ) : (
                  fieldPathLabel(kind, f.where)
                )}
                : {f.reason}
              </Text>
              <Text size="sm" c="dimmed">
                {f.suggestion}
              </Text>
              {rewording && (
                <Button mt={4} size="compact-sm" variant="default" onClick={() => onApply(f)}>
                  {rewordingLabel(rewording, f.match)}
                </Button>
              )}
            </li>
          );
        })}
      </Stack>
    </Alert>
  );
}

export function RedactionNotice({ kind, items }: { kind: EntryKind; items: RedactionPreviewItem[] }) {
  if (items.length === 0) return null;
  return (
    <Alert color="blue" variant="light" styles={alertStyles} icon={<IconShieldLock size={18} aria-hidden />} title={redactionNotice(items)}>
      <Text size="sm" mb="xs">
        Secrets are replaced by a marker before anything is stored or searchable. What will be kept:
      </Text>
      <List size="sm" spacing={6}>
        {items.map((item, i) => (
          <List.Item key={`${item.where}-${item.line}-${i}`}>
            <Group gap={6} wrap="wrap">
              <Text span size="sm" fw={600}>
                {item.kind}
              </Text>
              <Text span size="sm" c="dimmed">
                in {fieldPathLabel(kind, item.where)}
                {item.where === "body" ? `, line ${item.line}` : ""}
              </Text>
            </Group>
            <Code block mt={2} style={{ whiteSpace: "pre-wrap", wordBreak: "break-all" }}>
              {item.preview}
            </Code>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
