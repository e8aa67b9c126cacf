import type { Entry } from "@hindsight/domain";
import { describe, expect, it } from "vitest";
import { buildSearchDocument, fieldsText } from "./document.js";

describe("fieldsText", () => {
  it("collects the words of structured fields and leaves ids, times and links out", () => {
    const text = fieldsText({
      severity: "SEV2",
      timeline: [{ at: "2026-09-14T09:12:00Z", text: "Pager fired for checkout" }],
      actionItems: [{ id: "00000000-0000-4000-8000-000000000000", title: "Add pool alert", closedByEntryId: "x" }],
      messages: [{ ts: "1726305120.000100", user: "Ada", text: "502s from edge-proxy", files: [{ name: "graph.png", url: "https://files/x" }] }],
    });
    expect(text.split("\n")).toEqual(["SEV2", "Pager fired for checkout", "Add pool alert", "Ada", "502s from edge-proxy", "graph.png"]);
  });
});

describe("buildSearchDocument", () => {
  it("carries the visibility facts the engines filter on", () => {
    const entry = {
      id: "e",
      version: 3,
      kind: "postmortem",
      slug: "s",
      title: "T",
      summary: "",
      body: "b",
      tags: ["db"],
      services: ["orders-db"],
      teamId: "team",
      teamSlug: "payments",
      authorId: "a",
      authorName: "A",
      visibility: "restricted",
      grants: { userIds: ["u"], teamIds: ["t"] },
      status: "published",
      sourceUrl: null,
      source: "hindsight",
      externalKey: null,
      fields: { severity: "SEV1" },
      fingerprints: [],
      createdAt: new Date(0),
      updatedAt: "2026-01-01T00:00:00.000Z" as unknown as Date,
      publishedAt: null,
    } satisfies Omit<Entry, "fieldsFit">;
    const doc = buildSearchDocument(entry);
    expect(doc).toMatchObject({ visibility: "restricted", grantUserIds: ["u"], grantTeamIds: ["t"], severity: "SEV1", version: 3 });
    expect(doc.updatedAt.toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });
});
