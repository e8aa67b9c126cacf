// End to end: the CLI against the real API (in this process, on a free port, PGlite in a temp folder).
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, startServer, type TestServer } from "./test/server.js";

let server: TestServer;
let work: string;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startServer();
  work = await mkdtemp(path.join(tmpdir(), "hindsight-cli-"));
  env = { HINDSIGHT_URL: server.url, HINDSIGHT_TOKEN: server.token };
});

afterAll(async () => {
  await server?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

const RUNBOOK = `---
kind: runbook
title: Kafka consumer lag
tags: [kafka, lag]
services: [orders-consumer]
---

# Kafka consumer lag

## Meaning

The orders consumer group falls behind the zircon-topic partitions.

## Mitigation

1. Scale the consumer deployment.
2. Check for a poison message.
`;

const FIX = `# Connection pool exhausted on checkout

## Symptoms

\`\`\`
HikariPool-1 - Connection is not available, request timed out after 30000ms
\`\`\`

## Resolution

Raise maximumPoolSize and close leaked connections in the refund job.
`;

const BAD = `---
kind: recipe
title: Not a kind we know
---

Body.
`;

describe("publish, search, export", () => {
  let docs: string;

  beforeAll(async () => {
    docs = path.join(work, "docs");
    await mkdir(path.join(docs, "runbooks"), { recursive: true });
    await mkdir(path.join(docs, ".git"), { recursive: true });
    await writeFile(path.join(docs, "runbooks", "kafka-lag.md"), RUNBOOK);
    await writeFile(path.join(docs, "pool-exhausted.md"), FIX);
    await writeFile(path.join(docs, "bad.md"), BAD);
    await writeFile(path.join(docs, ".git", "ignored.md"), BAD);
  });

  it("dry run checks locally, sends nothing, and needs no token", async () => {
    const r = await cli(["publish", docs, "--kind", "fix", "--dry-run"], { HINDSIGHT_URL: server.url });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('would publish  runbooks/kafka-lag.md  runbook "Kafka consumer lag"');
    expect(r.stdout).toContain('would publish  pool-exhausted.md  fix "Connection pool exhausted on checkout"');
    expect(r.stderr).toMatch(/^bad\.md:2: .*kind/m);
    expect(r.stdout).toContain("dry run: 2 of 3 files valid, 1 invalid; nothing was sent");
    const search = await cli(["search", "kafka"], env);
    expect(search.stdout).toContain('no entries match "kafka"');
  });

  it("publishes the valid files, reports the invalid one with file:line, and exits 1", async () => {
    const r = await cli(["publish", docs, "--kind", "fix"], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^created\s+runbooks\/kafka-lag\.md\s+http:\/\/127\.0\.0\.1:\d+\/entries\/kafka-consumer-lag$/m);
    expect(r.stdout).toMatch(/^created\s+pool-exhausted\.md/m);
    expect(r.stderr).toMatch(/^bad\.md:2: /m);
    expect(r.stdout).toContain("3 files: 2 created, 0 updated, 0 unchanged, 1 failed");
    expect(r.all).not.toContain("ignored.md");
  });

  it("re-publishing changes nothing; an edited file is updated", async () => {
    await rm(path.join(docs, "bad.md"));
    const again = await cli(["publish", docs, "--kind", "fix"], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("2 files: 0 created, 0 updated, 2 unchanged");

    await writeFile(path.join(docs, "runbooks", "kafka-lag.md"), RUNBOOK.replace("Check for a poison message.", "Skip the poison message with the offset tool."));
    const edited = await cli(["publish", docs, "--kind", "fix"], env);
    expect(edited.code).toBe(0);
    expect(edited.stdout).toMatch(/^updated\s+runbooks\/kafka-lag\.md/m);
    expect(edited.stdout).toContain("2 files: 0 created, 1 updated, 1 unchanged");
  });

  it("search finds the edit, with the portal link and a snippet without markup", async () => {
    const r = await cli(["search", "poison", "offset"], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("1. Kafka consumer lag  [runbook]");
    expect(r.stdout).toContain(`${server.url}/entries/kafka-consumer-lag`);
    expect(r.stdout).toMatch(/offset tool/);
    expect(r.stdout).not.toContain("<mark>");

    const json = await cli(["search", "HikariPool", "--kind", "fix", "--json"], env);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { hits: { title: string; url: string; kind: string }[] };
    expect(parsed.hits[0]).toMatchObject({ title: "Connection pool exhausted on checkout", kind: "fix" });
    expect(parsed.hits[0]!.url).toBe(`${server.url}/entries/connection-pool-exhausted-on-checkout`);
  });

  it("a file the server rejects is named with its line; the rest of the batch still publishes", async () => {
    const mixed = path.join(work, "mixed");
    await mkdir(mixed, { recursive: true });
    await writeFile(path.join(mixed, "a.md"), "---\nkind: fix\n---\n# Alpha fix\n\nDo alpha.\n");
    await writeFile(path.join(mixed, "b.md"), "---\nkind: fix\ntitle: Beta fix\nteam: no-such-team\n---\n\nDo beta.\n");
    await writeFile(path.join(mixed, "c.md"), "---\nkind: fix\n---\n# Gamma fix\n\nDo gamma.\n");
    const r = await cli(["publish", mixed, "--source", "mixed-repo"], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^b\.md:4: rejected by the server \(400\): team: no team no-such-team/m);
    expect(r.stdout).toContain("3 files: 2 created, 0 updated, 0 unchanged, 1 failed");
  });

  it("export writes every entry as <kind>/<slug>.md, and publishing the export changes nothing", async () => {
    const backup = path.join(work, "backup");
    const r = await cli(["export", backup], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^exported 4 entries to .* \(fix 3, runbook 1\)$/m);
    expect((await readdir(path.join(backup, "runbook"))).sort()).toEqual(["kafka-consumer-lag.md"]);
    const md = await readFile(path.join(backup, "runbook", "kafka-consumer-lag.md"), "utf8");
    expect(md).toMatch(/^---\nkind: runbook\n/);
    expect(md).toContain("externalKey: runbooks/kafka-lag.md");
    expect(md).toContain("Skip the poison message");

    const only = await cli(["export", path.join(work, "only-runbooks"), "--kind", "runbook"], env);
    expect(only.stdout).toMatch(/exported 1 entries .*\(runbook 1\)/);

    const republish = await cli(["publish", backup], env);
    expect(republish.stderr).toBe("");
    expect(republish.code).toBe(0);
    expect(republish.stdout).toContain("4 files: 0 created, 0 updated, 4 unchanged");
  });

  it("a bad token fails with exit 1 and a message that does not contain the token", async () => {
    const bad = "not-the-right-token-0123456789";
    for (const argv of [["publish", docs], ["search", "kafka"], ["export", path.join(work, "x")]]) {
      const r = await cli(argv, { HINDSIGHT_URL: server.url, HINDSIGHT_TOKEN: bad });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("the server refused the API token (401)");
      expect(r.all).not.toContain(bad);
    }
    const flag = await cli(["--token", bad, "--url", server.url, "search", bad], {});
    expect(flag.code).toBe(1);
    expect(flag.all).not.toContain(bad);
    expect(flag.all).not.toContain("at ");
  });

  it("a backup restores onto a fresh server, action items included", async () => {
    const pm = path.join(work, "postmortems");
    await mkdir(pm, { recursive: true });
    await writeFile(
      path.join(pm, "checkout-outage.md"),
      [
        "---",
        "kind: postmortem",
        "---",
        "# Checkout outage after a pool change",
        "",
        "## Summary",
        "",
        "Checkout failed for 20 minutes after the connection pool was resized.",
        "",
        "## Action Items",
        "",
        "- Add a pool-size alert (owner: kim) (open)",
        "- Load-test pool changes in staging (done)",
        "",
      ].join("\n"),
    );
    expect((await cli(["publish", pm, "--source", "pm-repo"], env)).code).toBe(0);
    const backup = path.join(work, "full-backup");
    expect((await cli(["export", backup], env)).code).toBe(0);
    const md = await readFile(path.join(backup, "postmortem", "checkout-outage-after-a-pool-change.md"), "utf8");
    expect(md).toMatch(/actionItems:\n\s+- id: [0-9a-f-]{36}/);

    const fresh = await startServer();
    try {
      const restore = await cli(["publish", backup], { HINDSIGHT_URL: fresh.url, HINDSIGHT_TOKEN: fresh.token });
      expect(restore.stderr).toBe("");
      expect(restore.code).toBe(0);
      expect(restore.stdout).toContain("5 files: 5 created, 0 updated, 0 unchanged");
      // The backup's action items carry the old server's ids; the new server tracks them as its own.
      const again = await cli(["publish", backup], { HINDSIGHT_URL: fresh.url, HINDSIGHT_TOKEN: fresh.token });
      expect(again.stdout).toContain("5 files: 0 created, 0 updated, 5 unchanged");
      const found = await cli(["search", "pool-size", "alert"], { HINDSIGHT_URL: fresh.url, HINDSIGHT_TOKEN: fresh.token });
      expect(found.stdout).toContain("Checkout outage after a pool change");
    } finally {
      await fresh.close();
    }
  });

  it("reads without a token explain that the server needs one; writes refuse before sending", async () => {
    const read = await cli(["search", "kafka"], { HINDSIGHT_URL: server.url });
    expect(read.code).toBe(1);
    expect(read.stderr).toContain("the server needs an API token (401): set HINDSIGHT_TOKEN or pass --token");
    const write = await cli(["publish", docs], { HINDSIGHT_URL: server.url });
    expect(write.code).toBe(2);
    expect(write.stderr).toContain("this command needs an API token");
  });
});

describe("import", () => {
  it("imports a chat log and prints the report with redactions; re-importing updates nothing", async () => {
    const log = path.join(work, "war-room.log");
    // Built at run time so no secret scanner mistakes the test for a leak.
    const secret = ["AKIA", "Z7Q2", "X9LM", "4KPT", "B8WN"].join("");
    await writeFile(log, ["[10:02] kim: checkout is throwing 502s", `[10:04] lee: rolling back, key was ${secret}`, "[10:09] kim: 502s gone"].join("\n"));
    const argv = ["import", "chat", log, "--title", "Checkout 502 war room", "--channel", "incidents", "--date", "2026-03-14", "--key", "war-room-1"];
    const r = await cli(argv, env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^created\s+Checkout 502 war room \(3 messages\)/m);
    expect(r.stdout).toContain("1 entries: 1 created, 0 updated, 0 unchanged");
    expect(r.stdout).toMatch(/redacted 1 secrets: aws-access-key 1/);
    expect(r.all).not.toContain(secret);

    const again = await cli(argv, env);
    expect(again.stdout).toContain("1 entries: 0 created, 0 updated, 1 unchanged");

    const stdin = await cli(["import", "chat", "-", "--title", "From stdin", "--date", "2026-03-15"], env, "[09:00] ana: hello\n");
    expect(stdin.code).toBe(0);
    expect(stdin.stdout).toContain("1 created");
  });

  it("rejects a bad --date or --visibility as a usage error", async () => {
    const log = path.join(work, "war-room.log");
    expect((await cli(["import", "chat", log, "--title", "x", "--date", "14/03/2026"], env)).code).toBe(2);
    expect((await cli(["import", "slack", log, "--visibility", "public"], env)).code).toBe(2);
    expect((await cli(["import", "slack", path.join(work, "missing.zip")], env)).code).toBe(2);
  });

  it("imports a Slack export folder", async () => {
    const exp = path.join(work, "slack");
    await mkdir(path.join(exp, "ops"), { recursive: true });
    await writeFile(path.join(exp, "users.json"), JSON.stringify([{ id: "U1", name: "kim", real_name: "Kim" }]));
    await writeFile(path.join(exp, "channels.json"), JSON.stringify([{ id: "C1", name: "ops" }]));
    await writeFile(
      path.join(exp, "ops", "2026-03-14.json"),
      JSON.stringify([
        { type: "message", user: "U1", text: "disk full on db-2", ts: "1773480000.000100" },
        { type: "message", user: "U1", text: "cleared old WAL files", ts: "1773480060.000200" },
      ]),
    );
    const r = await cli(["import", "slack", exp], env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^created\s+.*ops.*\(2 messages\)/m);
    expect(r.stdout).toContain("1 entries: 1 created, 0 updated, 0 unchanged");
  });
});
