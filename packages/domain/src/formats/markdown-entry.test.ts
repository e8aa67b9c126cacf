import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Invalid } from "../errors.js";
import { KIND_FIELD_SCHEMAS, type EntryKind } from "../kinds.js";
import { deriveFields, entryToMarkdown, markdownToEntry, type EntryDocument } from "./markdown-entry.js";
import { clip } from "./text-limits.js";

const TRICKY = [
  "key: value with: colons",
  "'single' and \"double\" quotes",
  "- leading dash",
  "# not a heading",
  "multi\nline\n\nwith blank\n",
  "  leading spaces\n\ttab",
  "trailing spaces   ",
  "ünïcödé — 汉语 हिन्दी 🚀",
  "---",
  "...",
  "a\n---\nb",
  "",
  "null",
  "true",
  "2024-01-01",
  "0x1F",
  "@mention & *stars* | pipes > gt",
  "line\r\nwith crlf",
  "%percent {braces} [brackets]",
];

function base(kind: EntryKind, fields: Record<string, unknown>): EntryDocument {
  return {
    kind,
    title: `A ${kind}: "quoted" - and colons`,
    summary: "Summary line one\nline two: with colon\n- and a dash",
    body: "# Heading\n\n---\n\nBody with front-matter-like fence above.\n\n```yaml\nkey: value\n---\n```\n",
    tags: ["postgres", "tls:1.3", "a+b"],
    services: [],
    team: "payments",
    visibility: "team",
    status: "in_review",
    sourceUrl: "https://git.example.com/a/b.md?x=1#y",
    externalKey: "repo/path/file.md",
    source: "docs-as-code",
    fields,
  };
}

const DOCS: EntryDocument[] = [
  base("postmortem", {
    severity: "SEV2",
    incident: { startedAt: "2026-09-14T09:04:00Z", resolvedAt: "2026-09-14T09:51:00+02:00" },
    customerImpact: TRICKY.join("\n"),
    timeline: TRICKY.map((t, i) => ({ at: `09:${String(i).padStart(2, "0")}`, text: t })),
    contributingFactors: TRICKY,
    wentWell: [],
    wentPoorly: ["- starts with dash", ": starts with colon"],
    gotLucky: ["? question"],
    lessonsLearned: ["multi\nline"],
    actionItems: [
      { title: "Add a pool: with colon", owner: "@tomas", team: "payments", dueDate: "2026-10-01", status: "open" },
      { title: "'quoted' title", status: "wont_do", id: "6f1c2c1e-8f7e-4a55-9a39-1d2b8a0e4c11" },
    ],
    transcriptId: "0b9a51f3-3c7d-4c35-8f36-5d4f4c1d9a77",
  }),
  { ...base("fix", {
    problem: "Problem: colon\n\n```\ncode\n```",
    symptoms: TRICKY,
    errorSignatures: ["ERROR: duplicate key value violates unique constraint \"x\"", "  at Foo.bar (foo.js:1:2)\n  at ..."],
    cause: "",
    resolutionSteps: ["1. first", "- second"],
    appliesTo: { services: ["checkout-api"], technologies: [], versions: ["1.2.3", "2"] },
    verification: "null",
    derivedFrom: { entryId: "0b9a51f3-3c7d-4c35-8f36-5d4f4c1d9a77", messageTs: ["1516454537.000093"] },
  }), team: null, sourceUrl: null, externalKey: null, tags: [] },
  base("runbook", {
    purpose: "Purpose",
    whenToUse: ["when x: y"],
    prerequisites: [],
    meaning: "m",
    impact: "i",
    diagnosis: [{ text: "Check", command: "kubectl get pods -n 'ns' | grep -v \"Running\"", expected: "no rows" }],
    mitigation: [{ text: "- Restart" }],
    steps: [{ text: "multi\nline", command: "cat <<'EOF'\n---\nEOF\n" }],
    rollback: "---",
    escalation: "#oncall",
    reviewIntervalDays: 90,
    lastReviewedAt: "2026-01-01T00:00:00.000Z",
  }),
  (() => {
    const d = base("transcript", {
      channel: "incident-42",
      format: "slack",
      messages: [
        { ts: "1516454537.000093", at: "2018-01-20T13:22:17.000Z", user: "Rishi हिन्दी 汉语", text: "<@U1> \"hi\": - there", files: [{ name: "a: b.md", url: "https://x" }] },
        { ts: "1516454538.000001", user: "bot", text: "", threadTs: "1516454537.000093", broadcast: true },
      ],
    });
    delete d.source;
    return d;
  })(),
  { ...base("gameday", {
    hypothesis: "If the primary fails, failover completes in < 30s",
    blastRadius: "staging only: no customers",
    failureInjected: "kill -9 postgres",
    expected: "> 99% success",
    observed: "|",
    findings: [],
    actionItems: [{ title: "Tune: the probe" }],
  }), body: "", summary: "" },
];

