// Tells a reader when what they see is not (or no longer) the published word: drafts, reviews and
// archived entries.
import type { EntryStatus } from "@hindsight/domain";
import { Alert } from "@mantine/core";
import { IconArchive, IconInfoCircle } from "@tabler/icons-react";

export function EntryNotice({ status }: { status: EntryStatus }) {
  switch (status) {
    case "draft":
      return (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} title="Draft">
          This entry is not published yet. Only its author, the owner team and people granted access can see it, and it
          does not appear in search for anyone else.
        </Alert>
      );
    case "in_review":
      return (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} title="In review">
          This entry is waiting for review. It may still change before it is published to the organisation.
        </Alert>
      );
    case "archived":
      return (
        <Alert color="gray" variant="light" icon={<IconArchive aria-hidden />} title="Archived">
          This entry is kept for reference and is no longer maintained. It may be out of date.
        </Alert>
      );
    default:
      return null;
  }
}
