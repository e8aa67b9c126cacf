// Meilisearch filters for the meilisearch engine: the read policy (`canReadEntry`) and the search
// filters as a small expression tree first, rendered to Meilisearch's filter syntax last. The tree is
// what the property test checks against the domain policy; the renderer is the only place that
// quotes values, so no caller ever splices text into a filter.
import type { ReadScope } from "@hindsight/domain";
import type { SearchFilters } from "../../port.js";

/** The filterable attributes a filter may name (they must be in the index's filterableAttributes). */
export type MeiliFilterField =
  | "id"
  | "kind"
  | "teamId"
  | "services"
  | "tags"
  | "severity"
  | "status"
  | "year"
  | "visibility"
  | "authorId"
  | "grantUserIds"
  | "grantTeamIds"
  | "fingerprints";

export type FilterValue = string | number;

/**
 * The subset of the Meilisearch filter language this engine emits. `eq` and `in` follow Meilisearch
 * semantics: on an array attribute they match when any element matches; null or missing never matches.
 */
export type FilterNode =
  | { op: "eq"; field: MeiliFilterField; value: FilterValue }
  | { op: "in"; field: MeiliFilterField; values: FilterValue[] }
  | { op: "and"; of: FilterNode[] }
  | { op: "or"; of: FilterNode[] }
  | { op: "not"; of: FilterNode };

export const eq = (field: MeiliFilterField, value: FilterValue): FilterNode => ({ op: "eq", field, value });

/** `field IN [...]`; a one-value list becomes `=`. An empty list matches nothing, so callers must not build one. */
export function isIn(field: MeiliFilterField, values: readonly FilterValue[]): FilterNode {
  const unique = [...new Set(values)];
  if (unique.length === 0) throw new Error(`empty IN list for ${field}: the caller must drop the condition instead`);
  return unique.length === 1 ? eq(field, unique[0] as FilterValue) : { op: "in", field, values: unique };
}

/** AND of the given parts, skipping absent ones; null when nothing is left (no restriction). */
export function and(...parts: (FilterNode | null | undefined)[]): FilterNode | null {
  const of = parts.filter((p): p is FilterNode => p != null).flatMap((p) => (p.op === "and" ? p.of : [p]));
  if (of.length === 0) return null;
  return of.length === 1 ? (of[0] as FilterNode) : { op: "and", of };
}

/** OR of the given parts; at least one part is required (an empty OR would match nothing). */
export function or(...parts: FilterNode[]): FilterNode {
  const of = parts.flatMap((p) => (p.op === "or" ? p.of : [p]));
  if (of.length === 0) throw new Error("empty OR");
  return of.length === 1 ? (of[0] as FilterNode) : { op: "or", of };
}

export const not = (of: FilterNode): FilterNode => ({ op: "not", of });

// ---------------------------------------------------------------------------------------------
// Rendering

/**
 * A double-quoted filter value. Since Meilisearch 1.4 a backslash inside a quoted value is itself
 * escaped (`\\`), and `\"` is a literal quote; everything else (newlines, brackets, AND/OR) is inert
 * inside quotes.
 */
export function quoteValue(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function renderValue(value: FilterValue): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`filter value must be a finite number, got ${value}`);
    // A number is written bare; Meilisearch matches it against numeric values.
    return String(value);
  }
  return quoteValue(normalizeValue(value));
}

/**
 * Meilisearch compares string facet values trimmed and lower-cased. Sending them in that form
 * changes nothing for `=`, and keeps `IN` right on servers that compared IN values unnormalised
 * (meilisearch/meilisearch#6335, fixed in 2026): `severity IN ["SEV1", "SEV2"]` matched nothing there.
 */
export function normalizeValue(value: string): string {
  return value.trim().toLowerCase();
}

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

function renderField(field: string): string {
  // Field names come from the closed MeiliFilterField union; this guards against casts.
  if (!FIELD_NAME.test(field)) throw new Error(`not a filterable attribute name: ${field}`);
  return field;
}

