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

/**
 * The slug of the entry a URL points at, when it is a portal entry page (or its history or editor)
 * under `publicUrl`; null for anything else. Used to recognise links to unfurl.
 */
export function entrySlugFromUrl(url: string, publicUrl: string): string | null {
  let u: URL;
  let base: URL;
  try {
    u = new URL(url);
    base = new URL(publicUrl);
  } catch {
    return null;
  }
  if (u.origin !== base.origin) return null;
  const prefix = `${base.pathname.replace(/\/+$/, "")}/entries/`;
  if (!u.pathname.startsWith(prefix)) return null;
  const m = /^([^/]+)(?:\/(?:history|edit))?\/?$/.exec(u.pathname.slice(prefix.length));
  if (!m) return null;
  try {
    const slug = decodeURIComponent(m[1]!);
    return slug && slug.length <= 300 ? slug : null;
  } catch {
    return null;
  }
}