describe("entryToMarkdown / markdownToEntry round trip", () => {
  it.each(DOCS.map((d) => [d.kind, d] as const))("%s comes back field for field", (_kind, doc) => {
    expect(KIND_FIELD_SCHEMAS[doc.kind].safeParse(doc.fields).success).toBe(true);
    const md = entryToMarkdown(doc);
    expect(md.startsWith("---\n")).toBe(true);
    expect(markdownToEntry(md)).toStrictEqual(doc);
    // Stable: writing what was read gives the same file.
    expect(entryToMarkdown(markdownToEntry(md))).toBe(md);
  });

  it("keeps a body that starts with blank lines or looks like front matter", () => {
    for (const body of ["\n\nstarts blank", "---\nkind: fix\n---\n", "\r\nwindows\r\n", "no trailing newline", "---"]) {
      const doc = { ...DOCS[1]!, body };
      expect(markdownToEntry(entryToMarkdown(doc))).toStrictEqual(doc);
    }
  });

  it("round-trips random strings (seeded), including control characters and lone surrogates", () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const alphabet = [..."ab :-#'\"|>*&!%@`{}[],?\n\r\t\\ \u00a0\u2028\u0000\u0085\ufeffé汉🚀", "\ud800", "---", "...", "null", "0x1", "~"];
    const randomString = () => Array.from({ length: rand(12) }, () => alphabet[rand(alphabet.length)]).join("");
    for (let i = 0; i < 300; i += 1) {
      const doc: EntryDocument = {
        ...DOCS[1]!,
        title: randomString(),
        summary: randomString(),
        body: randomString(),
        tags: Array.from({ length: rand(3) }, randomString),
        team: rand(2) ? randomString() : null,
        externalKey: rand(2) ? randomString() : null,
        fields: { symptoms: Array.from({ length: rand(3) }, randomString), cause: randomString() },
      };
      expect(markdownToEntry(entryToMarkdown(doc))).toStrictEqual(doc);
    }
  });

  it("writes readable YAML: one key per line, fields last", () => {
    const md = entryToMarkdown(DOCS[4]!);
    const yaml = md.split("\n---\n")[0]!;
    expect(yaml).toMatch(/^---\nkind: gameday\ntitle: /);
    expect(yaml).toMatch(/\nfields:\n {2}hypothesis: /);
  });
});

