import { describe, expect, it } from "vitest";
import {
  applyRewording,
  applyRewordingToContent,
  blamelessFindings,
  previewAround,
  redactionNotice,
  redactionPreview,
  rewordingLabel,
  rewordingOf,
  sentenceAround,
} from "./editor-checks";
import type { EditorContent } from "./editor-merge";

const content = (patch: Partial<EditorContent>): EditorContent => ({
  title: "Checkout outage",
  summary: "",
  body: "",
  tags: [],
  services: [],
  teamId: null,
  visibility: "org",
  fields: {},
  ...patch,
});

describe("rewordings", () => {
  it("offers the quoted example of a suggestion, or dropping the word", () => {
    expect(rewordingOf({ suggestion: 'Name the missing reminder: "the step was manual and nothing prompted it".' })).toEqual({
      kind: "sentence",
      text: "the step was manual and nothing prompted it",
    });
    expect(rewordingOf({ suggestion: "Drop the word, or describe what made it visible." })).toEqual({ kind: "drop" });
    expect(rewordingOf({ suggestion: "Describe the conditions that made the mistake easy to make." })).toBeNull();
    expect(rewordingLabel({ kind: "sentence", text: "x y z" }, "m")).toBe("Use “x y z”");
  });

  it("finds the sentence around a phrase, past list markers", () => {
    const text = "Intro. - The engineer forgot to restart it. Next";
    const at = text.indexOf("forgot to");
    const span = sentenceAround(text, at, at + 9);
    expect(text.slice(span.start, span.end)).toBe("The engineer forgot to restart it.");
    const list = "## Timeline\n- 09:05 Sam forgot to page\n";
    const at2 = list.indexOf("forgot");
    expect(list.slice(sentenceAround(list, at2, at2 + 6).start, sentenceAround(list, at2, at2 + 6).end)).toBe("09:05 Sam forgot to page");
  });

  it("replaces the sentence of a real finding with the neutral example", () => {
    const body = "The cache was cold. The engineer forgot to restart the pod. Then it recovered.";
    const finding = blamelessFindings(content({ body })).find((f) => f.rule === "forgot-to")!;
    expect(finding).toBeDefined();
    expect(applyRewording(body, finding)).toBe("The cache was cold. The step was manual and nothing prompted it. Then it recovered.");
  });

  it("drops 'obviously' and fixes the capital", () => {
    const body = "Obviously, the cache was cold.";
    const finding = blamelessFindings(content({ body })).find((f) => f.rule === "obviously")!;
    expect(applyRewording(body, finding)).toBe("The cache was cold.");
  });

  it("applies a rewording inside a structured field", () => {
    const c = content({ fields: { timeline: [{ at: "09:00", text: "Sam forgot to page the on-call." }] } });
    const finding = blamelessFindings(c).find((f) => f.where === "fields.timeline.0.text")!;
    const next = applyRewordingToContent(c, finding)!;
    expect(next.fields).toEqual({ timeline: [{ at: "09:00", text: "The step was manual and nothing prompted it." }] });
    expect(c.fields).toEqual({ timeline: [{ at: "09:00", text: "Sam forgot to page the on-call." }] });
  });
});

describe("redaction preview", () => {
  const token = ["ghp", "_", "a".repeat(12), "B".repeat(12), "c".repeat(12)].join("");

  it("lists each secret with its kind and a masked line, never the secret", () => {
    const items = redactionPreview(
      content({ body: `Intro\nexport GITHUB_TOKEN=${token}\n`, fields: { timeline: [{ at: "1", text: `used ${token}` }] } }),
    );
    expect(items.map((i) => [i.kind, i.where])).toEqual([
      ["github-token", "body"],
      ["github-token", "fields.timeline.0.text"],
    ]);
    expect(items[0]!.line).toBe(2);
    expect(items[0]!.preview).toContain("[REDACTED:github-token]");
    for (const item of items) expect(item.preview).not.toContain(token);
    expect(redactionNotice(items)).toBe("2 secrets will be masked when saved");
  });

  it("finds nothing in ordinary text", () => {
    expect(redactionPreview(content({ body: "Rolled back the deploy." }))).toEqual([]);
    expect(redactionNotice([{ kind: "jwt", where: "body", line: 1, preview: "" }])).toBe("1 secret will be masked when saved");
  });

  it("cuts long lines around the marker", () => {
    const line = `${"x".repeat(200)}[REDACTED:jwt]${"y".repeat(200)}`;
    const out = previewAround(line, "[REDACTED:jwt]");
    expect(out).toMatch(/^…x+\[REDACTED:jwt\]y+…$/);
    expect(out.length).toBeLessThan(110);
  });
});
