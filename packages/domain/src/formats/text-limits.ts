// Cutting text to the schema limits of kinds.ts, shared by the importers so that what they
// produce always validates instead of failing on one over-long line.

/** Cuts to `max` UTF-16 units (what zod's max counts), marking the cut, never splitting a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}
