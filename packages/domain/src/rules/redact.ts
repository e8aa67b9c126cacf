// Secret redaction: everything published to Hindsight (postmortems, chat transcripts, pasted logs)
// passes through here before it is stored, so a token pasted into an incident channel does not
// become searchable by the whole organisation. Patterns follow gitleaks' rules for the providers we
// see in incident material; documented example values and placeholders are left alone, and the
// output is stable under a second pass (redacting redacted text changes nothing).
//
// A finding records the kind and where the secret started in the ORIGINAL text (1-based line and
// column, columns in UTF-16 code units as editors count them), never the secret itself.
//
// Kinds covered (SECRET_KINDS, 60): key blocks (PEM/PKCS#8, OpenSSH, PGP, age, GCP service-account
// JSON); AWS key ids and secrets (also a bare 40-character secret written near its key id), Google
// API keys / OAuth client secrets / access tokens, Azure storage keys and SAS signatures, Azure AD
// client secrets, DigitalOcean, Heroku, Cloudflare; GitHub (ghp/gho/ghu/ghs/ghr, github_pat), GitLab
// (glpat, gldt, glrt, glptt, glcbt, glft, gloas, runner registration…), npm, PyPI, RubyGems, Docker
// Hub, Artifactory, Vault, Terraform Cloud, Pulumi, Doppler, Databricks; Slack tokens and webhooks,
// Discord and Teams webhooks, Telegram bots; Stripe, Square, Shopify, SendGrid, Mailgun, Mailchimp,
// Brevo, Twilio, Atlassian, Linear, Postman, Okta, PlanetScale, Supabase; Datadog, New Relic, Sentry
// (tokens and DSNs), Grafana, Dynatrace; OpenAI, Anthropic, Hugging Face; JWTs, Kubernetes Secret
// `data:` values, passwords in connection URLs (postgres, mysql, mongodb+srv, redis, amqp, http…),
// Authorization Bearer/Basic/token headers, `curl -u`, `password=`/`secret:`-style assignments in
// env/YAML/JSON/properties, secret-named CLI flags (`--password xyz`, `mysql -pxyz`), and any
// high-entropy value after a word naming a secret (key, token, auth, credential, …).
//
// Measured on the seeded corpus of secret-corpus.ts (300 planted secrets of all 60 kinds, 270 near
// misses: commit hashes, UUIDs, data: images, identifiers, paths, URLs, versions, placeholders,
// digests), tuned on its tuning half only; held-out half: recall 1.000 (154/154), false-positive
// rate 0.000 (0/125). The generator draws its formats from the same specifications as the rules,
// so this is an upper bound; the hand-written cases in redact.test.ts are the independent check.
// On real text (../shared/corpus: 880 KB of postmortems, runbooks and a Slack export) the rules
// flag only the six `xoxe-` Slack file tokens of the export's URLs, which are real secrets.
// Print the figures with `pnpm --filter @hindsight/domain redaction-report`.

