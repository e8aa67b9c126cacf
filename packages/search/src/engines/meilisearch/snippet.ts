// Safe highlight markup from Meilisearch's `_formatted` text. Meilisearch inserts its highlight tags
// into the raw stored text, which may itself hold HTML (a pasted `<script>`, a literal `<mark>`).
// So the engine asks for two private-use characters as tags instead of `<mark>`: the text is escaped
// in full, then only those markers become `<mark>`/`</mark>`. A literal `<mark>` in an entry stays
// escaped, and the markers themselves are stripped from documents before indexing (document.ts).

/** Highlight start and end markers sent as highlightPreTag / highlightPostTag. */
export const HIGHLIGHT_PRE = "\uE0A0";
export const HIGHLIGHT_POST = "\uE0A1";
export const CROP_MARKER = "…";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * Escaped text where only the highlight markers become `<mark>`…`</mark>`, always balanced: a stray
 * end marker is dropped and an unclosed start is closed at the end.
 */
export function safeHighlight(formatted: string): string {
  let out = "";
  let open = false;
  let plain = "";
  const flush = () => {
    out += escapeHtml(plain);
    plain = "";
  };
  for (const ch of formatted) {
    if (ch === HIGHLIGHT_PRE) {
      if (!open) {
        flush();
        out += "<mark>";
        open = true;
      }
    } else if (ch === HIGHLIGHT_POST) {
      if (open) {
        flush();
        out += "</mark>";
        open = false;
      }
    } else {
      plain += ch;
    }
  }
  flush();
  return open ? `${out}</mark>` : out;
}

export function hasHighlight(formatted: string): boolean {
  return formatted.includes(HIGHLIGHT_PRE);
}

/** Collapses runs of whitespace (line breaks of a body) so a snippet reads as one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
