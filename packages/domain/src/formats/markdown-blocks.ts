// A small, forgiving markdown block reader: just enough structure (headings, paragraphs, lists,
// fenced code, tables) to map hand-written postmortems and runbooks onto structured fields.
// It is deliberately not a renderer and not CommonMark-complete; anything it does not recognise
// is kept as a paragraph, so no text is ever lost. Pure string work, safe in the browser.

export interface HeadingBlock {
  type: "heading";
  level: number;
  text: string;
}
export interface ParagraphBlock {
  type: "paragraph";
  lines: string[];
}
export interface CodeBlock {
  type: "code";
  lang: string;
  content: string;
}
export interface ListItem {
  /** "open" for `- [ ]`, "done" for `- [x]`, null for a plain item. */
  task: "open" | "done" | null;
  /** The item's own markdown, dedented, task box removed. */
  content: string;
  blocks: Block[];
}
export interface ListBlock {
  type: "list";
  ordered: boolean;
  items: ListItem[];
}
export interface TableBlock {
  type: "table";
  header: string[];
  rows: string[][];
}
export interface QuoteBlock {
  type: "quote";
  lines: string[];
}
/** Reference-style link definitions (`[x]: https://…`): kept for completeness, never content. */
export interface DefinitionBlock {
  type: "definition";
  lines: string[];
}
export interface RuleBlock {
  type: "rule";
}
/** Every block knows its line range [start, end) in the text it was parsed from. */
export interface Span {
  start: number;
  end: number;
}
export type Block = (
  | HeadingBlock
  | ParagraphBlock
  | CodeBlock
  | ListBlock
  | TableBlock
  | QuoteBlock
  | DefinitionBlock
  | RuleBlock
) &
  Partial<Span>;

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const LIST_ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])(?:([ \t]+)(.*))?$/;
const TABLE_DELIMITER = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;
const DEFINITION = /^ {0,3}\[[^\]]+\]:\s*\S/;
const QUOTE = /^ {0,3}>/;
const TASK = /^\[([ xX])\](?:[ \t]+|$)/;

const isBlank = (line: string): boolean => line.trim() === "";

function indentOf(line: string): number {
  let n = 0;
  for (const ch of line) {
    if (ch === " ") n += 1;
    else if (ch === "\t") n += 4 - (n % 4);
    else break;
  }
  return n;
}

/** Removes up to `n` columns of leading indentation (tabs count to the next multiple of 4). */
function dedent(line: string, n: number): string {
  let col = 0;
  let i = 0;
  while (i < line.length && col < n) {
    const ch = line[i];
    if (ch === " ") col += 1;
    else if (ch === "\t") col += 4 - (col % 4);
    else break;
    i += 1;
  }
  return line.slice(i);
}

function isTableStart(lines: string[], i: number): boolean {
  const line = lines[i];
  const next = lines[i + 1];
  return line !== undefined && next !== undefined && line.includes("|") && TABLE_DELIMITER.test(next) && next.includes("-");
}

export function splitTableRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith("|")) s = s.slice(1);
  if (s.endsWith("|") && !s.endsWith("\\|")) s = s.slice(0, -1);
  const cells: string[] = [];
  let current = "";
  let inCode = false;
  for (let i = 0; i < s.length; i += 1) {
    const ch = s[i]!;
    if (ch === "\\" && s[i + 1] === "|") {
      current += "|";
      i += 1;
    } else if (ch === "`") {
      inCode = !inCode;
      current += ch;
    } else if (ch === "|" && !inCode) {
      cells.push(current.trim());
      current = "";
    } else current += ch;
  }
  cells.push(current.trim());
  return cells;
}

/** Would this line start a block other than a paragraph continuation? */
function interruptsParagraph(lines: string[], i: number): boolean {
  const line = lines[i]!;
  if (FENCE_OPEN.test(line) || ATX_HEADING.test(line) || THEMATIC_BREAK.test(line) || QUOTE.test(line)) return true;
  if (isTableStart(lines, i)) return true;
  const item = LIST_ITEM.exec(line);
  // As in CommonMark, an ordered list interrupts a paragraph only when it starts at 1, and an empty item never does.
  if (item && item[4] !== undefined && item[4].trim() !== "") return !/^\d/.test(item[2]!) || /^1[.)]$/.test(item[2]!);
  return false;
}