export const SECRET_KINDS = [
  // Key material
  "private-key",
  "ssh-private-key",
  "pgp-private-key",
  "age-secret-key",
  "gcp-service-account",
  // Cloud providers
  "aws-access-key",
  "aws-secret-key",
  "google-api-key",
  "google-oauth-secret",
  "google-oauth-token",
  "azure-storage-key",
  "azure-client-secret",
  "digitalocean-token",
  "heroku-key",
  "cloudflare-key",
  // Code hosting, registries, CI
  "github-token",
  "gitlab-token",
  "npm-token",
  "pypi-token",
  "rubygems-key",
  "docker-token",
  "artifactory-token",
  "vault-token",
  "terraform-token",
  "pulumi-token",
  "doppler-token",
  "databricks-token",
  // Chat and webhooks
  "slack-token",
  "slack-webhook",
  "discord-webhook",
  "teams-webhook",
  "telegram-bot-token",
  // SaaS APIs
  "stripe-key",
  "square-token",
  "shopify-token",
  "sendgrid-key",
  "mailgun-key",
  "mailchimp-key",
  "brevo-key",
  "twilio-key",
  "atlassian-token",
  "linear-key",
  "postman-key",
  "okta-token",
  "planetscale-token",
  "supabase-token",
  // Observability
  "datadog-key",
  "newrelic-key",
  "sentry-token",
  "grafana-token",
  "dynatrace-token",
  // AI providers
  "openai-key",
  "anthropic-key",
  "huggingface-token",
  // Structural
  "jwt",
  "kubernetes-secret",
  "password-in-url",
  "bearer-token",
  "basic-auth",
  "generic-secret",
  "high-entropy-secret",
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
  if (/^(?:replace[-_ ]?me|fill[-_ ]?me[-_ ]?in|insert[-_ ]\w+|enter[-_ ]\w+|your[-_ ][\w-]+|\.{3,}|…)$/i.test(v)) return true;
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
  /** Minimum Shannon entropy (bits per character) of the secret: filters `xxxx`-style fill-ins. */
  entropy?: number;
  /** The secret's span(s) in the match: the `s` group, or the whole match. Undefined skips the match. */
  pick?: (m: RegExpExecArray, text: string) => Candidate | Candidate[] | undefined;
}

function group(m: RegExpExecArray, name: string): Candidate | undefined {
  const span = m.indices?.groups?.[name];
  return span ? { start: span[0], end: span[1] } : undefined;
}

function secretGroup(m: RegExpExecArray, minEntropy = 0): Candidate | undefined {
  const c = group(m, "s") ?? { start: m.index, end: m.index + m[0].length };
  const value = m.groups?.s ?? m[0];
  if (isPlaceholderSecret(value)) return undefined;
  return shannonEntropy(value) >= minEntropy ? c : undefined;
}

