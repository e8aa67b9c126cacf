// The command line itself: help, usage errors and exit codes, and the token never printed.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cli } from "./test/server.js";

describe("usage", () => {
  it.each([
    [["--help"], 0, /Usage: hindsight \[options\] \[command\]/],
    [["publish", "--help"], 0, /--dry-run/],
    [["--version"], 0, /^0\.1\.0$/m],
    [[], 2, /Usage: hindsight/],
    [["serch", "x"], 2, /unknown command 'serch'/],
    [["search"], 2, /missing required argument 'query'/],
    [["search", "x", "--limit", "many"], 2, /--limit <n>.*must be a whole number/],
    [["search", "x", "--kind", "recipe"], 2, /--kind recipe is not a kind/],
    [["publish", ".", "--kind", "recipe", "--dry-run"], 2, /--kind <kind>.*must be one of postmortem, fix/],
    [["publish", ".", "--source", "My Repo", "--dry-run"], 2, /--source <name>.*lowercase/],
    [["publish", "/definitely/not/here", "--dry-run"], 2, /is not a directory/],
    [["import", "chat", "x.log"], 2, /required option '--title <title>'/],
    [["--url", "localhost", "search", "x"], 2, /--url must be an http\(s\) URL/],
  ])("%j exits %i", async (argv, code, output) => {
    const r = await cli(argv, {});
    expect(r.code).toBe(code);
    expect(r.all).toMatch(output);
    expect(r.all).not.toMatch(/\n\s+at /);
  });

  it("never prints the token, even in commander's own errors", async () => {
    const token = "sekrit-token-987654321";
    const r = await cli(["--token", token, "--url", "http://127.0.0.1:1", "search", token], {});
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot reach Hindsight at http:\/\/127\.0\.0\.1:1/);
    expect(r.all).not.toContain(token);
    const usage = await cli([`--token=${token}`, "nope"], { HINDSIGHT_TOKEN: "other-token-123" });
    expect(usage.code).toBe(2);
    expect(usage.all).not.toContain(token);
  });
});

describe("the built executable", () => {
  const bin = fileURLToPath(new URL("../dist/main.js", import.meta.url));
  // Built before tests by turbo (`test` depends on `build`); a bare `vitest` run may not have it.
  it.skipIf(!existsSync(bin) && process.env.CI !== "true")("runs with node and exits with the command's code", () => {
    const help = spawnSync(process.execPath, [bin, "--help"], { encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: hindsight");
    const usage = spawnSync(process.execPath, [bin, "search"], { encoding: "utf8", env: { PATH: process.env.PATH } });
    expect(usage.status).toBe(2);
    const down = spawnSync(process.execPath, [bin, "search", "x"], {
      encoding: "utf8",
      env: { PATH: process.env.PATH, HINDSIGHT_URL: "http://127.0.0.1:1", HINDSIGHT_TOKEN: "spawned-token-123456" },
    });
    expect(down.status).toBe(1);
    expect(down.stderr).toMatch(/^hindsight: cannot reach Hindsight/);
    expect(down.stderr + down.stdout).not.toContain("spawned-token-123456");
  });
});