/** Reads a fenced code block starting at `start`; returns it and the index after its closing fence. */
function readFence(lines: string[], start: number, stripIndent: number): { block: CodeBlock; next: number } {
  const open = FENCE_OPEN.exec(lines[start]!)!;
  const indent = open[1]!.length;
  const fence = open[2]!;
  const lang = open[3]!.trim().split(/\s+/)[0] ?? "";
  const close = new RegExp(`^ {0,3}${fence[0] === "`" ? "`" : "~"}{${fence.length},}[ \\t]*$`);
  const content: string[] = [];
  let i = start + 1;
  for (; i < lines.length; i += 1) {
    const line = dedent(lines[i]!, stripIndent);
    if (close.test(line)) {
      i += 1;
      break;
    }
    content.push(dedent(line, indent));
  }
  return { block: { type: "code", lang, content: content.join("\n") }, next: i };
}

interface ListRead {
  block: ListBlock;
  next: number;
}

function readList(lines: string[], start: number): ListRead {
  const first = LIST_ITEM.exec(lines[start]!)!;
  const ordered = /^\d/.test(first[2]!);
  const items: ListItem[] = [];
  let i = start;
  while (i < lines.length) {
    const m = LIST_ITEM.exec(lines[i]!);
    if (!m) break;
    const markerIndent = m[1]!.length;
    const spacing = m[3] ?? " ";
    const rest = m[4] ?? "";
    // A content indent past 4 spaces means "indented code inside the item"; treat it as one space.
    const contentIndent = markerIndent + m[2]!.length + (spacing.length > 4 || rest === "" ? 1 : spacing.length);
    const body: string[] = [rest];
    i += 1;
    let lastBlank = rest === "";
    while (i < lines.length) {
      const line = lines[i]!;
      if (isBlank(line)) {
        // A blank line continues the item only if indented content follows it.
        let j = i + 1;
        while (j < lines.length && isBlank(lines[j]!)) j += 1;
        if (j < lines.length && indentOf(lines[j]!) >= contentIndent) {
          for (let k = i; k < j; k += 1) body.push("");
          i = j;
          lastBlank = true;
          continue;
        }
        break;
      }
      const indent = indentOf(line);
      if (indent >= contentIndent) {
        const inner = dedent(line, contentIndent);
        if (FENCE_OPEN.test(inner)) {
          // Take the whole fence, whatever the indentation of its content lines.
          const { block, next } = readFence(lines, i, contentIndent);
          const fence = FENCE_OPEN.exec(inner)!;
          body.push(`${fence[2]}${block.lang}`, ...block.content.split("\n"), fence[2]!);
          i = next;
        } else {
          body.push(inner);
          i += 1;
        }
        lastBlank = false;
        continue;
      }
      if (LIST_ITEM.test(line) && indent <= 3) break; // the next sibling item
      // Lazy continuation: an unindented line that carries on the item's paragraph.
      if (!lastBlank && !interruptsParagraph(lines, i) && !DEFINITION.test(line)) {
        body.push(line.trim());
        i += 1;
        continue;
      }
      break;
    }
    while (body.length > 0 && isBlank(body[body.length - 1]!)) body.pop();
    let content = body.join("\n");
    let task: ListItem["task"] = null;
    const t = TASK.exec(content);
    if (t) {
      task = t[1] === " " ? "open" : "done";
      content = content.slice(t[0].length);
    }
    items.push({ task, content, blocks: parseBlocks(content) });
    // Items separated by blank lines still belong to one list.
    let j = i;
    while (j < lines.length && isBlank(lines[j]!)) j += 1;
    if (j < lines.length && LIST_ITEM.test(lines[j]!) && indentOf(lines[j]!) <= 3) {
      const nm = LIST_ITEM.exec(lines[j]!)!;
      if (nm[4] !== undefined || j === i) {
        i = j;
        continue;
      }
    }
    break;
  }
  return { block: { type: "list", ordered, items }, next: i };
}

