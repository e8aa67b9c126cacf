// Secret redaction: everything published to Hindsight (postmortems, chat transcripts, pasted logs)
// passes through here before it is stored, so a token pasted into an incident channel does not
// become searchable by the whole organisation. Patterns follow gitleaks' rules for the providers we
// see in incident material; documented example values and placeholders are left alone, and the
// output is stable under a second pass (redacting redacted text changes nothing).
//
// A finding records the kind and where the secret started in the ORIGINAL text (1-based line and
// column, columns in UTF-16 code units as editors count them), never the secret itself.

export const SECRET_KINDS = [
  "private-key",
  "gcp-service-account",
  "aws-access-key",
  "aws-secret-key",
  "github-token",
  "gitlab-token",
  "slack-token",
  "slack-webhook",
  "stripe-key",
  "google-api-key",
  "npm-token",
  "sendgrid-key",
  "twilio-key",
  "jwt",
  "azure-storage-key",
  "password-in-url",
  "bearer-token",
  "basic-auth",
  "generic-secret",
] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

export interface RedactionFinding {
  kind: SecretKind;
  /** 1-based line of the first character of the secret in the original text. */
  line: number;
  /** 1-based column (UTF-16 code units) of the first character of the secret. */
  column: number;
}

export const redactionMarker = (kind: SecretKind): string => `[REDACTED:${kind}]`;

// ---------------------------------------------------------------------------------------------
// Placeholders: documented examples and template references are not secrets.

const PLACEHOLDER_WORDS = new Set([
  "changeme",
  "change-me",
  "change_me",
  "changeit",
  "password",
  "passwd",
  "secret",
  "token",
  "example",
  "mypassword",
  "yourpassword",
  "your-password",
  "your_password",
  "your-token",
  "your_token",
  "your-api-key",
  "redacted",
  "hidden",
  "masked",
  "none",
  "null",
  "nil",
  "undefined",
  "true",
  "false",
  "yes",
  "no",
  "required",
  "optional",
  "string",
  "str",
  "bool",
  "boolean",
  "int",
  "integer",
  "empty",
  "dummy",
  "placeholder",
  "todo",
  "tbd",
]);

/** The AWS documentation's example credentials (also any value with AWS's EXAMPLE suffix convention). */
const AWS_EXAMPLES = new Set(["AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"]);

