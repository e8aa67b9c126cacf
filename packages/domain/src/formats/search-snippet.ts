// Reading a search snippet back: engines send the entry's text HTML-escaped with only <mark>…</mark>
// added around matches (packages/search's makeSnippet, the Meilisearch engine's safeHighlight). The
// portal, the CLI and ChatOps each need it as plain pieces; this is the one reader of that format.
// Anything that is not exactly <mark> or </mark> stays literal text.

export interface SnippetPart {
  text: string;
  /** A match to highlight. */
  mark: boolean;
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** Undoes HTML escaping: named entities above and numeric ones; anything else is left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (whole, code: string) => {
    if (code[0] === "#") {
      const point = code[1] === "x" || code[1] === "X" ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : whole;
    }
    return NAMED[code.toLowerCase()] ?? whole;
  });
}

/** The snippet as decoded text pieces, highlighted or not; adjacent pieces of the same kind merged. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let mark = false;
  for (const token of snippet.split(/(<\/?mark>)/i)) {
    const lower = token.toLowerCase();
    if (lower === "<mark>") mark = true;
    else if (lower === "</mark>") mark = false;
    else if (token) {
      const text = decodeEntities(token);
      const last = parts[parts.length - 1];
      if (last && last.mark === mark) last.text += text;
      else parts.push({ text, mark });
    }
  }
  return parts;
}
