// The `hindsight-admin` command of the API package: operational tasks run beside (not inside) the
// server, with direct database access (the `hindsight` command of apps/cli talks to a server over REST).
import { Command, InvalidArgumentError } from "commander";
import { DataDirLocked } from "@hindsight/db";
import { DomainError } from "@hindsight/domain";
import { ConfigError, loadConfig } from "../config.js";
import { backupCommand, restoreCommand } from "./backup.js";
import { createAdmin, readStdin } from "./create-admin.js";
import { reindex } from "./reindex.js";
import { sendDigestsOnce } from "./send-digests.js";
import { scrubSecrets } from "../services/mailer.js";

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

program
  .command("create-admin")
  .description("create an admin with a password (or make an existing account admin with a new password, ending its sessions)")
  .requiredOption("--handle <handle>", "the sign-in handle, such as ada")
  .option("--name <name>", "the display name (default: the handle)")
  .option("--email <email>", "an e-mail address, also usable to sign in")
  .option("--password-stdin", "read the password from standard input; otherwise a strong one is generated and printed once")
  .action(async (opts: { handle: string; name?: string; email?: string; passwordStdin?: boolean }) => {
    const config = loadConfig();
    const password = opts.passwordStdin ? await readStdin() : null;
    const result = await createAdmin(config, { handle: opts.handle, name: opts.name ?? opts.handle, email: opts.email, password });
    console.log(`${result.created ? "created admin" : "made admin, with a new password:"} ${result.handle}`);
    if (result.generatedPassword) console.log(`password (shown once; change it after signing in): ${result.generatedPassword}`);
  });

program
  .command("send-digests")
  .description("send the due subscription digests of one frequency now (for cron; safe to run beside servers on Postgres)")
  .requiredOption("--frequency <frequency>", "daily or weekly")
  .action(async (opts: { frequency: string }) => {
    if (opts.frequency !== "daily" && opts.frequency !== "weekly") throw new InvalidArgumentError("--frequency must be daily or weekly");
    const config = loadConfig();
    if (!config.digests.smtp) console.error("hindsight-admin: HINDSIGHT_SMTP_URL is not set; only chat digests are sent");
    const smtpUrl = config.digests.smtp?.url ?? null;
    const s = await sendDigestsOnce(config, opts.frequency, (err) => console.error(`hindsight-admin: a digest failed: ${scrubSecrets(String((err as Error).message ?? err), smtpUrl)}`));
    console.log(`${s.frequency} digests: ${s.sent} sent, ${s.empty} with nothing new, ${s.skipped} not due or already sent, ${s.failed} failed (retried next run)`);
    if (s.failed > 0) process.exitCode = 1;
  });

program
  .command("backup")
  .description("write the whole workspace to a gzipped JSON-lines file (on the embedded database, stop the server first)")
  .argument("<file>", "where to write, such as hindsight-2026-12-06.jsonl.gz")
  .action(async (file: string) => {
    const config = loadConfig();
    const s = await backupCommand(config, file);
    console.log(`backed up ${s.rows} rows of ${s.tables} tables to ${s.file} (${s.bytes} bytes)`);
  });

program
  .command("restore")
  .description("restore a backup into an empty database in one transaction, then rebuild the search index")
  .argument("<file>", "a file written by hindsight-admin backup")
  .option("--force", "replace everything the database holds (default: refuse a database that holds anything)")
  .option("--no-progress", "no progress bar while re-indexing (for logs)")
  .action(async (file: string, opts: { force?: boolean; progress: boolean }) => {
    const config = loadConfig();
    const r = await restoreCommand(config, file, { force: opts.force, progress: opts.progress && process.stdout.isTTY === true });
    console.log(`restored ${r.rows} rows of ${r.tables} tables from ${file} (made ${r.header.createdAt} at migration ${r.header.migrations.level})`);
    console.log(`reindexed ${r.reindex.indexed} of ${r.reindex.entries} entries into ${config.search.engine}: ${r.reindex.ok ? "counts match" : "COUNT MISMATCH"}`);
    if (!r.reindex.ok) process.exitCode = 1;
  });

program.parseAsync().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirLocked || err instanceof DomainError || err instanceof InvalidArgumentError) {
    console.error(`hindsight-admin: ${err.message}`);
    process.exit(2);
  }
  console.error("hindsight-admin:", err);
  process.exit(1);
});
