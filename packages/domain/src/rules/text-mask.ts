// Masks the parts of a markdown text that are quoted machine output rather than prose (fenced code
// blocks, inline code, URLs), so prose rules never fire on pasted logs. The mask keeps every offset:
// masked characters become spaces and newlines stay, so a match in the mask is a match in the original.

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

function blank(s: string): string {
  return s.replace(/[^\n]/g, " ");
}

/** The text with fenced blocks, inline code spans and URLs blanked out, same length as the input. */
export function maskCode(text: string): string {
  const lines = text.split("\n");
  let open: { char: string; len: number } | null = null;
  const out = lines.map((line) => {
    const fence = FENCE.exec(line);
    if (open) {
      if (fence?.[1] && fence[1][0] === open.char && fence[1].length >= open.len && line.trim() === fence[1]) open = null;
      return blank(line);
    }
    if (fence?.[1]) {
      open = { char: fence[1][0] ?? "`", len: fence[1].length };
      return blank(line);
    }
    return line;
  });
  return (
    out
      .join("\n")
      // Inline code: a run of n backticks up to the next run of exactly n (CommonMark), within one paragraph.
      .replace(/(`+)(?!`)((?:(?!\n\s*\n)[\s\S])*?[^`])\1(?!`)/g, (m) => blank(m))
      // URLs: `github.com/…/blame/…` is a path, not a statement about a person.
      .replace(/\b[a-z][a-z0-9+.-]{0,30}:\/\/[^\s<>()]+/gi, (m) => blank(m))
  );
}
