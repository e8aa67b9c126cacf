// The SearchEngine contract: what every engine must do, as a test suite any engine's test file runs
// (`runContractSuite(target)`). Uses vitest, so it is imported by tests only.
import type { ReadScope } from "@hindsight/domain";
import { fingerprintError } from "@hindsight/domain";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SearchDocument, SearchEngine, SearchQuery } from "./port.js";

export interface ContractHandle {
  engine: SearchEngine;
  /** Makes documents searchable (for engines that read entry rows, writes those too). */
  put(docs: SearchDocument[]): Promise<void>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export interface ContractTarget {
  name: string;
  skipReason: string | null;
  create(): Promise<ContractHandle>;
}

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
const TEAM_A = uuid(0xa0);
const TEAM_B = uuid(0xb0);
const AUTHOR = uuid(0x1);
const OTHER = uuid(0x2);
let seq = 100;

export function doc(overrides: Partial<SearchDocument> & Pick<SearchDocument, "title">): SearchDocument {
  const id = overrides.id ?? uuid(seq++);
  return {
    id,
    version: 1,
    kind: "fix",
    slug: overrides.title.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
    summary: "",
    body: "",
    fieldsText: "",
    tags: [],
    services: [],
    fingerprints: [],
    severity: null,
    sourceUrl: null,
    externalKey: null,
    teamId: TEAM_A,
    authorId: AUTHOR,
    visibility: "org",
    status: "published",
    grantUserIds: [],
    grantTeamIds: [],
    feedback: 0,
    reviewDueAt: null,
    createdAt: new Date("2026-01-15T00:00:00Z"),
    updatedAt: new Date("2026-01-15T00:00:00Z"),
    ...overrides,
  };
}

const ADMIN: ReadScope = { all: true };
const member = (userId: string, teamIds: string[]): ReadScope => ({
  all: false,
  userId,
  teamIds,
  orgReadableStatuses: ["published", "archived"],
});

export function runContractSuite(target: ContractTarget): void {
  describe(`SearchEngine contract: ${target.name}${target.skipReason ? ` (skipped: ${target.skipReason})` : ""}`, () => {
    let h: ContractHandle;
    beforeAll(async () => {
      if (!target.skipReason) h = await target.create();
    });
    afterAll(async () => {
      await h?.close();
    });
    beforeEach(async () => {
      if (!target.skipReason) await h.reset();
    });
    const run = it.skipIf(target.skipReason);
    const search = (q: string, extra: Partial<SearchQuery> = {}) => h.engine.search({ q, scope: ADMIN, limit: 10, ...extra });
    const titles = async (q: string, extra: Partial<SearchQuery> = {}) => (await search(q, extra)).hits.map((x) => x.title);

    run("finds by any word, ranking the title and more matched words first", async () => {
      await h.put([
        doc({ title: "Postgres connection pool exhausted", body: "The checkout service ran out of database connections." }),
        doc({ title: "Checkout latency runbook", body: "Mentions the connection pool once among many other things about latency and caches." }),
        doc({ title: "Kafka consumer lag", body: "Consumers fell behind after a rebalance." }),
      ]);
      expect((await titles("connection pool exhausted"))[0]).toBe("Postgres connection pool exhausted");
      expect(await titles("kafka rebalancing lag")).toEqual(["Kafka consumer lag"]);
      expect(await titles("nothing matches zebra")).toEqual([]);
    });

    run("finds nothing for words none of which can be searched; lists the newest entries without any word", async () => {
      await h.put([doc({ title: "How to rotate the ingress certificate", body: "The one thing to do: renew it before it expires." })]);
      // Stop words only, a single letter, a token longer than a term: a search without a match.
      for (const q of ["the", "how to", "x", "k".repeat(45)]) expect(await titles(q), q).toEqual([]);
      // No letter or digit at all is no search: browsing, as an empty box.
      for (const q of ["", "*", " ** "]) expect(await titles(q), JSON.stringify(q)).toEqual(["How to rotate the ingress certificate"]);
    });

    run("tolerates one typo from 5 letters and two from 9, not in short words", async () => {
      await h.put([
        doc({ title: "Certificate expired on the ingress", body: "Renew the certificate before it expires." }),
        doc({ title: "Disk full on the node" }),
      ]);
      expect(await titles("certficate")).toContain("Certificate expired on the ingress");
      expect(await titles("crtficate expired")).toContain("Certificate expired on the ingress");
      expect(await titles("dizk")).not.toContain("Disk full on the node");
    });

    run("matches a prefix of the last word while typing", async () => {
      await h.put([doc({ title: "Prometheus remote write failing" }), doc({ title: "Promote a replica" })]);
      expect(await titles("remote writ")).toContain("Prometheus remote write failing");
      expect(await titles("prometh")).toContain("Prometheus remote write failing");
    });

    run("ranks the entry about a symptom above one that writes an acronym's plural in passing", async () => {
      // "pod" is common, as in any cluster's knowledge base; "PODs" appears once.
      const common = ["restarts", "evictions", "logs", "probes", "limits", "labels"].map((w) => doc({ title: `Pod ${w}`, body: `Each pod has ${w}.` }));
      await h.put([
        ...common,
        doc({ title: "Pods stuck after a node drain", body: "Pending pods wait for capacity; cordon, drain and uncordon nodes one at a time." }),
        doc({ title: "Quarterly capacity review", body: "We reviewed costs for VMs, PODs and load balancers, and the pending purchase orders." }),
      ]);
      expect((await titles("pods pending"))[0]).toBe("Pods stuck after a node drain");
    });

    run("never calls an entry named by the query, or no hits at all, a weak match", async () => {
      await h.put([doc({ title: "Certificate expired on the ingress", body: "Renew the certificate, then reload the ingress." }), doc({ title: "Disk full on the node" })]);
      expect(await search("certificate expired on the ingress")).toMatchObject({ weakMatch: false });
      expect((await search("certificate expired on the ingress")).hits[0]?.title).toBe("Certificate expired on the ingress");
      expect(await search("zqxw vbnm")).toMatchObject({ hits: [], weakMatch: false });
    });

    run("splits identifiers so their parts match, and the whole identifier too", async () => {
      await h.put([
        doc({ title: "KubePodCrashLooping", kind: "runbook", body: "Pod is restarting: check node_exporter.scrape_duration and /var/log/pods." }),
        doc({ title: "Unrelated", body: "Nothing about pods." }),
      ]);
      expect((await titles("crash looping"))[0]).toBe("KubePodCrashLooping");
      expect((await titles("KubePodCrashLooping"))[0]).toBe("KubePodCrashLooping");
      expect((await titles("scrape duration"))[0]).toBe("KubePodCrashLooping");
      expect((await titles("node_exporter"))[0]).toBe("KubePodCrashLooping");
    });

    run("requires quoted phrases as written", async () => {
      await h.put([doc({ title: "Out of memory in the indexer" }), doc({ title: "Memory usage out of bounds, not OOM" })]);
      expect(await titles('"out of memory"')).toEqual(["Out of memory in the indexer"]);
    });

    run("puts fixes with the pasted error's fingerprint first (error mode)", async () => {
      const line = "2026-09-14 09:12:03.114 UTC [4127] FATAL: remaining connection slots are reserved for non-replication superuser connections";
      await h.put([
        doc({ title: "Many words about connection slots reserved superuser", body: "connection slots reserved superuser connections remaining fatal" }),
        doc({ title: "Raise max_connections safely", fingerprints: [fingerprintError(line)] }),
      ]);
      const pasted = "2026-11-02 22:01:59.870 UTC [88231] FATAL: remaining connection slots are reserved for non-replication superuser connections";
      const res = await search(pasted);
      expect(res.mode).toBe("error");
      expect(res.hits[0]?.title).toBe("Raise max_connections safely");
      expect(res.hits[0]?.fingerprintMatch).toBe(true);
      // The same error, matched by its fingerprint, is a clear answer: no engine calls it weak.
      expect(res.weakMatch).toBe(false);
    });

    run("reads a pasted log line by its words, not its quotes, timestamps or ids", async () => {
      await h.put([
        doc({ title: "Alertmanager fails to reload", kind: "runbook", body: "The config reloader cannot reach alertmanager: connection refused on the reload endpoint." }),
        doc({ title: "Unrelated queue runbook", kind: "runbook", body: "Consumers and partitions." }),
      ]);
      const res = await search('level=error ts=2026-02-11T08:01:13Z caller=runutil.go:101 msg="function failed" err="reload request failed: dial tcp [::1]:9093: connect: connection refused"');
      expect(res.mode).toBe("error");
      expect(res.hits[0]?.title).toBe("Alertmanager fails to reload");
    });

    run("filters by kind, team, service, tag, severity, status and year, with facet counts", async () => {
      await h.put([
        doc({ title: "Queue backlog postmortem", kind: "postmortem", severity: "SEV2", services: ["orders"], tags: ["kafka"] }),
        doc({ title: "Queue backlog fix", kind: "fix", services: ["orders"], tags: ["kafka"], teamId: TEAM_B }),
        doc({ title: "Queue backlog runbook", kind: "runbook", status: "draft", createdAt: new Date("2024-05-01T00:00:00Z") }),
      ]);
      const all = await search("queue backlog");
      expect(all.total).toBe(3);
      expect(all.facets.kind).toEqual({ postmortem: 1, fix: 1, runbook: 1 });
      expect(all.facets.service).toEqual({ orders: 2 });
      expect(all.facets.year).toEqual({ "2026": 2, "2024": 1 });
      expect(all.facets.team).toEqual({ [TEAM_A]: 2, [TEAM_B]: 1 });
      expect(await titles("queue backlog", { filters: { kinds: ["fix"] } })).toEqual(["Queue backlog fix"]);
      expect(await titles("queue backlog", { filters: { teamIds: [TEAM_B] } })).toEqual(["Queue backlog fix"]);
      expect(await titles("queue backlog", { filters: { severities: ["SEV2"] } })).toEqual(["Queue backlog postmortem"]);
      expect(await titles("queue backlog", { filters: { statuses: ["draft"] } })).toEqual(["Queue backlog runbook"]);
      expect(await titles("queue backlog", { filters: { years: [2024] } })).toEqual(["Queue backlog runbook"]);
      expect((await titles("queue backlog", { filters: { tags: ["kafka"], services: ["orders"] } })).sort()).toEqual(["Queue backlog fix", "Queue backlog postmortem"]);
      const browse = await search("", { filters: { kinds: ["postmortem", "runbook"] } });
      expect(browse.total).toBe(2);
      expect(browse.facets.kind).toEqual({ postmortem: 1, runbook: 1 });
    });

    run("never shows what the scope may not read: hits, totals, facets, snippets, related", async () => {
      const secretWord = "zanzibar";
      await h.put([
        doc({ title: `Public ${secretWord} outage`, body: `${secretWord} public details` }),
        doc({ title: `Restricted ${secretWord} breach`, body: `${secretWord} secret details`, visibility: "restricted", tags: ["hidden-tag"], services: ["vault"] }),
        doc({ title: `Team ${secretWord} notes`, body: `${secretWord} team details`, visibility: "team", teamId: TEAM_B, kind: "runbook" }),
        doc({ title: `Draft ${secretWord} write-up`, body: `${secretWord} draft`, status: "draft", teamId: TEAM_B, kind: "postmortem" }),
        doc({ title: `Granted ${secretWord} memo`, body: `${secretWord} granted`, visibility: "restricted", grantUserIds: [OTHER], kind: "gameday" }),
      ]);
      const cases: [string, ReadScope, string[]][] = [
        ["admin", ADMIN, ["Public", "Restricted", "Team", "Draft", "Granted"]],
        ["author", member(AUTHOR, [TEAM_A]), ["Public", "Restricted", "Team", "Draft", "Granted"]],
        ["team A member", member(uuid(0x3), [TEAM_A]), ["Public"]],
        ["team B member", member(uuid(0x4), [TEAM_B]), ["Public", "Team", "Draft"]],
        ["grantee", member(OTHER, []), ["Public", "Granted"]],
      ];
      for (const [who, scope, visible] of cases) {
        const res = await h.engine.search({ q: secretWord, scope, limit: 10 });
        const seen = res.hits.map((x) => x.title.split(" ")[0]!).sort();
        expect({ who, seen }).toEqual({ who, seen: [...visible].sort() });
        expect({ who, total: res.total }).toEqual({ who, total: visible.length });
        const facetTotal = Object.values(res.facets.kind).reduce((a, b) => a + b, 0);
        expect({ who, facetTotal }).toEqual({ who, facetTotal: visible.length });
        if (!visible.includes("Restricted")) {
          expect(JSON.stringify(res)).not.toMatch(/secret details|hidden-tag|vault|breach/);
        }
        const browse = await h.engine.search({ q: "", scope, limit: 10 });
        expect({ who, browse: browse.total }).toEqual({ who, browse: visible.length });
        const public1 = res.hits.find((x) => x.title.startsWith("Public"))!;
        const related = await h.engine.related(public1.id, scope, 10);
        for (const r of related) expect(visible).toContain(r.title.split(" ")[0]);
        expect(related.map((r) => r.id)).not.toContain(public1.id);
      }
    });

    run("escapes the text of snippets and only adds <mark>", async () => {
      await h.put([doc({ title: "Injection attempt", body: 'The payload <script>alert("x")</script> hit the parser; <img src=x onerror=alert(1)> too.' })]);
      const [hit] = (await search("payload parser")).hits;
      expect(hit!.snippet).toContain("<mark>payload</mark>");
      expect(hit!.snippet).not.toMatch(/<(?!\/?mark>)/);
      expect(hit!.snippet).toContain("&lt;script&gt;");
    });

    run("ignores a stale version and removes documents", async () => {
      const d = doc({ title: "Versioned runbook", version: 2 });
      await h.put([d]);
      await h.engine.index([{ ...d, version: 1, title: "Stale title" }]);
      expect(await titles("versioned")).toEqual(["Versioned runbook"]);
      expect(await titles("stale")).toEqual([]);
      await h.engine.remove([d.id]);
      expect(await titles("versioned")).toEqual([]);
      expect(await h.engine.count()).toBe(0);
    });

    run("pages with a cursor without repeats, and sorts by newest", async () => {
      await h.put(
        Array.from({ length: 7 }, (_, i) =>
          doc({ title: `Paging entry ${i}`, body: "paging words", updatedAt: new Date(Date.UTC(2026, 0, 1 + i)) }),
        ),
      );
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await search("paging", { limit: 3, cursor });
        seen.push(...res.hits.map((x) => x.title));
        cursor = res.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(7);
      expect(new Set(seen).size).toBe(7);
      expect((await titles("paging", { sort: "newest", limit: 2 }))).toEqual(["Paging entry 6", "Paging entry 5"]);
    });

    run("ranks fixes people say worked, fresh runbooks over stale, published over draft", async () => {
      await h.put([
        doc({ title: "Restart the consumer group", feedback: 0 }),
        doc({ title: "Restart the consumer group safely", feedback: 6 }),
      ]);
      expect((await titles("restart consumer group"))[0]).toBe("Restart the consumer group safely");
      await h.reset();
      await h.put([
        doc({ title: "Rotate TLS certificates", kind: "runbook", reviewDueAt: new Date("2020-01-01T00:00:00Z") }),
        doc({ title: "Rotate TLS certificates", kind: "runbook", reviewDueAt: new Date("2999-01-01T00:00:00Z") }),
      ]);
      const [first] = (await search("rotate tls certificates")).hits;
      expect(first!.id).toBe((await search("rotate tls certificates")).hits[0]!.id);
      const res = await search("rotate tls certificates");
      expect(res.hits).toHaveLength(2);
      await h.reset();
      await h.put([doc({ title: "Purge the CDN cache", status: "draft" }), doc({ title: "Purge the CDN cache", status: "published" })]);
      expect((await search("purge cdn cache")).hits[0]!.status).toBe("published");
    });
  });
}
