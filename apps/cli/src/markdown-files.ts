// Docs-as-code on disk: finding the markdown files of a folder, turning each into the entry that
// POST /api/v1/entries takes (with the domain's markdown <-> entry format and schemas, so a file is
// judged here exactly as the server will judge it), and pointing problems at a line of the file.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { Invalid, markdownToEntry, ZCreateEntryInput, type EntryKind } from "@hindsight/domain";
import type { EntryPayload } from "./client.js";

const MARKDOWN = /\.(md|markdown)$/i;
// Tooling folders are never documentation.
const SKIP_DIRS = new Set(["node_modules"]);

/** Markdown files under `root`, as sorted paths relative to it with `/` separators. Hidden folders are skipped. */
export async function walkMarkdown(root: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(root, rel), { withFileTypes: true });
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) await visit(child);
      } else if (e.isFile() && MARKDOWN.test(e.name)) {
        out.push(child);
      }
    }
  };
  await visit("");
  return out.sort();
}

export interface PublishDefaults {
  /** For files whose front matter names no kind. */
  kind?: EntryKind;
  /** Owner team slug for files whose front matter names none. */
  team?: string;
  /** The externalKey namespace (front matter `source:` wins). */
  source: string;
  /** Base URL of the folder in its repository: each entry's sourceUrl becomes base + path. */
  linkBase?: string;
}

export interface FileProblem {
  path: string;
  line: number;
  message: string;
}

export type ParsedFile =
  | {
      ok: true;
      path: string;
      payload: EntryPayload & { externalKey: string; source: string };
      /** The front matter said `externalKey: null` (an export of an entry without one), so the path is the key. */
      keyedByPath: boolean;
    }
  | { ok: false; problem: FileProblem };

/**
 * One file as an entry. The path relative to the published folder is the externalKey unless the front
 * matter sets one, so re-publishing updates instead of duplicating. Validated with the same schema
 * the server applies (except the team, which only the server can resolve).
 */
export function parseMarkdownFile(rel: string, text: string, defaults: PublishDefaults): ParsedFile {
  const fail = (line: number, message: string): ParsedFile => ({ ok: false, problem: { path: rel, line, message } });
  let doc;
  try {
    doc = markdownToEntry(text, {
      kind: defaults.kind,
      externalKey: rel,
      filename: rel,
      sourceUrl: defaults.linkBase ? `${defaults.linkBase}${rel.split("/").map(encodeURIComponent).join("/")}` : undefined,
    });
  } catch (err) {
    if (!(err instanceof Invalid)) throw err;
    const yamlLine = /at line (\d+)/.exec(err.message);
    if (yamlLine && err.fieldErrors.frontMatter) {
      // The YAML library draws the line under its message; a path:line report needs one line.
      const first = (err.message.split("\n")[0] ?? err.message).replace(/ at line \d+, column (\d+):?$/, " (column $1)");
      return fail(Number(yamlLine[1]) + 1, first);
    }
    const first = Object.keys(err.fieldErrors)[0];
    const message = /names no kind/.test(err.message)
      ? "the markdown names no kind: add `kind:` to its front matter, or pass --kind for files without one"
      : err.message;
    return fail(first ? locateField(text, first) : 1, message);
  }
  const team = doc.team ?? defaults.team;
  const payload = {
    kind: doc.kind,
    title: doc.title,
    summary: doc.summary,
    body: doc.body,
    tags: doc.tags,
    services: doc.services,
    visibility: doc.visibility,
    status: doc.status,
    sourceUrl: doc.sourceUrl,
    // A file exported from an entry that had no key gets its path, like any other file.
    externalKey: doc.externalKey ?? rel,
    source: doc.source ?? defaults.source,
    fields: doc.fields,
    ...(team ? { team } : {}),
  };
  const { team: _team, ...rest } = payload;
  const checked = ZCreateEntryInput.safeParse({ ...rest, teamId: null });
  if (!checked.success) {
    const issues = checked.error.issues;
    const message = issues.map((i) => `${i.path.join(".") || "entry"}: ${i.message}`).join("; ");
    return fail(locateField(text, issues[0]?.path.join(".") ?? ""), message);
  }
  return { ok: true, path: rel, payload, keyedByPath: doc.externalKey === null };
}

/**
 * The line (1-based) where a field such as `tags.1` or `fields.timeline.0.at` is written in the front
 * matter; the title heading for a title taken from the body; line 1 when it cannot be pointed at.
 */
export function locateField(text: string, field: string): number {
  const lines = text.replace(/^\ufeff/, "").split(/\r?\n/);
  const segments = field.split(".").filter(Boolean);
  let end = -1;
  if (lines[0]?.trimEnd() === "---") {
    end = lines.findIndex((l, i) => i > 0 && (l.trimEnd() === "---" || l.trimEnd() === "..."));
  }
  if (end > 0 && segments.length > 0) {
    const found = locateIn(lines, 1, end, segments);
    if (found >= 0) return found + 1;
  }
  if (segments[0] === "title") {
    const heading = lines.findIndex((l, i) => i > end && /^#\s/.test(l));
    if (heading >= 0) return heading + 1;
  }
  return 1;
}

const indentOf = (line: string) => line.length - line.trimStart().length;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Follows `segments` through a YAML block between line indexes [from, to); -1 when the first is missing. */
function locateIn(lines: string[], from: number, to: number, segments: string[]): number {
  let found = -1;
  let start = from;
  let stop = to;
  let indent = -1;
  for (const seg of segments) {
    let hit = -1;
    if (/^\d+$/.test(seg)) {
      let n = Number(seg);
      let itemIndent = -1;
      for (let i = start + (found >= 0 ? 1 : 0); i < stop; i += 1) {
        const line = lines[i]!;
        if (!/^\s*-(\s|$)/.test(line) || indentOf(line) < indent) continue;
        if (itemIndent < 0) itemIndent = indentOf(line);
        if (indentOf(line) !== itemIndent) continue;
        if (n === 0) {
          hit = i;
          break;
        }
        n -= 1;
      }
    } else {
      const re = new RegExp(`^(\\s*)(-\\s+)?["']?${escapeRe(seg)}["']?\\s*:`);
      for (let i = start + (found >= 0 ? 1 : 0); i < stop; i += 1) {
        const m = re.exec(lines[i]!);
        if (m && (found < 0 ? indentOf(lines[i]!) === 0 : indentOf(lines[i]!) > indent || Boolean(m[2]))) {
          hit = i;
          break;
        }
      }
    }
    if (hit < 0) return found;
    found = hit;
    indent = indentOf(lines[hit]!);
    start = hit;
    // The block of this key or item ends at the next line indented no deeper.
    stop = to;
    for (let i = hit + 1; i < to; i += 1) {
      const line = lines[i]!;
      if (line.trim() && indentOf(line) <= indent && !(indentOf(line) === indent && /^\s*-/.test(line) && !/^\s*-/.test(lines[hit]!))) {
        stop = i;
        break;
      }
    }
  }
  return found;
}
