// Crash safety on Postgres: the real server is SIGKILLed during a 10,000-entry REST import
// (crash-import.ts) and started again on the same throwaway database. Prints the figures. Runs when
// Postgres is reachable; with CI=true a missing Postgres fails.
import { createDatabase } from "@hindsight/db";
import { describe, it } from "vitest";
import { expectEveryKillSurvived, generate, importUnderKills, inspect, report, SEED } from "./crash-import.js";
import { postgresSkipReason, scratchPostgresDatabase as scratchDatabase } from "@hindsight/db/testing";

const skip = await postgresSkipReason("the reliability tests");

describe("crash safety on Postgres: SIGKILL during a 10,000-entry REST import", () => {
  it.skipIf(skip !== null)(
    `loses nothing acknowledged, leaves no batch half there, keeps the index equal to the data, restarts without repair${skip ? ` (skipped: ${skip})` : ""}`,
    async () => {
      const scratch = await scratchDatabase("hindsight_crash");
      try {
        const batches = generate(SEED);
        const { figures, acked } = await importUnderKills({ DATABASE_URL: scratch.url }, batches, SEED + 1);
        const database = await createDatabase({ driver: "postgres", url: scratch.url, poolSize: 2 });
        try {
          await inspect(database, batches, acked, figures);
        } finally {
          await database.close();
        }
        report("postgres", figures);
        expectEveryKillSurvived(figures);
      } finally {
        await scratch.drop();
      }
    },
    240_000,
  );
});
