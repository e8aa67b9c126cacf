// Issue acceptance over the real corpus: every postmortem and runbook imports through REST with its
// structure mapped, exports to markdown and reads back identically; the Slack export keeps threads
// and names; planted secrets never reach a row, a revision or a search document.
import { databaseTargets } from "@hindsight/db/testing";
import { schema } from "@hindsight/db";
import { eq, inArray } from "@hindsight/db/orm";
import { markdownToEntry, type Entry } from "@hindsight/domain";
import { buildSearchDocument } from "@hindsight/search";
import { describe, expect } from "vitest";
import { toEntryDocument } from "../services/entry-service.js";
import { corpusPostmortems, corpusRunbooks, corpusSkipReason, corpusSlackExport, corpusSlackFixture, jsonlCount } from "../test/corpus.js";
import { ADMIN_TOKEN, rest, useHarness } from "../test/harness.js";

const targets = await databaseTargets();

type Report = { created: number; updated: number; unchanged: number; entries: { id: string; title: string; outcome: string; messages?: number }[]; redactions: { total: number; byKind: Record<string, number>; locations: { where: string; kind: string }[] }; warnings: unknown[] };

describe.each(targets)("imports on $name", (target) => {
  const { h, run, note } = useHarness(target, { skip: corpusSkipReason });

  async function getEntry(id: string): Promise<Entry> {
    const res = await rest(h.app, "GET", `/api/v1/entries/${id}`);
    expect(res.status).toBe(200);
    return res.body.entry as Entry;
  }

  run(`imports every corpus postmortem and runbook, maps their structure, and round-trips them${note}`, async () => {
    const postmortems = corpusPostmortems();
    const runbooks = corpusRunbooks();
    expect(postmortems).toHaveLength(jsonlCount("postmortems/postmortems.jsonl"));
    expect(runbooks).toHaveLength(jsonlCount("runbooks/runbooks.jsonl"));
    const post = (kind: string, files: { path: string; markdown: string }[]) =>
      rest(h.app, "POST", "/api/v1/import/markdown", {
        documents: files.map((f) => ({ markdown: f.markdown, kind, filename: f.path, externalKey: `corpus/${kind}/${f.path}`, source: "corpus" })),
      });
    const pmRes = await post("postmortem", postmortems);
    expect(pmRes.status, JSON.stringify(pmRes.body).slice(0, 500)).toBe(200);
    expect(pmRes.body.created).toBe(postmortems.length);
    const rbRes = await post("runbook", runbooks);
    expect(rbRes.status, JSON.stringify(rbRes.body).slice(0, 500)).toBe(200);
    expect(rbRes.body.created).toBe(runbooks.length);

    const pmEntries = await Promise.all((pmRes.body as Report).entries.map((e) => getEntry(e.id)));
    const rbEntries = await Promise.all((rbRes.body as Report).entries.map((e) => getEntry(e.id)));
    const has = (e: Entry, key: string) => Array.isArray(e.fields[key]) && (e.fields[key] as unknown[]).length > 0;
    const figures = {
      postmortems: pmEntries.length,
      withTimeline: pmEntries.filter((e) => has(e, "timeline")).length,
      withActionItems: pmEntries.filter((e) => has(e, "actionItems")).length,
      withContributingFactors: pmEntries.filter((e) => has(e, "contributingFactors")).length,
      runbooks: rbEntries.length,
      withDiagnosis: rbEntries.filter((e) => has(e, "diagnosis")).length,
      withMitigation: rbEntries.filter((e) => has(e, "mitigation")).length,
    };
    console.log(`corpus import via REST on ${target.name}:`, JSON.stringify(figures));
    // Floors measured when this test was written (41 postmortems, 108 runbooks); raise them as mapping improves.
    expect(figures.withTimeline).toBeGreaterThanOrEqual(39);
    expect(figures.withActionItems).toBeGreaterThanOrEqual(40);
    expect(figures.withContributingFactors).toBeGreaterThanOrEqual(39);
    expect(figures.withDiagnosis).toBeGreaterThanOrEqual(100);
    expect(figures.withMitigation).toBeGreaterThanOrEqual(99);

    // Action items became tracked rows.
    const rows = await h.db.database.db.select().from(schema.actionItems);
    expect(rows.length).toBe(pmEntries.reduce((n, e) => n + ((e.fields.actionItems as unknown[] | undefined)?.length ?? 0), 0));

    // Export each entry and read it back: field-for-field the same document, and re-importing the
    // exported files through the API changes nothing.
    const all = [...pmEntries, ...rbEntries];
    const exported: { markdown: string }[] = [];
    for (const entry of all) {
      const res = await h.app.inject({ method: "GET", url: `/api/v1/entries/${entry.id}/markdown`, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/text\/markdown/);
      expect(markdownToEntry(res.body)).toEqual(toEntryDocument(entry));
      exported.push({ markdown: res.body });
    }
    const again = await rest(h.app, "POST", "/api/v1/import/markdown", { documents: exported });
    expect(again.status).toBe(200);
    expect({ created: again.body.created, updated: again.body.updated, unchanged: again.body.unchanged }).toEqual({
      created: 0,
      updated: 0,
      unchanged: all.length,
    });
  });

  run("imports the corpus Slack export into transcripts with threads and real names", async () => {
    const res = await rest(h.app, "POST", "/api/v1/import/slack", { files: corpusSlackExport(), team: "alpha" });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    const report = res.body as Report;
    expect(report.created).toBeGreaterThan(0);
    const transcripts = await Promise.all(report.entries.map((e) => getEntry(e.id)));
    const messages = transcripts.flatMap((t) => t.fields.messages as { ts: string; user: string; text: string; threadTs?: string }[]);
    expect(messages.length).toBeGreaterThan(0);
    const users = JSON.parse(corpusSlackExport()["users.json"]!) as { id: string; real_name?: string; profile?: { real_name?: string } }[];
    const realNames = new Set(users.map((u) => u.real_name ?? u.profile?.real_name).filter(Boolean));
    expect(messages.some((m) => realNames.has(m.user))).toBe(true);
    expect(messages.every((m) => !/^U[A-Z0-9]{6,}$/.test(m.user) || !users.some((u) => u.id === m.user))).toBe(true);
    for (const t of transcripts) {
      const ts = new Set((t.fields.messages as { ts: string }[]).map((m) => m.ts));
      for (const m of t.fields.messages as { threadTs?: string }[]) if (m.threadTs) expect(ts.has(m.threadTs)).toBe(true);
      expect(t.teamSlug).toBe("alpha");
    }
    const again = await rest(h.app, "POST", "/api/v1/import/slack", { files: corpusSlackExport(), team: "alpha" });
    expect(again.body.created).toBe(0);
  });

  run("keeps threads and thread broadcasts from the corpus message fixtures", async () => {
    const files = {
      "users.json": corpusSlackExport()["users.json"]!,
      "incident/2015-06-12.json": corpusSlackFixture("thread_with_broadcast_reply.json"),
      "incident/2015-06-13.json": corpusSlackFixture("normal_thread.json"),
    };
    const res = await rest(h.app, "POST", "/api/v1/import/slack", { files });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    const transcripts = await Promise.all((res.body as Report).entries.map((e) => getEntry(e.id)));
    const messages = transcripts.flatMap((t) => t.fields.messages as { ts: string; threadTs?: string; broadcast?: boolean; at?: string }[]);
    const replies = messages.filter((m) => m.threadTs);
    expect(replies.length).toBeGreaterThanOrEqual(3);
    for (const t of transcripts) {
      const own = t.fields.messages as { ts: string; threadTs?: string }[];
      for (const r of own.filter((m) => m.threadTs)) expect(own.some((m) => m.ts === r.threadTs && !m.threadTs)).toBe(true);
    }
    expect(messages.filter((m) => m.broadcast).map((m) => m.ts)).toEqual(["1434139104.000002"]);
    // The original timestamps are kept.
    expect(messages.find((m) => m.ts === "1434139102.000002")?.at).toBe(new Date(1434139102000).toISOString());
  });

  run("a transcript planted with 12+ kinds of secret stores none of them anywhere", async () => {
    const secrets: Record<string, string> = {
      "aws-access-key": "AKIA" + "Z7QWERTYUIOPASDF",
      "aws-secret-key": "aws_secret_access_key = " + "k9Vd2Lq8Rt4Zx7Pw1Ny5Mb3Hc6Gf0Js2Ae8Ku4Wq",
      "github-token": "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8",
      "slack-token": "xoxb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
      "slack-webhook": "https://hooks.slack.com/services/" + "T0ABCDEFG/B0HIJKLMN/abcdefghijklmnopqrstuvwx",
      "private-key": "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7nK3" + "q9v8x7w6Z5Y4X3W2V1U0T\n-----END RSA PRIVATE KEY-----",
      "password-in-url": "postgres://app:" + "S3cr3tP4ssw0rdZ" + "@db.internal:5432/orders",
      "bearer-token": "Authorization: Bearer " + "mF_9.B5f-4.1JqM7nTzRw2Lk8Vb",
      jwt: "eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0" + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
      "generic-secret": "api_key=" + "Zx9Qw8Er7Ty6Ui5Op4As",
      "google-api-key": "AIza" + "SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q",
      "stripe-key": "sk_live_" + "51H8aBcDeFgHiJkLmNoPqRsT",
      "npm-token": "npm_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8",
    };
    const log = Object.entries(secrets)
      .map(([kind, value], i) => `[10:${String(i).padStart(2, "0")}] alex: trying the ${kind} now: ${value.replace(/\n/g, " ")}`)
      .join("\n");
    const res = await rest(h.app, "POST", "/api/v1/import/chat", { text: log, title: "Leaky war room", channel: "inc-leaks", date: "2026-11-01" });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    const report = res.body as Report;
    expect(Object.keys(report.redactions.byKind).length).toBeGreaterThanOrEqual(12);
    expect(report.redactions.locations.map((l) => l.where).filter((w) => !w.startsWith("message "))).toEqual([]);
    const id = report.entries[0]!.id;

    const db = h.db.database.db;
    const stored = JSON.stringify(await db.select().from(schema.entries).where(eq(schema.entries.id, id)));
    const revisions = JSON.stringify(await db.select().from(schema.entryRevisions).where(eq(schema.entryRevisions.entryId, id)));
    const audits = JSON.stringify(await db.select().from(schema.auditLog).where(inArray(schema.auditLog.targetId, [id])));
    const searchDoc = JSON.stringify(buildSearchDocument(await getEntry(id)));
    // The secret part of each planted value (the URL's password, the key block's body, ...).
    const needles = Object.values(secrets).map((s) => {
      if (s.includes("PRIVATE KEY")) return "MIIEowIBAAKCAQEA7nK3";
      if (s.startsWith("postgres://")) return "S3cr3tP4ssw0rdZ";
      return s.split(/[=:] ?|Bearer /).pop()!.slice(-16);
    });
    expect(needles.every((n) => n.length >= 12)).toBe(true);
    for (const [where, text] of Object.entries({ stored, revisions, audits, searchDoc })) {
      for (const needle of needles) expect(text.includes(needle), `${needle} in ${where}`).toBe(false);
    }
    expect(stored).toContain("[REDACTED:aws-access-key]");
  });

  run("rejects markdown without a kind, naming the problem, and stores nothing", async () => {
    const before = (await h.db.database.db.select().from(schema.entries)).length;
    const res = await rest(h.app, "POST", "/api/v1/import/markdown", { documents: [{ markdown: "# Fine", kind: "fix" }, { markdown: "# No kind here" }] });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toMatch(/documents\.1/);
    expect((await h.db.database.db.select().from(schema.entries)).length).toBe(before);
  });

  run("rejects a corrupt zip with a clear error", async () => {
    const res = await h.app.inject({
      method: "POST",
      url: "/api/v1/import/slack",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/zip" },
      payload: Buffer.from("definitely not a zip"),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/zip/i);
  });
});
