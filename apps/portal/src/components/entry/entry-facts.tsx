// Who owns an entry, who can read it, who wrote it and when: the facts a reader checks before
// trusting what it says.
import type { Visibility } from "@hindsight/domain";
import { Anchor, Group, Stack, Text } from "@mantine/core";
import { IconExternalLink, IconLock, IconUsersGroup, IconWorld } from "@tabler/icons-react";
import { formatDate, formatDateTime, isoString } from "../../lib/format";
import type { EntryView } from "../../lib/trpc";
import { LabelList } from "../label-list";
import { EntrySection } from "./entry-section";

const VISIBILITY = {
  org: { icon: IconWorld, label: "Organisation", detail: "Everyone in the organisation once published" },
  team: { icon: IconUsersGroup, label: "Team", detail: "Members of the owner team only" },
  restricted: { icon: IconLock, label: "Restricted", detail: "Only the author and people or teams granted access" },
} as const satisfies Record<Visibility, unknown>;

export function VisibilityLabel({ visibility }: { visibility: Visibility }) {
  const v = VISIBILITY[visibility];
  const Icon = v.icon;
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <Icon size={16} aria-hidden style={{ flexShrink: 0, marginTop: 3 }} />
      <Text size="sm">
        <Text span size="sm" fw={600}>
          {v.label}
        </Text>
        <Text span size="sm" c="dimmed">
          {" "}
          · {v.detail}
        </Text>
      </Text>
    </Group>
  );
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" fw={600} tt="uppercase">
        {term}
      </Text>
      <Text component="dd" m={0} size="sm">
        {children}
      </Text>
    </div>
  );
}

export function EntryFacts({ entry, teamName }: { entry: EntryView; teamName: string | undefined }) {
  return (
    <EntrySection title="About this entry">
      <Stack component="dl" gap="sm" m={0}>
        <Fact term="Owner team">{teamName ?? entry.teamSlug ?? "No team (org-wide)"}</Fact>
        <Fact term="Visibility">
          <VisibilityLabel visibility={entry.visibility} />
        </Fact>
        <Fact term="Author">{entry.authorName}</Fact>
        <Fact term="Updated">
          <time dateTime={isoString(entry.updatedAt)}>{formatDateTime(entry.updatedAt)}</time> · version {entry.version}
        </Fact>
        {entry.publishedAt && (
          <Fact term="Published">
            <time dateTime={isoString(entry.publishedAt)}>{formatDate(entry.publishedAt)}</time>
          </Fact>
        )}
        {entry.sourceUrl && /^https?:\/\//i.test(entry.sourceUrl) && (
          <Fact term="Source">
            <Anchor href={entry.sourceUrl} target="_blank" rel="noopener noreferrer nofollow" size="sm" style={{ overflowWrap: "anywhere" }}>
              {entry.source !== "hindsight" ? entry.source : "Original"}
              <IconExternalLink size={12} aria-hidden style={{ marginLeft: 4 }} />
              <span className="sr-only"> (opens in a new tab)</span>
            </Anchor>
          </Fact>
        )}
      </Stack>
      <Stack gap="xs">
        <LabelList label="Services" values={entry.services} />
        <LabelList label="Tags" values={entry.tags} />
      </Stack>
    </EntrySection>
  );
}
