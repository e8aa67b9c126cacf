// `hindsight-admin send-digests --frequency daily`: sends the due digests once, for cron. Safe beside
// running servers on Postgres (each digest is claimed by one sender); on the embedded database stop
// the server first (PGlite is one process's), or leave sending to the server's own scheduler.
import { createDatabase, runMigrations } from "@hindsight/db";
import type { DigestFrequency } from "@hindsight/domain";
import type { Config } from "../config.js";
import { sendDigests, type DigestRunSummary } from "../services/digest-service.js";
import { createSmtpMailer } from "../services/mailer.js";
import { createSearch } from "../services/search-setup.js";

export async function sendDigestsOnce(config: Config, frequency: DigestFrequency, onError: (err: unknown) => void): Promise<DigestRunSummary> {
  const database = await createDatabase(config.database);
  const mailer = config.digests.smtp ? createSmtpMailer(config.digests.smtp) : null;
  try {
    await runMigrations(database);
    const { engine } = await createSearch(config, database);
    return await sendDigests({ db: database.db, engine, config, mailer }, frequency, new Date(), onError);
  } finally {
    mailer?.close();
    await database.close();
  }
}
