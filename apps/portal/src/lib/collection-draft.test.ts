import { describe, expect, it } from "vitest";
import {
  addItem,
  addSection,
  conflictVersion,
  draftErrors,
  draftFromCollection,
  draftToInput,
  move,
  moveItem,
  moveSection,
  removeItem,
  removeSection,
  setItemNote,
  type CollectionDraft,
} from "./collection-draft";

const base = (): CollectionDraft =>
  draftFromCollection({
    title: "Payments onboarding",
    description: "First weeks",
    teamId: "t1",
    isOnboarding: true,
    sections: [
      {
        id: "s1",
        title: "Week one",
        items: [
          { id: "i1", entryId: "e1", entryTitle: "One", entryKind: "postmortem", note: "start here" },
          { id: "i2", entryId: "e2", entryTitle: "Two", entryKind: "fix", note: "" },
        ],
      },
      { id: "s2", title: "Week two", items: [{ id: "i3", entryId: "e3", entryTitle: "Three", entryKind: "runbook", note: "" }] },
    ],
  });

const titles = (d: CollectionDraft) => d.sections.map((s) => [s.title, s.items.map((i) => i.entryTitle)]);

describe("collection draft", () => {
  it("moves within bounds and ignores moves past the ends", () => {
    expect(move(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(move(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(move(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(move(["a", "b", "c"], 2, 1)).toEqual(["a", "b", "c"]);
  });

  it("reorders sections and items, adds and removes them", () => {
    let d = moveSection(base(), "s2", -1);
    expect(titles(d)).toEqual([
      ["Week two", ["Three"]],
      ["Week one", ["One", "Two"]],
    ]);
    d = moveItem(d, "s1", "i2", -1);
    expect(titles(d)[1]).toEqual(["Week one", ["Two", "One"]]);
    d = addItem(d, "s2", { id: "e4", title: "Four", kind: "gameday" });
    expect(titles(d)[0]).toEqual(["Week two", ["Three", "Four"]]);
    // An entry already in the collection is not added twice.
    expect(addItem(d, "s2", { id: "e1", title: "One", kind: "postmortem" })).toBe(d);
    d = removeItem(d, "s1", "i1");
    d = removeSection(d, "s2");
    expect(titles(d)).toEqual([["Week one", ["Two"]]]);
  });

  it("converts to the API input with notes in order", () => {
    const d = setItemNote(base(), "s1", "i2", "then this");
    expect(draftToInput(d)).toEqual({
      title: "Payments onboarding",
      description: "First weeks",
      isOnboarding: true,
      sections: [
        { title: "Week one", items: [{ entryId: "e1", note: "start here" }, { entryId: "e2", note: "then this" }] },
        { title: "Week two", items: [{ entryId: "e3", note: "" }] },
      ],
    });
  });

  it("asks for a title and section titles before saving", () => {
    const d = addSection({ ...base(), title: "  " });
    expect(draftErrors(d)).toEqual({ title: "Give the collection a title", "sections.2.title": "Give this section a title" });
    expect(draftErrors(base())).toEqual({});
  });

  it("reads the server's version from a conflict", () => {
    expect(conflictVersion({ data: { code: "CONFLICT", details: { currentVersion: 4 } } })).toBe(4);
    expect(conflictVersion({ data: { code: "NOT_FOUND" } })).toBeNull();
    expect(conflictVersion(new Error("x"))).toBeNull();
  });
});
