// Slack export -> transcripts. Owns reading the standard Slack export layout (users.json,
// channels.json, <channel>/<YYYY-MM-DD>.json) into one transcript per channel per day, with
// names resolved, Slack's mrkdwn tokens turned into markdown and system noise (joins, topic
// changes) left out and counted. The caller unzips; this module only sees file texts. Pure.
import type { TranscriptMessage } from "../kinds.js";
import { clip } from "./text-limits.js";

export interface SlackTranscript {
  /** The channel's name (the export's folder name). */
  channel: string;
  /** The day file's date, YYYY-MM-DD. */
  date: string;
  title: string;
  messages: TranscriptMessage[];
}

export interface SlackImport {
  transcripts: SlackTranscript[];
  /** Users listed in users.json. */
  users: number;
  /** What was left out and why, e.g. `{ reason: "channel_join", count: 3 }`. */
  skipped: { reason: string; count: number }[];
}

/** Schema limits (kinds.ts ZTranscriptMessage / ZTranscriptFields). */
const TEXT_MAX = 40_000;
const USER_MAX = 200;
const FILES_MAX = 100;
const FILE_NAME_MAX = 500;
const URL_MAX = 2_000;
const MESSAGES_MAX = 20_000;

/** Membership and channel-settings notices: not part of the conversation. */
const SYSTEM_SUBTYPES = new Set([
  "channel_join",
  "channel_leave",
  "channel_purpose",
  "channel_topic",
  "channel_name",
  "channel_archive",
  "channel_unarchive",
  "channel_convert_to_private",
  "channel_convert_to_public",
  "group_join",
  "group_leave",
  "group_purpose",
  "group_topic",
  "group_name",
  "group_archive",
  "group_unarchive",
  "bot_add",
  "bot_remove",
  "pinned_item",
  "unpinned_item",
  "sh_room_created",
]);

const DAY_FILE = /(?:^|\/)([^/]+)\/(\d{4}-\d{2}-\d{2})\.json$/;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** Who is who and which channel is which, for resolving ids in text. */
export interface SlackDirectory {
  users: Map<string, string>;
  channels: Map<string, string>;
}

function userName(u: Json): string | undefined {
  const profile = isObject(u.profile) ? u.profile : {};
  return str(profile.real_name) ?? str(u.real_name) ?? str(profile.display_name) ?? str(u.name);
}

/** Builds the directory from users.json-shaped and channels.json-shaped arrays. */
export function slackDirectory(users: unknown[], channels: unknown[] = []): SlackDirectory {
  const dir: SlackDirectory = { users: new Map(), channels: new Map() };
  for (const u of users) {
    if (!isObject(u) || !str(u.id)) continue;
    const name = userName(u);
    if (name) dir.users.set(u.id as string, name);
  }
  for (const c of channels) {
    if (isObject(c) && str(c.id) && str(c.name)) dir.channels.set(c.id as string, c.name as string);
  }
  return dir;
}

const unescapeSlack = (s: string): string => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/**
 * Slack's message text to markdown: `<@U1>` -> `@Name`, `<#C1|general>` -> `#general`,
 * `<https://x|label>` -> `[label](https://x)`, `<!here>` -> `@here`, entities unescaped.
 */
export function renderSlackText(text: string, dir: SlackDirectory): string {
  const out = text.replace(/<([^<>]*)>/g, (_all, inner: string) => {
    const bar = inner.indexOf("|");
    const target = bar < 0 ? inner : inner.slice(0, bar);
    const label = bar < 0 ? undefined : inner.slice(bar + 1);
    if (target.startsWith("@")) {
      const id = target.slice(1);
      return `@${dir.users.get(id) ?? label ?? id}`;
    }
    if (target.startsWith("#")) {
      const id = target.slice(1);
      return `#${label || dir.channels.get(id) || id}`;
    }
    if (target.startsWith("!")) {
      const cmd = target.slice(1);
      if (cmd.startsWith("subteam^")) return label ?? `@${cmd.slice("subteam^".length)}`;
      if (cmd.startsWith("date^")) return label ?? "";
      if (["here", "channel", "everyone"].includes(cmd)) return `@${cmd}`;
      return label ?? `@${cmd}`;
    }
    if (label === undefined || label === target || `mailto:${label}` === target || target.endsWith(`//${label}`)) {
      return target.replace(/^mailto:/, "");
    }
    return `[${label}](${target})`;
  });
  return unescapeSlack(out);
}

