// The collection editor's working copy: sections and items with stable keys for React, moves that
// keep order explicit (up/down, so the keyboard can do everything), and conversion to the API input.
// Pure functions only, so every rearrangement is unit-tested without a DOM.

export interface DraftItem {
  key: string;
  entryId: string;
  entryTitle: string;
  entryKind: string;
  note: string;
}

export interface DraftSection {
  key: string;
  title: string;
  items: DraftItem[];
}

export interface CollectionDraft {
  title: string;
  description: string;
  teamId: string | null;
  isOnboarding: boolean;
  sections: DraftSection[];
}

interface CollectionLike {
  title: string;
  description: string;
  teamId: string | null;
  isOnboarding: boolean;
  sections: { id: string; title: string; items: { id: string; entryId: string; entryTitle: string; entryKind: string; note: string }[] }[];
}

let counter = 0;
/** Keys only need to be unique within one editor session. */
export function newKey(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

export function emptyDraft(teamId: string | null = null): CollectionDraft {
  return { title: "", description: "", teamId, isOnboarding: false, sections: [{ key: newKey("s"), title: "Start here", items: [] }] };
}

export function draftFromCollection(c: CollectionLike): CollectionDraft {
  return {
    title: c.title,
    description: c.description,
    teamId: c.teamId,
    isOnboarding: c.isOnboarding,
    sections: c.sections.map((s) => ({
      key: s.id,
      title: s.title,
      items: s.items.map((i) => ({ key: i.id, entryId: i.entryId, entryTitle: i.entryTitle, entryKind: i.entryKind, note: i.note })),
    })),
  };
}

/** Moves the element at `index` by `delta` places; out-of-range moves leave the list as it is. */
export function move<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const copy = [...list];
  const [moved] = copy.splice(index, 1);
  copy.splice(target, 0, moved!);
  return copy;
}

export function addSection(d: CollectionDraft, title = ""): CollectionDraft {
  return { ...d, sections: [...d.sections, { key: newKey("s"), title, items: [] }] };
}

export function removeSection(d: CollectionDraft, sectionKey: string): CollectionDraft {
  return { ...d, sections: d.sections.filter((s) => s.key !== sectionKey) };
}

export function moveSection(d: CollectionDraft, sectionKey: string, delta: -1 | 1): CollectionDraft {
  return { ...d, sections: move(d.sections, d.sections.findIndex((s) => s.key === sectionKey), delta) };
}

function mapSection(d: CollectionDraft, sectionKey: string, f: (s: DraftSection) => DraftSection): CollectionDraft {
  return { ...d, sections: d.sections.map((s) => (s.key === sectionKey ? f(s) : s)) };
}

export function renameSection(d: CollectionDraft, sectionKey: string, title: string): CollectionDraft {
  return mapSection(d, sectionKey, (s) => ({ ...s, title }));
}

/** Adds an entry at the end of a section; an entry already anywhere in the collection is not added twice. */
export function addItem(d: CollectionDraft, sectionKey: string, entry: { id: string; title: string; kind: string }): CollectionDraft {
  if (d.sections.some((s) => s.items.some((i) => i.entryId === entry.id))) return d;
  return mapSection(d, sectionKey, (s) => ({
    ...s,
    items: [...s.items, { key: newKey("i"), entryId: entry.id, entryTitle: entry.title, entryKind: entry.kind, note: "" }],
  }));
}

export function removeItem(d: CollectionDraft, sectionKey: string, itemKey: string): CollectionDraft {
  return mapSection(d, sectionKey, (s) => ({ ...s, items: s.items.filter((i) => i.key !== itemKey) }));
}

export function moveItem(d: CollectionDraft, sectionKey: string, itemKey: string, delta: -1 | 1): CollectionDraft {
  return mapSection(d, sectionKey, (s) => ({ ...s, items: move(s.items, s.items.findIndex((i) => i.key === itemKey), delta) }));
}

export function setItemNote(d: CollectionDraft, sectionKey: string, itemKey: string, note: string): CollectionDraft {
  return mapSection(d, sectionKey, (s) => ({ ...s, items: s.items.map((i) => (i.key === itemKey ? { ...i, note } : i)) }));
}

/** Problems to fix before saving, keyed like the API's field errors (`title`, `sections.0.title`). */
export function draftErrors(d: CollectionDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!d.title.trim()) errors.title = "Give the collection a title";
  d.sections.forEach((s, i) => {
    if (!s.title.trim()) errors[`sections.${i}.title`] = "Give this section a title";
  });
  return errors;
}

export function draftToInput(d: CollectionDraft) {
  return {
    title: d.title.trim(),
    description: d.description,
    isOnboarding: d.isOnboarding,
    sections: d.sections.map((s) => ({ title: s.title.trim(), items: s.items.map((i) => ({ entryId: i.entryId, note: i.note })) })),
  };
}

/** The version the server is at, from a CONFLICT error's details, when it says so. */
export function conflictVersion(error: unknown): number | null {
  const data = (error as { data?: { code?: unknown; details?: { currentVersion?: unknown } } } | null)?.data;
  if (data?.code !== "CONFLICT") return null;
  const v = data.details?.currentVersion;
  return typeof v === "number" ? v : null;
}