/** Shannon entropy in bits per character: about 4 for random hex, 5.2+ for random base64, under 3 for words. */
export function shannonEntropy(v: string): number {
  if (v.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of v) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / v.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Mixed letters and digits (or symbols), as generated secrets are and prose words are not. */
function looksGenerated(v: string): boolean {
  if (v.length >= 24 && !/^[a-z]+$/i.test(v)) return true;
  if (v.length < 8) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(v)).length;
  return classes >= 2 && /\d|[^A-Za-z0-9]/.test(v);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERSION = /^v?\d+(?:\.\d+)+(?:[-+~][\w.-]*)?$|^\d{4}-\d{2}-\d{2}$/;
const GIT_CONTEXT = /\b(?:commit|commits|sha1?|revert(?:ed|s)?|merged?|cherry-pick(?:ed)?|rebased?|git|HEAD|tree|parent|fixup|bisect)\b/i;

function isPathLike(v: string): boolean {
  if (!v.includes("/") && !v.includes("\\")) return false;
  if (/^(?:\.{1,2}[\\/]|~\/|\/[a-z]|[A-Za-z]:\\)/.test(v)) return true;
  if (/\.[a-z]{1,5}$/.test(v)) return true; // config/credentials.yml
  return v.split("/").every((seg) => /^[a-z0-9._-]*$/.test(seg));
}

/** Letters changing class often (aB3xQ) as random strings do; camelCase identifiers change every word or so. */
function classSwitchRatio(v: string): number {
  const cls = (c: string) => (/[a-z]/.test(c) ? 0 : /[A-Z]/.test(c) ? 1 : /\d/.test(c) ? 2 : 3);
  let switches = 0;
  for (let i = 1; i < v.length; i++) if (cls(v[i]!) !== cls(v[i - 1]!)) switches++;
  return switches / Math.max(1, v.length - 1);
}

/**
 * True for a value that reads as machine-generated: long enough, a rich alphabet, high Shannon
 * entropy, and none of the shapes that are long and random-looking without being secret (UUIDs,
 * commit hashes in git talk, versions, paths, identifiers). `strict` for a value only separated
 * from its keyword by a space, where prose is likely.
 */
export function isHighEntropySecret(raw: string, opts: { strict?: boolean; line?: string } = {}): boolean {
  const v = raw.replace(/^["'`]+|["'`.,;:!?)\]}]+$/g, "");
  const min = opts.strict ? 20 : 16;
  if (v.length < min || v.length > 512) return false;
  if (isPlaceholderSecret(v) || UUID.test(v) || VERSION.test(v) || isPathLike(v) || /^data:|:\/\//i.test(v)) return false;
  if (/^[0-9a-f]+$/i.test(v)) {
    // Hex: commit hashes are the usual false positive; a 40-hex value in git talk is a commit.
    if (v.length < 32) return false;
    if (v.length === 40 && opts.line && GIT_CONTEXT.test(opts.line)) return false;
    return shannonEntropy(v) >= 3.0;
  }
  if (/^[a-z]+(?:[._-][a-z0-9]+)*$/i.test(v) && !/\d/.test(v) && classSwitchRatio(v) < 0.35) return false; // words, identifiers
  if (/^\d+$/.test(v)) return false;
  if (!/\d/.test(v) && (v.length < 20 || classSwitchRatio(v) < 0.35)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(v)).length;
  if (classes < 2) return false;
  return shannonEntropy(v) >= (opts.strict ? 3.6 : 3.3);
}

// An optional encoding suffix still names the secret itself (Rails' SECRET_KEY_BASE, PASSWORD_B64).
const SECRET_KEY_TAIL = String.raw`(?:password|passwd|passphrase|pwd|[_.-]pass|secret|token|api[_.-]?key|apikey|access[_.-]?key|private[_.-]?key|secret[_.-]?key|client[_.-]?secret|credentials?|auth[_.-]?token)(?:[_.-]?(?:base|value|b64|base64))?`;
const SECRET_KEY = new RegExp(String.raw`^(?:[A-Za-z_][\w.-]*?)?${SECRET_KEY_TAIL}$`, "i");
/** Keys that end like a secret but name something else: the shell's working directory, pagination cursors. */
const NOT_SECRET_KEY = /^(?:old)?pwd$|(?:^|[_.-])(?:next|page|pagination|continuation|cursor|sync|max|num|total|bypass|by[_.-]pass)[_.-]?(?:token|pass)$/i;

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
  // A file holding the secret (`GOOGLE_APPLICATION_CREDENTIALS=/home/ci/sa.json`) names it, it is not it.
  if (/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\|file:)/.test(value)) return undefined;
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

function lineAround(text: string, at: number): string {
  const s = text.lastIndexOf("\n", at - 1) + 1;
  const e = text.indexOf("\n", at);
  return text.slice(s, e === -1 ? text.length : e);
}

/** `--password xyz`, `--token=xyz`: a secret-named flag of a command line. */
function flagPick(m: RegExpExecArray): Candidate | undefined {
  const key = m.groups?.key ?? "";
  const value = m.groups?.s ?? "";
  if (!isSecretKey(key) || isPlaceholderSecret(value) || value.length < 3 || value.startsWith("-")) return undefined;
  if (/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\|file:)/.test(value)) return undefined;
  return group(m, "s");
}

/** Words that name a secret, for the entropy rule: some are whole words only (`key`, not `monkey`). */
const ANY_PREFIX_WORDS = /^(?:secrets?|tokens?|passwords?|passwd|passphrase|credentials?|creds)$/i;
/** What a keyword's suffix says the value is instead: `key_id`, `token_type`, `secret_name`, `password_file`. */
const NOT_A_SECRET_SUFFIX = /(?:id|ids|name|names|type|url|uri|path|file|size|len|length|count|ttl|expiry|expires?|expiration|at|version|prefix|hint|field|header|format|arn|ref|hash|fingerprint|algorithm|alg|usage|policy|rotation|store|vault|manager|provider|mode|limit|bucket|endpoint|label|kind|class|ring|board|word|stroke|note|notes)$/i;

function entropyPick(m: RegExpExecArray, text: string): Candidate | undefined {
  const g = m.groups ?? {};
  const kw = g.kw ?? "";
  const kwAt = m.index;
  const before = text[kwAt - 1] ?? "";
  // `monkey`, `bypass`: a short keyword glued to a word is another word; camelCase `apiKey` is fine.
  if (!ANY_PREFIX_WORDS.test(kw) && /[A-Za-z]/.test(before) && !(/[a-z]/.test(before) && /^[A-Z]/.test(kw))) return undefined;
  if (/pub(?:lic)?[_ .-]?$/i.test(text.slice(Math.max(0, kwAt - 8), kwAt))) return undefined; // public keys are public
  if (NOT_A_SECRET_SUFFIX.test(kw + (g.tail ?? ""))) return undefined;
  const span = group(m, "s");
  if (!span) return undefined;
  let value = g.s ?? "";
  const trimmed = value.replace(/[.,;:!?)\]}]+$/, "");
  span.end -= value.length - trimmed.length;
  value = trimmed;
  const strict = !/[:=]/.test(g.sep ?? "");
  return isHighEntropySecret(value, { strict, line: lineAround(text, kwAt) }) ? span : undefined;
}

