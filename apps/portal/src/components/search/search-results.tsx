// The list of hits, navigable with the arrow keys: Down/Up move between result links, Home/End jump,
// Escape (or Up from the first) returns to the search box. Links stay ordinary links, so Enter,
// middle-click and "open in new tab" all work.
import { Box } from "@mantine/core";
import type { KeyboardEvent, RefObject } from "react";
import { moveThroughResults } from "../../lib/search-hotkeys";
import { SearchHit } from "./search-hit";
import { RESULT_LINK_SELECTOR, type SearchHitView } from "./search-types";

export interface SearchResultsProps {
  hits: readonly SearchHitView[];
  onOpen: (hit: SearchHitView) => void;
  searchBoxRef: RefObject<HTMLInputElement | null>;
  stale?: boolean;
}

export function SearchResults({ hits, onOpen, searchBoxRef, stale }: SearchResultsProps) {
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>(RESULT_LINK_SELECTOR)];
    const current = links.findIndex((link) => link === document.activeElement);
    const next = moveThroughResults(current, links.length, event.key);
    if (next === undefined) return;
    event.preventDefault();
    if (next === -1) searchBoxRef.current?.focus();
    else links[next]?.focus();
  };
  return (
    <Box
      component="ul"
      aria-label="Search results"
      className="search-results"
      onKeyDown={onKeyDown}
      style={{ opacity: stale ? 0.6 : 1 }}
    >
      {hits.map((hit) => (
        <li key={hit.id}>
          <SearchHit hit={hit} onOpen={onOpen} />
        </li>
      ))}
    </Box>
  );
}
