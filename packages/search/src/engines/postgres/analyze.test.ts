import { describe, expect, it } from "vitest";
import { exactTitleTerm } from "./analyze.js";

describe("exactTitleTerm", () => {
  it.each([
    ["Node Filesystem Space Filling Up", "=nodefilesystemspacefillingup"],
    ["NodeFilesystemSpaceFillingUp", "=nodefilesystemspacefillingup"],
    ["node_filesystem_space-filling.up", "=nodefilesystemspacefillingup"],
    ["Café crème outage", "=cafecremeoutage"],
    ["TargetDown", "=targetdown"],
  ])("%s -> %s", (text, term) => {
    expect(exactTitleTerm(text)).toBe(term);
  });

  it("gives short texts (and very long ones) no exact-title term", () => {
    expect(exactTitleTerm("Outage")).toBeNull();
    expect(exactTitleTerm("db  down")).toBeNull();
    expect(exactTitleTerm("x".repeat(121))).toBeNull();
  });
});
