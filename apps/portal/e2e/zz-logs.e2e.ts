// Runs last (support/sequencer.ts): greps everything the e2e servers wrote to stdout and stderr during
// the whole run (support/server.ts, at LOG_LEVEL=debug, the most a server ever logs) for every secret
// the suite planted or was handed (support/secrets.ts: API tokens created in the portal, session
// cookies, passwords typed, the admin token, signing and client secrets, one-time link tokens and
// authorization codes seen in URLs). Before grepping, this file plants a few more where logs tend to
// catch them: a failed password sign-in, a bad bearer token, secrets in published content, and
// secrets pasted into searches (REST and tRPC, whose queries carry their input in the URL).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { publishEntry } from "./support/api.js";
import { recordSecret } from "./support/record-secret.js";
import { plantedSecrets } from "./support/secrets.js";
import { useE2E } from "./support/suite.js";

/** Made-up credentials of well-known shapes, unique to this run. */
function plants() {
  const n = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`.padEnd(18, "q");
  return {
    password: `Planted password ${n} lantern`,
    bearer: `hst_plantedBearer${n}xyz`,
    github: `ghp_${`Plant3d${n}`.padEnd(36, "Z").slice(0, 36)}`,
    aws: `${`wJalrXUtnFEMI/K7MDENG/${n}`.padEnd(40, "Q").slice(0, 40)}`,
    searched: `xoxb-1234567890-${n}-plantedsearch`,
  };
}

/** Every way a value may be written into a log line: as is, URL-encoded, JSON-escaped. */
function spellings(value: string): string[] {
  return [...new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1), new URLSearchParams({ v: value }).toString().slice(2)])];
}

const mask = (value: string) => `${value.slice(0, 4)}…(${value.length} chars)`;

describe("server logs of the whole e2e run", () => {
  const e2e = useE2E();

  it("contain none of the secrets and tokens the suite planted, created or was handed", async () => {
    const runDir = inject("e2eRunDir");
    const { baseUrl, adminToken } = e2e;
    const p = plants();
    for (const [kind, value] of Object.entries(p)) recordSecret(`planted by zz-logs: ${kind}`, value);

    // A failed sign-in with a password: the attempt is refused, the password is nowhere.
    const signIn = await fetch(`${baseUrl}/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ handle: "mara.okafor", password: p.password }),
    });
    expect(signIn.status).toBeGreaterThanOrEqual(400);
    // A bearer token the server does not know.
    const badBearer = await fetch(`${baseUrl}/api/v1/search?q=settlement`, { headers: { authorization: `Bearer ${p.bearer}` } });
    expect(badBearer.status).toBe(401);
    // Secrets pasted into content (the redactor rewrites them before they are stored).
    await publishEntry(baseUrl, adminToken, {
      kind: "fix",
      title: "Leaked credentials in a deploy log: rotate them",
      body: `The job printed GITHUB_TOKEN=${p.github} and aws_secret_access_key = ${p.aws} before it failed.`,
    });
    // Secrets pasted into a search, over REST and over tRPC (a query's input travels in its URL).
    const rest = await fetch(`${baseUrl}/api/v1/search?q=${encodeURIComponent(`token ${p.searched}`)}`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(rest.status).toBe(200);
    await e2e.api.search.query.query({ q: `auth failed ${p.github}` });

    // What the grep reads: every server's log of this run, non-empty, with the shared server's request
    // lines in it (so the grep reads real traffic, not an empty or quiet log).
    const logs = readdirSync(runDir)
      .filter((f) => /^server-.*\.log$/.test(f))
      .map((f) => ({ file: f, text: readFileSync(join(runDir, f), "utf8") }));
    const shared = logs.find((l) => l.file.startsWith("server-shared-"));
    expect(shared, `the shared server's log in ${runDir}`).toBeDefined();
    expect(shared!.text).toMatch(/"url":"\/api\/v1\/search/);

    const secrets = plantedSecrets(runDir);
    const kinds = new Set(secrets.map((s) => s.kind));
    for (const kind of ["admin token (HINDSIGHT_ADMIN_TOKEN)", "planted by zz-logs: password", "planted by zz-logs: bearer"]) {
      expect(kinds, "the registry holds what was planted").toContain(kind);
    }
    console.log(
      `[e2e] grepped ${logs.length} server log(s) (${logs.reduce((n, l) => n + l.text.length, 0)} chars) for ${secrets.length} secret(s) of ${kinds.size} kind(s)`,
    );

    const found: string[] = [];
    for (const secret of secrets) {
      for (const { file, text } of logs) {
        const lines = text.split("\n");
        for (const spelling of spellings(secret.value)) {
          const at = lines.findIndex((line) => line.includes(spelling));
          if (at !== -1) {
            const line = lines[at]!.split(spelling).join(mask(secret.value)).slice(0, 300);
            found.push(`${secret.kind} ${mask(secret.value)} in ${file}:${at + 1}: ${line}`);
            break;
          }
        }
      }
    }
    expect(found, `secrets in the server logs:\n${found.join("\n")}`).toEqual([]);
  });
});
