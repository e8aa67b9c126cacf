// Test fixture only (excluded from the build): a deterministic, seeded corpus of planted secrets
// and near-miss non-secrets, for measuring the redaction rules' recall and false-positive rate.
//
// Every secret is synthesised from its format's published shape (prefix, length, alphabet), never
// copied from anywhere: none of them is, or was, a live credential. Each case is given to the
// "tuning" or the "heldout" part by a separate fixed-seed draw; rules are tuned on the tuning part
// only and the held-out part is what the recall and false-positive figures are reported on.

import type { SecretKind } from "./redact.js";

export type Split = "tuning" | "heldout";

export interface PlantedSecret {
  id: string;
  kind: SecretKind;
  /** The line(s) as they would appear in chat, a log or a config file. */
  text: string;
  /** Substrings that must not survive redaction (the secret, or its secret part). */
  needles: string[];
  split: Split;
}

export interface NearMiss {
  id: string;
  /** The false-positive class: commit, uuid, image, identifier, path, url, version, placeholder, digest. */
  cls: string;
  text: string;
  split: Split;
}

export interface SecretCorpus {
  planted: PlantedSecret[];
  nearMisses: NearMiss[];
}

type Rng = () => number;

function mulberry32(seed: number): Rng {
  let x = seed >>> 0;
  return () => {
    x = (x + 0x6d2b79f5) >>> 0;
    let t = Math.imul(x ^ (x >>> 15), x | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS = "0123456789";
const ALNUM = LOWER + UPPER + DIGITS;
const HEX = "0123456789abcdef";
const B64 = ALNUM + "+/";
const B64URL = ALNUM + "-_";
const BECH32 = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

/** A random string of `n` characters from `alphabet`, with at least one digit where the alphabet has digits. */
function rand(r: Rng, n: number, alphabet = ALNUM): string {
  let out = "";
  for (let i = 0; i < n; i++) out += alphabet[Math.floor(r() * alphabet.length)];
  if (n >= 8 && /\d/.test(alphabet) && !/\d/.test(out)) out = out.slice(0, -1) + String(int(r, 0, 9));
  return out;
}

const uuid = (r: Rng) => `${rand(r, 8, HEX)}-${rand(r, 4, HEX)}-4${rand(r, 3, HEX)}-${pick(r, ["8", "9", "a", "b"])}${rand(r, 3, HEX)}-${rand(r, 12, HEX)}`;

function b64url(s: string): string {
  return Buffer.from(s).toString("base64").replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}

const USERS = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "oscar", "peggy", "trent"];
const WORDS = ["orders", "billing", "checkout", "payments", "search", "gateway", "ledger", "inventory", "shipping", "catalog", "reports", "identity", "notifier", "scheduler"];
const HOSTS = ["db-primary.internal", "orders-db.prod.acme.net", "10.20.3.14", "cache.internal", "mq.internal", "mongo-0.mongo.svc.cluster.local"];

const stamp = (r: Rng) => `[${String(int(r, 0, 23)).padStart(2, "0")}:${String(int(r, 0, 59)).padStart(2, "0")}] ${pick(r, USERS)}:`;
const iso = (r: Rng) => `2026-${String(int(r, 1, 12)).padStart(2, "0")}-${String(int(r, 1, 28)).padStart(2, "0")}T${String(int(r, 0, 23)).padStart(2, "0")}:${String(int(r, 0, 59)).padStart(2, "0")}:07Z`;

/** Neutral contexts: no secret-naming keyword, so only the format rule can find the secret. */
const NEUTRAL: ((r: Rng, s: string) => string)[] = [
  (r, s) => `${stamp(r)} pasted the wrong thing, ${s} - rotating it now`,
  (r, s) => `${stamp(r)} can you try with ${s}? the old one expired`,
  (r, s) => `${stamp(r)} \`${s}\``,
  (r, s) => `${stamp(r)} here:\n\`\`\`\n${s}\n\`\`\``,
  (r, s) => `${iso(r)} WARN ${pick(r, WORDS)}-worker rejected ${s} (401)`,
  (r, s) => `> ${s}\n${stamp(r)} please don't paste those here`,
  (r, s) => `level=error msg="upstream refused" value="${s}" service=${pick(r, WORDS)}`,
  (r, s) => `${stamp(r)} works for me with ${s}, ship it`,
];

interface Plant {
  secret: string;
  /** The kind's own context; a neutral one is drawn when absent. */
  line?: string;
  needles?: string[];
}

type Gen = (r: Rng) => Plant;

function pemBody(r: Rng, lines: number, prefix = ""): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push((i === 0 ? prefix : "") + rand(r, i === 0 ? 64 - prefix.length : 64, B64));
  out.push(rand(r, int(r, 20, 60), B64) + "==");
  return out;
}

const awsSecret = (r: Rng) => {
  let s = rand(r, 40, B64);
  while (!/[a-z]/.test(s) || !/[A-Z]/.test(s) || !/\d/.test(s)) s = rand(r, 40, B64);
  return s;
};
const akia = (r: Rng) => "AKIA" + rand(r, 16, UPPER + "234567");
const urlPassword = (r: Rng) => rand(r, int(r, 10, 22), ALNUM + "-_.~!*");

const GENERATORS: Record<SecretKind, Gen> = {
  "private-key": (r) => {
    const type = pick(r, ["RSA ", "EC ", "", "ENCRYPTED ", "DSA "]);
    const body = pemBody(r, int(r, 3, 8), type === "RSA " ? "MIIE" : type === "EC " ? "MHcC" : "MIIE");
    const block = [`-----BEGIN ${type}PRIVATE KEY-----`, ...body, `-----END ${type}PRIVATE KEY-----`].join("\n");
    return { secret: block, needles: body.slice(0, 2) };
  },
  "ssh-private-key": (r) => {
    const body = pemBody(r, int(r, 4, 7), "b3BlbnNzaC1rZXktdjEAAAAA");
    return { secret: ["-----BEGIN OPENSSH PRIVATE KEY-----", ...body, "-----END OPENSSH PRIVATE KEY-----"].join("\n"), needles: body.slice(0, 2) };
  },
  "pgp-private-key": (r) => {
    const body = pemBody(r, int(r, 4, 7), "lQOYBG");
    const block = ["-----BEGIN PGP PRIVATE KEY BLOCK-----", "", ...body, "=" + rand(r, 4, B64), "-----END PGP PRIVATE KEY BLOCK-----"].join("\n");
    return { secret: block, needles: body.slice(0, 2) };
  },
  "age-secret-key": (r) => ({ secret: "AGE-SECRET-KEY-1" + rand(r, 58, BECH32) }),
  "gcp-service-account": (r) => {
    const body = rand(r, 64, B64);
    const key = `-----BEGIN PRIVATE KEY-----\\n${body}\\n${rand(r, 64, B64)}\\n-----END PRIVATE KEY-----\\n`;
    const line = `{"type": "service_account", "project_id": "acme-${pick(r, WORDS)}", "private_key_id": "${rand(r, 40, HEX)}", "private_key": "${key}", "client_email": "ci@acme.iam.gserviceaccount.com"}`;
    return { secret: key, line, needles: [body] };
  },
  "aws-access-key": (r) => ({ secret: akia(r) }),
  "aws-secret-key": (r) => {
    const s = awsSecret(r);
    const id = akia(r);
    const line = pick(r, [
      `${stamp(r)} key id ${id} secret ${s}`,
      `${stamp(r)} ${id} / ${s}`,
      `aws_secret_access_key = ${s}`,
      `${stamp(r)} use ${id}\n${stamp(r)} and secret: ${s}`,
      `export AWS_SECRET_ACCESS_KEY="${s}"`,
      `aws configure set aws_secret_access_key ${s}`,
      `${stamp(r)} the aws secret is ${s}`,
    ]);
    return { secret: s, line };
  },
  "google-api-key": (r) => ({ secret: "AIza" + rand(r, 35, B64URL) }),
  "google-oauth-secret": (r) => ({ secret: "GOCSPX-" + rand(r, 28, B64URL) }),
  "google-oauth-token": (r) => ({ secret: "ya29." + rand(r, int(r, 60, 140), B64URL) }),
  "azure-storage-key": (r) => {
    const key = rand(r, 86, B64) + "==";
    if (r() < 0.5) return { secret: key, line: `DefaultEndpointsProtocol=https;AccountName=acme${pick(r, WORDS)};AccountKey=${key};EndpointSuffix=core.windows.net` };
    const sig = encodeURIComponent(rand(r, 43, B64) + "=");
    return { secret: sig, line: `${stamp(r)} https://acme${pick(r, WORDS)}.blob.core.windows.net/exports/dump.gz?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-12-31T00:00:00Z&sig=${sig}` };
  },
  "azure-client-secret": (r) => ({ secret: rand(r, 3, ALNUM) + int(r, 0, 9) + "Q~" + rand(r, 34, ALNUM + "_~.-") }),
  "digitalocean-token": (r) => ({ secret: pick(r, ["dop", "doo", "dor"]) + "_v1_" + rand(r, 64, HEX) }),
  "heroku-key": (r) => {
    if (r() < 0.5) return { secret: "HRKU-AA" + rand(r, 58, B64URL) };
    const u = uuid(r);
    return { secret: u, line: `${pick(r, ["HEROKU_API_KEY=", "heroku_api_key: ", "export HEROKU_API_KEY="])}${u}` };
  },
  "cloudflare-key": (r) => {
    const s = rand(r, 40, B64URL);
    return { secret: s, line: `${pick(r, ["CLOUDFLARE_API_TOKEN=", "cloudflare_token: ", "CF_API_TOKEN="])}${s}` };
  },
  "github-token": (r) => ({ secret: r() < 0.8 ? pick(r, ["ghp", "gho", "ghu", "ghs", "ghr"]) + "_" + rand(r, 36) : "github_pat_" + rand(r, 22) + "_" + rand(r, 59) }),
  "gitlab-token": (r) => ({
    secret: pick(r, [
      () => "glpat-" + rand(r, 20, B64URL),
      () => "gldt-" + rand(r, 20, ALNUM),
      () => "glrt-" + rand(r, 20, ALNUM),
      () => "glptt-" + rand(r, 40, HEX),
      () => "GR1348941" + rand(r, 20, B64URL),
      () => "glcbt-" + rand(r, 2, ALNUM) + "_" + rand(r, 20, ALNUM),
    ])(),
  }),
  "npm-token": (r) => ({ secret: "npm_" + rand(r, 36) }),
  "pypi-token": (r) => ({ secret: "pypi-AgEIcHlwaS5vcmc" + rand(r, int(r, 60, 160), B64URL) }),
  "rubygems-key": (r) => ({ secret: "rubygems_" + rand(r, 48, HEX) }),
  "docker-token": (r) => ({ secret: "dckr_pat_" + rand(r, 27, B64URL) }),
  "artifactory-token": (r) => ({ secret: r() < 0.5 ? "AKCp" + rand(r, 69) : "cmVmd" + rand(r, 59) }),
  "vault-token": (r) => ({ secret: "hvs." + rand(r, r() < 0.5 ? 24 : 91, ALNUM) }),
  "terraform-token": (r) => ({ secret: rand(r, 14, LOWER + DIGITS) + ".atlasv1." + rand(r, 67, LOWER + DIGITS) }),
  "pulumi-token": (r) => ({ secret: "pul-" + rand(r, 40, HEX) }),
  "doppler-token": (r) => ({ secret: "dp.pt." + rand(r, 43) }),
  "databricks-token": (r) => ({ secret: "dapi" + rand(r, 32, HEX) }),
  "slack-token": (r) =>
    r() < 0.8
      ? { secret: pick(r, ["xoxb", "xoxp", "xoxa", "xoxe"]) + "-" + rand(r, 12, DIGITS) + "-" + rand(r, 13, DIGITS) + "-" + rand(r, 24) }
      : { secret: "xapp-1-A" + rand(r, 10, UPPER + DIGITS) + "-" + rand(r, 13, DIGITS) + "-" + rand(r, 64, HEX) },
  "slack-webhook": (r) => {
    const path = "T" + rand(r, 8, UPPER + DIGITS) + "/B" + rand(r, 10, UPPER + DIGITS) + "/" + rand(r, 24);
    return { secret: "https://hooks.slack.com/services/" + path, needles: [path] };
  },
  "discord-webhook": (r) => {
    const tok = rand(r, 68, B64URL);
    return { secret: `https://discord.com/api/webhooks/${rand(r, 18, DIGITS)}/${tok}`, needles: [tok] };
  },
  "teams-webhook": (r) => {
    const tail = `${uuid(r)}@${uuid(r)}/IncomingWebhook/${rand(r, 32, HEX)}/${uuid(r)}`;
    return { secret: `https://acme.webhook.office.com/webhookb2/${tail}`, needles: [tail.slice(-40)] };
  },
  "telegram-bot-token": (r) => ({ secret: rand(r, int(r, 9, 10), DIGITS) + ":AA" + rand(r, 33, B64URL) }),
  "stripe-key": (r) => ({ secret: pick(r, ["sk_live_", "rk_live_", "sk_test_"]) + rand(r, pick(r, [24, 99])) }),
  "square-token": (r) => ({ secret: r() < 0.5 ? "sq0atp-" + rand(r, 22, B64URL) : "sq0csp-" + rand(r, 43, B64URL) }),
  "shopify-token": (r) => ({ secret: pick(r, ["shpat_", "shpca_", "shppa_", "shpss_"]) + rand(r, 32, HEX) }),
  "sendgrid-key": (r) => ({ secret: "SG." + rand(r, 22, B64URL) + "." + rand(r, 43, B64URL) }),
  "mailgun-key": (r) => ({ secret: "key-" + rand(r, 32, LOWER + DIGITS) }),
  "mailchimp-key": (r) => ({ secret: rand(r, 32, HEX) + "-us" + int(r, 1, 21) }),
  "brevo-key": (r) => ({ secret: "xkeysib-" + rand(r, 64, HEX) + "-" + rand(r, 16) }),
  "twilio-key": (r) => ({ secret: "SK" + rand(r, 32, HEX) }),
  "atlassian-token": (r) => {
    if (r() < 0.6) return { secret: "ATATT3" + rand(r, 186, B64URL + "=") };
    const s = rand(r, 24);
    return { secret: s, line: `${pick(r, ["JIRA_API_TOKEN=", "confluence_token: ", "atlassian-api-token = "])}${s}` };
  },
  "linear-key": (r) => ({ secret: "lin_api_" + rand(r, 40) }),
  "postman-key": (r) => ({ secret: "PMAK-" + rand(r, 24, HEX) + "-" + rand(r, 34, HEX) }),
  "okta-token": (r) => {
    const s = "00" + rand(r, 40, B64URL);
    return { secret: s, line: `${pick(r, ["OKTA_API_TOKEN=", "okta_token: ", "okta.client.token = "])}${s}` };
  },
  "planetscale-token": (r) => ({ secret: pick(r, ["pscale_tkn_", "pscale_pw_"]) + rand(r, 43, B64URL) }),
  "supabase-token": (r) => ({ secret: "sbp_" + rand(r, 40, HEX) }),
  "datadog-key": (r) => {
    const s = rand(r, r() < 0.5 ? 32 : 40, HEX);
    return { secret: s, line: pick(r, [`DD_API_KEY=${s}`, `datadog_app_key: ${s}`, `curl -H "DD-API-KEY: ${s}" https://api.datadoghq.com/api/v1/validate`, `${stamp(r)} datadog api key ${s}`]) };
  },
  "newrelic-key": (r) => ({ secret: pick(r, [() => "NRAK-" + rand(r, 27, UPPER + DIGITS), () => "NRJS-" + rand(r, 19, HEX), () => rand(r, 36, HEX) + "NRAL"])() }),
  "sentry-token": (r) =>
    pick(r, [
      () => ({ secret: "sntrys_" + b64url(JSON.stringify({ iat: int(r, 1.7e9, 1.8e9), url: "https://sentry.io", org: "acme" })) + "_" + rand(r, 43, B64URL) }),
      () => ({ secret: "sntryu_" + rand(r, 64, HEX) }),
      () => {
        const k = rand(r, 32, HEX);
        return { secret: `https://${k}@o${rand(r, 6, DIGITS)}.ingest.sentry.io/${rand(r, 7, DIGITS)}`, needles: [k] };
      },
    ])(),
  "grafana-token": (r) => ({ secret: r() < 0.5 ? "glsa_" + rand(r, 32) + "_" + rand(r, 8, HEX) : "glc_" + rand(r, 80, B64) + "==" }),
  "dynatrace-token": (r) => ({ secret: "dt0c01." + rand(r, 24, UPPER + DIGITS) + "." + rand(r, 64, UPPER + DIGITS) }),
  "openai-key": (r) => ({ secret: r() < 0.6 ? "sk-proj-" + rand(r, 74, B64URL) + "T3BlbkFJ" + rand(r, 74, B64URL) : "sk-" + rand(r, 20) + "T3BlbkFJ" + rand(r, 20) }),
  "anthropic-key": (r) => ({ secret: "sk-ant-" + pick(r, ["api03", "admin01"]) + "-" + rand(r, 93, B64URL) + "AA" }),
  "huggingface-token": (r) => ({ secret: "hf_" + rand(r, 34, LOWER + UPPER) }),
  jwt: (r) => {
    const h = b64url(JSON.stringify({ alg: pick(r, ["HS256", "RS256", "ES256"]), typ: "JWT" }));
    const p = b64url(JSON.stringify({ sub: String(int(r, 1000, 99999)), name: pick(r, USERS), iat: int(r, 1.7e9, 1.8e9) }));
    return { secret: `${h}.${p}.${rand(r, 43, B64URL)}` };
  },
  "kubernetes-secret": (r) => {
    const a = Buffer.from(rand(r, int(r, 12, 30), B64)).toString("base64");
    const b = Buffer.from(rand(r, int(r, 12, 30), B64)).toString("base64");
    const k1 = pick(r, ["tls.key", "config.json", "DATABASE_DSN", "settings.py", "id_rsa"]);
    const k2 = pick(r, ["webhook", "license", "dsn", "cert.pem"]);
    const line = ["apiVersion: v1", "kind: Secret", "metadata:", `  name: ${pick(r, WORDS)}-env`, "type: Opaque", "data:", `  ${k1}: ${a}`, `  ${k2}: ${b}`].join("\n");
    return { secret: a, line, needles: [a, b] };
  },
  "password-in-url": (r) => {
    const p = urlPassword(r);
    const scheme = pick(r, ["postgres", "postgresql", "mysql", "mongodb+srv", "redis", "amqp", "https", "rediss"]);
    return { secret: p, line: `${stamp(r)} ${scheme}://${pick(r, ["app", "admin", "svc_" + pick(r, WORDS), ""])}:${p}@${pick(r, HOSTS)}:${int(r, 1000, 9999)}/${pick(r, WORDS)}`, needles: [p] };
  },
  "bearer-token": (r) => {
    const t = rand(r, int(r, 24, 64), ALNUM + "._-");
    return { secret: t, line: pick(r, [`curl -H "Authorization: Bearer ${t}" https://api.internal/v1/${pick(r, WORDS)}`, `Authorization: token ${t}`, `${stamp(r)} header was 'Authorization: Bearer ${t}'`]) };
  },
  "basic-auth": (r) => {
    const pw = rand(r, int(r, 10, 18), ALNUM + "!#%");
    if (r() < 0.5) {
      const b = Buffer.from(`${pick(r, USERS)}:${pw}`).toString("base64");
      return { secret: b, line: `Authorization: Basic ${b}` };
    }
    return { secret: pw, line: `curl -u ${pick(r, USERS)}:${pw} https://ci.internal/job/${pick(r, WORDS)}/build` };
  },
  "generic-secret": (r) => {
    const s = rand(r, int(r, 8, 20), ALNUM + "!@#%^*-_");
    return {
      secret: s,
      line: pick(r, [
        `DB_PASSWORD=${s}`,
        `  password: "${s}"`,
        `{"client_secret": "${s}", "client_id": "${pick(r, WORDS)}"}`,
        `psql --password ${s} -h ${pick(r, HOSTS)}`,
        `mysql -uroot -p${s} -h ${pick(r, HOSTS)}`,
        `SMTP_PASS=${s}`,
        `spring.datasource.password=${s}`,
        `docker login -u ci --password ${s} registry.acme.io`,
      ]),
    };
  },
  "high-entropy-secret": (r) => {
    const s = rand(r, int(r, 24, 48), B64);
    return { secret: s, line: pick(r, [`${stamp(r)} signing key ${s}`, `"hmacKey": "${s}"`, `encryption_key=${s}`, `${stamp(r)} webhook secret is ${s}`, `${stamp(r)} creds: ${s}`, `session.key = ${s}`]) };
  },
};

const NEAR_MISSES: Record<string, ((r: Rng) => string)[]> = {
  commit: [
    (r) => `commit ${rand(r, 40, HEX)}\nAuthor: ${pick(r, USERS)} <${pick(r, USERS)}@acme.io>`,
    (r) => `${stamp(r)} reverted ${rand(r, 40, HEX)} and redeployed ${pick(r, WORDS)}`,
    (r) => `${stamp(r)} the token refresh fix is merged in ${rand(r, 40, HEX)}`,
    (r) => `https://github.com/acme/${pick(r, WORDS)}/commit/${rand(r, 40, HEX)}`,
    (r) => `${stamp(r)} git cherry-pick ${rand(r, 40, HEX)} onto release/2026.11`,
    (r) => `HEAD is now at ${rand(r, 7, HEX)} fix auth token refresh for ${pick(r, WORDS)}`,
    (r) => `${stamp(r)} bisect says the secret rotation broke at commit ${rand(r, 40, HEX)}`,
  ],
  uuid: [
    (r) => `request_id=${uuid(r)} status=502 upstream=${pick(r, WORDS)}`,
    (r) => `${stamp(r)} trace ${uuid(r)} shows the retry storm`,
    (r) => `X-Request-Id: ${uuid(r)}`,
    (r) => `idempotency_key: ${uuid(r)}`,
    (r) => `${iso(r)} INFO job ${uuid(r)} key rotation completed`,
    (r) => `tenant_id = "${uuid(r)}"`,
  ],
  image: [
    (r) => `![graph](data:image/png;base64,iVBORw0KGgo${rand(r, int(r, 200, 1200), B64)}=)`,
    (r) => `<img src="data:image/jpeg;base64,/9j/4AAQSkZJRg${rand(r, int(r, 200, 1200), B64)}==" alt="dashboard">`,
    (r) => `background: url(data:image/svg+xml;base64,PHN2Zy${rand(r, int(r, 100, 600), B64)});`,
  ],
  identifier: [
    (r) => `${stamp(r)} the tokenization pipeline handles internationalization for ${pick(r, WORDS)}`,
    () => `class AbstractSingletonProxyFactoryBeanPasswordEncoderConfigurer {}`,
    (r) => `${stamp(r)} getAccessTokenFromRefreshTokenProvider() throws in ${pick(r, WORDS)}Service`,
    () => `TOKEN_REFRESH_INTERVAL_SECONDS=3600`,
    (r) => `secretName: ${pick(r, WORDS)}-postgres-credentials-readonly`,
    (r) => `password_policy: minimum-length-twelve-with-symbols-${pick(r, WORDS)}`,
    (r) => `api_key_header: X-${pick(r, ["Orders", "Billing", "Search"])}-Gateway-Authorization`,
    (r) => `${stamp(r)} key takeaway: the ${pick(r, WORDS)}ReconciliationCoordinator deadlocks under load`,
    (r) => `${stamp(r)} auth ${pick(r, ["middleware", "interceptor", "handler"])}ConfigurationPropertiesBinder is the culprit`,
    (r) => `tokenEndpointAuthMethod: client_secret_basic # ${pick(r, WORDS)}`,
    (r) => `${stamp(r)} passwordless login via WebAuthnAuthenticationProvider for ${pick(r, WORDS)}`,
  ],
  path: [
    (r) => `secret_file: /etc/secrets/${pick(r, WORDS)}/credentials.json`,
    (r) => `${stamp(r)} run with --key-file ./certs/${pick(r, WORDS)}.key`,
    () => `tokenPath: /var/run/secrets/kubernetes.io/serviceaccount/token`,
    (r) => `GOOGLE_APPLICATION_CREDENTIALS=/home/ci/.config/gcloud/${pick(r, WORDS)}-sa.json`,
    (r) => `${stamp(r)} cat ~/.aws/credentials shows the ${pick(r, WORDS)} profile`,
    (r) => `kubectl apply -f k8s/secrets/${pick(r, WORDS)}-sealed-secret.yaml`,
    (r) => `${stamp(r)} gcloud auth activate-service-account --key-file /tmp/${pick(r, WORDS)}-deployer.json`,
    (r) => `vault kv get -field=password secret/${pick(r, WORDS)}/postgres`,
  ],
  url: [
    (r) => `token_url: https://auth.${pick(r, WORDS)}.acme.io/oauth2/token`,
    (r) => `${stamp(r)} see https://wiki.acme.io/docs/secrets-management#${pick(r, WORDS)}-rotation`,
    (r) => `POST https://login.acme.io/oauth/token?grant_type=client_credentials&scope=${pick(r, WORDS)}.read`,
    (r) => `redis://cache.internal:6379/${int(r, 0, 15)}`,
    (r) => `postgres://${pick(r, HOSTS)}:5432/${pick(r, WORDS)}?sslmode=require`,
    (r) => `${stamp(r)} git clone https://git@github.com/acme/${pick(r, WORDS)}.git`,
    (r) => `https://${pick(r, WORDS)}.acme.io/api/v1/keys/${uuid(r)}`,
  ],
  version: [
    (r) => `${stamp(r)} bumped secrets-store-csi-driver to v1.${int(r, 0, 9)}.${int(r, 0, 20)}`,
    (r) => `image: ghcr.io/acme/auth-service:2.${int(r, 0, 30)}.${int(r, 0, 9)}-alpine`,
    (r) => `${stamp(r)} vault ${int(r, 1, 2)}.${int(r, 10, 19)}.${int(r, 0, 9)}+ent fixed the token renewal`,
    (r) => `"@acme/auth-lib": "^${int(r, 1, 9)}.${int(r, 0, 20)}.0-beta.${int(r, 1, 9)}"`,
    () => `stripe api_version: 2023-10-16`,
    (r) => `keycloak ${int(r, 20, 26)}.0.${int(r, 0, 9)} upgrade notes: token exchange is now GA`,
  ],
  placeholder: [
    () => `GITHUB_TOKEN=<your-token>`,
    (r) => `api_key: ${"x".repeat(int(r, 16, 40))}`,
    () => `password: changeme`,
    (r) => `export ${pick(r, ["SLACK_TOKEN", "NPM_TOKEN", "DB_PASSWORD"])}=\${${pick(r, ["SLACK_TOKEN", "NPM_TOKEN", "DB_PASSWORD"])}}`,
    () => `token: "{{ .Values.token }}"`,
    () => `AWS_SECRET_ACCESS_KEY=your-secret-access-key`,
    (r) => `password=${"*".repeat(int(r, 6, 12))}`,
    () => `GH_TOKEN=ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX`,
    () => `Authorization: Bearer <token>`,
    () => `psql --password $PGPASSWORD -h db.internal`,
    () => `api_key = os.environ["API_KEY"]`,
    () => `secret: REPLACE_ME`,
    () => `STRIPE_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx`,
  ],
  digest: [
    (r) => `image: acme/${pick(r, WORDS)}@sha256:${rand(r, 64, HEX)}`,
    (r) => `${stamp(r)} checksum ${rand(r, 64, HEX)}  ${pick(r, WORDS)}-linux-amd64.tar.gz`,
    (r) => `integrity: sha512-${rand(r, 86, B64)}==`,
  ],
};

/** The corpus for `seed`: `perKind` planted secrets of every kind, `perClass` near misses of every class. */
export function generateSecretCorpus(opts: { seed?: number; perKind?: number; perClass?: number; splitSeed?: number } = {}): SecretCorpus {
  const r = mulberry32(opts.seed ?? 20261202);
  const split = mulberry32(opts.splitSeed ?? 4242);
  const part = (): Split => (split() < 0.5 ? "tuning" : "heldout");
  const planted: PlantedSecret[] = [];
  for (const [kind, gen] of Object.entries(GENERATORS) as [SecretKind, Gen][]) {
    for (let i = 0; i < (opts.perKind ?? 5); i++) {
      const p = gen(r);
      const text = p.line ?? pick(r, NEUTRAL)(r, p.secret);
      planted.push({ id: `${kind}#${i}`, kind, text, needles: p.needles ?? [p.secret], split: part() });
    }
  }
  const nearMisses: NearMiss[] = [];
  for (const [cls, gens] of Object.entries(NEAR_MISSES)) {
    for (let i = 0; i < (opts.perClass ?? 30); i++) nearMisses.push({ id: `${cls}#${i}`, cls, text: pick(r, gens)(r), split: part() });
  }
  return { planted, nearMisses };
}

/** True when no needle of `p` survives in `redacted` (nor the last 12 characters of a long one). */
export function isRedacted(p: Pick<PlantedSecret, "needles">, redacted: string): boolean {
  return p.needles.every((n) => !redacted.includes(n) && (n.length < 20 || !redacted.includes(n.slice(-12))));
}
