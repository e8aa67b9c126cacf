// An entry's editable content, copied out of the entry as the API returns it. Apart from
// editor-content.ts (which validates with the API's zod schemas), so the entry page's review panel
// can compare and check a body without bringing the validation library and every kind's schema along.
import type { EditorContent } from "./editor-merge";

/** An entry as the API returns it carries at least what the editor edits. */
export function entryContent(entry: EditorContent): EditorContent {
  return {
    title: entry.title,
    summary: entry.summary,
    body: entry.body,
    tags: [...entry.tags],
    services: [...entry.services],
    teamId: entry.teamId,
    visibility: entry.visibility,
    fields: structuredClone(entry.fields),
  };
}
