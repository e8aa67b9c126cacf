// One search result: kind icon, title link, highlighted snippet, then who owns it, its state,
// severity and how fresh it is.
import { entryPath } from "@hindsight/domain";
import { Anchor, Badge, Group, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { isoString } from "../../lib/format";
import { KIND_LABELS, SEVERITY_COLORS, STATUS_LABELS } from "../../lib/labels";
import { timeAgo } from "../../lib/search-time";
import { HighlightedSnippet } from "./highlighted-snippet";
import { KindIcon } from "./kind-icon";
import type { SearchHitView } from "./search-types";

export interface SearchHitProps {
  hit: SearchHitView;
  onOpen: (hit: SearchHitView) => void;
}

export function SearchHit({ hit, onOpen }: SearchHitProps) {
  const updated = timeAgo(hit.updatedAt);
  return (
    <Group align="flex-start" gap="sm" wrap="nowrap" className="search-hit">
      <KindIcon kind={hit.kind} mt={2} />
      <Stack gap={4} miw={0} style={{ flex: 1 }}>
        <Anchor
          component={Link}
          to={entryPath(hit.slug)}
          fw={600}
          className="search-hit-link"
          data-result-link
          onClick={() => onOpen(hit)}
        >
          {hit.title}
        </Anchor>
        <HighlightedSnippet snippet={hit.snippet} />
        <Group gap={6} className="search-hit-meta">
          <Text size="xs" c="dimmed" component="span">
            {[KIND_LABELS[hit.kind], hit.team?.name, STATUS_LABELS[hit.status]].filter(Boolean).join(" · ")}
            {updated && (
              <>
                {" · updated "}
                <time dateTime={isoString(hit.updatedAt)}>{updated}</time>
              </>
            )}
          </Text>
          {hit.severity && (
            // The dot variant keeps the text in the body colour: coloured text on a tinted badge this
            // small fails contrast for orange and yellow.
            <Badge size="sm" variant="dot" color={SEVERITY_COLORS[hit.severity] ?? "gray"}>
              {hit.severity}
            </Badge>
          )}
          {hit.fingerprintMatch && (
            <Badge size="sm" variant="dot" color="teal">
              Same error signature
            </Badge>
          )}
        </Group>
      </Stack>
    </Group>
  );
}
