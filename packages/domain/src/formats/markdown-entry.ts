// Markdown <-> entry. Owns the docs-as-code file format: YAML front matter holding every piece of
// metadata and the kind's structured `fields`, then the markdown body. A file we wrote reads back
// field for field; a plain markdown file (no front matter, or someone else's, such as Hugo's) is
// mapped onto the kind's structured fields from its headings, so existing postmortems and runbooks
// import without being rewritten first. Pure: no I/O, runs in the browser too.
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { z } from "zod";
import { ZEntryStatus, ZVisibility, type EntryStatus, type Visibility } from "../entry.js";
import { Invalid } from "../errors.js";
import { KIND_FIELD_SCHEMAS, KINDS, ZEntryKind, type ActionItemInput, type ActionItemStatus, type EntryKind, type KindDescriptor, type SectionShape as Shape } from "../kinds.js";
import { clip } from "./text-limits.js";
import { compactMarkdown, paragraphText, parseBlocks, plainInline, type Block, type ListItem } from "./markdown-blocks.js";

/** An entry as a file holds it: content and metadata, without ids, versions or authorship. */
export interface EntryDocument {
  kind: EntryKind;
  title: string;
  summary: string;
  body: string;
  tags: string[];
  services: string[];
  /** Owner team slug. */
  team: string | null;
  visibility: Visibility;
  status: EntryStatus;
  sourceUrl: string | null;
  externalKey: string | null;
  source?: string;
  fields: Record<string, unknown>;
}

export interface MarkdownToEntryOptions {
  /** Used when the front matter names no kind; required for plain markdown. */
  kind?: EntryKind;
  /** Used when the front matter has no `externalKey` (e.g. the file's path in its repository). */
  externalKey?: string;
  /** Used when the front matter has no `sourceUrl`. */
  sourceUrl?: string;
  /** The file's name or path: the title of last resort, before the first line of text. */
  filename?: string;
  /** Used when the front matter has no `status`; defaults to "published", as REST publishing does. */
  status?: EntryStatus;
}

/** The title and summary limits of ZCreateEntryInput, applied to derived values. */
const TITLE_MAX = 200;
const SUMMARY_MAX = 2_000;

// Scalars a hand-written front matter may spell without quotes (`title: 404`) are read as text.
const scalarText = z.preprocess((v) => (typeof v === "number" || typeof v === "boolean" ? String(v) : v), z.string());
const labelList = z.preprocess(
  (v) =>
    typeof v === "string"
      ? v.split(",").map((s) => s.trim()).filter(Boolean)
      : Array.isArray(v)
        ? v.map((x) => (typeof x === "number" || typeof x === "boolean" ? String(x) : x))
        : v,
  z.array(z.string()),
);

/**
 * What a front matter may hold. Nothing here transforms a value written by `entryToMarkdown`, so a
 * file reads back exactly; unknown keys (Hugo's `weight`, `date`, ...) are ignored.
 */
const ZFrontMatter = z.object({
  kind: ZEntryKind.optional(),
  title: scalarText.optional(),
  summary: scalarText.optional(),
  tags: labelList.optional(),
  services: labelList.optional(),
  team: scalarText.nullable().optional(),
  visibility: ZVisibility.optional(),
  status: ZEntryStatus.optional(),
  sourceUrl: z.string().nullable().optional(),
  externalKey: scalarText.nullable().optional(),
  source: z.string().optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
});

/** The document shape itself, for callers that receive one from outside (CLI, API). */
export const ZEntryDocument = z.object({
  kind: ZEntryKind,
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  services: z.array(z.string()),
  team: z.string().nullable(),
  visibility: ZVisibility,
  status: ZEntryStatus,
  sourceUrl: z.string().nullable(),
  externalKey: z.string().nullable(),
  source: z.string().optional(),
  fields: z.record(z.string(), z.unknown()),
});

// ------------------------------------------------------------------------------------------------
// Writing
// ------------------------------------------------------------------------------------------------

