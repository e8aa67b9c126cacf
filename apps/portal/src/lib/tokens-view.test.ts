import { describe, expect, it } from "vitest";
import { orderTokens, tokenExamples, tokenState } from "./tokens-view";

describe("tokenExamples", () => {
  const examples = tokenExamples("https://hindsight.example.com/");

  it("uses the real origin and reads the token from the environment", () => {
    expect(examples.search).toBe(
      'curl -H "Authorization: Bearer $HINDSIGHT_TOKEN" \\\n  "https://hindsight.example.com/api/v1/search?q=connection+pool"',
    );
    for (const example of Object.values(examples)) {
      expect(example).toContain("$HINDSIGHT_TOKEN");
      expect(example).not.toContain(".com//");
    }
  });

  it("posts markdown as JSON the import endpoint accepts", () => {
    expect(examples.importMarkdown).toContain('"https://hindsight.example.com/api/v1/import/markdown"');
    const body = /-d '(.*)'/.exec(examples.importMarkdown)?.[1];
    expect(JSON.parse(body ?? "null")).toMatchObject({ kind: "runbook", markdown: expect.stringContaining("# ") });
  });

  it("publishes an entry with a body the entries endpoint accepts", () => {
    const publish = tokenExamples("http://localhost:3000").publishEntry;
    expect(publish).toContain('"http://localhost:3000/api/v1/entries"');
    expect(JSON.parse(/-d '(.*)'/.exec(publish)?.[1] ?? "null")).toMatchObject({ kind: "fix", title: expect.any(String) });
  });
});

describe("token state", () => {
  it("is revoked once revokedAt is set", () => {
    expect(tokenState({ revokedAt: null })).toBe("active");
    expect(tokenState({ revokedAt: "2025-01-01T00:00:00Z" })).toBe("revoked");
  });

  it("lists active tokens first, keeping the order within each group", () => {
    const tokens = [
      { name: "a", revokedAt: "2025-01-01T00:00:00Z" },
      { name: "b", revokedAt: null },
      { name: "c", revokedAt: "2025-01-02T00:00:00Z" },
      { name: "d", revokedAt: null },
    ];
    expect(orderTokens(tokens).map((t) => t.name)).toEqual(["b", "d", "a", "c"]);
  });
});
