// Picks an entry for a collection by searching for it (the same search as the home page), debounced.
import { KIND_LABELS, type EntryKind } from "@hindsight/domain";
import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../../lib/trpc";

export interface PickedEntry {
  id: string;
  title: string;
  kind: string;
}

export function EntryPicker({ label, excludeIds, onPick }: { label: string; excludeIds: ReadonlySet<string>; onPick: (entry: PickedEntry) => void }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const results = useQuery({
    ...trpc.search.query.queryOptions({ q: debounced, limit: 10 }),
    enabled: debounced.length >= 2,
    placeholderData: keepPreviousData,
  });
  // Picking a hit tells search it was useful, so the query does not count as a knowledge gap.
  const opened = useMutation(trpc.search.opened.mutationOptions());
  const hits = debounced.length >= 2 ? (results.data?.hits ?? []) : [];
  const options = hits
    .filter((h) => !excludeIds.has(h.id))
    .map((h) => ({ value: h.id, label: `${h.title} (${KIND_LABELS[h.kind as EntryKind] ?? h.kind})` }));

  return (
    <Select
      label={label}
      placeholder="Search entries by title or words in them"
      searchable
      value={null}
      searchValue={search}
      onSearchChange={setSearch}
      data={options}
      // The server already ranked and filtered the hits; filtering again by label would hide matches in bodies.
      filter={({ options: all }) => all}
      nothingFoundMessage={debounced.length < 2 ? "Type at least 2 characters" : results.isFetching ? "Searching…" : "No matching entries"}
      onChange={(id) => {
        const hit = hits.find((h) => h.id === id);
        if (!hit) return;
        onPick({ id: hit.id, title: hit.title, kind: hit.kind });
        const queryId = results.data?.queryId;
        if (queryId != null) opened.mutate({ queryId, entryId: hit.id });
        setSearch("");
      }}
    />
  );
}
