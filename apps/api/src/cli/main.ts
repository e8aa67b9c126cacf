// The `hindsight-admin` command of the API package: operational tasks run beside (not inside) the
// server, with direct database access (the `hindsight` command of apps/cli talks to a server over REST).
import { Command } from "commander";
import { DataDirLocked } from "@hindsight/db";
import { ConfigError, loadConfig } from "../config.js";
import { reindex } from "./reindex.js";

const program = new Command("hindsight-admin").description("Hindsight operations (configuration from the same environment variables as the server)");

program
  .command("reindex")
  .description("rebuild the search engine from the database, then check the counts match")
  .option("--batch-size <n>", "entries per batch", (v) => Number.parseInt(v, 10), 500)
  .option("--no-progress", "no progress bar (for logs)")
  .action(async (opts: { batchSize: number; progress: boolean }) => {
    const config = loadConfig();
    const result = await reindex(config, { batchSize: opts.batchSize, progress: opts.progress && process.stdout.isTTY === true });
    console.log(
      `reindexed ${result.indexed} of ${result.entries} entries into ${config.search.engine}; the engine holds ${result.engineCount}: ${result.ok ? "counts match" : "COUNT MISMATCH"}`,
    );
    if (!result.ok) process.exitCode = 1;
  });

program.parseAsync().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirLocked) {
    console.error(`hindsight-admin: ${err.message}`);
    process.exit(2);
  }
  console.error("hindsight-admin:", err);
  process.exit(1);
});
