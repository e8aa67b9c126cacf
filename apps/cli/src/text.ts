// Small text helpers for terminal output.

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'", "#x27": "'", nbsp: " " };

/** A search snippet (escaped text with <mark> added) as plain text: no tags, entities decoded, one line. */
export function plainSnippet(snippet: string): string {
  return snippet
    .replace(/<\/?mark>/gi, "")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#?\w+);/g, (m, name: string) => {
      if (ENTITIES[name] !== undefined) return ENTITIES[name];
      const num = /^#(x?)([0-9a-f]+)$/i.exec(name);
      if (num) {
        const code = Number.parseInt(num[2]!, num[1] ? 16 : 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
      }
      return m;
    })
    .replace(/\s+/g, " ")
    .trim();
}

/** The portal page of an entry. */
export function entryUrl(baseUrl: string, slug: string): string {
  return `${baseUrl}/entries/${encodeURIComponent(slug)}`;
}
