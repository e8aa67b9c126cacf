// A search box's text, parsed: words (the last one may be a prefix while typing), "quoted phrases",
// and error mode when the text looks like a pasted error or log line.
import { fingerprintError, looksLikeError, normalizeErrorLine } from "@hindsight/domain";
import { fold, MAX_TERM, tokenize, type Token } from "./tokenize.js";

export interface QueryTerm extends Token {
  /** The last word of the query, not followed by a space: it may still be being typed. */
  prefix: boolean;
  /** A word of a structured log line's message (`msg="…"`, `"message": "…"`): what happened, not where. */
  message?: boolean;
}

/** A structured line's message values: logfmt `msg=` / `message=` (quoted or bare), JSON `"msg":` / `"message":`. */
const MESSAGE_VALUES = /(?:^|[\s{,])"?(?:msg|message)"?\s*[=:]\s*(?:"((?:[^"\\]|\\.)*)"|([^\s"]+))/gi;

function messageTerms(line: string): Set<string> {
  const out = new Set<string>();
  for (const m of line.matchAll(MESSAGE_VALUES)) for (const t of tokenize((m[1] ?? m[2] ?? "").replace(/\\"/g, '"'))) out.add(t.term);
  return out;
}

export interface ParsedQuery {
  terms: QueryTerm[];
  /** Lower-cased phrases that must appear as written. */
  phrases: string[];
  /** Set when the query looks like an error line: its fingerprint. */
  errorFingerprint: string | null;
}

/**
 * A run of letters longer than a term may be (a CamelCase name). Letters only: a hash or a base64
 * blob has digits, and its fragments are no words.
 */
const LONG_IDENTIFIER = new RegExp(`(?<![\\p{L}\\p{N}])\\p{L}{${MAX_TERM + 1},}(?![\\p{L}\\p{N}])`, "gu");
/** How many other words make a single quoted word a quoted value rather than the user's phrase. */
const QUOTED_VALUE_CONTEXT = 3;
/** A percentage as people write it: "97%", "99.9 %", "~80%". */
const PERCENTAGE = /(?<![\p{L}\p{N}.])\d+(?:[.,]\d+)?\s?%/gu;
/**
 * A network interface's name as Linux gives it: the classic ones ("eth0", "bond1", "wlan0", "docker0",
 * "veth3f2a1c") and the predictable ones ("eno1", "ens5", "enp3s0f1", "wlp2s0", "enx0a1b2c3d4e5f").
 */
const INTERFACE_NAME =
  /^(?:(?:eth|wlan|bond|br|ib|em|team|tun|tap|virbr|vlan|docker|cni|lo)\d+|veth[0-9a-f]+|(?:en|wl|ww|ib|sl)(?:o\d+|s\d+(?:f\d+)?|p\d+s\d+(?:f\d+)?|x[0-9a-f]{12})(?:n\d+|d\d+)?)$/;

/**
 * A question's tokens without the parts of an interface name: "ens5" or "bond0" says which interface
 * ("rx errors on ens5 of a worker"), not what happened to it, and its parts ("ens", "bond") would
 * weigh as a rare word no entry holds, or match entries about something else. The name is still
 * searched whole, so an entry that names that interface is found.
 */
function withoutInterfaceParts(tokens: Token[]): Token[] {
  let inName = false;
  return tokens.filter((t) => {
    if (!t.part) inName = t.whole === true && INTERFACE_NAME.test(t.word);
    return !(t.part && inName);
  });
}

/**
 * A search without any letter or digit ("", "*", "%%"): no search at all, so the newest entries are
 * listed. Words none of which can be searched (stop words only, a single letter, a token longer than
 * a term) are a search that finds nothing.
 */
export function isWordless(q: string): boolean {
  return !/[\p{L}\p{N}]/u.test(q);
}

/** A logfmt key (`caller=`) or a JSON one (`"msg":`) at the start of a field. */
const LOG_KEYS = /(^|\s)[a-z_][\w.-]*=|([{,]\s*)"[a-z_][\w.-]*":/g;

export function parseQuery(q: string): ParsedQuery {
  const errorFingerprint = looksLikeError(q) ? fingerprintError(q) : null;
  // A pasted error's words are taken from its normalised form: timestamps, ids, addresses and
  // counters say nothing about which failure it is, and would crowd out the words that do.
  // The keys of a structured line (logfmt `level=… caller=… msg=…`, `"err":`) are the logger's
  // layout, the same in every line it writes; only their values say what failed.
  const text = errorFingerprint ? normalizeErrorLine(q).replace(/<[a-z]+>/g, " ").replace(LOG_KEYS, "$1$2") : q;
  // "Quoted phrases" are the user's. In a pasted error or log line the quotes are the log's own
  // (`Get "http://10.0.0.7:9308/metrics"`, `error when creating "deploy.yaml"`): requiring them
  // literally would find nothing, so such a line has no phrases unless the query mixes in words of
  // its own around a quote that is not part of the line (`"out of memory" indexer`).
  const phrases: string[] = [];
  for (const m of q.matchAll(/"([^"]+)"/g)) {
    const before = q.slice(0, m.index).trimEnd();
    if (/[=:\\]$/.test(before)) continue;
    if (errorFingerprint && before !== "") continue;
    // One quoted word among several others is a value a pasted notification quotes (`etcd cluster
    // "kube-etcd": 99th percentile …`, `job "db-migrate" failed`), which varies from one copy to the
    // next: a word to search, not a phrase to require.
    if (!/\s/.test(m[1]!.trim()) && q.replace(m[0], " ").trim().split(/\s+/).length >= QUOTED_VALUE_CONTEXT) continue;
    const phrase = fold(m[1]!).toLowerCase().replace(/\s+/g, " ").trim();
    if (phrase) phrases.push(phrase);
  }
  // A percentage in a question says how much ("the data volume is at 88%"), not what: an entry that
  // happens to hold the number is no better an answer, and a number no entry holds weighs as the
  // rarest word.
  const rest = (errorFingerprint ? text : text.replace(PERCENTAGE, " ")).replace(/"/g, " ");
  // A pasted line's normal form is lower-cased, so an identifier too long to be a term whole (an alert
  // name of more than MAX_TERM letters in a notification) would vanish from it: it is searched by its
  // CamelCase parts instead, as the index has them.
  const longIdentifierParts = errorFingerprint ? [...q.matchAll(LONG_IDENTIFIER)].flatMap((m) => tokenize(m[0]).filter((t) => t.part)) : [];
  const tokens = errorFingerprint ? [...tokenize(rest), ...longIdentifierParts] : withoutInterfaceParts(tokenize(rest));
  const endsOpen = !errorFingerprint && /[\p{L}\p{N}]$/u.test(q) && !/"$/.test(q.trim());
  // What is still being typed: the last word, or, when that is a part of an identifier, the
  // identifier's whole (and its pieces) just before its parts.
  const open = new Set<number>();
  if (endsOpen && tokens.length) {
    let i = tokens.length - 1;
    if (!tokens[i]!.part) open.add(i);
    else {
      while (i >= 0 && tokens[i]!.part) i--;
      while (i >= 0 && tokens[i]!.whole) open.add(i--);
    }
  }
  const seen = new Set<string>();
  const terms: QueryTerm[] = [];
  const message = errorFingerprint ? messageTerms(q) : new Set<string>();
  tokens.forEach((t, i) => {
    if (seen.has(t.term)) return;
    seen.add(t.term);
    // The whole of an identifier being typed completes by prefix; its parts do not (a random token's
    // last few letters would complete to anything).
    terms.push({ ...t, prefix: open.has(i) && t.word.length >= 2, ...(message.has(t.term) ? { message: true } : {}) });
  });
  return { terms, phrases, errorFingerprint };
}