/** Renders a tree to Meilisearch filter syntax; every compound operand is parenthesised. */
export function renderFilter(node: FilterNode): string {
  switch (node.op) {
    case "eq":
      return `${renderField(node.field)} = ${renderValue(node.value)}`;
    case "in":
      return `${renderField(node.field)} IN [${node.values.map(renderValue).join(", ")}]`;
    case "and":
      return node.of.map(renderOperand).join(" AND ");
    case "or":
      return node.of.map(renderOperand).join(" OR ");
    case "not":
      return `NOT ${renderOperand(node.of)}`;
  }
}

function renderOperand(node: FilterNode): string {
  return node.op === "eq" || node.op === "in" ? renderFilter(node) : `(${renderFilter(node)})`;
}

/** The rendered filter, or undefined when there is no restriction (Meilisearch's "no filter"). */
export function renderOptional(node: FilterNode | null): string | undefined {
  return node === null ? undefined : renderFilter(node);
}

// ---------------------------------------------------------------------------------------------
// The read policy

/**
 * `canReadEntry` as a filter tree, from the caller's ReadScope; null for admins (no restriction).
 * An entry is readable when any of these holds:
 * - the caller wrote it;
 * - it is granted to the caller, or to one of the caller's teams;
 * - it is `org` and in an org-readable status (published, archived);
 * - it is `org` or `team`, and owned by one of the caller's teams.
 * `restricted` entries therefore only reach their author and grantees. A null teamId matches no team.
 */
export function visibilityFilterTree(scope: ReadScope): FilterNode | null {
  if (scope.all) return null;
  const teams = scope.teamIds;
  const parts: FilterNode[] = [eq("authorId", scope.userId), eq("grantUserIds", scope.userId)];
  if (teams.length > 0) parts.push(isIn("grantTeamIds", teams));
  if (scope.orgReadableStatuses.length > 0) {
    parts.push(and(eq("visibility", "org"), isIn("status", scope.orgReadableStatuses)) as FilterNode);
  }
  if (teams.length > 0) parts.push(and(isIn("visibility", ["org", "team"]), isIn("teamId", teams)) as FilterNode);
  return or(...parts);
}

/** `canReadEntry` as a Meilisearch filter expression; undefined for admins (who read everything). */
export function visibilityFilter(scope: ReadScope): string | undefined {
  return renderOptional(visibilityFilterTree(scope));
}

// ---------------------------------------------------------------------------------------------
// Search filters

/**
 * The user's facet filters: values of one facet are alternatives (OR), facets combine with AND.
 * An absent or empty list does not restrict.
 */
export function filtersTree(filters: SearchFilters | undefined): FilterNode | null {
  if (!filters) return null;
  const facet = (field: MeiliFilterField, values: readonly FilterValue[] | undefined) =>
    values && values.length > 0 ? isIn(field, values) : null;
  return and(
    facet("kind", filters.kinds),
    facet("teamId", filters.teamIds),
    facet("services", filters.services),
    facet("tags", filters.tags),
    facet("severity", filters.severities),
    facet("status", filters.statuses),
    facet("year", filters.years?.filter((y) => Number.isInteger(y))),
  );
}

export function filtersToMeili(filters: SearchFilters | undefined): string | undefined {
  return renderOptional(filtersTree(filters));
}

/** Read scope AND user filters AND any engine-internal condition, as one tree. */
export function combinedFilterTree(scope: ReadScope, filters: SearchFilters | undefined, ...extra: (FilterNode | null)[]): FilterNode | null {
  return and(visibilityFilterTree(scope), filtersTree(filters), ...extra);
}

export function combinedFilter(scope: ReadScope, filters: SearchFilters | undefined, ...extra: (FilterNode | null)[]): string | undefined {
  return renderOptional(combinedFilterTree(scope, filters, ...extra));
}