describe("markdownToEntry front matter", () => {
  it("fills what a hand-written front matter leaves out, and options fill the rest", () => {
    const md = "---\nkind: fix\ntags: tls, Postgres\nteam: platform\n---\n# Cert expired\n\n## Problem\n\nTLS handshake fails.\n";
    const doc = markdownToEntry(md, { externalKey: "fixes/cert.md", sourceUrl: "https://git.example.com/fixes/cert.md" });
    expect(doc).toMatchObject({
      kind: "fix",
      title: "Cert expired",
      summary: "TLS handshake fails.",
      tags: ["tls", "Postgres"],
      team: "platform",
      visibility: "org",
      status: "published",
      externalKey: "fixes/cert.md",
      sourceUrl: "https://git.example.com/fixes/cert.md",
      fields: { problem: "TLS handshake fails." },
    });
    expect(doc.body).toBe("# Cert expired\n\n## Problem\n\nTLS handshake fails.\n");
    expect(doc).not.toHaveProperty("source");
  });

  it("reads someone else's front matter (Hugo) for the title and ignores unknown keys", () => {
    const md = "---\ntitle: Node Disk Full\nweight: 20\n---\n\n# NodeDiskFull\n\n## Meaning\n\nDisk is full.\n";
    const doc = markdownToEntry(md, { kind: "runbook" });
    expect(doc.title).toBe("Node Disk Full");
    expect(doc.fields).toEqual({ meaning: "Disk is full." });
    expect(doc.body.startsWith("# NodeDiskFull")).toBe(true);
  });

  it("lets the front matter kind win over the option", () => {
    expect(markdownToEntry("---\nkind: runbook\ntitle: t\n---\n", { kind: "fix" }).kind).toBe("runbook");
  });

  it.each([
    ["---\nkind: fix\ntitle: [unclosed\n---\n", /not valid YAML/],
    ["---\nkind: incident\ntitle: t\n---\n", /kind/],
    ["---\nkind: fix\ntitle: t\nvisibility: public\n---\n", /visibility/],
    ["---\nkind: postmortem\ntitle: t\nfields:\n  severity: SEV0\n---\n", /fields\.severity/],
    ["---\nkind: fix\ntitle: t\nfields:\n  typo: 1\n---\n", /fields/],
  ])("rejects bad front matter with a message naming the problem: %j", (md, message) => {
    expect(() => markdownToEntry(md)).toThrow(Invalid);
    expect(() => markdownToEntry(md)).toThrow(message);
  });

  it("requires a kind when there is no front matter", () => {
    expect(() => markdownToEntry("# Title\n\ntext")).toThrow(/names no kind/);
    expect(() => markdownToEntry("# Title\n\ntext")).toThrow(Invalid);
    expect(() => markdownToEntry("# Title", { kind: "incident" as EntryKind })).toThrow(/unknown kind "incident"/);
  });

  it("ignores a byte-order mark", () => {
    expect(markdownToEntry("\ufeff# Title\n", { kind: "fix" })).toMatchObject({ title: "Title", body: "# Title\n" });
    expect(markdownToEntry("\ufeff---\nkind: fix\ntitle: T\n---\nbody").title).toBe("T");
  });

  it("treats --- around plain text as thematic breaks, not front matter", () => {
    const md = "---\nJust a note between rules.\n---\n\n# Real title\n";
    const doc = markdownToEntry(md, { kind: "fix" });
    expect(doc.title).toBe("Real title");
    expect(doc.body).toBe(md);
  });
});

