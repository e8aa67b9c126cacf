// Closing an action item with the fix or runbook that resolved it: the dialog that searches fixes and
// runbooks (the same search as the home page), opened by the button in close-action-item-button.tsx,
// which loads this module (Modal, Select and floating-ui with it) on first use. The link is the
// point: whoever reads the postmortem later can follow it to what was actually done.
import { kindsWhere } from "@hindsight/domain";
import { Button, Group, Modal, Select, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { ClosingEntry } from "../../lib/action-items-view";
import { KIND_LABELS } from "../../lib/labels";
import { useTRPC } from "../../lib/trpc";

const CLOSING_KINDS = kindsWhere((k) => k.closesActionItems);

function CloseDialog({ title, onClose, onPick }: { title: string; onClose: () => void; onPick: (entry: ClosingEntry) => void }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [picked, setPicked] = useState<ClosingEntry | null>(null);
  const [debounced] = useDebouncedValue(search.trim(), 250);
  // With nothing typed, the newest fixes and runbooks: the one that closes an item is often recent.
  const results = useQuery({
    ...trpc.search.query.queryOptions({ q: debounced, kinds: CLOSING_KINDS, sort: debounced ? "relevance" : "newest", limit: 10 }),
    placeholderData: keepPreviousData,
  });
  // Picking a hit tells search it was useful, so the query does not count as a knowledge gap.
  const opened = useMutation(trpc.search.opened.mutationOptions());
  const hits = results.data?.hits ?? [];
  const options = hits.map((h) => ({ value: h.id, label: `${h.title} (${KIND_LABELS[h.kind]})` }));
  if (picked && !options.some((o) => o.value === picked.id)) {
    options.unshift({ value: picked.id, label: `${picked.title} (${KIND_LABELS[picked.kind]})` });
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!picked) return;
    const queryId = results.data?.queryId;
    if (queryId != null) opened.mutate({ queryId, entryId: picked.id });
    onPick(picked);
  };

  return (
    <form onSubmit={submit}>
      <Stack gap="md">
        <Text size="sm">
          Pick the fix or runbook that resolved “{title}”. The item is marked done and links to it.
        </Text>
        <Select
          label="Fix or runbook"
          placeholder="Search fixes and runbooks"
          searchable
          data-autofocus
          value={picked?.id ?? null}
          searchValue={search}
          onSearchChange={setSearch}
          data={options}
          // The server already ranked and filtered the hits; filtering again by label would hide matches in bodies.
          filter={({ options: all }) => all}
          nothingFoundMessage={results.isFetching ? "Searching…" : "No fix or runbook matches"}
          onChange={(id) => {
            const hit = hits.find((h) => h.id === id);
            setPicked(hit ? { id: hit.id, slug: hit.slug, title: hit.title, kind: hit.kind } : null);
          }}
          comboboxProps={{ withinPortal: false }}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={!picked}>
            Close action item
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The dialog, open while `opened`; mounted from the first opening on, so it closes with its transition. */
export function CloseActionItemModal({
  title,
  opened,
  onCancel,
  onClose,
}: {
  title: string;
  opened: boolean;
  onCancel: () => void;
  onClose: (entry: ClosingEntry) => void;
}) {
  return (
    <Modal opened={opened} onClose={onCancel} title={`Close “${title}”`} closeButtonProps={{ "aria-label": "Close dialog" }}>
      {opened && (
        <CloseDialog
          title={title}
          onClose={onCancel}
          onPick={(entry) => {
            onCancel();
            onClose(entry);
          }}
        />
      )}
    </Modal>
  );
}
