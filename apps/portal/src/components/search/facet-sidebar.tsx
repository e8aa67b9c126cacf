// The facet sidebar: one fieldset per facet (Kind, Team, Service, Tag, Severity, Year), each a group
// of checkboxes named "<value> (<count>)". Long groups show their first few options and a toggle.
// The checkboxes are native inputs (styled in styles.css): Mantine's Checkbox would add ~3 KB gzipped
// to the home page for the same behaviour.
import { Button, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { facetOptionName, visibleOptions, type FacetGroup } from "../../lib/search-facets";
import type { FacetKey } from "../../lib/search-params";

const SHOWN = 6;

export interface FacetSidebarProps {
  groups: readonly FacetGroup[];
  onToggle: (key: FacetKey, value: string) => void;
}

function FacetFieldset({ group, onToggle }: { group: FacetGroup; onToggle: FacetSidebarProps["onToggle"] }) {
  const [expanded, setExpanded] = useState(false);
  const options = visibleOptions(group.options, SHOWN, expanded);
  const hidden = group.options.length - options.length;
  return (
    <fieldset className="facet-group">
      <legend className="facet-legend">{group.legend}</legend>
      <Stack gap={4}>
        {options.map((option) => (
          <label key={option.value} className="facet-option">
            <input type="checkbox" checked={option.checked} onChange={() => onToggle(group.key, option.value)} />
            <span>{facetOptionName(option)}</span>
          </label>
        ))}
      </Stack>
      {(hidden > 0 || expanded) && group.options.length > SHOWN && (
        <Button
          variant="subtle"
          size="compact-xs"
          mt={4}
          aria-expanded={expanded}
          onClick={() => setExpanded((value) => !value)}
        >
          {expanded ? "Show fewer" : `Show ${hidden} more`}
        </Button>
      )}
    </fieldset>
  );
}

export function FacetSidebar({ groups, onToggle }: FacetSidebarProps) {
  const nonEmpty = groups.filter((group) => group.options.length > 0);
  if (nonEmpty.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Nothing to filter by.
      </Text>
    );
  }
  return (
    <Stack gap="md">
      {nonEmpty.map((group) => (
        <FacetFieldset key={group.key} group={group} onToggle={onToggle} />
      ))}
    </Stack>
  );
}