/** True for values that stand for a secret without being one. */
export function isPlaceholderSecret(raw: string): boolean {
  const v = raw.trim().replace(/^["'`]|["'`]$/g, "");
  if (v === "") return true;
  if (AWS_EXAMPLES.has(v) || /EXAMPLE(?:KEY)?$/.test(v)) return true;
  if (PLACEHOLDER_WORDS.has(v.toLowerCase())) return true;
  if (/^\[REDACTED\b/i.test(v) || /^<redacted>$/i.test(v)) return true;
  if (/^<[^<>]*>$/.test(v)) return true; // <password>
  // ${VAR} $VAR $(cmd) {{ x }} %(x)s %VAR%; an unquoted value may have been cut at the first brace.
  if (/^\$\{[^}]*\}?\}?$|^\$\(|^\$[A-Za-z_]\w*$|^\{\{|^%\(?\w+\)?s?$|^%[A-Z_]+%$/.test(v)) return true;
  if (/^(?:process\.env|os\.environ|os\.getenv|env\(|secrets\.|vault:|ref\+|!Ref|!Sub|!GetAtt|@Microsoft\.KeyVault)/i.test(v)) return true;
  // xxxxx, ****, ••••, and "ghp_xxxxxxxxxxxxxxxx": one character making up most of the value.
  const counts = new Map<string, number>();
  for (const c of v) counts.set(c, (counts.get(c) ?? 0) + 1);
  const top = Math.max(...counts.values());
  if (v.length >= 3 && top / v.length >= 0.7) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// The rules, most specific first: where two rules cover the same characters, the earlier kind wins.

interface Candidate {
  start: number;
  end: number;
}

interface Rule {
  kind: SecretKind;
  re: RegExp;
  /** The secret's span in the match: the `s` group, or the whole match. Undefined skips the match. */
  pick?: (m: RegExpExecArray, text: string) => Candidate | undefined;
}

function group(m: RegExpExecArray, name: string): Candidate | undefined {
  const span = m.indices?.groups?.[name];
  return span ? { start: span[0], end: span[1] } : undefined;
}

function secretGroup(m: RegExpExecArray): Candidate | undefined {
  const c = group(m, "s") ?? { start: m.index, end: m.index + m[0].length };
  const value = m.groups?.s ?? m[0];
  return isPlaceholderSecret(value) ? undefined : c;
}

/** Mixed letters and digits (or symbols), as generated secrets are and prose words are not. */
function looksGenerated(v: string): boolean {
  if (v.length >= 24 && !/^[a-z]+$/i.test(v)) return true;
  if (v.length < 8) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(v)).length;
  return classes >= 2 && /\d|[^A-Za-z0-9]/.test(v);
}

// An optional encoding suffix still names the secret itself (Rails' SECRET_KEY_BASE, PASSWORD_B64).
const SECRET_KEY_TAIL = String.raw`(?:password|passwd|passphrase|pwd|secret|token|api[_.-]?key|apikey|access[_.-]?key|private[_.-]?key|secret[_.-]?key|client[_.-]?secret|credentials?|auth[_.-]?token)(?:[_.-]?(?:base|value|b64|base64))?`;
const SECRET_KEY = new RegExp(String.raw`^(?:[A-Za-z_][\w.-]*?)?${SECRET_KEY_TAIL}$`, "i");
/** Keys that end like a secret but name something else: the shell's working directory, pagination cursors. */
const NOT_SECRET_KEY = /^(?:old)?pwd$|(?:^|[_.-])(?:next|page|pagination|continuation|cursor|sync|max|num|total)[_.-]?token$/i;

/** True for a field or variable name that holds a secret (`DB_PASSWORD`, `clientSecret`, `api_key`). */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) && !NOT_SECRET_KEY.test(key);
}

function genericPick(m: RegExpExecArray, text: string): Candidate | undefined {
  const g = m.groups ?? {};
  const key = g.key ?? "";
  if (!isSecretKey(key)) return undefined;
  const quoted = g.dq ?? g.sq;
  const value = quoted ?? g.bare ?? "";
  if (isPlaceholderSecret(value) || /^\d{1,4}$/.test(value)) return undefined;
  const span = group(m, g.dq !== undefined ? "dq" : g.sq !== undefined ? "sq" : "bare");
  if (!span) return undefined;
  if (quoted !== undefined) return value.length >= 4 ? span : undefined;
  const sep = g.sep ?? "";
  if (sep !== ":") return value.length >= 4 ? span : undefined; // KEY=value, key := value
  // "password: hunter2" on a line of its own (YAML, headers) is a value; in a sentence it must look generated.
  const lineEnd = text.indexOf("\n", span.end);
  const rest = text.slice(span.end, lineEnd === -1 ? text.length : lineEnd);
  if (/^\s*(?:[,;]\s*)?(?:#.*)?$/.test(rest) && value.length >= 4) return span;
  return looksGenerated(value) ? span : undefined;
}

const RULES: Rule[] = [
  {
    kind: "gcp-service-account",
    re: /"private_key"\s*:\s*"(?<s>-----BEGIN[^"]*)"/dg,
  },
  {
    kind: "private-key",
    re: /-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----(?<body>[\s\S]*?)(?:-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----|$(?![\s\S]))/dg,
    // Only a block with key material: documentation naming the markers is not a key.
    pick: (m) => (((m.groups?.body ?? "").replace(/\\n|\s/g, "").length >= 32 ? { start: m.index, end: m.index + m[0].length } : undefined)),
  },
  { kind: "aws-access-key", re: /\b(?<s>(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16})\b/dg },
  {
    kind: "aws-secret-key",
    re: /(?:aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key|SecretAccessKey)["']?\s*(?:[:=]|=>)\s*["']?(?<s>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/dgi,
  },
  { kind: "github-token", re: /\b(?<s>(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/dg },
  { kind: "gitlab-token", re: /\b(?<s>glpat-[A-Za-z0-9_-]{20,})/dg },
  { kind: "slack-token", re: /\b(?<s>xox[abeoprs]-[A-Za-z0-9-]{10,}|xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+)/dg },
  { kind: "slack-webhook", re: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/(?<s>[A-Za-z0-9_/-]{20,})/dg },
  { kind: "stripe-key", re: /\b(?<s>(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,})\b/dg },
  { kind: "google-api-key", re: /\b(?<s>AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/dg },
  { kind: "npm-token", re: /\b(?<s>npm_[A-Za-z0-9]{36})\b/dg },
  { kind: "sendgrid-key", re: /\b(?<s>SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/dg },
  { kind: "twilio-key", re: /\b(?<s>SK[0-9a-fA-F]{32})\b/dg },
  { kind: "jwt", re: /\b(?<s>eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*)/dg },
  {
    kind: "azure-storage-key",
    re: /(?:\b(?:AccountKey|SharedAccessKey)=|[?&]sig=)(?<s>[A-Za-z0-9+/%]{20,}(?:={1,2}|%3D){0,2})/dg,
  },
  { kind: "password-in-url", re: /\b[a-z][a-z0-9+.-]{0,30}:\/\/[^\s:/@]{0,256}:(?<s>[^\s@/]{1,256})@[^\s@/]/dgi },
  {
    kind: "bearer-token",
    re: /\bAuthorization["']?\s*[:=]\s*["']?Bearer\s+(?<s>[A-Za-z0-9._~+/=-]+)/dgi,
  },
  {
    kind: "bearer-token",
    re: /\bBearer\s+(?<s>[A-Za-z0-9._~+/-]{16,}=*)/dg,
    pick: (m) => (looksGenerated(m.groups?.s ?? "") ? secretGroup(m) : undefined),
  },
  { kind: "basic-auth", re: /\bAuthorization["']?\s*[:=]\s*["']?Basic\s+(?<s>[A-Za-z0-9+/]{8,}={0,2})/dgi },
  { kind: "basic-auth", re: /(?:^|\s)(?:-u|--user)\s+["']?[^\s:"']+:(?<s>[^\s"']+)/dg },
  {
    kind: "generic-secret",
    re: new RegExp(
      String.raw`(?<![\w.-])(?<key>(?:[A-Za-z_][\w.-]{0,80}?)?${SECRET_KEY_TAIL})["']?[ \t]*(?<sep>:=|=>|=|:)[ \t]*(?:"(?<dq>[^"\n]*)"|'(?<sq>[^'\n]*)'|(?<bare>[^\s"',;&})\]]+))`,
      "dgi",
    ),
    pick: genericPick,
  },
];

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

function position(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

interface Span extends Candidate {
  kind: SecretKind;
}

const MARKER = /\[REDACTED:[a-z-]+\]/g;

function findSpans(text: string): Span[] {
  // Markers from an earlier pass are never part of a secret: this is what makes redaction idempotent
  // ("https://[REDACTED:github-token]@host" must not read as user "[REDACTED" with a password).
  const markers = [...text.matchAll(MARKER)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const accepted: Span[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      if (m[0] === "") rule.re.lastIndex++;
      const c = rule.pick ? rule.pick(m, text) : secretGroup(m);
      if (!c || c.end <= c.start) continue;
      if (markers.some((k) => k.start < c.end && c.start < k.end)) continue;
      const overlapping = accepted.filter((a) => a.start < c.end && c.start < a.end);
      if (overlapping.length === 0) {
        accepted.push({ ...c, kind: rule.kind });
        continue;
      }
      // A more specific rule already claimed part of it; widen that span so no tail of the value survives.
      const first = overlapping[0]!;
      first.start = Math.min(c.start, ...overlapping.map((o) => o.start));
      first.end = Math.max(c.end, ...overlapping.map((o) => o.end));
      for (const o of overlapping.slice(1)) accepted.splice(accepted.indexOf(o), 1);
    }
  }
  return accepted.sort((a, b) => a.start - b.start);
}

/** Replaces every secret in `text` by `[REDACTED:<kind>]` and reports where each one was. */
export function redactSecrets(text: string): { text: string; findings: RedactionFinding[] } {
  const spans = findSpans(text);
  if (spans.length === 0) return { text, findings: [] };
  const starts = lineStarts(text);
  let out = "";
  let at = 0;
  const findings: RedactionFinding[] = [];
  for (const s of spans) {
    out += text.slice(at, s.start) + redactionMarker(s.kind);
    at = s.end;
    findings.push({ kind: s.kind, ...position(starts, s.start) });
  }
  return { text: out + text.slice(at), findings };
}

export type DeepRedactionFinding = RedactionFinding & {
  /** Where the string sat in the value: `fields.timeline[2].text`. */
  path: string;
};

function childPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  const safe = /^[A-Za-z_$][\w$]*$/.test(key) ? key : null;
  if (path === "") return safe ?? `[${JSON.stringify(key)}]`;
  return safe ? `${path}.${safe}` : `${path}[${JSON.stringify(key)}]`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Redacts every string inside nested plain objects and arrays (structured entry fields, chat
 * messages). A string under a secret-looking key (`password`, `DB_PASSWORD`, `apiKey`) is redacted
 * whole even when it matches no pattern. Returns a copy; the input is not changed.
 */
export function redactDeep<T>(value: T): { value: T; findings: DeepRedactionFinding[] } {
  const findings: DeepRedactionFinding[] = [];
  const ancestors = new Set<object>();
  const walk = (v: unknown, path: string, key: string | undefined): unknown => {
    if (typeof v === "string") {
      const r = redactSecrets(v);
      if (r.findings.length > 0) {
        findings.push(...r.findings.map((f) => ({ ...f, path })));
        return r.text;
      }
      if (key !== undefined && isSecretKey(key) && !isPlaceholderSecret(v)) {
        findings.push({ kind: "generic-secret", line: 1, column: 1, path });
        return redactionMarker("generic-secret");
      }
      return v;
    }
    if (Array.isArray(v) || isPlainObject(v)) {
      if (ancestors.has(v)) throw new TypeError(`redactDeep: circular reference at ${path || "<root>"}`);
      ancestors.add(v);
      const out = Array.isArray(v)
        ? v.map((item, i) => walk(item, childPath(path, i), key))
        : Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item, childPath(path, k), k)]));
      ancestors.delete(v);
      return out;
    }
    return v;
  };
  return { value: walk(value, "", undefined) as T, findings };
}

/** Count of findings per kind, every kind present (zero when none). */
export function summarizeFindings<F extends { kind: SecretKind }>(findings: readonly F[]): Record<SecretKind, number> {
  const summary = Object.fromEntries(SECRET_KINDS.map((k) => [k, 0])) as Record<SecretKind, number>;
  for (const f of findings) summary[f.kind] += 1;
  return summary;
}
