// `hindsight publish --prune` against the real API (in this process, PGlite in a temp folder): the entry
// of a file removed from the folder is archived, and nothing else changes: not the files still there,
// not another source's entries (even under the same path), not entries without a key.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, startServer, type TestServer } from "./test/server.js";

let server: TestServer;
let work: string;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startServer();
  work = await mkdtemp(path.join(tmpdir(), "hindsight-prune-"));
  env = { HINDSIGHT_URL: server.url, HINDSIGHT_TOKEN: server.token };
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

async function api(method: "GET" | "POST", url: string, body?: unknown): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`${server.url}/api/v1${url}`, {
    method,
    headers: { authorization: `Bearer ${server.token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.ok, `${method} ${url}: ${res.status}`).toBe(true);
  return (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Every entry on the server as `source:key` (or `source:#id` without a key) -> status and version. */
async function everything(): Promise<Record<string, { status: string; version: number }>> {
  const out: Record<string, { status: string; version: number }> = {};
  let cursor: string | null = null;
  do {
    const page = await api("GET", `/entries?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    for (const e of page.items) out[`${e.source}:${e.externalKey ?? `#${e.id}`}`] = { status: e.status, version: e.version };
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

const runbook = (title: string) => `---\nkind: runbook\n---\n\n# ${title}\n\n## Mitigation\n\n1. Restart the consumer.\n`;

describe("publish --prune", () => {
  let docs: string;
  const publish = (...extra: string[]) => cli(["publish", docs, "--source", "repo-a", ...extra], env);

  beforeAll(async () => {
    docs = path.join(work, "repo-a");
    const other = path.join(work, "repo-b");
    await mkdir(path.join(docs, "runbooks"), { recursive: true });
    await mkdir(path.join(other, "runbooks"), { recursive: true });
    await writeFile(path.join(docs, "runbooks", "kafka-lag.md"), runbook("Kafka consumer lag"));
    await writeFile(path.join(docs, "runbooks", "disk-full.md"), runbook("Disk full"));
    await writeFile(path.join(docs, "dns.md"), runbook("DNS resolution failures"));
    // Another repository, with a file at the same path.
    await writeFile(path.join(other, "runbooks", "disk-full.md"), runbook("Disk full on the other team's hosts"));
    expect((await publish()).code).toBe(0);
    expect((await cli(["publish", other, "--source", "repo-b"], env)).code).toBe(0);
    // Written by hand: one in the portal's default source, one in repo-a's source but without a key.
    await api("POST", "/entries", { kind: "fix", title: "Written in the portal" });
    await api("POST", "/entries", { kind: "fix", title: "Posted by a script into repo-a", source: "repo-a" });
  }, 120_000);

  it("archives the entry of a removed file and changes nothing else; a dry run lists it first", async () => {
    const before = await everything();
    expect(Object.keys(before)).toHaveLength(6);
    expect(before["repo-a:runbooks/disk-full.md"]).toEqual({ status: "published", version: 1 });
    await rm(path.join(docs, "runbooks", "disk-full.md"));

    const dry = await publish("--prune", "--dry-run");
    expect(dry.code, dry.all).toBe(0);
    expect(dry.stdout).toContain('would archive  runbooks/disk-full.md  runbook "Disk full" (published; no such file under');
    expect(dry.stdout.match(/would archive/g)).toHaveLength(1);
    expect(dry.stdout).toMatch(/1 entries of source repo-a would be archived; nothing was changed/);
    expect(await everything()).toEqual(before);

    const real = await publish("--prune");
    expect(real.code, real.all).toBe(0);
    expect(real.stdout).toMatch(/^archived {3}runbooks\/disk-full\.md {2}http:\/\/127\.0\.0\.1:\d+\/entries\//m);
    expect(real.stdout.split("\n").at(-1)).toBe("2 files: 0 created, 0 updated, 2 unchanged, 1 archived");
    expect(await everything()).toEqual({ ...before, "repo-a:runbooks/disk-full.md": { status: "archived", version: 2 } });

    // Once archived it stays so: pruning again touches nothing.
    const again = await publish("--prune");
    expect(again.stdout.split("\n").at(-1)).toBe("2 files: 0 created, 0 updated, 2 unchanged, 0 archived");

    // The file comes back: publishing restores its entry.
    await writeFile(path.join(docs, "runbooks", "disk-full.md"), runbook("Disk full"));
    const back = await publish("--prune");
    expect(back.code, back.all).toBe(0);
    expect((await everything())["repo-a:runbooks/disk-full.md"]).toEqual({ status: "published", version: 3 });
  });

  it("needs an explicit --source, and prunes nothing while a file fails", async () => {
    const noSource = await cli(["publish", docs, "--prune"], env);
    expect(noSource.code).toBe(2);
    expect(noSource.stderr).toMatch(/--prune needs an explicit --source/);
    const noToken = await cli(["publish", docs, "--source", "repo-a", "--prune", "--dry-run"], { HINDSIGHT_URL: server.url });
    expect(noToken.code).toBe(2);

    const before = await everything();
    await rm(path.join(docs, "dns.md"));
    await writeFile(path.join(docs, "broken.md"), "---\nkind: recipe\n---\n\n# Not a kind we know\n");
    const r = await publish("--prune");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not pruning: 1 file failed/);
    expect(await everything()).toEqual(before);
    expect(before["repo-a:dns.md"]).toEqual({ status: "published", version: 1 });
  });
});
