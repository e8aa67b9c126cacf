import { describe, expect, it } from "vitest";
import { isTechnologyName, TECHNOLOGY_NAMES } from "./technologies.js";

describe("the technology names search knows for products", () => {
  it("is a few hundred names, each lower case, one word or hyphenated, as people type them", () => {
    expect(TECHNOLOGY_NAMES.size).toBeGreaterThan(300);
    for (const name of TECHNOLOGY_NAMES) expect(name, name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each([
    ["a database", "postgres"],
    ["a cloud service", "cloudtrail"],
    ["a three-letter short name", "gke"],
    ["a hyphenated name", "cert-manager"],
    ["in any case", "PgBouncer"],
  ])("knows %s (%s)", (_class, word) => {
    expect(isTechnologyName(word)).toBe(true);
  });

  it.each([["an English word", "carpenter"], ["an incident word", "outage"], ["a part of a name", "cert"], ["a programming language", "python"]])("does not take %s for one (%s)", (_class, word) => {
    expect(isTechnologyName(word)).toBe(false);
  });
});
