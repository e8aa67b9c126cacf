// The facet sidebar's model: for each facet, its options in a stable, useful order with counts and
// human labels. Selected values always stay listed (with their count, or 0) so they can be unchecked
// even when the current results no longer contain them.
import { ENTRY_KINDS, SEVERITIES } from "@hindsight/domain";
import { facetValues, type FacetKey, type SearchState } from "./search-params";
import { isEntryKind } from "./search-kinds";
import { KIND_LABELS } from "./labels";

export type FacetCounts = Record<FacetKey, Record<string, number>>;

export interface FacetOption {
  value: string;
  label: string;
  count: number;
  checked: boolean;
}

export interface FacetGroup {
  key: FacetKey;
  legend: string;
  options: FacetOption[];
}

export const FACET_LEGENDS: Record<FacetKey, string> = {
  kind: "Kind",
  team: "Team",
  service: "Service",
  tag: "Tag",
  severity: "Severity",
  year: "Year",
};

function rank(key: FacetKey, value: string): number | undefined {
  if (key === "kind") return (ENTRY_KINDS as readonly string[]).indexOf(value);
  if (key === "severity") {
    const index = (SEVERITIES as readonly string[]).indexOf(value);
    return index === -1 ? SEVERITIES.length : index;
  }
  if (key === "year") return -Number(value);
  return undefined;
}

/** The "<value> (<count>)" text of a facet checkbox. */
export function facetOptionName(option: Pick<FacetOption, "label" | "count">): string {
  return `${option.label} (${option.count})`;
}

export function buildFacetGroups(
  facets: FacetCounts | undefined,
  state: SearchState,
  teamNames: ReadonlyMap<string, string> = new Map(),
): FacetGroup[] {
  const keys: FacetKey[] = ["kind", "team", "service", "tag", "severity", "year"];
  return keys.map((key) => {
    const counts = facets?.[key] ?? {};
    const selected = facetValues(state, key);
    const all = new Set([...Object.keys(counts), ...selected]);
    const options = [...all].map((value) => ({
      value,
      label:
        key === "kind" && isEntryKind(value) ? KIND_LABELS[value] : key === "team" ? (teamNames.get(value) ?? value) : value,
      count: counts[value] ?? 0,
      checked: selected.includes(value),
    }));
    options.sort((a, b) => {
      const ra = rank(key, a.value);
      const rb = rank(key, b.value);
      if (ra !== undefined && rb !== undefined && ra !== rb) return ra - rb;
      return b.count - a.count || a.label.localeCompare(b.label);
    });
    return { key, legend: FACET_LEGENDS[key], options };
  });
}

/**
 * The options shown before "Show more": the first `limit`, plus any checked one beyond it, so a
 * selection is never hidden.
 */
export function visibleOptions(options: readonly FacetOption[], limit: number, expanded: boolean): FacetOption[] {
  if (expanded || options.length <= limit) return [...options];
  return options.filter((option, index) => index < limit || option.checked);
}
