// The CLI on real files written by others (../shared/corpus): 108 prometheus-operator runbooks
// published as docs-as-code, and a real Slack export folder imported.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CORPUS, corpusMissing } from "./test/corpus.js";
import { cli, startServer, type TestServer } from "./test/server.js";

describe.skipIf(corpusMissing)("shared corpus", () => {
  let server: TestServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startServer();
    env = { HINDSIGHT_URL: server.url, HINDSIGHT_TOKEN: server.token };
  });
  afterAll(async () => server?.close());

  const runbooks = path.join(CORPUS, "runbooks");

  it("publishes every real runbook, idempotently, and finds one by its alert", async () => {
    const first = await cli(["publish", runbooks, "--kind", "runbook", "--source", "prometheus-operator", "--batch-size", "50"], env);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^108 files: 108 created, 0 updated, 0 unchanged$/m);

    const again = await cli(["publish", runbooks, "--kind", "runbook", "--source", "prometheus-operator"], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^108 files: 0 created, 0 updated, 108 unchanged$/m);

    // Among the first five: the engine currently ranks sibling alerts (FilesFillingUp, …) above the exact name.
    const hit = await cli(["search", "NodeFilesystemSpaceFillingUp", "--json", "--limit", "5"], env);
    const parsed = JSON.parse(hit.stdout) as { hits: { externalKey: string; kind: string }[] };
    expect(parsed.hits.map((h) => h.externalKey)).toContain("prometheus-operator-runbooks/node/NodeFilesystemSpaceFillingUp.md");
    expect(parsed.hits.every((h) => h.kind === "runbook")).toBe(true);
  });

  it("imports the real Slack export folder and re-imports it without duplicates", async () => {
    const exportDir = path.join(CORPUS, "slack/zulip-slack-importer-fixtures/export_test_slack_importer");
    const first = await cli(["import", "slack", exportDir], env);
    expect(first.code).toBe(0);
    const created = /(\d+) entries: (\d+) created/.exec(first.stdout);
    expect(Number(created?.[2])).toBeGreaterThan(0);
    const again = await cli(["import", "slack", exportDir], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`${created?.[1]} entries: 0 created, 0 updated, ${created?.[1]} unchanged`);
  });
});