/** A 40-character AWS secret written near its key id (`AKIA… secret …`), with or without a label. */
function awsPairPick(m: RegExpExecArray): Candidate | undefined {
  const v = m.groups?.s ?? "";
  if (!/[a-z]/.test(v) || !/[A-Z]/.test(v) || !/\d/.test(v) || shannonEntropy(v) < 4.2) return undefined;
  return secretGroup(m);
}

// YAML documents of the text being scanned and whether each is a `kind: Secret`, computed once per
// text (a paste of many manifests must not cost a scan of the whole text per `data:` block).
let docsOf: { text: string; docs: { end: number; secret: boolean }[] } | undefined;

function inSecretDocument(text: string, at: number): boolean {
  if (docsOf?.text !== text) {
    const docs: { end: number; secret: boolean }[] = [];
    const sep = /\n---[^\n]*/g;
    let start = 0;
    const close = (end: number) => {
      docs.push({ end, secret: /^[ \t]*kind:[ \t]*["']?Secret["']?[ \t]*\r?$/m.test(text.slice(start, end)) });
      start = end;
    };
    for (let m = sep.exec(text); m; m = sep.exec(text)) close(m.index);
    close(text.length);
    docsOf = { text, docs };
  }
  const docs = docsOf.docs;
  let lo = 0;
  let hi = docs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (docs[mid]!.end <= at) lo = mid + 1;
    else hi = mid;
  }
  return docs[lo]?.secret ?? false;
}

/** The values of a Kubernetes Secret manifest's `data:`/`stringData:` block (any key name). */
function kubernetesPick(m: RegExpExecArray, text: string): Candidate[] | undefined {
  // The block must belong to a `kind: Secret` document (between `---` separators).
  if (!inSecretDocument(text, m.index)) return undefined;
  const block = m.groups?.block ?? "";
  const blockAt = m.indices?.groups?.block?.[0] ?? m.index;
  const out: Candidate[] = [];
  const line = /^[ \t]+["']?[\w.-]+["']?:[ \t]*["']?(?<v>[^\s"'#]+)["']?[ \t]*$/gm;
  for (let l = line.exec(block); l; l = line.exec(block)) {
    const v = l.groups?.v ?? "";
    if (isPlaceholderSecret(v) || v.length < 4 || v === "|" || v === ">") continue;
    const at = blockAt + l.index + l[0].lastIndexOf(v);
    out.push({ start: at, end: at + v.length });
  }
  return out.length > 0 ? out : undefined;
}

// Separator between a keyword and its value, as gitleaks writes it for its keyword rules: `=`, `:`,
// `:=`, `=>`, quotes around the key, a little white space.
const KV = String.raw`[\w.-]{0,20}?["']?[ \t]*(?::=|=>|=|:)[ \t]*["'\x60]?`;

// The rules, most specific first: where two rules cover the same characters, the earlier kind wins.
// Formats follow gitleaks' rule set (github.com/gitleaks/gitleaks, MIT licence, config/gitleaks.toml)
// for the providers that show up in engineering chat, postmortems and runbooks; they are written
// here in this module's own style (named `s` group, lookarounds instead of gitleaks' delimiter
// groups) rather than copied.
const RULES: Rule[] = [
  // --- Key material -----------------------------------------------------------------------
  {
    kind: "gcp-service-account",
    re: /"private_key"\s*:\s*"(?<s>-----BEGIN[^"]*)"/dg,
  },
  ...(["ssh-private-key", "pgp-private-key", "private-key"] as const).map(
    (kind): Rule => ({
      kind,
      re: new RegExp(
        String.raw`-----BEGIN ${kind === "ssh-private-key" ? "OPENSSH " : kind === "pgp-private-key" ? "PGP " : "[ A-Z0-9]*"}PRIVATE KEY(?: BLOCK)?-----(?<body>(?:[^-]|-(?!----BEGIN ))*?)(?:-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----|$(?![\s\S]))`,
        "dg",
      ),
      // Only a block with key material: documentation naming the markers is not a key. The body
      // stops at the next BEGIN, so a paste of many unterminated markers stays linear.
      pick: (m) => ((m.groups?.body ?? "").replace(/\\n|\s/g, "").length >= 32 ? { start: m.index, end: m.index + m[0].length } : undefined),
    }),
  ),
  { kind: "age-secret-key", re: /\b(?<s>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})\b/dg },

  // --- Cloud providers --------------------------------------------------------------------
  { kind: "aws-access-key", re: /\b(?<s>(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16})\b/dg, entropy: 2.5 },
  {
    kind: "aws-secret-key",
    re: /(?:aws[_-]?secret[_-]?access[_-]?key|aws[_-]?secret[_-]?key|secret[_-]?access[_-]?key|SecretAccessKey)["']?\s*(?:[:=]|=>)?\s*["']?(?<s>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/dgi,
  },
  {
    // The key id and, a few words later, its secret: `AKIA… / secret …`, `id AKIA…, key …`.
    kind: "aws-secret-key",
    re: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b(?:(?!\n[ \t]*\n)[\s\S]){1,200}?(?<![A-Za-z0-9/+])(?<s>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dg,
    pick: awsPairPick,
  },
  {
    kind: "aws-secret-key",
    re: /\baws\b[\w .-]{0,30}?\bsecret\b(?:[ \t]+(?:access[ \t]+)?key)?["']?[ \t]*(?:[:=]|is)?[ \t]*["'`]?(?<s>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dgi,
    pick: awsPairPick,
  },
  { kind: "google-api-key", re: /\b(?<s>AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/dg },
  { kind: "google-oauth-secret", re: /\b(?<s>GOCSPX-[0-9A-Za-z_-]{28})(?![0-9A-Za-z_-])/dg },
  { kind: "google-oauth-token", re: /\b(?<s>ya29\.[0-9A-Za-z_-]{30,}|1\/\/0[0-9A-Za-z_-]{40,})/dg, entropy: 3.5 },
  {
    kind: "azure-storage-key",
    re: /(?:\b(?:AccountKey|SharedAccessKey)=|[?&]sig=)(?<s>[A-Za-z0-9+/%]{20,}(?:={1,2}|%3D){0,2})/dg,
  },
  { kind: "azure-client-secret", re: /(?<![\w~.-])(?<s>[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?![\w~.-])/dg, entropy: 3.5 },
  { kind: "digitalocean-token", re: /\b(?<s>do[opr]_v1_[a-f0-9]{64})\b/dg, entropy: 3 },
  { kind: "heroku-key", re: /\b(?<s>HRKU-AA[0-9A-Za-z_-]{58})(?![\w-])/dg },
  {
    kind: "heroku-key",
    re: new RegExp(String.raw`heroku${KV}(?<s>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b`, "dgi"),
  },
  {
    kind: "cloudflare-key",
    re: new RegExp(String.raw`cloudflare${KV}(?<s>[A-Za-z0-9_-]{40}|[a-f0-9]{37})(?![\w-])`, "dgi"),
    entropy: 3.5,
  },
  { kind: "cloudflare-key", re: /\b(?<s>v1\.0-[a-f0-9]{24}-[a-f0-9]{146})\b/dg },

  // --- Code hosting, registries, CI ----------------------------------------------------------
  { kind: "github-token", re: /\b(?<s>(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/dg },
  {
    kind: "gitlab-token",
    re: /\b(?<s>(?:glpat|gldt|glrt|glft|glffct|glsoat|glimt|glagent|gloas|glcbt)-[\w-]{20,300}(?:\.[0-9a-z]{9})?|glptt-[0-9a-f]{40}|GR1348941[\w-]{20})(?![\w-])/dg,
    entropy: 3,
  },
  { kind: "npm-token", re: /\b(?<s>npm_[A-Za-z0-9]{36})\b/dg },
  { kind: "pypi-token", re: /\b(?<s>pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,})/dg },
  { kind: "rubygems-key", re: /\b(?<s>rubygems_[a-f0-9]{48})\b/dg },
  { kind: "docker-token", re: /\b(?<s>dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,})/dg, entropy: 3 },
  { kind: "artifactory-token", re: /\b(?<s>AKCp[A-Za-z0-9]{69}|cmVmd[A-Za-z0-9]{59})\b/dg, entropy: 4 },
  { kind: "vault-token", re: /\b(?<s>(?:hvs|hvb|hvr)\.[A-Za-z0-9_-]{24,300})/dg, entropy: 3.5 },
  { kind: "terraform-token", re: /\b(?<s>[a-z0-9]{14}\.atlasv1\.[a-z0-9_=-]{60,70})(?![\w=-])/dg },
  { kind: "pulumi-token", re: /\b(?<s>pul-[a-f0-9]{40})\b/dg, entropy: 3 },
  { kind: "doppler-token", re: /\b(?<s>dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44})\b/dg, entropy: 3.5 },
  { kind: "databricks-token", re: /\b(?<s>dapi[a-f0-9]{32}(?:-\d)?)\b/dg, entropy: 3 },

  // --- Chat and webhooks ----------------------------------------------------------------------
  { kind: "slack-token", re: /\b(?<s>xox[abeoprs]-[A-Za-z0-9-]{10,}|xoxe\.xox[bp]-\d-[A-Za-z0-9]{100,}|xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+)/dg },
  { kind: "slack-webhook", re: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/(?<s>[A-Za-z0-9_/-]{20,})/dg },
  { kind: "discord-webhook", re: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{17,20}\/(?<s>[A-Za-z0-9_-]{60,70})/dg },
  {
    kind: "teams-webhook",
    re: /https:\/\/[a-z0-9-]+\.webhook\.office\.com\/webhookb2\/(?<s>[A-Za-z0-9@/._-]{40,300})|https:\/\/outlook\.office(?:365)?\.com\/webhook\/(?<s2>[A-Za-z0-9@/._-]{40,300})/dg,
    pick: (m) => group(m, "s") ?? group(m, "s2"),
  },
  { kind: "telegram-bot-token", re: /(?:(?<![\w:])|(?<=\/bot))(?<s>\d{8,10}:A[A-Za-z0-9_-]{34})(?![\w-])/dg, entropy: 3.5 },

  // --- SaaS APIs ------------------------------------------------------------------------------
  { kind: "stripe-key", re: /\b(?<s>(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}|whsec_[A-Za-z0-9]{24,})\b/dg },
  { kind: "square-token", re: /\b(?<s>sq0(?:atp|csp|idp)-[0-9A-Za-z_-]{22,43})(?![\w-])/dg, entropy: 3 },
  { kind: "shopify-token", re: /\b(?<s>shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})\b/dg, entropy: 3 },
  { kind: "sendgrid-key", re: /\b(?<s>SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/dg },
  { kind: "mailgun-key", re: /\b(?<s>key-[0-9a-z]{32})\b/dg, pick: (m) => (/\d/.test(m.groups?.s ?? "") ? secretGroup(m, 3.5) : undefined) },
  { kind: "mailchimp-key", re: /\b(?<s>[0-9a-f]{32}-us\d{1,2})\b/dg, entropy: 3 },
  { kind: "brevo-key", re: /\b(?<s>xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16})\b/dg },
  { kind: "twilio-key", re: /\b(?<s>SK[0-9a-fA-F]{32})\b/dg, entropy: 3 },
  { kind: "atlassian-token", re: /\b(?<s>ATATT3[A-Za-z0-9_=-]{150,250})(?![\w=-])/dg },
  {
    kind: "atlassian-token",
    re: new RegExp(String.raw`(?:atlassian|confluence|jira)${KV}(?<s>[A-Za-z0-9]{24})(?![A-Za-z0-9])`, "dgi"),
    entropy: 3.5,
  },
  { kind: "linear-key", re: /\b(?<s>lin_(?:api|oauth)_[A-Za-z0-9]{40})\b/dg },
  { kind: "postman-key", re: /\b(?<s>PMAK-[a-f0-9]{24}-[a-f0-9]{34})\b/dg },
  { kind: "okta-token", re: new RegExp(String.raw`okta${KV}(?<s>00[A-Za-z0-9_=-]{40})(?![\w=-])`, "dgi"), entropy: 3.5 },
  { kind: "planetscale-token", re: /\b(?<s>pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_=.-]{32,64})(?![\w=.-])/dg, entropy: 3 },
  { kind: "supabase-token", re: /\b(?<s>sbp_[a-f0-9]{40}|sb_secret_[A-Za-z0-9_-]{31,})(?![\w-])/dg, entropy: 3 },

  // --- Observability --------------------------------------------------------------------------
  {
    kind: "datadog-key",
    re: /(?:datadog|\bdd)[\w.-]{0,20}?(?:api|app(?:lication)?)[_.-]?key["']?[ \t]*(?::=|=>|=|:)?[ \t]*["'`]?(?<s>[a-f0-9]{40}|[a-f0-9]{32})(?![A-Za-z0-9])/dgi,
    entropy: 3,
  },
  { kind: "newrelic-key", re: /\b(?<s>NRAK-[A-Z0-9]{27}|NRJS-[a-f0-9]{19}|NRII-[A-Za-z0-9_-]{32}|NRAA-[a-f0-9]{27}|[a-f0-9]{36}NRAL)\b/dg, entropy: 3 },
  {
    kind: "sentry-token",
    re: /\b(?<s>sntrys_eyJ[A-Za-z0-9+/=_-]{50,}|sntryu_[a-f0-9]{64})|https:\/\/(?<s2>[a-f0-9]{32})@[\w.-]*\bsentry\b[\w.-]*\/\d+/dg,
    pick: (m) => group(m, "s") ?? group(m, "s2"),
  },
  { kind: "grafana-token", re: /\b(?<s>glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|eyJrIjoi[A-Za-z0-9]{70,400}={0,2})/dg, entropy: 3.5 },
  { kind: "dynatrace-token", re: /\b(?<s>dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64})\b/dg },

  // --- AI providers ----------------------------------------------------------------------------
  { kind: "anthropic-key", re: /\b(?<s>sk-ant-(?:api|admin|oat|ort|sid)\d{2}-[A-Za-z0-9_-]{40,200})(?![\w-])/dg },
  {
    kind: "openai-key",
    re: /\b(?<s>sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{40,300}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|sk-[A-Za-z0-9]{48})(?![\w-])/dg,
    entropy: 3.5,
  },
  { kind: "huggingface-token", re: /\b(?<s>(?:hf|api_org)_[A-Za-z]{34})\b/dg, entropy: 3.5 },

  // --- Structural ------------------------------------------------------------------------------
  { kind: "jwt", re: /\b(?<s>eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*)/dg },
  {
    kind: "kubernetes-secret",
    re: /^(?<ind>[ \t]*)(?:data|stringData):[ \t]*\r?\n(?<block>(?:\k<ind>[ \t]+[^\n]*(?:\n|$))+)/dgm,
    pick: kubernetesPick,
  },
  { kind: "password-in-url", re: /\b[a-z][a-z0-9+.-]{0,30}:\/\/[^\s:/@]{0,256}:(?<s>[^\s@/]{1,256})@[^\s@/]/dgi },
  {
    kind: "bearer-token",
    re: /\bAuthorization["']?\s*[:=]\s*["']?(?:Bearer|token)\s+(?<s>[A-Za-z0-9._~+/=-]+)/dgi,
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
  {
    // Command-line flags: `--password xyz`, `--client-secret=xyz`, `-token xyz`.
    kind: "generic-secret",
    re: /(?<![\w-])--?(?<key>[A-Za-z][\w-]{0,40})(?:=|[ \t]+)["']?(?<s>[^\s"'|;&<>]+)/dg,
    pick: flagPick,
  },
  {
    // mysql -pSECRET (no space: mysql reads a space as "prompt for it").
    kind: "generic-secret",
    re: /\bmysql(?:dump|admin)?\b[^\n]{0,200}?[ \t]-p(?<s>[^\s"'-][^\s"']{3,})/dg,
  },
  {
    // Anything high-entropy after a word that names a secret: `key xyz`, `auth: xyz`, `"signingKey": "xyz"`.
    kind: "high-entropy-secret",
    re: /(?<kw>secrets?|tokens?|passwords?|passwd|passphrase|pwd|pass|keys?|apikey|credentials?|creds|auth|sig|signature)(?<tail>[\w.-]{0,24}?)["']?(?<sep>[ \t]*(?::=|=>|=|:)[ \t]*|[ \t]+(?:is[ \t]+|=[ \t]*)?)["'`]?(?<s>[A-Za-z0-9+/_.~=!@#$%^&*-]{16,512})/dgi,
    pick: entropyPick,
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

/** Index of the first span (sorted, disjoint) that ends after `at`. */
function firstEndingAfter(spans: Span[], at: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.end <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function findSpans(text: string): Span[] {
  // Markers from an earlier pass are never part of a secret: this is what makes redaction idempotent
  // ("https://[REDACTED:github-token]@host" must not read as user "[REDACTED" with a password).
  const markers = [...text.matchAll(MARKER)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  // Kept sorted and disjoint, so each candidate costs a binary search, not a scan of every finding.
  const accepted: Span[] = [];
  const add = (c: Candidate, kind: SecretKind) => {
    if (c.end <= c.start) return;
    if (markers.some((k) => k.start < c.end && c.start < k.end)) return;
    const i = firstEndingAfter(accepted, c.start);
    let j = i;
    while (j < accepted.length && accepted[j]!.start < c.end) j++;
    if (i === j) {
      accepted.splice(i, 0, { ...c, kind });
      return;
    }
    // A more specific rule already claimed part of it; widen that span so no tail of the value survives.
    const first = accepted[i]!;
    first.start = Math.min(c.start, first.start);
    first.end = Math.max(c.end, accepted[j - 1]!.end);
    accepted.splice(i + 1, j - i - 1);
  };
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      if (m[0] === "") rule.re.lastIndex++;
      const c = rule.pick ? rule.pick(m, text) : secretGroup(m, rule.entropy);
      if (!c) continue;
      for (const one of Array.isArray(c) ? c : [c]) add(one, rule.kind);
    }
  }
  return accepted;
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
