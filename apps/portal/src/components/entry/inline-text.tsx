// Text from structured fields and chat messages, shown as written but with what people paste in it
// made useful: inline `code`, http(s) links (markdown-style or bare) and the markers the redactor left
// for secrets. Never parsed as HTML or full markdown: these are lines, not documents.
import { Anchor, Badge, Code } from "@mantine/core";
import { IconEyeOff } from "@tabler/icons-react";
import { Fragment } from "react";
import { messageSegments, redactionLabel } from "../../lib/entry-view";

export function InlineText({ text }: { text: string }) {
  return messageSegments(text).map((segment, i) =>
    segment.type === "text" ? (
      <Fragment key={i}>{segment.text}</Fragment>
    ) : segment.type === "code" ? (
      <Code key={i}>{segment.text}</Code>
    ) : segment.type === "link" ? (
      <Anchor key={i} href={segment.href} target="_blank" rel="noopener noreferrer nofollow" inherit>
        {segment.text}
      </Anchor>
    ) : (
      <Badge
        key={i}
        component="span"
        color="grape"
        variant="light"
        radius="sm"
        tt="none"
        leftSection={<IconEyeOff size={12} aria-hidden />}
        style={{ verticalAlign: "baseline" }}
      >
        redacted {redactionLabel(segment.kind)}
      </Badge>
    ),
  );
}
