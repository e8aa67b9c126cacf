import { describe, expect, it } from "vitest";
import { matchActions, matchTitles, namesAction, PALETTE_ACTIONS } from "./palette-actions";

describe("palette actions", () => {
  it("offers the actions the e2e contract names", () => {
    const labels = PALETTE_ACTIONS.map((a) => a.label);
    for (const label of ["New postmortem", "New fix", "New runbook", "New game day", "Import", "Dashboards", "Collections", "Onboarding", "Browse"]) {
      expect(labels).toContain(label);
    }
    expect(PALETTE_ACTIONS.find((a) => a.label === "New game day")?.to).toBe("/new/gameday");
  });

  it("matches every typed word as a prefix of the label or keywords", () => {
    expect(matchActions("new post").map((a) => a.id)).toEqual(["new-postmortem"]);
    expect(matchActions("slack").map((a) => a.id)).toEqual(["import"]);
    expect(matchActions("dash").map((a) => a.id)).toEqual(["dashboards"]);
    expect(matchActions("zzz")).toEqual([]);
    expect(matchActions("  ")).toHaveLength(PALETTE_ACTIONS.length);
  });
});

describe("namesAction", () => {
  it("is true once the typed text starts an action's name", () => {
    expect(namesAction("new runb", matchActions("new runb"))).toBe(true);
    expect(namesAction("New  Runbook", matchActions("New  Runbook"))).toBe(true);
    expect(namesAction("ne", matchActions("ne"))).toBe(false);
    // "runbook" finds "New runbook" by a word, but it is a search for runbooks, not the action's name.
    expect(matchActions("runbook").map((a) => a.label)).toContain("New runbook");
    expect(namesAction("runbook", matchActions("runbook"))).toBe(false);
  });
});

describe("matchTitles", () => {
  const items = [{ title: "Payments onboarding" }, { title: "Onboarding for SREs" }, { title: "Databases" }];
  it("finds titles containing the text, those starting with it first", () => {
    expect(matchTitles("onboard", items).map((i) => i.title)).toEqual(["Onboarding for SREs", "Payments onboarding"]);
    expect(matchTitles("", items)).toEqual([]);
    expect(matchTitles("a", items, 1)).toHaveLength(1);
  });
});