describe("markdownToEntry without front matter", () => {
  it("takes the title from the first # heading, else the filename, else the first line", () => {
    expect(markdownToEntry("intro\n\n# The **Title** [link](x)\n", { kind: "fix" }).title).toBe("The Title link");
    expect(markdownToEntry("## Only h2\n", { kind: "fix", filename: "docs/My fix.md" }).title).toBe("My fix");
    expect(markdownToEntry("First line of text\nsecond", { kind: "fix" }).title).toBe("First line of text");
    expect(markdownToEntry("# " + "x".repeat(300), { kind: "fix" }).title).toHaveLength(200);
    expect(() => markdownToEntry("   \n\n", { kind: "fix" })).toThrow(/no title/);
  });

  it("takes the summary from the Summary section's first paragraph, else the first paragraph", () => {
    const md = "# T\n\nIntro para.\n\n## TL;DR\n\nThe *real*\nsummary.\n\nMore.\n";
    expect(markdownToEntry(md, { kind: "fix" }).summary).toBe("The real summary.");
    expect(markdownToEntry("# T\n\nFirst [para](http://x).\n\nSecond.", { kind: "fix" }).summary).toBe("First para.");
    expect(markdownToEntry("# T\n", { kind: "fix" }).summary).toBe("");
  });

  it("maps a postmortem's sections, tolerating heading spelling", () => {
    const md = [
      "# Checkout outage",
      "",
      "**Severity:** SEV2",
      "",
      "## 1. Summary",
      "",
      "Checkout failed.",
      "",
      "## Customer Impact",
      "",
      "14% of checkouts failed.",
      "",
      "## Timeline (UTC)",
      "",
      "09:12 - pool exhausted",
      "  and pods kept starting",
      "**2019-11-29 10:00** rollback started",
      "- 10:05 UTC: recovered",
      "",
      "| Time | Event |",
      "|---|---|",
      "| 10:30 | all clear |",
      "",
      "## Contributing Factors (findings)",
      "",
      "- Pool size per pod",
      "- Readiness probe ignores the DB",
      "",
      "## Root Cause",
      "",
      "max_connections was reached.",
      "",
      "## What went well?",
      "",
      "* Alerting fired",
      "",
      "## What went wrong",
      "",
      "* Slow rollback",
      "",
      "## Where we got lucky",
      "",
      "* Low traffic",
      "",
      "## Lessons Learned",
      "",
      "1. Probes must check dependencies",
      "",
      "## Action items:",
      "",
      "- [ ] Add a pooler (owner: @sana, due: 2026-10-01)",
      "- [x] Fix the readiness probe",
      "- Raise max_connections (in progress)",
      "",
      "| Action | Owner | Due | Status |",
      "| --- | --- | --- | --- |",
      "| Load test | Tomas | 2026-11-01 | Done |",
      "",
    ].join("\n");
    const doc = markdownToEntry(md, { kind: "postmortem" });
    expect(doc.summary).toBe("Checkout failed.");
    expect(doc.fields).toEqual({
      severity: "SEV2",
      customerImpact: "14% of checkouts failed.",
      timeline: [
        { at: "09:12", text: "pool exhausted and pods kept starting" },
        { at: "2019-11-29 10:00", text: "rollback started" },
        { at: "10:05 UTC", text: "recovered" },
        { at: "10:30", text: "all clear" },
      ],
      contributingFactors: ["Pool size per pod", "Readiness probe ignores the DB", "max_connections was reached."],
      wentWell: ["Alerting fired"],
      wentPoorly: ["Slow rollback"],
      gotLucky: ["Low traffic"],
      lessonsLearned: ["Probes must check dependencies"],
      actionItems: [
        { title: "Add a pooler", owner: "@sana", dueDate: "2026-10-01", status: "open" },
        { title: "Fix the readiness probe", status: "done" },
        { title: "Raise max_connections", status: "in_progress" },
        { title: "Load test", owner: "Tomas", dueDate: "2026-11-01", status: "done" },
      ],
    });
  });

  it("maps a runbook's steps, attaching code blocks and expected output to their step", () => {
    const md = [
      "# Disk full",
      "",
      "## Purpose",
      "",
      "Free disk space.",
      "",
      "## When to use",
      "",
      "- DiskFull fires",
      "",
      "## Prerequisites",
      "",
      "- kubectl access",
      "",
      "## Diagnosis",
      "",
      "1. Find the node:",
      "",
      "   ```sh",
      "   kubectl get nodes",
      "   ```",
      "2. Check usage",
      "",
      "```sh",
      "df -h",
      "```",
      "",
      "Expected: below 80%.",
      "",
      "### Logs",
      "",
      "```",
      "journalctl -u kubelet",
      "```",
      "",
      "## Mitigation",
      "",
      "Delete old images.",
      "",
      "## Rollback",
      "",
      "Nothing to roll back.",
      "",
      "## Escalation",
      "",
      "Page #platform.",
    ].join("\n");
    expect(markdownToEntry(md, { kind: "runbook" }).fields).toEqual({
      purpose: "Free disk space.",
      whenToUse: ["DiskFull fires"],
      prerequisites: ["kubectl access"],
      diagnosis: [
        { text: "Find the node:", command: "kubectl get nodes" },
        { text: "Check usage", command: "df -h", expected: "Expected: below 80%." },
        { text: "Logs", command: "journalctl -u kubelet" },
      ],
      mitigation: [{ text: "Delete old images." }],
      rollback: "Nothing to roll back.",
      escalation: "Page #platform.",
    });
  });

  it("treats a runbook without known headings as one procedure", () => {
    const md = "# Restart\n\nScale down:\n\n```\nkubectl scale --replicas=0 deploy/x\n```\n\nThen scale up.\n";
    expect(markdownToEntry(md, { kind: "runbook" }).fields).toEqual({
      steps: [{ text: "Scale down:", command: "kubectl scale --replicas=0 deploy/x" }, { text: "Then scale up." }],
    });
  });

  it("maps a fix, taking error signatures from code blocks", () => {
    const md = [
      "# Pool timeout",
      "## Problem",
      "Requests time out.",
      "## Symptoms",
      "- p99 latency up",
      "## Error",
      "```",
      "TimeoutError: ResourceRequest timed out",
      "```",
      "## Root cause",
      "Pool too small.",
      "## Fix",
      "1. Raise the pool:",
      "   ```",
      "   POOL_MAX=50",
      "   ```",
      "2. Redeploy",
      "## Verification",
      "Latency back to normal.",
    ].join("\n");
    expect(markdownToEntry(md, { kind: "fix" }).fields).toEqual({
      problem: "Requests time out.",
      symptoms: ["p99 latency up"],
      errorSignatures: ["TimeoutError: ResourceRequest timed out"],
      cause: "Pool too small.",
      resolutionSteps: ["Raise the pool:\n```\nPOOL_MAX=50\n```", "Redeploy"],
      verification: "Latency back to normal.",
    });
  });

  it("uses code under Symptoms as error signatures when there is no Error section", () => {
    const md = "# X\n\n## Symptoms\n\n```\nECONNRESET\n```\n";
    expect(markdownToEntry(md, { kind: "fix" }).fields).toEqual({ errorSignatures: ["ECONNRESET"] });
  });

  it("maps a game day", () => {
    const md = [
      "# Failover drill",
      "## Hypothesis",
      "Failover < 30s.",
      "## Blast radius",
      "Staging.",
      "## Failure injected",
      "Killed the primary.",
      "## Expected behaviour",
      "Replica promoted.",
      "## Observations",
      "Took 90s.",
      "## Findings",
      "- DNS TTL too long",
      "## Action Items",
      "- [ ] Lower TTL",
    ].join("\n");
    expect(markdownToEntry(md, { kind: "gameday" }).fields).toEqual({
      hypothesis: "Failover < 30s.",
      blastRadius: "Staging.",
      failureInjected: "Killed the primary.",
      expected: "Replica promoted.",
      observed: "Took 90s.",
      findings: ["DNS TTL too long"],
      actionItems: [{ title: "Lower TTL", status: "open" }],
    });
  });

  it("ignores headings inside code blocks", () => {
    const md = "# T\n\n```\n## Action Items\n- not an item\n```\n";
    expect(markdownToEntry(md, { kind: "postmortem" }).fields).toEqual({});
  });

  it("cuts over-long values to the schema limits instead of failing", () => {
    const long = "y".repeat(30_000);
    const items = Array.from({ length: 600 }, (_, i) => `- [ ] item ${i} ${"z".repeat(600)}`).join("\n");
    const md = `# T\n\n## Impact\n\n${long}\n\n## Contributing factors\n\n- ${long}\n\n## Action items\n\n${items}\n\n## Timeline\n\n| ${"t".repeat(100)} | x |\n|---|---|\n| ${"9".repeat(100)} | ${long} |\n`;
    const fields = markdownToEntry(md, { kind: "postmortem" }).fields as Record<string, unknown[] & string>;
    expect(KIND_FIELD_SCHEMAS.postmortem.safeParse(fields).success).toBe(true);
    expect(fields.customerImpact).toHaveLength(20_000);
    expect(fields.contributingFactors![0]).toHaveLength(5_000);
    expect(fields.actionItems).toHaveLength(500);
    expect(fields.timeline).toEqual([{ at: `${"9".repeat(63)}…`, text: `${"y".repeat(4_999)}…`.slice(0, 5_000) }]);
  });

  it("clip never splits a surrogate pair", () => {
    expect(clip("ab😀cd", 4)).toBe("ab…");
    expect(clip("short", 10)).toBe("short");
  });

  it("leaves transcript fields empty (a transcript comes from a chat import, not headings)", () => {
    expect(deriveFields("transcript", "# Chat\n\n## Timeline\n\n09:00 - x")).toEqual({});
  });
});

