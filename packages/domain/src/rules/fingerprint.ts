// Error fingerprints: an engineer pastes an error line and should find the fix written for the same
// failure, even though their line has another timestamp, pod, IP and request id. This module owns
// the normal form of an error line (what varies between occurrences is removed or replaced by a
// placeholder), the fingerprint (a short hash of that form), the "is this pasted error text?" test
// used by search, and the extraction of error lines from an entry body.
//
// Numbers: every number becomes <n> unless it names the failure: HTTP statuses 4xx/5xx, exit codes
// and signals ("exit code 137" is an OOM kill, "exit code 1" is not), errno and SQLSTATE / vendor
// error codes ("errno 111", "ORA-00942", "E11000"), and service ports below 32768 ("…:5432" is
// Postgres, "…:6379" is Redis; ports from 32768 up are ephemeral and become <port>).

const ANSI = new RegExp(`${String.fromCharCode(0x1b)}\\[[0-9;]*[A-Za-z]`, "g");
const MONTH = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*";
const DAY = "(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*";

/** Replacements applied in order; each sees the output of the previous one. */
const STEPS: [RegExp, string | ((...m: string[]) => string)][] = [
  // klog header: "E0412 10:00:01.123456    1234 pod_workers.go:191]" -> "e pod_workers.go]"
  [/\b([IWEF])\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+\s+([\w.-]+?\.go):\d+\]/g, "$1 $2]"],
  // Timestamps and dates say when, not what: removed entirely, with a logfmt key left empty by it.
  [/\b(?:ts|time|timestamp|t|date|@timestamp)=["']?\d{4}-\d{2}-\d{2}[T ][\d:.,]+(?:Z|[+-]\d{2}:?\d{2})?["']?/gi, ""],
  [/\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?\s?(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?\b/gi, ""],
  [new RegExp(String.raw`\b\d{1,2}/${MONTH}/\d{4}:\d{2}:\d{2}:\d{2}(?:\s[+-]\d{4})?`, "gi"), ""],
  [new RegExp(String.raw`\b(?:${DAY},?\s+)?\d{1,2}\s+${MONTH}\s+\d{4}\s+\d{2}:\d{2}:\d{2}(?:\s+(?:GMT|UTC|[+-]\d{4}))?`, "gi"), ""],
  [new RegExp(String.raw`\b(?:${DAY}\s+)?${MONTH}\s+\d{1,2}(?:,?\s+\d{4})?\s+\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:\s+\d{4})?`, "gi"), ""],
  [/\b\d{4}[-/.]\d{2}[-/.]\d{2}\b/g, ""],
  [/\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g, ""],
  // Epoch seconds / milliseconds (2017-2033), as a whole token.
  [/(?<![\w.])1[5-9]\d{8}(?:\d{3})?(?:\.\d+)?(?![\w.])/g, ""],
  // Identifiers.
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, "<uuid>"],
  [/\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, "<email>"],
  [/\b((?:request|req|trace|span|correlation|x-request|transaction|txn|session|message|msg)[_-]?id)\b(["']?\s*[=:]\s*["']?)[\w.:/+-]+/gi, "$1$2<id>"],
  // Stack frames: drop line and column, keep the file ("(Foo.java:123)" -> "(foo.java)").
  [/\b([\w$-]+\.(?:java|kt|scala|groovy|go|py|js|mjs|cjs|jsx|ts|tsx|rb|cs|cpp|cc|c|h|rs|php|ex|exs|swift|clj)):\d+(?::\d+)?/gi, "$1"],
  // Query strings and fragments vary per request.
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s?#"']+)\?[^\s"']*/gi, "$1?<query>"],
  // Hosts: EC2 private DNS names, GKE and AKS node names.
  [/\bip-\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}(?:\.[a-z0-9-]+)*(?:\.(?:internal|compute|local))?\b/gi, "<host>"],
  [/\bgke-[a-z0-9-]+-[0-9a-f]{8}-[a-z0-9]{4}\b/gi, "<host>"],
  [/\baks-[a-z0-9]+-\d{8}-vmss[0-9a-z]{6}\b/gi, "<host>"],
  // MAC, then IPv6 ([::1]:9093, fe80::1), then IPv4, each with a port kept only when it names a service.
  [/\b(?:[0-9a-f]{2}:){5}[0-9a-f]{2}\b/gi, "<mac>"],
  [/\[[0-9a-f:.]*:[0-9a-f:.]*(?:%[\w.]+)?\](?::(\d{1,5}))?/gi, (_m, port) => "<ip>" + portSuffix(port)],
  [/(?<![\w:])(?:[0-9a-f]{1,4}:){1,7}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?(?![\w:])|(?<![\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![\w:])/gi, "<ip>"],
  [/(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?(?::(\d{1,5}))?(?![\w.])/g, (_m, port) => "<ip>" + portSuffix(port)],
  [/(?<=\b(?:localhost|<host>|[a-z][\w-]*\.[\w.-]*[a-z]))(?::(\d{1,5}))\b/gi, (_m, port) => portSuffix(port)],
  // Kubernetes names: deployment pods "api-7d9f8b6c5-x2x9z", daemonset/job pods "fluentd-x2x9z".
  // The generated suffixes use an alphabet without vowels, which keeps ordinary words out.
  // An underscore may follow ("api-7d9f8b6c5-x2x9z_default" in kubelet messages).
  [/\b([a-z0-9]+(?:-[a-z0-9]+)*?)-[bcdfghjklmnpqrstvwxz2456789]{5,10}-[bcdfghjklmnpqrstvwxz2456789]{5}(?![a-z0-9])/gi, "$1-<pod>"],
  [/\b([a-z][a-z0-9]*(?:-[a-z0-9]+)*)-([bcdfghjklmnpqrstvwxz2456789]{5})(?![a-z0-9])/gi, (m, base: string, suffix: string) =>
    /[a-z]/i.test(suffix) && !/^(?:https|xhtml|pgsql|crwth|cwtch)$/i.test(suffix) ? `${base}-<pod>` : m],
  // Temp paths.
  [/(?:\/private)?\/(?:var\/)?tmp\/[^\s:'",)]+/g, "/tmp/<path>"],
  [/\/var\/folders\/[^\s:'",)]+/g, "/tmp/<path>"],
  [/[a-z]:\\users\\[^\\\s]+\\appdata\\local\\temp\\[^\s:'",)]+/gi, "<tmp-path>"],
  // Durations: "took 1523ms", "after 30s", Go's "1m30.5s".
  [/(?<![\w.])\d+(?:\.\d+)?(?:h\d+)?(?:m\d+(?:\.\d+)?)?\s?(?:ns|µs|us|ms|s|sec|secs|seconds?|mins?|minutes?|h|hrs?|hours?|d|days?|m)(?![\w])/gi, "<duration>"],
  // kubectl event counts: "(x12 over 10m)".
  [/\(x\d+ over\b/g, "(x<n> over"],
  [/\bline \d+/gi, "line <n>"],
  // Hex: 0x…, and long hex ids (SHAs, image digests, container and EC2 instance ids) mixing
  // digits and letters, so that "deadbeef" or "accede" stay words and plain numbers become <n>.
  [/\b0x[0-9a-f]+\b/gi, "<hex>"],
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, "<hex>"],
];

/** A private-use character: marks a port number so replaceNumbers keeps it. */
const KEEP = "\ue000";

function portSuffix(port: string | undefined): string {
  if (!port) return "";
  // The marker keeps the number away from replaceNumbers; it is removed at the end.
  return Number(port) < 32768 ? `:${KEEP}${port}` : ":<port>";
}

/** Longer lines are fingerprinted by their first 2,000 characters. */
const MAX_INPUT = 2_000;

/** Words after which a number names the failure and stays. */
const KEEP_AFTER =
  /(?:\b(?:exit(?:ed)?(?:\s+with)?(?:\s+(?:code|status))?|exit_?code|status(?:\s+code)?|code|errno|error|err|sqlstate|signal|sig|http\/[\d.]+|rc)[\s:=#]*["']?)$/i;
/** Words after which a number is an occurrence detail and always goes. */
const DROP_AFTER = /(?:\b(?:pid|tid|thread|goroutine|attempt|retry|retries|try|line|worker|shard|partition|offset|seq)|#)[\s:=#-]*$/i;

function replaceNumbers(s: string): string {
  return s.replace(/(?<![\p{L}\d_<.\ue000])\d+(?:\.\d+)*(?![\p{L}\d_>])/gu, (num, offset: number) => {
    const before = s.slice(Math.max(0, offset - 40), offset);
    if (DROP_AFTER.test(before)) return "<n>";
    if (/\bport[\s:=#]*$/i.test(before)) return Number(num) < 32768 ? num : "<port>";
    // Vendor codes keep their number: "ORA-00942", "CVE-2021-44228", "HTTP/1.1 502".
    if (/\b[A-Z]{2,}-(?:\d+-)?$/.test(before)) return num;
    if (KEEP_AFTER.test(before)) return num;
    if (/^[45]\d\d$/.test(num)) return num;
    return "<n>";
  });
}

/**
 * The normal form of an error line: what differs between two occurrences of one failure is
 * removed (timestamps) or replaced by a placeholder (<uuid>, <ip>, <pod>, <host>, <hex>, <n>, …);
 * the identifying words (exception class, message, error codes) stay. Lower-cased, single-spaced.
 */
export function normalizeErrorLine(line: string): string {
  // Bounded input keeps every pattern below linear-ish on hostile or accidental megabyte pastes.
  let s = line.slice(0, MAX_INPUT).replace(ANSI, "").trim();
  // A pasted `code span` or a line out of a code block is the same line.
  s = s.replace(/^`+|`+$/g, "");
  for (const [re, to] of STEPS) s = typeof to === "string" ? s.replace(re, to) : s.replace(re, to);
  s = replaceNumbers(s);
  return s
    .replace(/\b(?:ts|time|timestamp|t)=(?=\s|$)/gi, "")
    .replace(/\[\s*\]|\(\s*\)/g, "")
    .replaceAll(KEEP, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/^[\s\-–:|,]+|[\s\-–:|,]+$/g, "")
    .trim();
}

// FNV-1a, 64-bit, over the UTF-8 bytes; two 32-bit lanes so no BigInt is needed at runtime.
function fnv1a64(s: string): string {
  // offset basis 0xcbf29ce484222325, prime 0x100000001b3 = 2^40 + 0x1b3
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  const bytes = utf8(s);
  for (const b of bytes) {
    lo = (lo ^ b) >>> 0;
    // (hi, lo) * 0x100000001b3 mod 2^64, split as lo*0x1b3 + (lo << 40) + (hi*0x1b3 << 32)
    const loMul = lo * 0x1b3;
    const newLo = loMul >>> 0;
    const carry = Math.floor(loMul / 0x100000000);
    const newHi = (Math.imul(hi, 0x1b3) + carry + ((lo << 8) >>> 0)) >>> 0;
    hi = newHi;
    lo = newLo;
  }
  return hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
}

function utf8(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return out;
}

/** A stable 16-hex-digit fingerprint (FNV-1a 64) of the normal form of an error line. */
export function fingerprintError(line: string): string {
  return fnv1a64(normalizeErrorLine(line));
}

/** Exposed for tests: the raw hash, checked against published FNV-1a 64 vectors. */
export const fnv1a64Hex = fnv1a64;

// ---------------------------------------------------------------------------------------------
// Does this look like pasted error or log text?

const ERRNO =
  /\b(?:ECONNREFUSED|ECONNRESET|ECONNABORTED|ETIMEDOUT|EADDRINUSE|EADDRNOTAVAIL|ENOTFOUND|ENOENT|EACCES|EPERM|EPIPE|ENOSPC|EMFILE|ENFILE|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|ENOMEM|EEXIST|EISDIR|ENOTDIR|ENOTEMPTY|EROFS|EBUSY|EINVAL|EAGAIN|EPROTO|ERR_[A-Z_]{3,})\b/;
const K8S_REASONS =
  /\b(?:CrashLoopBackOff|ImagePullBackOff|ErrImagePull|ErrImageNeverPull|CreateContainerConfigError|CreateContainerError|InvalidImageName|RunContainerError|ContainerCannotRun|OOMKilled|OOMKilling|Evicted|FailedScheduling|FailedMount|FailedAttachVolume|FailedCreatePodSandBox|FailedKillPod|FailedSync|BackOff|NodeNotReady|DeadlineExceeded|Unschedulable|NodeHasDiskPressure|NodeHasMemoryPressure)\b/;
/** NullPointerException:, TypeError: */
const EXCEPTION_NAME = /\b[A-Z][A-Za-z0-9]*(?:Exception|Error)\b(?:[:(]|\s*$|\s+(?:at|in|from|while|when|on)\b)/;
/** java.net.ConnectException */
const QUALIFIED_EXCEPTION = /\b[a-z][\w]*(?:\.[\w$]+)+(?:Exception|Error)\b/;
const UPPER_CASE_LEVEL = /\b(?:ERROR|FATAL|CRITICAL|SEVERE|PANIC|EMERG)\b/;
const EXIT_CODE = /\bexit(?:ed)?\s+(?:with\s+)?(?:code|status)\s*[:=]?\s*\d+/i;
const STRONG: RegExp[] = [
  EXCEPTION_NAME,
  QUALIFIED_EXCEPTION,
  /(?:^|\s|\[)(?:error|exception|fatal|panic|critical|severe|err|emerg)\s*[:\]|]/i, // "Error:", "[ERROR]", "panic:"
  UPPER_CASE_LEVEL,
  /\blevel=(?:error|err|fatal|panic|crit|critical|warn|warning)\b/i,
  // Structured (JSON) logs: {"level":"warn", …}, {"severity":"ERROR", …}, or an "error" field.
  /"(?:level|severity|lvl|levelname|log\.level)"\s*:\s*"(?:error|err|fatal|panic|crit|critical|warn|warning|alert|emerg)"/i,
  /^\s*\{.*"(?:error|err|exception)"\s*:\s*"[^"]+"/,
  // kubectl events: "Warning  FailedMount  pod/web-0  MountVolume.SetUp failed …".
  /^\s*Warning\s{2,}[A-Z][A-Za-z]+\s{2,}\S/,
  /^\s*at\s+[\w$.<>/\\-]+\s*\(.*\)\s*$|^\s*at\s+\S+:\d+:\d+\)?\s*$/m, // Java / JS stack frame
  /^\s*File\s+"[^"]+",\s+line\s+\d+/m, // Python frame
  /Traceback \(most recent call last\)/,
  /\bgoroutine\s+\d+\s+\[/,
  /\.go:\d+\b/,
  /^\s*\.\.\. \d+ more\s*$/m,
  /^\s*Caused by:/m,
  ERRNO,
  K8S_REASONS,
  EXIT_CODE,
  /\bcode=exited,\s*status=\d+/i,
  /\bkilled\s+(?:by\s+)?signal\s+\d+|\bSIG(?:KILL|SEGV|TERM|ABRT|BUS)\b/,
  /\bsegmentation fault\b|\bcore dumped\b/i,
  /\bHTTP\/\d(?:\.\d)?\s+[45]\d\d\b/,
  /\bHTTP\/\d(?:\.\d)?"\s+5\d\d\b/, // access log: "GET /x HTTP/1.1" 502
  // Any access-log line: a quoted request line, whatever the format puts around it (the status after
  // it as in nginx's and Apache's, before it as in a load balancer's) and whatever the status. A line
  // pasted from an access log is a log line to match, not a question to cover word by word.
  /"(?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|CONNECT|TRACE) \S+ HTTP\/\d(?:\.\d)?"/,
  /^\s*[A-Z]{1,4}-?\d{3,6}:?\s/, // vendor codes: "ORA-00942: …", "E11000 duplicate key …"
  /\b5\d\d\s+(?:Internal Server Error|Bad Gateway|Service Unavailable|Gateway Time-?out|Not Implemented|HTTP Version)/i,
  /\b(?:status(?:[_ ]?code)?|code)\s*[=:]\s*["']?5\d\d\b/i,
  /\b(?:errno|sqlstate)\s*[=:]?\s*[\dA-Z]{3,5}\b/i,
  /\bx509:|\bdial tcp\b|\bconnect error\b|\bi\/o timeout\b|\bcontext deadline exceeded\b|\bconnection reset by peer\b|\bno such host\b|\bbroken pipe\b|\bno space left on device\b|\btoo many open files\b|\bdeadlock detected\b|\bout of memory\b|\bnil pointer dereference\b/i,
  /\b(?:FATAL|ERROR|PANIC):\s/, // Postgres "FATAL:  sorry, too many clients already"
  // CLI errors that name the failure before the colon: kubectl's "Error from server (NotFound): …",
  // terraform's "Error acquiring the state lock: …", "fatal: not a git repository (or …): …".
  /^\s*(?:error|fatal|panic)\b[^:\n]{1,60}\):?\s|^\s*(?:error|fatal|panic)\s+[a-z][^:\n]{0,60}:\s+\S/i,
];
/** A log line shape: a timestamp (or klog header) near the start and a level word. */
// Timestamps that open a log line: ISO, clock, syslog, klog, epoch seconds, and the kernel's
// seconds-since-boot (`[ 8123.552310]`, as dmesg and journald print it).
const LOG_PREFIX =
  /^\s*[[(]?(?:\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|\d{2}:\d{2}:\d{2}|[A-Z][a-z]{2}\s+\d{1,2}\s+\d{2}:\d{2}|[IWEF]\d{4}\s+\d{2}:\d{2}|\d{10}(?:\.\d+)?\b|\s*\d{1,10}\.\d{6}\])/;
const LEVEL = /\b(?:error|err|warn|warning|fatal|panic|crit|critical|severe|exception|failed|failure)\b/i;
const WEAK =
  /\b(?:refused|timed? ?out|timeout|unreachable|denied|forbidden|unauthorized|not found|failed|failure|cannot|can't|could not|unable to|invalid|unavailable|exceeded|expired|rejected|aborted|crash(?:ed|ing)?|killed|oom)\b/i;

function lineLooksLikeError(line: string): boolean {
  const l = line.slice(0, MAX_INPUT).trim();
  if (l.length < 3) return false;
  if (STRONG.some((re) => re.test(l))) return true;
  // A timestamped line with a level or a failure word ("invoked oom-killer", "connection refused").
  if (LOG_PREFIX.test(l) && (LEVEL.test(l) || WEAK.test(l))) return true;
  // "tls: failed to verify certificate": a weak word in a colon-separated machine message. Machine
  // messages start lower-case; "Root cause: the certificate expired" is prose.
  if (WEAK.test(l) && /^["'[(]?[a-z][^:]*:\s+\S/.test(l)) return true;
  return false;
}

/**
 * True for pasted error/log text (exception lines, stack frames, log lines with a level, errno
 * names, HTTP 5xx status lines, exit codes, Kubernetes failure reasons), false for ordinary
 * search queries ("database failover runbook", "kafka lag", "persistent volume provisioning errors").
 */
export function looksLikeError(text: string): boolean {
  return text.split(/\r?\n/).some((line) => (lineLooksLikeError(line) && !askedInWords(line)) || pastedOutput(line));
}

/**
 * What a person does not type in their own words: an exception's class name, an upper-case log level,
 * an errno name, an exit code, a machine message's punctuation (a "label: message" colon, quotes,
 * brackets, key=value). A sentence carrying one is a pasted message with words around it.
 */
const MACHINE_MARKS: RegExp[] = [
  EXCEPTION_NAME,
  QUALIFIED_EXCEPTION,
  UPPER_CASE_LEVEL,
  ERRNO,
  EXIT_CODE,
  /[:"=[\]{}<>|\\]/,
  // kubectl's columns ("Warning  BackoffLimitExceeded  job/…"), and an event's reason after its type.
  /\S {2,}\S/,
  /^\s*(?:Warning|Normal)\s+[A-Z][a-z]+[A-Z]\w*\s/,
];

/**
 * A question in plain words that names a failure the way people say it ("our gradle build runs out
 * of memory on the ci agents", "the node says no space left on device though the disk looks empty") is
 * a question, as the same sentence in an entry's prose is no error line (extractErrorSignatures): its
 * words are weighed and covered like any question's, not matched as a line's rarest tokens.
 */
function askedInWords(line: string): boolean {
  const l = line.slice(0, MAX_INPUT).trim();
  return isSentence(l) && !MACHINE_MARKS.some((re) => re.test(l)) && !MACHINE_IDS.test(normalizeErrorLine(l));
}

/** A syslog or journald line: date and time, host, then the program (and its pid) before a colon. */
const SYSLOG_LINE = /^[A-Z][a-z]{2}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}(?:\.\d+)?\s+\S+\s+[\w./@-]+(?:\[\d+\])?:\s+\S/;
/**
 * The same line copied without its date and host: a program (a lower-case name) and its pid before a
 * colon ("sshd[812]: …"), not an error code in capitals ("SQLSTATE[40001]: …").
 */
const PROGRAM_PID = /^[a-z][\w./@-]*\[\d+\]:\s+\S/;
/** What only machine output carries: placeholders normalizeErrorLine puts for generated ids and addresses. */
const MACHINE_IDS = /<(?:uuid|pod|ip|hex|host)>/;

/**
 * Output pasted from a machine that no failure pattern names: a syslog or journald line, whatever
 * it says ("cloud-init[2211]: Container runtime dockershim is not supported"), with its date and
 * host or without, and a failure word
 * beside ids only a machine prints ("Back-off restarting failed container api in pod
 * checkout-6b7d9c7f5-q8z2m_shop(7c1e2f3a-…)"). A search for either is a pasted line (search's error
 * mode), though not every such line is an error an entry's body would be fingerprinted by.
 */
function pastedOutput(line: string): boolean {
  const l = line.slice(0, MAX_INPUT).trim();
  return SYSLOG_LINE.test(l) || PROGRAM_PID.test(l) || (WEAK.test(l) && MACHINE_IDS.test(normalizeErrorLine(l)));
}

// ---------------------------------------------------------------------------------------------

/** Lines that belong to a trace but do not name the failure. */
const CONTEXT_ONLY =
  /^\s*(?:at\s+\S|File\s+"|Traceback \(most recent call last\)|goroutine\s+\d+\s+\[|\.\.\. \d+ more|[\w./-]+\.go:\d+|created by\s|main\.\w+\(|\+0x[0-9a-f]+)/i;
const MAX_LINE = 500;
/** Code blocks in these languages hold queries and configuration, not output (a PromQL filter on `DeadlineExceeded`). */
const QUERY_LANGUAGES = new Set(["promql", "logql", "sql", "yaml", "yml", "json", "hcl", "terraform", "toml", "ini", "graphql", "dockerfile", "makefile"]);

/**
 * Prose that mentions an error ("a spiral of CrashLoopBackOff due to System OOM …") is not a pasted
 * line: mostly plain words, no "label:" prefix and no timestamp.
 */
function isSentence(line: string): boolean {
  if (/^\S+:\s/.test(line) || LOG_PREFIX.test(line)) return false;
  const ws = line.split(/\s+/).filter(Boolean);
  if (ws.length < 6) return false;
  const plain = ws.filter((w) => /^[\p{L}'’-]+[,.;]?$/u.test(w)).length;
  return plain / ws.length >= 0.7;
}

/** Outside code, a pasted line still has a machine shape: "label: message", key=value, brackets, … */
function machineShaped(line: string): boolean {
  return (
    LOG_PREFIX.test(line) ||
    /^["'[(]?[a-z]/.test(line) ||
    /[=[\]{}<>]|:\s/.test(line) ||
    /^[A-Z_]{3,}\b/.test(line) ||
    /\b[A-Z][A-Za-z0-9]*(?:Exception|Error)\b/.test(line) ||
    ERRNO.test(line)
  );
}

/**
 * The error-looking lines of a body (code blocks, inline code, and log-shaped prose lines), trimmed,
 * one per fingerprint (the first occurrence wins), at most `max`. Stack frames are left out: the
 * line that names the exception is the signature.
 */
export function extractErrorSignatures(text: string, options: { max?: number } = {}): string[] {
  const max = options.max ?? 20;
  const out: string[] = [];
  const seen = new Set<string>();
  const consider = (raw: string, inCode: boolean) => {
    let line = raw
      .replace(/^\s*(?:>\s*)+/, "") // quote
      .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, "") // list item
      .replace(/^\$\s+/, "") // shell prompt
      .trim();
    if (!line || CONTEXT_ONLY.test(line) || !lineLooksLikeError(line)) return;
    if (!inCode && (isSentence(line) || !machineShaped(line))) return;
    if (line.length > MAX_LINE) line = line.slice(0, MAX_LINE);
    const fp = fingerprintError(line);
    if (seen.has(fp)) return;
    seen.add(fp);
    out.push(line);
  };
  const prose = (segment: string) => {
    const spans = [...segment.matchAll(/(`+)([^`]+)\1/g)].map((m) => m[2] ?? "");
    // In prose, only inline code, or a quoted message, is the pasted error.
    if (spans.length > 0) return spans.forEach((span) => consider(span, true));
    if (!isSentence(segment.trim())) return consider(segment, false);
    for (const q of segment.matchAll(/"([^"]{10,})"|“([^”]{10,})”/g)) consider(q[1] ?? q[2] ?? "", true);
  };
  let fence: { marker: string; skip: boolean } | null = null;
  for (const rawLine of text.split(/\r?\n/)) {
    if (out.length >= max) break;
    const open = /^\s{0,3}(`{3,}|~{3,})\s*([\w+-]*)/.exec(rawLine);
    if (open?.[1] && fence === null) {
      fence = { marker: open[1], skip: QUERY_LANGUAGES.has((open[2] ?? "").toLowerCase()) };
      continue;
    }
    if (fence !== null) {
      const close = open?.[1];
      if (close && close[0] === fence.marker[0] && close.length >= fence.marker.length && rawLine.trim() === close) fence = null;
      else if (!fence.skip) consider(rawLine, true);
      continue;
    }
    // A markdown table row (a timeline): each cell is prose of its own.
    if (/^\s*\|.*\|\s*$/.test(rawLine)) rawLine.split("|").forEach(prose);
    else prose(rawLine);
  }
  return out.slice(0, max);
}
