// The shared test corpus (../shared/corpus beside the repository root): real postmortems, runbooks
// and a Slack export. Missing under CI=true is a failure; elsewhere the tests that need it skip.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const CORPUS = fileURLToPath(new URL("../../../../../shared/corpus", import.meta.url));
export const corpusMissing = !existsSync(join(CORPUS, "README.md"));
if (corpusMissing && process.env.CI === "true") {
  throw new Error(`test corpus not found at ${CORPUS}: CI must provide ../shared/corpus beside the repository root`);
}
export const corpusSkipReason = corpusMissing ? `no corpus at ${CORPUS}` : null;

/** Every file under `dir`, in a stable order. */
function walk(dir: string): string[] {
  const paths = readdirSync(dir, { recursive: true, encoding: "utf8" }).map((p) => join(dir, p));
  return paths.filter((p) => statSync(p).isFile()).sort();
}

export interface CorpusFile {
  /** Path inside its folder, used as the import's externalKey. */
  path: string;
  markdown: string;
}

/** All postmortems: every file but READMEs and licence notes (one upstream file has no .md extension). */
export function corpusPostmortems(): CorpusFile[] {
  const root = join(CORPUS, "postmortems");
  return walk(root)
    .filter((p) => {
      const name = p.split("/").pop()!;
      return !/^(README\.md|LICENSE|SOURCE\.txt)$/.test(name) && !/template/i.test(name) && !p.endsWith(".jsonl");
    })
    .map((p) => ({ path: relative(root, p), markdown: readFileSync(p, "utf8") }));
}

export function corpusRunbooks(): CorpusFile[] {
  const root = join(CORPUS, "runbooks");
  return walk(root)
    .filter((p) => p.endsWith(".md"))
    .map((p) => ({ path: relative(root, p), markdown: readFileSync(p, "utf8") }));
}

/** The Slack export as an importer receives it: paths inside the export -> file text. */
export function corpusSlackExport(): Record<string, string> {
  const root = join(CORPUS, "slack/zulip-slack-importer-fixtures");
  const files: Record<string, string> = {};
  for (const p of walk(join(root, "export_test_slack_importer"))) {
    if (p.endsWith(".json")) files[relative(join(root, "export_test_slack_importer"), p)] = readFileSync(p, "utf8");
  }
  const channels = join(root, "workspace_metadata/channels.json");
  if (existsSync(channels)) files["channels.json"] = readFileSync(channels, "utf8");
  return files;
}

export function jsonlCount(path: string): number {
  return readFileSync(join(CORPUS, path), "utf8").split("\n").filter((l) => l.trim()).length;
}

/** A Slack message fixture (threads, broadcasts, rich text, files), as one channel-day file. */
export function corpusSlackFixture(name: string): string {
  return readFileSync(join(CORPUS, "slack/zulip-slack-importer-fixtures/exported_messages_fixtures", name), "utf8");
}
