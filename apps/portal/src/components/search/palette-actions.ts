// The command palette's static actions and how typed words pick them. Pure, so the matching is tested.
import { newEntryPath } from "@hindsight/domain";
import type { EntryKind } from "@hindsight/domain";
import { newEntryLabel } from "../../lib/search-kinds";

export interface PaletteAction {
  id: string;
  label: string;
  to: string;
  /** Other words people may type for it. */
  keywords: string;
}

const NEW_KINDS: { kind: EntryKind; keywords: string }[] = [
  { kind: "postmortem", keywords: "write incident report create" },
  { kind: "fix", keywords: "write solution error create" },
  { kind: "runbook", keywords: "write procedure playbook create" },
  { kind: "gameday", keywords: "write chaos exercise experiment create" },
];

export const PALETTE_ACTIONS: readonly PaletteAction[] = [
  ...NEW_KINDS.map(({ kind, keywords }) => ({ id: `new-${kind}`, label: newEntryLabel(kind), to: newEntryPath(kind), keywords })),
  { id: "import", label: "Import", to: "/import", keywords: "upload slack export markdown transcript" },
  { id: "action-items", label: "Action items", to: "/action-items", keywords: "follow-ups todo overdue owner mine" },
  { id: "teams", label: "Teams", to: "/teams", keywords: "members people maintainers" },
  { id: "tokens", label: "API tokens", to: "/settings/tokens", keywords: "settings token rest ci cli publish bot" },
  { id: "dashboards", label: "Dashboards", to: "/dashboards", keywords: "charts stats metrics gaps" },
  { id: "collections", label: "Collections", to: "/collections", keywords: "paths curated lists" },
  { id: "onboarding", label: "Onboarding", to: "/onboarding", keywords: "new hire learning progress" },
  { id: "browse", label: "Browse", to: "/entries", keywords: "all entries list" },
  { id: "search-page", label: "Search page", to: "/", keywords: "home advanced filters facets" },
];

/** Actions whose label or keywords contain every typed word (as a word prefix); all of them for no words. */
export function matchActions(query: string, actions: readonly PaletteAction[] = PALETTE_ACTIONS): PaletteAction[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...actions];
  return actions.filter((action) => {
    const haystack = `${action.label} ${action.keywords}`.toLowerCase().split(/[^\p{L}\p{N}]+/u);
    return words.every((word) => haystack.some((token) => token.startsWith(word)));
  });
}

/** Collections whose title contains the typed text, best (starts-with) first. */
export function matchTitles<T extends { title: string }>(query: string, items: readonly T[], limit = 5): T[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  return items
    .filter((item) => item.title.toLowerCase().includes(q))
    .sort((a, b) => Number(b.title.toLowerCase().startsWith(q)) - Number(a.title.toLowerCase().startsWith(q)))
    .slice(0, limit);
}

/** Whether the typed text is the start of an action's name (three letters at least), e.g. "new run". */
export function namesAction(query: string, actions: readonly PaletteAction[]): boolean {
  const q = query.trim().toLowerCase().replace(/\s+/g, " ");
  return q.length >= 3 && actions.some((action) => action.label.toLowerCase().startsWith(q));
}