function wrapStyle(text: string, style: unknown): string {
  if (!isObject(style) || text.trim() === "") return text;
  // Markers go around the words, not the surrounding spaces, or markdown would not see them.
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  let core = m[2]!;
  if (style.code) core = `\`${core}\``;
  if (style.bold) core = `**${core}**`;
  if (style.italic) core = `_${core}_`;
  if (style.strike) core = `~~${core}~~`;
  return `${m[1]}${core}${m[3]}`;
}

function renderInline(elements: unknown, dir: SlackDirectory): string {
  if (!Array.isArray(elements)) return "";
  return elements
    .map((el) => {
      if (!isObject(el)) return "";
      switch (el.type) {
        case "text":
          return wrapStyle(String(el.text ?? ""), el.style);
        case "link": {
          const url = String(el.url ?? "");
          const label = str(el.text);
          return wrapStyle(label && label !== url ? `[${label}](${url})` : url, el.style);
        }
        case "user": {
          const id = String(el.user_id ?? "");
          return wrapStyle(`@${dir.users.get(id) ?? id}`, el.style);
        }
        case "channel": {
          const id = String(el.channel_id ?? "");
          return wrapStyle(`#${dir.channels.get(id) ?? id}`, el.style);
        }
        case "usergroup":
          return `@${String(el.usergroup_id ?? "")}`;
        case "broadcast":
          return `@${String(el.range ?? "here")}`;
        case "emoji": {
          const unicode = str(el.unicode);
          if (unicode) {
            try {
              return String.fromCodePoint(...unicode.split("-").map((h) => parseInt(h, 16)));
            } catch {
              // fall through to the shortcode
            }
          }
          return `:${String(el.name ?? "")}:`;
        }
        case "date":
          return String(el.fallback ?? "");
        case "color":
          return String(el.value ?? "");
        default:
          return "";
      }
    })
    .join("");
}

function renderRichText(elements: unknown, dir: SlackDirectory): string {
  if (!Array.isArray(elements)) return "";
  const parts: string[] = [];
  for (const el of elements) {
    if (!isObject(el)) continue;
    switch (el.type) {
      case "rich_text_section":
        parts.push(renderInline(el.elements, dir));
        break;
      case "rich_text_preformatted":
        parts.push(`\`\`\`\n${renderInline(el.elements, dir).replace(/\n$/, "")}\n\`\`\``);
        break;
      case "rich_text_quote":
        parts.push(
          renderInline(el.elements, dir)
            .replace(/\n$/, "")
            .split("\n")
            .map((l) => `> ${l}`)
            .join("\n"),
        );
        break;
      case "rich_text_list": {
        const indent = "  ".repeat(typeof el.indent === "number" ? el.indent : 0);
        const offset = typeof el.offset === "number" ? el.offset : 0;
        const items = Array.isArray(el.elements) ? el.elements : [];
        parts.push(
          items
            .map((item, i) => {
              const marker = el.style === "ordered" ? `${offset + i + 1}. ` : "- ";
              return `${indent}${marker}${isObject(item) ? renderInline(item.elements, dir) : ""}`;
            })
            .join("\n"),
        );
        break;
      }
      default:
        break;
    }
  }
  return parts
    .map((p) => p.replace(/\n$/, ""))
    .filter((p) => p.trim() !== "")
    .join("\n");
}