// ------------------------------------------------------------------------------------------------
// The real corpus (../shared/corpus beside the repo root)
// ------------------------------------------------------------------------------------------------

const CORPUS = fileURLToPath(new URL("../../../../../shared/corpus", import.meta.url));
const corpusMissing = !existsSync(join(CORPUS, "README.md"));
if (corpusMissing && process.env.CI === "true") {
  throw new Error(`test corpus not found at ${CORPUS}: CI must provide ../shared/corpus beside the repository root`);
}
const corpusTitle = corpusMissing ? `corpus (skipped: no corpus at ${CORPUS})` : "corpus";

/** Every file under `dir`, in a stable order. */
function walk(dir: string): string[] {
  const paths = readdirSync(dir, { recursive: true, encoding: "utf8" }).map((p) => join(dir, p));
  return paths.filter((p) => statSync(p).isFile()).sort();
}

interface CorpusDoc {
  path: string;
  doc: EntryDocument;
}

function importCorpus(): { postmortems: CorpusDoc[]; runbooks: CorpusDoc[] } {
  // Postmortems: every file but the README, the template and licence notes. One upstream file
  // (PM2022-009) has no .md extension, so files are not picked by extension.
  const pmRoot = join(CORPUS, "postmortems");
  const pmFiles = walk(pmRoot).filter((p) => {
    const name = p.split("/").pop()!;
    return !/^(README\.md|LICENSE|SOURCE\.txt)$/.test(name) && !/template/i.test(name) && !p.endsWith(".jsonl");
  });
  const rbRoot = join(CORPUS, "runbooks");
  const rbFiles = walk(rbRoot).filter((p) => p.endsWith(".md"));
  const load = (root: string, kind: EntryKind) => (path: string) => {
    const rel = relative(root, path);
    return { path: rel, doc: markdownToEntry(readFileSync(path, "utf8"), { kind, filename: rel, externalKey: rel }) };
  };
  return { postmortems: pmFiles.map(load(pmRoot, "postmortem")), runbooks: rbFiles.map(load(rbRoot, "runbook")) };
}

