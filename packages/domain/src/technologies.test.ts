import { describe, expect, it } from "vitest";
import { HOST_TOOL_NAMES, isHostTool, isTechnologyName, TECHNOLOGY_NAMES } from "./technologies.js";

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

describe("the host tools a question names as how it saw a failure", () => {
  it("are lower-case command and daemon names, none of them also a product of the technology table", () => {
    expect(HOST_TOOL_NAMES.size).toBeGreaterThan(50);
    for (const name of HOST_TOOL_NAMES) {
      expect(name, name).toMatch(/^[a-z0-9_-]+$/);
      expect(isTechnologyName(name), name).toBe(false);
    }
  });

  it.each([["the kernel's ring buffer", "dmesg"], ["a time daemon", "chronyd"], ["a disk health tool", "smartctl"], ["in any case", "JournalCtl"]])("knows %s (%s)", (_class, word) => {
    expect(isHostTool(word)).toBe(true);
  });

  it.each([["a product", "postgres"], ["an English word", "journal"], ["a cluster tool", "kubectl"]])("does not take %s for one (%s)", (_class, word) => {
    expect(isHostTool(word)).toBe(false);
  });
});
