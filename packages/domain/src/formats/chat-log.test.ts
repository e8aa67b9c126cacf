import { describe, expect, it } from "vitest";
import { Invalid } from "../errors.js";
import { ZTranscriptMessage } from "../kinds.js";
import { parseChatLog } from "./chat-log.js";

describe("parseChatLog", () => {
  it.each([
    ["[09:12] Jane Doe: db is down", { user: "Jane Doe", text: "db is down", at: "2024-03-05T09:12:00Z" }],
    ["[09:12:45] jane: db is down", { user: "jane", text: "db is down", at: "2024-03-05T09:12:45Z" }],
    ["09:12 <jane> db is down", { user: "jane", text: "db is down", at: "2024-03-05T09:12:00Z" }],
    ["09:12 <@jane> op speaking", { user: "jane", text: "op speaking", at: "2024-03-05T09:12:00Z" }],
    ["[9:12 PM] jane: evening", { user: "jane", text: "evening", at: "2024-03-05T21:12:00Z" }],
    ["[12:05 am] jane: midnight", { user: "jane", text: "midnight", at: "2024-03-05T00:05:00Z" }],
    ["09:12 * jane restarts the pool", { user: "jane", text: "_restarts the pool_", at: "2024-03-05T09:12:00Z" }],
  ])("%s", (line, expected) => {
    expect(parseChatLog(line, { date: "2024-03-05" })).toEqual([{ ts: "line-1", ...expected }]);
  });

  it("reads the date from YYYY-MM-DD HH:MM:SS <nick> lines, without a date option", () => {
    const log = "2024-03-05 23:59:58 <jane> almost midnight\n2024-03-06 00:00:03 <bob> next day";
    expect(parseChatLog(log)).toEqual([
      { ts: "line-1", user: "jane", text: "almost midnight", at: "2024-03-05T23:59:58Z" },
      { ts: "line-2", user: "bob", text: "next day", at: "2024-03-06T00:00:03Z" },
    ]);
  });

  it("has no `at` when no date is known, and applies an offset when given", () => {
    expect(parseChatLog("[10:00] jane: hi")).toEqual([{ ts: "line-1", user: "jane", text: "hi" }]);
    expect(parseChatLog("[10:00] jane: hi", { date: "2024-03-05", offset: "+0100" })[0]!.at).toBe("2024-03-05T10:00:00+01:00");
  });

  it("appends continuation lines to the message above", () => {
    const log = [
      "[10:00] jane: stack trace:",
      "  at Pool.acquire (pool.js:12)",
      "  at main (index.js:3)",
      "",
      "10:05 was when it started",
      "[10:06] bob: thanks",
    ].join("\n");
    expect(parseChatLog(log, { date: "2024-03-05" })).toEqual([
      {
        ts: "line-1",
        user: "jane",
        text: "stack trace:\n  at Pool.acquire (pool.js:12)\n  at main (index.js:3)\n10:05 was when it started",
        at: "2024-03-05T10:00:00Z",
      },
      { ts: "line-6", user: "bob", text: "thanks", at: "2024-03-05T10:06:00Z" },
    ]);
  });

  it("skips junk: headers, IRC notices, and lines before the first message", () => {
    const log = [
      "Chat log exported by someone",
      "--- Log opened Tue Mar 05 09:00:00 2024",
      "09:01 -!- jane [~jane@host] has joined #ops",
      "09:02 <jane> hello",
      "-!- bob has quit [Ping timeout]",
      "this line follows a notice, so it belongs to nobody",
      "*** Topic changed",
      "--- Day changed Wed Mar 06 2024",
      "00:10 <bob> after midnight",
      "===",
    ].join("\n");
    const messages = parseChatLog(log);
    expect(messages).toEqual([
      { ts: "line-4", user: "jane", text: "hello", at: "2024-03-05T09:02:00Z" },
      { ts: "line-9", user: "bob", text: "after midnight", at: "2024-03-06T00:10:00Z" },
    ]);
    for (const m of messages) expect(ZTranscriptMessage.safeParse(m).success).toBe(true);
  });

  it("rolls the date over when the clock goes back past midnight", () => {
    const log = "[23:58] jane: late\n[00:02] bob: early";
    expect(parseChatLog(log, { date: "2024-12-31" }).map((m) => m.at)).toEqual(["2024-12-31T23:58:00Z", "2025-01-01T00:02:00Z"]);
  });

  it("ignores impossible clock times", () => {
    expect(parseChatLog("[25:61] jane: nope\n[10:00] bob: yes")).toEqual([{ ts: "line-2", user: "bob", text: "yes" }]);
  });

  it("rejects a malformed date or offset", () => {
    expect(() => parseChatLog("", { date: "05/03/2024" })).toThrow(Invalid);
    expect(() => parseChatLog("", { offset: "CET" })).toThrow(/offset/);
  });

  it("handles Windows line endings and returns [] for empty input", () => {
    expect(parseChatLog("[10:00] a: x\r\n  more\r\n")).toEqual([{ ts: "line-1", user: "a", text: "x\n  more" }]);
    expect(parseChatLog("")).toEqual([]);
  });
});