describe.skipIf(corpusMissing)(corpusTitle, () => {
  const corpus = corpusMissing ? { postmortems: [], runbooks: [] } : importCorpus();
  const count = (docs: CorpusDoc[], field: string) =>
    docs.filter(({ doc }) => Array.isArray(doc.fields[field]) && (doc.fields[field] as unknown[]).length > 0).length;

  it("imports all 41 postmortems and 108 runbooks with valid fields", () => {
    const jsonl = (name: string) => readFileSync(join(CORPUS, name), "utf8").trim().split("\n").length;
    expect(corpus.postmortems).toHaveLength(jsonl("postmortems/postmortems.jsonl"));
    expect(corpus.runbooks).toHaveLength(jsonl("runbooks/runbooks.jsonl"));
    for (const { path, doc } of [...corpus.postmortems, ...corpus.runbooks]) {
      const check = KIND_FIELD_SCHEMAS[doc.kind].safeParse(doc.fields);
      expect(check.success, `${path}: ${check.error?.message}`).toBe(true);
      expect(doc.title.length, path).toBeGreaterThan(0);
      expect(doc.title.length, path).toBeLessThanOrEqual(200);
      expect(doc.summary.length, path).toBeLessThanOrEqual(2_000);
    }
  });

  it("maps the corpus at least as well as it did when this test was written", () => {
    const pm = corpus.postmortems;
    const rb = corpus.runbooks;
    const figures = {
      postmortems: pm.length,
      withTimeline: count(pm, "timeline"),
      timelineEvents: pm.reduce((n, { doc }) => n + ((doc.fields.timeline as unknown[] | undefined)?.length ?? 0), 0),
      withActionItems: count(pm, "actionItems"),
      actionItems: pm.reduce((n, { doc }) => n + ((doc.fields.actionItems as unknown[] | undefined)?.length ?? 0), 0),
      withContributingFactors: count(pm, "contributingFactors"),
      withLessonsLearned: count(pm, "lessonsLearned"),
      withSummary: pm.filter(({ doc }) => doc.summary).length,
      runbooks: rb.length,
      withMeaning: rb.filter(({ doc }) => doc.fields.meaning).length,
      withDiagnosis: count(rb, "diagnosis"),
      withMitigation: count(rb, "mitigation"),
      withDiagnosisCommand: rb.filter(({ doc }) => (doc.fields.diagnosis as { command?: string }[] | undefined)?.some((s) => s.command)).length,
      withAnySteps: rb.filter(({ doc }) => ["diagnosis", "mitigation", "steps"].some((f) => doc.fields[f])).length,
    };
    console.log("corpus mapping:", JSON.stringify(figures));
    // Floors measured on the corpus as of this test; raise them when the mapping improves.
    expect(figures.withTimeline).toBeGreaterThanOrEqual(39);
    expect(figures.timelineEvents).toBeGreaterThanOrEqual(378);
    expect(figures.withActionItems).toBeGreaterThanOrEqual(40);
    expect(figures.actionItems).toBeGreaterThanOrEqual(130);
    expect(figures.withContributingFactors).toBeGreaterThanOrEqual(39);
    expect(figures.withLessonsLearned).toBeGreaterThanOrEqual(38);
    expect(figures.withSummary).toBeGreaterThanOrEqual(41);
    expect(figures.withMeaning).toBeGreaterThanOrEqual(104);
    expect(figures.withDiagnosis).toBeGreaterThanOrEqual(100);
    expect(figures.withMitigation).toBeGreaterThanOrEqual(99);
    expect(figures.withDiagnosisCommand).toBeGreaterThanOrEqual(24);
    expect(figures.withAnySteps).toBeGreaterThanOrEqual(108);
  });

  it("spot-checks a few mapped documents", () => {
    const pm = corpus.postmortems.find((d) => d.path.includes("PM2019-009"))!.doc;
    expect(pm.title).toBe("Kubernetes network infrastructure IP starvation");
    expect((pm.fields.timeline as { at: string }[])[0]).toEqual({
      at: "2019-11-29 12:00",
      text: "Proactively scaling up Hellman Kubernetes cluster from 7 to 10 nodes, to ensure sufficient capacity for team migrations",
    });
    expect((pm.fields.actionItems as { title: string }[])[0]!.title).toMatch(/^Make sure all deployed resources have a plan for monitoring/);
    const rb = corpus.runbooks.find((d) => d.path.endsWith("NodeFilesystemFilesFillingUp.md"))!.doc;
    expect(rb.title).toBe("Node Filesystem Files Filling Up"); // from the Hugo front matter
    expect((rb.fields.diagnosis as { command?: string }[])[0]!.command).toContain("node_filesystem_files_free{");
  });

  it("round-trips every imported corpus document", () => {
    for (const { path, doc } of [...corpus.postmortems, ...corpus.runbooks]) {
      expect(markdownToEntry(entryToMarkdown(doc)), path).toStrictEqual(doc);
    }
  });
});