/** The text of Slack's `blocks`, for messages whose `text` is empty. */
export function renderSlackBlocks(blocks: unknown, dir: SlackDirectory): string {
  if (!Array.isArray(blocks)) return "";
  const parts: string[] = [];
  for (const b of blocks) {
    if (!isObject(b)) continue;
    if (b.type === "rich_text") parts.push(renderRichText(b.elements, dir));
    else if (b.type === "section" || b.type === "header") {
      if (isObject(b.text)) parts.push(renderSlackText(String(b.text.text ?? ""), dir));
      if (Array.isArray(b.fields)) {
        for (const f of b.fields) if (isObject(f)) parts.push(renderSlackText(String(f.text ?? ""), dir));
      }
    } else if (b.type === "context" && Array.isArray(b.elements)) {
      parts.push(
        b.elements
          .map((e) => (isObject(e) && typeof e.text === "string" ? renderSlackText(e.text, dir) : ""))
          .filter(Boolean)
          .join(" "),
      );
    }
  }
  return parts.filter((p) => p.trim() !== "").join("\n");
}

function renderAttachments(attachments: unknown, dir: SlackDirectory): string {
  if (!Array.isArray(attachments)) return "";
  return attachments
    .map((a) => {
      if (!isObject(a)) return "";
      const lines = [a.pretext, a.title, a.text]
        .filter((x): x is string => typeof x === "string" && x.trim() !== "")
        .map((x) => renderSlackText(x, dir));
      if (lines.length === 0 && typeof a.fallback === "string") lines.push(renderSlackText(a.fallback, dir));
      return lines.join("\n");
    })
    .filter(Boolean)
    .join("\n");
}

