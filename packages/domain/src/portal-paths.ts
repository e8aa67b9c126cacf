// The portal's addresses, built in one place for every producer of links to it: the portal itself,
// ChatOps replies and the CLI (which prefix the server's public URL). Slugs and titles are encoded here.
import type { EntryKind } from "./vocabulary.js";

export type EntrySubpage = "edit" | "history";

export function entryPath(slug: string, view?: EntrySubpage): string {
  const base = `/entries/${encodeURIComponent(slug)}`;
  return view ? `${base}/${view}` : base;
}

/** The editor for a new entry, optionally with its title filled in ("publish what you learn"). */
export function newEntryPath(kind: EntryKind, title?: string): string {
  const t = title?.trim();
  return `/new/${kind}${t ? `?title=${encodeURIComponent(t)}` : ""}`;
}
