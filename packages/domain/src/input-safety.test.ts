import { describe, expect, it } from "vitest";
import { findUnsafeInput, MAX_INPUT_DEPTH, unsafeInputMessage } from "./input-safety.js";

describe("findUnsafeInput", () => {
  it.each([
    [{ title: "a\u0000b" }, "title"],
    [{ entries: [{ title: "ok" }, { body: "x", fields: { steps: ["fine", "bad\u0000"] } }] }, "entries.1.fields.steps.1"],
    ["\u0000", ""],
    [{ q: "%00 decoded\u0000" }, "q"],
  ])("finds a NUL byte anywhere: %j at %s", (input, path) => {
    const found = findUnsafeInput(input);
    expect(found?.path).toBe(path);
    expect(unsafeInputMessage(found!)).toMatch(/NUL byte/);
  });

  it("refuses prototype keys as parsed from JSON, not only literal objects", () => {
    expect(findUnsafeInput(JSON.parse('{"a":{"__proto__":{"admin":true}}}'))).toEqual({ path: "a.__proto__", problem: expect.stringMatching(/prototype/) });
    expect(findUnsafeInput(JSON.parse('{"constructor":{"prototype":{"x":1}}}'))?.path).toBe("constructor");
    // An ordinary field called "constructor" holding text is fine.
    expect(findUnsafeInput({ constructor: "a person's role" })).toBeNull();
  });

  it("refuses nesting deeper than any input of ours, without recursing without end", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < MAX_INPUT_DEPTH + 5; i++) deep = [deep];
    expect(findUnsafeInput(deep)?.problem).toMatch(/nested more than/);
    let ok: unknown = "leaf";
    for (let i = 0; i < MAX_INPUT_DEPTH - 1; i++) ok = { a: ok };
    expect(findUnsafeInput(ok)).toBeNull();
  });

  it("leaves raw bytes alone (signed payloads, uploads)", () => {
    expect(findUnsafeInput(Buffer.from([0, 1, 2, 0]))).toBeNull();
  });

  it("accepts ordinary text of every script, emoji and control characters other than NUL", () => {
    expect(findUnsafeInput({ title: "Ошибка 502 — 日本語 🔥", body: "tab\tnewline\nbell\u0007", n: 3, b: true, z: null })).toBeNull();
  });
});
