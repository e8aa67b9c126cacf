import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("loadConfig", () => {
  it("defaults to PGlite in ./.data on port 3000 with the postgres search engine", () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database).toEqual({ driver: "pglite", dataDir: path.resolve(".data") });
    expect(c.search).toEqual({ engine: "postgres" });
    expect(c.seed).toBe(true);
    expect(c.adminToken).toBeNull();
    expect(c.searchLogDays).toBe(180);
    expect(c.publicUrl).toBe("http://localhost:3000");
    expect(c.slack).toBeNull();
  });

  it("turns ChatOps for Slack on with a signing secret, linking to the public URL", () => {
    const c = loadConfig({
      SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5",
      HINDSIGHT_PUBLIC_URL: "https://hindsight.example.com/",
      SLACK_SAVE_VISIBILITY: "org",
    });
    expect(c.slack).toEqual({ signingSecret: "8f742231b10e8888abcd99yyyzzz85a5", saveVisibility: "org" });
    expect(c.publicUrl).toBe("https://hindsight.example.com");
    expect(loadConfig({ SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5" }).slack?.saveVisibility).toBe("team");
    expect(loadConfig({ PORT: "8080" }).publicUrl).toBe("http://localhost:8080");
  });

  it("uses Postgres when DATABASE_URL is set", () => {
    const c = loadConfig({ DATABASE_URL: "postgres://postgres@127.0.0.1:5432/hindsight" });
    expect(c.database).toEqual({ driver: "postgres", url: "postgres://postgres@127.0.0.1:5432/hindsight" });
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ SEARCH_ENGINE: "elastic" }, "SEARCH_ENGINE"],
    [{ SEARCH_ENGINE: "meilisearch" }, "MEILI_URL"],
    [{ MEILI_URL: "not a url" }, "MEILI_URL"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ HINDSIGHT_SEED: "maybe" }, "HINDSIGHT_SEED"],
    [{ SEARCH_LOG_DAYS: "0" }, "SEARCH_LOG_DAYS"],
    [{ SEARCH_LOG_DAYS: "a year" }, "SEARCH_LOG_DAYS"],
    [{ SLACK_SIGNING_SECRET: "short" }, "SLACK_SIGNING_SECRET"],
    [{ SLACK_SAVE_VISIBILITY: "restricted" }, "SLACK_SAVE_VISIBILITY"],
    [{ HINDSIGHT_PUBLIC_URL: "hindsight.example.com" }, "HINDSIGHT_PUBLIC_URL"],
    [{ HINDSIGHT_PUBLIC_URL: "ftp://hindsight.example.com" }, "HINDSIGHT_PUBLIC_URL"],
  ])("rejects %j naming %s", (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`\\b${variable}\\b`));
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", PORT: "" }).database.driver).toBe("pglite");
  });
});
