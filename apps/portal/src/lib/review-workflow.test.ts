import { describe, expect, it } from "vitest";
import { myReview, nextStep, REVIEW_STATE_LABELS, reviewerOptions, reviewTally, type ReviewState } from "./review-workflow";

const r = (userId: string, state: ReviewState) => ({ userId, name: userId, handle: userId, state });

describe("review tally", () => {
  it("says so when no one was asked", () => {
    expect(reviewTally([])).toBe("No one was asked to review this entry.");
  });

  it("counts approvals, requested changes and undecided reviewers", () => {
    expect(reviewTally([r("a", "approved"), r("b", "changes_requested"), r("c", "pending")])).toBe(
      "1 of 3 approved, 1 requested changes, 1 not decided yet.",
    );
    expect(reviewTally([r("a", "pending")])).toBe("0 of 1 approved, 1 not decided yet.");
  });

  it("says when everyone approved", () => {
    expect(reviewTally([r("a", "approved")])).toBe("The reviewer approved.");
    expect(reviewTally([r("a", "approved"), r("b", "approved")])).toBe("All 2 reviewers approved.");
  });

  it("names every state in words", () => {
    expect(Object.values(REVIEW_STATE_LABELS)).toEqual(["Pending", "Approved", "Changes requested"]);
  });
});

describe("my review", () => {
  it("finds the caller among the reviewers", () => {
    expect(myReview([r("a", "pending"), r("b", "approved")], "b")?.state).toBe("approved");
    expect(myReview([r("a", "pending")], "z")).toBeUndefined();
  });
});

describe("reviewer options", () => {
  const people = [
    { id: "1", handle: "zoe", name: "Zoe" },
    { id: "2", handle: "ada", name: "Ada" },
    { id: "3", handle: "me", name: "Me" },
    { id: "4", handle: "bob", name: "Bob" },
  ];

  it("leaves the writer out and sorts by name", () => {
    expect(reviewerOptions(people, { meId: "3" })).toEqual([
      {
        group: "People",
        items: [
          { value: "2", label: "Ada (@ada)" },
          { value: "4", label: "Bob (@bob)" },
          { value: "1", label: "Zoe (@zoe)" },
        ],
      },
    ]);
  });

  it("puts the owner team first and drops empty groups", () => {
    const groups = reviewerOptions(people, { meId: "3", team: { name: "Storage", memberIds: ["1", "3"] } });
    expect(groups.map((g) => [g.group, g.items.map((i) => i.value)])).toEqual([
      ["Storage", ["1"]],
      ["Other people (only if the entry is shared with them)", ["2", "4"]],
    ]);
    expect(reviewerOptions(people, { meId: "3", team: { name: "All", memberIds: ["1", "2", "3", "4"] } }).map((g) => g.group)).toEqual(["All"]);
    expect(reviewerOptions([people[2]!], { meId: "3" })).toEqual([]);
  });
});

describe("next step", () => {
  it("tells writers what they can do and others who acts", () => {
    expect(nextStep("draft", { canEdit: true })).toMatch(/submit it for review or publish it/);
    expect(nextStep("draft", { canEdit: false })).toMatch(/^Next: its writers/);
    expect(nextStep("in_review", { canEdit: true })).toMatch(/publish it from the Review section/);
    expect(nextStep("in_review", { canEdit: false })).toMatch(/one of its writers publishes it/);
    expect(nextStep("archived", { canEdit: true })).toMatch(/^Restore it/);
    expect(nextStep("archived", { canEdit: false })).toMatch(/writers can restore it/);
  });

  it("asks a requested reviewer for a decision, and lets them change it", () => {
    expect(nextStep("in_review", { canEdit: true, reviewState: "pending" })).toMatch(/You were asked to review it/);
    expect(nextStep("in_review", { canEdit: false, reviewState: "approved" })).toMatch(/change your decision/);
  });

  it("says nothing about a published entry", () => {
    expect(nextStep("published", { canEdit: true })).toBeNull();
  });
});