/** The file form of an entry: `---`, YAML metadata and fields, `---`, a blank line, the body. */
export function entryToMarkdown(doc: EntryDocument): string {
  const meta: Record<string, unknown> = {
    kind: doc.kind,
    title: doc.title,
    summary: doc.summary,
    tags: doc.tags,
    services: doc.services,
    team: doc.team,
    visibility: doc.visibility,
    status: doc.status,
    sourceUrl: doc.sourceUrl,
    externalKey: doc.externalKey,
  };
  if (doc.source !== undefined) meta.source = doc.source;
  meta.fields = doc.fields;
  // lineWidth 0: never fold long strings, so files diff line by line and nothing depends on folding.
  const yaml = stringifyYaml(meta, { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
  return `---\n${yaml}---\n\n${doc.body}`;
}

// ------------------------------------------------------------------------------------------------
// Reading
// ------------------------------------------------------------------------------------------------

interface FrontMatterSplit {
  yaml: string;
  body: string;
}

/**
 * Finds a front matter block: a first line `---`, a closing line `---` or `...`. The one blank line
 * `entryToMarkdown` writes after it is not part of the body.
 */
function splitFrontMatter(src: string): FrontMatterSplit | null {
  const firstNl = src.indexOf("\n");
  if (firstNl < 0 || src.slice(0, firstNl).replace(/\r$/, "").trimEnd() !== "---") return null;
  let pos = firstNl + 1;
  while (pos <= src.length) {
    const nl = src.indexOf("\n", pos);
    const end = nl < 0 ? src.length : nl;
    const line = src.slice(pos, end).replace(/\r$/, "").trimEnd();
    if (line === "---" || line === "...") {
      let body = nl < 0 ? "" : src.slice(nl + 1);
      if (body.startsWith("\r\n")) body = body.slice(2);
      else if (body.startsWith("\n")) body = body.slice(1);
      return { yaml: src.slice(firstNl + 1, pos), body };
    }
    if (nl < 0) break;
    pos = nl + 1;
  }
  return null;
}

function zodFieldErrors(error: z.ZodError, prefix: string[] = []): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = [...prefix, ...issue.path.map(String)].join(".") || "(root)";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

function describe(errors: Record<string, string[]>): string {
  return Object.entries(errors)
    .map(([k, v]) => `${k}: ${v.join("; ")}`)
    .join(", ");
}

/**
 * Reads a markdown file into an entry document. With our front matter it is exactly the document
 * that was written. Without it, title, summary and the kind's structured fields come from the
 * markdown itself (see `deriveFields`), and the body is the markdown as given.
 */
export function markdownToEntry(markdown: string, options: MarkdownToEntryOptions = {}): EntryDocument {
  // A byte-order mark is an encoding artefact, not content; left in, it hides the first heading.
  const source = markdown.startsWith("\ufeff") ? markdown.slice(1) : markdown;
  const split = splitFrontMatter(source);
  let meta: z.infer<typeof ZFrontMatter> = {};
  let body = source;
  if (split) {
    let raw: unknown;
    try {
      raw = parseYaml(split.yaml, { prettyErrors: true, maxAliasCount: 100 });
    } catch (err) {
      throw new Invalid(`front matter is not valid YAML: ${(err as Error).message}`, { frontMatter: [(err as Error).message] });
    }
    // `---` lines around plain text are thematic breaks, not front matter.
    if (raw === null || raw === undefined || (typeof raw === "object" && !Array.isArray(raw))) {
      const parsed = ZFrontMatter.safeParse(raw ?? {});
      if (!parsed.success) {
        const errors = zodFieldErrors(parsed.error);
        throw new Invalid(`front matter is invalid: ${describe(errors)}`, errors);
      }
      meta = parsed.data;
      body = split.body;
    }
  }

  const requested = meta.kind ?? options.kind;
  if (!requested) {
    throw new Invalid("the markdown names no kind: add `kind:` to its front matter or choose a kind when importing", {
      kind: [`kind is required (one of ${ZEntryKind.options.join(", ")})`],
    });
  }
  // options.kind may come straight from a command line or a form, so it is checked too.
  const checked = ZEntryKind.safeParse(requested);
  if (!checked.success) {
    throw new Invalid(`unknown kind "${String(requested)}"`, { kind: [`kind must be one of ${ZEntryKind.options.join(", ")}`] });
  }
  const kind = checked.data;

  // Parsed once, and only when something has to be derived from the markdown.
  let parsed: Outline | undefined;
  const structure = (): Outline => (parsed ??= outline(body));
  let fields: Record<string, unknown>;
  if (meta.fields !== undefined) {
    const check = KIND_FIELD_SCHEMAS[kind].safeParse(meta.fields);
    if (!check.success) {
      const errors = zodFieldErrors(check.error, ["fields"]);
      throw new Invalid(`front matter fields do not fit a ${kind}: ${describe(errors)}`, errors);
    }
    // The fields as written, not as parsed, so defaults and trimming cannot change a round trip.
    fields = meta.fields;
  } else {
    fields = fieldsFrom(kind, structure());
  }

  const doc: EntryDocument = {
    kind,
    title: meta.title ?? titleFrom(structure(), body, options.filename),
    summary: meta.summary ?? summaryFrom(structure()),
    body,
    tags: meta.tags ?? [],
    services: meta.services ?? [],
    team: meta.team ?? null,
    visibility: meta.visibility ?? "org",
    status: meta.status ?? options.status ?? "published",
    sourceUrl: meta.sourceUrl !== undefined ? meta.sourceUrl : (options.sourceUrl ?? null),
    externalKey: meta.externalKey !== undefined ? meta.externalKey : (options.externalKey ?? null),
    fields,
  };
  if (meta.source !== undefined) doc.source = meta.source;
  return doc;
}

// ------------------------------------------------------------------------------------------------
// Deriving title, summary and fields from plain markdown
// ------------------------------------------------------------------------------------------------

function titleFrom(o: Outline, body: string, filename: string | undefined): string {
  const h1 = o.blocks[o.titleIndex];
  const fromHeading = h1 && h1.type === "heading" ? plainInline(h1.text) : "";
  if (fromHeading) return clip(fromHeading, TITLE_MAX);
  if (filename) {
    const base = filename.split(/[\\/]/).pop() ?? filename;
    const name = base.replace(/\.(md|markdown|mdx|txt)$/i, "").trim();
    if (name) return clip(name, TITLE_MAX);
  }
  for (const line of body.split(/\r?\n/)) {
    const text = plainInline(line.replace(/^\s*(#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)/, ""));
    if (text && !/^[-=_*`~]+$/.test(text)) return clip(text, TITLE_MAX);
  }
  throw new Invalid("the markdown has no title: add a `# ` heading or a `title:` in front matter", {
    title: ["title is required"],
  });
}

/** Lowercase, no punctuation, no "(…)" asides or numbering: "2. Contributing Factors (findings):" -> "contributing factors". */
function normalizeHeading(text: string): string {
  return plainInline(text)
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, " ")
    .replace(/^\s*(?:\d+(?:\.\d+)*[.)]?|[ivx]+[.)])\s+/, "")
    .replace(/['’`]/g, "")
    .replace(/&/g, " and ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

interface Section {
  heading: string;
  level: number;
  blocks: Block[];
  /** The section's markdown as written, headings below it included. */
  raw: string;
}

function sliceLines(lines: string[], blocks: Block[]): string {
  const first = blocks[0];
  const last = blocks[blocks.length - 1];
  if (!first || !last || first.start === undefined || last.end === undefined) return "";
  return lines.slice(first.start, last.end).join("\n").trim();
}

interface Outline {
  blocks: Block[];
  lines: string[];
  /** Index of the heading the title came from, so it is not read as a section. */
  titleIndex: number;
}

function outline(body: string): Outline {
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  const blocks = parseBlocks(body);
  const titleIndex = blocks.findIndex((b) => b.type === "heading" && b.level === 1);
  return { blocks, lines, titleIndex };
}

/** The section under the heading at `index`: blocks up to the next heading of the same or a higher level. */
function sectionAt(o: Outline, index: number): Section {
  const heading = o.blocks[index]!;
  const level = heading.type === "heading" ? heading.level : 6;
  let end = index + 1;
  while (end < o.blocks.length) {
    const b = o.blocks[end]!;
    if (b.type === "heading" && b.level <= level) break;
    end += 1;
  }
  const blocks = o.blocks.slice(index + 1, end);
  return { heading: heading.type === "heading" ? heading.text : "", level, blocks, raw: sliceLines(o.lines, blocks) };
}

const SUMMARY_HEADINGS = ["summary", "tl dr", "tldr", "executive summary", "overview", "abstract"];

function matches(norm: string, aliases: readonly string[]): boolean {
  return aliases.some((a) => norm === a || norm.startsWith(`${a} `));
}

function summaryFrom(o: Outline): string {
  for (let i = 0; i < o.blocks.length; i += 1) {
    const b = o.blocks[i]!;
    if (b.type !== "heading" || i === o.titleIndex || !matches(normalizeHeading(b.text), SUMMARY_HEADINGS)) continue;
    const section = sectionAt(o, i);
    const para = section.blocks.find((x) => x.type === "paragraph");
    if (para && para.type === "paragraph") return clip(plainInline(paragraphText(para.lines)), SUMMARY_MAX);
    const text = plainInline(compactMarkdown(section.blocks));
    if (text) return clip(text, SUMMARY_MAX);
  }
  const para = o.blocks.find((b) => b.type === "paragraph");
  return para && para.type === "paragraph" ? clip(plainInline(paragraphText(para.lines)), SUMMARY_MAX) : "";
}

// Schema limits (kinds.ts), so derived fields always validate.
const TEXT_MAX = 20_000;
const LINE_MAX = 5_000;
const LINES_MAX = 500;
const STEP_MAX = 5_000;
const STEPS_MAX = 500;
const TIMELINE_MAX = 1_000;
const AT_MAX = 64;
const ACTIONS_MAX = 500;
const ACTION_TITLE_MAX = 500;
const OWNER_MAX = 120;

interface Step {
  text: string;
  command?: string;
  expected?: string;
}

/** Top-level list items of a section, subsections included. */
function listItems(blocks: Block[]): ListItem[] {
  return blocks.flatMap((b) => (b.type === "list" ? b.items : []));
}

function toLines(blocks: Block[]): string[] {
  const items = listItems(blocks);
  let out: string[];
  if (items.length > 0) out = items.map((item) => compactMarkdown(item.blocks).trim());
  else {
    out = blocks.flatMap((b) => {
      if (b.type === "paragraph") return [paragraphText(b.lines)];
      if (b.type === "quote") return [b.lines.join("\n")];
      if (b.type === "table") return b.rows.map((r) => r.filter(Boolean).join(" — "));
      return [];
    });
  }
  return out.filter((s) => s.trim() !== "").slice(0, LINES_MAX).map((s) => clip(s, LINE_MAX));
}

const EXPECTED = /^(?:expected(?: output| result)?|expect|you should see|output|result)\b[:\s]/i;

/** Steps from a section: each list item or paragraph is a step; a code block joins the step before it. */
function toSteps(blocks: Block[]): Step[] {
  const steps: Step[] = [];
  let heading: string | null = null;
  // The step a following code block or "Expected …" paragraph belongs to; a heading breaks the link.
  let open: Step | null = null;
  const add = (text: string, command?: string): Step | null => {
    const t = heading ? (text.trim() ? `${heading}: ${text}` : heading) : text;
    heading = null;
    if (!t.trim()) return null;
    const step: Step = { text: t.trim() };
    if (command) step.command = command;
    steps.push(step);
    return step;
  };
  for (const b of blocks) {
    switch (b.type) {
      case "heading":
        heading = heading ? `${heading} / ${plainInline(b.text)}` : plainInline(b.text);
        open = null;
        break;
      case "paragraph": {
        const text = paragraphText(b.lines);
        if (open && open.command && !open.expected && EXPECTED.test(text)) {
          open.expected = text;
          break;
        }
        open = add(text);
        break;
      }
      case "quote":
        open = add(b.lines.join("\n"));
        break;
      case "list":
        for (const item of b.items) {
          const code = item.blocks.filter((x) => x.type === "code").map((x) => (x.type === "code" ? x.content : ""));
          const text = compactMarkdown(item.blocks.filter((x) => x.type !== "code")).trim();
          const command = code.join("\n\n").trim() || undefined;
          open = add(text || (command ? "Run:" : ""), command);
        }
        break;
      case "code": {
        const content = b.content.replace(/\s+$/, "");
        if (!content.trim()) break;
        if (open) open.command = open.command ? `${open.command}\n\n${content}` : content;
        else open = add(heading ? "" : "Run:", content);
        break;
      }
      case "table":
        for (const row of b.rows) open = add(row.filter(Boolean).join(" — "));
        break;
      default:
        break;
    }
  }
  return steps.slice(0, STEPS_MAX).map((s) => {
    const step: Step = { text: clip(s.text, STEP_MAX) };
    if (s.command !== undefined) step.command = clip(s.command, STEP_MAX);
    if (s.expected !== undefined) step.expected = clip(s.expected, STEP_MAX);
    return step;
  });
}

/** Fix resolution steps are plain lines: a step's command travels with it as a fenced block. */
function toStepLines(blocks: Block[]): string[] {
  return toSteps(blocks)
    .map((s) => {
      let line = s.text;
      if (s.command) line += `\n\`\`\`\n${s.command}\n\`\`\``;
      if (s.expected) line += `\n${s.expected}`;
      return clip(line, LINE_MAX);
    })
    .slice(0, LINES_MAX);
}

const MONTH = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?";
const DATE = `(?:\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}[/.]\\d{1,2}(?:[/.]\\d{2,4})?|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}(?:\\s+\\d{4})?|${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?)`;
const TIME = "(?:[01]?\\d|2[0-3])[:h.][0-5]\\d(?::[0-5]\\d(?:\\.\\d+)?)?(?:\\s?[ap]\\.?m\\.?)?";
const ZONE =
  "(?:\\s?(?:Z|UTC|GMT|CET|CEST|EET|EEST|WET|WEST|BST|IST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|AEST|AEDT|JST|SGT)\\b|\\s?[+-]\\d{2}:?\\d{2})?";
const WHEN = `(?:${DATE}(?:[t\\s,]+${TIME}(?:\\s?[-–]\\s?${TIME})?)?|${TIME}(?:\\s?[-–]\\s?${TIME})?)${ZONE}`;
/** "09:12 - text", "**2019-11-29 10:00** text", "- 10:00 UTC: text", "[10:00] text". */
const TIMED_LINE = new RegExp(
  `^\\s*(?:[-*+]\\s+|\\d+[.)]\\s+)?(\\*\\*|__|\`|\\*|_)?\\[?(${WHEN})\\]?\\1?\\s*(?:[-–—:|]+\\s*|\\s+)(\\S.*)$`,
  "i",
);

function timedLine(line: string): { at: string; text: string } | null {
  const m = TIMED_LINE.exec(line);
  if (!m) return null;
  return { at: m[2]!.trim(), text: m[3]!.trim() };
}

function toTimeline(blocks: Block[]): { at: string; text: string }[] {
  const events: { at: string; text: string }[] = [];
  const visit = (bs: Block[]): void => {
    for (const b of bs) {
      if (b.type === "table") {
        let timeCol = b.header.findIndex((h) => /\b(time|date|when|at|timestamp)\b/i.test(h));
        if (timeCol < 0) timeCol = 0;
        for (const row of b.rows) {
          const at = plainInline(row[timeCol] ?? "");
          const text = row.filter((_, i) => i !== timeCol).filter(Boolean).join(" | ").trim();
          if (!text && !at) continue;
          if (/^[-:\s]+$/.test(at + text)) continue;
          events.push({ at, text });
        }
      } else if (b.type === "list") {
        for (const item of b.items) {
          const text = compactMarkdown(item.blocks).trim();
          const event = timedLine(text.split("\n")[0] ?? "");
          if (event) {
            const rest = text.split("\n").slice(1).join("\n");
            events.push({ at: event.at, text: rest ? `${event.text}\n${rest}` : event.text });
          }
        }
      } else if (b.type === "paragraph" || b.type === "code") {
        const lines = b.type === "paragraph" ? b.lines : b.content.split("\n");
        let last: { at: string; text: string } | null = null;
        for (const line of lines) {
          const event = timedLine(line);
          if (event) {
            last = event;
            events.push(event);
          } else if (last && line.trim()) {
            // A wrapped line carries on the event above it.
            last.text = `${last.text} ${line.trim()}`;
          }
        }
      }
    }
  };
  visit(blocks);
  return events
    .filter((e) => e.text || e.at)
    .slice(0, TIMELINE_MAX)
    .map((e) => ({ at: clip(e.at, AT_MAX), text: clip(e.text, LINE_MAX) }));
}

const STATUS_WORDS: [RegExp, ActionItemStatus][] = [
  [/^(?:done|completed?|fixed|resolved|closed)$/i, "done"],
  [/^(?:in[ -]progress|wip|ongoing|started)$/i, "in_progress"],
  [/^(?:open|todo|to do|not started|pending)$/i, "open"],
  [/^(?:won'?t do|wont[ -]?fix|won'?t fix|cancell?ed|dropped)$/i, "wont_do"],
];

function statusOf(word: string): ActionItemStatus | undefined {
  const w = word.trim();
  return STATUS_WORDS.find(([re]) => re.test(w))?.[1];
}

const ISO_DATE = z.iso.date();

function actionItem(rawTitle: string, extra: Partial<ActionItemInput> = {}): ActionItemInput | null {
  let title = rawTitle;
  const item: Partial<ActionItemInput> = {};
  const owner = /\b(?:owner|assignee|assigned to|responsible)\s*[:=]\s*(@?[^,;()[\]]+?)\s*(?=[,;)\]]|\s+due\b|$)/i.exec(title);
  if (owner) {
    item.owner = clip(owner[1]!.trim(), OWNER_MAX);
    title = title.replace(owner[0], "");
  }
  const due = /\b(?:due(?:\s+date)?|deadline|by)\s*[:=]?\s*(\d{4}-\d{2}-\d{2})\b/i.exec(title);
  if (due && ISO_DATE.safeParse(due[1]).success) {
    item.dueDate = due[1]!;
    title = title.replace(due[0], "");
  }
  const status = /[([]\s*([a-z' -]{2,20}?)\s*[)\]]\s*$/i.exec(title);
  if (status && statusOf(status[1]!)) {
    item.status = statusOf(status[1]!)!;
    title = title.slice(0, status.index);
  }
  title = title
    .replace(/\(\s*[,;]?\s*\)|\[\s*[,;]?\s*\]/g, "")
    .replace(/[\s,;—–-]+$/, "")
    .replace(/\s+/g, " ")
    .trim();
  if (!title) return null;
  const out: ActionItemInput = { title: clip(title, ACTION_TITLE_MAX) };
  const owner2 = extra.owner ?? item.owner;
  if (owner2) out.owner = clip(owner2, OWNER_MAX);
  if (extra.team) out.team = clip(extra.team, OWNER_MAX);
  const dueDate = extra.dueDate ?? item.dueDate;
  if (dueDate) out.dueDate = dueDate;
  const st = extra.status ?? item.status;
  if (st) out.status = st;
  return out;
}

function toActions(blocks: Block[]): ActionItemInput[] {
  const out: ActionItemInput[] = [];
  for (const b of blocks) {
    if (b.type === "list") {
      for (const item of b.items) {
        const text = plainInline(compactMarkdown(item.blocks));
        const extra: Partial<ActionItemInput> = {};
        if (item.task) extra.status = item.task;
        const a = actionItem(text, extra);
        if (a) out.push(a);
      }
    } else if (b.type === "table") {
      const col = (re: RegExp): number => b.header.findIndex((h) => re.test(plainInline(h)));
      const ownerCol = col(/\b(owner|assignee|who|responsible|assigned)\b/i);
      const teamCol = col(/^team$/i);
      const dueCol = col(/\b(due|deadline|eta|target|when)\b/i);
      const statusCol = col(/\b(status|state|progress|done)\b/i);
      const taken = new Set([ownerCol, teamCol, dueCol, statusCol]);
      let titleCol = col(/\b(action|item|task|title|description|what|summary|follow)\b/i);
      if (titleCol < 0 || taken.has(titleCol)) titleCol = b.header.findIndex((_, i) => !taken.has(i));
      for (const row of b.rows) {
        const cell = (i: number): string => (i >= 0 ? plainInline(row[i] ?? "") : "");
        const extra: Partial<ActionItemInput> = {};
        if (cell(ownerCol)) extra.owner = cell(ownerCol);
        if (cell(teamCol)) extra.team = cell(teamCol);
        const due = cell(dueCol).match(/\d{4}-\d{2}-\d{2}/)?.[0];
        if (due && ISO_DATE.safeParse(due).success) extra.dueDate = due;
        const st = statusOf(cell(statusCol).replace(/✅|✔️?|☑️?/gu, "done"));
        if (st) extra.status = st;
        const a = actionItem(cell(titleCol), extra);
        if (a) out.push(a);
      }
    }
  }
  return out.slice(0, ACTIONS_MAX);
}

function toErrors(blocks: Block[]): string[] {
  const code: string[] = [];
  const visit = (bs: Block[]): void => {
    for (const b of bs) {
      if (b.type === "code" && b.content.trim()) code.push(b.content.trim());
      if (b.type === "list") for (const item of b.items) visit(item.blocks);
    }
  };
  visit(blocks);
  if (code.length > 0) return code.slice(0, LINES_MAX).map((s) => clip(s, LINE_MAX));
  return toLines(blocks).map((s) => s.replace(/^`+|`+$/g, ""));
}

function extract(shape: Shape, section: Section): unknown {
  switch (shape) {
    case "text":
      return section.raw ? clip(section.raw, TEXT_MAX) : undefined;
    case "lines":
      return toLines(section.blocks);
    case "steps":
      return toSteps(section.blocks);
    case "stepLines":
      return toStepLines(section.blocks);
    case "timeline":
      return toTimeline(section.blocks);
    case "actions":
      return toActions(section.blocks);
    case "errors":
      return toErrors(section.blocks);
  }
}

const ARRAY_LIMITS: Partial<Record<Shape, number>> = {
  lines: LINES_MAX,
  steps: STEPS_MAX,
  stepLines: LINES_MAX,
  timeline: TIMELINE_MAX,
  actions: ACTIONS_MAX,
  errors: LINES_MAX,
};

const SEVERITY = /\bseverity\b[*_:\s|-]{0,6}(sev\s?-?\s?([1-4])\b|near[\s-]?miss)/i;

/**
 * The kind's structured fields from plain markdown: each recognised heading (case-insensitive,
 * tolerant of numbering, punctuation and "(…)" asides) fills its field; sections that map to the
 * same field are merged. Values are cut to the schema's limits, and the result always validates.
 */
export function deriveFields(kind: EntryKind, markdown: string): Record<string, unknown> {
  return fieldsFrom(kind, outline(markdown));
}

function fieldsFrom(kind: EntryKind, o: Outline): Record<string, unknown> {
  const { sections: rules, fallbacks }: KindDescriptor["markdown"] = KINDS[kind].markdown;
  const fields: Record<string, unknown> = {};
  const shapes: Record<string, Shape> = {};
  let claimedUntil = -1;
  let claimedLevel = 7;
  for (let i = 0; i < o.blocks.length; i += 1) {
    const b = o.blocks[i]!;
    if (b.type !== "heading" || i === o.titleIndex) continue;
    // Headings inside a section already taken belong to it.
    if (i < claimedUntil && b.level > claimedLevel) continue;
    const norm = normalizeHeading(b.text);
    const rule = rules.find((r) => matches(norm, r.aliases));
    if (!rule) continue;
    const section = sectionAt(o, i);
    claimedUntil = i + 1 + section.blocks.length;
    claimedLevel = b.level;
    const value = extract(rule.shape, section);
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    const prev = fields[rule.field];
    shapes[rule.field] = rule.shape;
    if (prev === undefined) fields[rule.field] = value;
    else if (typeof prev === "string" && typeof value === "string") fields[rule.field] = clip(`${prev}\n\n${value}`, TEXT_MAX);
    else if (Array.isArray(prev) && Array.isArray(value)) fields[rule.field] = [...prev, ...value].slice(0, ARRAY_LIMITS[rule.shape] ?? 500);
  }
  if (fallbacks.includes("errorsFromSymptomCode") && fields.errorSignatures === undefined) {
    // Without an "Errors" section, code blocks under "Symptoms" are the error output people paste.
    for (let i = 0; i < o.blocks.length; i += 1) {
      const b = o.blocks[i]!;
      if (b.type !== "heading" || !matches(normalizeHeading(b.text), ["symptoms", "symptom"])) continue;
      const code = sectionAt(o, i).blocks.filter((x) => x.type === "code" && x.content.trim());
      if (code.length > 0) fields.errorSignatures = toErrors(code);
    }
  }
  if (fallbacks.includes("bodyAsSteps") && !fields.diagnosis && !fields.mitigation && !fields.steps) {
    // A runbook written as one procedure without the usual headings: its blocks are the steps.
    const steps = toSteps(o.blocks.filter((_, i) => i !== o.titleIndex));
    if (steps.length > 0 && Object.keys(fields).length === 0) fields.steps = steps;
  }
  if (fallbacks.includes("severityFromText")) {
    const withoutCode = o.blocks.filter((b) => b.type !== "code");
    const sev = SEVERITY.exec(compactMarkdown(withoutCode));
    if (sev) fields.severity = sev[2] ? `SEV${sev[2]}` : "near-miss";
  }
  // The schema is the final word: anything the mapping got wrong fails here, not in the caller.
  return KIND_FIELD_SCHEMAS[kind].parse(fields) as Record<string, unknown>;
}
