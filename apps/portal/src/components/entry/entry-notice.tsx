// Tells a reader when what they see is not (or no longer) the published word (drafts, reviews and
// archived entries) and what happens next, for them in particular: a writer, a reviewer, a reader.
import { Alert, Text } from "@mantine/core";
import { IconArchive, IconInfoCircle } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { myReview, nextStep } from "../../lib/review-workflow";
import { useCurrentUser } from "../../lib/session";
import { useTRPC, type EntryView } from "../../lib/trpc";

// The light alert's coloured title fails contrast; keep it in the text colour.
const alertStyles = { title: { color: "var(--mantine-color-text)" } };

export function EntryNotice({ entry, canEdit }: { entry: EntryView; canEdit: boolean }) {
  const trpc = useTRPC();
  const me = useCurrentUser();
  const { status } = entry;
  // The same query the review panel shows, so this costs no extra request.
  const reviewers = useQuery({ ...trpc.entries.reviewers.queryOptions({ id: entry.id }), enabled: status === "in_review" });
  const reviewState = (status === "in_review" && myReview(reviewers.data ?? [], me.id)?.state) || null;
  const next = nextStep(status, { canEdit, reviewState });
  const then = next && (
    <Text size="sm" mt={6} fw={500}>
      {next}
    </Text>
  );
  switch (status) {
    case "draft":
      return (
        <Alert color="blue" variant="light" styles={alertStyles} icon={<IconInfoCircle aria-hidden />} title="Draft">
          This entry is not published yet. Only its author, the owner team and people granted access can see it, and it
          does not appear in search for anyone else.
          {then}
        </Alert>
      );
    case "in_review":
      return (
        <Alert color="blue" variant="light" styles={alertStyles} icon={<IconInfoCircle aria-hidden />} title="In review">
          This entry is waiting for review. It may still change before it is published, and until then the whole organisation
          cannot see it yet.
          {then}
        </Alert>
      );
    case "archived":
      return (
        <Alert color="gray" variant="light" styles={alertStyles} icon={<IconArchive aria-hidden />} title="Archived">
          This entry is kept for reference and is no longer maintained. It may be out of date.
          {then}
        </Alert>
      );
    default:
      return null;
  }
}
