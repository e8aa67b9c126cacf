// The command palette (Mantine Spotlight), loaded on first use by PaletteLauncher. It jumps to
// entries (from the search API, typo tolerant), collections (matched by title) and actions such as
// "New postmortem". Spotlight draws a list of buttons; the ARIA combobox/listbox/option roles and
// aria-activedescendant are added here so screen readers follow the arrow-key selection.
import { entryPath } from "@hindsight/domain";
import { Group, Loader, Modal, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { createSpotlight, Spotlight, useSpotlight, type SpotlightStore } from "@mantine/spotlight";
// Spotlight's stylesheet loads with the palette, not with every page.
import "@mantine/spotlight/styles.layer.css";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { IconArrowRight, IconFolders, IconSearch } from "@tabler/icons-react";
import { useEffect, useId, useMemo, useState, type ReactNode } from "react";
import { useNavigate } from "react-router";
import { KIND_LABELS } from "../../lib/labels";
import { useTRPC, useTRPCClient } from "../../lib/trpc";
import { KindIcon } from "./kind-icon";
import { matchActions, matchTitles, namesAction } from "./palette-actions";

const DEBOUNCE_MS = 150;
const ENTRY_LIMIT = 8;

/** What Spotlight's own (unexported) selectAction(0) does: mark the first option and remember it. */
function selectFirst(store: SpotlightStore, listId: string) {
  const list = document.getElementById(listId);
  if (!list) return;
  list.querySelector("[data-selected]")?.removeAttribute("data-selected");
  const first = list.querySelector("[data-action]");
  first?.setAttribute("data-selected", "true");
  first?.scrollIntoView({ block: "nearest" });
  store.updateState((state) => ({ ...state, selected: first ? 0 : -1 }));
}

interface PaletteItem {
  id: string;
  group: "Entries" | "Collections" | "Actions";
  label: string;
  description?: string;
  icon: ReactNode;
  /** The accessible name, when the visible text would say more than the action's name. */
  ariaLabel?: string;
  run: () => void;
}

export interface CommandPaletteProps {
  /** Bumped by the launcher each time the palette is asked to open. */
  openRequests: number;
}

export default function CommandPalette({ openRequests }: CommandPaletteProps) {
  const [[store, palette]] = useState(createSpotlight);
  const { opened, selected } = useSpotlight(store);
  const trpc = useTRPC();
  const trpcClient = useTRPCClient();
  const navigate = useNavigate();
  const baseId = useId().replace(/:/g, "");
  const listId = `palette-list-${baseId}`;
  const [query, setQuery] = useState("");
  const [words] = useDebouncedValue(query.trim(), DEBOUNCE_MS);

  useEffect(() => {
    if (openRequests > 0) palette.open();
  }, [openRequests, palette]);

  const entries = useQuery({
    ...trpc.search.query.queryOptions({ q: words, limit: ENTRY_LIMIT }, { trpc: { abortOnUnmount: true } }),
    enabled: opened && words.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
  const collections = useQuery({
    ...trpc.collections.list.queryOptions(),
    enabled: opened && words.length > 0,
    staleTime: 60_000,
  });

  // Local matches (actions, collections) follow every keystroke; only the entry search waits for a pause.
  const typed = query.trim();
  const items = useMemo<PaletteItem[]>(() => {
    const found: PaletteItem[] = [];
    const response = words ? entries.data : undefined;
    for (const hit of response?.hits ?? []) {
      found.push({
        id: `entry-${hit.id}`,
        group: "Entries",
        label: hit.title,
        description: [KIND_LABELS[hit.kind], hit.team?.name].filter(Boolean).join(" · "),
        icon: <KindIcon kind={hit.kind} size="md" />,
        run: () => {
          const queryId = response?.queryId;
          if (queryId != null) trpcClient.search.opened.mutate({ queryId, entryId: hit.id }).catch(() => undefined);
          void navigate(entryPath(hit.slug));
        },
      });
    }
    const curated: PaletteItem[] = matchTitles(typed, collections.data ?? []).map((collection) => ({
      id: `collection-${collection.id}`,
      group: "Collections",
      label: collection.title,
      description: collection.isOnboarding ? "Onboarding path" : "Collection",
      icon: <IconFolders size={20} aria-hidden />,
      run: () => void navigate(`/collections/${encodeURIComponent(collection.slug)}`),
    }));
    const matched = matchActions(typed);
    const actions: PaletteItem[] = matched.map((action) => ({
      id: `action-${action.id}`,
      group: "Actions",
      label: action.label,
      ariaLabel: action.label,
      icon: <IconArrowRight size={20} aria-hidden />,
      run: () => void navigate(action.to),
    }));
    if (typed) {
      actions.push({
        id: "action-all-results",
        group: "Actions",
        label: `All results for “${typed}”`,
        icon: <IconSearch size={20} aria-hidden />,
        run: () => void navigate(`/?q=${encodeURIComponent(typed)}`),
      });
    }
    // Someone typing an action's name ("new runb…") wants the action on top, where Enter runs it.
    return namesAction(typed, matched) ? [...actions, ...found, ...curated] : [...found, ...curated, ...actions];
  }, [typed, words, entries.data, collections.data, navigate, trpcClient]);

  // Spotlight selects the first item when the query changes, but entry hits arrive later and replace
  // the list; select the first item again so Enter always opens what is on top.
  const signature = items.map((item) => item.id).join("|");
  useEffect(() => {
    if (opened && signature) selectFirst(store, listId);
  }, [opened, signature, store, listId]);

  // Groups in the order the items come, so the option indexes Spotlight selects by stay in step.
  const groups = [...new Set(items.map((item) => item.group))].map((name) => ({ name, items: items.filter((item) => item.group === name) }));
  const optionId = (index: number) => `${listId}-option-${index}`;
  const activeIndex = selected >= 0 && selected < items.length ? selected : -1;
  const searching = entries.isFetching || (typed !== words && typed !== "");

  let index = 0;
  return (
    <Spotlight.Root
      store={store}
      query={query}
      onQueryChange={setQuery}
      shortcut={null}
      scrollable
      maxHeight={460}
      classNames={{ action: "palette-action" }}
    >
      <Modal.Title className="sr-only">Command palette</Modal.Title>
      <Spotlight.Search
        placeholder="Search entries, collections and actions…"
        aria-label="Search entries, collections and actions"
        role="combobox"
        aria-expanded={items.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
        autoComplete="off"
        spellCheck={false}
        leftSection={<IconSearch size={20} aria-hidden />}
        rightSection={searching ? <Loader size="xs" aria-label="Searching" /> : null}
      />
      {items.length > 0 ? (
        <Spotlight.ActionsList id={listId} role="listbox" aria-label="Suggestions">
          {groups.map((group) => (
            <Spotlight.ActionsGroup key={group.name} label={group.name} role="group" aria-label={group.name}>
              {group.items.map((item) => {
                const own = index++;
                const id = optionId(own);
                return (
                  <Spotlight.Action
                    key={item.id}
                    // Spotlight keeps `id` for itself, so the DOM id for aria-activedescendant is set here.
                    ref={(element: HTMLButtonElement | null) => {
                      if (element) element.id = id;
                    }}
                    role="option"
                    aria-selected={own === activeIndex}
                    aria-label={item.ariaLabel}
                    label={item.label}
                    description={item.description}
                    leftSection={item.icon}
                    onClick={item.run}
                  />
                );
              })}
            </Spotlight.ActionsGroup>
          ))}
        </Spotlight.ActionsList>
      ) : (
        <Spotlight.Empty>{searching ? "Searching…" : "Nothing found."}</Spotlight.Empty>
      )}
      <Spotlight.Footer>
        <Group gap="md" justify="space-between">
          <Text size="xs" c="dimmed">
            ↑ ↓ to move · Enter to open · Esc to close
          </Text>
          <Text size="xs" c="dimmed">
            Paste an error line to find its fix
          </Text>
        </Group>
      </Spotlight.Footer>
    </Spotlight.Root>
  );
}
