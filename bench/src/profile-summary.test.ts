import { describe, expect, it } from "vitest";
import { activityLabel, ownerOf, statementShape, summariseActivity, summariseCpuProfile, type CpuProfile } from "./profile-summary.js";

describe("CPU profile owners", () => {
  it.each([
    ["file:///work/x/packages/search/dist/text/snippet.js", "matchSpans", "packages/search"],
    ["file:///work/x/apps/api/dist/services/search-service.js", "searchEntries", "apps/api"],
    ["file:///work/x/node_modules/.pnpm/pg@8.23.1/node_modules/pg/lib/result.js", "addFields", "pg"],
    ["file:///work/x/node_modules/.pnpm/@fastify+ajv@1/node_modules/@fastify/ajv-compiler/index.js", "f", "@fastify/ajv-compiler"],
    ["node:internal/streams/writable", "write", "node:internal"],
    ["wasm://wasm/022a9842", "wasm-function[2977]", "wasm"],
    ["", "(garbage collector)", "(garbage collector)"],
    ["", "writev", "(native)"],
  ])("%s %s -> %s", (url, fn, owner) => {
    expect(ownerOf(url, fn)).toBe(owner);
  });
});

describe("CPU profile summary", () => {
  const frame = (functionName: string, url = "", lineNumber = 0) => ({ functionName, url, lineNumber });
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame("(root)") },
      { id: 2, callFrame: frame("(idle)") },
      { id: 3, callFrame: frame("stem", "file:///r/node_modules/stemmer/index.js", 77) },
      { id: 4, callFrame: frame("makeSnippet", "file:///r/packages/search/dist/text/snippet.js", 24) },
      { id: 5, callFrame: frame("", "file:///r/packages/search/dist/text/snippet.js", 2) },
    ],
    // 4 ms idle, 3 ms stemmer, 2 + 1 ms in packages/search (two functions)
    samples: [2, 3, 4, 2, 3, 5, 2, 3, 4, 2],
    timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
  };

  it("sums self time per owner and per function, shares of the busy part", () => {
    const s = summariseCpuProfile(profile);
    expect(s.totalMs).toBe(10);
    expect(s.busyShare).toBeCloseTo(0.6, 10);
    expect(s.byOwner).toEqual([
      { name: "packages/search", ms: 3, share: 0.5 },
      { name: "stemmer", ms: 3, share: 0.5 },
    ]);
    expect(s.byFunction.map((r) => [r.name, r.ms])).toEqual([
      ["stem stemmer/index.js:78 [stemmer]", 3],
      ["makeSnippet text/snippet.js:25 [packages/search]", 2],
      ["(anonymous) text/snippet.js:3 [packages/search]", 1],
    ]);
  });

  it("keeps the top rows only", () => {
    expect(summariseCpuProfile(profile, 1).byFunction).toHaveLength(1);
  });
});

describe("Postgres activity samples", () => {
  it("folds literals, parameters and lists into one statement shape", () => {
    expect(statementShape("select * from t where a = $1 and b in (1, 2, 3)\n  and c = 'it''s'")).toBe("select * from t where a = ? and b in (?) and c = ?");
    expect(statementShape("insert into x (a, b) values ($1, $2), ($3, $4)")).toBe("insert into x (a, b) values (?)");
    expect(statementShape("SELECT 1 -- comment\nFROM t")).toBe("select ? from t");
    expect(statementShape("x".repeat(200), 10)).toBe("xxxxxxxxx…");
  });

  it("labels busy backends by state and statement, idle ones not at all", () => {
    expect(activityLabel({ state: "idle", wait_event_type: "Client", wait_event: "ClientRead", query: "commit" })).toBeNull();
    expect(activityLabel({ state: "active", wait_event_type: null, wait_event: null, query: "select $1" })).toBe("active: select ?");
    expect(activityLabel({ state: "active", wait_event_type: "IO", wait_event: "WALSync", query: "commit" })).toBe("active [IO:WALSync]: commit");
    expect(activityLabel({ state: "idle in transaction", wait_event_type: "Client", wait_event: "ClientRead", query: "begin" })).toBe("idle in transaction: after begin");
  });

  it("summarises samples as shares of busy backend time and backends per sample", () => {
    const s = summariseActivity([["a", "b"], ["a"], [], ["a", "a"]]);
    expect(s.samples).toBe(4);
    expect(s.meanBusyBackends).toBe(1.25);
    expect(s.rows).toEqual([
      { label: "a", share: 0.8, meanBackends: 1 },
      { label: "b", share: 0.2, meanBackends: 0.25 },
    ]);
  });
});
