// When nothing matched: say so plainly, offer to publish what the searcher learns (a fix draft titled
// with their words), and tell them the search was noted: the API records every zero-result query,
// which is what the "Knowledge gaps" dashboard lists.
import { Button, Stack, Text, Title } from "@mantine/core";
import { IconPencilPlus } from "@tabler/icons-react";
import { Link } from "react-router";
import { publishLink } from "../../lib/search-params";

export interface NoResultsProps {
  q: string;
  filtered: boolean;
  onClearFilters: () => void;
}

export function NoResults({ q, filtered, onClearFilters }: NoResultsProps) {
  const words = q.trim();
  return (
    <Stack gap="sm" align="flex-start" py="md">
      <Title order={2} size="h4">
        {words ? `No results for “${words}”` : "No entries match these filters"}
      </Title>
      {filtered && (
        <Button variant="default" size="xs" onClick={onClearFilters}>
          Clear filters
        </Button>
      )}
      {words && (
        <>
          <Text size="sm">
            If you work this out, write it down so the next person finds it. This search has been noted as a
            knowledge gap, so curators can see what people look for and cannot find.
          </Text>
          <Button component={Link} to={publishLink(words)} leftSection={<IconPencilPlus size={16} aria-hidden />}>
            Publish what you learn
          </Button>
        </>
      )}
    </Stack>
  );
}
