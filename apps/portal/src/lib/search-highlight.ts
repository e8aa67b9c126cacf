// Turns the API's snippet markup into plain pieces the page renders as text and <mark> elements.
// The API escapes the entry text and adds only <mark>…</mark> (packages/search/src/text/snippet.ts and
// the Meilisearch engine's safeHighlight); the portal still never hands it to innerHTML: anything that
// is not exactly <mark> or </mark> stays literal text, so even a broken engine cannot inject markup.

export interface SnippetPart {
  text: string;
  mark: boolean;
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (whole, code: string) => {
    if (code[0] === "#") {
      const point = code[1] === "x" || code[1] === "X" ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : whole;
    }
    return NAMED[code.toLowerCase()] ?? whole;
  });
}

/**
 * Snippets are cut from the markdown source, so fences, heading marks and bold stars show up as
 * noise in a one-line excerpt; drop those few. Everything else (code, paths, #channels) stays.
 */
export function tidyMarkdown(text: string): string {
  return text
    .replace(/```[\w-]*/g, "")
    .replace(/(^|\s)#{1,6}(?=\s)/g, "$1")
    .replace(/\*\*/g, "")
    .replace(/ {2,}/g, " ");
}

export function parseSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let mark = false;
  for (const token of snippet.split(/(<\/?mark>)/i)) {
    const lower = token.toLowerCase();
    if (lower === "<mark>") mark = true;
    else if (lower === "</mark>") mark = false;
    else if (token) {
      const text = tidyMarkdown(decodeEntities(token));
      const last = parts[parts.length - 1];
      // Adjacent pieces of the same kind merge, so the page renders as few nodes as it can.
      if (last && last.mark === mark) last.text += text;
      else parts.push({ text, mark });
    }
  }
  return parts;
}
