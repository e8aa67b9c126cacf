// Plain-text chat logs -> transcript messages. Owns the common copy-paste and IRC log styles:
//   [HH:MM] name: text            [HH:MM:SS] name: text
//   HH:MM <nick> text             YYYY-MM-DD HH:MM:SS <nick> text
// A line without such a prefix continues the message above it; IRC notices (joins, quits, mode
// changes, "--- Day changed") are left out. Pure.
import { z } from "zod";
import { Invalid } from "../errors.js";
import type { TranscriptMessage } from "../kinds.js";
import { clip } from "./text-limits.js";

export interface ChatLogOptions {
  /** The day the log starts on, YYYY-MM-DD; without it (or a date in the log) messages have no `at`. */
  date?: string;
  /** The UTC offset the log's clock times are in ("Z", "+02:00"); default "Z". */
  offset?: string;
}

const TEXT_MAX = 40_000;
const USER_MAX = 200;

/** Optional "[", optional date, a clock time, optional zone, optional "]", then the rest. */
const PREFIX =
  /^\s*\[?\s*(?:(\d{4}-\d{2}-\d{2})[ T])?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s?([AaPp])\.?[Mm]\.?)?(Z|[+-]\d{2}:?\d{2})?\s*\]?\s*(.*)$/;
const NICK = /^<[@+%~&!]?\s*([^<>\s][^<>]{0,63}?)\s*>\s?(.*)$/;
const ACTION = /^\*\s+(\S{1,64})\s+(.*)$/;
const NAMED = /^([^\s:<>[\]*=!-][^:<>[\]]{0,63}?):\s+(.*)$/;
/** IRC client notices and log markers, with or without a time before them. */
const NOTICE = /^\s*(?:-!-|\*{3}|-->|<--|={2,}|-{2,}\s|-\s*-|\*\s+(?:Now talking|Topic|Mode|Disconnected)|(?:Day changed|Log (?:opened|closed)|Session (?:Start|Close|Ident))\b)/i;

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAY_LINE = /(?:day changed|log opened|log closed|session start)/i;

/** The date named in a "--- Day changed Tue Mar 05 2024" or "--- Log opened …" marker. */
function dateFromMarker(line: string): string | undefined {
  if (!DAY_LINE.test(line)) return undefined;
  const iso = /(\d{4})-(\d{2})-(\d{2})/.exec(line);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const m = /\b([A-Za-z]{3})[a-z]*\s+(\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s+(\d{4})\b/.exec(line);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[1]!.toLowerCase());
  if (month < 0) return undefined;
  return `${m[3]}-${String(month + 1).padStart(2, "0")}-${m[2]!.padStart(2, "0")}`;
}

function addDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

const ISO_DATE = z.iso.date();
const OFFSET = /^(?:Z|[+-]\d{2}:\d{2})$/;

function normalizeOffset(offset: string): string {
  return /^[+-]\d{4}$/.test(offset) ? `${offset.slice(0, 3)}:${offset.slice(3)}` : offset;
}

/**
 * Parses a plain-text chat log. Each message's `ts` is `line-<n>` (its first line's number), stable
 * across re-imports of the same text. Clock times are read in `options.offset`; when the clock goes
 * back by more than 12 hours without a date marker, the log is taken to have passed midnight.
 */
export function parseChatLog(text: string, options: ChatLogOptions = {}): TranscriptMessage[] {
  if (options.date !== undefined && !ISO_DATE.safeParse(options.date).success) {
    throw new Invalid("date must be YYYY-MM-DD", { date: ["date must be YYYY-MM-DD"] });
  }
  const baseOffset = normalizeOffset(options.offset ?? "Z");
  if (!OFFSET.test(baseOffset)) {
    throw new Invalid('offset must be "Z" or like "+02:00"', { offset: ['offset must be "Z" or like "+02:00"'] });
  }

  const messages: TranscriptMessage[] = [];
  let current: TranscriptMessage | null = null;
  let date = options.date;
  let lastSeconds: number | null = null;

  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    const marker = dateFromMarker(line);
    if (marker && ISO_DATE.safeParse(marker).success) {
      date = marker;
      lastSeconds = null;
    }
    const m = PREFIX.exec(line);
    const hours = m ? Number(m[2]) : NaN;
    const minutes = m ? Number(m[3]) : NaN;
    const validClock = m !== null && (m[5] ? hours >= 1 && hours <= 12 : hours <= 23) && minutes <= 59 && Number(m[4] ?? 0) <= 59;
    if (!m || !validClock) {
      if (NOTICE.test(line)) current = null;
      else if (current) current.text = clip(`${current.text}\n${line.trimEnd()}`, TEXT_MAX);
      // Anything before the first message is a header or junk.
      return;
    }
    const rest = m[7] ?? "";
    if (NOTICE.test(rest)) {
      current = null; // a timed notice ("12:00 -!- alice has joined") ends the message above
      return;
    }
    let user: string | undefined;
    let body = "";
    let said: RegExpExecArray | null;
    if ((said = NICK.exec(rest))) [user, body] = [said[1]!, said[2]!];
    else if ((said = ACTION.exec(rest))) [user, body] = [said[1]!, `_${said[2]!}_`];
    else if ((said = NAMED.exec(rest))) [user, body] = [said[1]!.trim(), said[2]!];
    if (!user) {
      // "10:30 was when we rolled back" inside a message: a time, but nobody speaking.
      if (current) current.text = clip(`${current.text}\n${line.trimEnd()}`, TEXT_MAX);
      return;
    }

    let h = hours % 12;
    if (m[5]) h += m[5].toLowerCase() === "p" ? 12 : 0;
    else h = hours;
    const seconds = h * 3600 + minutes * 60 + Number(m[4] ?? 0);
    if (m[1]) date = m[1];
    else if (date && lastSeconds !== null && lastSeconds - seconds > 12 * 3600) date = addDay(date);
    lastSeconds = seconds;

    const message: TranscriptMessage = { ts: `line-${index + 1}`, user: clip(user, USER_MAX), text: clip(body.trimEnd(), TEXT_MAX) };
    if (date) {
      const pad = (n: number) => String(n).padStart(2, "0");
      const offset = m[6] ? normalizeOffset(m[6]) : baseOffset;
      message.at = `${date}T${pad(h)}:${pad(minutes)}:${pad(Number(m[4] ?? 0))}${offset}`;
    }
    messages.push(message);
    current = message;
  });
  return messages;
}
