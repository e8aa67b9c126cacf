import { describe, expect, it } from "vitest";
import { integrationSecretProblem, integrationSigning, parseChatCommand, ZCreateIntegrationInput } from "./integrations.js";

describe("parseChatCommand", () => {
  it.each([
    ["/hindsight replica lag", [], { action: "search", q: "replica lag" }],
    ["hindsight replica lag", ["hindsight"], { action: "search", q: "replica lag" }],
    ["!hindsight search disk full", [], { action: "search", q: "disk full" }],
    ["/hindsight help", [], { action: "help" }],
    ["help me with dns", [], { action: "search", q: "help me with dns" }],
    ["/hindsight save this thread", [], { action: "save", rest: "" }],
    ["/hindsight save this thread: [10:01] ana: it broke", [], { action: "save", rest: "[10:01] ana: it broke" }],
    ["SAVE\n[10:01] ana: x", [], { action: "save", rest: "[10:01] ana: x" }],
    ["", [], { action: "search", q: "" }],
  ] as const)("%j", (text, triggers, expected) => {
    expect(parseChatCommand(text, triggers)).toEqual(expected);
  });
});

describe("integration secrets", () => {
  it("signs by token for Mattermost and Rocket.Chat, by HMAC otherwise", () => {
    expect(integrationSigning("mattermost")).toBe("token");
    expect(integrationSigning("rocketchat")).toBe("token");
    expect(integrationSigning("teams")).toBe("teams-hmac");
    expect(integrationSigning("hubot")).toBe("hindsight-hmac");
  });

  it.each([
    ["teams", undefined, /security token/],
    ["teams", "not base64 at all!!", /base64/],
    ["teams", Buffer.alloc(32, 7).toString("base64"), null],
    ["mattermost", undefined, /token Mattermost shows/],
    ["hubot", undefined, null],
  ] as const)("%s with %s", (kind, secret, expected) => {
    const problem = integrationSecretProblem(kind, secret);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
    const parsed = ZCreateIntegrationInput.safeParse({ kind, name: "x", secret });
    expect(parsed.success).toBe(expected === null);
  });
});
