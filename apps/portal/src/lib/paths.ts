// The portal's addresses for an entry, built in one place (and the slug encoded once) rather than as
// template strings in every link.
export type EntrySubpage = "edit" | "history";

export function entryPath(slug: string, view?: EntrySubpage): string {
  const base = `/entries/${encodeURIComponent(slug)}`;
  return view ? `${base}/${view}` : base;
}
