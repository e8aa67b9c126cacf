import { describe, expect, it } from "vitest";
import { DEFAULT_URL, knownSecrets, loadConfig, requireToken } from "./config.js";
import { UsageError } from "./errors.js";

describe("loadConfig", () => {
  it("defaults to localhost and no token", () => {
    expect(loadConfig({}, {})).toEqual({ url: DEFAULT_URL, token: null });
  });

  it("reads HINDSIGHT_URL and HINDSIGHT_TOKEN; flags win; empty values count as unset", () => {
    const env = { HINDSIGHT_URL: "https://hindsight.example.com/", HINDSIGHT_TOKEN: "env-token-1" };
    expect(loadConfig({}, env)).toEqual({ url: "https://hindsight.example.com", token: "env-token-1" });
    expect(loadConfig({ url: "http://10.0.0.5:8080/kb//", token: "flag-token" }, env)).toEqual({ url: "http://10.0.0.5:8080/kb", token: "flag-token" });
    expect(loadConfig({ url: "", token: "" }, { HINDSIGHT_URL: "", HINDSIGHT_TOKEN: "" })).toEqual({ url: DEFAULT_URL, token: null });
  });

  it.each([
    [{}, { HINDSIGHT_URL: "localhost:3000" }, /^HINDSIGHT_URL must be an http\(s\) URL/],
    [{ url: "ftp://files" }, {}, /^--url must be an http\(s\) URL/],
    [{}, { HINDSIGHT_URL: "http://x/?q=1" }, /^HINDSIGHT_URL must be/],
    [{}, { HINDSIGHT_TOKEN: "two words-secret" }, /^HINDSIGHT_TOKEN must be a single word/],
    [{ token: "line\nbreak-secret" }, {}, /^--token must be a single word/],
  ])("names the bad setting (%j %j)", (flags, env, message) => {
    let error: unknown;
    try {
      loadConfig(flags, env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("secret");
  });

  it("requireToken explains how to give one", () => {
    expect(() => requireToken({ url: DEFAULT_URL, token: null })).toThrow(/set HINDSIGHT_TOKEN \(or pass --token\)/);
    expect(requireToken({ url: DEFAULT_URL, token: "t-1234" })).toBe("t-1234");
  });
});

describe("knownSecrets", () => {
  it("collects the token from the environment and every flag spelling", () => {
    expect(knownSecrets(["--token", "abc12345", "search", "--token=def67890"], { HINDSIGHT_TOKEN: " env-tok " }).sort()).toEqual([
      "abc12345",
      "def67890",
      "env-tok",
    ]);
    expect(knownSecrets(["search", "x"], {})).toEqual([]);
  });
});
