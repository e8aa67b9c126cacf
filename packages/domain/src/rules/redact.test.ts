import { describe, expect, it } from "vitest";
import { redactDeep, redactSecrets, SECRET_KINDS, summarizeFindings, type SecretKind } from "./redact.js";

// Every secret below is generated here from a fixed seed, so the values are pattern-valid (the
// right prefix, length and alphabet) without any real-looking credential sitting in the repository.
function fake(length: number, alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", seed = length * 7919): string {
  // mulberry32
  let x = seed >>> 0;
  let out = "";
  for (let i = 0; i < length; i++) {
    x = (x + 0x6d2b79f5) >>> 0;
    let t = Math.imul(x ^ (x >>> 15), x | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out += alphabet[((t ^ (t >>> 14)) >>> 0) % alphabet.length];
  }
  return out;
}
const UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const HEX = "0123456789abcdef";
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

const S = {
  awsAccess: "AKIA" + fake(16, UPPER_DIGITS),
  awsSecret: fake(40, B64, 11),
  ghp: "ghp" + "_" + fake(36),
  githubPat: "github" + "_pat_" + fake(22) + "_" + fake(59),
  glpat: "glpat" + "-" + fake(20),
  slackBot: "xoxb" + "-" + fake(12, "0123456789") + "-" + fake(13, "0123456789") + "-" + fake(24),
  slackHook: "https://hooks.slack.com/services/" + "T" + fake(8, UPPER_DIGITS) + "/B" + fake(8, UPPER_DIGITS) + "/" + fake(24),
  pem: ["-----BEGIN RSA PRIVATE KEY-----", fake(64, B64, 1), fake(64, B64, 2), fake(40, B64, 3), "-----END RSA PRIVATE KEY-----"].join("\n"),
  dbPass: "p4ss-" + fake(10),
  bearer: fake(32, "abcdefghijklmnopqrstuvwxyz0123456789", 5),
  jwt: "eyJ" + fake(20, undefined, 21) + ".eyJ" + fake(40, undefined, 22) + "." + fake(43, undefined, 23),
  google: "AIza" + fake(35),
  stripe: "sk" + "_live_" + fake(24),
  npm: "npm" + "_" + fake(36),
  gcpKey: "-----BEGIN PRIVATE KEY-----\\n" + fake(64, B64, 31) + "\\n" + fake(64, B64, 32) + "\\n-----END PRIVATE KEY-----\\n",
  azure: fake(86, B64, 41) + "==",
  sendgrid: "SG" + "." + fake(22) + "." + fake(43),
  twilio: "SK" + fake(32, HEX),
  basic: fake(24, B64, 51) + "=",
  generic: "hunter" + "2-" + fake(6),
};

describe("redactSecrets finds each kind", () => {
  it.each<[SecretKind, string, string]>([
    ["aws-access-key", `aws_access_key_id = ${S.awsAccess}`, S.awsAccess],
    ["aws-secret-key", `aws_secret_access_key = ${S.awsSecret}`, S.awsSecret],
    ["aws-secret-key", `AWS_SECRET_ACCESS_KEY="${S.awsSecret}"`, S.awsSecret],
    ["github-token", `git clone https://${S.ghp}@github.com/acme/app.git`, S.ghp],
    ["github-token", `GH_TOKEN=${S.githubPat}`, S.githubPat],
    ["gitlab-token", `glab auth login --token ${S.glpat}`, S.glpat],
    ["slack-token", `SLACK_BOT_TOKEN: ${S.slackBot}`, S.slackBot],
    ["slack-webhook", `curl -X POST ${S.slackHook} -d '{"text":"deploy done"}'`, S.slackHook.split("/services/")[1]!],
    ["private-key", `here is the key:\n${S.pem}\nthanks`, S.pem],
    ["password-in-url", `DATABASE_URL=postgres://app:${S.dbPass}@db.internal:5432/orders`, S.dbPass],
    ["bearer-token", `curl -H "Authorization: Bearer ${S.bearer}" https://api.internal/v1/orders`, S.bearer],
    ["jwt", `the cookie was session=${S.jwt}; Path=/`, S.jwt],
    ["google-api-key", `maps key ${S.google} in the web config`, S.google],
    ["stripe-key", `STRIPE_KEY=${S.stripe}`, S.stripe],
    ["npm-token", `//registry.npmjs.org/:_authToken=${S.npm}`, S.npm],
    ["gcp-service-account", `{"type": "service_account", "private_key": "${S.gcpKey}", "client_email": "ci@acme.iam.gserviceaccount.com"}`, S.gcpKey],
    ["azure-storage-key", `DefaultEndpointsProtocol=https;AccountName=acmelogs;AccountKey=${S.azure};EndpointSuffix=core.windows.net`, S.azure],
    ["sendgrid-key", `SENDGRID=${S.sendgrid}`, S.sendgrid],
    ["twilio-key", `twilio api key ${S.twilio}`, S.twilio],
    ["basic-auth", `Authorization: Basic ${S.basic}`, S.basic],
    ["basic-auth", `curl -u deploy:${S.generic} https://ci.internal/job`, S.generic],
    ["generic-secret", `DB_PASSWORD=${S.generic}`, S.generic],
    ["generic-secret", `  password: "${S.generic}"`, S.generic],
    ["generic-secret", `{"client_secret": "${S.generic}", "client_id": "web"}`, S.generic],
    ["generic-secret", `spring.datasource.password=${S.generic}`, S.generic],
    ["generic-secret", `X-Api-Key: ${S.generic}`, S.generic],
    ["generic-secret", `SECRET_KEY_BASE=${S.awsSecret}`, S.awsSecret],
    ["generic-secret", `Server=db;User Id=app;Password=${S.generic};Encrypt=true`, S.generic],
    ["generic-secret", `data:\n  password: ${S.basic}\n  username: YXBw`, S.basic],
    ["generic-secret", `https://metrics.internal/push?access_token=${S.generic}&job=node`, S.generic],
  ])("%s in %j", (kind, text, secret) => {
    const r = redactSecrets(text);
    expect(r.text).not.toContain(secret);
    expect(r.text).toContain(`[REDACTED:${kind}]`);
    expect(r.findings.map((f) => f.kind)).toEqual([kind]);
    // The finding points at the secret in the original text and never carries it.
    const start = text.indexOf(secret);
    const line = text.slice(0, start).split("\n").length;
    const column = start - text.lastIndexOf("\n", start - 1);
    expect(r.findings[0]).toEqual({ kind, line, column });
    expect(JSON.stringify(r.findings)).not.toContain(secret.slice(0, 12));
    // Idempotent.
    expect(redactSecrets(r.text)).toEqual({ text: r.text, findings: [] });
  });

  it("redacts a whole value that only starts with a known token, so no tail survives", () => {
    const r = redactSecrets(`api_token: "${S.ghp}-${S.generic}"`);
    expect(r.text).toBe('api_token: "[REDACTED:github-token]"');
    expect(r.findings).toEqual([{ kind: "github-token", line: 1, column: 13 }]);
  });

  it("keeps the user and host of a URL and only removes its password", () => {
    expect(redactSecrets(`redis://:${S.dbPass}@cache:6379/0`).text).toBe("redis://:[REDACTED:password-in-url]@cache:6379/0");
    expect(redactSecrets(`postgres://app:${S.dbPass}@db:5432/app`).text).toBe("postgres://app:[REDACTED:password-in-url]@db:5432/app");
  });
});

describe("redactSecrets leaves non-secrets alone", () => {
  it.each([
    "password reset email sent to the customer",
    "the token bucket rate limiter dropped 3% of requests",
    "request 3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b failed",
    "reverted 9fceb02d0ae598e95dc970b74767f19372d61af8 and redeployed",
    "![graph](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==)",
    "see https://grafana.internal/d/abc123/orders?orgId=1&from=now-6h",
    "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
    "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    'password: "changeme"',
    "DB_PASSWORD=${DB_PASSWORD}",
    "PGPASSWORD=$PGPASSWORD psql -h db",
    "token: ${{ secrets.GITHUB_TOKEN }}",
    "password=<password>",
    "api_key: xxxxxxxxxxxxxxxx",
    "secret: ****",
    "password: [REDACTED:generic-secret]",
    "postgres://app:password@localhost:5432/app",
    "Use `Authorization: Bearer $TOKEN` when calling the API.",
    "Bearer authentication is required for the admin endpoints.",
    "secretName: orders-db-credentials",
    "max_tokens: 4096",
    "PWD=/home/runner/work",
    "Paste the key between -----BEGIN PRIVATE KEY----- and -----END PRIVATE KEY----- markers.",
    "The secret: nothing magic, just a retry with backoff.",
    "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
  ])("%s", (text) => {
    expect(redactSecrets(text)).toEqual({ text, findings: [] });
  });
});

describe("a transcript with many kinds of secret", () => {
  const transcript = [
    `[10:02] alice: creds for the replay job: aws_access_key_id=${S.awsAccess}`,
    `[10:02] alice: aws_secret_access_key=${S.awsSecret}`,
    `[10:03] bob: use my token for now ${S.ghp} (will rotate)`,
    `[10:04] bob: and the bot one ${S.slackBot}`,
    `[10:05] carol: alerts go to ${S.slackHook}`,
    `[10:06] carol: \`\`\`\n${S.pem}\n\`\`\``,
    `[10:07] dave: psql postgres://orders:${S.dbPass}@db-primary.internal:5432/orders`,
    `[10:08] dave: curl -H 'Authorization: Bearer ${S.bearer}' https://api.internal/health`,
    `[10:09] erin: decoded the session ${S.jwt}`,
    `[10:10] erin: maps: ${S.google}, stripe: ${S.stripe}`,
    `[10:11] frank: .npmrc has //registry.npmjs.org/:_authToken=${S.npm}`,
    `[10:12] frank: sa.json {"private_key": "${S.gcpKey}"}`,
    `[10:13] grace: AccountKey=${S.azure}`,
    `[10:14] grace: REDIS_PASSWORD=${S.generic}`,
    `[10:15] heidi: the failover finished, error rate back to 0.1%`,
  ].join("\n");
  const secrets = Object.entries(S).filter(([k]) => !["githubPat", "glpat", "sendgrid", "twilio", "basic"].includes(k));

  it("redacts every secret and reports each kind", () => {
    const r = redactSecrets(transcript);
    for (const [name, secret] of secrets) {
      const probe = name === "slackHook" ? secret.split("/services/")[1]! : secret;
      expect(r.text, name).not.toContain(probe);
      // No long fragment survives either (a partial match would leak the rest of the value).
      for (const part of probe.split(/[\n\\]/).filter((p) => p.length >= 16)) expect(r.text, name).not.toContain(part.slice(-16));
    }
    const summary = summarizeFindings(r.findings);
    const kinds = SECRET_KINDS.filter((k) => summary[k] > 0);
    expect([...kinds].sort()).toEqual([
      "private-key", "gcp-service-account", "aws-access-key", "aws-secret-key", "github-token", "slack-token", "slack-webhook",
      "stripe-key", "google-api-key", "npm-token", "jwt", "azure-storage-key", "password-in-url", "bearer-token", "generic-secret",
    ].sort());
    expect(summary).toMatchObject({ "aws-access-key": 1, "github-token": 1, "private-key": 1, "gcp-service-account": 1, jwt: 1 });
    expect(r.text).toContain("[10:15] heidi: the failover finished, error rate back to 0.1%");
    expect(redactSecrets(r.text).text).toBe(r.text);
  });

  it("reports line and column in the original text", () => {
    const r = redactSecrets(transcript);
    const lines = transcript.split("\n");
    for (const f of r.findings) expect(lines[f.line - 1], f.kind).toBeDefined();
    const ghp = r.findings.find((f) => f.kind === "github-token")!;
    expect(lines[ghp.line - 1]!.slice(ghp.column - 1)).toMatch(/^ghp_/);
  });
});

describe("redactDeep", () => {
  it("redacts strings at any depth, by pattern or by key, without changing the input", () => {
    const input = {
      title: "Checkout outage",
      fields: {
        timeline: [
          { at: "10:02", text: `pasted ${S.ghp} by mistake` },
          { at: "10:05", text: "rolled back" },
        ],
        env: { DB_PASSWORD: "plain-" + "words", LOG_LEVEL: "debug", apiKey: "${API_KEY}" },
        retries: 3,
        enabled: true,
        "odd key": `Authorization: Bearer ${S.bearer}`,
      },
    };
    const before = JSON.stringify(input);
    const r = redactDeep(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(r.value.fields.timeline[0]!.text).toBe("pasted [REDACTED:github-token] by mistake");
    expect(r.value.fields.env).toEqual({ DB_PASSWORD: "[REDACTED:generic-secret]", LOG_LEVEL: "debug", apiKey: "${API_KEY}" });
    expect(r.value.fields.retries).toBe(3);
    expect(r.findings).toEqual([
      { kind: "github-token", line: 1, column: 8, path: "fields.timeline[0].text" },
      { kind: "generic-secret", line: 1, column: 1, path: "fields.env.DB_PASSWORD" },
      { kind: "bearer-token", line: 1, column: 23, path: 'fields["odd key"]' },
    ]);
  });

  it("refuses circular values instead of leaving a branch unredacted", () => {
    const a: Record<string, unknown> = { token: "x" };
    a.self = a;
    expect(() => redactDeep(a)).toThrow(/circular/);
  });
});

describe("summarizeFindings", () => {
  it("counts per kind and lists every kind", () => {
    const s = summarizeFindings([
      { kind: "jwt", line: 1, column: 1 },
      { kind: "jwt", line: 2, column: 1 },
      { kind: "private-key", line: 3, column: 1 },
    ]);
    expect(Object.keys(s).sort()).toEqual([...SECRET_KINDS].sort());
    expect(s.jwt).toBe(2);
    expect(s["private-key"]).toBe(1);
    expect(s["generic-secret"]).toBe(0);
  });
});

// Pastes are large and sometimes odd (a base64 image, a minified bundle); no pattern may go quadratic.
const HOSTILE = ["x-".repeat(100_000), "a ` b ".repeat(50_000), "data:image/png;base64," + "A".repeat(300_000)];

describe("redactSecrets on hostile input", () => {
  it.each(HOSTILE.map((t) => [t.slice(0, 12), t]))("%s… finishes quickly", (_label, text) => {
    const t = performance.now();
    expect(redactSecrets(text).findings).toEqual([]);
    expect(performance.now() - t).toBeLessThan(1_500);
  });
});

// Hand-written cases beyond the generated corpus (secret-corpus.ts): the generator draws its
// formats from the same specifications as the rules, so these shapes are written independently,
// as people actually paste them.
const H = {
  aws: "AKIA" + fake(16, UPPER_DIGITS, 901),
  awsSecret: fake(40, B64, 902),
  gldt: "gldt" + "-" + fake(20, undefined, 903),
  glrt: "glrt" + "-" + fake(20, undefined, 904),
  glptt: "glptt" + "-" + fake(40, HEX, 905),
  xoxp: "xoxp" + "-" + fake(12, "0123456789", 906) + "-" + fake(12, "0123456789", 907) + "-" + fake(32, HEX, 908),
  discord: fake(68, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 909),
  openai: "sk" + "-proj-" + fake(64, undefined, 910) + "T3Blbk" + "FJ" + fake(64, undefined, 911),
  anthropic: "sk" + "-ant-api03-" + fake(93, undefined, 912) + "AA",
  hf: "hf" + "_" + fake(34, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 913),
  dop: "dop" + "_v1_" + fake(64, HEX, 914),
  shopify: "shpat" + "_" + fake(32, HEX, 915),
  dd: fake(32, HEX, 916),
  sentryKey: fake(32, HEX, 917),
  telegram: "123456789" + ":AA" + fake(33, undefined, 918),
  signing: fake(44, B64, 919),
  cliPass: "Tr0ub4dor-" + fake(6, undefined, 920),
  k8s: Buffer.from("s3cr3t-" + fake(12, undefined, 921)).toString("base64"),
  ssh: ["-----BEGIN OPENSSH PRIVATE KEY-----", "b3BlbnNzaC1rZXktdjEAAAAA" + fake(40, B64, 922), fake(64, B64, 923), "-----END OPENSSH PRIVATE KEY-----"].join("\n"),
  pgp: ["-----BEGIN PGP PRIVATE KEY BLOCK-----", "", "lQOYBG" + fake(58, B64, 924), fake(64, B64, 925), "-----END PGP PRIVATE KEY BLOCK-----"].join("\n"),
  mongo: "M0ng0-" + fake(10, undefined, 926),
  vault: "hvs" + "." + fake(24, undefined, 927),
};

describe("hand-written: each kind as people paste it", () => {
  it.each<[SecretKind, string, string]>([
    ["aws-secret-key", `[10:02] alice: ${H.aws} secret ${H.awsSecret}`, H.awsSecret],
    ["aws-secret-key", `alice: key id is ${H.aws}\nalice: and the secret ${H.awsSecret} (sorry)`, H.awsSecret],
    ["aws-secret-key", `bob: the AWS secret access key is ${H.awsSecret}`, H.awsSecret],
    ["gitlab-token", `CI_DEPLOY=${H.gldt}`, H.gldt],
    ["gitlab-token", `gitlab-runner register --token ${H.glrt}`, H.glrt],
    ["gitlab-token", `curl -X POST -F token=${H.glptt} -F ref=main https://gitlab.acme.io/api/v4/projects/42/trigger/pipeline`, H.glptt],
    ["slack-token", `the user token ${H.xoxp} still works`, H.xoxp],
    ["discord-webhook", `alerts -> https://discord.com/api/webhooks/112233445566778899/${H.discord}`, H.discord],
    ["openai-key", `OPENAI_API_KEY=${H.openai}`, H.openai],
    ["anthropic-key", `carol: try ${H.anthropic}`, H.anthropic],
    ["huggingface-token", `huggingface-cli login --token ${H.hf}`, H.hf],
    ["digitalocean-token", `doctl auth init -t ${H.dop}`, H.dop],
    ["shopify-token", `X-Shopify-Access-Token: ${H.shopify}`, H.shopify],
    ["datadog-key", `curl -H "DD-API-KEY: ${H.dd}" https://api.datadoghq.eu/api/v1/validate`, H.dd],
    ["sentry-token", `SENTRY_DSN=https://${H.sentryKey}@o123456.ingest.sentry.io/7654321`, H.sentryKey],
    ["telegram-bot-token", `https://api.telegram.org/bot${H.telegram}/sendMessage`, H.telegram],
    ["vault-token", `export VAULT_TOKEN=${H.vault}`, H.vault],
    ["high-entropy-secret", `  signingKey: "${H.signing}"`, H.signing],
    ["high-entropy-secret", `dave: webhook signing key ${H.signing}`, H.signing],
    ["generic-secret", `docker login registry.acme.io -u ci --password ${H.cliPass}`, H.cliPass],
    ["generic-secret", `./migrate --db-password=${H.cliPass} --dry-run`, H.cliPass],
    ["generic-secret", `mysqldump -h db -u root -p${H.cliPass} orders > dump.sql`, H.cliPass],
    ["kubernetes-secret", `---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: orders\ndata:\n  config.json: ${H.k8s}\n---\nkind: ConfigMap`, H.k8s],
    ["ssh-private-key", `erin: my deploy key, don't judge\n${H.ssh}`, H.ssh],
    ["pgp-private-key", H.pgp, H.pgp],
    ["password-in-url", `MONGO_URL=mongodb+srv://orders:${H.mongo}@cluster0.ab1cd.mongodb.net/orders?retryWrites=true`, H.mongo],
    ["password-in-url", `amqp://svc:${H.mongo}@mq.internal:5672/%2f`, H.mongo],
  ])("%s in %j", (kind, text, secret) => {
    const r = redactSecrets(text);
    expect(r.text).not.toContain(secret);
    expect(r.findings.map((f) => f.kind)).toContain(kind);
    expect(redactSecrets(r.text)).toEqual({ text: r.text, findings: [] });
  });

  it("redacts all thirteen kinds of the measured transcript, the AWS secret and the Google key included", () => {
    const log = [
      `alex: aws creds ${H.aws} secret ${H.awsSecret}`,
      `alex: maps key ${S.google}`,
      `alex: ${S.ghp} / ${S.slackBot} / ${S.npm} / ${S.stripe}`,
      `alex: ${S.jwt}`,
      `alex: postgres://app:${S.dbPass}@db:5432/app and Authorization: Bearer ${S.bearer}`,
      `alex: ${S.slackHook} api_key=${S.generic}`,
      `alex: ${S.pem.replace(/\n/g, " ")}`,
    ].join("\n");
    const out = redactSecrets(log).text;
    for (const s of [H.awsSecret, H.aws, S.google, S.ghp, S.slackBot, S.npm, S.stripe, S.jwt, S.dbPass, S.bearer, S.generic]) expect(out).not.toContain(s);
    expect(out).not.toContain(S.slackHook.split("/services/")[1]!);
    expect(out).not.toContain(S.pem.split("\n")[1]!);
  });
});

describe("hand-written: near misses stay as they are", () => {
  it.each([
    "git show 9fceb02d0ae598e95dc970b74767f19372d61af8 -- auth/token.go",
    "Merge commit 3c1f2a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39 into release",
    "cache key: 3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b",
    "the signing key rotation runbook lives at docs/runbooks/signing-key-rotation.md",
    "run the exporter with --token-file /var/run/secrets/exporter/token",
    "export TOKEN_TTL_SECONDS=3600",
    "Anthropic keys start with sk-ant-api03- and OpenAI project keys with sk-proj-",
    "keys with the AKIA prefix are long-term; ASIA ones are temporary",
    "secret <your-secret>",
    "api_key: ${API_KEY}",
    'docker login -u ci --password "$REGISTRY_PASSWORD" registry.acme.io',
    "--password-stdin < ~/.docker/pass.txt",
    "public_key: AAAAC3NzaC1lZDI1NTE5AAAAIGq7vX2mYw9kT4rL8bN3pQ5sD1fH6jK0cV7xZ2aE9uW",
    "image: acme/orders@sha256:4c2b9f0a1e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b",
    "auth-service v2.14.3 rolled out to 100%",
    "see https://docs.acme.io/api/keys?page=2&per_page=50",
    "ThisIsAVeryLongCamelCaseIdentifierForTokenRefreshHandling",
    "the secret is to retry with jittered exponential backoff",
    "we keep the key material in KMS, not in the repo",
    "passwords must be at least 12 characters long",
    "kind: Secret\nmetadata:\n  name: orders\ntype: Opaque",
    "token expired at 2026-11-02T10:14:03Z, refreshed",
  ])("%s", (text) => {
    expect(redactSecrets(text)).toEqual({ text, findings: [] });
  });
});

// Shapes that would make a careless pattern quadratic: many openings with no close. Each is about
// 1 MB; the test only needs to finish within vitest's timeout (no timing is asserted).
const FLOODS = {
  "key-block markers": "-----BEGIN PRIVATE KEY-----\n".repeat(40_000),
  "data: blocks": "data:\n  a: b\n".repeat(80_000),
  "secret words": "secret token password key auth ".repeat(35_000),
  "secret flags": "--password --token ".repeat(50_000),
  "key ids": ("AKIA" + "ABCDEFGHIJKLMNOP" + " x ").repeat(40_000),
};

describe("redactSecrets on 1 MB floods", () => {
  it.each(Object.entries(FLOODS))("%s completes", (_label, text) => {
    expect(redactSecrets(text).text.length).toBeGreaterThan(0);
  });
});
