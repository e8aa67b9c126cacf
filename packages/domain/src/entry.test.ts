import { describe, expect, it } from "vitest";
import { readKindFields, ZCreateEntryInput } from "./entry.js";
import { diffSnapshots } from "./revision-diff.js";
import { slugify } from "./slug.js";

describe("ZCreateEntryInput", () => {
  it("accepts a markdown-only entry of every kind", () => {
    for (const kind of ["postmortem", "fix", "runbook", "transcript", "gameday"]) {
      expect(ZCreateEntryInput.safeParse({ kind, title: "t", body: "# notes" }).success).toBe(true);
    }
  });

  it("normalises tags and services", () => {
    const v = ZCreateEntryInput.parse({ kind: "fix", title: "t", tags: [" Postgres ", "postgres", "TLS"], services: ["Checkout-API"] });
    expect(v.tags).toEqual(["postgres", "tls"]);
    expect(v.services).toEqual(["checkout-api"]);
  });

  it.each([
    [{ kind: "fix" }, "title"],
    [{ kind: "incident", title: "t" }, "kind"],
    [{ kind: "fix", title: "t", visibility: "public" }, "visibility"],
    [{ kind: "postmortem", title: "t", fields: { severity: "SEV0" } }, "fields.severity"],
    [{ kind: "runbook", title: "t", fields: { steps: [{ command: "ls" }] } }, "fields.steps.0.text"],
    [{ kind: "fix", title: "t", fields: { severity: "SEV1" } }, "fields"],
    [{ kind: "fix", title: "t", sourceUrl: "not a url" }, "sourceUrl"],
    [{ kind: "fix", title: "t", sourceUrl: "javascript:alert(1)" }, "sourceUrl"],
    [{ kind: "fix", title: "t", sourceUrl: "JavaScript://%0aalert(1)" }, "sourceUrl"],
    [{ kind: "fix", title: "t", sourceUrl: "data:text/html,<script>alert(1)</script>" }, "sourceUrl"],
    [{ kind: "fix", title: "t", sourceUrl: "vbscript:msgbox(1)" }, "sourceUrl"],
    [{ kind: "fix", title: "t", sourceUrl: "file:///etc/passwd" }, "sourceUrl"],
    [{ kind: "fix", title: "t", tags: ["has space"] }, "tags.0"],
  ])("rejects %j at %s", (input, path) => {
    const r = ZCreateEntryInput.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toContain(path);
  });
});

describe("readKindFields", () => {
  const transcript = "7d0c3a53-2a4e-4f0e-9d1b-1f3f6c0b2a11";

  it("gives fields that fit as the schema reads them, defaults filled", () => {
    const read = readKindFields("fix", { problem: "disk full", derivedFrom: { entryId: transcript } });
    expect(read.fieldsFit).toBe(true);
    expect(read.fields).toEqual({ problem: "disk full", derivedFrom: { entryId: transcript, messageTs: [] } });
  });

  it("keeps fields that no longer fit as they are, and says so", () => {
    const stored = { problem: "disk full", renamedSinceThen: ["x"] };
    const read = readKindFields("fix", stored);
    expect(read.fieldsFit).toBe(false);
    expect(read.fields).toBe(stored);
    expect(readKindFields("runbook", { steps: "not a list" }).fieldsFit).toBe(false);
  });

  it("reads no fields as empty ones that fit", () => {
    expect(readKindFields("postmortem", {})).toEqual({ fields: {}, fieldsFit: true });
  });
});

describe("slugify", () => {
  it.each([
    ["Checkout API timeouts (2026-09)", "checkout-api-timeouts-2026-09"],
    ["  Ünïcödé & symbols!!  ", "unicode-symbols"],
    ["???", "entry"],
  ])("%s -> %s", (title, slug) => expect(slugify(title)).toBe(slug));
});

describe("diffSnapshots", () => {
  const base = {
    kind: "fix" as const,
    slug: "s",
    title: "Title",
    summary: "",
    body: "line one\nline two\n",
    tags: ["a"],
    services: [],
    teamId: null,
    visibility: "org" as const,
    grants: { userIds: [], teamIds: [] },
    status: "draft" as const,
    sourceUrl: null,
    externalKey: null,
    fields: { cause: "x" },
  };
  it("reports nothing for identical snapshots", () => expect(diffSnapshots(base, { ...base })).toEqual([]));
  it("reports line changes in text and before/after for values", () => {
    const changes = diffSnapshots(base, { ...base, body: "line one\nline 2\n", tags: ["a", "b"], fields: { cause: "y" } });
    const body = changes.find((c) => c.field === "body");
    expect(body?.type).toBe("text");
    if (body?.type === "text") {
      expect(body.parts.filter((p) => p.removed).map((p) => p.value)).toEqual(["line two\n"]);
      expect(body.parts.filter((p) => p.added).map((p) => p.value)).toEqual(["line 2\n"]);
    }
    expect(changes.find((c) => c.field === "tags")).toMatchObject({ before: ["a"], after: ["a", "b"] });
    expect(changes.map((c) => c.field).sort()).toEqual(["body", "fields", "tags"]);
  });
});
