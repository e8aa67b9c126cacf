// How publish narrows a rejected batch down to the files at fault, against a scripted server.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HindsightClient, type EntryPayload } from "../client.js";
import { captureIo } from "../test/server.js";
import { publish } from "./publish.js";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "hindsight-publish-"));
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < 12; i += 1) {
    const team = i % 3 === 0 ? "secret-team" : "open-team";
    await writeFile(path.join(dir, `f${String(i).padStart(2, "0")}.md`), `---\nkind: fix\nteam: ${team}\n---\n# Fix ${i}\n\nbody ${i}\n`);
  }
  // Refused by the server for a reason it does not tie to an item: found by halving.
  await writeFile(path.join(dir, "odd.md"), "---\nkind: fix\ntitle: Odd one\nservices: [payments]\n---\n\nbody\n");
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

/** A server that refuses team "secret-team" (naming the first such item) and any entry with services. */
function scriptedServer() {
  const requests: number[] = [];
  const impl = (async (_url: string | URL | Request, init?: RequestInit) => {
    const { entries } = JSON.parse(String(init?.body)) as { entries: EntryPayload[] };
    requests.push(entries.length);
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
    const secret = entries.findIndex((e) => e.team === "secret-team");
    if (secret >= 0) return json(403, { error: { code: "FORBIDDEN", message: `entries.${secret}: You may only publish for teams you belong to` } });
    if (entries.some((e) => e.services?.length)) return json(400, { error: { code: "BAD_REQUEST", message: "Unknown service", fieldErrors: { services: ["no such service"] } } });
    return json(200, {
      created: entries.length,
      updated: 0,
      unchanged: 0,
      results: entries.map((e, i) => ({ id: `id-${i}`, slug: `s-${i}`, version: 1, externalKey: e.externalKey, outcome: "created" })),
    });
  }) as typeof fetch;
  return { impl, requests };
}

describe("publish against a server that rejects some files", () => {
  it("sets aside every file of a refused team at once, halves down to an unattributed failure, and publishes the rest", async () => {
    const server = scriptedServer();
    const c = captureIo();
    const client = new HindsightClient({ url: "http://kb.example", token: "t-12345678", fetch: server.impl });
    const { exitCode, summary } = await publish(dir, { source: "repo", dryRun: false, batchSize: 200 }, c.io, client);
    expect(exitCode).toBe(1);
    expect(summary).toMatchObject({ files: 13, created: 8 });
    expect(summary.failed.map((f) => `${f.path}:${f.line}`).sort()).toEqual(["f00.md:3", "f03.md:3", "f06.md:3", "f09.md:3", "odd.md:4"]);
    expect(c.stderr.find((l) => l.startsWith("odd.md"))).toBe("odd.md:4: rejected by the server (400): Unknown service; services: no such service");
    expect(c.stderr.find((l) => l.startsWith("f03.md"))).toBe("f03.md:3: rejected by the server (403): You may only publish for teams you belong to");
    // One refusal sets the team's four files aside; the odd one is found in a few halvings, not one request per file.
    expect(server.requests.length).toBeLessThanOrEqual(8);
    expect(c.stdout.at(-1)).toBe("13 files: 8 created, 0 updated, 0 unchanged, 5 failed");
  });
});