/** A file's link without the access token Slack puts in private URLs. */
function fileUrl(f: Json): string | undefined {
  const raw = str(f.permalink) ?? str(f.url_private) ?? str(f.permalink_public);
  if (!raw || !/^https?:\/\//i.test(raw)) return undefined;
  let url: string;
  try {
    const u = new URL(raw);
    for (const p of ["t", "token"]) u.searchParams.delete(p);
    url = u.toString();
  } catch {
    return undefined;
  }
  return url.length <= URL_MAX ? url : undefined;
}

function files(msg: Json): TranscriptMessage["files"] {
  const list = Array.isArray(msg.files) ? msg.files : isObject(msg.file) ? [msg.file] : [];
  const out = list.filter(isObject).map((f) => {
    const name = str(f.name);
    const title = str(f.title);
    const file: { name: string; url?: string } = {
      name: clip((name && name !== "Untitled" ? name : (title ?? name)) ?? str(f.id) ?? "file", FILE_NAME_MAX),
    };
    const url = fileUrl(f);
    if (url) file.url = url;
    return file;
  });
  return out.length > 0 ? out.slice(0, FILES_MAX) : undefined;
}

/** Slack's ts ("1516454537.000093", seconds.microseconds) as ISO 8601. */
export function slackTsToIso(ts: string): string | undefined {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(ts);
  if (!m) return undefined;
  const ms = Number(m[1]) * 1000 + Math.floor(Number((m[2] ?? "0").padEnd(6, "0").slice(0, 6)) / 1000);
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export type SlackMessageResult = { message: TranscriptMessage } | { skipped: string };

/** One message of an export to a transcript message, or the reason it is left out. */
export function slackMessage(raw: unknown, dir: SlackDirectory): SlackMessageResult {
  if (!isObject(raw)) return { skipped: "not a message object" };
  const ts = typeof raw.ts === "number" ? String(raw.ts) : str(raw.ts);
  if (!ts) return { skipped: "message without ts" };
  if (raw.type !== undefined && raw.type !== "message") return { skipped: `type ${String(raw.type)}` };
  const subtype = str(raw.subtype);
  if (subtype && SYSTEM_SUBTYPES.has(subtype)) return { skipped: subtype };

  const id = str(raw.user);
  const profile = isObject(raw.user_profile) ? raw.user_profile : undefined;
  const bot = isObject(raw.bot_profile) ? raw.bot_profile : undefined;
  const user =
    (id ? dir.users.get(id) : undefined) ??
    (profile ? userName(profile) : undefined) ??
    str(raw.username) ??
    (bot ? str(bot.name) : undefined) ??
    id ??
    str(raw.bot_id) ??
    "unknown";

  let text = typeof raw.text === "string" && raw.text.trim() !== "" ? renderSlackText(raw.text, dir) : "";
  if (!text) text = renderSlackBlocks(raw.blocks, dir);
  if (!text) text = renderAttachments(raw.attachments, dir);

  const message: TranscriptMessage = { ts: clip(ts, 64), user: clip(user, USER_MAX), text: clip(text, TEXT_MAX) };
  const at = slackTsToIso(ts);
  if (at) message.at = at;
  const threadTs = typeof raw.thread_ts === "number" ? String(raw.thread_ts) : str(raw.thread_ts);
  if (threadTs && threadTs !== ts) message.threadTs = clip(threadTs, 64);
  if (subtype === "thread_broadcast") message.broadcast = true;
  const f = files(raw);
  if (f) message.files = f;
  return { message };
}

function basename(path: string): string {
  return path.split("/").pop() ?? path;
}

/**
 * Reads a Slack export. `files` maps each path inside the export to its text; users.json and
 * channels.json (also groups.json, mpims.json, dms.json) may sit at any depth. Files that are
 * not day files are ignored; day files that are not valid JSON are skipped and counted.
 */
export function parseSlackExport(files: Record<string, string>): SlackImport {
  const skipped = new Map<string, number>();
  const skip = (reason: string, n = 1): void => {
    skipped.set(reason, (skipped.get(reason) ?? 0) + n);
  };
  const entries = Object.entries(files)
    .map(([path, text]) => [path.replace(/\\/g, "/").replace(/^\.?\//, ""), text] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const readArray = (path: string, text: string): unknown[] | null => {
    try {
      const data: unknown = JSON.parse(text);
      if (Array.isArray(data)) return data;
      if (isObject(data)) return [data];
    } catch {
      // counted below
    }
    skip(`unreadable JSON file (${path})`);
    return null;
  };

  let users: unknown[] = [];
  const channels: unknown[] = [];
  // The shallowest users.json wins, so a nested copy inside a channel folder cannot shadow it.
  const byDepth = [...entries].sort(([a], [b]) => a.split("/").length - b.split("/").length);
  const usersFile = byDepth.find(([p]) => basename(p) === "users.json");
  if (usersFile) users = readArray(usersFile[0], usersFile[1]) ?? [];
  for (const [path, text] of byDepth) {
    if (["channels.json", "groups.json", "mpims.json", "dms.json"].includes(basename(path)) && !DAY_FILE.test(path)) {
      channels.push(...(readArray(path, text) ?? []));
    }
  }
  const dir = slackDirectory(users, channels);

  const transcripts: SlackTranscript[] = [];
  for (const [path, text] of entries) {
    const m = DAY_FILE.exec(path);
    if (!m) continue;
    const channel = m[1]!;
    const date = m[2]!;
    const raw = readArray(path, text);
    if (!raw) continue;
    const messages: TranscriptMessage[] = [];
    for (const item of raw) {
      const result = slackMessage(item, dir);
      if ("skipped" in result) skip(result.skipped);
      else if (messages.length >= MESSAGES_MAX) skip(`over ${MESSAGES_MAX} messages in one day`);
      else messages.push(result.message);
    }
    if (messages.length === 0) {
      skip("day file with no conversation");
      continue;
    }
    transcripts.push({ channel, date, title: `#${channel} — ${date}`, messages });
  }
  const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  transcripts.sort((a, b) => order(a.channel, b.channel) || order(a.date, b.date));
  return {
    transcripts,
    users: users.filter(isObject).length,
    skipped: [...skipped].map(([reason, count]) => ({ reason, count })).sort((a, b) => order(a.reason, b.reason)),
  };
}