/** Splits markdown into blocks. Never throws; unknown constructs become paragraphs. */
export function parseBlocks(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let i = 0;
  let start = 0;
  let seen = 0;
  const mark = (): void => {
    // Gives the blocks pushed since the last call the span of the lines just consumed.
    for (; seen < blocks.length; seen += 1) Object.assign(blocks[seen]!, { start, end: i });
  };
  while (i < lines.length) {
    mark();
    const line = lines[i]!;
    if (isBlank(line)) {
      i += 1;
      continue;
    }
    start = i;
    if (FENCE_OPEN.test(line) && !(FENCE_OPEN.exec(line)![2]![0] === "`" && FENCE_OPEN.exec(line)![3]!.includes("`"))) {
      const { block, next } = readFence(lines, i, 0);
      blocks.push(block);
      i = next;
      continue;
    }
    const heading = ATX_HEADING.exec(line);
    if (heading) {
      blocks.push({ type: "heading", level: heading[1]!.length, text: (heading[2] ?? "").trim() });
      i += 1;
      continue;
    }
    if (THEMATIC_BREAK.test(line)) {
      blocks.push({ type: "rule" });
      i += 1;
      continue;
    }
    if (isTableStart(lines, i)) {
      const header = splitTableRow(line);
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && !isBlank(lines[i]!) && lines[i]!.includes("|")) {
        rows.push(splitTableRow(lines[i]!));
        i += 1;
      }
      blocks.push({ type: "table", header, rows });
      continue;
    }
    if (LIST_ITEM.test(line)) {
      const { block, next } = readList(lines, i);
      blocks.push(block);
      i = next;
      continue;
    }
    if (QUOTE.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && !isBlank(lines[i]!) && (QUOTE.test(lines[i]!) || !interruptsParagraph(lines, i))) {
        quoted.push(lines[i]!.trim());
        i += 1;
      }
      blocks.push({ type: "quote", lines: quoted });
      continue;
    }
    if (indentOf(line) >= 4) {
      const code: string[] = [];
      while (i < lines.length && (isBlank(lines[i]!) || indentOf(lines[i]!) >= 4)) {
        code.push(dedent(lines[i]!, 4));
        i += 1;
      }
      while (code.length > 0 && isBlank(code[code.length - 1]!)) code.pop();
      blocks.push({ type: "code", lang: "", content: code.join("\n") });
      continue;
    }
    const para: string[] = [line];
    i += 1;
    let setext: number | null = null;
    while (i < lines.length && !isBlank(lines[i]!)) {
      const next = lines[i]!;
      if (/^ {0,3}=+[ \t]*$/.test(next)) setext = 1;
      else if (/^ {0,3}-+[ \t]*$/.test(next) && !DEFINITION.test(para[0]!)) setext = 2;
      if (setext !== null) {
        i += 1;
        break;
      }
      if (interruptsParagraph(lines, i)) break;
      para.push(next);
      i += 1;
    }
    if (setext !== null) blocks.push({ type: "heading", level: setext, text: para.map((l) => l.trim()).join(" ") });
    else if (para.every((l) => DEFINITION.test(l))) blocks.push({ type: "definition", lines: para });
    else blocks.push({ type: "paragraph", lines: para });
  }
  mark();
  return blocks;
}

/** A paragraph's text on one line: soft line breaks become spaces, hard breaks stay newlines. */
export function paragraphText(lines: string[]): string {
  let out = "";
  lines.forEach((raw, idx) => {
    const hard = /( {2,}|\\)$/.test(raw);
    const text = raw.trim().replace(/\\$/, "");
    out += text;
    if (idx < lines.length - 1) out += hard ? "\n" : " ";
  });
  return out.trim();
}

/**
 * Renders blocks back to compact markdown: paragraphs unwrapped, lists as `- ` lines, code fenced.
 * Used for list items and paragraphs that become one entry of a `lines` field.
 */
export function compactMarkdown(blocks: Block[], indent = ""): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case "paragraph":
        out.push(indent + paragraphText(b.lines));
        break;
      case "heading":
        out.push(indent + b.text);
        break;
      case "quote":
        out.push(...b.lines.map((l) => indent + l));
        break;
      case "code":
        out.push(`${indent}\`\`\`${b.lang}`, ...b.content.split("\n").map((l) => indent + l), `${indent}\`\`\``);
        break;
      case "list":
        b.items.forEach((item, n) => {
          const marker = b.ordered ? `${n + 1}. ` : "- ";
          const box = item.task === null ? "" : item.task === "done" ? "[x] " : "[ ] ";
          const inner = compactMarkdown(item.blocks, " ".repeat(marker.length)).trimStart();
          out.push(`${indent}${marker}${box}${inner}`);
        });
        break;
      case "table":
        out.push(`${indent}| ${b.header.join(" | ")} |`, ...b.rows.map((r) => `${indent}| ${r.join(" | ")} |`));
        break;
      case "definition":
      case "rule":
        break;
    }
  }
  return out.join("\n");
}

/**
 * Inline markdown to plain text, for titles, summaries and headings: links keep their label,
 * images and emphasis markers go, code spans keep their text.
 */
export function plainInline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "")
    .replace(/!\[([^\]]*)\]\[[^\]]*\]/g, "")
    .replace(/\[([^\]]+)\]\((?:[^()\s]|\([^()]*\))*(?:\s+"[^"]*")?\)/g, "$1")
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1")
    .replace(/<((?:https?|mailto|ftp):[^>\s]+)>/g, "$1")
    // Emphasis content may not hold its own marker: keeps these linear on long lines full of "*".
    .replace(/\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*|__(?=\S)([^_\n]+?)(?<=\S)__/g, "$1$2")
    .replace(/(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])/g, "$1")
    .replace(/(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])/g, "$1")
    .replace(/\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*/g, "$1")
    .replace(/~~(?=\S)([^~\n]+?)(?<=\S)~~/g, "$1")
    .replace(/`+([^`]+)`+/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}
