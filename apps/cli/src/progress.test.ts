import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { startProgress } from "./progress.js";
import { captureIo } from "./test/server.js";

describe("startProgress", () => {
  it("draws a bar on a terminal", () => {
    const c = captureIo();
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 80, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
    let drawn = "";
    stream.on("data", (d: Buffer) => (drawn += d.toString()));
    const p = startProgress({ ...c.io, interactive: true, progressStream: stream }, "publishing", 3, "files");
    p.advance(2);
    p.advance();
    p.stop();
    expect(drawn).toContain("publishing");
    expect(c.stdout).toEqual([]);
  });

  it("prints nothing per item off a terminal (the command prints its summary)", () => {
    const c = captureIo();
    const p = startProgress(c.io, "publishing", 3, "files");
    p.advance(3);
    p.stop();
    expect(c.text()).toBe("");
  });
});
