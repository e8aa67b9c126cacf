// A postmortem's structure: impact, the incident timeline with its detect/mitigate/recover figures,
// contributing factors, what went well and poorly, action items, and the incident channel.
import { SEVERITY_COLORS } from "../../lib/labels";
import { MetricCard } from "../metric-card";
import { incidentMetrics, type PostmortemFields } from "@hindsight/domain";
import { Badge, Box, Group, SimpleGrid, Text, Timeline } from "@mantine/core";
import { formatDateTime, formatUtc, isoString } from "../../lib/format";
import { formatMinutes } from "../../lib/entry-view";
import { ActionItemsTable } from "./action-items-table";
import { EntrySection, ListSection, Prose } from "./entry-section";
import { LinkedEntry } from "./linked-entry";

// Mantine's light badges in yellow, orange, green and teal fall below 4.5:1 in the light scheme, so
// severities use the hues that pass (red, pink, grape, blue) in falling order of alarm.
export function SeverityBadge({ severity }: { severity: string }) {
  return (
    <Badge color={SEVERITY_COLORS[severity] ?? "gray"} variant="light" aria-label={`Severity ${severity}`}>
      {severity}
    </Badge>
  );
}

function IncidentFigures({ incident }: { incident: PostmortemFields["incident"] }) {
  if (!incident) return null;
  const m = incidentMetrics(incident);
  const started = incident.startedAt;
  return (
    <SimpleGrid component="dl" cols={{ base: 2, sm: 4 }} spacing="sm" m={0}>
      <MetricCard term="Time to detect (TTD)" value={formatMinutes(m.timeToDetectMinutes)} hint="start to detection" />
      <MetricCard term="Time to mitigate (TTM)" value={formatMinutes(m.timeToMitigateMinutes)} hint="start to impact stopped" />
      <MetricCard term="Time to recover (TTR)" value={formatMinutes(m.timeToRecoverMinutes)} hint="start to resolved" />
      <MetricCard term="Started" value={started ? formatDateTime(started) : "—"} />
    </SimpleGrid>
  );
}

export function PostmortemView({ fields }: { fields: PostmortemFields }) {
  const timeline = fields.timeline ?? [];
  return (
    <>
      {(fields.severity || fields.customerImpact) && (
        <EntrySection title="Impact">
          {fields.severity && (
            <Group gap="xs">
              <Text size="sm" c="dimmed">
                Severity
              </Text>
              <SeverityBadge severity={fields.severity} />
            </Group>
          )}
          {fields.customerImpact && <Prose>{fields.customerImpact}</Prose>}
        </EntrySection>
      )}

      <EntrySection title="Timeline">
        <IncidentFigures incident={fields.incident} />
        {timeline.length === 0 ? (
          <Text c="dimmed">No timeline recorded.</Text>
        ) : (
          <Box pt="xs">
            <Timeline active={timeline.length - 1} bulletSize={14} lineWidth={2} role="list" aria-label="Incident timeline">
              {timeline.map((event, i) => {
                const iso = isoString(event.at.replace(/ UTC$/, "Z").replace(" ", "T"));
                return (
                  <Timeline.Item
                    key={i}
                    role="listitem"
                    title={
                      <Text component="span" size="sm" fw={600}>
                        {iso ? <time dateTime={iso}>{formatUtc(iso)}</time> : event.at}
                      </Text>
                    }
                  >
                    <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                      {event.text}
                    </Text>
                  </Timeline.Item>
                );
              })}
            </Timeline>
          </Box>
        )}
      </EntrySection>

      {fields.contributingFactors?.length ? (
        <ListSection title="Contributing factors" items={fields.contributingFactors} />
      ) : (
        <EntrySection title="Contributing factors">
          <Text c="dimmed">No contributing factors recorded.</Text>
        </EntrySection>
      )}

      <ActionItemsTable items={fields.actionItems} />

      {[fields.wentWell, fields.wentPoorly, fields.gotLucky, fields.lessonsLearned].some((l) => l?.length) && (
        <EntrySection title="Retrospective">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
            <ListSection order={3} title="What went well" items={fields.wentWell} />
            <ListSection order={3} title="What went poorly" items={fields.wentPoorly} />
            <ListSection order={3} title="Where we got lucky" items={fields.gotLucky} />
            <ListSection order={3} title="Lessons learned" items={fields.lessonsLearned} />
          </SimpleGrid>
        </EntrySection>
      )}

      {fields.transcriptId && (
        <EntrySection title="Incident channel">
          <LinkedEntry id={fields.transcriptId} />
        </EntrySection>
      )}
    </>
  );
}
