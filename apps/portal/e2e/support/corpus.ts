// The shared test corpus (`../shared/corpus` beside the repository root) as the e2e scenarios use it:
// the real Slack export, zipped the way Slack hands it out. Missing corpus: skip locally, fail in CI.
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { zipSync } from "fflate";
import { CORPUS_DIR } from "./paths.js";

const SLACK_FIXTURES = join(CORPUS_DIR, "slack/zulip-slack-importer-fixtures");

export function corpusSkipReason(): string | null {
  if (existsSync(join(SLACK_FIXTURES, "export_test_slack_importer"))) return null;
  const reason = `no Slack export in the corpus at ${SLACK_FIXTURES}`;
  if (process.env.CI === "true") throw new Error(`e2e: ${reason}; CI must provide ../shared/corpus beside the repository root`);
  return reason;
}


/** Every file under `dir`, in a stable order. */
function walk(dir: string): string[] {
  const paths = readdirSync(dir, { recursive: true, encoding: "utf8" }).map((p) => join(dir, p));
  return paths.filter((p) => statSync(p).isFile()).sort();
}

/**
 * Zips the corpus Slack export into a temporary file and returns its path. Layout as Slack exports it:
 * `channels.json`, `users.json` and `<channel>/<date>.json` at the top of the archive.
 */
export function zipCorpusSlackExport(): string {
  const exportDir = join(SLACK_FIXTURES, "export_test_slack_importer");
  const files: Record<string, Uint8Array> = {};
  for (const path of walk(exportDir)) {
    if (path.endsWith(".json")) files[relative(exportDir, path)] = readFileSync(path);
  }
  const channels = join(SLACK_FIXTURES, "workspace_metadata/channels.json");
  if (!files["channels.json"] && existsSync(channels)) files["channels.json"] = readFileSync(channels);
  const zipPath = join(mkdtempSync(join(tmpdir(), "hindsight-e2e-slack-")), "slack-export.zip");
  writeFileSync(zipPath, zipSync(files, { level: 6 }));
  return zipPath;
}
